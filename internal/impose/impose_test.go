package impose

import (
	"fmt"
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
		tri, err := Trifold(doc)
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
	if _, err := Trifold(long); err == nil {
		t.Error("seven pages accepted on a trifold")
	}
}
