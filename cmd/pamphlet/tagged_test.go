package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"

	"pamphlet/internal/museum"
	"pamphlet/internal/pdftest"
	"pamphlet/internal/typeset"
)

const pdfuaNS = "http://www.aiim.org/pdfua/ns/id/"

// checkTagged asserts the machine-checkable rules of PDF/UA-1 that the
// pamphlets must meet, reading the file with pdfcpu (ReadTagged checks
// the tree against the pages: every MCID in the tree and in the parent
// tree, /StructParents everywhere, no untagged content), and returns
// the file's tree.
func checkTagged(t *testing.T, path, lang string, floor *museum.Part) *pdftest.Tagged {
	t.Helper()
	tg := pdftest.ReadTagged(t, path)
	if !tg.Marked {
		t.Error("no /MarkInfo <</Marked true>>")
	}
	if !tg.DisplayDocTitle {
		t.Error("no /ViewerPreferences <</DisplayDocTitle true>>")
	}
	rtl := typeset.IsRTL(language.Make(lang))
	if want := map[bool]string{true: "R2L"}[rtl]; tg.Direction != want {
		t.Errorf("/Direction %q, want %q", tg.Direction, want)
	}
	if got := pdftest.XMPProperty(t, tg.XMP, pdfuaNS, "part"); got != "1" {
		t.Errorf("XMP pdfuaid:part = %q, want 1", got)
	}
	if got, want := pdftest.XMPProperty(t, tg.XMP, "http://purl.org/dc/elements/1.1/", "title"), pdftest.Info(t, path)["Title"]; got != want {
		t.Errorf("XMP dc:title %q, Info /Title %q", got, want)
	}
	if tg.Root == nil {
		t.Fatal("no structure tree")
	}
	if tg.Root.Role != "Document" {
		t.Errorf("root element %s, want Document", tg.Root.Role)
	}
	count := map[string]int{}
	tg.Root.Walk(func(e *pdftest.Elem) {
		count[e.Role]++
		switch e.Role {
		case "Document", "L", "LI":
			if len(e.Kids) == 0 {
				t.Errorf("an empty %s", e.Role)
			}
		default:
			if len(e.Marks) == 0 {
				t.Errorf("a %s with no content", e.Role)
			}
		}
		for _, k := range e.Kids {
			if e.Role == "L" && k.Role != "LI" || e.Role == "LI" && k.Role != "Lbl" && k.Role != "LBody" {
				t.Errorf("%s inside %s", k.Role, e.Role)
			}
		}
	})
	panels := 0
	for _, r := range floor.Rooms {
		panels += len(r.Panels)
	}
	// The pages that fill a booklet's sheets (contents, notes,
	// colophon, in the layout's order) each add an H2; the contents
	// page adds a list of the rooms and panels.
	fills := count["H2"] - (2 + len(floor.Rooms))
	if fills < 0 || fills > 3 {
		t.Errorf("%d H2 elements for %d rooms: want the cover's two, the rooms' and up to three fill pages'", count["H2"], len(floor.Rooms))
	}
	contents := 0
	if fills > 0 {
		contents = 1
	}
	want := map[string]int{
		"Document": 1, "H1": 2, "H2": 2 + len(floor.Rooms) + fills, "H3": panels,
		"L": 2 + contents, "LI": len(floor.Rooms) + len(museumOf(t).Visitor.Items) + contents*(len(floor.Rooms)+panels), "Lbl": len(museumOf(t).Visitor.Items),
	}
	for role, n := range want {
		if count[role] != n {
			t.Errorf("%d %s element(s), want %d", count[role], role, n)
		}
	}
	if count["P"] < panels {
		t.Errorf("%d P elements for %d panels", count["P"], panels)
	}
	// PDF/UA-1 7.21.7: every code drawn maps to Unicode (a letter with
	// its marks is drawn with one code).
	for i, pg := range pdftest.ShownStrings(t, path) {
		for _, sh := range pg {
			if len(sh.Unmapped) > 0 {
				t.Errorf("page %d, font %s: codes %U drawn with no ToUnicode entry", i+1, sh.Font, sh.Unmapped)
			}
		}
	}
	return tg
}

var sampleMuseum *museum.Museum

func museumOf(t *testing.T) *museum.Museum {
	if sampleMuseum == nil {
		sampleMuseum = openSample(t).Museum
	}
	return sampleMuseum
}

// TestTaggedPDF: every pamphlet of the sample is a tagged PDF whose tree
// holds all its content in reading order, with an outline of its rooms;
// poppler reads it as tagged.
func TestTaggedPDF(t *testing.T) {
	out := sampleBuild(t)
	p := openSample(t)
	for _, lang := range p.Languages() {
		cat := p.Catalogs[lang]
		for i := range p.Museum.Parts {
			floor := &p.Museum.Parts[i]
			t.Run(lang+"/"+floor.ID, func(t *testing.T) {
				path := filepath.Join(out, lang, floor.ID+".pdf")
				tg := checkTagged(t, path, lang, floor)
				var rooms []string
				for _, r := range floor.Rooms {
					rooms = append(rooms, cat.Messages[r.TitleText.ID].Text())
				}
				var titles []string
				last := 1
				for _, it := range tg.Outline {
					titles = append(titles, it.Title)
					if it.Level != 0 || it.Page < last {
						t.Errorf("bookmark %q: level %d, page %d (after page %d)", it.Title, it.Level, it.Page+1, last+1)
					}
					last = it.Page
				}
				if !slices.Equal(titles, rooms) {
					t.Errorf("outline %q, want the rooms %q", titles, rooms)
				}
				if pdftest.Have(t, "pdfinfo") {
					if info := pdftest.Info(t, path); info["Tagged"] != "yes" {
						t.Errorf("pdfinfo: Tagged: %q", info["Tagged"])
					}
				}
			})
		}
	}
}

// TestStructureInReadingOrder: poppler's reading of the tree gives the
// panel titles in museum order, and an imposed booklet gives the same
// tree with the same text as the pamphlet, whatever order its sheets put
// the pages in; a trifold's tree starts with its cover, on the outside,
// goes through the rooms, inside, and ends with the visitor information,
// outside again.
func TestStructureInReadingOrder(t *testing.T) {
	pdftest.RequireTool(t, "pdfinfo", "the structure tree's text")
	out := sampleBuild(t)
	p := openSample(t)
	inOrder := func(path, lang string, floor *museum.Part) {
		t.Helper()
		text := squash(pdftest.StructText(t, path))
		pos := 0
		for _, room := range floor.Rooms {
			for _, panel := range room.Panels {
				title := squash(p.Catalogs[lang].Messages[panel.TitleText.ID].Text())
				j := strings.Index(text[pos:], title)
				if j < 0 {
					t.Fatalf("%s: panel title %q not in the structure tree after position %d", path, title, pos)
				}
				pos += j + len(title)
			}
		}
	}
	imposed := t.TempDir()
	mustRun(t, "build", "--booklet", "--lang", "en,ar,ja", "--out", imposed)
	for _, lang := range []string{"en", "ar", "ja"} {
		for i := range p.Museum.Parts {
			floor := &p.Museum.Parts[i]
			plain := filepath.Join(out, lang, floor.ID+".pdf")
			if !typeset.IsRTL(language.Make(lang)) {
				inOrder(plain, lang, floor)
			}
			booklet := filepath.Join(imposed, lang, floor.ID+"-booklet.pdf")
			checkTagged(t, booklet, lang, floor)
			if got, want := pdftest.StructText(t, booklet), pdftest.StructText(t, plain); got != want {
				t.Errorf("%s: the structure tree differs from the pamphlet's:\n%s\nwant\n%s", booklet, got, want)
			}
		}
	}

	tri := t.TempDir()
	mustRun(t, "build", "--layout", "trifold", "--lang", "fr,he", "--floor", "floor2", "--out", tri)
	floor := &p.Museum.Parts[slices.IndexFunc(p.Museum.Parts, func(f museum.Part) bool { return f.ID == "floor2" })]
	for _, lang := range []string{"fr", "he"} {
		path := filepath.Join(tri, lang, "floor2-trifold.pdf")
		tg := checkTagged(t, path, lang, floor)
		if lang == "fr" {
			inOrder(path, lang, floor)
		}
		var heads []*pdftest.Elem
		for _, k := range tg.Root.Kids {
			if strings.HasPrefix(k.Role, "H") {
				heads = append(heads, k)
			}
		}
		sheet := func(e *pdftest.Elem) int { return e.Marks[0].Page }
		if len(heads) < 4 || heads[0].Role != "H1" || sheet(heads[0]) != 0 || sheet(heads[len(heads)-1]) != 0 || sheet(heads[3]) != 1 {
			t.Errorf("%s: headings out of reading order", path)
		}
	}
}

// plain reduces text to what extraction must give back exactly, with no
// Unicode folding: whitespace and hyphens (line breaks add them) go, and
// in right-to-left text only letters, marks and digits count (see
// comparable).
func plain(lang, s string) string {
	rtl := typeset.IsRTL(language.Make(lang))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u00ad' || r == '\u200e' || r == '\u200f' || r == '\u202f':
		case rtl && !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// withoutFolios joins pages' texts without their page numbers, which
// would otherwise sit inside a paragraph that runs over a page.
func withoutFolios(pages []string) string {
	var b strings.Builder
	for _, pg := range pages {
		lines := strings.Split(strings.TrimRightFunc(pg, unicode.IsSpace), "\n")
		// pdftotext wraps right-to-left lines in bidi embeddings.
		last := strings.TrimFunc(lines[len(lines)-1], func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Bidi_Control, r) })
		if last != "" && strings.Trim(last, "0123456789") == "" {
			lines = lines[:len(lines)-1]
		}
		b.WriteString(strings.Join(lines, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

// TestExtractedTextIsTheCatalogs: pdftotext gives back every panel's
// title and text as the catalog has them, with no normalization: Arabic
// comes back as its letters, not the presentation forms the joined
// glyphs are drawn with, so a search for a word typed on a keyboard
// finds it.
func TestExtractedTextIsTheCatalogs(t *testing.T) {
	pdftest.RequireTool(t, "pdftotext", "the text of right-to-left pamphlets")
	out := sampleBuild(t)
	p := openSample(t)
	for _, lang := range []string{"he", "ar", "ja", "zh-Hans", "ko", "el", "ru"} {
		cat := p.Catalogs[lang]
		for _, floor := range p.Museum.Parts {
			t.Run(lang+"/"+floor.ID, func(t *testing.T) {
				raw := withoutFolios(pdftest.PageTexts(t, filepath.Join(out, lang, floor.ID+".pdf")))
				text := plain(lang, raw)
				for _, room := range floor.Rooms {
					for _, panel := range room.Panels {
						for _, id := range []string{panel.TitleText.ID, panel.BodyText.ID} {
							m := cat.Messages[id]
							if m == nil {
								continue
							}
							if want := plain(lang, m.Text()); !strings.Contains(text, want) {
								t.Errorf("%s not extracted as the catalog has it: %q", id, m.Text())
							}
						}
					}
				}
				for _, r := range raw {
					if r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
						t.Fatalf("extracted text holds presentation form %U", r)
					}
				}
			})
		}
	}
	// The street's name, typed, is found wherever the catalog has it.
	street := "شارع"
	for _, floor := range p.Museum.Parts {
		raw := pdftest.Text(t, filepath.Join(out, "ar", floor.ID+".pdf"))
		var want int
		for _, room := range floor.Rooms {
			for _, panel := range room.Panels {
				for _, id := range []string{panel.TitleText.ID, panel.BodyText.ID} {
					if m := p.Catalogs["ar"].Messages[id]; m != nil {
						want += strings.Count(m.Text(), street)
					}
				}
			}
		}
		if got := strings.Count(raw, street); got < want || want == 0 && floor.ID == "floor1" {
			t.Errorf("ar %s: «%s» found %d times, the panels have it %d times", floor.ID, street, got, want)
		}
	}
}

// TestOtherLanguageIsMarked: a text printed in the source language
// because its translation is missing gets the source's /Lang on its
// element, so that a screen reader reads it with an Italian voice; its
// note, in the pamphlet's language, does not. The plaque keys (each
// panel's original title, under its translated one) are Italian too.
func TestOtherLanguageIsMarked(t *testing.T) {
	museumDir := copySample(t)
	edit(t, filepath.Join(museumDir, "locales", "en.toml"), "\n[\"floor1.cell2.calendar.title\"]\n", "\n[\"unused.calendar.title\"]\n")
	out := t.TempDir()
	mustRun(t, "build", "--museum", museumDir, "--lang", "en", "--floor", "floor1", "--missing", "source", "--out", out)
	tg := pdftest.ReadTagged(t, filepath.Join(out, "en", "floor1.pdf"))
	var langs []string
	var after []string // the roles after the Italian heading
	seen := false
	tg.Root.Walk(func(e *pdftest.Elem) {
		if seen && len(after) < 2 {
			after = append(after, e.Role+"/"+e.Lang)
		}
		if e.Lang != "" {
			langs = append(langs, e.Role+"/"+e.Lang)
			if e.Role == "H3" {
				seen = true
			}
		}
	})
	var headings []string
	for _, l := range langs {
		if !strings.HasPrefix(l, "P/") && !strings.HasPrefix(l, "LBody/") {
			headings = append(headings, l)
		}
		if !strings.HasSuffix(l, "/it") {
			t.Errorf("an element in %s, want only Italian ones", l)
		}
	}
	if !slices.Equal(headings, []string{"H3/it"}) {
		t.Errorf("headings in another language: %v, want the Italian panel title (H3/it)", headings)
	}
	if len(after) == 0 || after[0] != "P/" {
		t.Errorf("after the Italian title: %v, want its note as a P in English", after)
	}
}
