// Package pdfdraw draws a finished document with fpdf and nothing else:
// every line arrives broken, reordered, shaped and positioned. It embeds
// (and fpdf subsets) only the faces the document uses, and writes a
// byte-reproducible file: fixed dates and a sorted catalog.
package pdfdraw

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pamphlet/internal/page"
)

// Options are the document-wide settings of the written file.
type Options struct {
	// Date is written as the creation and modification date. Builds use
	// SOURCE_DATE_EPOCH when set, so that identical input gives identical
	// bytes.
	Date    time.Time
	Creator string
}

// Write draws doc as a PDF to w.
func Write(w io.Writer, doc *page.Document, opt Options) error {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: doc.Width, Ht: doc.Height},
	})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetTitle(doc.Title, true)
	pdf.SetSubject(doc.Subject, true)
	pdf.SetCreator(opt.Creator, true)
	pdf.SetProducer("pamphlet (fpdf)", true)
	pdf.SetLang(doc.Lang)

	fonts := doc.Fonts()
	sort.Slice(fonts, func(i, j int) bool { return fonts[i].Name < fonts[j].Name }) // fixed font object numbers
	for _, f := range fonts {
		// A copy for each document: fpdf writes into the bytes it is
		// given (see page.Font).
		pdf.AddUTF8FontFromBytes(f.Name, "", bytes.Clone(f.Data))
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("font %s: %w", f.File, err)
		}
	}
	for _, pg := range doc.Pages {
		pdf.AddPage()
		for _, r := range pg.Rules {
			pdf.SetDrawColor(r.Grey, r.Grey, r.Grey)
			pdf.SetLineWidth(r.Thickness)
			pdf.Line(r.X, r.Y, r.X+r.Width, r.Y)
		}
		for _, line := range pg.Lines {
			drawLine(pdf, line)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// drawLine draws a line's runs, each already in visual order.
//
// Right-to-left lines are not wrapped in /ActualText spans: poppler, which
// most Linux viewers use for copy and search, lays ActualText out left to
// right and then reverses it as RTL text, returning it backwards. Drawn in
// visual order with a ToUnicode map, the same readers recover the logical
// order themselves.
func drawLine(pdf *fpdf.Fpdf, line page.Line) {
	for _, r := range line.Runs {
		pdf.SetFont(r.Font.Name, "", r.Size)
		pdf.SetTextColor(line.Grey, line.Grey, line.Grey)
		if r.Embolden > 0 {
			// Text rendering mode 2 fills and strokes the glyphs: a
			// synthetic bold, the stroke in the text's own grey.
			pdf.SetDrawColor(line.Grey, line.Grey, line.Grey)
			pdf.RawWriteStr(fmt.Sprintf("2 Tr %.2f w", r.Size*r.Embolden))
		}
		pdf.Text(r.X, line.Y, r.Text)
		if r.Embolden > 0 {
			pdf.RawWriteStr("0 Tr")
		}
	}
}
