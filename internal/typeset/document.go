package typeset

// Placed is a run at an absolute position: X from the page's left edge, Y
// the baseline from the page's top edge, both in points.
type Placed struct {
	Run
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
	Texts []Placed
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
