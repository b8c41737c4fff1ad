package pdfdraw

import (
	"fmt"
	"math"
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
// no code point names, a letter that carries its marks' text, a mark —
// gets a code point of the Private Use Area in the subset of the font
// made for the one document (sfnt.Subset adds it to the subset's
// character map), fpdf subsets and draws it like any other character, and the tagging
// pass maps it in the ToUnicode map to the glyph's text, so that copying
// and searching give back what was typed.
//
// A mark's code has no ToUnicode entry: its letter's code stands for the
// letter and its marks (page.Glyph.Cluster). poppler builds words from
// characters on one baseline that follow each other left to right; a
// mark drawn where GPOS puts it (raised 1 pt above a short letter, or
// inside its letter's advance) breaks the word, and pdftotext returned
// «ر َّ» and marks on a line of their own when the marks extracted as
// themselves. The price is that a mark glyph alone has no Unicode value,
// which PDF/UA-1 (7.21.7) asks of every glyph.

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
	pua   map[glyphKey]rune
	extra map[rune]uint16 // PUA code → glyph, for the font's subset
	texts map[rune]string // PUA code → the glyph's text, for ToUnicode
	next  rune
	// drawn are the code points the document draws with the font, text
	// runs' and glyphs' alike, for its subset.
	drawn []rune
}

type glyphKey struct {
	id   uint16
	text string
}

func newGlyphCodes(f *page.Font) (*glyphCodes, error) {
	sf, err := parse(f)
	if err != nil {
		return nil, &FontError{File: f.File, Err: err}
	}
	return &glyphCodes{sf: sf, file: f.File, pua: map[glyphKey]rune{}, extra: map[rune]uint16{}, texts: map[rune]string{}, next: firstPUA}, nil
}

// code is the code point g is drawn with: the lowest that the font's
// character map sends to the glyph and that extracts as g's text, else
// the glyph's own Private Use Area code, handed out in order of first
// use so that the same document gives the same bytes.
func (gc *glyphCodes) code(g page.Glyph) (rune, error) {
	runes := gc.sf.Runes(g.ID)
	for _, r := range runes {
		if pdftag.Extracted(r) == g.Cluster {
			return r, nil
		}
	}
	k := glyphKey{g.ID, g.Cluster}
	if r, ok := gc.pua[k]; ok {
		return r, nil
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
	r := gc.next
	gc.next++
	gc.pua[k], gc.extra[r], gc.texts[r] = r, g.ID, g.Cluster
	return r, nil
}

// fontBytes is the file fpdf embeds for f: the subset of f that holds
// what the document draws with it, with its Private Use Area codes. It
// is the document's own copy (fpdf writes into the bytes it is given:
// see page.Font).
func (gc *glyphCodes) fontBytes(f *page.Font) ([]byte, error) {
	data, err := gc.sf.Subset(gc.drawn, gc.extra)
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
				for _, g := range r.Glyphs {
					c, err := gc.code(g)
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

// drawGlyphs draws a shaped run glyph by glyph from the pen at r.X:
// glyphs the shaper did not move are drawn as one string, as far as
// each advances by exactly its width in the PDF; a glyph with offsets
// (a mark on its letter) is drawn alone at the pen plus its offsets. It
// returns the codes drawn, for the ToUnicode map.
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
	for _, g := range r.Glyphs {
		c, _ := gc.code(g) // planned: no error
		codes = append(codes, c)
		if g.X != 0 || g.Y != 0 {
			flush()
			pdf.Text(pen+g.X, y-g.Y, string(c))
		} else {
			if len(str) == 0 {
				strX = pen
			}
			str = append(str, c)
			if w := float64(gc.sf.Width(g.ID)) * r.Size / 1000; math.Abs(w-g.Advance) > 1e-6 {
				flush() // the reader's pen would not end where the shaper's does
			}
		}
		pen += g.Advance
	}
	flush()
	return codes
}
