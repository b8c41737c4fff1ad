package pdfdraw

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"pamphlet"
	"pamphlet/internal/fonts"
	"pamphlet/internal/page"
	"pamphlet/internal/pdftest"
	"pamphlet/internal/typeset"
)

// setDoc sets each text on a line of its own, in lang and family, and
// writes the one-page document to a file, returning its path.
func setDoc(t *testing.T, lang, family string, texts ...string) string {
	t.Helper()
	set, err := fonts.Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	tag := language.MustParse(lang)
	chains := map[string][]*fonts.Face{}
	for _, f := range set.Families() {
		if chains[f], err = set.Chain(tag, f); err != nil {
			t.Fatal(err)
		}
	}
	s := typeset.NewSetter(tag, chains)
	doc := &page.Document{Width: 400, Height: 40 + 20*float64(len(texts)), Lang: lang, Pages: []page.Page{{}}}
	for i, text := range texts {
		lines, err := s.Lines(text, family, 12, 300, typeset.AlignStart)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) != 1 {
			t.Fatalf("%q set on %d lines", text, len(lines))
		}
		for j := range lines[0].Runs {
			lines[0].Runs[j].X += 50
		}
		doc.Pages[0].Lines = append(doc.Pages[0].Lines, page.Line{Runs: lines[0].Runs, Y: 30 + 20*float64(i)})
	}
	var buf bytes.Buffer
	if err := Write(&buf, doc, Options{Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), lang+"-"+family+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLigaturesDrawnAndExtracted: fi and fl are drawn as one glyph each
// where the face has a ligature for them (and the language allows it),
// and text extraction gives back the letters typed, in order. The
// document is read back with pdfcpu (the codes shown, each font's
// ToUnicode map) and with poppler's pdftotext.
func TestLigaturesDrawnAndExtracted(t *testing.T) {
	cases := []struct {
		lang, family, text string
		ligs               []string // the pairs drawn as one glyph
	}{
		{"en", "text", "office flat Kaffee", []string{"fi", "fl"}},
		{"en", "strong", "office flat Kaffee", []string{"fi", "fl"}},
		{"de", "text", "Auflage, Schiff", []string{"fl"}}, // ff is no ligature here
		{"it", "text", "filo di fiume", []string{"fi"}},
		{"tr", "strong", "ofis flüt", []string{"fl"}}, // no fi: dotless ı
		{"en", "text", "off\u200Cice", nil},           // a non-joiner keeps them apart
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.family+"/"+c.text, func(t *testing.T) {
			path := setDoc(t, c.lang, c.family, c.text)
			var codes, text string
			for _, sh := range pdftest.ShownStrings(t, path)[0] {
				codes += sh.Codes
				text += sh.Text
			}
			want := strings.ReplaceAll(c.text, "\u200C", "")
			if text != want {
				t.Errorf("shown text reads %q through ToUnicode, want %q", text, want)
			}
			for _, pair := range []string{"fi", "fl"} {
				if !strings.Contains(want, pair) {
					continue
				}
				drawnApart := strings.Contains(codes, pair)
				if slices.Contains(c.ligs, pair) == drawnApart {
					t.Errorf("%s drawn as two codes: %v, want %v (codes %q)", pair, drawnApart, !slices.Contains(c.ligs, pair), codes)
				}
			}
			wantCodes := len([]rune(want)) // a code a letter, one a ligature
			for _, pair := range c.ligs {
				wantCodes -= strings.Count(want, pair)
			}
			if got := len([]rune(codes)); got != wantCodes {
				t.Errorf("%d codes drawn, want %d: %q", got, wantCodes, codes)
			}
			if !pdftest.Have(t, "pdftotext") {
				return
			}
			if got := strings.TrimSpace(pdftest.Text(t, path)); got != want {
				t.Errorf("pdftotext: %q, want %q", got, want)
			}
		})
	}
}

// TestLigaturesInRightToLeftLines: a Latin word with a ligature inside a
// Hebrew or Arabic line, which is drawn in visual order, still extracts
// with its ligature's letters in reading order ("office", never
// "oifce").
func TestLigaturesInRightToLeftLines(t *testing.T) {
	pdftest.RequireTool(t, "pdftotext", "right-to-left lines are read in reading order only by a reader that reorders them")
	for _, c := range []struct{ lang, text string }{
		{"he", "המשרד office של flat הגדול"},
		{"ar", "مكتب office في flat"},
	} {
		path := setDoc(t, c.lang, "text", c.text)
		var codes string
		for _, sh := range pdftest.ShownStrings(t, path)[0] {
			codes += sh.Codes
		}
		if strings.Contains(codes, "fi") || strings.Contains(codes, "fl") {
			t.Errorf("%s: fi or fl drawn as two codes: %q", c.lang, codes)
		}
		words := strings.Fields(strings.Map(func(r rune) rune {
			if r >= 0x202A && r <= 0x202E { // poppler's embedding marks
				return ' '
			}
			return r
		}, pdftest.Text(t, path)))
		for _, w := range []string{"office", "flat"} {
			if !slices.Contains(words, w) {
				t.Errorf("%s: pdftotext gives %q, without %q", c.lang, words, w)
			}
		}
	}
}
