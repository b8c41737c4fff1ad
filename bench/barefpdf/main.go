// Command barefpdf draws the text of pamphlets exported by bench/export
// (LANG-FLOOR.json) with fpdf alone: fpdf's own MultiCell line breaking,
// the first face of each family chain (DejaVu Serif and DejaVu Sans Bold
// for Latin scripts), A5 pages with the same margins and type sizes, no
// shaping, no bidi, no per-rune font fallback, no keep-with-next. It is
// the floor of what fpdf costs for the same words: whatever pamphlet takes
// above it is pamphlet's own work (resolving, shaping, breaking, checking).
//
// The output is not meant to be read: right-to-left text comes out in
// logical order and a character the first face lacks is drawn as that
// face's missing glyph.
//
// Usage:
//
//	barefpdf --out DIR FILE.json...
//
// Every input becomes DIR/LANG-FLOOR.pdf, one after the other in one
// process, so the command times one pamphlet or the whole matrix. Font
// files are read once per process and parsed by fpdf once per document,
// as any fpdf program that writes separate PDFs must.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// doc is the part of bench/export's Doc that this program reads.
type doc struct {
	Lang       string  `json:"lang"`
	Floor      string  `json:"floor"`
	Title      string  `json:"title"`
	PageWidth  float64 `json:"page_width_mm"`
	PageHeight float64 `json:"page_height_mm"`
	Top        float64 `json:"margin_top_mm"`
	Bottom     float64 `json:"margin_bottom_mm"`
	Inner      float64 `json:"margin_inner_mm"`
	Outer      float64 `json:"margin_outer_mm"`
	Families   map[string][]struct {
		File string `json:"file"`
	} `json:"families"`
	Styles map[string]struct {
		Family      string  `json:"family"`
		Size        float64 `json:"size"`
		Leading     float64 `json:"leading"`
		SpaceBefore float64 `json:"space_before"`
		SpaceAfter  float64 `json:"space_after"`
		Grey        int     `json:"grey"`
		Rule        bool    `json:"rule"`
	} `json:"styles"`
	Blocks []struct {
		Style     string  `json:"style"`
		Text      string  `json:"text"`
		NewPage   bool    `json:"new_page"`
		Skip      float64 `json:"skip"`
		AtLeast   float64 `json:"at_least"`
		RuleAfter bool    `json:"rule_after"`
	} `json:"blocks"`
}

const ptPerMM = 72 / 25.4

func main() {
	out := flag.String("out", "", "directory for the PDFs (required)")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: barefpdf --out DIR FILE.json...")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "barefpdf:", err)
		os.Exit(1)
	}
	fonts := map[string][]byte{}
	for _, in := range flag.Args() {
		if err := draw(in, *out, fonts); err != nil {
			fmt.Fprintf(os.Stderr, "barefpdf: %s: %v\n", in, err)
			os.Exit(1)
		}
	}
}

// draw writes one pamphlet; fonts caches font files by path across calls.
func draw(in, outDir string, fonts map[string][]byte) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var d doc
	if err := json.Unmarshal(raw, &d); err != nil {
		return err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P", UnitStr: "pt",
		Size: fpdf.SizeType{Wd: d.PageWidth * ptPerMM, Ht: d.PageHeight * ptPerMM},
	})
	// A fixed date keeps the output byte-identical from run to run, as
	// pamphlet's is.
	pdf.SetCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetTitle(d.Title, true)
	pdf.SetMargins(d.Inner*ptPerMM, d.Top*ptPerMM, d.Outer*ptPerMM)
	pdf.SetAutoPageBreak(true, d.Bottom*ptPerMM)
	for fam, chain := range d.Families {
		if len(chain) == 0 {
			return fmt.Errorf("family %q has no face", fam)
		}
		p := filepath.Join(filepath.Dir(in), chain[0].File)
		data, ok := fonts[p]
		if !ok {
			if data, err = os.ReadFile(p); err != nil {
				return err
			}
			fonts[p] = data
		}
		pdf.AddUTF8FontFromBytes(fam, "", data)
	}
	width := (d.PageWidth - d.Inner - d.Outer) * ptPerMM
	last := 0
	fo := d.Styles["folio"]
	pdf.SetFooterFunc(func() {
		n := pdf.PageNo()
		if n == 1 || n == last {
			return
		}
		pdf.SetFont(fo.Family, "", fo.Size)
		pdf.SetTextColor(fo.Grey, fo.Grey, fo.Grey)
		pdf.SetY(-d.Bottom * ptPerMM / 2)
		pdf.CellFormat(width, fo.Leading, strconv.Itoa(n), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	prevAfter := 0.0
	for i, b := range d.Blocks {
		st, ok := d.Styles[b.Style]
		if !ok {
			return fmt.Errorf("block %d: no style %q", i, b.Style)
		}
		if b.NewPage {
			pdf.AddPage()
		} else if i > 0 {
			pdf.SetY(pdf.GetY() + prevAfter + st.SpaceBefore + b.Skip)
		}
		if b.AtLeast > 0 {
			pdf.SetY(max(pdf.GetY(), b.AtLeast*d.PageHeight*ptPerMM))
		}
		pdf.SetFont(st.Family, "", st.Size)
		pdf.SetTextColor(st.Grey, st.Grey, st.Grey)
		pdf.MultiCell(width, st.Leading, b.Text, "", "L", false)
		prevAfter = st.SpaceAfter
		if st.Rule || b.RuleAfter {
			y := pdf.GetY() + 3
			pdf.SetDrawColor(120, 120, 120)
			pdf.SetLineWidth(0.5)
			pdf.Line(pdf.GetX(), y, pdf.GetX()+width, y)
			pdf.SetY(y)
		}
	}
	// The back cover carries no folio; the footer of the last page runs at
	// Close, after the count is known.
	last = pdf.PageNo()
	return pdf.OutputFileAndClose(filepath.Join(outDir, d.Lang+"-"+d.Floor+".pdf"))
}
