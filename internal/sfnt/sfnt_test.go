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
// offsets, with its own advance, under the code extra gives it; the
// font's own glyphs keep their IDs and widths.
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
	if c.NumGlyphs() != int(n)+2 {
		t.Fatalf("%d glyphs, want %d", c.NumGlyphs(), n+2)
	}
	for g := range n {
		if c.Width(g) != f.Width(g) {
			t.Fatalf("glyph %d: width %d, was %d", g, c.Width(g), f.Width(g))
		}
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
		id := n + uint16(i)
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
