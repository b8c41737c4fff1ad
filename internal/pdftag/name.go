package pdftag

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// PostScriptName is a TrueType font's PostScript name (name ID 6 of its
// name table), which viewers show in their font list, or fallback when
// the file has none fit for a PDF name: fpdf names its fonts after the
// family the program gave it ("utf8dejavu-serif").
func PostScriptName(ttf []byte, fallback string) string {
	name := psName(ttf)
	if name == "" || len(name) > 63-7 { // a PDF name of at most 127 bytes; the tag takes 7
		return fallback
	}
	for _, r := range name {
		// PostScript names are printable ASCII with no delimiters.
		if r <= ' ' || r > '~' || strings.ContainsRune("[](){}<>/%#", r) {
			return fallback
		}
	}
	return name
}

func psName(ttf []byte) string {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return ""
	}
	tables := int(be.Uint16(ttf[4:]))
	var off, length uint32
	for i := range tables {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return ""
		}
		if string(ttf[rec:rec+4]) == "name" {
			off, length = be.Uint32(ttf[rec+8:]), be.Uint32(ttf[rec+12:])
			break
		}
	}
	if off == 0 || uint64(off)+uint64(length) > uint64(len(ttf)) || length < 6 {
		return ""
	}
	tab := ttf[off : off+length]
	count, strs := int(be.Uint16(tab[2:])), int(be.Uint16(tab[4:]))
	var mac string
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(tab) {
			break
		}
		platform, id := be.Uint16(tab[rec:]), be.Uint16(tab[rec+6:])
		l, o := int(be.Uint16(tab[rec+8:])), int(be.Uint16(tab[rec+10:]))
		if id != 6 || strs+o+l > len(tab) {
			continue
		}
		raw := tab[strs+o : strs+o+l]
		switch platform {
		case 3, 0: // Windows or Unicode: UTF-16BE
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = be.Uint16(raw[2*j:])
			}
			return string(utf16.Decode(u))
		case 1: // Macintosh Roman; PostScript names are ASCII
			mac = string(raw)
		}
	}
	return mac
}
