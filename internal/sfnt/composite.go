package sfnt

import (
	"bytes"
	"fmt"
	"math"
)

// A Composite is a glyph a subset adds to the font: other glyphs of the
// font placed at offsets from its origin, with an advance of its own.
//
// The PDF drawer builds one for each cluster the shaper sets with more
// than one glyph (a letter and the marks GPOS places on it, a mark
// ligature on its letter): drawn with one code, the cluster maps to its
// text in the ToUnicode map with that one code, so that every code the
// document draws stands for text (PDF/UA-1 7.21.7) and a text extractor
// sees one character where it would otherwise see a letter and marks
// off its baseline (poppler then splits the word).
type Composite struct {
	Parts []Part
	// Advance is how far the pen moves after the composite, font units.
	Advance int
}

// A Part is one glyph of a Composite.
type Part struct {
	Glyph uint16
	// DX and DY are the glyph's origin from the composite's, font units,
	// Y upwards.
	DX, DY int
}

// Upem is the font's units per em, the unit of Composite offsets.
func (f *Font) Upem() int { return f.upem }

// Thousandths is an advance of units font units in thousandths of an
// em, rounded as Width rounds: what the PDF writer's W array will say.
func (f *Font) Thousandths(units int) int {
	return int(math.Round(1000 / float64(f.upem) * float64(units)))
}

// Composite glyph flags this package writes.
const argsAreXYValues = 0x0002

// composite is one added glyph's outline data: a composite glyph header
// whose bounding box is the union of its parts' boxes, then one record
// a part, each with word-sized XY offsets and the part's new ID.
func (f *Font) composite(c Composite, newID []uint16) ([]byte, error) {
	if len(c.Parts) == 0 {
		return nil, &Error{"an added glyph has no parts"}
	}
	out := make([]byte, 10, 10+8*len(c.Parts))
	be.PutUint16(out, 0xFFFF) // numberOfContours −1: composite
	box := bbox{empty: true}
	for i, p := range c.Parts {
		if int(p.Glyph) >= f.glyphs {
			return nil, &Error{fmt.Sprintf("an added glyph names glyph %d of %d", p.Glyph, f.glyphs)}
		}
		if p.DX < math.MinInt16 || p.DX > math.MaxInt16 || p.DY < math.MinInt16 || p.DY > math.MaxInt16 {
			return nil, &Error{fmt.Sprintf("an added glyph places glyph %d %d, %d units away", p.Glyph, p.DX, p.DY)}
		}
		box.union(f.glyphBox(p.Glyph), p.DX, p.DY)
		flags := uint16(argsAreWords | argsAreXYValues)
		if i < len(c.Parts)-1 {
			flags |= moreComponents
		}
		var rec [8]byte
		be.PutUint16(rec[0:], flags)
		be.PutUint16(rec[2:], newID[p.Glyph])
		be.PutUint16(rec[4:], uint16(int16(p.DX)))
		be.PutUint16(rec[6:], uint16(int16(p.DY)))
		out = append(out, rec[:]...)
	}
	if box.empty {
		box = bbox{}
	}
	for i, v := range []int{box.xMin, box.yMin, box.xMax, box.yMax} {
		be.PutUint16(out[2+2*i:], uint16(int16(max(math.MinInt16, min(math.MaxInt16, v)))))
	}
	return out, nil
}

type bbox struct {
	xMin, yMin, xMax, yMax int
	empty                  bool
}

// union widens b by o moved by dx, dy.
func (b *bbox) union(o bbox, dx, dy int) {
	if o.empty {
		return
	}
	o.xMin, o.xMax, o.yMin, o.yMax = o.xMin+dx, o.xMax+dx, o.yMin+dy, o.yMax+dy
	if b.empty {
		*b = o
		return
	}
	b.xMin, b.yMin = min(b.xMin, o.xMin), min(b.yMin, o.yMin)
	b.xMax, b.yMax = max(b.xMax, o.xMax), max(b.yMax, o.yMax)
}

// glyphBox is the bounding box in a glyph's header; an empty glyph (a
// space) has none.
func (f *Font) glyphBox(g uint16) bbox {
	data := f.tables["glyf"][f.loca[g]:f.loca[g+1]]
	if len(data) < 10 {
		return bbox{empty: true}
	}
	v := func(i int) int { return int(int16(be.Uint16(data[i:]))) }
	return bbox{xMin: v(2), yMin: v(4), xMax: v(6), yMax: v(8)}
}

// outlineSize is the points and contours glyph g draws, its components'
// summed for a composite, and how deep its components nest (0 for a
// simple glyph): what maxp must bound. memo holds the glyphs already
// measured: composites share components, and the walk must not repeat.
func (f *Font) outlineSize(g uint16, depth int, memo map[uint16][3]int) (points, contours, nesting int, err error) {
	if m, ok := memo[g]; ok {
		return m[0], m[1], m[2], nil
	}
	defer func() {
		if err == nil {
			memo[g] = [3]int{points, contours, nesting}
		}
	}()
	if depth > maxComponentDepth {
		return 0, 0, 0, &Error{"composite glyphs nest too deep (does one refer to itself?)"}
	}
	data := f.tables["glyf"][f.loca[g]:f.loca[g+1]]
	if len(data) < 10 {
		return 0, 0, 0, nil
	}
	if nc := int(int16(be.Uint16(data))); nc >= 0 {
		if nc == 0 || len(data) < 10+2*nc {
			return 0, nc, 0, nil
		}
		return int(be.Uint16(data[10+2*(nc-1):])) + 1, nc, 0, nil
	}
	comps, err := Components(data, f.glyphs, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	for _, c := range comps {
		p, n, d, err := f.outlineSize(uint16(c), depth+1, memo)
		if err != nil {
			return 0, 0, 0, err
		}
		points, contours, nesting = points+p, contours+n, max(nesting, d+1)
	}
	return points, contours, nesting, nil
}

// renumbered writes the subset's glyf, loca (in the font's own format)
// and hmtx tables: the glyphs of order (their IDs in the font), whose new
// IDs newID gives, then the added ones. Outline bytes are copied as they
// are, but for a composite's component IDs, which are renumbered too;
// every glyph gets a long metric of its own.
func (f *Font) renumbered(order, newID []uint16, added []Composite) (glyf, loca, hmtx []byte, err error) {
	total := len(order) + len(added)
	if total > 0xFFFF {
		return nil, nil, nil, &Error{fmt.Sprintf("%d glyphs with the added ones, more than a font can hold", total)}
	}
	src, hsrc := f.tables["glyf"], f.tables["hmtx"]
	long := be.Uint16(f.tables["head"][50:]) == 1
	size := 0
	for _, g := range order {
		size += int(f.loca[g+1] - f.loca[g])
	}
	glyf = make([]byte, 0, size+18*len(added))
	loca = make([]byte, 0, 4*(total+1))
	hmtx = make([]byte, 0, 4*total)
	put := func() error {
		if long {
			loca = be.AppendUint32(loca, uint32(len(glyf)))
			return nil
		}
		if len(glyf)/2 > 0xFFFF {
			return &Error{"the glyphs pass what the font's short loca offsets reach"}
		}
		loca = be.AppendUint16(loca, uint16(len(glyf)/2))
		return nil
	}
	nh := len(f.advances)
	for _, g := range order {
		if err := put(); err != nil {
			return nil, nil, nil, err
		}
		data := src[f.loca[g]:f.loca[g+1]]
		if len(data) >= 10 && int16(be.Uint16(data)) < 0 {
			data = renumberComponents(bytes.Clone(data), newID)
		}
		glyf = append(glyf, data...)
		lsb := []byte{0, 0}
		if int(g) < nh {
			lsb = hsrc[4*int(g)+2 : 4*int(g)+4]
		} else if p := 4*nh + 2*(int(g)-nh); p+2 <= len(hsrc) {
			lsb = hsrc[p : p+2]
		}
		hmtx = be.AppendUint16(hmtx, f.advances[min(int(g), nh-1)])
		hmtx = append(hmtx, lsb...)
	}
	for _, c := range added {
		if err := put(); err != nil {
			return nil, nil, nil, err
		}
		data, err := f.composite(c, newID)
		if err != nil {
			return nil, nil, nil, err
		}
		glyf = append(glyf, data...)
		if c.Advance < 0 || c.Advance > 0xFFFF {
			return nil, nil, nil, &Error{fmt.Sprintf("an added glyph advances %d units", c.Advance)}
		}
		hmtx = be.AppendUint16(hmtx, uint16(c.Advance))
		hmtx = append(hmtx, data[2:4]...) // left side bearing: xMin
	}
	if err := put(); err != nil {
		return nil, nil, nil, err
	}
	return glyf, loca, hmtx, nil
}

// renumberComponents rewrites the component glyph IDs of a composite
// glyph's outline data, which Components has read without error.
func renumberComponents(data []byte, newID []uint16) []byte {
	eachComponent(data, func(at int) error {
		be.PutUint16(data[at:], newID[be.Uint16(data[at:])])
		return nil
	})
	return data
}

// counts gives maxp and hhea the subset's glyph count (kept glyphs and
// added ones, each with a long metric), and maxp the bounds of the added
// composites: their points, contours, components and nesting.
func (f *Font) counts(tables map[string][]byte, kept int, added []Composite, newID []uint16) error {
	total := kept + len(added)
	maxp := bytes.Clone(tables["maxp"])
	hhea := bytes.Clone(tables["hhea"])
	memo := map[uint16][3]int{}
	for _, c := range added {
		be.PutUint16(hhea[10:], max(be.Uint16(hhea[10:]), uint16(c.Advance))) // advanceWidthMax
		if len(maxp) < 32 {
			continue // version 0.5: no composite bounds
		}
		points, contours, nesting := 0, 0, 0
		for _, p := range c.Parts {
			pp, pc, pd, err := f.outlineSize(p.Glyph, 1, memo)
			if err != nil {
				return err
			}
			points, contours, nesting = points+pp, contours+pc, max(nesting, pd+1)
		}
		for _, b := range []struct{ at, v int }{{10, points}, {12, contours}, {28, len(c.Parts)}, {30, nesting}} {
			be.PutUint16(maxp[b.at:], max(be.Uint16(maxp[b.at:]), uint16(min(b.v, 0xFFFF))))
		}
	}
	be.PutUint16(maxp[4:], uint16(total))
	be.PutUint16(hhea[34:], uint16(total))
	tables["maxp"], tables["hhea"] = maxp, hhea
	return nil
}
