package sfnt

import (
	"testing"
)

// FuzzSubset: whatever bytes a museum's font file holds, Parse and Subset
// return an error or a file, and never panic; a subset that comes back
// parses again and maps every code it was asked to keep.
func FuzzSubset(f *testing.F) {
	whole, err := Parse(dejaVu(f))
	if err != nil {
		f.Fatal(err)
	}
	small, err := whole.Subset([]rune("Ab"), nil)
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
		out, err := font.Subset([]rune(text), map[rune]uint16{0xE000: extra})
		if err != nil {
			return
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("the subset does not parse: %v", err)
		}
		for _, r := range text {
			if g, ok := font.Glyph(r); ok && r != 0xE000 { // 0xE000 is remapped to extra
				if h, ok := again.Glyph(r); !ok || h != g {
					t.Fatalf("U+%04X: glyph %d in the subset, %d in the font", r, h, g)
				}
			}
		}
	})
}
