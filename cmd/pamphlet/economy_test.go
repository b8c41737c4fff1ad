package main

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"pamphlet/internal/pdftest"
)

// TestPageEconomy: read back from the PDFs, every pamphlet of the sample
// (a5 and large print) has a multiple of four pages, so that its booklet
// needs no blank page, and no page carries one to four lines of text — a
// page nearly empty — except the notes page, which is a heading over
// ruled lines by design. The figures are logged: the pages of each
// pamphlet and the fullest and emptiest text page.
func TestPageEconomy(t *testing.T) {
	fewest := map[string]int{}
	eachSample(t, func(t *testing.T, rb *readBack) {
		if rb.pages%4 != 0 {
			t.Errorf("%s: %d pages, not a multiple of four: its booklet has %d blank pages", rb.name, rb.pages, 4-rb.pages%4)
		}
		notes := letters(furnitureText(t, rb.lang, "ui.notes"))
		for page := 1; page <= rb.pages; page++ {
			var lines []pdftest.Line
			for _, ln := range rb.text {
				if ln.Page == page {
					lines = append(lines, ln)
				}
			}
			// Compared as letters: pdftotext gives right-to-left words
			// in drawing order.
			if len(lines) == 1 && slices.Equal(letters(lines[0].Text()), notes) {
				continue // the notes page
			}
			if n := len(lines); n >= 1 && n < 5 {
				t.Errorf("%s page %d carries %d line(s) of text: a page nearly empty", rb.name, page, n)
			}
			if m, ok := fewest[rb.l.Name]; len(lines) > 0 && (!ok || len(lines) < m) {
				fewest[rb.l.Name] = len(lines)
			}
		}
	})
	t.Logf("fewest lines on a text page: %v", fewest)
}

// TestBookletWithoutBlankPages: the booklets of the sample have exactly
// half as many sheet sides as their pamphlet has pages, so none of their
// pages is padding, and every half of every sheet side carries text.
func TestBookletWithoutBlankPages(t *testing.T) {
	pdftest.RequireTool(t, "pdftotext", "the halves of the sheets are read")
	out := t.TempDir()
	mustRun(t, "build", "--booklet", "--lang", "en,ar,ja", "--out", out)
	for _, lang := range []string{"en", "ar", "ja"} {
		for _, floor := range []string{"floor1", "floor2", "floor3"} {
			pages, err := strconv.Atoi(pdftest.Info(t, filepath.Join(out, lang, floor+".pdf"))["Pages"])
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(out, lang, floor+"-booklet.pdf")
			sizes := pdftest.PageSizes(t, path)
			if 2*len(sizes) != pages {
				t.Errorf("%s %s: %d pages on %d sheet sides: padding added", lang, floor, pages, len(sizes))
			}
			for side, s := range sizes {
				for half := 0; half < 2; half++ {
					if text := pdftest.RegionText(t, path, side+1, float64(half)*s[0]/2, 0, s[0]/2, s[1]); len(text) == 0 {
						t.Errorf("%s %s: sheet side %d, %s half is blank", lang, floor, side+1, []string{"left", "right"}[half])
					}
				}
			}
		}
	}
}
