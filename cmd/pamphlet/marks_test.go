package main

import (
	"math"
	"path/filepath"
	"testing"

	"pamphlet/internal/pdftest"
)

// TestPrintMarks: TrimBox is always the page as designed (A5, or an A4
// booklet sheet); --bleed 3mm grows the MediaBox by 3 mm a side and sets
// the BleedBox there; --crop-marks leaves room for the marks outside the
// bleed. The text stays where it was relative to the trim.
func TestPrintMarks(t *testing.T) {
	const mm = 72 / 25.4
	a5 := [2]float64{148 * mm, 210 * mm}
	a4 := [2]float64{297 * mm, 210 * mm}
	cases := []struct {
		name        string
		flags       []string
		media, trim float64 // how far outside the trim the MediaBox and the BleedBox reach
		bleed       float64
	}{
		{"plain", nil, 0, 0, 0},
		{"bleed", []string{"--bleed", "3mm"}, 3 * mm, 0, 3 * mm},
		{"bleed and crop marks", []string{"--bleed", "3mm", "--crop-marks"}, 8 * mm, 0, 3 * mm},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			mustRun(t, append([]string{"build", "--booklet", "--lang", "en", "--floor", "floor1", "--out", out}, c.flags...)...)
			for file, size := range map[string][2]float64{"floor1.pdf": a5, "floor1-booklet.pdf": a4} {
				path := filepath.Join(out, "en", file)
				for i, b := range pdftest.Boxes(t, path) {
					near := func(what string, got, want [4]float64) {
						for k := range got {
							if math.Abs(got[k]-want[k]) > 0.05 {
								t.Errorf("%s page %d: %s %v, want %v", file, i+1, what, got, want)
								return
							}
						}
					}
					o := c.media
					near("MediaBox", b["MediaBox"], [4]float64{0, 0, size[0] + 2*o, size[1] + 2*o})
					near("TrimBox", b["TrimBox"], [4]float64{o, o, o + size[0], o + size[1]})
					if c.bleed > 0 {
						near("BleedBox", b["BleedBox"], [4]float64{o - c.bleed, o - c.bleed, o + size[0] + c.bleed, o + size[1] + c.bleed})
					}
				}
			}
			// The cover's first word sits at the top margin, from the trim.
			words := pdftest.Words(t, filepath.Join(out, "en", "floor1.pdf"))
			if len(words) == 0 {
				t.Fatal("no words")
			}
			if x := words[0].XMin - c.media; math.Abs(x-18*mm) > 1 {
				t.Errorf("the cover's first word at x %.1f from the trim, want the inner margin, %.1f", x, 18*mm)
			}
		})
	}
}
