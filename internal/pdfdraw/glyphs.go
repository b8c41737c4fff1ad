package pdfdraw

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"pamphlet/internal/page"
	"pamphlet/internal/pdftag"
	"pamphlet/internal/sfnt"
)

// fpdf draws code points, through the font's character map; the shaper
// gives glyphs. A glyph that the map reaches, by a code point that
// extracts as the text the glyph stands for, is drawn as that code
// point. Any other glyph — a mark ligature (shadda with fatha), a form
// no code point names, a letter that carries its marks' text — gets a
// code point of the Private Use Area in the subset of the font made for
// the one document (sfnt.Subset adds it to the subset's character map),
// fpdf subsets and draws it like any other character, and the tagging
// pass maps it in the ToUnicode map to the glyph's text, so that copying
// and searching give back what was typed.
//
// A cluster of several glyphs (a letter and the marks GPOS places on
// it) is drawn as one: the subset gets a composite glyph of them, placed
// as the shaper placed them (sfnt.Composite), under one Private Use Area
// code that maps to the cluster's text. So every code drawn stands for
// text, as PDF/UA-1 (7.21.7) asks, and a text extractor sees one
// character: poppler builds words from characters on one baseline that
// follow each other left to right, and a mark drawn on its own, raised
// above a short letter or set inside its advance, broke the word — it
// returned «ر َّ», or marks on a line of their own.

// Private Use Area codes the drawer hands out, per font and document.
const (
	firstPUA = 0xE000
	lastPUA  = 0xF8FF
)

// GlyphError is a document that draws more distinct glyphs with no code
// point of their own in one font than the Private Use Area holds.
type GlyphError struct{ File string }

func (e *GlyphError) Error() string {
	return fmt.Sprintf("%s: the document draws more than %d glyphs with no code point of their own in this font", e.File, lastPUA-firstPUA+1)
}

// parsed caches each font file's character map and widths: fonts are
// shared, read-only, by every document of a build.
var parsed sync.Map // *page.Font → *parsedFont

type parsedFont struct {
	once sync.Once
	font *sfnt.Font
	err  error
}

// Prepare reads f's character map and widths now, for the documents
// that will draw with it (a build warms them while it composes).
func Prepare(f *page.Font) {
	if f.Data != nil {
		parse(f)
	}
}

func parse(f *page.Font) (*sfnt.Font, error) {
	v, _ := parsed.LoadOrStore(f, &parsedFont{})
	p := v.(*parsedFont)
	p.once.Do(func() { p.font, p.err = sfnt.Parse(f.Data) })
	return p.font, p.err
}

// glyphCodes are the code points one document draws one font's glyphs
// with.
type glyphCodes struct {
	sf    *sfnt.Font
	file  string
	pua   map[string]rune // unitKey → its Private Use Area code
	extra map[rune]uint16 // PUA code → glyph, for the font's subset
	texts map[rune]string // PUA code → the glyph's text, for ToUnicode
	// added are the composite glyphs of clusters, glyph NumGlyphs()+i;
	// widths their advances, thousandths of an em, by code.
	added  []sfnt.Composite
	widths map[rune]int
	next   rune
	// drawn are the code points the document draws with the font, text
	// runs' and glyphs' alike, for its subset.
	drawn []rune
}

func newGlyphCodes(f *page.Font) (*glyphCodes, error) {
	sf, err := parse(f)
	if err != nil {
		return nil, &FontError{File: f.File, Err: err}
	}
	return &glyphCodes{sf: sf, file: f.File, pua: map[string]rune{}, extra: map[rune]uint16{}, texts: map[rune]string{}, widths: map[rune]int{}, next: firstPUA}, nil
}

// unit is what one code draws: one glyph, or a cluster's glyphs
// together, glyphs[i:j] of a run.
type unit struct{ i, j int }

// units splits a run's glyphs into what is drawn with one code each: a
// glyph that stands for no text of its own (a mark; page.Glyph.Cluster)
// is drawn with the glyph before it, or, at the run's start, with the
// first glyph after it that has text.
func units(glyphs []page.Glyph) []unit {
	var out []unit
	for i, g := range glyphs {
		switch n := len(out); {
		case n > 0 && (g.Cluster == "" || !hasText(glyphs[out[n-1].i:i])):
			out[n-1].j = i + 1
		default:
			out = append(out, unit{i, i + 1})
		}
	}
	return out
}

func hasText(glyphs []page.Glyph) bool {
	for _, g := range glyphs {
		if g.Cluster != "" {
			return true
		}
	}
	return false
}

// code is the code point u of r is drawn with: for one glyph, the
// lowest that the font's character map sends to the glyph and that
// extracts as its text; else a Private Use Area code of its own, handed
// out in order of first use so that the same document gives the same
// bytes, for the glyph or for a composite of the unit's glyphs.
func (gc *glyphCodes) code(r page.Run, u unit) (rune, error) {
	glyphs := r.Glyphs[u.i:u.j]
	if len(glyphs) == 1 {
		g := glyphs[0]
		for _, c := range gc.sf.Runes(g.ID) {
			if pdftag.Extracted(c) == g.Cluster {
				return c, nil
			}
		}
	}
	var c sfnt.Composite
	var key string
	if len(glyphs) == 1 { // a lone glyph is drawn at its offsets: not part of it
		key = fmt.Sprintf("%d;%s", glyphs[0].ID, glyphs[0].Cluster)
	} else {
		c, key = gc.composite(r, glyphs)
	}
	if code, ok := gc.pua[key]; ok {
		return code, nil
	}
	for {
		if gc.next > lastPUA {
			return 0, &GlyphError{gc.file}
		}
		if _, taken := gc.sf.Glyph(gc.next); !taken {
			break
		}
		gc.next++
	}
	code := gc.next
	gc.next++
	text := ""
	for _, g := range glyphs {
		text += g.Cluster
	}
	gc.pua[key], gc.texts[code] = code, text
	if len(glyphs) == 1 {
		gc.extra[code] = glyphs[0].ID
		return code, nil
	}
	gc.extra[code] = uint16(gc.sf.NumGlyphs() + len(gc.added))
	gc.added = append(gc.added, c)
	gc.widths[code] = gc.sf.Thousandths(c.Advance)
	return code, nil
}

// composite is the glyph that draws glyphs as one, in font units from
// the pen where the first is drawn, and the key that tells it from every
// other glyph of the font: its parts, its advance and its text.
func (gc *glyphCodes) composite(r page.Run, glyphs []page.Glyph) (sfnt.Composite, string) {
	units := func(pt float64) int { return int(math.Round(pt * float64(gc.sf.Upem()) / r.Size)) }
	var key strings.Builder
	c := sfnt.Composite{Parts: make([]sfnt.Part, len(glyphs))}
	pen := 0.0
	for i, g := range glyphs {
		c.Parts[i] = sfnt.Part{Glyph: g.ID, DX: units(pen + g.X), DY: units(g.Y)}
		fmt.Fprintf(&key, "%d,%d,%d;", g.ID, c.Parts[i].DX, c.Parts[i].DY)
		pen += g.Advance
		key.WriteString(g.Cluster)
		key.WriteByte(0)
	}
	c.Advance = units(pen)
	fmt.Fprintf(&key, "%d", c.Advance)
	return c, key.String()
}

// width is how far the PDF reader's pen moves after code, points.
func (gc *glyphCodes) width(code rune, r page.Run, u unit) float64 {
	w, ok := gc.widths[code]
	if !ok {
		w = gc.sf.Width(r.Glyphs[u.i].ID)
	}
	return float64(w) * r.Size / 1000
}

// fontBytes is the file fpdf embeds for f: the subset of f that holds
// what the document draws with it, with its Private Use Area codes and
// its clusters' composite glyphs. It is the document's own copy (fpdf
// writes into the bytes it is given: see page.Font).
func (gc *glyphCodes) fontBytes(f *page.Font) ([]byte, error) {
	data, err := gc.sf.Subset(gc.drawn, gc.extra, gc.added)
	if err != nil {
		return nil, &FontError{File: f.File, Err: err}
	}
	return data, nil
}

// planFonts gives every glyph of doc its code point and collects the
// code points drawn with each font, before any font is embedded: the
// fonts' subsets must hold all of them.
func planFonts(doc *page.Document) (map[*page.Font]*glyphCodes, error) {
	plan := map[*page.Font]*glyphCodes{}
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			for _, r := range l.Runs {
				gc := plan[r.Font]
				if gc == nil {
					var err error
					if gc, err = newGlyphCodes(r.Font); err != nil {
						return nil, err
					}
					plan[r.Font] = gc
				}
				if r.Glyphs == nil {
					gc.drawn = append(gc.drawn, []rune(r.Text)...)
					continue
				}
				for _, u := range units(r.Glyphs) {
					c, err := gc.code(r, u)
					if err != nil {
						return nil, err
					}
					gc.drawn = append(gc.drawn, c)
				}
			}
		}
	}
	return plan, nil
}

// drawGlyphs draws a shaped run from the pen at r.X, a code a unit:
// units drawn where the pen is are drawn as one string, as far as each
// advances by exactly its width in the PDF; a lone glyph the shaper
// moved is drawn alone at the pen plus its offsets (a cluster's offsets
// are inside its composite glyph). It returns the codes drawn, for the
// ToUnicode map.
func drawGlyphs(pdf *fpdf.Fpdf, r page.Run, y float64, gc *glyphCodes) []rune {
	codes := make([]rune, 0, len(r.Glyphs))
	var str []rune
	strX := 0.0
	flush := func() {
		if len(str) > 0 {
			pdf.Text(strX, y, string(str))
			str = str[:0]
		}
	}
	pen := r.X
	for _, u := range units(r.Glyphs) {
		c, _ := gc.code(r, u) // planned: no error
		codes = append(codes, c)
		advance := 0.0
		for _, g := range r.Glyphs[u.i:u.j] {
			advance += g.Advance
		}
		if g := r.Glyphs[u.i]; u.j-u.i == 1 && (g.X != 0 || g.Y != 0) {
			flush()
			pdf.Text(pen+g.X, y-g.Y, string(c))
		} else {
			if len(str) == 0 {
				strX = pen
			}
			str = append(str, c)
			if math.Abs(gc.width(c, r, u)-advance) > 1e-6 {
				flush() // the reader's pen would not end where the shaper's does
			}
		}
		pen += advance
	}
	flush()
	return codes
}
