// Package pdftest opens generated PDFs with readers that are not ours, so
// tests assert on what a user gets: poppler's pdftotext, pdfinfo and
// pdffonts, and pdfcpu's strict validator. Where poppler is missing (and
// only outside CI), text comes from decoding the Identity-H strings that
// fpdf writes, where every glyph code is the Unicode code point.
package pdftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// Keep pdfcpu from writing a configuration directory into $HOME.
	model.ConfigPath = "disable"
}

// InCI reports whether tests run in CI, where a missing tool is a failure.
func InCI() bool { return os.Getenv("CI") == "true" }

// Have reports whether a command-line tool is installed; in CI a missing
// tool fails the test instead.
func Have(t testing.TB, tool string) bool {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if InCI() {
			t.Fatalf("%s is not installed: CI must install it (see .ci/run)", tool)
		}
		return false
	}
	return true
}

// RequireTool skips the test (fails it in CI) when tool is missing.
func RequireTool(t testing.TB, tool string) {
	t.Helper()
	if !Have(t, tool) {
		t.Skipf("%s not installed (apt-get install poppler-utils qpdf)", tool)
	}
}

func output(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v %s", name, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// PageTexts returns the text of every page, in page order: pdftotext's
// reading when poppler is installed, the decoded strings otherwise.
func PageTexts(t testing.TB, path string) []string {
	t.Helper()
	if Have(t, "pdftotext") {
		out := output(t, "pdftotext", "-enc", "UTF-8", path, "-")
		pages := strings.Split(out, "\f")
		if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
			pages = pages[:len(pages)-1]
		}
		return pages
	}
	return DecodedPageTexts(t, path)
}

// Text is all pages' text joined.
func Text(t testing.TB, path string) string {
	return strings.Join(PageTexts(t, path), "\n")
}

var tjString = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)

// DecodedPageTexts reads every page's content stream with pdfcpu and
// decodes the strings fpdf shows with Tj: UTF-16BE code units of the
// drawn code points (fpdf's Identity-H encoding). One shown string is
// one line of text.
func DecodedPageTexts(t testing.TB, path string) []string {
	t.Helper()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		t.Fatalf("pdfcpu cannot read %s: %v", path, err)
	}
	var pages []string
	for i := 1; i <= ctx.PageCount; i++ {
		d, _, _, err := ctx.PageDict(i, false)
		if err != nil {
			t.Fatalf("%s page %d: %v", path, i, err)
		}
		content, err := ctx.PageContent(d, i)
		if err != nil {
			t.Fatalf("%s page %d content: %v", path, i, err)
		}
		var lines []string
		for _, m := range tjString.FindAllSubmatch(content, -1) {
			lines = append(lines, decodeUTF16(unescape(m[1])))
		}
		pages = append(pages, strings.Join(lines, "\n"))
	}
	return pages
}

func unescape(b []byte) []byte {
	var out bytes.Buffer
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out.WriteByte(b[i])
			continue
		}
		i++
		switch c := b[i]; c {
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(b) && j < i+3 && b[j] >= '0' && b[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(string(b[i:j]), 8, 8)
			out.WriteByte(byte(v))
			i = j - 1
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}

func decodeUTF16(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// PageSizes returns each page's size in points, from pdfinfo.
func PageSizes(t testing.TB, path string) [][2]float64 {
	t.Helper()
	RequireTool(t, "pdfinfo")
	out := output(t, "pdfinfo", "-f", "1", "-l", "9999", path)
	re := regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)
	var sizes [][2]float64
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	return sizes
}

// Info returns pdfinfo's fields ("Title", "Pages" …).
func Info(t testing.TB, path string) map[string]string {
	t.Helper()
	RequireTool(t, "pdfinfo")
	info := map[string]string{}
	for _, line := range strings.Split(output(t, "pdfinfo", "-enc", "UTF-8", path), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// Font is one line of pdffonts.
type Font struct {
	Name, Type        string
	Embedded, Unicode bool
}

// Fonts lists the document's fonts with pdffonts.
func Fonts(t testing.TB, path string) []Font {
	t.Helper()
	RequireTool(t, "pdffonts")
	var fonts []Font
	lines := strings.Split(output(t, "pdffonts", path), "\n")
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 {
			continue
		}
		// name type... encoding emb sub uni object ID: count from the end.
		n := len(f)
		fonts = append(fonts, Font{Name: f[0], Type: strings.Join(f[1:n-6], " "), Embedded: f[n-5] == "yes", Unicode: f[n-3] == "yes"})
	}
	return fonts
}

// Lang returns the document catalog's /Lang entry, read with pdfcpu.
func Lang(t testing.TB, path string) string {
	t.Helper()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		t.Fatalf("pdfcpu cannot read %s: %v", path, err)
	}
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatalf("%s: no catalog: %v", path, err)
	}
	switch v := root["Lang"].(type) {
	case types.StringLiteral:
		s, err := types.StringLiteralToString(v)
		if err != nil {
			t.Fatalf("%s: /Lang: %v", path, err)
		}
		return s
	case types.HexLiteral:
		s, err := types.HexLiteralToString(v)
		if err != nil {
			t.Fatalf("%s: /Lang: %v", path, err)
		}
		return s
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// Validate runs pdfcpu's validator in strict mode, and qpdf --check when
// installed.
func Validate(t testing.TB, path string) {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.ValidateFile(path, conf); err != nil {
		t.Errorf("pdfcpu strict validation of %s: %v", path, err)
	}
	if Have(t, "qpdf") {
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check %s: %v\n%s", path, err, out)
		}
	}
}

// RegionText extracts the text inside a rectangle of one page (points,
// from the top-left corner) with pdftotext's cropping.
func RegionText(t testing.TB, path string, page int, x, y, w, h float64) string {
	t.Helper()
	RequireTool(t, "pdftotext")
	p := strconv.Itoa(page)
	return output(t, "pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, "-r", "72",
		"-x", strconv.Itoa(int(x)), "-y", strconv.Itoa(int(y)), "-W", strconv.Itoa(int(w)), "-H", strconv.Itoa(int(h)), path, "-")
}

// Word is a word's box on a page, as pdftotext -bbox reports it (points,
// from the top-left corner).
type Word struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

var (
	pageTag = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordTag = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// Words lists every word of the document with its box.
func Words(t testing.TB, path string) []Word {
	t.Helper()
	RequireTool(t, "pdftotext")
	var words []Word
	page := 0
	for _, line := range strings.Split(output(t, "pdftotext", "-bbox", path, "-"), "\n") {
		if pageTag.MatchString(line) {
			page++
			continue
		}
		if m := wordTag.FindStringSubmatch(line); m != nil {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			words = append(words, Word{page, f(m[1]), f(m[2]), f(m[3]), f(m[4]), m[5]})
		}
	}
	return words
}
