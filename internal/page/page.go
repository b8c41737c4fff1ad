// Package page is the finished-page model: what the composer produces and
// what imposition rearranges and the PDF writer draws. It belongs to no
// stage. It holds positioned, already-shaped text and rules, and nothing
// that would tie a consumer to the shaper or to the PDF library, just as
// typst's frames tie its PDF exporter neither to its layout engine nor the
// other way round.
package page

// Font is one font file as the PDF writer embeds it. Several faces of the
// font set may point at one Font (a synthetic bold uses the regular file),
// and then the writer embeds the file once.
//
// Data is shared by every document that uses the font, and by parallel
// builds, so it must never be written to. fpdf's subsetter does write into
// the bytes it is handed (utf8FontFile.getMetrics appends to slices that
// alias them, for glyphs past the hmtx long metrics): a writer must hand
// fpdf a copy of Data for each document, or later documents are corrupted
// and parallel builds race. TestBuiltAloneEqualsBuiltInParallel guards
// this.
type Font struct {
	Name string // the PDF font family name; unique within a font set
	File string // where the font came from, for error messages
	Data []byte // TrueType bytes, read-only
}

// Run is a piece of a line drawn with one font at one size, its text
// already in visual (left-to-right drawing) order.
//
// A run of shaped text (Arabic, Hebrew, Latin with a fi or fl
// ligature) carries its Glyphs: the PDF writer then draws those glyphs,
// each where the shaper put it, and Text only names them (for tests,
// previews and debugging). A run without Glyphs is drawn as Text,
// through the font's character map.
type Run struct {
	Font *Font
	Size float64 // points
	// Embolden, when above zero, strokes the glyph outlines with a line of
	// that fraction of Size: a synthetic bold for a script whose font has
	// no bold face, so that headings still stand out.
	Embolden float64
	X        float64 // offset from the line's left edge, points (from the page's left edge once placed)
	Text     string
	Width    float64
	Glyphs   []Glyph // in visual order; nil: draw Text
}

// Glyph is one glyph of a shaped run, as the shaper placed it. The pen
// starts at the run's X and moves on by each glyph's Advance; a glyph is
// drawn at the pen moved by its offsets (a mark on its letter, where the
// font's anchors put it).
type Glyph struct {
	ID   uint16  // glyph index in the run's font
	X, Y float64 // offset from the pen, points; Y upwards
	// Advance is how far the pen moves after the glyph, points.
	Advance float64
	// Cluster is the text the glyph stands for, in logical order: a
	// cluster's base glyph (its letter, or a ligature) carries the whole
	// cluster's text, marks included, and its marks carry "". Text
	// extraction (copy, search, screen readers) gives it back; see
	// internal/pdfdraw for why marks stand for no text of their own.
	Cluster string
}

// Line is a finished line: run X offsets are from the page's left edge
// once the line is placed on a page, Y is the baseline from the page's top
// edge, both in points.
type Line struct {
	Runs []Run
	Y    float64
	Grey int // 0 black … 255 white
	// ID is the message whose text the line sets ("" for page numbers),
	// so that a preview can find the page a panel prints on. Drawing
	// ignores it.
	ID string
	// Tag places the line in the document's logical structure; nil marks
	// it an artifact (a page number), which assistive technology skips.
	Tag *Tag
}

// Tag says which structure element a placed line belongs to. The lines
// of one paragraph share an element; Seq keeps them in reading order
// when imposition puts pages on sheets in another order (a booklet's
// sheet carries pages 8 and 1 side by side).
type Tag struct {
	Elem int // index in Document.Elems
	Seq  int // the line's place in the pamphlet's reading order
}

// Elem is one element of a document's logical structure: what a screen
// reader announces (a heading, a paragraph, a list item) and what a
// reflowing viewer reflows. Roles are the standard structure types of
// ISO 32000-1, 14.8.4, so no role map is needed: Document, H1…H6, P, L,
// LI, Lbl, LBody.
type Elem struct {
	Role string
	// Parent is the index in Document.Elems of the element this one is
	// part of; the root (Elems[0], the Document) has -1.
	Parent int
	// Lang is the BCP 47 tag of the element's text when it is not the
	// document's language (an untranslated text printed in the
	// original), so that a screen reader switches voice; else "".
	Lang string
	// Bookmark, when set, gives the element an entry in the document
	// outline (a viewer's sidebar), opening on its first line.
	Bookmark *Bookmark
	// Alt is the text alternative of a Figure: what a screen reader says
	// in place of the image, in the document's language (or Lang's).
	Alt string
}

// Bookmark is an outline entry: its title in logical order (lines hold
// visual order) and its depth, 0 for the top level.
type Bookmark struct {
	Title string
	Level int
}

// Rule is a hairline from (X, Y), Width across and Height down: a
// horizontal rule has no Height, a vertical one (a crop mark) no Width.
type Rule struct {
	X, Y, Width, Thickness float64
	Height                 float64
	Grey                   int
}

// Image is a picture placed on a page: a floor plan. X, Y is its top
// left corner from the page's top left, W and H its size, in points.
type Image struct {
	X, Y, W, H float64
	// Data is the file's bytes, in Format ("png" or "jpeg"), read-only:
	// every pamphlet of the part shares them.
	Data   []byte
	Format string
	// File is where the image came from, for error messages.
	File string
	// Tag places the image in the logical structure, as a line's does:
	// a Figure element with its Alt text.
	Tag *Tag
}

// Page is one finished page.
type Page struct {
	Lines  []Line
	Rules  []Rule
	Images []Image
}

// Box is a rectangle of a page, in points from its top-left corner.
type Box struct{ X, Y, W, H float64 }

// IsZero reports whether the box is unset.
func (b Box) IsZero() bool { return b == Box{} }

// Document is a finished pamphlet, ready to impose or draw.
type Document struct {
	Width, Height float64 // points
	// Trim is where the printer cuts the page: zero for the whole page.
	// Bleed, when set, is how far beyond it the printing reaches, so
	// that a cut a little off leaves no white edge (impose.PrintMarks).
	Trim, Bleed Box
	Lang        string // BCP 47, for the PDF's /Lang
	Title       string
	Subject     string
	RTL         bool
	Pages       []Page
	// Elems is the logical structure, in reading order, parents before
	// their children; Elems[0] is the root, role Document. Imposition
	// keeps it as it is: it is the pamphlet's order, not the sheets'.
	// A document without it is drawn untagged (every line an artifact).
	Elems []Elem
}

// Fonts lists the fonts a document draws with, each once, in order of
// first use.
func (d *Document) Fonts() []*Font {
	seen := map[*Font]bool{}
	var out []*Font
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				if !seen[r.Font] {
					seen[r.Font] = true
					out = append(out, r.Font)
				}
			}
		}
	}
	return out
}
