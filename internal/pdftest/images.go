package pdftest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// PageImage is one image drawn on a page: its page (1-based) and its
// size in pixels.
type PageImage struct {
	Page          int
	Width, Height int
}

// pdfimagesRow is a row of pdfimages -list: page, number, type, width,
// height.
var pdfimagesRow = regexp.MustCompile(`(?m)^\s*(\d+)\s+\d+\s+(\w+)\s+(\d+)\s+(\d+)\s`)

// Images lists every image each page draws, in page order: pdfimages'
// list when poppler is installed (an image's soft mask, its alpha, is
// no image of its own), else the images the pages' content streams
// paint (Do) as pdfcpu reads them.
func Images(t testing.TB, path string) []PageImage {
	t.Helper()
	if !Have(t, "pdfimages") {
		return pdfcpuImages(t, path)
	}
	var out []PageImage
	for _, m := range pdfimagesRow.FindAllStringSubmatch(output(t, "pdfimages", "-list", path), -1) {
		if m[2] != "image" {
			continue
		}
		p, _ := strconv.Atoi(m[1])
		w, _ := strconv.Atoi(m[3])
		h, _ := strconv.Atoi(m[4])
		out = append(out, PageImage{p, w, h})
	}
	return out
}

func pdfcpuImages(t testing.TB, path string) []PageImage {
	t.Helper()
	ctx := readContext(t, path)
	xt := ctx.XRefTable
	var out []PageImage
	for i := 1; i <= ctx.PageCount; i++ {
		pd, _, inh, err := xt.PageDict(i, true)
		if err != nil {
			t.Fatalf("%s: page %d: %v", path, i, err)
		}
		content, err := xt.PageContent(pd, i)
		if err != nil {
			t.Fatalf("%s: page %d: %v", path, i, err)
		}
		res := pd["Resources"]
		if res == nil && inh != nil {
			res = inh.Resources
		}
		resources, _ := xt.DereferenceDict(res)
		xobjects, _ := xt.DereferenceDict(resources["XObject"])
		var operands []string
		for _, tok := range lex(content) {
			if !isOperator(tok) {
				operands = append(operands, tok)
				continue
			}
			if tok == "Do" && len(operands) > 0 {
				name := strings.TrimPrefix(operands[len(operands)-1], "/")
				sd, _, err := xt.DereferenceStreamDict(xobjects[name])
				if err == nil && sd != nil && sd.Dict["Subtype"] == types.Name("Image") {
					w, _ := sd.Dict["Width"].(types.Integer)
					h, _ := sd.Dict["Height"].(types.Integer)
					out = append(out, PageImage{i, int(w), int(h)})
				}
			}
			operands = operands[:0]
		}
	}
	return out
}
