package pdftest

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"pamphlet/internal/build"
	"pamphlet/internal/policy"
	"pamphlet/internal/project"
)

// samples builds floor 1 in English, Japanese (two faces sharing one font
// file) and Hebrew (right to left), with the booklet of the English one.
func samples(t *testing.T) (dir string, ltr, rtl []string) {
	t.Helper()
	p, err := project.Open("")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	opt := build.Options{Langs: []string{"en", "ja", "he"}, Floors: []string{"floor1"}, Out: dir,
		Policy: policy.Default, Date: build.DefaultDate, Booklet: true}
	if _, err := build.Build(p, opt); err != nil {
		t.Fatal(err)
	}
	f := func(rel string) string { return filepath.Join(dir, rel) }
	return dir, []string{f("en/floor1.pdf"), f("en/floor1-booklet.pdf"), f("ja/floor1.pdf")}, []string{f("he/floor1.pdf")}
}

// hideTools takes every command-line tool out of PATH for the rest of
// the test, outside CI, as on a machine with Go alone.
func hideTools(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CI", "")
}

// squash drops whitespace: pdftotext and the decoded strings break lines
// and separate runs differently.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func sortedRunes(pages []string) []string {
	var out []string
	for _, p := range pages {
		r := []rune(p)
		slices.Sort(r)
		out = append(out, string(r))
	}
	return out
}

// TestFallbacksAgreeWithPoppler reads the same PDFs with poppler and,
// with the tools hidden, through the pure-Go fallbacks: page sizes,
// title and dates, fonts, and (left-to-right documents) the text of every
// page must come out the same, so that a run without poppler checks what
// a run with it checks.
func TestFallbacksAgreeWithPoppler(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "pdffonts", "pdftotext"} {
		RequireTool(t, tool, "the fallbacks are compared with it")
	}
	_, ltr, rtl := samples(t)
	all := append(slices.Clone(ltr), rtl...)
	type reading struct {
		sizes [][2]float64
		info  map[string]string
		fonts []Font
		texts []string
	}
	read := func(path string, text bool) reading {
		r := reading{sizes: PageSizes(t, path), info: Info(t, path), fonts: Fonts(t, path)}
		slices.SortFunc(r.fonts, func(a, b Font) int { return strings.Compare(a.Name, b.Name) })
		if text {
			for _, p := range PageTexts(t, path) {
				r.texts = append(r.texts, squash(p))
			}
		}
		return r
	}
	poppler := map[string]reading{}
	for _, path := range all {
		poppler[path] = read(path, slices.Contains(ltr, path))
	}
	hideTools(t)
	for _, path := range all {
		want, got := poppler[path], read(path, slices.Contains(ltr, path))
		name, _ := filepath.Rel(filepath.Dir(filepath.Dir(path)), path)
		if len(got.sizes) != len(want.sizes) {
			t.Errorf("%s: pdfcpu reads %d pages, pdfinfo %d", name, len(got.sizes), len(want.sizes))
		}
		for i := range min(len(got.sizes), len(want.sizes)) {
			if math.Abs(got.sizes[i][0]-want.sizes[i][0]) > 0.01 || math.Abs(got.sizes[i][1]-want.sizes[i][1]) > 0.01 {
				t.Errorf("%s page %d: pdfcpu reads %v pt, pdfinfo %v", name, i+1, got.sizes[i], want.sizes[i])
			}
		}
		for _, k := range []string{"Title", "Subject", "Creator", "Producer", "CreationDate", "ModDate"} {
			if got.info[k] != want.info[k] || want.info[k] == "" {
				t.Errorf("%s: %s is %q through pdfcpu, %q through pdfinfo", name, k, got.info[k], want.info[k])
			}
		}
		if !slices.Equal(got.fonts, want.fonts) || len(want.fonts) == 0 {
			t.Errorf("%s: fonts through pdfcpu\n%v\nthrough pdffonts\n%v", name, got.fonts, want.fonts)
		}
		// pdftotext reads a booklet's two pages across, a contents
		// page's right-aligned page numbers as a column of their own,
		// and keeps or drops a hyphen at a line's end by its own
		// judgement: page by page, the same characters must come back,
		// hyphens aside.
		got.texts, want.texts = sortedRunes(noHyphens(got.texts)), sortedRunes(noHyphens(want.texts))
		if !slices.Equal(got.texts, want.texts) {
			t.Errorf("%s: decoded text\n%q\npdftotext\n%q", name, got.texts, want.texts)
		}
	}
}

// TestDecodedTextRefusesRightToLeft: without pdftotext, a document with
// Hebrew text is skipped, never read in visual order; a left-to-right one
// is read.
func TestDecodedTextRefusesRightToLeft(t *testing.T) {
	_, ltr, rtl := samples(t)
	hideTools(t)
	for _, c := range []struct {
		path     string
		skipped  bool
		contains string
	}{{ltr[0], false, "Historical"}, {rtl[0], true, ""}} {
		var skipped bool
		var texts []string
		t.Run(filepath.Base(filepath.Dir(c.path)), func(t *testing.T) {
			defer func() { skipped = t.Skipped() }()
			texts = PageTexts(t, c.path)
		})
		if skipped != c.skipped {
			t.Errorf("%s: skipped = %v, want %v", c.path, skipped, c.skipped)
		}
		if !strings.Contains(strings.Join(texts, " "), c.contains) {
			t.Errorf("%s: decoded text lacks %q", c.path, c.contains)
		}
	}
}

func noHyphens(pages []string) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = strings.NewReplacer("-", "", "\u00ad", "", "\u2010", "").Replace(p)
	}
	return out
}
