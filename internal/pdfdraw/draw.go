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

	"pamphlet/internal/fonts"
	"pamphlet/internal/typeset"
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
func Write(w io.Writer, doc *typeset.Document, opt Options) error {
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

	for _, f := range usedFaces(doc) {
		// fpdf's subsetter appends to slices that alias the font bytes it
		// was given (utf8FontFile.getMetrics, for glyphs past the hmtx
		// long metrics), writing into them. Shared bytes would be
		// corrupted for every later document and race between parallel
		// builds; each document gets its own copy.
		pdf.AddUTF8FontFromBytes(f.Name, "", bytes.Clone(f.Data))
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("font %s: %w", f.File, err)
		}
	}
	for _, page := range doc.Pages {
		pdf.AddPage()
		for _, r := range page.Rules {
			pdf.SetDrawColor(r.Grey, r.Grey, r.Grey)
			pdf.SetLineWidth(r.Thickness)
			pdf.Line(r.X, r.Y, r.X+r.Width, r.Y)
		}
		for _, line := range page.Lines {
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

// usedFaces lists the faces a document draws with, in a fixed order so
// that font object numbers, and so the bytes, never vary.
func usedFaces(doc *typeset.Document) []*fonts.Face {
	seen := map[*fonts.Face]bool{}
	var out []*fonts.Face
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				if !seen[r.Face] {
					seen[r.Face] = true
					out = append(out, r.Face)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// drawLine draws a line's runs, each already in visual order.
//
// Right-to-left lines are not wrapped in /ActualText spans: poppler, which
// most Linux viewers use for copy and search, lays ActualText out left to
// right and then reverses it as RTL text, returning it backwards. Drawn in
// visual order with a ToUnicode map, the same readers recover the logical
// order themselves.
func drawLine(pdf *fpdf.Fpdf, line typeset.PlacedLine) {
	for _, r := range line.Runs {
		pdf.SetFont(r.Face.Name, "", r.Size)
		pdf.SetTextColor(line.Grey, line.Grey, line.Grey)
		if r.Face.Embolden > 0 {
			// Text rendering mode 2 fills and strokes the glyphs: a
			// synthetic bold, the stroke in the text's own grey.
			pdf.SetDrawColor(line.Grey, line.Grey, line.Grey)
			pdf.RawWriteStr(fmt.Sprintf("2 Tr %.2f w", r.Size*r.Face.Embolden))
		}
		pdf.Text(r.X, line.Y, r.Text)
		if r.Face.Embolden > 0 {
			pdf.RawWriteStr("0 Tr")
		}
	}
}
