// Package pdfdraw draws a finished document with fpdf and nothing else:
// every line arrives broken, reordered, shaped and positioned. It embeds
// (and fpdf subsets) only the faces the document uses, and writes a
// byte-reproducible file: fixed dates and a sorted catalog.
//
// The file is tagged (PDF/UA-1): each line and each image is drawn as
// marked content of its structure element (/P <</MCID 3>> BDC … EMC,
// /Figure <</MCID 4>> BDC … EMC), page numbers and
// rules as artifacts (/Artifact BMC … EMC); then internal/pdftag, a
// post-processing pass, adds what fpdf cannot write — the structure
// tree, the outline, XMP metadata, subset tags and ToUnicode maps that
// give Arabic text back as its letters.
package pdfdraw

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pamphlet/internal/page"
	"pamphlet/internal/pdftag"
)

// Options are the document-wide settings of the written file.
type Options struct {
	// Date is written as the creation and modification date. Builds use
	// SOURCE_DATE_EPOCH when set, so that identical input gives identical
	// bytes.
	Date    time.Time
	Creator string
}

// MaxPageSide and MinPageSide bound a page's width and height, in points:
// ISO 32000-1 Annex C gives 3 to 14,400 units for PDF 1.7 readers
// (1/72 in to 200 in with the user unit PDF 1.6 added; fpdf writes no
// user unit, so a unit is a point). A booklet or trifold sheet is
// several pages wide, so a layout within bounds can still exceed them
// here.
const (
	MinPageSide = 1.0
	MaxPageSide = 14400.0
)

// SizeError is a document whose page size no PDF reader accepts.
type SizeError struct{ Width, Height float64 }

func (e *SizeError) Error() string {
	return fmt.Sprintf("a %g × %g pt page is outside what a PDF can hold (%g to %g pt a side, 200 in): use a smaller page in the layout, or no --booklet", e.Width, e.Height, MinPageSide, MaxPageSide)
}

// FontError is a font file that fpdf failed to embed or to draw with:
// damaged in a way the fonts package's own test-embed did not reach (it
// draws a sample of each face's characters, not all of them).
type FontError struct {
	File string
	Err  error
}

func (e *FontError) Error() string {
	return fmt.Sprintf("%s: the PDF writer cannot embed this font (damaged or truncated?): %v; replace the file", e.File, e.Err)
}
func (e *FontError) Unwrap() error { return e.Err }

// ImageError is an image the PDF writer cannot embed.
type ImageError struct {
	File string
	Err  error
}

func (e *ImageError) Error() string {
	return fmt.Sprintf("%s: the PDF writer cannot embed this image: %v; save it again as a PNG (8 bits per channel, not interlaced) or a baseline JPEG", e.File, e.Err)
}
func (e *ImageError) Unwrap() error { return e.Err }

// Write draws doc as a PDF to w.
//
// fpdf panics on some damaged fonts (in AddUTF8FontFromBytes, Text or
// the subsetting Output does). The fonts package refuses those it can
// find before anything is drawn; Write recovers from the others and
// returns a FontError naming the file, so one bad font fails one build
// with a message instead of crashing the program.
func Write(w io.Writer, doc *page.Document, opt Options) error {
	if !inRange(doc.Width) || !inRange(doc.Height) {
		return &SizeError{doc.Width, doc.Height}
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: doc.Width, Ht: doc.Height},
	})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(false) // pdftag compresses the page contents, after editing them
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetTitle(doc.Title, true)
	pdf.SetSubject(doc.Subject, true)
	pdf.SetCreator(opt.Creator, true)
	const producer = "pamphlet (fpdf)"
	pdf.SetProducer(producer, true)
	pdf.SetLang(doc.Lang)

	glyphs, err := planFonts(doc)
	if err != nil {
		return err
	}
	fonts := doc.Fonts()
	sort.Slice(fonts, func(i, j int) bool { return fonts[i].Name < fonts[j].Name }) // fixed font object numbers
	for _, f := range fonts {
		data, err := glyphs[f].fontBytes(f)
		if err != nil {
			return err
		}
		if err := addFont(pdf, f, data); err != nil {
			return err
		}
	}
	tags := &pdftag.Doc{
		Elems: doc.Elems, Title: doc.Title, Subject: doc.Subject, Lang: doc.Lang,
		Creator: opt.Creator, Producer: producer, Date: opt.Date, RTL: doc.RTL,
		Fonts:   map[string]pdftag.Font{},
		TrimBox: pdfBox(doc, doc.Trim), BleedBox: pdfBox(doc, doc.Bleed),
	}
	if doc.Trim.IsZero() { // the whole page is cut as it is
		tags.TrimBox = pdfBox(doc, page.Box{W: doc.Width, H: doc.Height})
	}
	if len(tags.Elems) == 0 { // an untagged document: a root with no kids
		tags.Elems = []page.Elem{{Role: "Document", Parent: -1}}
	}
	images, err := registerImages(pdf, doc)
	if err != nil {
		return err
	}
	runes := map[*page.Font][]rune{}
	var cur *page.Font // the font being drawn with, to name it if fpdf panics
	var buf bytes.Buffer
	err = func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				if cur != nil {
					err = &FontError{File: cur.File, Err: fmt.Errorf("%v", r)}
				} else {
					err = culprit(doc, r)
				}
			}
		}()
		for _, pg := range doc.Pages {
			cur = nil
			pdf.AddPage()
			var marks []pdftag.Mark
			for _, r := range pg.Rules {
				pdf.RawWriteStr("/Artifact BMC")
				pdf.SetDrawColor(r.Grey, r.Grey, r.Grey)
				pdf.SetLineWidth(r.Thickness)
				pdf.Line(r.X, r.Y, r.X+r.Width, r.Y+r.Height)
				pdf.RawWriteStr("EMC")
			}
			for _, line := range pg.Lines {
				marks = beginMark(pdf, line.Tag, tags.Elems, marks)
				for f, codes := range drawLine(pdf, line, glyphs, &cur) {
					runes[f] = append(runes[f], codes...)
				}
				pdf.RawWriteStr("EMC")
			}
			for _, im := range pg.Images {
				marks = beginMark(pdf, im.Tag, tags.Elems, marks)
				pdf.ImageOptions(images[imageKey(im)], im.X, im.Y, im.W, im.H, false, fpdf.ImageOptions{}, 0, "")
				pdf.RawWriteStr("EMC")
			}
			tags.Pages = append(tags.Pages, marks)
		}
		cur = nil
		return pdf.Output(&buf)
	}()
	if err == nil {
		for f, rs := range runes {
			pf := pdftag.Font{PostScript: pdftag.PostScriptName(f.Data, f.Name), Runes: rs}
			if gc := glyphs[f]; gc != nil && len(gc.texts) > 0 {
				pf.Glyphs = gc.texts
			}
			tags.Fonts["utf8"+strings.ToLower(f.Name)] = pf
		}
		tags.Outline = outline(doc)
		var tagged []byte
		if tagged, err = pdftag.Finish(buf.Bytes(), tags); err == nil {
			buf.Reset()
			buf.Write(tagged)
		}
	}
	if err != nil {
		var fe *FontError
		if errors.As(err, &fe) {
			return err
		}
		return fmt.Errorf("writing PDF: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// beginMark opens the marked content of a line or an image: of its
// structure element when it has one (its MCID the page's next, added to
// marks), else an artifact.
func beginMark(pdf *fpdf.Fpdf, t *page.Tag, elems []page.Elem, marks []pdftag.Mark) []pdftag.Mark {
	if t == nil || t.Elem < 0 || t.Elem >= len(elems) {
		pdf.RawWriteStr("/Artifact BMC")
		return marks
	}
	// A name token: roles are standard structure types.
	pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", elems[t.Elem].Role, len(marks)))
	return append(marks, pdftag.Mark{Elem: t.Elem, Seq: t.Seq})
}

// imageKey identifies an image by its bytes: the same file placed twice
// is embedded once.
func imageKey(im page.Image) [sha256.Size]byte { return sha256.Sum256(im.Data) }

// registerImages embeds every image of doc once and returns the name fpdf
// knows each by. fpdf writes its images ordered by their width in pixels
// and, among images of one width, in the random order of a Go map: two
// different images of one width would make the file's bytes vary from
// run to run, so they are refused.
func registerImages(pdf *fpdf.Fpdf, doc *page.Document) (map[[sha256.Size]byte]string, error) {
	names := map[[sha256.Size]byte]string{}
	widths := map[float64]string{} // width (pixels at a fixed scale) → the image's file
	for _, pg := range doc.Pages {
		for _, im := range pg.Images {
			k := imageKey(im)
			if _, ok := names[k]; ok {
				continue
			}
			name := fmt.Sprintf("image%x", k[:8])
			info := pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: im.Format}, bytes.NewReader(im.Data))
			if err := pdf.Error(); err != nil || info == nil {
				if err == nil {
					err = errors.New("unreadable")
				}
				return nil, &ImageError{File: im.File, Err: err}
			}
			if other, ok := widths[info.Width()]; ok {
				return nil, &ImageError{File: im.File, Err: fmt.Errorf("%s is as wide in pixels, and one pamphlet cannot embed two images of one width reproducibly; make one a pixel wider", other)}
			}
			widths[info.Width()] = im.File
			names[k] = name
		}
	}
	return names, nil
}

// outline lists the document's bookmarks in reading order, each opening
// at the top of its element's first line.
func outline(doc *page.Document) []pdftag.Entry {
	type first struct {
		seq, page int
		top       float64
	}
	at := map[int]first{}
	for p, pg := range doc.Pages {
		for _, l := range pg.Lines {
			if l.Tag == nil {
				continue
			}
			if f, ok := at[l.Tag.Elem]; ok && f.seq <= l.Tag.Seq {
				continue
			}
			size := 0.0
			for _, r := range l.Runs {
				size = max(size, r.Size)
			}
			at[l.Tag.Elem] = first{l.Tag.Seq, p, doc.Height - l.Y + size}
		}
	}
	var out []pdftag.Entry
	for i, e := range doc.Elems {
		if f, ok := at[i]; ok && e.Bookmark != nil {
			out = append(out, pdftag.Entry{Title: e.Bookmark.Title, Level: e.Bookmark.Level, Page: f.page, Top: f.top})
		}
	}
	return out
}

// pdfBox is a box of the page in PDF coordinates, from its lower left
// corner; the zero box stays zero.
func pdfBox(doc *page.Document, b page.Box) [4]float64 {
	if b.IsZero() {
		return [4]float64{}
	}
	return [4]float64{b.X, doc.Height - b.Y - b.H, b.X + b.W, doc.Height - b.Y}
}

func inRange(side float64) bool { return side >= MinPageSide && side <= MaxPageSide } // false for NaN

// addFont embeds f from data, the document's own copy of its bytes
// (fpdf writes into the bytes it is given: see page.Font), turning a
// panic or error of fpdf's into a FontError.
func addFont(pdf *fpdf.Fpdf, f *page.Font, data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &FontError{File: f.File, Err: fmt.Errorf("%v", r)}
		}
	}()
	pdf.AddUTF8FontFromBytes(f.Name, "", data)
	if err := pdf.Error(); err != nil {
		return &FontError{File: f.File, Err: err}
	}
	return nil
}

// culprit finds which font made fpdf's Output panic (it subsets every
// font there, with no sign of which one failed): it draws each font's
// text of doc alone, in a scratch document, until one panics too.
func culprit(doc *page.Document, cause any) error {
	used := map[*page.Font][]rune{}
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			for _, r := range l.Runs {
				used[r.Font] = append(used[r.Font], []rune(r.Text)...)
			}
		}
	}
	var files []string
	for _, f := range doc.Fonts() {
		if err := alone(f, string(used[f])); err != nil {
			return &FontError{File: f.File, Err: err}
		}
		files = append(files, f.File)
	}
	return fmt.Errorf("the PDF writer failed with the fonts %s (is one of them damaged?): %v", strings.Join(files, ", "), cause)
}

// alone embeds f's subset for text in a scratch document and draws text
// with it.
func alone(f *page.Font, text string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	gc, err := newGlyphCodes(f)
	if err != nil {
		return err
	}
	gc.drawn = []rune(text)
	data, err := gc.fontBytes(f) // what Write handed fpdf
	if err != nil {
		return err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 100, Ht: 100}})
	pdf.AddUTF8FontFromBytes(f.Name, "", data)
	pdf.AddPage()
	pdf.SetFont(f.Name, "", 10)
	pdf.Text(10, 50, text)
	return pdf.Output(io.Discard)
}

// drawLine draws a line's runs, each already in visual order.
//
// Right-to-left lines are not wrapped in /ActualText spans: poppler, which
// most Linux viewers use for copy and search, lays ActualText out left to
// right and then reverses it as RTL text, returning it backwards. Drawn in
// visual order with a ToUnicode map, the same readers recover the logical
// order themselves.
//
// It sets *cur to each run's font before drawing with it, so that Write
// can name the font if fpdf panics, and returns the codes it drew with
// each font.
func drawLine(pdf *fpdf.Fpdf, line page.Line, glyphs map[*page.Font]*glyphCodes, cur **page.Font) map[*page.Font][]rune {
	drawn := map[*page.Font][]rune{}
	for _, r := range line.Runs {
		*cur = r.Font
		pdf.SetFont(r.Font.Name, "", r.Size)
		pdf.SetTextColor(line.Grey, line.Grey, line.Grey)
		if r.Embolden > 0 {
			// Text rendering mode 2 fills and strokes the glyphs: a
			// synthetic bold, the stroke in the text's own grey.
			pdf.SetDrawColor(line.Grey, line.Grey, line.Grey)
			pdf.RawWriteStr(fmt.Sprintf("2 Tr %.2f w", r.Size*r.Embolden))
		}
		if r.Glyphs != nil {
			drawn[r.Font] = append(drawn[r.Font], drawGlyphs(pdf, r, line.Y, glyphs[r.Font])...)
		} else {
			pdf.Text(r.X, line.Y, r.Text)
			drawn[r.Font] = append(drawn[r.Font], []rune(r.Text)...)
		}
		if r.Embolden > 0 {
			pdf.RawWriteStr("0 Tr")
		}
	}
	return drawn
}
