package impose

import "pamphlet/internal/page"

// Crop marks, in points: each a hairline 5 mm long, starting 3 mm (or
// the bleed, when wider) outside the trim, so that neither the cut nor
// the bleed reaches it.
const (
	markLength = 5 * 72 / 25.4
	markOffset = 3 * 72 / 25.4
	markWeight = 0.25
)

// PrintMarks returns doc ready for a printer who trims: each page grows
// by bleed on every side (and by the crop marks' room when crop is set),
// its content moves with the trim so that it stays where it was relative
// to the cut (its lines, rules and images), a rule that touches the trim's edge runs on to the bleed's,
// and crop marks are drawn at the trim's corners, outside it. The result
// records the TrimBox and BleedBox. With no bleed and no marks it
// returns doc itself. The rules it adds are artifacts, as every rule is:
// a screen reader has nothing to read in them.
func PrintMarks(doc *page.Document, bleed float64, crop bool) *page.Document {
	if bleed <= 0 && !crop {
		return doc
	}
	off := bleed
	if crop {
		off = max(bleed, markOffset) + markLength
	}
	w, h := doc.Width, doc.Height
	out := *doc
	out.Width, out.Height = w+2*off, h+2*off
	out.Trim = page.Box{X: off, Y: off, W: w, H: h}
	if bleed > 0 {
		out.Bleed = page.Box{X: off - bleed, Y: off - bleed, W: w + 2*bleed, H: h + 2*bleed}
	}
	out.Pages = make([]page.Page, len(doc.Pages))
	const touch = 0.01 // a rule this near the edge touches it
	for i, p := range doc.Pages {
		var np page.Page
		for _, l := range shift(p.Lines, off) {
			l.Y += off
			np.Lines = append(np.Lines, l)
		}
		for _, r := range p.Rules {
			if r.X <= touch {
				r.X -= bleed
				r.Width += bleed
			}
			if r.X+r.Width >= w-touch {
				r.Width += bleed
			}
			r.X += off
			r.Y += off
			np.Rules = append(np.Rules, r)
		}
		np.Images = moved(p.Images, off, off)
		if crop {
			np.Rules = append(np.Rules, cropMarks(out.Trim, max(bleed, markOffset))...)
		}
		out.Pages[i] = np
	}
	return &out
}

// cropMarks are the eight trim marks of a trim box: at each corner one
// horizontal and one vertical, in line with the trim's edges, from gap
// outside it outwards.
func cropMarks(t page.Box, gap float64) []page.Rule {
	var rs []page.Rule
	hline := func(x, y float64) { rs = append(rs, page.Rule{X: x, Y: y, Width: markLength, Thickness: markWeight}) }
	for _, y := range []float64{t.Y, t.Y + t.H} {
		hline(t.X-gap-markLength, y)
		hline(t.X+t.W+gap, y)
	}
	for _, x := range []float64{t.X, t.X + t.W} {
		for _, y := range []float64{t.Y - gap - markLength, t.Y + t.H + gap} {
			rs = append(rs, page.Rule{X: x, Y: y, Width: 0, Height: markLength, Thickness: markWeight})
		}
	}
	return rs
}
