package compose

import (
	"math"
	"slices"
	"testing"

	"pamphlet/internal/museum"
	"pamphlet/internal/resolve"
)

// TestPagerImage: the image fills the free text area below the last
// text as far as its aspect allows, centred both ways, tagged.
func TestPagerImage(t *testing.T) {
	// The text area is 250 pt wide (300 less 30 inner and 20 outer) on
	// page 1, and 105 pt high; text down to y 70 leaves 85.
	for _, c := range []struct {
		name       string
		w, h       int
		x, y, W, H float64
	}{
		{"wide", 500, 100, inner, 70 + (85-50)/2.0, 250, 50},
		{"tall", 100, 200, inner + (250-42.5)/2, 70, 42.5, 85},
		{"small, enlarged", 10, 2, inner, 70 + (85-50)/2.0, 250, 50},
	} {
		t.Run(c.name, func(t *testing.T) {
			pg := testPager(false)
			pg.newPage()
			pg.y = 70
			pg.image(&museum.Image{Width: c.w, Height: c.h, Format: "png", File: "p.png", Data: []byte{1}}, 4)
			ims := pg.page().Images
			if len(ims) != 1 {
				t.Fatalf("%d images, want 1", len(ims))
			}
			im := ims[0]
			for _, v := range [][2]float64{{im.X, c.x}, {im.Y, c.y}, {im.W, c.W}, {im.H, c.H}} {
				if math.Abs(v[0]-v[1]) > epsilon {
					t.Fatalf("image at %.2f, %.2f, %.2f × %.2f; want %.2f, %.2f, %.2f × %.2f", im.X, im.Y, im.W, im.H, c.x, c.y, c.W, c.H)
				}
			}
			if im.Tag == nil || im.Tag.Elem != 4 || im.Format != "png" || im.File != "p.png" {
				t.Errorf("image %+v: want tagged as element 4, its format and file kept", im)
			}
			if pg.y != pg.bottom() {
				t.Errorf("after the image the page is free from %v, want full (%v)", pg.y, pg.bottom())
			}
		})
	}
}

// TestFillKinds: a pamphlet with nothing for "plan" takes the next kind,
// so that the pages are still filled.
func TestFillKinds(t *testing.T) {
	withPlan := &resolve.Pamphlet{Parts: []resolve.Part{{Plan: resolve.Plan{Image: &museum.Image{Width: 1, Height: 1}}}}}
	noPlan := &resolve.Pamphlet{Parts: []resolve.Part{{}}}
	whole := &resolve.Pamphlet{Whole: true, Parts: withPlan.Parts}
	fill := []string{"contents", "plan", "notes", "colophon"}
	for _, c := range []struct {
		name    string
		p       *resolve.Pamphlet
		missing int
		want    []string
	}{
		{"plan, three pages", withPlan, 3, []string{"contents", "plan", "notes"}},
		{"plan, one page", withPlan, 1, []string{"contents"}},
		{"no plan, three pages", noPlan, 3, []string{"contents", "notes", "colophon"}},
		{"no plan, two pages", noPlan, 2, []string{"contents", "notes"}},
		{"whole museum", whole, 2, []string{"contents", "notes"}},
		{"none missing", withPlan, 0, nil},
	} {
		if got := fillKinds(fill, c.p, c.missing); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
