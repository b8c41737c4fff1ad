package sfnt

import (
	"os"
	"testing"
)

func dejaVu(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestWithCodes: the copy keeps every mapping of the original, adds the
// new ones, and reads back the same widths.
func TestWithCodes(t *testing.T) {
	f, err := Parse(dejaVu(t))
	if err != nil {
		t.Fatal(err)
	}
	g, ok := f.Glyph('ب')
	if !ok || f.Width(g) == 0 {
		t.Fatalf("beh: glyph %d, %v", g, ok)
	}
	extra := map[rune]uint16{0xE000: 6020, 0xE001: g}
	data, err := f.WithCodes(extra)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.cmap) != len(f.cmap)+2 {
		t.Errorf("%d mappings, want %d", len(c.cmap), len(f.cmap)+2)
	}
	for r, g := range f.cmap {
		if c.cmap[r] != g {
			t.Fatalf("U+%04X: glyph %d, was %d", r, c.cmap[r], g)
		}
	}
	for r, g := range extra {
		if c.cmap[r] != g {
			t.Errorf("U+%04X: glyph %d, want %d", r, c.cmap[r], g)
		}
	}
	if got := c.Runes(6020); len(got) != 1 || got[0] != 0xE000 {
		t.Errorf("glyph 6020 reached by %U", got)
	}
	if checksum(data) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x", checksum(data))
	}
	if _, err := f.WithCodes(map[rune]uint16{0xE000: uint16(f.NumGlyphs())}); err == nil {
		t.Error("a glyph past the font's end was mapped")
	}
}
