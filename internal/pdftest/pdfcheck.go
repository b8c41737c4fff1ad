// Package pdftest opens generated PDFs with readers that are not ours, so
// tests assert on what a user gets: poppler's pdftotext, pdfinfo, pdffonts
// and pdftoppm, qpdf --check, and pdfcpu, a PDF library in pure Go.
//
// Outside CI the command-line tools are optional (in CI a missing tool
// fails the test, see Have). Without them, whatever pdfcpu can read still
// gets checked through pdfcpu: page sizes, /Lang, the title and dates,
// the fonts' embedding and ToUnicode maps, strict validation. Text comes
// from decoding the strings fpdf shows, where every glyph code is the
// Unicode code point or a code the font's ToUnicode map gives the text
// of (see DecodedPageTexts); that is the order in which
// glyphs are drawn, left to right, which is the reading order of
// left-to-right text only, so the decoded fallback refuses a document with
// right-to-left text and the test skips, naming pdftotext. A check that
// needs glyph positions or a rasteriser (Words, RegionText, RenderPage)
// skips, naming its tool.
package pdftest

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/unicode/bidi"
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

// RequireTool skips the test (fails it in CI) when tool is missing; the
// skip names the tool, its Debian package and why the check needs it.
func RequireTool(t testing.TB, tool, why string) {
	t.Helper()
	if !Have(t, tool) {
		t.Skipf("needs %s (%s): %s", tool, debianPackage(tool), why)
	}
}

func debianPackage(tool string) string {
	if tool == "qpdf" {
		return "qpdf"
	}
	return "poppler-utils"
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

// PageTexts returns the text of every page, in page order, in reading
// order: pdftotext's reading when poppler is installed, otherwise the
// decoded strings of a document that has no right-to-left text. A
// document with Hebrew or Arabic text skips the test without pdftotext:
// its decoded strings are in visual order, and a comparison with the
// catalog's logical order would fail, or pass, for the wrong reason.
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
	pages := DecodedPageTexts(t, path)
	for i, p := range pages {
		if r, ok := firstRTL(p); ok {
			t.Skipf("needs pdftotext (poppler-utils): page %d of %s has right-to-left text (%U), which decoding its strings returns in visual order, not reading order", i+1, path, r)
		}
	}
	return pages
}

// firstRTL returns the first rune of s whose bidi class is right to left.
func firstRTL(s string) (rune, bool) {
	for _, r := range s {
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.R || p.Class() == bidi.AL {
			return r, true
		}
	}
	return 0, false
}

// Text is all pages' text joined.
func Text(t testing.TB, path string) string {
	t.Helper()
	return strings.Join(PageTexts(t, path), "\n")
}

// tjString matches a font selection (Tf, group 1 the font's resource
// name) or a string shown with Tj (group 2).
var tjString = regexp.MustCompile(`/([^\s/\[\]()<>{}%]+)\s+[-\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj`)

// DecodedPageTexts reads every page's content stream with pdfcpu and
// decodes the strings fpdf shows with Tj (ShownStrings), each read
// through its font's ToUnicode map. One shown string is one run of a
// line, in drawing order: for right-to-left text that is visual order,
// the reverse of reading order (PageTexts refuses it).
func DecodedPageTexts(t testing.TB, path string) []string {
	t.Helper()
	var pages []string
	for _, shown := range ShownStrings(t, path) {
		var lines []string
		for _, sh := range shown {
			s := sh.Text
			// A word hyphenated at a line's end is joined again, the
			// hyphen dropped, as pdftotext does: a run ending in a
			// hyphen before one starting with a lowercase letter.
			if n := len(lines); n > 0 && endsWithHyphen(lines[n-1]) && startsLower(s) {
				last := []rune(lines[n-1])
				lines[n-1] = string(last[:len(last)-1]) + s
				continue
			}
			lines = append(lines, s)
		}
		pages = append(pages, strings.Join(lines, "\n"))
	}
	return pages
}

// Shown is a string a page shows with Tj.
type Shown struct {
	Font string // the font's /BaseFont
	// Codes are the codes drawn, each as the rune of its value: fpdf's
	// Identity-H codes are UTF-16BE code units of the code points drawn,
	// or of the Private Use Area codes internal/pdfdraw gives glyphs.
	Codes string
	// Text is Codes read through the font's ToUnicode map: what a text
	// extractor gets.
	Text string
	// Unmapped are the codes of Codes that the font's ToUnicode map has
	// no text for (none, if the font has no map): PDF/UA-1 7.21.7 asks
	// that there be none.
	Unmapped []rune
}

// ShownStrings reads every page's content stream with pdfcpu and
// returns, page by page in drawing order, the strings it shows with Tj.
func ShownStrings(t testing.TB, path string) [][]Shown {
	t.Helper()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		t.Fatalf("pdfcpu cannot read %s: %v", path, err)
	}
	var pages [][]Shown
	for i := 1; i <= ctx.PageCount; i++ {
		d, _, inh, err := ctx.PageDict(i, true)
		if err != nil {
			t.Fatalf("%s page %d: %v", path, i, err)
		}
		content, err := ctx.PageContent(d, i)
		if err != nil {
			t.Fatalf("%s page %d content: %v", path, i, err)
		}
		fonts := pageFonts(t, ctx.XRefTable, inh.Resources)
		var font pageFont
		var shown []Shown
		for _, m := range tjString.FindAllSubmatch(content, -1) {
			if m[1] != nil {
				font = fonts[string(m[1])]
				continue
			}
			codes := decodeUTF16(unescape(m[2]))
			sh := Shown{Font: font.base, Codes: codes, Text: mapCodes(codes, font.toUnicode)}
			for _, c := range codes {
				if font.mapped != nil && !font.mapped[c] {
					sh.Unmapped = append(sh.Unmapped, c)
				}
			}
			shown = append(shown, sh)
		}
		pages = append(pages, shown)
	}
	return pages
}

// mapCodes replaces each code of s that cmap sends to other text.
func mapCodes(s string, cmap map[rune]string) string {
	if len(cmap) == 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if text, ok := cmap[r]; ok {
			b.WriteString(text)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pageFont is a font of a page's resources.
type pageFont struct {
	base      string          // its /BaseFont
	toUnicode map[rune]string // the codes its ToUnicode map sends to text other than themselves
	mapped    map[rune]bool   // every code its ToUnicode map sends to text; nil without a map
}

// pageFonts reads a page's fonts, by resource name.
func pageFonts(t testing.TB, x *model.XRefTable, res types.Dict) map[string]pageFont {
	t.Helper()
	out := map[string]pageFont{}
	fonts, err := x.DereferenceDict(res["Font"])
	if err != nil {
		t.Fatalf("page fonts: %v", err)
	}
	for name, ref := range fonts {
		f, err := x.DereferenceDict(ref)
		if err != nil {
			t.Fatalf("font %s: %v", name, err)
		}
		pf := pageFont{}
		if n := f.NameEntry("BaseFont"); n != nil {
			pf.base = *n
		}
		sd, _, err := x.DereferenceStreamDict(f["ToUnicode"])
		if err == nil && sd != nil { // no map: codes are read as themselves
			if err := sd.Decode(); err != nil {
				t.Fatalf("font %s: ToUnicode: %v", name, err)
			}
			pf.toUnicode, pf.mapped = parseToUnicode(sd.Content)
		}
		out[name] = pf
	}
	return out
}

var (
	cmapSection = regexp.MustCompile(`(?s)begin(bfchar|bfrange)(.*?)endbf(?:char|range)`)
	cmapHex     = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
)

// parseToUnicode reads the bfchar and bfrange entries of a ToUnicode
// CMap with two-byte codes: those that map a code to text other than the
// code point itself, and the set of codes mapped to any text.
func parseToUnicode(cmap []byte) (map[rune]string, map[rune]bool) {
	out, mapped := map[rune]string{}, map[rune]bool{}
	hex := func(s []byte) []byte {
		b := make([]byte, len(s)/2)
		for i := range b {
			v, _ := strconv.ParseUint(string(s[2*i:2*i+2]), 16, 8)
			b[i] = byte(v)
		}
		return b
	}
	code := func(s []byte) rune { v, _ := strconv.ParseUint(string(s), 16, 32); return rune(v) }
	add := func(c rune, text string) {
		if text != "" {
			mapped[c] = true
		}
		if text != string(c) {
			out[c] = text
		}
	}
	for _, sec := range cmapSection.FindAllSubmatch(cmap, -1) {
		vals := cmapHex.FindAllSubmatch(sec[2], -1)
		if string(sec[1]) == "bfchar" {
			for i := 0; i+1 < len(vals); i += 2 {
				add(code(vals[i][1]), decodeUTF16(hex(vals[i+1][1])))
			}
			continue
		}
		for i := 0; i+2 < len(vals); i += 3 {
			lo, hi, dst := code(vals[i][1]), code(vals[i+1][1]), []rune(decodeUTF16(hex(vals[i+2][1])))
			for c := lo; c <= hi && len(dst) > 0; c++ {
				d := slices.Clone(dst)
				d[len(d)-1] += c - lo
				add(c, string(d))
			}
		}
	}
	return out, mapped
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

// PageSizes returns each page's size in points: pdfinfo's when poppler is
// installed, else the media boxes as pdfcpu reads them.
func PageSizes(t testing.TB, path string) [][2]float64 {
	t.Helper()
	if !Have(t, "pdfinfo") {
		return pdfcpuPageSizes(t, path)
	}
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

func pdfcpuPageSizes(t testing.TB, path string) [][2]float64 {
	t.Helper()
	dims, err := api.PageDimsFile(path)
	if err != nil {
		t.Fatalf("pdfcpu: page sizes of %s: %v", path, err)
	}
	var sizes [][2]float64
	for _, d := range dims {
		sizes = append(sizes, [2]float64{d.Width, d.Height})
	}
	return sizes
}

// Info returns the document information: pdfinfo's fields ("Title",
// "CreationDate" …, dates in ISO 8601 as pdfinfo -isodates prints them)
// when poppler is installed, else Title, Subject, Creator, Producer,
// CreationDate and ModDate as pdfcpu reads them, the dates in the same
// form (2024-06-04T00:00:00Z).
func Info(t testing.TB, path string) map[string]string {
	t.Helper()
	if !Have(t, "pdfinfo") {
		return pdfcpuInfo(t, path)
	}
	info := map[string]string{}
	for _, line := range strings.Split(output(t, "pdfinfo", "-isodates", "-enc", "UTF-8", path), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

func pdfcpuInfo(t testing.TB, path string) map[string]string {
	t.Helper()
	x := readContext(t, path).XRefTable
	info := map[string]string{"Title": x.Title, "Subject": x.Subject, "Creator": x.Creator, "Producer": x.Producer}
	for k, v := range map[string]string{"CreationDate": x.CreationDate, "ModDate": x.ModDate} {
		if v == "" {
			continue
		}
		d, ok := types.DateTime(v, false)
		if !ok {
			t.Fatalf("%s: %s %q is not a PDF date", path, k, v)
		}
		info[k] = d.UTC().Format(time.RFC3339)
	}
	return info
}

func readContext(t testing.TB, path string) *model.Context {
	t.Helper()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		t.Fatalf("pdfcpu cannot read %s: %v", path, err)
	}
	return ctx
}

// Font is one line of pdffonts.
type Font struct {
	Name, Type        string
	Embedded, Unicode bool
}

// Fonts lists the document's fonts: pdffonts's list when poppler is
// installed, else every font dictionary pdfcpu finds. A composite (Type0)
// font counts as embedded when its descendant's descriptor holds a font
// file, as pdffonts counts it.
func Fonts(t testing.TB, path string) []Font {
	t.Helper()
	if !Have(t, "pdffonts") {
		return pdfcpuFonts(t, path)
	}
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

func pdfcpuFonts(t testing.TB, path string) []Font {
	t.Helper()
	ctx := readContext(t, path)
	x := ctx.XRefTable
	dict := func(o types.Object) types.Dict {
		d, err := x.DereferenceDict(o)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return d
	}
	embedded := func(font types.Dict) bool {
		fd := dict(font["FontDescriptor"])
		return fd != nil && (fd["FontFile"] != nil || fd["FontFile2"] != nil || fd["FontFile3"] != nil)
	}
	var fonts []Font
	for _, nr := range slices.Sorted(maps.Keys(x.Table)) {
		e := x.Table[nr]
		if e == nil || e.Free {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "Font" || d.Subtype() == nil {
			continue
		}
		sub := *d.Subtype()
		if sub == "CIDFontType0" || sub == "CIDFontType2" {
			continue // a descendant: listed with its Type0 parent
		}
		f := Font{Type: sub, Unicode: d["ToUnicode"] != nil}
		if n := d.NameEntry("BaseFont"); n != nil {
			f.Name = *n
		}
		if sub == "Type0" {
			kids, err := x.DereferenceArray(d["DescendantFonts"])
			if err != nil || len(kids) != 1 {
				t.Fatalf("%s: font %s: DescendantFonts %v: %v", path, f.Name, d["DescendantFonts"], err)
			}
			kid := dict(kids[0])
			if s := kid.Subtype(); s != nil && *s == "CIDFontType2" {
				f.Type = "CID TrueType"
			}
			f.Embedded = embedded(kid)
		} else {
			f.Embedded = embedded(d)
		}
		fonts = append(fonts, f)
	}
	return fonts
}

// Lang returns the document catalog's /Lang entry, read with pdfcpu.
func Lang(t testing.TB, path string) string {
	t.Helper()
	ctx := readContext(t, path)
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
// installed (outside CI qpdf is optional: pdfcpu's check still runs).
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
	RequireTool(t, "pdftotext", "text inside a region of a page needs the glyphs' positions")
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
	RequireTool(t, "pdftotext", "words' boxes need the glyphs' positions and widths")
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

func endsWithHyphen(s string) bool {
	return strings.HasSuffix(s, "-") || strings.HasSuffix(s, "\u2010") || strings.HasSuffix(s, "\u00ad")
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// Boxes returns the boxes of every page as pdfinfo -box reports them,
// keyed by name ("MediaBox", "TrimBox", "BleedBox"), each as lower left
// x, y and upper right x, y in points. A box a page does not set, pdfinfo
// reports as its MediaBox (or CropBox).
func Boxes(t testing.TB, path string) []map[string][4]float64 {
	t.Helper()
	RequireTool(t, "pdfinfo", "the page boxes come from pdfinfo -box")
	var out []map[string][4]float64
	for _, line := range strings.Split(output(t, "pdfinfo", "-box", "-f", "1", "-l", "9999", path), "\n") {
		f := strings.Fields(line)
		if len(f) != 7 || f[0] != "Page" || !strings.HasSuffix(f[2], "Box:") {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		for len(out) < n {
			out = append(out, map[string][4]float64{})
		}
		var b [4]float64
		for i := range b {
			b[i], _ = strconv.ParseFloat(f[3+i], 64)
		}
		out[n-1][strings.TrimSuffix(f[2], ":")] = b
	}
	return out
}

// FontPrograms returns the embedded TrueType program (FontFile2,
// decoded) of each font of the document, by its BaseFont name without
// the subset tag, read with pdfcpu.
func FontPrograms(t testing.TB, path string) map[string][]byte {
	t.Helper()
	x := readContext(t, path).XRefTable
	out := map[string][]byte{}
	for _, nr := range slices.Sorted(maps.Keys(x.Table)) {
		e := x.Table[nr]
		if e == nil || e.Free {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "FontDescriptor" || d["FontFile2"] == nil {
			continue
		}
		sd, _, err := x.DereferenceStreamDict(d["FontFile2"])
		if err != nil || sd == nil {
			t.Fatalf("%s: FontFile2 of object %d: %v", path, nr, err)
		}
		if err := sd.Decode(); err != nil {
			t.Fatalf("%s: FontFile2 of object %d: %v", path, nr, err)
		}
		name := ""
		if n := d.NameEntry("FontName"); n != nil {
			name = *n
		}
		if i := strings.IndexByte(name, '+'); i == 6 {
			name = name[i+1:]
		}
		out[name] = sd.Content
	}
	return out
}
