package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"pamphlet"
	"pamphlet/internal/page"
	"pamphlet/internal/pdfdraw"
)

// oneFace is a fonts.toml with a single face, drawn from file.
func oneFace(file string) string {
	return fmt.Sprintf("[faces]\nx = { file = %q }\n[families.default]\ntext = [\"x\"]\n", file)
}

// outcome is what became of one damaged font file.
type outcome int

const (
	refusedAtParse outcome = iota // Load returned a FontError
	refusedAtEmbed                // Embeddable returned a FontError
	works                         // the face loaded, embedded and drew a PDF
)

// tryDamaged loads a font set whose one face is data, saved as
// fonts/name, then test-embeds it and draws a PDF with it. A panic
// anywhere fails the test, so does an error that is not a FontError
// naming the file, and so does a face that passes both checks and then
// fails to draw. fpdf prints its parse errors on standard output: they
// go to /dev/null here, so the test log stays readable.
func tryDamaged(t *testing.T, name string, data []byte, what string) (out outcome) {
	t.Helper()
	file := path.Join(Dir, name)
	fsys := fstest.MapFS{
		"fonts/fonts.toml": {Data: []byte(oneFace(name))},
		file:               {Data: data},
	}
	stdout := os.Stdout
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stdout = null
		defer null.Close()
	}
	defer func() {
		os.Stdout = stdout
		if r := recover(); r != nil {
			t.Fatalf("%s, %s: panic: %v", name, what, r)
		}
	}()
	wantFontError := func(err error) {
		t.Helper()
		var fe *FontError
		if !errors.As(err, &fe) || fe.File != file || !strings.HasPrefix(err.Error(), file+": ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s, %s: error %q, want a one-line FontError naming %s", name, what, err, file)
		}
	}
	set, err := Load(fsys)
	if err != nil {
		wantFontError(err)
		return refusedAtParse
	}
	if err := set.Embeddable(); err != nil {
		wantFontError(err)
		return refusedAtEmbed
	}
	face := set.Faces["x"]
	// Text the test-embed did not draw: the characters a pamphlet starts
	// with, those of them the face has.
	var text []rune
	for _, r := range "Museo Storico della Liberazione, Via Tasso 145 — 1943–1944 Ελληνικά Русский עברית عربي 博物館 박물관" {
		if face.Has(r) {
			text = append(text, r)
		}
	}
	if len(text) == 0 {
		text = []rune(face.sample())
	}
	doc := &page.Document{Width: 200, Height: 200, Lang: "it", Title: "t", Pages: []page.Page{{
		Lines: []page.Line{{Y: 100, Runs: []page.Run{{Font: face.Embed, Size: 10, X: 10, Text: string(text)}}}},
	}}}
	var buf bytes.Buffer
	if err := pdfdraw.Write(&buf, doc, pdfdraw.Options{}); err != nil {
		t.Errorf("%s, %s: the face passed Load and Embeddable, then: %v", name, what, err)
	} else if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes(), []byte("%%EOF")) {
		t.Errorf("%s, %s: the PDF is not a whole PDF file", name, what)
	}
	return works
}

// TestDamagedFonts cuts every bundled font at evenly spaced points, and
// flips bits in its table directory and tables, and loads each result as
// a museum's only font: never a panic, and either a FontError naming the
// file or a face that really embeds and draws.
func TestDamagedFonts(t *testing.T) {
	files, err := fs.Glob(pamphlet.Sample, "fonts/*.ttf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled fonts: %v", err)
	}
	cuts := 60
	if testing.Short() {
		cuts = 8
	}
	var total [3]int
	for _, f := range files {
		raw, err := fs.ReadFile(pamphlet.Sample, f)
		if err != nil {
			t.Fatal(err)
		}
		name := path.Base(f)
		var counts [3]int
		for i := range cuts {
			n := i * len(raw) / cuts
			counts[tryDamaged(t, name, raw[:n:n], fmt.Sprintf("cut at %d of %d bytes", n, len(raw)))]++
		}
		for _, at := range flipPoints(raw) {
			bad := bytes.Clone(raw)
			bad[at] ^= 0xA5
			counts[tryDamaged(t, name, bad, fmt.Sprintf("byte %d flipped", at))]++
		}
		t.Logf("%s: %d refused by the parser, %d by the test-embed, %d draw", name, counts[0], counts[1], counts[2])
		for i := range total {
			total[i] += counts[i]
		}
	}
	t.Logf("all: %d damaged files: %d refused by the parser, %d by the test-embed, %d draw", total[0]+total[1]+total[2], total[0], total[1], total[2])
}

// flipPoints picks bytes to corrupt: the table count, the offset and
// length of the first tables in the directory, the first bytes of those
// tables, and the name table's string offset (which go-text never reads
// and fpdf's parser trusts: TestEmbeddableRefuses).
func flipPoints(raw []byte) []int {
	pts := []int{4, 5}
	for i := range 4 {
		rec := 12 + 16*i
		pts = append(pts, rec+8, rec+11, rec+13) // offset high, offset low, length
		if off := tableOffset(raw, i); off+3 < len(raw) {
			pts = append(pts, off+2)
		}
	}
	for i := range int(raw[4])<<8 | int(raw[5]) {
		if string(raw[12+16*i:16+16*i]) == "name" {
			pts = append(pts, tableOffset(raw, i)+4)
		}
	}
	return pts
}

// tableOffset is the offset of the i-th table of the directory.
func tableOffset(raw []byte, i int) int {
	rec := raw[12+16*i:]
	return int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
}
