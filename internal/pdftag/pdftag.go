// Package pdftag is the post-processing pass that makes fpdf's output an
// accessible, tagged PDF (PDF/UA-1's machine-checkable part). fpdf draws
// the marked content — every line of text between /P <</MCID n>> BDC and
// EMC, page numbers and rules between /Artifact BMC and EMC — but writes
// no structure tree and has no way to; no Go PDF library in common use
// does. So Finish reads fpdf's file with pdfcpu and writes it out again
// with what fpdf cannot write:
//
//   - the structure tree (/StructTreeRoot, one /StructElem per element of
//     the pamphlet, in reading order, each with its MCIDs and /Pg), the
//     /ParentTree that maps each page's MCIDs back to their elements, and
//     /StructParents on every page;
//   - /MarkInfo <</Marked true>>, /ViewerPreferences (the title shown,
//     not the file name; right-to-left page order for Hebrew and Arabic),
//     and XMP metadata with dc:title and pdfuaid:part 1;
//   - the outline (bookmarks), in the pamphlet's order, which fpdf would
//     write in drawing order — a booklet's sheet order;
//   - subset fonts named with their six-letter subset tag
//     (ABCDEF+DejaVuSerif), derived from the glyphs used, so that the
//     name changes when the subset does and the output stays
//     reproducible;
//   - ToUnicode maps that send Arabic Presentation Forms, which the
//     shaper's joined letters are drawn with, to the base letters (their
//     NFKC decomposition), so that copying and searching find the words a
//     reader typed: «شارع», not its presentation forms;
//   - each page's content stream without the font selection fpdf's
//     AddPage repeats before anything can be marked (BT /F1 9 Tf ET,
//     which would be the one piece of untagged content), compressed.
//
// The file is written whole, object by object in number order, with a
// classic cross-reference table: pdfcpu's own writer stamps the time and
// its name into the file, and the output must be byte-reproducible.
package pdftag

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"

	"pamphlet/internal/page"
)

// Mark is one marked-content sequence of a page: the MCID is its index
// in Doc.Pages[page].
type Mark struct {
	Elem int // index in Doc.Elems
	Seq  int // reading order (page.Tag.Seq)
}

// Entry is an outline entry and where it opens.
type Entry struct {
	Title string
	Level int
	Page  int     // 0-based
	Top   float64 // PDF user space: points from the page's bottom edge
}

// Font is what Finish needs to know of one font fpdf embedded.
type Font struct {
	// PostScript is the font's own name, for the subset's /BaseFont.
	PostScript string
	// Runes are the code points drawn with it: fpdf's codes (CIDs) are
	// code points, so these are the codes its ToUnicode map must cover.
	Runes []rune
	// Glyphs are the Private Use Area codes the drawer gave glyphs that
	// no code point of the font names (a mark ligature, a contextual
	// form) or that their code point would misname, each with the text,
	// in logical order, that the glyph stands for.
	Glyphs map[rune]string
}

// Doc is what the drawing stage knows and the file must say.
type Doc struct {
	Elems   []page.Elem
	Pages   [][]Mark // per page of the file, its marked content in MCID order
	Outline []Entry  // in reading order
	// Fonts are keyed by the /BaseFont fpdf gives a UTF-8 font: "utf8"
	// and the family name in lower case.
	Fonts                map[string]Font
	Title, Subject, Lang string
	Creator, Producer    string
	Date                 time.Time
	RTL                  bool
	// TrimBox and BleedBox are written on every page when set, in PDF
	// coordinates (lower left x, y, upper right x, y): where the printer
	// cuts, and how far the printing reaches beyond the cut.
	TrimBox, BleedBox [4]float64
}

// tagger is one run of the pass over one file.
type tagger struct {
	*Doc
	pageRefs   []types.IndirectRef
	objects    map[int]types.Object // the file's objects by number, as read and as changed
	size       int                  // next free object number
	elemRefs   []*types.IndirectRef // by element; nil for an element left out
	structRoot types.IndirectRef
}

// Error is a file the pass could not read or tag: a sign that fpdf
// wrote something this package does not expect, never the user's input.
type Error struct {
	Step string
	Err  error
}

func (e *Error) Error() string { return "tagging the PDF: " + e.Step + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Finish returns raw, fpdf's file, tagged as d describes.
func Finish(raw []byte, doc *Doc) ([]byte, error) {
	d := &tagger{Doc: doc}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(raw), conf)
	if err != nil {
		return nil, &Error{"reading fpdf's output", err}
	}
	xt := ctx.XRefTable
	if xt.Root == nil || xt.Size == nil {
		return nil, &Error{"reading fpdf's output", errors.New("no catalog")}
	}
	d.objects = map[int]types.Object{}
	for n, e := range xt.Table {
		if n > 0 && !e.Free && e.Object != nil {
			d.objects[n] = e.Object
		}
	}
	d.size = *xt.Size
	catalog, ok := d.dict(*xt.Root)
	if !ok {
		return nil, &Error{"reading the catalog", errors.New("not a dictionary")}
	}
	if err := d.pages(catalog); err != nil {
		return nil, &Error{"reading the pages", err}
	}
	if len(d.pageRefs) != len(d.Pages) {
		return nil, &Error{"reading the pages", fmt.Errorf("the file has %d pages, the document %d", len(d.pageRefs), len(d.Pages))}
	}
	if err := d.contents(); err != nil {
		return nil, &Error{"rewriting the page contents", err}
	}
	if err := d.fonts(); err != nil {
		return nil, &Error{"naming the fonts", err}
	}
	d.structure(catalog)
	d.outline(catalog)
	catalog["MarkInfo"] = types.Dict{"Marked": types.Boolean(true)}
	prefs := types.Dict{"DisplayDocTitle": types.Boolean(true)}
	if d.RTL {
		prefs["Direction"] = types.Name("R2L")
	}
	catalog["ViewerPreferences"] = prefs
	xmp := d.xmp()
	catalog["Metadata"] = d.add(types.StreamDict{
		Dict: types.Dict{"Type": types.Name("Metadata"), "Subtype": types.Name("XML")},
		Raw:  xmp,
	})
	var info *types.IndirectRef
	if xt.Info != nil {
		info = xt.Info
	}
	out, err := d.write(*xt.Root, info)
	if err != nil {
		return nil, &Error{"writing", err}
	}
	return out, nil
}

// dict returns the dictionary ref points at.
func (d *tagger) dict(ref types.IndirectRef) (types.Dict, bool) {
	switch o := d.objects[ref.ObjectNumber.Value()].(type) {
	case types.Dict:
		return o, true
	case types.StreamDict:
		return o.Dict, true
	}
	return nil, false
}

// add makes o a new object and returns its reference.
func (d *tagger) add(o types.Object) types.IndirectRef {
	n := d.size
	d.size++
	d.objects[n] = o
	return *types.NewIndirectRef(n, 0)
}

// pages collects the page objects in order. fpdf writes one flat page
// tree.
func (d *tagger) pages(catalog types.Dict) error {
	ref, ok := catalog["Pages"].(types.IndirectRef)
	if !ok {
		return errors.New("no /Pages")
	}
	tree, ok := d.dict(ref)
	if !ok {
		return errors.New("/Pages is not a dictionary")
	}
	kids, _ := tree["Kids"].(types.Array)
	for _, k := range kids {
		r, ok := k.(types.IndirectRef)
		if !ok {
			return errors.New("a page is not an indirect object")
		}
		if p, ok := d.dict(r); !ok || p["Type"] != types.Name("Page") {
			return errors.New("the page tree is not flat")
		}
		d.pageRefs = append(d.pageRefs, r)
	}
	return nil
}

// contents drops the font selection fpdf's AddPage writes at the top of
// every page but the first, outside any marked content (it selects the
// previous page's last font again; every run selects its own font, so
// nothing depends on it), and compresses the stream. pdfdraw turns
// fpdf's compression off so that this pass reads the stream as written.
func (d *tagger) contents() error {
	for _, ref := range d.pageRefs {
		p, _ := d.dict(ref)
		cref, ok := p["Contents"].(types.IndirectRef)
		if !ok {
			return errors.New("a page's /Contents is not one stream")
		}
		n := cref.ObjectNumber.Value()
		sd, ok := d.objects[n].(types.StreamDict)
		if !ok {
			return errors.New("a page's /Contents is not a stream")
		}
		if _, ok := sd.Dict["Filter"]; ok {
			return errors.New("page contents are already compressed (pdfdraw must write them plain)")
		}
		content := stripPreamble(sd.Raw)
		d.objects[n] = types.StreamDict{
			Dict: types.Dict{"Filter": types.Name("FlateDecode")},
			Raw:  deflate(content),
		}
	}
	box := func(b [4]float64) types.Array {
		return types.Array{types.Float(b[0]), types.Float(b[1]), types.Float(b[2]), types.Float(b[3])}
	}
	for i, ref := range d.pageRefs {
		p, _ := d.dict(ref)
		p["StructParents"] = types.Integer(i)
		if d.TrimBox != [4]float64{} {
			p["TrimBox"] = box(d.TrimBox)
		}
		if d.BleedBox != [4]float64{} {
			p["BleedBox"] = box(d.BleedBox)
		}
	}
	return nil
}

// stripPreamble removes text objects that only select a font (BT /F1
// 9.00 Tf ET) before the page's first marked content.
func stripPreamble(c []byte) []byte {
	first := bytes.Index(c, []byte(" BMC\n"))
	if j := bytes.Index(c, []byte(" BDC\n")); j >= 0 && (first < 0 || j < first) {
		first = j
	}
	if first < 0 {
		first = len(c)
	}
	head, tail := c[:first], c[first:]
	var out []byte
	for _, line := range bytes.SplitAfter(head, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("BT /F")) && bytes.HasSuffix(t, []byte(" Tf ET")) {
			continue
		}
		out = append(out, line...)
	}
	return append(out, tail...)
}

// deflaters are zlib writers at the fastest level, reused: a new one
// allocates about a megabyte, and a pamphlet compresses a stream per
// page and per font.
var deflaters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return w
}}

// deflate compresses as fpdf does (zlib's fastest level): the pass takes
// over the compression of the page contents from fpdf, and should cost
// no more than it did there. A reset writer writes the bytes a new one
// would.
func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := deflaters.Get().(*zlib.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	deflaters.Put(w)
	return buf.Bytes()
}

// fonts gives every subset font its subset tag and a ToUnicode map of
// the codes it draws.
func (d *tagger) fonts() error {
	nums := make([]int, 0, len(d.objects))
	for n := range d.objects {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		f, ok := d.objects[n].(types.Dict)
		if !ok || f["Type"] != types.Name("Font") || f["Subtype"] != types.Name("Type0") {
			continue
		}
		base, _ := f["BaseFont"].(types.Name)
		font, ok := d.Fonts[string(base)]
		if !ok {
			return fmt.Errorf("font %s is not one the document draws with", base)
		}
		name := types.Name(SubsetTag(font) + "+" + font.PostScript)
		f["BaseFont"] = name
		desc, _ := f["DescendantFonts"].(types.Array)
		if len(desc) != 1 {
			return fmt.Errorf("font %s: %d descendant fonts", base, len(desc))
		}
		cidRef, _ := desc[0].(types.IndirectRef)
		cid, ok := d.dict(cidRef)
		if !ok {
			return fmt.Errorf("font %s: no CIDFont", base)
		}
		cid["BaseFont"] = name
		fdRef, _ := cid["FontDescriptor"].(types.IndirectRef)
		fd, ok := d.dict(fdRef)
		if !ok {
			return fmt.Errorf("font %s: no font descriptor", base)
		}
		fd["FontName"] = name
		tuRef, ok := f["ToUnicode"].(types.IndirectRef)
		if !ok {
			return fmt.Errorf("font %s: no ToUnicode map", base)
		}
		d.objects[tuRef.ObjectNumber.Value()] = types.StreamDict{
			Dict: types.Dict{"Filter": types.Name("FlateDecode")},
			Raw:  deflate(toUnicode(font.Runes, font.Glyphs)),
		}
	}
	return nil
}

// SubsetTag is the six capital letters ISO 32000-1 9.6.4 asks a subset
// font's name to begin with, so that two different subsets of one font
// are never taken for each other. It is derived from the font and the
// code points drawn with it, not chosen at random, so that the same
// document gives the same bytes.
func SubsetTag(f Font) string {
	h := sha256.New()
	h.Write([]byte(f.PostScript))
	runes := slices.Clone(f.Runes)
	slices.Sort(runes)
	for _, r := range slices.Compact(runes) {
		h.Write([]byte(string(r)))
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// presentationForm reports whether r is one of the Arabic Presentation
// Forms the shaper draws joined letters with. Only these are mapped to
// their decomposition: NFKC would also turn a CJK full-width comma into
// an ASCII one, and that is not what the page says.
func presentationForm(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// ToUnicode is a ToUnicode CMap for fpdf's Identity-H codes (the code
// points themselves) of runes: each code maps to itself, except an
// Arabic presentation form, which maps to the letters it is a form of —
// two for a lam-alef ligature — so that text extraction returns what was
// typed.
//
// A ligature's letters are written last to first: right-to-left lines
// are drawn in visual order, and readers (poppler, pdf.js) recover the
// logical order by reversing the line's characters — a ligature's too,
// so that لأ written in reading order would come back as أل.
//
// Consecutive codes that map to themselves are written as ranges,
// never crossing a 256-code block (a bfrange may vary in its last byte
// only).
func ToUnicode(runes []rune) []byte { return toUnicode(runes, nil) }

// Extracted is the text a code drawn with a font extracts as, without a
// Glyphs entry: an Arabic presentation form its letters, in logical
// order, any other code point itself.
func Extracted(r rune) string {
	if presentationForm(r) {
		return norm.NFKC.String(string(r))
	}
	return string(r)
}

// toUnicode is ToUnicode with the drawer's Private Use Area codes: each
// maps to the text of its glyph (see glyphText). A glyph that stands for
// no text of its own gets no entry.
func toUnicode(runes []rune, glyphs map[rune]string) []byte {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	type rng struct{ lo, hi rune }
	var ranges []rng
	var chars [][2]string
	for _, r := range rs {
		if r < 0 || r > 0xFFFF {
			continue
		}
		if text, ok := glyphs[r]; ok {
			if text != "" {
				chars = append(chars, [2]string{fmt.Sprintf("%04X", r), utf16Hex(glyphText(text))})
			}
			continue
		}
		if presentationForm(r) {
			if base := norm.NFKC.String(string(r)); base != string(r) {
				chars = append(chars, [2]string{fmt.Sprintf("%04X", r), utf16Hex(reverse(base))})
				continue
			}
		}
		if n := len(ranges); n > 0 && ranges[n-1].hi == r-1 && ranges[n-1].lo>>8 == r>>8 {
			ranges[n-1].hi = r
			continue
		}
		ranges = append(ranges, rng{r, r})
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(ranges); i += 100 { // at most 100 entries a section
		part := ranges[i:min(i+100, len(ranges))]
		fmt.Fprintf(&b, "%d beginbfrange\n", len(part))
		for _, r := range part {
			fmt.Fprintf(&b, "<%04X> <%04X> <%04X>\n", r.lo, r.hi, r.lo)
		}
		b.WriteString("endbfrange\n")
	}
	for i := 0; i < len(chars); i += 100 {
		part := chars[i:min(i+100, len(chars))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(part))
		for _, c := range part {
			fmt.Fprintf(&b, "<%s> <%s>\n", c[0], c[1])
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// glyphText is the text a Private Use Area code maps to, given the
// text, in logical order, of the glyph drawn with it. A glyph of
// left-to-right text (a Latin fi ligature) maps to its text as it is. A
// glyph of right-to-left text (an Arabic or Hebrew letter with its
// marks, a mark ligature) is written last to first, as a presentation
// form's letters are (see ToUnicode): such lines are drawn in visual
// order and readers reverse them, the glyph's text too, so that shadda
// and fatha come back in the order they were typed. Text with any
// strong left-to-right character is left-to-right text; text of
// right-to-left letters, or of marks alone, is not.
func glyphText(text string) string {
	for _, r := range text {
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.L {
			return text
		}
	}
	return reverse(text)
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

func utf16Hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// textString is a PDF text string: UTF-16BE with its byte order mark,
// which every reader takes for any script.
func textString(s string) types.HexLiteral {
	return types.HexLiteral("FEFF" + utf16Hex(s))
}

// structure writes the structure tree and the parent tree. An element
// that got no lines (an optional text left out) is left out with its
// empty ancestors. Each element's kids — its marked content and its
// child elements — are in reading order, by the first line of each.
func (d *tagger) structure(catalog types.Dict) {
	type mcr struct{ page, mcid, seq int }
	n := len(d.Elems)
	marks := make([][]mcr, n)
	first := make([]int, n) // the smallest Seq in the element's subtree
	for i := range first {
		first[i] = -1
	}
	for p, ms := range d.Pages {
		for id, m := range ms {
			marks[m.Elem] = append(marks[m.Elem], mcr{p, id, m.Seq})
		}
	}
	// Children come after their parents: walk backwards to carry each
	// subtree's first line up.
	for i := n - 1; i >= 0; i-- {
		for _, m := range marks[i] {
			if first[i] < 0 || m.seq < first[i] {
				first[i] = m.seq
			}
		}
		if p := d.Elems[i].Parent; i > 0 && p >= 0 && first[i] >= 0 && (first[p] < 0 || first[i] < first[p]) {
			first[p] = first[i]
		}
	}
	children := make([][]int, n)
	for i := 1; i < n; i++ {
		if first[i] >= 0 {
			p := d.Elems[i].Parent
			children[p] = append(children[p], i)
		}
	}
	d.structRoot = d.add(types.Dict{}) // filled in below
	d.elemRefs = make([]*types.IndirectRef, n)
	for i := range n { // numbered in reading order
		if i == 0 || first[i] >= 0 {
			r := d.add(types.Dict{})
			d.elemRefs[i] = &r
		}
	}
	for i := range n {
		if d.elemRefs[i] == nil {
			continue
		}
		e := d.Elems[i]
		type kid struct {
			seq int
			obj types.Object
		}
		var kids []kid
		slices.SortFunc(marks[i], func(a, b mcr) int { return a.seq - b.seq })
		var pg *types.IndirectRef
		for _, m := range marks[i] {
			if pg == nil {
				pg = &d.pageRefs[m.page]
			}
			var o types.Object = types.Integer(m.mcid)
			if d.pageRefs[m.page] != *pg {
				o = types.Dict{"Type": types.Name("MCR"), "Pg": d.pageRefs[m.page], "MCID": types.Integer(m.mcid)}
			}
			kids = append(kids, kid{m.seq, o})
		}
		for _, c := range children[i] {
			kids = append(kids, kid{first[c], *d.elemRefs[c]})
		}
		slices.SortStableFunc(kids, func(a, b kid) int { return a.seq - b.seq })
		k := types.Array{}
		for _, kd := range kids {
			k = append(k, kd.obj)
		}
		el := types.Dict{"Type": types.Name("StructElem"), "S": types.Name(e.Role), "K": k}
		if i == 0 {
			el["P"] = d.structRoot
		} else {
			el["P"] = *d.elemRefs[e.Parent]
		}
		if pg != nil {
			el["Pg"] = *pg
		}
		if e.Lang != "" {
			el["Lang"] = textString(e.Lang)
		}
		if e.Alt != "" {
			el["Alt"] = textString(e.Alt)
		}
		d.objects[d.elemRefs[i].ObjectNumber.Value()] = el
	}
	nums := types.Array{}
	for p, ms := range d.Pages {
		refs := types.Array{}
		for _, m := range ms {
			refs = append(refs, *d.elemRefs[m.Elem])
		}
		nums = append(nums, types.Integer(p), refs)
	}
	d.objects[d.structRoot.ObjectNumber.Value()] = types.Dict{
		"Type":              types.Name("StructTreeRoot"),
		"K":                 types.Array{*d.elemRefs[0]},
		"ParentTree":        d.add(types.Dict{"Nums": nums}),
		"ParentTreeNextKey": types.Integer(len(d.Pages)),
	}
	catalog["StructTreeRoot"] = d.structRoot
}

// outline writes the bookmarks as nested outline items.
func (d *tagger) outline(catalog types.Dict) {
	if len(d.Outline) == 0 {
		return
	}
	root := d.add(types.Dict{})
	refs := make([]types.IndirectRef, len(d.Outline))
	items := make([]types.Dict, len(d.Outline))
	for i, e := range d.Outline {
		refs[i] = d.add(types.Dict{})
		items[i] = types.Dict{
			"Title": textString(e.Title),
			"Dest":  types.Array{d.pageRefs[e.Page], types.Name("XYZ"), nil, types.Float(roundPt(e.Top)), nil},
		}
	}
	rootDict := types.Dict{"Type": types.Name("Outlines")}
	// parents[l] is the open item at level l; -1 the root.
	var stack []int
	last := map[int]int{} // last child seen of each parent (-1: root)
	count := map[int]int{}
	for i, e := range d.Outline {
		level := min(e.Level, len(stack)) // no level skipped
		stack = stack[:level]
		parent := -1
		if level > 0 {
			parent = stack[level-1]
		}
		pd, pref := rootDict, root
		if parent >= 0 {
			pd, pref = items[parent], refs[parent]
		}
		items[i]["Parent"] = pref
		if prev, ok := last[parent]; ok {
			items[prev]["Next"] = refs[i]
			items[i]["Prev"] = refs[prev]
		} else {
			pd["First"] = refs[i]
		}
		pd["Last"] = refs[i]
		last[parent] = i
		for _, a := range stack {
			count[a]++
		}
		count[-1]++
		stack = append(stack, i)
	}
	for i := range items {
		if c := count[i]; c > 0 {
			items[i]["Count"] = types.Integer(c) // open
		}
		d.objects[refs[i].ObjectNumber.Value()] = items[i]
	}
	rootDict["Count"] = types.Integer(count[-1])
	d.objects[root.ObjectNumber.Value()] = rootDict
	catalog["Outlines"] = root
	catalog["PageMode"] = types.Name("UseOutlines")
}

func roundPt(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// xmp is the document's XMP metadata packet: PDF/UA-1 identifies a
// conforming file by pdfuaid:part there, and asks for the title as
// dc:title. It repeats what the Info dictionary says.
func (d *tagger) xmp() []byte {
	date := d.Date.UTC().Format(time.RFC3339)
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\"\n" +
		" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n" +
		" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(d.Title))
	if d.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(d.Subject))
	}
	if d.Lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(d.Lang))
	}
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", date, date)
	if d.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(d.Creator))
	}
	if d.Producer != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(d.Producer))
	}
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n" +
		"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n")
	return b.Bytes()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

func esc(s string) string { return xmlEscaper.Replace(s) }

// write serializes every object, in number order, with a cross-reference
// table. PDF 1.7: the structure, /MarkInfo and the viewer preferences
// need 1.4 or later, and PDF/UA-1 is a profile of ISO 32000-1.
func (d *tagger) write(root types.IndirectRef, info *types.IndirectRef) ([]byte, error) {
	w := &writer{}
	b := &w.b
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, d.size)
	for n := 1; n < d.size; n++ {
		o, ok := d.objects[n]
		if !ok {
			continue
		}
		offsets[n] = b.Len()
		b.WriteString(strconv.Itoa(n))
		b.WriteString(" 0 obj\n")
		if sd, ok := o.(types.StreamDict); ok {
			dict := types.Dict{}
			for k, v := range sd.Dict {
				dict[k] = v
			}
			dict["Length"] = types.Integer(len(sd.Raw))
			w.object(dict)
			b.WriteString("\nstream\n")
			b.Write(sd.Raw)
			b.WriteString("\nendstream")
		} else {
			w.object(o)
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", d.size)
	for n := 1; n < d.size; n++ {
		if offsets[n] == 0 {
			b.WriteString("0000000000 00000 f \n")
			continue
		}
		fmt.Fprintf(b, "%010d 00000 n \n", offsets[n])
	}
	trailer := types.Dict{"Size": types.Integer(d.size), "Root": root}
	if info != nil {
		trailer["Info"] = *info
	}
	b.WriteString("trailer\n")
	w.object(trailer)
	fmt.Fprintf(b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes(), w.err
}

// writer writes objects in PDF syntax, and remembers the first object it
// could not write.
type writer struct {
	b   bytes.Buffer
	err error
}

// object writes o in PDF syntax. Dictionary keys are sorted, so the
// output does not depend on map order; numbers are written as short as
// they are exact (pdfcpu's own PDFString gives every real 12 decimals).
func (w *writer) object(o types.Object) {
	b := &w.b
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case types.Dict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("<<")
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(types.Name(k).PDFString())
			b.WriteByte(' ')
			w.object(v[k])
		}
		b.WriteString(">>")
	case types.Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			w.object(e)
		}
		b.WriteByte(']')
	case types.Float:
		b.WriteString(strconv.FormatFloat(float64(v), 'f', -1, 64))
	case types.Integer:
		b.WriteString(strconv.Itoa(int(v)))
	case types.Boolean:
		b.WriteString(strconv.FormatBool(bool(v)))
	case types.IndirectRef:
		fmt.Fprintf(b, "%d %d R", v.ObjectNumber.Value(), v.GenerationNumber.Value())
	case types.Name, types.StringLiteral, types.HexLiteral:
		b.WriteString(v.PDFString())
	default:
		// Only the types above occur in fpdf's output and in what this
		// package adds.
		if w.err == nil {
			w.err = fmt.Errorf("an object of type %T", o)
		}
	}
}
