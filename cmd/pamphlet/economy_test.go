package main

import (
	"fmt"
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
		for _, page := range shortPages(t, rb) {
			t.Errorf("%s page %d carries %d line(s) of text: a page nearly empty", rb.name, page, len(pageLines(rb, page)))
		}
		for page := 1; page <= rb.pages; page++ {
			n := len(pageLines(rb, page))
			if m, ok := fewest[rb.l.Name]; n > 0 && (!ok || n < m) {
				fewest[rb.l.Name] = n
			}
		}
	})
	t.Logf("fewest lines on a text page: %v", fewest)
}

// pageLines are the lines of text of one page of a pamphlet.
func pageLines(rb *readBack, page int) []pdftest.Line {
	var lines []pdftest.Line
	for _, ln := range rb.text {
		if ln.Page == page {
			lines = append(lines, ln)
		}
	}
	return lines
}

// shortPages are the pages of a pamphlet that carry one to four lines of
// text, but for the notes page (a heading over ruled lines).
func shortPages(t testing.TB, rb *readBack) []int {
	notes := letters(furnitureText(t, rb.lang, "ui.notes"))
	var short []int
	for page := 1; page <= rb.pages; page++ {
		lines := pageLines(rb, page)
		// Compared as letters: pdftotext gives right-to-left words in
		// drawing order.
		if len(lines) == 1 && slices.Equal(letters(lines[0].Text()), notes) {
			continue
		}
		if n := len(lines); n >= 1 && n < minTextLines {
			short = append(short, page)
		}
	}
	return short
}

// minTextLines is compose.MinPageLines, written out: the test
// must not move with the code it checks.
const minTextLines = 5

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

// trifoldBuild is every trifold leaflet of the sample, built once.
func trifoldBuild(t testing.TB) string {
	t.Helper()
	return buildOnce(t, "build", "--layout", "trifold")
}

// emptyPanels lists the panels of a trifold leaflet that carry no word,
// read back with pdftotext: each sheet side is three panels side by side.
func emptyPanels(t testing.TB, path string) []string {
	t.Helper()
	sizes := pdftest.PageSizes(t, path)
	words := map[[2]int]int{}
	for _, w := range pdftest.Words(t, path) {
		width := sizes[w.Page-1][0]
		panel := min(int((w.XMin+w.XMax)/2/(width/3)), 2)
		words[[2]int{w.Page, panel}]++
	}
	var empty []string
	for side := range sizes {
		for panel := range 3 {
			if words[[2]int{side + 1, panel}] == 0 {
				empty = append(empty, fmt.Sprintf("side %d, %s panel", side+1, []string{"left", "middle", "right"}[panel]))
			}
		}
	}
	return empty
}

// TestTrifoldPanelsAllCarryText: every panel of every trifold leaflet of
// the sample, both sides of the sheet, carries text, in every language.
func TestTrifoldPanelsAllCarryText(t *testing.T) {
	pdftest.RequireTool(t, "pdftotext", "the panels' words are read back")
	out := trifoldBuild(t)
	p := openSample(t)
	for _, lang := range p.Languages() {
		for _, floor := range p.Museum.PartIDs() {
			path := filepath.Join(out, lang, floor+"-trifold.pdf")
			if sides := len(pdftest.PageSizes(t, path)); sides != 2 {
				t.Errorf("%s %s: %d sheet sides, want 2", lang, floor, sides)
			}
			for _, e := range emptyPanels(t, path) {
				t.Errorf("%s %s: the %s is empty", lang, floor, e)
			}
		}
	}
}

// BenchmarkPageFigures reports what the print designer counted, read back
// from the sample's PDFs (a5 and large print, and the trifolds): pages
// that carry one to four lines of text (the notes page aside), blank
// pages the booklets would need (a page count that is not a multiple of
// four), pages that end with a room heading or a panel title, and empty
// trifold panels. All four should be 0. The time per operation is that
// of reading the PDFs back, after one build of each layout.
func BenchmarkPageFigures(b *testing.B) {
	pdftest.RequireTool(b, "pdftotext", "the pages are read back")
	p := sampleProject(b)
	tri := trifoldBuild(b)
	var pamphlets, pages, short, blank, headingEnds, emptyPanelCount int
	for b.Loop() {
		pamphlets, pages, short, blank, headingEnds, emptyPanelCount = 0, 0, 0, 0, 0, 0
		for _, name := range layouts {
			for _, lang := range p.Languages() {
				for _, floor := range p.Museum.PartIDs() {
					rb := readSample(b, name, lang, floor)
					pamphlets++
					pages += rb.pages
					blank += (4 - rb.pages%4) % 4
					short += len(shortPages(b, rb))
					for i, h := range rb.flow {
						if h.keep && i+1 < len(rb.flow) && rb.flow[i+1].lines[0].Page != h.lines[len(h.lines)-1].Page {
							headingEnds++
						}
					}
				}
			}
		}
		for _, lang := range p.Languages() {
			for _, floor := range p.Museum.PartIDs() {
				emptyPanelCount += len(emptyPanels(b, filepath.Join(tri, lang, floor+"-trifold.pdf")))
			}
		}
	}
	b.ReportMetric(float64(pamphlets), "pamphlets")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(short), "short-pages")
	b.ReportMetric(float64(blank), "booklet-blank-pages")
	b.ReportMetric(float64(headingEnds), "heading-ends")
	b.ReportMetric(float64(emptyPanelCount), "empty-trifold-panels")
}
