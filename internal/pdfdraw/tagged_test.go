package pdfdraw

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pamphlet"
	"pamphlet/internal/page"
	"pamphlet/internal/pdftest"
)

// tagged is a two-page document: a heading, a paragraph that runs over
// the page (its lines one element), a rule and a page number.
func tagged(f *page.Font) *page.Document {
	run := func(s string) []page.Run { return []page.Run{{Font: f, Size: 10, X: 20, Text: s}} }
	return &page.Document{
		Width: 420, Height: 595, Lang: "it", Title: "Via Tasso",
		Elems: []page.Elem{
			{Role: "Document", Parent: -1},
			{Role: "H2", Parent: 0, Bookmark: &page.Bookmark{Title: "Ingresso"}},
			{Role: "P", Parent: 0},
			{Role: "P", Parent: 0, Lang: "de"},
			{Role: "P", Parent: 0}, // no lines: left out
		},
		Pages: []page.Page{
			{
				Lines: []page.Line{
					{Y: 50, Runs: run("Ingresso"), Tag: &page.Tag{Elem: 1, Seq: 0}},
					{Y: 70, Runs: run("Via Tasso 145"), Tag: &page.Tag{Elem: 2, Seq: 1}},
				},
				Rules: []page.Rule{{X: 20, Y: 55, Width: 100, Thickness: 0.5}},
			},
			{Lines: []page.Line{
				{Y: 50, Runs: run("è un edificio"), Tag: &page.Tag{Elem: 2, Seq: 2}},
				{Y: 70, Runs: run("Sicherheitspolizei"), Tag: &page.Tag{Elem: 3, Seq: 3}},
				{Y: 580, Runs: run("2")}, // a folio: an artifact
			}},
		},
	}
}

// TestTaggedOutput: the tagged file is reproducible, valid, and its tree
// holds every line once, in reading order, with the other language
// marked.
func TestTaggedOutput(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f := &page.Font{Name: "serif", File: "fonts/DejaVuSerif.ttf", Data: raw}
	opt := Options{Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Creator: "test"}
	path := writeValid(t, func() *page.Document { return tagged(f) }, opt)
	tg := pdftest.ReadTagged(t, path)
	var roles []string
	tg.Root.Walk(func(e *pdftest.Elem) { roles = append(roles, e.Role+e.Lang) })
	if got := len(roles); got != 4 || roles[0] != "Document" || roles[1] != "H2" || roles[2] != "P" || roles[3] != "Pde" {
		t.Errorf("tree %v, want Document H2 P Pde", roles)
	}
	p := tg.Root.Kids[1]
	if len(p.Marks) != 2 || p.Marks[0].Page != 0 || p.Marks[1].Page != 1 {
		t.Errorf("the paragraph's content %v, want a line on each page in order", p.Marks)
	}
	if len(tg.Outline) != 1 || tg.Outline[0].Title != "Ingresso" || tg.Outline[0].Page != 0 {
		t.Errorf("outline %+v", tg.Outline)
	}
	if pdftest.XMPProperty(t, tg.XMP, "http://www.aiim.org/pdfua/ns/id/", "part") != "1" {
		t.Error("no pdfuaid:part in the XMP")
	}

	// A document without structure is still drawn, every line an artifact.
	var c bytes.Buffer
	if err := Write(&c, doc(f, 420, 595), opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, c.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Validate(t, path)
	pdftest.ReadTagged(t, path)
}

// writeValid draws the document doc makes twice, checks that both files
// are the same bytes, writes one to a temporary file, validates it
// strictly and returns its path.
func writeValid(t *testing.T, doc func() *page.Document, opt Options) string {
	t.Helper()
	var a, b bytes.Buffer
	if err := Write(&a, doc(), opt); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, doc(), opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document drawn twice gives different bytes")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Validate(t, path)
	return path
}
