package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"pamphlet/i18n"
	"pamphlet/internal/pdftest"
	"pamphlet/internal/project"
	"pamphlet/internal/typeset"
)

// A5 in points.
const a5Width, a5Height = 419.53, 595.28

// sharedBuild is one build of the embedded sample into a temporary
// folder, made once for all the tests of this package that read it, and
// removed by TestMain.
type sharedBuild struct {
	once sync.Once
	dir  string
	err  error
}

var (
	buildsMu sync.Mutex
	builds   = map[string]*sharedBuild{}
)

// buildOnce runs `pamphlet ARGS --out DIR` through the CLI exactly as a
// user runs it, once per distinct ARGS, and returns DIR.
func buildOnce(t testing.TB, args ...string) string {
	t.Helper()
	key := strings.Join(args, " ")
	buildsMu.Lock()
	b := builds[key]
	if b == nil {
		b = &sharedBuild{}
		builds[key] = b
	}
	buildsMu.Unlock()
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "pamphlet-build-"); b.err != nil {
			return
		}
		var stdout, stderr bytes.Buffer
		if code := run(append(slices.Clip(args), "--out", b.dir), &stdout, &stderr); code != 0 {
			b.err = fmt.Errorf("pamphlet %s: exit %d: %s", key, code, stderr.String())
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.dir
}

// sampleBuild is the sample built in its own layout.
func sampleBuild(t testing.TB) string {
	t.Helper()
	return buildOnce(t, "build")
}

func TestMain(m *testing.M) {
	// check remembers its results in the user's cache folder: the tests
	// get one of their own.
	cache, err := os.MkdirTemp("", "pamphlet-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	for _, b := range builds {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
	os.Exit(code)
}

func openSample(t testing.TB) *project.Project {
	t.Helper()
	p, err := project.Open("")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// complete reports whether every message the museum prints is translated
// from the current source in lang.
func complete(p *project.Project, lang string) bool {
	src, cat := p.Catalogs[p.Museum.Source], p.Catalogs[lang]
	for _, ref := range p.Museum.Texts() {
		if ref.Furniture || src.Messages[ref.ID] == nil {
			continue
		}
		if lang != p.Museum.Source && i18n.StatusOf(src.Messages[ref.ID], cat.Messages[ref.ID]) == i18n.Missing {
			return false
		}
	}
	return true
}

// squash makes extracted text comparable with catalog text: pdftotext
// breaks lines where the pamphlet did (and puts a newline, not a space,
// between CJK characters), and Arabic comes back as the presentation forms
// that were drawn, which NFKC folds to the letters of the catalog.
func squash(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\n', '\t', '\r', '\f', '\u00a0', '\u202f', '\u2009', '\u200e', '\u200f':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// comparable reduces text to what survives extraction in every script.
// For right-to-left languages that is letters, marks and digits only:
// extraction has to undo the bidi reordering, and where a neutral
// character (a comma after a number, a space before it) sits between an
// LTR run and RTL text, the drawn page cannot say on which side it was
// typed, so poppler may put "20:00," back as ",20:00". The order of every
// letter and digit must still come back exactly.
func comparable(lang, s string) string {
	s = squash(s)
	if !typeset.IsRTL(language.Make(lang)) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSampleBuildsEveryLanguageAndFloor(t *testing.T) {
	out := sampleBuild(t)
	p := openSample(t)
	for _, lang := range p.Languages() {
		for _, floor := range p.Museum.PartIDs() {
			if _, err := os.Stat(filepath.Join(out, lang, floor+".pdf")); err != nil {
				t.Errorf("no pamphlet for %s %s: %v", lang, floor, err)
			}
		}
	}
	for _, lang := range []string{"it", "en", "de", "fr", "es"} {
		if _, ok := p.Catalogs[lang]; !ok || !complete(p, lang) {
			t.Errorf("the sample must be complete in %s", lang)
		}
	}
}

// TestPanelTitlesInMuseumOrder reads every pamphlet back with an
// independent reader and finds every panel title of its floor, in the
// order of museum.toml, after the cover.
func TestPanelTitlesInMuseumOrder(t *testing.T) {
	out := sampleBuild(t)
	p := openSample(t)
	for _, lang := range p.Languages() {
		cat := p.Catalogs[lang]
		for _, floor := range p.Museum.Parts {
			t.Run(lang+"/"+floor.ID, func(t *testing.T) {
				pages := pdftest.PageTexts(t, filepath.Join(out, lang, floor.ID+".pdf"))
				if len(pages) < 3 {
					t.Fatalf("%d pages, want a cover, content and a back page", len(pages))
				}
				text := comparable(lang, strings.Join(pages[1:], "\n"))
				pos := 0
				for _, room := range floor.Rooms {
					for _, panel := range room.Panels {
						title := cat.Messages[panel.TitleText.ID].Text()
						i := strings.Index(text[pos:], comparable(lang, title))
						if i < 0 {
							t.Fatalf("panel title %q (%s) not found after position %d in museum order", title, panel.ID, pos)
						}
						pos += i + len(comparable(lang, title))
					}
				}
				back := comparable(lang, pages[len(pages)-1])
				for _, item := range p.Museum.Visitor.Items {
					if want := comparable(lang, cat.Messages[item.TextText.ID].Text()); !strings.Contains(back, want) {
						t.Errorf("back page lacks visitor information %s %q", item.TextText.ID, cat.Messages[item.TextText.ID].Text())
					}
				}
			})
		}
	}
}

// TestNoItalianInTranslations: a complete translation must not print any
// Italian panel text.
func TestNoItalianInTranslations(t *testing.T) {
	out := sampleBuild(t)
	p := openSample(t)
	src := p.Catalogs[p.Museum.Source]
	for _, lang := range p.Languages() {
		if lang == p.Museum.Source || !complete(p, lang) {
			continue
		}
		for _, floor := range p.Museum.Parts {
			t.Run(lang+"/"+floor.ID, func(t *testing.T) {
				text := squash(pdftest.Text(t, filepath.Join(out, lang, floor.ID+".pdf")))
				for _, room := range floor.Rooms {
					for _, panel := range room.Panels {
						body := []rune(squash(src.Messages[panel.BodyText.ID].Text()))
						probe := string(body[:40])
						if strings.Contains(text, probe) {
							t.Errorf("Italian body of %s leaks into the pamphlet: %q", panel.ID, probe)
						}
					}
				}
			})
		}
	}
}

func TestPDFProperties(t *testing.T) {
	out := sampleBuild(t)
	p := openSample(t)
	for _, lang := range p.Languages() {
		for _, floor := range p.Museum.PartIDs() {
			path := filepath.Join(out, lang, floor+".pdf")
			t.Run(lang+"/"+floor, func(t *testing.T) {
				pdftest.Validate(t, path)
				for i, size := range pdftest.PageSizes(t, path) {
					if math.Abs(size[0]-a5Width) > 0.5 || math.Abs(size[1]-a5Height) > 0.5 {
						t.Errorf("page %d is %.2f x %.2f pt, want A5 (%.2f x %.2f)", i+1, size[0], size[1], a5Width, a5Height)
					}
				}
				fonts := pdftest.Fonts(t, path)
				if len(fonts) == 0 {
					t.Fatal("no fonts")
				}
				for _, f := range fonts {
					if !f.Embedded || !f.Unicode {
						t.Errorf("font %s: embedded=%v, ToUnicode=%v; want both", f.Name, f.Embedded, f.Unicode)
					}
				}
				// Subsetting: a pamphlet embedding whole fonts would weigh
				// megabytes (the CJK face alone is 4.6 MB).
				if st, _ := os.Stat(path); st.Size() > 400<<10 {
					t.Errorf("%d KB: fonts are not subset", st.Size()>>10)
				}
				if got := pdftest.Lang(t, path); got != lang {
					t.Errorf("/Lang = %q, want %q", got, lang)
				}
				info := pdftest.Info(t, path)
				name := p.Catalogs[lang].Messages[p.Museum.Name].Text()
				if !strings.Contains(info["Title"], name) {
					t.Errorf("Title = %q, want it to name the museum (%q)", info["Title"], name)
				}
			})
		}
	}
}

func TestBuildsAreByteIdentical(t *testing.T) {
	first := sampleBuild(t)
	second := t.TempDir()
	mustRun(t, "build", "--out", second, "--jobs", "1")
	n := 0
	filepath.Walk(first, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(first, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(second, rel))
		if err != nil {
			t.Errorf("%s: missing from the second build", rel)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds of the same input", rel)
		}
		n++
		return nil
	})
	if n == 0 {
		t.Fatal("no PDFs compared")
	}
}

func TestSourceDateEpoch(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1717459200") // 2024-06-04
	mustRun(t, "build", "--out", dir, "--lang", "en", "--floor", "floor1")
	info := pdftest.Info(t, filepath.Join(dir, "en", "floor1.pdf"))
	if !strings.HasPrefix(info["CreationDate"], "2024-06-04T00:00:00") {
		t.Errorf("CreationDate = %q, want 4 June 2024 from SOURCE_DATE_EPOCH", info["CreationDate"])
	}
}

// TestTextStaysInsideTheMargins reads every word's box back from every
// pamphlet: nothing may stick out of the text column into the margins or
// off the page (clipped text), and no two lines may overlap.
func TestTextStaysInsideTheMargins(t *testing.T) {
	out := sampleBuild(t)
	p := openSample(t)
	l := p.Layout
	minSide := min(l.InnerPt(), l.OuterPt())
	for _, lang := range p.Languages() {
		for _, floor := range p.Museum.PartIDs() {
			path := filepath.Join(out, lang, floor+".pdf")
			words := pdftest.Words(t, path)
			if len(words) < 20 {
				t.Fatalf("%s %s: only %d words read", lang, floor, len(words))
			}
			for _, w := range words {
				if w.XMin < minSide-1 || w.XMax > l.PageWidthPt()-minSide+1+lineEndBlank(w) || w.YMin < l.TopPt()-12 || w.YMax > l.PageHeightPt()-l.BottomPt()/2+4 {
					t.Errorf("%s %s page %d: %q at x %.0f–%.0f, y %.0f–%.0f is outside the text area", lang, floor, w.Page, w.Text, w.XMin, w.XMax, w.YMin, w.YMax)
				}
			}
			// Lines: words that share a baseline band (within 1 pt: a
			// word set in a fallback font reaches a little lower or
			// higher); bands of one page must not overlap vertically by
			// more than a descender.
			type band struct{ top, bottom float64 }
			bands := map[int]map[float64]band{}
			for _, w := range words {
				if bands[w.Page] == nil {
					bands[w.Page] = map[float64]band{}
				}
				key := w.YMax
				for y := range bands[w.Page] {
					if math.Abs(y-w.YMax) < 1 {
						key = y
						break
					}
				}
				b, ok := bands[w.Page][key]
				if !ok {
					b = band{top: w.YMin, bottom: w.YMax}
				}
				b.top, b.bottom = min(b.top, w.YMin), max(b.bottom, w.YMax)
				bands[w.Page][key] = b
			}
			for page, bs := range bands {
				for y1, b1 := range bs {
					for y2, b2 := range bs {
						if y1 < y2 && b1.bottom-b2.top > 0.45*(b1.bottom-b1.top) && b2.bottom-b1.top > 0 {
							t.Errorf("%s %s page %d: lines at %.1f and %.1f overlap", lang, floor, page, y1, y2)
						}
					}
				}
			}
		}
	}
}

// TestLanguageTagsAreCaseInsensitive: BCP 47 tags are case-insensitive,
// so --lang zh-hans builds the zh-Hans pamphlet, under its canonical name.
func TestLanguageTagsAreCaseInsensitive(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "build", "--out", dir, "--lang", "zh-hans,EN", "--floor", "floor1")
	for _, p := range []string{"zh-Hans/floor1.pdf", "en/floor1.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestBuiltAloneEqualsBuiltInParallel builds single pamphlets alone and
// compares them byte for byte with the same files from the full parallel
// build. Every document gets its own copy of the shared font bytes
// (pdfdraw; see page.Font), because fpdf's subsetter writes into the bytes
// it is given: without the copy, a document's fonts depend on which
// documents were drawn before it, or beside it, from the same bytes.
// Korean floors 2 and 3 share NanumSquare; Japanese shares WenQuanYi with
// Chinese; Arabic and English share DejaVu Sans with most languages.
func TestBuiltAloneEqualsBuiltInParallel(t *testing.T) {
	all := sampleBuild(t)
	for _, c := range []struct{ lang, floor string }{
		{"ko", "floor2"}, {"ko", "floor3"}, {"ja", "floor1"}, {"ar", "floor1"}, {"en", "floor1"},
	} {
		alone := t.TempDir()
		mustRun(t, "build", "--lang", c.lang, "--floor", c.floor, "--out", alone)
		rel := filepath.Join(c.lang, c.floor+".pdf")
		a, err := os.ReadFile(filepath.Join(alone, rel))
		if err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(filepath.Join(all, rel)); err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s built alone (%d bytes) differs from the full parallel build's (%d bytes; %v)", rel, len(a), len(b), err)
		}
	}
}
