package pdfdraw

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"

	"pamphlet"
	"pamphlet/internal/page"
)

func doc(f *page.Font, w, h float64) *page.Document {
	return &page.Document{Width: w, Height: h, Lang: "it", Pages: []page.Page{{
		Lines: []page.Line{{Y: 50, Runs: []page.Run{{Font: f, Size: 10, X: 10, Text: "Via Tasso"}}}},
	}}}
}

func TestWriteRefusesPageSizes(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f := &page.Font{Name: "s", File: "fonts/DejaVuSerif.ttf", Data: raw}
	for _, c := range []struct {
		w, h float64
		ok   bool
	}{
		{420, 595, true}, {1, 14400, true}, {0.5, 595, false}, {420, 14401, false},
		{math.NaN(), 595, false}, {420, math.Inf(1), false}, {-420, 595, false},
	} {
		err := Write(io.Discard, doc(f, c.w, c.h), Options{})
		var se *SizeError
		if c.ok && err != nil || !c.ok && !errors.As(err, &se) {
			t.Errorf("%g × %g pt: error %v, want ok = %v", c.w, c.h, err, c.ok)
		}
	}
}

// TestWriteRecoversFromFpdf: fpdf panics on a DejaVu Serif whose name
// table's string offset is damaged; Write returns a FontError naming the
// file instead.
func TestWriteRecoversFromFpdf(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(raw)
	for i := range int(binary.BigEndian.Uint16(raw[4:])) {
		if rec := raw[12+16*i:]; string(rec[:4]) == "name" {
			bad[int(binary.BigEndian.Uint32(rec[8:]))+4] ^= 0xFF
		}
	}
	err = Write(io.Discard, doc(&page.Font{Name: "s", File: "fonts/DejaVuSerif.ttf", Data: bad}, 420, 595), Options{})
	var fe *FontError
	if !errors.As(err, &fe) || fe.File != "fonts/DejaVuSerif.ttf" {
		t.Fatalf("error %v, want a FontError naming fonts/DejaVuSerif.ttf", err)
	}
	t.Log(err)
}
