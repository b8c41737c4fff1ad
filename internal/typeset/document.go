package typeset

// PlacedLine is a finished line at its place on the page: run X offsets
// are from the page's left edge, Y is the baseline from the page's top
// edge, both in points.
type PlacedLine struct {
	Runs []Run
	Y    float64
	Grey int // 0 black … 255 white
}

// Rule is a horizontal hairline.
type Rule struct {
	X, Y, Width, Thickness float64
	Grey                   int
}

// Page is one finished page.
type Page struct {
	Lines []PlacedLine
	Rules []Rule
}

// Document is a finished pamphlet, ready to draw.
type Document struct {
	Width, Height float64 // points
	Lang          string  // BCP 47, for the PDF's /Lang
	Title         string
	Subject       string
	RTL           bool
	Pages         []Page
}
