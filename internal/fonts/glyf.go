package fonts

import (
	"encoding/binary"
	"fmt"

	pdfsfnt "pamphlet/internal/sfnt"
)

// checkGlyphs walks every glyph of a TrueType file the way fpdf's
// subsetter reads the glyphs a document uses: through loca into glyf,
// then into the components of each composite glyph, and into hmtx for
// its advance. fpdf indexes all of these without a bounds check, so a
// damaged glyph panics there only when a pamphlet happens to draw it,
// which a test-embed of a sample cannot promise to reach. The walk is
// linear in the size of glyf (about 1 ms for the 4.6 MB CJK font), cheap
// enough for Load.
//
// It reads tables as fpdf does, from the file's table directory, the
// last entry of a tag winning, and returns an error describing the first
// inconsistency.
func checkGlyphs(raw []byte) error {
	if len(raw) < 12 {
		return fmt.Errorf("%d bytes: too short for a font's header", len(raw))
	}
	n := int(binary.BigEndian.Uint16(raw[4:]))
	if 12+16*n > len(raw) {
		return fmt.Errorf("the table directory (%d tables) runs past the end of the file", n)
	}
	tables := map[string][]byte{}
	for i := range n {
		rec := raw[12+16*i:]
		off, size := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || size < 0 || off > len(raw) || size > len(raw)-off {
			return fmt.Errorf("table %q (%d bytes at %d) runs past the end of the file", rec[:4], size, off)
		}
		tables[string(rec[:4])] = raw[off : off+size]
	}
	need := func(tag string, size int) ([]byte, error) {
		t, ok := tables[tag]
		if !ok {
			return nil, fmt.Errorf("no %q table", tag)
		}
		if len(t) < size {
			return nil, fmt.Errorf("table %q is %d bytes, needs at least %d", tag, len(t), size)
		}
		return t, nil
	}
	head, err := need("head", 54)
	if err != nil {
		return err
	}
	maxp, err := need("maxp", 6)
	if err != nil {
		return err
	}
	hhea, err := need("hhea", 36)
	if err != nil {
		return err
	}
	glyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if metrics == 0 || metrics > glyphs {
		return fmt.Errorf("hhea gives %d horizontal metrics for %d glyphs", metrics, glyphs)
	}
	if _, err := need("hmtx", 2*metrics+2*glyphs); err != nil { // 4 bytes per long metric, 2 per other glyph
		return err
	}
	glyf, err := need("glyf", 0)
	if err != nil {
		return err
	}
	pos := make([]int, glyphs+1) // glyph i is glyf[pos[i]:pos[i+1]]
	switch format := int16(binary.BigEndian.Uint16(head[50:])); format {
	case 0:
		loca, err := need("loca", 2*glyphs+2)
		if err != nil {
			return err
		}
		for i := range pos {
			pos[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
	case 1:
		loca, err := need("loca", 4*glyphs+4)
		if err != nil {
			return err
		}
		for i := range pos {
			pos[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		}
	default:
		return fmt.Errorf("head gives loca format %d (only 0 and 1 exist)", format)
	}
	// The components of composite glyph g are comps[first[g]:first[g+1]]:
	// flat slices, not a map, since the walk runs in every command that
	// loads a font.
	first := make([]int32, glyphs+1)
	var comps []int32
	for g := range glyphs {
		start, end := pos[g], pos[g+1]
		if start > end || end > len(glyf) {
			return fmt.Errorf("glyph %d (bytes %d to %d) lies outside the %d-byte glyf table", g, start, end, len(glyf))
		}
		var err error
		if comps, err = pdfsfnt.Components(glyf[start:end], glyphs, comps); err != nil {
			return fmt.Errorf("glyph %d: %s", g, err.(*pdfsfnt.Error).Reason) // Components returns only *Error
		}
		first[g+1] = int32(len(comps))
	}
	return acyclic(first, comps)
}

// acyclic refuses a composite glyph that contains itself, directly or
// through other composites: fpdf's subsetter follows components by
// recursion with no memory of where it has been, and would overflow the
// stack, a crash no recover can catch.
func acyclic(first, comps []int32) error {
	const (
		unseen = iota
		open
		done
	)
	state := make([]uint8, len(first)-1)
	var visit func(g int32) error
	visit = func(g int32) error {
		switch state[g] {
		case open:
			return fmt.Errorf("composite glyph %d contains itself", g)
		case done:
			return nil
		}
		state[g] = open
		for _, c := range comps[first[g]:first[g+1]] {
			if err := visit(c); err != nil {
				return err
			}
		}
		state[g] = done
		return nil
	}
	for g := range int32(len(state)) {
		if first[g] == first[g+1] {
			continue // a simple glyph
		}
		if err := visit(g); err != nil {
			return err
		}
	}
	return nil
}

// checkCmap checks the groups of the character map's segmented subtables
// (formats 8, 12 and 13): each maps a range of code points, and go-text
// walks every code point of every range when the map is iterated. A
// damaged range (start after end, end past U+10FFFF, ranges overlapping)
// would make that walk billions of steps long: Load would hang rather
// than fail. Groups in increasing order, within Unicode, bound the walk
// to the 1,114,112 code points there are.
func checkCmap(raw []byte) error {
	if len(raw) < 12 {
		return fmt.Errorf("%d bytes: too short for a font's header", len(raw))
	}
	var cmap []byte
	n := int(binary.BigEndian.Uint16(raw[4:]))
	for i := range n {
		if 12+16*i+16 > len(raw) {
			break
		}
		rec := raw[12+16*i:]
		off, size := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if string(rec[:4]) == "cmap" && off <= len(raw) && size <= len(raw)-off {
			cmap = raw[off : off+size]
		}
	}
	if len(cmap) < 4 {
		return nil // go-text has refused a font with no character map
	}
	for i := range int(binary.BigEndian.Uint16(cmap[2:])) {
		if 4+8*i+8 > len(cmap) {
			return fmt.Errorf("the cmap table's directory runs past its end")
		}
		off := int(binary.BigEndian.Uint32(cmap[4+8*i+4:]))
		if off+2 > len(cmap) {
			continue // go-text reports a subtable outside the table
		}
		sub := cmap[off:]
		var groups int // offset of the group count
		switch binary.BigEndian.Uint16(sub) {
		case 8:
			groups = 12 + 8192
		case 12, 13:
			groups = 12
		default:
			continue
		}
		if groups+4 > len(sub) {
			return fmt.Errorf("cmap subtable %d runs past the table's end", i)
		}
		count := int(binary.BigEndian.Uint32(sub[groups:]))
		if count > (len(sub)-groups-4)/12 {
			return fmt.Errorf("cmap subtable %d: %d groups run past the table's end", i, count)
		}
		next := uint32(0) // the lowest code point the next group may start at
		for g := range count {
			grp := sub[groups+4+12*g:]
			start, end := binary.BigEndian.Uint32(grp), binary.BigEndian.Uint32(grp[4:])
			if start < next || end < start || end > 0x10FFFF {
				return fmt.Errorf("cmap subtable %d: group %d maps U+%04X to U+%04X, out of order or outside Unicode", i, g, start, end)
			}
			next = end + 1
		}
	}
	return nil
}
