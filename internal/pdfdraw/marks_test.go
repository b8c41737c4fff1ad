package pdfdraw

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"pamphlet"
	"pamphlet/internal/fonts"
	"pamphlet/internal/page"
	"pamphlet/internal/pdftest"
	"pamphlet/internal/typeset"
)

// markWords are the vocalised Arabic and pointed Hebrew sequences that
// once stopped the build: HarfBuzz shapes a letter with shadda and a
// vowel into a mark ligature that no code point names.
var markWords = []struct{ lang, text string }{
	{"ar", "\u0645\u062D\u0644\u064E\u0651"}, // lam + fatha + shadda
	{"ar", "محلّ"},                           // shadda alone
	{"ar", "لُّ لِّ لًّ"},                    // lam with damma, kasra, fathatan + shadda
	{"ar", "بَّ مَّ"},                        // beh and meem with fatha + shadda
	{"ar", "\u0645\u062D\u0644\u0651\u064E"}, // shadda typed first
	{"ar", "هَذَا الْأَمْرُ قَدْ نُفِّذَ"},   // a vocalised sentence
	{"he", "שָׁלוֹם בְּרֵאשִׁית"},            // niqqud: dagesh, shin dot, vowels
}

// TestMarksSetAndDraw: each sequence sets, draws into a PDF, and, where
// poppler is at hand, extracts as it was typed.
func TestMarksSetAndDraw(t *testing.T) {
	set, err := fonts.Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range markWords {
		for _, fam := range []string{"text", "strong"} {
			tag := language.MustParse(w.lang)
			chains := map[string][]*fonts.Face{}
			for _, f := range set.Families() {
				if chains[f], err = set.Chain(tag, f); err != nil {
					t.Fatal(err)
				}
			}
			lines, err := typeset.NewSetter(tag, chains).Lines(w.text, fam, 12, 300, typeset.AlignStart)
			if err != nil {
				t.Errorf("%s %q (%s): %v", w.lang, w.text, fam, err)
				continue
			}
			doc := &page.Document{Width: 400, Height: 100, Lang: w.lang, RTL: true, Pages: []page.Page{{}}}
			for i, l := range lines {
				glyphs := 0
				for j := range l.Runs {
					l.Runs[j].X += 50
					glyphs += len(l.Runs[j].Glyphs)
				}
				if glyphs == 0 {
					t.Errorf("%s %q: set without glyphs", w.lang, w.text)
				}
				doc.Pages[0].Lines = append(doc.Pages[0].Lines, page.Line{Runs: l.Runs, Y: 40 + 20*float64(i)})
			}
			var buf bytes.Buffer
			if err := Write(&buf, doc, Options{Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Errorf("%s %q (%s): %v", w.lang, w.text, fam, err)
				continue
			}
			path := filepath.Join(t.TempDir(), "m.pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			// Every code drawn maps to text (PDF/UA-1 7.21.7): a letter
			// and its marks are drawn with one code, which maps to them.
			var text string
			for _, sh := range pdftest.ShownStrings(t, path)[0] {
				text += sh.Text
				if len(sh.Unmapped) > 0 {
					t.Errorf("%s %q (%s): codes %U drawn with no ToUnicode entry", w.lang, w.text, fam, sh.Unmapped)
				}
			}
			// Drawn in visual order, a right-to-left line reads backwards,
			// each code's text too (see pdftag.ToUnicode).
			logical := []rune(strings.ReplaceAll(text, " ", ""))
			slices.Reverse(logical)
			if want := strings.ReplaceAll(w.text, " ", ""); string(logical) != want {
				t.Errorf("%s %q (%s): the codes drawn map to %q", w.lang, w.text, fam, string(logical))
			}
			if _, err := exec.LookPath("pdftotext"); err != nil {
				continue
			}
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Map(func(r rune) rune {
				if r == 0x202B || r == 0x202C || r == 0x202A || r == '\f' { // poppler's embedding marks
					return -1
				}
				return r
			}, strings.TrimSpace(string(out)))
			if got != w.text {
				t.Errorf("%s %q (%s): extracted as %q", w.lang, w.text, fam, got)
			}
		}
	}
}

// ezraSIL is SIL's Ezra, a Hebrew face with cantillation marks and the
// GPOS data that stacks them (Debian's fonts-sil-ezra; the bundled
// DejaVu Sans has no cantillation).
const ezraSIL = "/usr/share/fonts/truetype/ezra/SILEOT.ttf"

// TestCantillation: a verse with vowels and cantillation marks, in a
// museum's own face that has them, draws every cluster with one code that
// maps to its letters and marks, and extracts as it was typed.
func TestCantillation(t *testing.T) {
	data, err := os.ReadFile(ezraSIL)
	if err != nil {
		if pdftest.InCI() {
			t.Fatalf("%v: CI must install fonts-sil-ezra (see .ci/run)", err)
		}
		t.Skipf("needs Debian's fonts-sil-ezra: %v", err)
	}
	fsys := fstest.MapFS{
		"fonts/fonts.toml": {Data: []byte("[faces]\nezra = { file = \"SILEOT.ttf\" }\n[families.default]\ntext = [\"ezra\"]\n")},
		"fonts/SILEOT.ttf": {Data: data},
	}
	set, err := fonts.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tag := language.Hebrew
	chain, err := set.Chain(tag, "text")
	if err != nil {
		t.Fatal(err)
	}
	// Genesis 1:1, its first three words: tipcha, munach, etnachta.
	verse := "בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים"
	lines, err := typeset.NewSetter(tag, map[string][]*fonts.Face{"text": chain}).Lines(verse, "text", 18, 300, typeset.AlignStart)
	if err != nil {
		t.Fatal(err)
	}
	doc := &page.Document{Width: 400, Height: 100, Lang: "he", RTL: true, Pages: []page.Page{{}}}
	glyphs, moved := 0, 0
	for _, l := range lines {
		for j := range l.Runs {
			l.Runs[j].X += 50
			for _, g := range l.Runs[j].Glyphs {
				glyphs++
				if g.X != 0 || g.Y != 0 {
					moved++
				}
			}
		}
		doc.Pages[0].Lines = append(doc.Pages[0].Lines, page.Line{Runs: l.Runs, Y: 50})
	}
	if moved == 0 {
		t.Fatalf("no mark was moved by GPOS in %d glyphs: the face does not position its marks", glyphs)
	}
	var buf bytes.Buffer
	if err := Write(&buf, doc, Options{Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "verse.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	codes := 0
	for _, sh := range pdftest.ShownStrings(t, path)[0] {
		codes += len([]rune(sh.Codes))
		if len(sh.Unmapped) > 0 {
			t.Errorf("codes %U drawn with no ToUnicode entry", sh.Unmapped)
		}
	}
	if letters := len([]rune(strings.Map(func(r rune) rune {
		if unicode.IsMark(r) {
			return -1
		}
		return r
	}, verse))); codes != letters {
		t.Errorf("%d codes drawn for %d letters and spaces (%d glyphs)", codes, letters, glyphs)
	}
	if !pdftest.Have(t, "pdftotext") {
		return
	}
	got := strings.Map(func(r rune) rune {
		if r == 0x202B || r == 0x202C || r == 0x202A || r == '\f' {
			return -1
		}
		return r
	}, strings.TrimSpace(pdftest.Text(t, path)))
	if got != verse {
		t.Errorf("extracted as %q, want %q", got, verse)
	}
}
