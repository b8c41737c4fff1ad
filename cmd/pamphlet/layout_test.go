package main

// The layout promises of "What a pamphlet contains", checked on every
// language and floor of the sample as a reader of the PDF sees them:
// poppler's pdftotext -bbox gives each word's box, pdftest.Lines groups the
// boxes into drawn lines, and the lines are matched against the texts the
// pamphlet was made from. Nothing here asks the composer what it did.

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"pamphlet/internal/compose"
	"pamphlet/internal/layout"
	"pamphlet/internal/pdftest"
	"pamphlet/internal/project"
	"pamphlet/internal/resolve"
	"pamphlet/internal/typeset"
)

// edgeTol is how far, in points, a line's edge may sit from where the
// layout puts it. pdftotext measures a word by its glyphs' advance widths
// from the drawing origin, which is exactly where the composer placed the
// line; rounding in the PDF's coordinates and the shaper's widths move it
// by hundredths. The inner and outer margins of the bundled layouts differ
// by several points, so a column on the wrong side is far outside this.
const edgeTol = 0.75

// para is one paragraph of a pamphlet's flow (the inner pages), as the
// composer was given it, with the lines of the PDF it was found in.
type para struct {
	kind  string // "room heading", "panel title", "body" or "note"
	id    string // the message ID
	text  string
	keep  bool // a heading: must not end a page
	lines []pdftest.Line
}

// readBack is one pamphlet as read from its PDF.
type readBack struct {
	lang, floor string
	name        string // "LAYOUT LANG FLOOR", for messages
	l           *layout.Layout
	rtl         bool
	pages       int
	text        []pdftest.Line // lines in the text area
	foot        []pdftest.Line // lines below it, in the bottom margin: folios
	flow        []para         // the inner pages' paragraphs, each with its lines
}

// layouts are the page layouts whose promises are checked: the sample's
// own (a5) and large print, whose bigger type breaks pages elsewhere.
// The trifold leaflet is imposed on sheets and has tests of its own.
var layouts = []string{"a5", "large"}

var (
	readMu    sync.Mutex
	readCache = map[string]*readBack{}
	project1  *project.Project
)

// sampleProject opens the sample once for this file's hundreds of subtests.
func sampleProject(t testing.TB) *project.Project {
	t.Helper()
	if project1 == nil {
		project1 = openSample(t)
	}
	return project1
}

// pdfPath builds the sample in layout name (once; TestMain removes the
// build) and returns where the pamphlet of lang and floor is.
func pdfPath(t testing.TB, name, lang, floor string) string {
	t.Helper()
	if name == sampleProject(t).Museum.Layout {
		return filepath.Join(sampleBuild(t), lang, floor+".pdf")
	}
	if name != "large" {
		t.Fatalf("no build for layout %s", name)
	}
	return filepath.Join(buildOnce(t, "build", "--layout", "large"), lang, floor+"-large.pdf")
}

// readSample reads one pamphlet of the sample in layout name, once for
// all the tests of this file.
func readSample(t testing.TB, name, lang, floor string) *readBack {
	t.Helper()
	pdftest.RequireTool(t, "pdftotext", "the layout checks read every line's position")
	pdftest.RequireTool(t, "pdfinfo", "the page count comes from pdfinfo")
	path := pdfPath(t, name, lang, floor)
	readMu.Lock()
	defer readMu.Unlock()
	if rb, ok := readCache[path]; ok {
		return rb
	}
	p := sampleProject(t)
	l, err := p.LoadLayout(name)
	if err != nil {
		t.Fatal(err)
	}
	pam, err := (&resolve.Resolver{Museum: p.Museum, Catalogs: p.Catalogs, Furniture: p.Furniture, Policy: p.Museum.Policy}).Pamphlet(lang, floor)
	if err != nil {
		t.Fatal(err)
	}
	rb := &readBack{lang: lang, floor: floor, name: name + " " + lang + " " + floor, l: l, rtl: typeset.IsRTL(language.Make(lang))}
	if rb.pages, err = strconv.Atoi(pdftest.Info(t, path)["Pages"]); err != nil || rb.pages < 3 {
		t.Fatalf("%s: pdfinfo reports %q pages, want a cover, content and a back page", rb.name, pdftest.Info(t, path)["Pages"])
	}
	footTop := l.PageHeightPt() - l.BottomPt()
	for _, ln := range pdftest.Lines(t, path) {
		if ln.YMin >= footTop {
			rb.foot = append(rb.foot, ln)
		} else {
			rb.text = append(rb.text, ln)
		}
	}
	rb.flow = matchFlow(t, rb, pam)
	readCache[path] = rb
	return rb
}

// flowOf lists the paragraphs the composer flows over the inner pages, in
// order: each room's heading, then each panel's title and body, and the
// note a text carries when the policy marks it.
func flowOf(pam *resolve.Pamphlet, l *layout.Layout) []para {
	var flow []para
	add := func(kind string, t resolve.Text, keep bool) {
		flow = append(flow, para{kind: kind, id: t.ID, text: t.Value, keep: keep})
		if t.Note != "" {
			flow = append(flow, para{kind: "note", id: t.ID, text: t.Note})
		}
	}
	for _, r := range pam.Parts[0].Rooms {
		add("room heading", r.Title, true)
		if r.Body.Value != "" {
			add("body", r.Body, false)
		}
		for _, p := range r.Panels {
			if p.Title.Value != "" {
				add("panel title", p.Title, true)
			}
			if key := compose.PlaqueKey(pam, p); l.Text.PlaqueKey && key.Value != "" {
				add("plaque key", key, true)
			}
			add("body", p.Body, false)
		}
	}
	return flow
}

// letters is the multiset of a text's letters, digits and marks, as a
// sorted string. It is what matching lines to paragraphs compares, because
// it is the one thing every script gives back intact whatever the reading
// order: pdftotext -bbox reports right-to-left words in drawing order (a
// Hebrew word comes back reversed, an Arabic one as presentation forms,
// which NFKC folds back to letters), CJK lines come back as one "word",
// and spaces, punctuation and hyphens at line ends are not the catalog's.
func letters(s string) []rune {
	var out []rune
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// matchFlow finds the lines of every paragraph of the flow. Paragraph
// boundaries come from the texts, not from the spacing: the lines of the
// inner pages, in reading order, are taken one by one until they hold as
// many letters as the next paragraph, and then they must hold exactly its
// letters. A paragraph starts on a line of its own, so the boundaries
// fall between lines; matching in museum order, whole paragraph by whole
// paragraph, leaves no room for a short line to be taken for a heading it
// happens to resemble. Spacing would not do: a heading's space before
// disappears at the top of a page, and a body line is one leading from the
// next whether or not a paragraph ends between them.
func matchFlow(t testing.TB, rb *readBack, pam *resolve.Pamphlet) []para {
	t.Helper()
	var inner []pdftest.Line
	for _, ln := range rb.text {
		if ln.Page > 1 && ln.Page < rb.pages {
			inner = append(inner, ln)
		}
	}
	flow := flowOf(pam, rb.l)
	// A contents page after the cover (the layout fills a page with it)
	// is not the flow: it is headed by the contents heading.
	contents := letters(pam.Contents.Value)
	for len(inner) > 0 && slices.Equal(letters(inner[0].Text()), contents) {
		page := inner[0].Page
		for len(inner) > 0 && inner[0].Page == page {
			inner = inner[1:]
		}
	}
	k := 0
	for i := range flow {
		want := letters(flow[i].text)
		var got []rune
		for len(got) < len(want) && k < len(inner) {
			flow[i].lines = append(flow[i].lines, inner[k])
			got = append(got, letters(inner[k].Text())...)
			k++
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			where := "after the last line"
			if n := len(flow[i].lines); n > 0 {
				ln := flow[i].lines[n-1]
				where = fmt.Sprintf("page %d, line %q", ln.Page, ln.Text())
			}
			t.Fatalf("%s: the inner pages' lines do not match the %s %s %q (reading stopped at %s)", rb.name, flow[i].kind, flow[i].id, flow[i].text, where)
		}
	}
	// After the last panel, only the pages that fill the sheets (notes,
	// colophon) may follow: never text on the last panel's own page.
	if k < len(inner) && k > 0 && inner[k].Page == inner[k-1].Page {
		t.Fatalf("%s: page %d has text after the last panel: %q", rb.name, inner[k].Page, inner[k].Text())
	}
	return flow
}

// eachSample runs check on every layout × language × floor of the sample.
func eachSample(t *testing.T, check func(t *testing.T, rb *readBack)) {
	p := sampleProject(t)
	for _, name := range layouts {
		for _, lang := range p.Languages() {
			for _, floor := range p.Museum.PartIDs() {
				t.Run(name+"/"+lang+"/"+floor, func(t *testing.T) { check(t, readSample(t, name, lang, floor)) })
			}
		}
	}
}

// column is the text column of a page: the binding (inner) margin is on
// the left of odd pages and the right of even ones in a left-to-right
// pamphlet, the other way round in a right-to-left one.
func column(l *layout.Layout, page int, rtl bool) (left, right float64, bindingLeft bool) {
	bindingLeft = (page%2 == 1) != rtl
	if bindingLeft {
		return l.InnerPt(), l.PageWidthPt() - l.OuterPt(), true
	}
	return l.OuterPt(), l.PageWidthPt() - l.InnerPt(), false
}

func side(left bool) string {
	if left {
		return "left"
	}
	return "right"
}

// TestFoliosOnTheOuterCorner: every inner page carries its number in the
// bottom margin, flush with the outer edge of the text column (right on
// odd pages and left on even ones, mirrored in Hebrew and Arabic); the
// covers carry none.
func TestFoliosOnTheOuterCorner(t *testing.T) {
	eachSample(t, func(t *testing.T, rb *readBack) {
		l := rb.l
		for page := 1; page <= rb.pages; page++ {
			var foot []pdftest.Line
			for _, ln := range rb.foot {
				if ln.Page == page {
					foot = append(foot, ln)
				}
			}
			if page == 1 || page == rb.pages {
				for _, ln := range foot {
					t.Errorf("%s page %d is a cover but carries %q in its foot", rb.name, page, ln.Text())
				}
				continue
			}
			if len(foot) != 1 {
				t.Errorf("%s page %d: %d lines in the foot, want one folio", rb.name, page, len(foot))
				continue
			}
			f := foot[0]
			if got := norm.NFKC.String(f.Text()); got != strconv.Itoa(page) {
				t.Errorf("%s page %d: folio reads %q, want %d", rb.name, page, got, page)
			}
			left, right, bindingLeft := column(l, page, rb.rtl)
			outerRight := bindingLeft
			if outerRight && math.Abs(f.XMax-right) > edgeTol || !outerRight && math.Abs(f.XMin-left) > edgeTol {
				t.Errorf("%s page %d: folio %q at x %.1f–%.1f, want it on the outer corner, flush %s at x %.1f", rb.name, page, f.Text(), f.XMin, f.XMax, side(outerRight), map[bool]float64{true: right, false: left}[outerRight])
			}
			// At the foot: below the text area, and nearer to it than to
			// the paper's edge.
			if f.YMax > l.PageHeightPt()-l.BottomPt()/4 {
				t.Errorf("%s page %d: folio %q at y %.1f–%.1f, too near the paper's edge", rb.name, page, f.Text(), f.YMin, f.YMax)
			}
		}
	})
}

// TestNoPageEndsWithAHeading: a room heading or a panel title is always
// followed, on its own page, by the first line of what it heads.
func TestNoPageEndsWithAHeading(t *testing.T) {
	eachSample(t, func(t *testing.T, rb *readBack) {
		for i, h := range rb.flow {
			if !h.keep || i+1 == len(rb.flow) {
				continue
			}
			first, last := h.lines[0], h.lines[len(h.lines)-1]
			if first.Page != last.Page {
				t.Errorf("%s: %s %s %q is split between pages %d and %d", rb.name, h.kind, h.id, h.text, first.Page, last.Page)
			}
			if next := rb.flow[i+1]; next.lines[0].Page != last.Page {
				t.Errorf("%s page %d ends with the %s %s %q; the %s it heads starts on page %d", rb.name, last.Page, h.kind, h.id, h.text, next.kind, next.lines[0].Page)
			}
		}
	})
}

// TestNoWidowsOrOrphans: a paragraph broken across pages leaves at least
// two of its lines at the foot of the first page (no orphan) and takes at
// least two to the head of the next (no widow).
func TestNoWidowsOrOrphans(t *testing.T) {
	eachSample(t, func(t *testing.T, rb *readBack) {
		for _, p := range rb.flow {
			first, last := p.lines[0].Page, p.lines[len(p.lines)-1].Page
			if first == last {
				continue
			}
			count := func(page int) int {
				n := 0
				for _, ln := range p.lines {
					if ln.Page == page {
						n++
					}
				}
				return n
			}
			if count(first) == 1 {
				t.Errorf("%s page %d: orphan: the first line of the %s %s is alone at the foot: %q", rb.name, first, p.kind, p.id, p.lines[0].Text())
			}
			if count(last) == 1 {
				t.Errorf("%s page %d: widow: the last line of the %s %s is alone at the head: %q", rb.name, last, p.kind, p.id, p.lines[len(p.lines)-1].Text())
			}
		}
	})
}

// TestBindingMarginOnTheInnerSide: the text column's aligned edge (left in
// a left-to-right pamphlet, right in a right-to-left one) sits exactly on
// its margin, the inner one or the outer one as the page's side requires.
func TestBindingMarginOnTheInnerSide(t *testing.T) {
	eachSample(t, func(t *testing.T, rb *readBack) {
		l := rb.l
		for page := 1; page <= rb.pages; page++ {
			left, right, bindingLeft := column(l, page, rb.rtl)
			edge, want, name := math.Inf(1), left, "left"
			if rb.rtl {
				edge, want, name = math.Inf(-1), right, "right"
			}
			for _, ln := range rb.text {
				if ln.Page == page {
					if rb.rtl {
						edge = max(edge, ln.XMax)
					} else {
						edge = min(edge, ln.XMin)
					}
				}
			}
			if math.IsInf(edge, 0) {
				t.Errorf("%s page %d: no text", rb.name, page)
				continue
			}
			margin := "outer"
			if bindingLeft == !rb.rtl {
				margin = "inner (binding)"
			}
			if math.Abs(edge-want) > edgeTol {
				t.Errorf("%s page %d: the text column's %s edge is at x %.1f, want %.1f: the %s margin (the binding is on the %s of this page)", rb.name, page, name, edge, want, margin, side(bindingLeft))
			}
		}
	})
}

// TestEveryWordInsideTheTextArea: no word crosses into the inner margin,
// the outer margin, or the top margin, each measured on its own side of
// the page; only folios sit in the bottom margin, and on the paper. A
// full-width closing mark that ends a Chinese or Japanese line is set
// with its blank right half past the measure (JIS X 4051): its ink
// stays inside, its box may not.
func TestEveryWordInsideTheTextArea(t *testing.T) {
	eachSample(t, func(t *testing.T, rb *readBack) {
		l := rb.l
		check := func(ln pdftest.Line, bottom float64) {
			left, right, bindingLeft := column(l, ln.Page, rb.rtl)
			leftMargin, rightMargin := "outer", "inner"
			if bindingLeft {
				leftMargin, rightMargin = "inner", "outer"
			}
			for _, w := range ln.Words {
				switch {
				case w.XMin < left-edgeTol:
					t.Errorf("%s page %d: %q at x %.1f crosses into the %s margin (left of x %.1f)", rb.name, w.Page, w.Text, w.XMin, leftMargin, left)
				case w.XMax > right+edgeTol+lineEndBlank(w):
					t.Errorf("%s page %d: %q ends at x %.1f, in the %s margin (right of x %.1f)", rb.name, w.Page, w.Text, w.XMax, rightMargin, right)
				}
				// A glyph box reaches above its line by the font's ascent
				// beyond the leading; a tenth of the box's height is
				// more than any bundled font needs.
				if top := l.TopPt() - (w.YMax-w.YMin)/10; w.YMin < top {
					t.Errorf("%s page %d: %q at y %.1f, in the top margin (above y %.1f)", rb.name, w.Page, w.Text, w.YMin, top)
				}
				if w.YMax > bottom {
					t.Errorf("%s page %d: %q reaches y %.1f, below y %.1f", rb.name, w.Page, w.Text, w.YMax, bottom)
				}
			}
		}
		for _, ln := range rb.text {
			check(ln, l.PageHeightPt()-l.BottomPt())
		}
		for _, ln := range rb.foot {
			check(ln, l.PageHeightPt())
		}
	})
}

// lineEndBlank is how far a word's box may pass the right edge of the
// text column: half an em (half the box's height, which is about an em)
// when it ends with a full-width closing mark, comma or full stop, whose
// right half is blank; else nothing.
func lineEndBlank(w pdftest.Word) float64 {
	r, _ := utf8.DecodeLastRuneInString(w.Text)
	if strings.ContainsRune("、。，．」』）〕］｝〉》】〙〗”’", r) && r >= 0x2000 {
		return (w.YMax - w.YMin) / 2
	}
	return 0
}
