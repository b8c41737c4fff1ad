// Package impose arranges a pamphlet's pages on printer sheets. A booklet
// puts two pages side by side on each side of a sheet in saddle-stitch
// order: print double-sided (flip on the short edge), fold the stack in
// the middle, staple, and the pages follow in order. A right-to-left
// pamphlet is a book bound on the right, so its spreads are mirrored.
package impose

import (
	"fmt"
	"math"

	"pamphlet/internal/page"
)

// Booklet returns the sheets of doc as a booklet: each page of the result
// is one side of a sheet twice the width of doc's pages. Blank pages are
// added before the last page (the back cover stays the back cover) to make
// the count a multiple of four.
func Booklet(doc *page.Document) (*page.Document, error) {
	if len(doc.Pages) == 0 {
		return nil, fmt.Errorf("booklet: the pamphlet has no pages")
	}
	pages := padToFour(doc.Pages)
	n := len(pages)
	width := SheetWidth(2*doc.Width, doc.Height)
	out := &page.Document{
		Width: width, Height: doc.Height,
		Lang: doc.Lang, Title: doc.Title, Subject: doc.Subject, RTL: doc.RTL,
		Elems: doc.Elems, // the pamphlet's reading order, whatever the sheets' order
	}
	// Two A5 pages are 296 mm wide, an A4 sheet 297: the pair sits in its
	// middle, half a millimetre in from each edge, and the fold is the
	// sheet's own middle.
	x0 := (width - 2*doc.Width) / 2
	for _, side := range SheetOrder(n, doc.RTL) {
		out.Pages = append(out.Pages, sheetSide(pages, side[:], []float64{x0, x0 + doc.Width}))
	}
	return out, nil
}

// isoA are the ISO 216 A sizes, A0 to A6, long side first, in points.
var isoA = [][2]float64{{3370.39, 2383.94}, {2383.94, 1683.78}, {1683.78, 1190.55}, {1190.55, 841.89}, {841.89, 595.28}, {595.28, 419.53}, {419.53, 297.64}}

// SheetWidth is the width of the sheet that two pages of width w/2 and
// height h print on: the ISO A sheet (landscape) of that height when the
// pair fits it with at most 3 mm to spare — two A5 pages (2 × 148 mm)
// on A4 (297 mm), two A4 on A3 — else the pair's own width.
func SheetWidth(w, h float64) float64 {
	const mm = 72 / 25.4
	for _, a := range isoA {
		if math.Abs(a[1]-h) < 1*mm && a[0] >= w-0.01 && a[0]-w <= 3*mm {
			return a[0]
		}
	}
	return w
}

// sheetSide places pages (1-based numbers, left to right) side by side on
// one side of a sheet, each at its x.
func sheetSide(pages []page.Page, order []int, xs []float64) page.Page {
	var sheet page.Page
	for slot, p := range order {
		dx := xs[slot]
		sheet.Lines = append(sheet.Lines, shift(pages[p-1].Lines, dx)...)
		for _, r := range pages[p-1].Rules {
			r.X += dx
			sheet.Rules = append(sheet.Rules, r)
		}
		sheet.Images = append(sheet.Images, moved(pages[p-1].Images, dx, 0)...)
	}
	return sheet
}

// SheetOrder lists, for each sheet side in printing order, the 1-based
// page numbers on its left and right halves, for n pages (a multiple of
// four). Sheet i's front carries the outermost remaining pages (n-2i and
// 1+2i), its back the next pair. Right-to-left books swap the halves.
func SheetOrder(n int, rtl bool) [][2]int {
	var sides [][2]int
	for i := 0; i < n/4; i++ {
		front := [2]int{n - 2*i, 1 + 2*i}
		back := [2]int{2 + 2*i, n - 1 - 2*i}
		if rtl {
			front[0], front[1] = front[1], front[0]
			back[0], back[1] = back[1], back[0]
		}
		sides = append(sides, front, back)
	}
	return sides
}

func padToFour(pages []page.Page) []page.Page {
	out := append([]page.Page(nil), pages[:len(pages)-1]...)
	for (len(out)+1)%4 != 0 {
		out = append(out, page.Page{})
	}
	return append(out, pages[len(pages)-1])
}

func shift(lines []page.Line, dx float64) []page.Line {
	out := make([]page.Line, len(lines))
	for i, l := range lines {
		runs := make([]page.Run, len(l.Runs))
		for j, r := range l.Runs {
			r.X += dx
			runs[j] = r
		}
		l.Runs = runs
		out[i] = l
	}
	return out
}

// moved returns copies of images moved by dx across and dy down.
func moved(images []page.Image, dx, dy float64) []page.Image {
	var out []page.Image
	for _, im := range images {
		im.X += dx
		im.Y += dy
		out = append(out, im)
	}
	return out
}

// TrifoldPanels is how many panels a trifold leaflet has for the inside
// pages, between the cover and the back.
const TrifoldPanels = 4

// Trifold puts a pamphlet of at most six pages (cover, up to four inner
// pages, back) on the two sides of one sheet three panels wide, for a
// letter fold: the outside carries the inside flap, the back and the cover
// (left to right), the inside carries pages 2, 3 and 4. Right-to-left
// leaflets open the other way, so both sides are mirrored.
//
// The inside flap (page 5, and page 4 on its back) folds in, so it is
// foldIn points narrower than the other panels, which are doc.Width
// wide: the sheet is 3 × doc.Width − foldIn. The pages are composed to
// the narrow panel's column; on the wide panels the column is centred.
func Trifold(doc *page.Document, foldIn float64) (*page.Document, error) {
	if inner := len(doc.Pages) - 2; inner > TrifoldPanels {
		return nil, fmt.Errorf("does not fit a trifold: its text needs %d inner panels, a trifold has %d; shorten it, or print the a5 layout or a --booklet", inner, TrifoldPanels)
	}
	if len(doc.Pages) < 2 {
		return nil, fmt.Errorf("trifold: the pamphlet has no back page")
	}
	// A copy: padding must not write into the pamphlet's own pages.
	pages := append([]page.Page(nil), doc.Pages[:len(doc.Pages)-1]...)
	for len(pages) < 5 {
		pages = append(pages, page.Page{})
	}
	pages = append(pages, doc.Pages[len(doc.Pages)-1])
	out := &page.Document{
		Width: 3*doc.Width - foldIn, Height: doc.Height,
		Lang: doc.Lang, Title: doc.Title, Subject: doc.Subject, RTL: doc.RTL,
		Elems: doc.Elems, // the pamphlet's reading order, whatever the sheets' order
	}
	for _, side := range TrifoldOrder(doc.RTL) {
		var xs []float64
		x := 0.0
		for _, p := range side {
			if p == 4 || p == 5 { // the fold-in panel
				xs = append(xs, x)
				x += doc.Width - foldIn
			} else {
				xs = append(xs, x+foldIn/2)
				x += doc.Width
			}
		}
		out.Pages = append(out.Pages, sheetSide(pages, side[:], xs))
	}
	return out, nil
}

// TrifoldOrder lists the 1-based pages on the panels of the outside and
// the inside of a trifold sheet, left to right.
func TrifoldOrder(rtl bool) [][3]int {
	if rtl {
		return [][3]int{{1, 6, 5}, {4, 3, 2}}
	}
	return [][3]int{{5, 6, 1}, {2, 3, 4}}
}
