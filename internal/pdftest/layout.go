package pdftest

import (
	"html"
	"sort"
	"strings"
	"testing"
)

// Line is one drawn line of text as read back from the PDF: the words of
// one page whose boxes share a vertical band, left to right, with the box
// around them all (points, from the page's top-left corner).
type Line struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Words                  []Word // in drawing (visual) order, left to right
}

// Text is the line's words joined by spaces, in visual order: for a
// right-to-left line that is not the order in which it was written, so
// compare it with catalog text only in ways that do not depend on order.
func (l Line) Text() string {
	parts := make([]string, len(l.Words))
	for i, w := range l.Words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// Lines groups every word of the document into lines, page by page, top
// to bottom. pdftotext -bbox reports words, not the lines the composer
// drew, and its own line building (-bbox-layout) splits and merges lines
// of right-to-left and CJK text in ways of its own. Here two words are on
// one line when their boxes overlap vertically by more than half the
// smaller box's height: words of one baseline overlap almost wholly, even
// when a fallback font gives them different ascents, while consecutive
// lines, a leading apart, do not overlap at all.
func Lines(t testing.TB, path string) []Line {
	t.Helper()
	return GroupLines(Words(t, path))
}

// GroupLines is Lines for words already read. It also undoes the XML
// escaping of pdftotext -bbox, which Words leaves in the words' text
// (a quotation mark comes back as &quot;).
func GroupLines(words []Word) []Line {
	ws := append([]Word(nil), words...)
	for i := range ws {
		ws[i].Text = html.UnescapeString(ws[i].Text)
	}
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].Page != ws[j].Page {
			return ws[i].Page < ws[j].Page
		}
		return ws[i].YMin < ws[j].YMin
	})
	var lines []Line
	first := 0 // index of the first line of the current page
	for _, w := range ws {
		if len(lines) > 0 && lines[len(lines)-1].Page != w.Page {
			first = len(lines)
		}
		found := false
		for i := first; i < len(lines); i++ {
			l := &lines[i]
			overlap := min(l.YMax, w.YMax) - max(l.YMin, w.YMin)
			if overlap > 0.5*min(l.YMax-l.YMin, w.YMax-w.YMin) {
				l.Words = append(l.Words, w)
				l.XMin, l.XMax = min(l.XMin, w.XMin), max(l.XMax, w.XMax)
				l.YMin, l.YMax = min(l.YMin, w.YMin), max(l.YMax, w.YMax)
				found = true
				break
			}
		}
		if !found {
			lines = append(lines, Line{Page: w.Page, XMin: w.XMin, YMin: w.YMin, XMax: w.XMax, YMax: w.YMax, Words: []Word{w}})
		}
	}
	for i := range lines {
		sort.SliceStable(lines[i].Words, func(a, b int) bool { return lines[i].Words[a].XMin < lines[i].Words[b].XMin })
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].Page != lines[j].Page {
			return lines[i].Page < lines[j].Page
		}
		return lines[i].YMin < lines[j].YMin
	})
	return lines
}
