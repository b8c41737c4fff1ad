package compose

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/layout"
	"pamphlet/internal/page"
	"pamphlet/internal/typeset"
)

// The pager is tested on a page built for arithmetic: its text area is
// 105 pt high, so ten lines of 10 pt fit with 5 pt to spare and an
// eleventh does not, and no case sits exactly on a boundary that
// millimetre-to-point rounding could tip.
const (
	pageW, pageH   = 300.0, 205.0
	top, bottom    = 50.0, 50.0 // the text area runs from y 50 to y 155
	inner, outer   = 30.0, 20.0
	leading        = 10.0
	lineW          = 10.0 // width of every test line
	pointsToMM     = 1 / layout.PointsPerMM
	epsilon        = 1e-6
	folioWidth     = 7.0
	folioBaselineY = pageH - bottom/2
)

func testLayout() *layout.Layout {
	l := &layout.Layout{Name: "test"}
	l.Page.Width, l.Page.Height = pageW*pointsToMM, pageH*pointsToMM
	l.Margins.Top, l.Margins.Bottom = top*pointsToMM, bottom*pointsToMM
	l.Margins.Inner, l.Margins.Outer = inner*pointsToMM, outer*pointsToMM
	l.Styles = map[string]layout.Style{"folio": {Family: "text", Size: 8, Leading: 10}}
	return l
}

func testPager(rtl bool) *pager {
	return &pager{l: testLayout(), rtl: rtl, doc: &page.Document{Width: pageW, Height: pageH, RTL: rtl}}
}

var (
	body    = layout.Style{Size: 8, Leading: leading}
	heading = layout.Style{Size: 9, Leading: leading}
	// ruled is a room heading: a hairline 3 pt below it, and space above
	// that puts the heading 4 pt lower after the filler.
	ruled = layout.Style{Size: 9, Leading: leading, SpaceBefore: 4, Rule: true}
)

// para is a block of n lines named name ("body/0", "body/1" …), set
// without fonts: the pager only needs each line's runs to move.
func para(name string, n int, st layout.Style, keep bool) block {
	b := block{style: st, keepWithNext: keep}
	for i := 0; i < n; i++ {
		label := name + "/" + strconv.Itoa(i)
		b.lines = append(b.lines, typeset.Line{Runs: []page.Run{{Text: label, Width: lineW}}, Width: lineW, Logical: label})
	}
	return b
}

// summary describes each page as its blocks' line counts in order, then
// its rules: "fill×8 head×1 body×2 rule×1".
func summary(doc *page.Document) []string {
	var out []string
	for _, p := range doc.Pages {
		var parts []string
		last, n := "", 0
		flush := func() {
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%s×%d", last, n))
			}
		}
		for _, ln := range p.Lines {
			name, _, _ := strings.Cut(ln.Runs[0].Text, "/")
			if name != last {
				flush()
				last, n = name, 0
			}
			n++
		}
		flush()
		if len(p.Rules) > 0 {
			parts = append(parts, fmt.Sprintf("rule×%d", len(p.Rules)))
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// checkPromises checks the pager's rules on any result, whatever the case
// expected in detail: no page ends with a heading that has something after
// it, no block of two lines or more leaves one line alone on a page, every
// line lies within the text area, and every line starts at its page's
// column (the binding margin on the inner side).
func checkPromises(t *testing.T, pg *pager, flow []block) {
	t.Helper()
	where := map[string]int{} // line label → page index
	for pi, p := range pg.doc.Pages {
		for _, ln := range p.Lines {
			where[ln.Runs[0].Text] = pi
		}
	}
	label := func(b block, i int) string { return b.lines[i].Runs[0].Text }
	for i, b := range flow {
		first, last := where[label(b, 0)], where[label(b, len(b.lines)-1)]
		if b.keepWithNext && i+1 < len(flow) {
			if next := where[label(flow[i+1], 0)]; next != last {
				t.Errorf("page %d ends with heading %s; what follows starts on page %d", last+1, label(b, len(b.lines)-1), next+1)
			}
		}
		if first == last {
			continue
		}
		count := map[int]int{}
		for j := range b.lines {
			count[where[label(b, j)]]++
		}
		if count[first] == 1 {
			t.Errorf("orphan: %s alone at the foot of page %d", label(b, 0), first+1)
		}
		if count[last] == 1 {
			t.Errorf("widow: %s alone at the head of page %d", label(b, len(b.lines)-1), last+1)
		}
	}
	for pi := range pg.doc.Pages {
		wantX := outer
		if (pi%2 == 0) != pg.rtl { // page pi+1 is odd
			wantX = inner
		}
		for _, ln := range pg.doc.Pages[pi].Lines {
			if x := ln.Runs[0].X; math.Abs(x-wantX) > epsilon {
				t.Errorf("page %d: %s at x %g, want %g", pi+1, ln.Runs[0].Text, x, wantX)
			}
			if ln.Y < top || ln.Y > pageH-bottom {
				t.Errorf("page %d: %s has its baseline at y %g, outside the text area %g–%g", pi+1, ln.Runs[0].Text, ln.Y, top, pageH-bottom)
			}
		}
	}
}

// TestPagerBreaks places a filler paragraph and then the blocks under
// test, and compares what each page holds with the outcome worked out by
// hand from the geometry above (the filler's n lines leave the next block
// starting at y 50 + 10n).
func TestPagerBreaks(t *testing.T) {
	tests := []struct {
		name string
		flow []block
		rtl  bool
		want []string
	}{
		{
			name: "a paragraph that fits stays",
			flow: []block{para("fill", 3, body, false), para("body", 4, body, false)},
			want: []string{"fill×3 body×4"},
		},
		{
			name: "orphan: room for one line only, the paragraph moves whole",
			flow: []block{para("fill", 9, body, false), para("body", 4, body, false)},
			want: []string{"fill×9", "body×4"},
		},
		{
			name: "orphan: room for two lines, the paragraph breaks after them",
			flow: []block{para("fill", 8, body, false), para("body", 4, body, false)},
			want: []string{"fill×8 body×2", "body×2"},
		},
		{
			name: "widow: the last two lines go over together",
			flow: []block{para("fill", 4, body, false), para("body", 7, body, false)},
			want: []string{"fill×4 body×5", "body×2"},
		},
		{
			name: "widow and orphan: a three-line paragraph cannot break",
			flow: []block{para("fill", 8, body, false), para("body", 3, body, false)},
			want: []string{"fill×8", "body×3"},
		},
		{
			name: "a two-line paragraph cannot break",
			flow: []block{para("fill", 9, body, false), para("body", 2, body, false)},
			want: []string{"fill×9", "body×2"},
		},
		{
			name: "keep-with-next: a heading goes over with its paragraph",
			flow: []block{para("fill", 8, body, false), para("head", 1, heading, true), para("body", 4, body, false)},
			want: []string{"fill×8", "head×1 body×4"},
		},
		{
			name: "keep-with-next: a heading with room for two lines of its paragraph stays",
			flow: []block{para("fill", 6, body, false), para("head", 1, heading, true), para("body", 4, body, false)},
			want: []string{"fill×6 head×1 body×2", "body×2"},
		},
		{
			name: "keep-with-next chains: room heading, panel title and two lines",
			flow: []block{para("fill", 7, body, false), para("room", 1, heading, true), para("title", 1, heading, true), para("body", 4, body, false)},
			want: []string{"fill×7", "room×1 title×1 body×4"},
		},
		{
			// 50+70+4 = 124: heading and two lines take 30 pt (to 154, in),
			// but the rule under the heading adds 3 (to 157, out).
			name: "keep-with-next counts the heading's rule",
			flow: []block{para("fill", 7, body, false), para("room", 1, ruled, true), para("body", 4, body, false)},
			want: []string{"fill×7", "room×1 body×4 rule×1"},
		},
		{
			name: "right to left: the same breaks, the column mirrored",
			flow: []block{para("fill", 8, body, false), para("head", 1, heading, true), para("body", 14, body, false)},
			rtl:  true,
			want: []string{"fill×8", "head×1 body×9", "body×5"},
		},
		{
			name: "a long paragraph runs over three pages",
			flow: []block{para("body", 25, body, false)},
			want: []string{"body×10", "body×10", "body×5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := testPager(tt.rtl)
			pg.newPage()
			pg.place(tt.flow)
			if got := summary(pg.doc); strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("pages:\n got %q\nwant %q", got, tt.want)
			}
			checkPromises(t, pg, tt.flow)
		})
	}
}

// TestNeed: what must fit before a block starts.
func TestNeed(t *testing.T) {
	room := layout.Style{Size: 14, Leading: 17, SpaceAfter: 6, Rule: true}
	title := layout.Style{Size: 10.5, Leading: 13.5, SpaceBefore: 8, SpaceAfter: 3}
	text := layout.Style{Size: 9.5, Leading: 13.5}
	tests := []struct {
		name string
		flow []block
		want float64
	}{
		{"one line", []block{para("p", 1, text, false)}, 13.5},
		{"two lines", []block{para("p", 2, text, false)}, 27},
		{"three lines: all of them, or one is left alone", []block{para("p", 3, text, false)}, 40.5},
		{"four lines: the first two", []block{para("p", 4, text, false)}, 27},
		{"a heading with nothing after it", []block{para("t", 2, title, true)}, 27},
		{"panel title, then two lines", []block{para("t", 1, title, true), para("p", 9, text, false)}, 13.5 + 3 + 0 + 27},
		{"room heading, its rule, a panel title, two lines", []block{para("r", 1, room, true), para("t", 1, title, true), para("p", 9, text, false)},
			17 + 6 + 3 + 8 + 13.5 + 3 + 27},
	}
	for _, tt := range tests {
		if got := need(tt.flow, 0); math.Abs(got-tt.want) > epsilon {
			t.Errorf("%s: need = %g, want %g", tt.name, got, tt.want)
		}
	}
}

// TestLeft: the text column starts after the inner (binding) margin on
// odd pages of a left-to-right pamphlet and on even pages of a
// right-to-left one.
func TestLeft(t *testing.T) {
	tests := []struct {
		rtl  bool
		page int
		want float64
	}{
		{false, 1, inner}, {false, 2, outer}, {false, 3, inner}, {false, 4, outer},
		{true, 1, outer}, {true, 2, inner}, {true, 3, outer}, {true, 4, inner},
	}
	for _, tt := range tests {
		pg := testPager(tt.rtl)
		for range tt.page {
			pg.newPage()
		}
		if got := pg.left(); math.Abs(got-tt.want) > epsilon {
			t.Errorf("rtl=%v page %d: left() = %g, want %g", tt.rtl, tt.page, got, tt.want)
		}
	}
}

// TestFolios: every page but the covers is numbered, at the foot, flush
// with the outer edge of the column: right on odd pages and left on even
// ones, mirrored right to left.
func TestFolios(t *testing.T) {
	tests := []struct {
		rtl   bool
		pages int
		want  []string // per page: "" (no folio) or "N left" / "N right"
	}{
		{false, 5, []string{"", "2 left", "3 right", "4 left", ""}},
		{true, 5, []string{"", "2 right", "3 left", "4 right", ""}},
		{false, 2, []string{"", ""}},
		{false, 3, []string{"", "2 left", ""}},
	}
	for _, tt := range tests {
		pg := testPager(tt.rtl)
		for range tt.pages {
			pg.newPage()
		}
		number := func(n string) (typeset.Line, error) {
			return typeset.Line{Runs: []page.Run{{Text: n, Width: folioWidth}}, Width: folioWidth}, nil
		}
		if err := pg.folios(number); err != nil {
			t.Fatal(err)
		}
		for i, p := range pg.doc.Pages {
			var got string
			switch len(p.Lines) {
			case 0:
			case 1:
				ln := p.Lines[0]
				x := ln.Runs[0].X
				switch {
				case math.Abs(x-outer) < epsilon:
					got = ln.Runs[0].Text + " left"
				case math.Abs(x+folioWidth-(pageW-outer)) < epsilon:
					got = ln.Runs[0].Text + " right"
				default:
					got = fmt.Sprintf("%s at x %g", ln.Runs[0].Text, x)
				}
				if math.Abs(ln.Y-folioBaselineY) > epsilon {
					t.Errorf("rtl=%v page %d: folio baseline at y %g, want %g (the middle of the bottom margin)", tt.rtl, i+1, ln.Y, folioBaselineY)
				}
			default:
				got = fmt.Sprintf("%d lines", len(p.Lines))
			}
			if got != tt.want[i] {
				t.Errorf("rtl=%v, %d pages: page %d has folio %q, want %q", tt.rtl, tt.pages, i+1, got, tt.want[i])
			}
		}
	}
}

// TestFoliosPassOnErrors: a number that cannot be set fails the pamphlet.
func TestFoliosPassOnErrors(t *testing.T) {
	pg := testPager(false)
	for range 3 {
		pg.newPage()
	}
	want := fmt.Errorf("no glyph")
	if err := pg.folios(func(string) (typeset.Line, error) { return typeset.Line{}, want }); err != want {
		t.Errorf("folios: err = %v, want %v", err, want)
	}
}
