package pdftag

import (
	"strings"
	"testing"

	"pamphlet"
)

// TestToUnicodeMapsPresentationForms: joined Arabic letters map to the
// letters they are forms of (a ligature's last to first, see ToUnicode),
// everything else to itself, in ranges that stay within a 256-code block.
func TestToUnicodeMapsPresentationForms(t *testing.T) {
	cmap := string(ToUnicode([]rune{'A', 'B', 'C', 0xFE91, 0xFEFB, 0x00FF, 0x0100, 'A', 0xFF0C}))
	for _, want := range []string{
		"<0041> <0043> <0041>\n", // A–C, once
		"<00FF> <00FF> <00FF>\n<0100> <0100> <0100>\n",
		"<FE91> <0628>\n",        // beh initial form → beh
		"<FEFB> <06270644>\n",    // lam-alef → alef, lam (reversed: drawn in visual order)
		"<FF0C> <FF0C> <FF0C>\n", // a full-width comma stays full-width: no NFKC outside Arabic forms
	} {
		if !strings.Contains(cmap, want) {
			t.Errorf("CMap lacks %q:\n%s", want, cmap)
		}
	}
	if strings.Count(cmap, "<0041>") != 2 {
		t.Errorf("A mapped more than once:\n%s", cmap)
	}
}

// TestToUnicodeGlyphOrder: a Private Use Area code maps to its glyph's
// text in logical order when the text is left to right (a Latin
// ligature, read as drawn), last to first when it is Arabic or Hebrew or
// marks alone (drawn in visual order, and reversed again by readers).
func TestToUnicodeGlyphOrder(t *testing.T) {
	glyphs := map[rune]string{
		0xE000: "fi",
		0xE001: "fl",
		0xE002: "\u0631\u064E\u0651", // reh, fatha, shadda
		0xE003: "\u0651\u064E",       // shadda, fatha: marks alone
		0xE004: "\u05E9\u05C1",       // shin with its dot
		0xE005: "",                   // a mark: no entry
	}
	cmap := string(toUnicode([]rune{0xE000, 0xE001, 0xE002, 0xE003, 0xE004, 0xE005}, glyphs))
	for _, want := range []string{
		"<E000> <00660069>\n",
		"<E001> <0066006C>\n",
		"<E002> <0651064E0631>\n",
		"<E003> <064E0651>\n",
		"<E004> <05C105E9>\n",
	} {
		if !strings.Contains(cmap, want) {
			t.Errorf("CMap lacks %q:\n%s", want, cmap)
		}
	}
	if strings.Contains(cmap, "<E005>") {
		t.Errorf("a glyph with no text has an entry:\n%s", cmap)
	}
}

// TestSubsetTag: six capital letters, the same for the same subset,
// another for another subset.
func TestSubsetTag(t *testing.T) {
	a := SubsetTag(Font{PostScript: "DejaVuSans", Runes: []rune("Via Tasso")})
	b := SubsetTag(Font{PostScript: "DejaVuSans", Runes: []rune("ossaT aiV")})
	c := SubsetTag(Font{PostScript: "DejaVuSans", Runes: []rune("Via Tasso 145")})
	if len(a) != 6 || strings.Trim(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		t.Fatalf("tag %q", a)
	}
	if a != b || a == c {
		t.Errorf("tags %s, %s (same glyphs), %s (more glyphs)", a, b, c)
	}
}

func TestPostScriptName(t *testing.T) {
	for file, want := range map[string]string{
		"fonts/DejaVuSerif.ttf":     "DejaVuSerif",
		"fonts/DejaVuSans-Bold.ttf": "DejaVuSans-Bold",
	} {
		raw, err := pamphlet.Sample.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := PostScriptName(raw, "x"); got != want {
			t.Errorf("%s: %q, want %q", file, got, want)
		}
	}
	if got := PostScriptName([]byte("not a font"), "fallback"); got != "fallback" {
		t.Errorf("damaged font: %q", got)
	}
}
