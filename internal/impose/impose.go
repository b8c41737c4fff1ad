// Package impose arranges a pamphlet's pages on printer sheets. A booklet
// puts two pages side by side on each side of a sheet in saddle-stitch
// order: print double-sided (flip on the short edge), fold the stack in
// the middle, staple, and the pages follow in order. A right-to-left
// pamphlet is a book bound on the right, so its spreads are mirrored.
package impose

import (
	"fmt"

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
	out := &page.Document{
		Width: 2 * doc.Width, Height: doc.Height,
		Lang: doc.Lang, Title: doc.Title, Subject: doc.Subject, RTL: doc.RTL,
		Elems: doc.Elems, // the pamphlet's reading order, whatever the sheets' order
	}
	for _, side := range SheetOrder(n, doc.RTL) {
		out.Pages = append(out.Pages, sheetSide(pages, side[:], doc.Width))
	}
	return out, nil
}

// sheetSide places pages (1-based numbers, left to right) side by side on
// one side of a sheet, each page width apart.
func sheetSide(pages []page.Page, order []int, width float64) page.Page {
	var sheet page.Page
	for slot, p := range order {
		dx := float64(slot) * width
		sheet.Lines = append(sheet.Lines, shift(pages[p-1].Lines, dx)...)
		for _, r := range pages[p-1].Rules {
			r.X += dx
			sheet.Rules = append(sheet.Rules, r)
		}
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

// TrifoldPanels is how many panels a trifold leaflet has for the inside
// pages, between the cover and the back.
const TrifoldPanels = 4

// Trifold puts a pamphlet of at most six pages (cover, up to four inner
// pages, back) on the two sides of one sheet three panels wide, for a
// letter fold: the outside carries the inside flap, the back and the cover
// (left to right), the inside carries pages 2, 3 and 4. Right-to-left
// leaflets open the other way, so both sides are mirrored.
func Trifold(doc *page.Document) (*page.Document, error) {
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
		Width: 3 * doc.Width, Height: doc.Height,
		Lang: doc.Lang, Title: doc.Title, Subject: doc.Subject, RTL: doc.RTL,
		Elems: doc.Elems, // the pamphlet's reading order, whatever the sheets' order
	}
	for _, side := range TrifoldOrder(doc.RTL) {
		out.Pages = append(out.Pages, sheetSide(pages, side[:], doc.Width))
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
