package fonts

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sync"

	"github.com/go-text/typesetting/font"
)

// tableDir reads a TrueType file's table directory as fpdf and
// checkGlyphs do: the last entry of a tag wins; entries that run past
// the file are left out.
func tableDir(raw []byte) map[string][]byte {
	out := map[string][]byte{}
	if len(raw) < 12 {
		return out
	}
	n := int(binary.BigEndian.Uint16(raw[4:]))
	for i := range n {
		if 12+16*i+16 > len(raw) {
			break
		}
		rec := raw[12+16*i:]
		off, size := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off >= 0 && size >= 0 && off <= len(raw) && size <= len(raw)-off {
			out[string(rec[:4])] = raw[off : off+size]
		}
	}
	return out
}

// sfnt writes a TrueType file holding tables, in tag order, each padded
// to four bytes, with the directory's checksums. head's checksum
// adjustment is left as given: no reader of ours checks it.
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	entry := 0
	for 1<<(entry+1) <= n {
		entry++
	}
	var buf bytes.Buffer
	be := binary.BigEndian
	hdr := make([]byte, 12+16*n)
	be.PutUint32(hdr, 0x00010000)
	be.PutUint16(hdr[4:], uint16(n))
	be.PutUint16(hdr[6:], uint16(16<<entry))
	be.PutUint16(hdr[8:], uint16(entry))
	be.PutUint16(hdr[10:], uint16(16*n-16<<entry))
	off := len(hdr)
	for i, t := range tags {
		data := tables[t]
		rec := hdr[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(data))
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(data)))
		off += (len(data) + 3) &^ 3
	}
	buf.Grow(off)
	buf.Write(hdr)
	for _, t := range tags {
		buf.Write(tables[t])
		buf.Write(make([]byte, (4-len(tables[t])%4)%4))
	}
	return buf.Bytes()
}

func checksum(data []byte) uint32 {
	var sum uint32
	for i := 0; i < len(data); i += 4 {
		var w [4]byte
		copy(w[:], data[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// minimal keeps only the tables a font needs for coverage and metrics:
// a font to shape with when go-text cannot read the others.
func minimal(raw []byte) []byte {
	all := tableDir(raw)
	keep := map[string][]byte{}
	for _, t := range []string{"cmap", "head", "hhea", "hmtx", "maxp", "OS/2"} {
		if d, ok := all[t]; ok {
			keep[t] = d
		}
	}
	return sfnt(keep)
}

var (
	emptyOnce sync.Once
	empty     *font.Font
)

// emptyFont is a font of one glyph that maps no character: what Font
// returns for a file that could not be read at all, so that no caller
// ever holds a nil font.
func emptyFont() *font.Font {
	emptyOnce.Do(func() {
		head := make([]byte, 54)
		binary.BigEndian.PutUint32(head, 0x00010000)
		binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5) // magic
		binary.BigEndian.PutUint16(head[18:], 1000)       // units per em
		maxp := []byte{0, 0, 0x50, 0, 0, 1}               // version 0.5, one glyph
		// a format 4 cmap with only the closing segment
		cmap := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12,
			0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0,
			0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 1, 0, 0}
		hhea := make([]byte, 36)
		binary.BigEndian.PutUint32(hhea, 0x00010000)
		binary.BigEndian.PutUint16(hhea[34:], 1)
		ft, err := parseShaper(sfnt(map[string][]byte{"head": head, "maxp": maxp, "cmap": cmap, "hhea": hhea, "hmtx": {0, 0, 0, 0}}))
		if err != nil {
			panic("fonts: the empty font does not parse: " + err.Error()) // a bug, caught by TestEmptyFont
		}
		empty = ft
	})
	return empty
}
