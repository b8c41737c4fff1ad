package sfnt

import (
	"bytes"
	"os"
	"slices"
	"testing"

	gotext "github.com/go-text/typesetting/font"
)

func dejaVu(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// outlinesOf reads a glyph's outline with go-text, a font reader other
// than this package.
func outlinesOf(t *testing.T, data []byte) func(g uint16) []gotext.Segment {
	t.Helper()
	face, err := gotext.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("go-text cannot read the font: %v", err)
	}
	return func(g uint16) []gotext.Segment {
		o, _ := face.GlyphDataOutline(gotext.GID(g))
		return o.Segments
	}
}

func sameOutline(a, b []gotext.Segment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Op != b[i].Op || !slices.Equal(a[i].ArgsSlice(), b[i].ArgsSlice()) {
			return false
		}
	}
	return true
}

// TestSubset: the subset maps the drawn codes, the extra ones and
// Latin-1, and nothing else, each to a glyph drawn as the font draws it
// (read back by go-text) with the same width; it holds only those
// glyphs, the components of the composite ones, and glyph 0, numbered
// in the order they had, in a file whose checksums are right.
func TestSubset(t *testing.T) {
	f, err := Parse(dejaVu(t))
	if err != nil {
		t.Fatal(err)
	}
	beh, ok := f.Glyph('ب')
	if !ok || f.Width(beh) == 0 {
		t.Fatalf("beh: glyph %d, %v", beh, ok)
	}
	extra := map[rune]uint16{0xE000: 6020, 0xE001: beh}
	data, err := f.Subset([]rune("Ǻب"), extra, nil)
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
	orig, sub := outlinesOf(t, dejaVu(t)), outlinesOf(t, data)
	kept := map[uint16]uint16{} // glyph in the font → in the subset
	for r, g := range want {
		h, ok := c.cmap[r]
		if !ok {
			t.Errorf("U+%04X is not mapped", r)
			continue
		}
		kept[g] = h
		if c.Width(h) != f.Width(g) {
			t.Errorf("U+%04X: width %d, was %d", r, c.Width(h), f.Width(g))
		}
		if !sameOutline(sub(h), orig(g)) {
			t.Errorf("U+%04X: glyph %d of the subset is not drawn as glyph %d of the font", r, h, g)
		}
	}
	for g, h := range kept {
		for g2, h2 := range kept {
			if g < g2 && h >= h2 {
				t.Fatalf("glyphs %d and %d of the font became %d and %d: the order changed", g, g2, h, h2)
			}
		}
	}
	aring, _ := f.Glyph('Ǻ')
	if d := f.tables["glyf"][f.loca[aring]:f.loca[aring+1]]; len(d) < 10 || int16(be.Uint16(d)) >= 0 {
		t.Fatal("Ǻ is no longer a composite glyph in DejaVu Sans: pick another")
	}
	// Ǻ is built of A, the ring and the acute (A is in Latin-1 anyway):
	// more glyphs than distinct mapped glyphs, a few % of the font.
	if n := c.NumGlyphs(); n <= len(kept) || n > f.NumGlyphs()/20 {
		t.Errorf("%d glyphs for %d mapped ones (the font has %d): components missing, or too many kept", n, len(kept), f.NumGlyphs())
	}
	if len(data) > len(f.data)/5 {
		t.Errorf("the subset is %d bytes, the font %d", len(data), len(f.data))
	}
	if checksum(data) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x", checksum(data))
	}
	if _, err := f.Subset(nil, map[rune]uint16{0xE000: uint16(f.NumGlyphs())}, nil); err == nil {
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
		if _, err := g.Subset([]rune("Ǻ"), nil, nil); err == nil {
			t.Errorf("%s: no error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

// TestSubsetAddsComposites: an added glyph is drawn, by a font reader
// other than this package (go-text's), as its parts placed at their
// offsets, with its own advance, under the code extra gives it, after
// the font's own glyphs.
func TestSubsetAddsComposites(t *testing.T) {
	f, err := Parse(dejaVu(t))
	if err != nil {
		t.Fatal(err)
	}
	beh, _ := f.Glyph('ب')
	fatha, _ := f.Glyph('\u064E')
	aring, _ := f.Glyph('Ǻ') // itself a composite: the parts may nest
	added := []Composite{
		{Parts: []Part{{Glyph: beh}, {Glyph: fatha, DX: -310, DY: 120}}, Advance: 1234},
		{Parts: []Part{{Glyph: aring, DX: 50}, {Glyph: fatha, DX: 400, DY: 900}, {Glyph: fatha, DX: 400, DY: 1300}}, Advance: 1400},
	}
	n := uint16(f.NumGlyphs())
	data, err := f.Subset([]rune("A"), map[rune]uint16{0xE000: n, 0xE001: n + 1}, added)
	// The subset holds Latin-1's glyphs and the parts' (renumbered), then
	// the added ones: find them by their codes.
	if err != nil {
		t.Fatal(err)
	}
	if checksum(data) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x", checksum(data))
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	first, ok := c.Glyph(0xE000)
	if !ok || int(first) != c.NumGlyphs()-2 {
		t.Fatalf("U+E000 draws glyph %d of %d: the added glyphs are not the last two", first, c.NumGlyphs())
	}
	orig, err := gotext.ParseTTF(bytes.NewReader(dejaVu(t)))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := gotext.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("go-text cannot read the subset: %v", err)
	}
	for i, a := range added {
		id := first + uint16(i)
		if g, ok := c.Glyph(0xE000 + rune(i)); !ok || g != id {
			t.Errorf("U+%04X maps to glyph %d, want %d", 0xE000+i, g, id)
		}
		if got, want := c.Width(id), f.Thousandths(a.Advance); got != want {
			t.Errorf("added glyph %d: width %d, want %d", i, got, want)
		}
		if adv := sub.HorizontalAdvance(gotext.GID(id)); int(adv) != a.Advance {
			t.Errorf("added glyph %d: go-text reads advance %v, want %d", i, adv, a.Advance)
		}
		var want []gotext.Segment
		for _, p := range a.Parts {
			o, ok := orig.GlyphDataOutline(gotext.GID(p.Glyph))
			if !ok {
				t.Fatalf("glyph %d has no outline", p.Glyph)
			}
			for _, s := range o.Segments {
				for k := range s.ArgsSlice() {
					s.Args[k].Move(float32(p.DX), float32(p.DY))
				}
				want = append(want, s)
			}
		}
		got, ok := sub.GlyphDataOutline(gotext.GID(id))
		if !ok || len(got.Segments) != len(want) {
			t.Fatalf("added glyph %d: %d segments, want %d", i, len(got.Segments), len(want))
		}
		for k := range want {
			if got.Segments[k].Op != want[k].Op || !slices.Equal(got.Segments[k].ArgsSlice(), want[k].ArgsSlice()) {
				t.Errorf("added glyph %d, segment %d: %v, want %v", i, k, got.Segments[k], want[k])
				break
			}
		}
	}
	bad := []Composite{{Parts: []Part{{Glyph: n}}}}
	if _, err := f.Subset(nil, map[rune]uint16{0xE000: n}, bad); err == nil {
		t.Error("an added glyph built of a glyph past the font's end was accepted")
	}
	if _, err := f.Subset(nil, map[rune]uint16{0xE000: n + 1}, added[:1]); err == nil {
		t.Error("a code mapped past the added glyphs was accepted")
	}
}
