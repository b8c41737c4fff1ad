package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"pamphlet"
)

// table returns the offset of a table of raw.
func table(t *testing.T, raw []byte, tag string) int {
	t.Helper()
	for i := range int(binary.BigEndian.Uint16(raw[4:])) {
		if string(raw[12+16*i:16+16*i]) == tag {
			return tableOffset(raw, i)
		}
	}
	t.Fatalf("no %s table", tag)
	return 0
}

func TestCheckGlyphs(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkGlyphs(raw); err != nil {
		t.Fatalf("the bundled DejaVu Serif: %v", err)
	}
	glyphs := int(binary.BigEndian.Uint16(raw[table(t, raw, "maxp")+4:]))
	longLoca := binary.BigEndian.Uint16(raw[table(t, raw, "head")+50:]) == 1
	loca, glyf := table(t, raw, "loca"), table(t, raw, "glyf")
	at := func(g int) int {
		if longLoca {
			return glyf + int(binary.BigEndian.Uint32(raw[loca+4*g:]))
		}
		return glyf + 2*int(binary.BigEndian.Uint16(raw[loca+2*g:]))
	}
	composite := -1
	for g := range glyphs {
		if at(g+1) > at(g) && int16(binary.BigEndian.Uint16(raw[at(g):])) < 0 {
			composite = g
			break
		}
	}
	if composite < 0 {
		t.Fatal("DejaVu Serif has no composite glyph")
	}
	cases := []struct {
		name   string
		damage func(b []byte)
		want   string
	}{
		{"self-containing composite", func(b []byte) { binary.BigEndian.PutUint16(b[at(composite)+12:], uint16(composite)) }, "contains itself"},
		{"component past the glyph count", func(b []byte) { binary.BigEndian.PutUint16(b[at(composite)+12:], uint16(glyphs)) }, "names glyph"},
		{"loca past glyf", func(b []byte) { binary.BigEndian.PutUint32(b[loca+4*glyphs:], 0x7fffffff) }, "outside the"},
		{"no horizontal metrics", func(b []byte) { binary.BigEndian.PutUint16(b[table(t, raw, "hhea")+34:], 0) }, "horizontal metrics"},
		{"loca format", func(b []byte) { binary.BigEndian.PutUint16(b[table(t, raw, "head")+50:], 7) }, "loca format 7"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := bytes.Clone(raw)
			c.damage(bad)
			if err := checkGlyphs(bad); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("checkGlyphs: %v, want %q", err, c.want)
			}
			_, err := Load(fstest.MapFS{"fonts/fonts.toml": {Data: []byte(oneFace("x.ttf"))}, "fonts/x.ttf": {Data: bad}})
			var fe *FontError
			if !errors.As(err, &fe) || fe.File != "fonts/x.ttf" {
				t.Errorf("Load: %v, want a FontError naming fonts/x.ttf", err)
			}
		})
	}
}
