package sfnt

import (
	"bytes"
	"os"
	"testing"
)

func dejaVu(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSubset: the subset maps the drawn codes, the extra ones and
// Latin-1, and nothing else; it keeps their outlines (and glyph 0's)
// byte for byte and empties every other, with every glyph's ID and width
// unchanged, in a file whose checksums are right.
func TestSubset(t *testing.T) {
	f, err := Parse(dejaVu(t))
	if err != nil {
		t.Fatal(err)
	}
	beh, ok := f.Glyph('ب')
	if !ok || f.Width(beh) == 0 {
		t.Fatalf("beh: glyph %d, %v", beh, ok)
	}
	zhe, _ := f.Glyph('Ж')
	extra := map[rune]uint16{0xE000: 6020, 0xE001: beh}
	data, err := f.Subset([]rune("Ǻب"), extra)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[rune]uint16{}
	for r, g := range f.cmap {
		if r <= 0xFF || r == 'Ǻ' || r == 'ب' {
			want[r] = g
		}
	}
	for r, g := range extra {
		want[r] = g
	}
	if len(c.cmap) != len(want) {
		t.Errorf("%d mappings, want %d", len(c.cmap), len(want))
	}
	for r, g := range want {
		if c.cmap[r] != g {
			t.Errorf("U+%04X: glyph %d, want %d", r, c.cmap[r], g)
		}
	}
	outline := func(f *Font, g uint16) []byte { return f.tables["glyf"][f.loca[g]:f.loca[g+1]] }
	aring, _ := f.Glyph('Ǻ')
	if len(outline(f, aring)) < 10 || int16(be.Uint16(outline(f, aring))) >= 0 {
		t.Fatal("Ǻ is no longer a composite glyph in DejaVu Sans: pick another")
	}
	kept := 0
	for g := range f.NumGlyphs() {
		if c.Width(uint16(g)) != f.Width(uint16(g)) {
			t.Fatalf("glyph %d: width %d, was %d", g, c.Width(uint16(g)), f.Width(uint16(g)))
		}
		if o := outline(c, uint16(g)); len(o) > 0 {
			kept++
			if !bytes.Equal(o, outline(f, uint16(g))) {
				t.Errorf("glyph %d's outline changed", g)
			}
		}
	}
	for _, g := range []uint16{0, beh, 6020, aring} {
		if len(outline(c, g)) == 0 {
			t.Errorf("glyph %d lost its outline", g)
		}
	}
	if len(outline(c, zhe)) != 0 {
		t.Errorf("Ж, not drawn, kept its outline")
	}
	// Ǻ is built of A, the ring and the acute: more glyphs than codes.
	if kept <= len(want)-1 {
		t.Errorf("%d outlines kept for %d codes: a composite's components are missing", kept, len(want))
	}
	if len(data) > len(f.data)/5 {
		t.Errorf("the subset is %d bytes, the font %d", len(data), len(f.data))
	}
	if checksum(data) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x", checksum(data))
	}
	if _, err := f.Subset(nil, map[rune]uint16{0xE000: uint16(f.NumGlyphs())}); err == nil {
		t.Error("a glyph past the font's end was mapped")
	}
}

// TestSubsetRefusesDamagedOutlines: a loca table out of order, or a
// composite glyph that refers to itself, is an error, not a panic.
func TestSubsetRefusesDamagedOutlines(t *testing.T) {
	raw := dejaVu(t)
	f, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	aring, _ := f.Glyph('Ǻ')
	glyfAt := func(data []byte, tag string) int {
		for i := range int(be.Uint16(data[4:])) {
			if rec := data[12+16*i:]; string(rec[:4]) == tag {
				return int(be.Uint32(rec[8:]))
			}
		}
		t.Fatalf("no %s table", tag)
		return 0
	}
	selfRef := bytes.Clone(raw)
	at := glyfAt(selfRef, "glyf") + int(f.loca[aring])
	be.PutUint16(selfRef[at+12:], aring) // its first component is itself
	badLoca := bytes.Clone(raw)
	be.PutUint16(badLoca[glyfAt(badLoca, "loca")+2*10:], 0xFFFF)
	for name, data := range map[string][]byte{"self-reference": selfRef, "loca": badLoca} {
		g, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := g.Subset([]rune("Ǻ"), nil); err == nil {
			t.Errorf("%s: no error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
