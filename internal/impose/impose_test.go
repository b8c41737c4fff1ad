package impose

import (
	"fmt"
	"math"
	"testing"

	"pamphlet/internal/page"
)

func TestSheetOrder(t *testing.T) {
	cases := []struct {
		n    int
		rtl  bool
		want string
	}{
		{4, false, "[[4 1] [2 3]]"},
		{8, false, "[[8 1] [2 7] [6 3] [4 5]]"},
		{8, true, "[[1 8] [7 2] [3 6] [5 4]]"},
	}
	for _, c := range cases {
		if got := fmt.Sprint(SheetOrder(c.n, c.rtl)); got != c.want {
			t.Errorf("SheetOrder(%d, rtl=%v) = %s, want %s", c.n, c.rtl, got, c.want)
		}
	}
}

func TestBookletPadsBeforeTheBackCover(t *testing.T) {
	doc := &page.Document{Width: 100, Height: 200}
	for i := 1; i <= 5; i++ {
		doc.Pages = append(doc.Pages, page.Page{Lines: []page.Line{{Runs: []page.Run{{Text: fmt.Sprint(i), X: 10}}}}})
	}
	b, err := Booklet(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Pages) != 4 || b.Width != 200 {
		t.Fatalf("%d sides of width %v, want 4 sides (8 pages) of 200", len(b.Pages), b.Width)
	}
	// Page 5 (the back cover) is page 8 of the booklet: left half of the
	// first side, with page 1 on the right half.
	first := b.Pages[0].Lines
	if first[0].Runs[0].Text != "5" || first[0].Runs[0].X != 10 || first[1].Runs[0].Text != "1" || first[1].Runs[0].X != 110 {
		t.Errorf("first side: %+v", first)
	}
}

func TestTrifold(t *testing.T) {
	doc := &page.Document{Width: 100, Height: 200}
	for i := 1; i <= 4; i++ { // cover, two inner pages, back
		doc.Pages = append(doc.Pages, page.Page{Lines: []page.Line{{Runs: []page.Run{{Text: fmt.Sprint(i)}}}}})
	}
	for _, c := range []struct {
		rtl     bool
		outside string
		inside  string
	}{
		{false, "[ 4 1]", "[2 3 ]"}, // flap (blank), back, cover | 2, 3, blank
		{true, "[1 4 ]", "[ 3 2]"},
	} {
		doc.RTL = c.rtl
		tri, err := Trifold(doc, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(tri.Pages) != 2 || tri.Width != 300 {
			t.Fatalf("%d sides of width %v", len(tri.Pages), tri.Width)
		}
		for side, want := range []string{c.outside, c.inside} {
			panels := make([]string, 3)
			for _, l := range tri.Pages[side].Lines {
				panels[int(l.Runs[0].X)/100] = l.Runs[0].Text
			}
			if got := fmt.Sprint(panels); got != want {
				t.Errorf("rtl=%v side %d: panels %s, want %s", c.rtl, side+1, got, want)
			}
		}
	}
	if got := fmt.Sprint(doc.Pages[3].Lines[0].Runs[0].Text); got != "4" {
		t.Errorf("Trifold changed the pamphlet it was given: its back page now reads %q", got)
	}
	long := &page.Document{Width: 100, Height: 200, Pages: make([]page.Page, 7)}
	if _, err := Trifold(long, 0); err == nil {
		t.Error("seven pages accepted on a trifold")
	}
}

// TestTrifoldFoldIn: the inside flap and its back are foldIn narrower;
// the sheet is three panels less that, and the wide panels' columns are
// centred.
func TestTrifoldFoldIn(t *testing.T) {
	doc := &page.Document{Width: 100, Height: 200}
	for i := 1; i <= 6; i++ {
		doc.Pages = append(doc.Pages, page.Page{Lines: []page.Line{{Runs: []page.Run{{Text: fmt.Sprint(i), X: 10}}}}})
	}
	tri, err := Trifold(doc, 4)
	if err != nil {
		t.Fatal(err)
	}
	if tri.Width != 296 {
		t.Fatalf("sheet width %v, want 296", tri.Width)
	}
	for side, want := range []map[string]float64{
		{"5": 10, "6": 108, "1": 208}, // flap at the left edge, narrow
		{"2": 12, "3": 112, "4": 210}, // its back at the right
	} {
		for _, l := range tri.Pages[side].Lines {
			if x := l.Runs[0].X; x != want[l.Runs[0].Text] {
				t.Errorf("side %d: page %s at x %v, want %v", side+1, l.Runs[0].Text, x, want[l.Runs[0].Text])
			}
		}
	}
}

// TestSheetWidth: two A5 pages print on A4 and two A4 pages on A3, the
// pair centred; a pair that is no A size keeps its own width.
func TestSheetWidth(t *testing.T) {
	const mm = 72 / 25.4
	for _, c := range []struct{ w, h, want float64 }{
		{2 * 148 * mm, 210 * mm, 841.89},
		{2 * 210 * mm, 297 * mm, 1190.55},
		{2 * 100 * mm, 210 * mm, 200 * mm},
		{2 * 150 * mm, 210 * mm, 300 * mm}, // wider than A4: its own width
	} {
		if got := SheetWidth(c.w, c.h); math.Abs(got-c.want) > 0.01 {
			t.Errorf("SheetWidth(%.1f, %.1f) = %.2f, want %.2f", c.w, c.h, got, c.want)
		}
	}
}

// TestImagesTravelWithTheirPage: a booklet, a trifold and print marks
// move a page's image with its page, keeping its size and tag.
func TestImagesTravelWithTheirPage(t *testing.T) {
	doc := &page.Document{Width: 100, Height: 200}
	for i := 1; i <= 4; i++ {
		doc.Pages = append(doc.Pages, page.Page{})
	}
	tag := &page.Tag{Elem: 3, Seq: 7}
	doc.Pages[2].Images = []page.Image{{X: 10, Y: 20, W: 30, H: 40, Format: "png", Tag: tag}} // page 3
	booklet := func() (*page.Document, error) { return Booklet(doc) }
	trifold := func() (*page.Document, error) { return Trifold(doc, 0) }
	marks := func() (*page.Document, error) { return PrintMarks(doc, 5, false), nil }
	for _, c := range []struct {
		name     string
		impose   func() (*page.Document, error)
		side     int
		x, y     float64
		allSides int // images over every side
	}{
		{"booklet", booklet, 1, 110, 20, 1}, // side 2 carries pages 2 | 3
		{"trifold", trifold, 1, 110, 20, 1}, // inside: 2 | 3 | 4
		{"print marks", marks, 2, 15, 25, 1},
	} {
		out, err := c.impose()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range out.Pages {
			n += len(p.Images)
		}
		if n != c.allSides {
			t.Errorf("%s: %d images, want %d", c.name, n, c.allSides)
			continue
		}
		ims := out.Pages[c.side].Images
		if len(ims) != 1 {
			t.Errorf("%s: side %d has %d images, want 1", c.name, c.side+1, len(ims))
			continue
		}
		im := ims[0]
		if im.X != c.x || im.Y != c.y || im.W != 30 || im.H != 40 || im.Tag != tag || im.Format != "png" {
			t.Errorf("%s: image %+v, want at %v, %v, 30 × 40, tagged", c.name, im, c.x, c.y)
		}
	}
	if im := doc.Pages[2].Images[0]; im.X != 10 || im.Y != 20 {
		t.Errorf("imposing moved the pamphlet's own image to %v, %v", im.X, im.Y)
	}
}
