// Package sfnt reads the few tables of a TrueType file that the PDF
// writer's view of the font depends on, and writes the per-document
// subset of the file that the PDF writer is handed.
//
// fpdf draws code points, not glyphs: it looks each code point up in the
// font's first Unicode format 4 cmap subtable, and subsets and embeds
// the glyph it finds there. A glyph the cmap does not reach (an Arabic
// mark ligature such as shadda with fatha, a contextual form) cannot be
// drawn at all. Subset gives such glyphs code points of their own, in
// the Private Use Area, in a file that only one document uses.
//
// fpdf also parses the whole file it is given, for every document: its
// whole character map into maps, every glyph's location, and then, when
// it subsets, the same again. Handed the 4.6 MB CJK font, that was most
// of a pamphlet's time. Subset keeps only the glyphs the document draws,
// numbered anew in the order they had, so fpdf parses kilobytes and
// loops over a few hundred glyphs, not tens of thousands; outlines,
// metrics and the tables fpdf copies into the PDF stay as they are, and
// fpdf numbers the glyphs it embeds in the same order, so the embedded
// font is the one fpdf made from the whole file.
//
// It is a leaf package: it knows neither the shaper nor the PDF writer,
// only the file format (the OpenType specification's cmap, glyf, head,
// hhea, hmtx, loca and maxp tables).
package sfnt

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
)

// Font is what this package read from one TrueType file.
type Font struct {
	data   []byte
	tables map[string][]byte
	upem   int
	// advances are the hmtx advances, in font units, one per long metric.
	advances []uint16
	glyphs   int               // maxp numGlyphs
	cmap     map[rune]uint16   // the subtable fpdf reads: code point → glyph
	byGlyph  map[uint16][]rune // glyph → its code points, ascending
	// loca holds each glyph's outline offsets in glyf, numGlyphs+1 of
	// them; locaErr is why they could not be read (Subset returns it).
	loca    []uint32
	locaErr error
}

// Error is a file this package cannot read or rewrite.
type Error struct{ Reason string }

func (e *Error) Error() string { return "font file: " + e.Reason }

var be = binary.BigEndian

// Parse reads data, which must stay unchanged while the Font is used.
func Parse(data []byte) (f *Font, err error) {
	if len(data) < 12 {
		return nil, &Error{"too short for a table directory"}
	}
	f = &Font{data: data, tables: map[string][]byte{}}
	n := int(be.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, &Error{"table directory past the end of the file"}
	}
	for i := range n {
		rec := data[12+16*i:]
		off, length := int64(be.Uint32(rec[8:])), int64(be.Uint32(rec[12:]))
		if off+length > int64(len(data)) {
			return nil, &Error{fmt.Sprintf("table %q past the end of the file", rec[:4])}
		}
		f.tables[string(rec[:4])] = data[off : off+length]
	}
	head, hhea, maxp, hmtx := f.tables["head"], f.tables["hhea"], f.tables["maxp"], f.tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || f.tables["cmap"] == nil {
		return nil, &Error{"no head, hhea, maxp or cmap table"}
	}
	f.upem = int(be.Uint16(head[18:]))
	f.glyphs = int(be.Uint16(maxp[4:]))
	nh := int(be.Uint16(hhea[34:]))
	if f.upem == 0 || nh == 0 || 4*nh > len(hmtx) {
		return nil, &Error{"bad units per em or horizontal metrics"}
	}
	f.advances = make([]uint16, nh)
	for i := range nh {
		f.advances[i] = be.Uint16(hmtx[4*i:])
	}
	if f.cmap, err = format4(f.tables["cmap"]); err != nil {
		return nil, err
	}
	f.byGlyph = map[uint16][]rune{}
	for _, r := range slices.Sorted(maps.Keys(f.cmap)) {
		g := f.cmap[r]
		f.byGlyph[g] = append(f.byGlyph[g], r)
	}
	f.loca, f.locaErr = readLoca(head, f.tables["loca"], f.glyphs, len(f.tables["glyf"]))
	return f, nil
}

// readLoca reads the offsets of numGlyphs outlines into a glyf table of
// glyfLen bytes, in head's indexToLocFormat: short (offset/2, 16 bits)
// or long (32 bits). Offsets must not decrease nor pass glyf's end.
func readLoca(head, loca []byte, numGlyphs, glyfLen int) ([]uint32, error) {
	long := be.Uint16(head[50:]) == 1
	size := 2
	if long {
		size = 4
	}
	if loca == nil || len(loca) < size*(numGlyphs+1) {
		return nil, &Error{"no loca table, or one shorter than the glyph count (not a TrueType outline font?)"}
	}
	out := make([]uint32, numGlyphs+1)
	for i := range out {
		if long {
			out[i] = be.Uint32(loca[4*i:])
		} else {
			out[i] = 2 * uint32(be.Uint16(loca[2*i:]))
		}
		if i > 0 && out[i] < out[i-1] || int64(out[i]) > int64(glyfLen) {
			return nil, &Error{fmt.Sprintf("loca: glyph %d's outline is out of order or past the end of glyf", i)}
		}
	}
	return out, nil
}

// format4 reads the cmap subtable fpdf reads: the first encoding record
// of platform 0 (Unicode), or 3 with encoding 1 (Windows BMP), whose
// subtable has format 4.
func format4(cmap []byte) (map[rune]uint16, error) {
	if len(cmap) < 4 {
		return nil, &Error{"cmap too short"}
	}
	n := int(be.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		pid, eid, off := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:]), int(be.Uint32(cmap[rec+4:]))
		if !(pid == 0 || pid == 3 && eid == 1) || off+4 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		return readFormat4(cmap[off:])
	}
	return nil, &Error{"no Unicode cmap subtable of format 4, which the PDF writer needs"}
}

func readFormat4(t []byte) (map[rune]uint16, error) {
	if len(t) < 14 {
		return nil, &Error{"cmap format 4 too short"}
	}
	length := min(int(be.Uint16(t[2:])), len(t))
	segs := int(be.Uint16(t[6:])) / 2
	if 16+8*segs > length {
		return nil, &Error{"cmap format 4 segments past its end"}
	}
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	out := map[rune]uint16{}
	// Segments are sorted and apart (the specification says so); codes
	// an out-of-order segment shares with one before it are read once, so
	// that a damaged table costs no more than the 65,536 codes it can map.
	next := 0
	for s := range segs {
		end, start := int(be.Uint16(t[ends+2*s:])), int(be.Uint16(t[starts+2*s:]))
		delta, ro := be.Uint16(t[deltas+2*s:]), int(be.Uint16(t[ranges+2*s:]))
		start = max(start, next)
		next = max(next, end+1)
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + delta
			} else {
				p := ranges + 2*s + ro + 2*(c-start)
				if p+2 > length {
					continue
				}
				if g = be.Uint16(t[p:]); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				out[rune(c)] = g
			}
		}
	}
	return out, nil
}

// Runes returns the code points the PDF writer's cmap sends to glyph,
// lowest first.
func (f *Font) Runes(glyph uint16) []rune { return f.byGlyph[glyph] }

// Glyph returns the glyph the PDF writer's cmap sends r to.
func (f *Font) Glyph(r rune) (uint16, bool) {
	g, ok := f.cmap[r]
	return g, ok
}

// NumGlyphs is the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.glyphs }

// Width is a glyph's advance in thousandths of an em, rounded as fpdf
// rounds the widths it writes into the PDF (its W array): text drawn in
// one string moves on by exactly these widths.
func (f *Font) Width(glyph uint16) int {
	i := min(int(glyph), len(f.advances)-1)
	return int(math.Round(1000 / float64(f.upem) * float64(f.advances[i])))
}

// embeddedTables are the tables fpdf reads or copies into the PDF; a
// subset holds no other.
var embeddedTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}

// Subset returns the font file to hand the PDF writer for one document
// that draws the code points codes, and the glyphs of extra under the
// Private Use Area codes extra gives them. Its character map has one
// subtable, Windows BMP format 4, holding the codes the font maps, the
// extra ones, and every code up to U+00FF the font maps (fpdf writes
// those widths into the PDF whether they are drawn or not). Only their
// glyphs, the components those are built from, and glyph 0 are kept,
// numbered anew in the order they had, with their outlines and metrics;
// post loses its glyph names; maxp and hhea get the new glyph count;
// head, OS/2, name and the hinting tables are copied unchanged. Tables fpdf neither reads nor embeds
// (GSUB, GPOS, kern …) are left out. The file's checksums are computed
// again.
//
// added are glyphs the subset holds beyond the font's own, after them;
// extra may map codes to them, as glyphs NumGlyphs(), NumGlyphs()+1 …
// in order.
func (f *Font) Subset(codes []rune, extra map[rune]uint16, added []Composite) ([]byte, error) {
	if f.locaErr != nil {
		return nil, f.locaErr
	}
	m := make(map[rune]uint16, len(codes)+len(extra)+256)
	for r := rune(0); r <= 0xFF; r++ {
		if g, ok := f.cmap[r]; ok {
			m[r] = g
		}
	}
	for _, r := range codes {
		if g, ok := f.cmap[r]; ok {
			m[r] = g
		}
	}
	for r, g := range extra {
		if r < 0 || r >= 0xFFFF || int(g) >= f.glyphs+len(added) {
			return nil, &Error{fmt.Sprintf("cannot map U+%04X to glyph %d", r, g)}
		}
		m[r] = g
	}
	keep := make([]uint8, f.glyphs)
	if err := f.keepGlyph(keep, 0, 0); err != nil {
		return nil, err
	}
	for _, g := range m {
		if int(g) >= f.glyphs {
			continue // an added glyph: its parts are kept below
		}
		if err := f.keepGlyph(keep, g, 0); err != nil {
			return nil, err
		}
	}
	for _, c := range added {
		for _, p := range c.Parts {
			if int(p.Glyph) >= f.glyphs {
				return nil, &Error{fmt.Sprintf("an added glyph names glyph %d of %d", p.Glyph, f.glyphs)}
			}
			if err := f.keepGlyph(keep, p.Glyph, 0); err != nil {
				return nil, err
			}
		}
	}
	// The kept glyphs are numbered anew, in their order, the added ones
	// after them: fpdf reads the metrics and locations of every glyph a
	// font has, for every document.
	newID := make([]uint16, f.glyphs)
	var order []uint16 // the kept glyphs' IDs in the font, by new ID
	for g, st := range keep {
		if st == kept {
			newID[g] = uint16(len(order))
			order = append(order, uint16(g))
		}
	}
	for r, g := range m {
		if int(g) < f.glyphs {
			m[r] = newID[g]
		} else {
			m[r] = uint16(len(order)) + g - uint16(f.glyphs)
		}
	}
	glyf, loca, hmtx, err := f.renumbered(order, newID, added)
	if err != nil {
		return nil, err
	}
	cmap, err := buildFormat4(m)
	if err != nil {
		return nil, err
	}
	tables := make(map[string][]byte, len(embeddedTables))
	for _, tag := range embeddedTables {
		if t, ok := f.tables[tag]; ok {
			tables[tag] = t
		}
	}
	tables["cmap"], tables["glyf"], tables["loca"], tables["hmtx"] = cmap, glyf, loca, hmtx
	if post := tables["post"]; len(post) >= 32 {
		// Version 3: the header without glyph names (DejaVu's are 62 KB),
		// which is all fpdf reads and all it writes into the PDF.
		post = bytes.Clone(post[:32])
		be.PutUint32(post, 0x00030000)
		tables["post"] = post
	}
	if err := f.counts(tables, len(order), added, newID); err != nil {
		return nil, err
	}
	return assemble(be.Uint32(f.data), tables), nil
}

// Composite glyph flags (the OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// Components reads the component records of one glyph's outline data (a
// composite glyph is built of other glyphs) and appends the glyphs they
// name to comps. An empty glyph (a space) and a simple one (contours ≥ 0)
// have none. Each record must lie inside data and name one of the font's
// numGlyphs glyphs. The fonts package's damage check and Subset read
// composites through it.
func Components(data []byte, numGlyphs int, comps []int32) ([]int32, error) {
	err := eachComponent(data, func(at int) error {
		gid := int(be.Uint16(data[at:]))
		if gid >= numGlyphs {
			return &Error{fmt.Sprintf("a component names glyph %d of %d", gid, numGlyphs)}
		}
		comps = append(comps, int32(gid))
		return nil
	})
	return comps, err
}

// eachComponent calls fn with the offset, in data, of each component
// record's glyph ID, in a composite glyph's outline data; an empty or
// simple glyph has none. Each record must lie inside data.
func eachComponent(data []byte, fn func(at int) error) error {
	if len(data) == 0 {
		return nil
	}
	if len(data) < 10 {
		return &Error{fmt.Sprintf("%d bytes, shorter than a glyph header", len(data))}
	}
	if int16(be.Uint16(data)) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(data) {
			return &Error{"a component record runs past the glyph's end"}
		}
		flags := be.Uint16(data[p:])
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			if p > len(data) {
				return &Error{"a component record runs past the glyph's end"}
			}
			return nil
		}
	}
}

// maxComponentDepth bounds the nesting of composite glyphs: real fonts
// nest two or three deep, and a damaged one may refer to itself.
const maxComponentDepth = 16

// A glyph's state in the walk that finds the glyphs a subset keeps.
const (
	unseen uint8 = iota
	walking
	kept
)

// keepGlyph marks g, and the components it is built from, as kept. Each
// glyph is walked once, however many composites share it; one met again
// while its own components are walked is a composite that refers to
// itself.
func (f *Font) keepGlyph(state []uint8, g uint16, depth int) error {
	if int(g) >= len(state) {
		return &Error{fmt.Sprintf("glyph %d is past the font's %d glyphs", g, len(state))}
	}
	switch {
	case state[g] == kept:
		return nil
	case state[g] == walking || depth > maxComponentDepth:
		return &Error{"composite glyphs nest too deep (does one refer to itself?)"}
	}
	state[g] = walking
	comps, err := Components(f.tables["glyf"][f.loca[g]:f.loca[g+1]], len(state), nil)
	if err != nil {
		return &Error{fmt.Sprintf("glyph %d: %s", g, err.(*Error).Reason)}
	}
	for _, c := range comps {
		if err := f.keepGlyph(state, uint16(c), depth+1); err != nil {
			return err
		}
	}
	state[g] = kept
	return nil
}

// buildFormat4 writes a cmap table with one (3, 1) format 4 subtable:
// a segment per run of consecutive codes, with an idDelta where the
// glyphs run in step with the codes and a glyphIdArray elsewhere.
func buildFormat4(m map[rune]uint16) ([]byte, error) {
	codes := slices.Sorted(maps.Keys(m))
	type seg struct {
		start, end rune
		delta      uint16
		array      []uint16 // nil: idDelta only
	}
	var segs []seg
	for i := 0; i < len(codes); {
		j := i + 1
		for j < len(codes) && codes[j] == codes[j-1]+1 {
			j++
		}
		s := seg{start: codes[i], end: codes[j-1], delta: m[codes[i]] - uint16(codes[i])}
		for _, c := range codes[i:j] {
			if m[c]-uint16(c) != s.delta {
				s.delta = 0
				s.array = make([]uint16, 0, j-i)
				for _, c := range codes[i:j] {
					s.array = append(s.array, m[c])
				}
				break
			}
		}
		segs = append(segs, s)
		i = j
	}
	segs = append(segs, seg{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	arrayLen := 0
	for _, s := range segs {
		arrayLen += len(s.array)
	}
	length := 16 + 8*n + 2*arrayLen
	if length > 0xFFFF {
		return nil, &Error{"the character map is too large for a format 4 subtable"}
	}
	t := make([]byte, 12+length)
	be.PutUint16(t[0:], 0)  // version
	be.PutUint16(t[2:], 1)  // one subtable
	be.PutUint16(t[4:], 3)  // Windows
	be.PutUint16(t[6:], 1)  // Unicode BMP
	be.PutUint32(t[8:], 12) // its offset
	s4 := t[12:]
	be.PutUint16(s4[0:], 4)
	be.PutUint16(s4[2:], uint16(length))
	be.PutUint16(s4[6:], uint16(2*n))
	putSearch(s4[8:], n, 2)
	ends, starts, deltas, ranges := 14, 16+2*n, 16+4*n, 16+6*n
	array := 16 + 8*n
	for i, s := range segs {
		be.PutUint16(s4[ends+2*i:], uint16(s.end))
		be.PutUint16(s4[starts+2*i:], uint16(s.start))
		be.PutUint16(s4[deltas+2*i:], s.delta)
		if s.array != nil {
			be.PutUint16(s4[ranges+2*i:], uint16(array-(ranges+2*i)))
			for _, g := range s.array {
				be.PutUint16(s4[array:], g)
				array += 2
			}
		}
	}
	return t, nil
}

// putSearch writes the binary-search header of n entries of size bytes
// that the table directory and a cmap format 4 subtable both carry:
// searchRange (size × the largest power of two ≤ n), entrySelector (its
// log2) and rangeShift (size × n − searchRange).
func putSearch(b []byte, n, size int) {
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	be.PutUint16(b[0:], uint16(size*pow))
	be.PutUint16(b[2:], uint16(bitsLen(pow)))
	be.PutUint16(b[4:], uint16(size*n-size*pow))
}

func bitsLen(pow int) int {
	n := 0
	for pow > 1 {
		pow >>= 1
		n++
	}
	return n
}

// assemble writes a font file of the tables, in tag order, each padded
// to four bytes, with their checksums and head's checkSumAdjustment.
func assemble(version uint32, tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	size := 12 + 16*n
	for _, tag := range tags {
		size += (len(tables[tag]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out[0:], version)
	be.PutUint16(out[4:], uint16(n))
	putSearch(out[6:], n, 16)
	headAt := -1
	for i, tag := range tags {
		t := tables[tag]
		off := len(out)
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		if tag == "head" {
			headAt = off
			clear(out[off+8 : off+12]) // checkSumAdjustment is summed as 0
		}
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(out[off:off+len(t)]))
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(t)))
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += be.Uint32(w[:])
	}
	return sum
}
