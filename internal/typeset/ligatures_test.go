package typeset

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"golang.org/x/text/language"

	"pamphlet/internal/hyphen"
	"pamphlet/internal/page"
)

// ligaturesOf returns the texts of a line's ligature glyphs (glyphs that
// stand for more than one letter), in order.
func ligaturesOf(l Line) []string {
	var out []string
	for _, r := range l.Runs {
		for _, g := range r.Glyphs {
			if len([]rune(g.Cluster)) > 1 {
				out = append(out, g.Cluster)
			}
		}
	}
	return out
}

// TestLigatures: fi and fl are set as the font's ligature glyph (the
// glyph its character map gives U+FB01 and U+FB02, in the bundled
// DejaVu faces), only where no hyphenation point separates them, never
// fi in Turkish or Azerbaijani, never across a non-joiner; the line's
// text is unchanged.
func TestLigatures(t *testing.T) {
	cases := []struct {
		lang, family, text string
		hyphenate          bool
		want               []string
	}{
		{"en", "text", "office flat Kaffee", false, []string{"fi", "fl"}},
		{"en", "strong", "office flat Kaffee", false, []string{"fi", "fl"}},
		{"fr", "text", "fin fleuve FIN", false, []string{"fi", "fl"}},
		{"de", "text", "Auflage Tiefland Triebfinanz", false, []string{"fl", "fl", "fi"}},
		// Auf-la-ge, Tief-land: hyphenation points between f and l; a
		// point before the f (Trieb-fi-nanz) does not part fi.
		{"de", "text", "Auflage Tiefland Triebfinanz", true, []string{"fi"}},
		// DejaVu Serif's own locl feature keeps Turkic fi apart; DejaVu
		// Sans Bold has none, and the typesetter's rule does it.
		{"tr", "text", "ofis flüt", false, []string{"fl"}},
		{"tr", "strong", "ofis flüt", false, []string{"fl"}},
		{"az", "strong", "fil fleyta", false, []string{"fl"}},
		{"en", "text", "off\u200Cice f\u200Clat", false, nil},
		{"en", "text", "fi\u0301n", false, nil}, // a mark on the i
	}
	for _, c := range cases {
		s := setter(t, c.lang)
		lines, err := s.Set(c.text, c.family, 10, 1000, Paragraph{Hyphenate: c.hyphenate})
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) != 1 {
			t.Fatalf("%q: %d lines", c.text, len(lines))
		}
		l := lines[0]
		if got := ligaturesOf(l); !slices.Equal(got, c.want) {
			t.Errorf("%s %q (hyphenate %v): ligatures %q, want %q", c.lang, c.text, c.hyphenate, got, c.want)
		}
		if visible := strings.ReplaceAll(c.text, "\u200C", ""); l.Text() != visible || l.Logical != visible {
			t.Errorf("%s %q: drawn %q, logical %q", c.lang, c.text, l.Text(), l.Logical)
		}
		face := s.chains[c.family][0]
		for _, r := range l.Runs {
			for _, g := range r.Glyphs {
				if len([]rune(g.Cluster)) < 2 {
					continue
				}
				want, _ := face.Font().NominalGlyph(map[string]rune{"fi": 0xFB01, "fl": 0xFB02}[g.Cluster])
				if g.ID != uint16(want) || r.Font != face.Embed {
					t.Errorf("%q: %s drawn as glyph %d of %s, want glyph %d of %s", c.text, g.Cluster, g.ID, r.Font.Name, want, face.Embed.Name)
				}
			}
		}
	}
}

// TestLigatureHyphenPoints: the precondition TestLigatures relies on,
// that German patterns hyphenate Auf-lage and Tief-land between f and
// l, and Trieb-finanz before the f.
func TestLigatureHyphenPoints(t *testing.T) {
	h, ok := hyphen.For(language.German)
	if !ok {
		t.Fatal("no German patterns")
	}
	for word, at := range map[string]int{"Auflage": 3, "Tiefland": 4, "Triebfinanz": 5} {
		if !slices.Contains(h.Points(word), at) {
			t.Errorf("%s: points %v, want one at %d", word, h.Points(word), at)
		}
	}
	if slices.Contains(h.Points("Triebfinanz"), 6) {
		t.Errorf("Triebfinanz: a point between f and i")
	}
}

// glyphRunWidth checks that a run of glyphs is as wide as its glyphs'
// advances, each advance being the width the PDF writer gives the glyph,
// and returns that width.
func glyphRunWidth(t *testing.T, s *Setter, r page.Run) float64 {
	t.Helper()
	face := faceOf(t, s, r)
	w := 0.0
	for _, g := range r.Glyphs {
		w += g.Advance
		if pdf := float64(face.GlyphAdvance(font.GID(g.ID))) * r.Size / 1000; math.Abs(pdf-g.Advance) > 1e-9 {
			t.Errorf("glyph %d (%q) advances %.3f pt, the PDF width is %.3f", g.ID, g.Cluster, g.Advance, pdf)
		}
	}
	if math.Abs(w-r.Width) > 1e-9 {
		t.Errorf("run %q is %.3f pt wide, its glyphs %.3f", r.Text, r.Width, w)
	}
	return w
}

// TestLigaturesMeasured: a line with ligatures is measured with the
// ligature glyphs' own advances (narrower than f and i apart in the
// DejaVu faces), so ragged lines end where they are drawn and justified
// lines stay flush, letter-spaced or not, with no overfull line.
func TestLigaturesMeasured(t *testing.T) {
	s := setter(t, "en")
	word := "office"
	lines, err := s.Lines(word, "text", 10, 1000, AlignStart)
	if err != nil {
		t.Fatal(err)
	}
	apart, _ := s.Measure("off\u200Cice", "text", 10)
	l := lines[0]
	if len(l.Runs) != 1 || l.Runs[0].Glyphs == nil {
		t.Fatalf("office: runs %+v", l.Runs)
	}
	if w := glyphRunWidth(t, s, l.Runs[0]); math.Abs(w-l.Width) > 1e-9 || w >= apart {
		t.Errorf("office is %.3f pt wide, drawn %.3f, %.3f with f and i apart", l.Width, w, apart)
	}

	text := "The office of the fleet filed its final flight plans in the flat fields of Flanders; fifty fliers flew from the airfield, and the official files flagged every fine, flawless reflection of flags fluttering in the flow."
	for width := 90.0; width <= 300; width += 7 {
		for _, hy := range []bool{false, true} {
			lines, err := s.Set(text, "text", 10, width, Paragraph{Justify: true, Hyphenate: hy})
			if err != nil {
				t.Fatal(err)
			}
			checkParagraph(t, s, text, lines, width)
			ligs := 0
			for _, l := range lines {
				ligs += len(ligaturesOf(l))
				for _, r := range l.Runs {
					if r.Glyphs != nil {
						glyphRunWidth(t, s, r)
					}
				}
				if n := len(l.Runs); n > 0 && math.Abs(l.Runs[n-1].X+l.Runs[n-1].Width-l.Width) > 1e-6 {
					t.Errorf("width %.0f: line %q measured %.3f pt, drawn to %.3f", width, l.Text(), l.Width, l.Runs[n-1].X+l.Runs[n-1].Width)
				}
			}
			if ligs < 20 {
				t.Errorf("width %.0f: only %d ligatures", width, ligs)
			}
		}
	}
}
