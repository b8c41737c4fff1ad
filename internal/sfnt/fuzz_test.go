package sfnt

import (
	"testing"
)

// FuzzSubset: whatever bytes a museum's font file holds, Parse and Subset
// return an error or a file, and never panic; a subset that comes back
// parses again, has no more glyphs than the font and the added one (the
// last), and maps every code it was asked to keep to a glyph as wide.
func FuzzSubset(f *testing.F) {
	whole, err := Parse(dejaVu(f))
	if err != nil {
		f.Fatal(err)
	}
	small, err := whole.Subset([]rune("Ab"), nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small, "Ab", uint16(3))
	f.Add(small[:len(small)/2], "A", uint16(0))
	f.Add([]byte("\x00\x01\x00\x00\x00\x00"), "", uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, text string, extra uint16) {
		font, err := Parse(data)
		if err != nil {
			return
		}
		// 0xE001 draws an added glyph: the extra one, moved and raised.
		added := []Composite{{Parts: []Part{{Glyph: extra, DX: int(extra) % 700, DY: 300}}, Advance: int(extra)}}
		n := uint16(font.NumGlyphs())
		out, err := font.Subset([]rune(text), map[rune]uint16{0xE000: extra, 0xE001: n}, added)
		if err != nil {
			return
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("the subset does not parse: %v", err)
		}
		last := uint16(again.NumGlyphs() - 1)
		if again.NumGlyphs() > int(n)+1 {
			t.Fatalf("%d glyphs in the subset, more than the font's %d and the added one", again.NumGlyphs(), n)
		}
		if g, ok := again.Glyph(0xE001); !ok || g != last {
			t.Fatalf("the added glyph is glyph %d (%v), want the last, %d", g, ok, last)
		}
		for _, r := range text {
			if g, ok := font.Glyph(r); ok && r != 0xE000 && r != 0xE001 { // remapped
				if h, ok := again.Glyph(r); !ok || again.Width(h) != font.Width(g) {
					t.Fatalf("U+%04X: glyph %d (width %d) in the subset, %d (width %d) in the font", r, h, again.Width(h), g, font.Width(g))
				}
			}
		}
	})
}
