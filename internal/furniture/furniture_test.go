package furniture

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"pamphlet/i18n"
)

// languages are the languages the tool's words must ship in.
var languages = []string{
	"it", "en", "de", "fr", "es", "nl", "pt", "pl", "ru", "uk", "el", "he", "ar", "ja", "zh-Hans",
	"ko", "cs", "sk", "hu", "ro", "bg", "hr", "sr", "sl", "sv", "da", "nb", "fi", "et", "lv", "lt",
	"tr", "ca", "eu", "gl", "hi", "fa", "ur", "th", "vi", "id", "zh-Hant",
}

// sameAsEnglish are the texts rightly spelled as in English, keyed by
// "lang id", with the reason. Any other text equal to its English form is
// an untranslated copy.
var sameAsEnglish = map[string]string{
	"fr ui.part.section":    "French exhibitions are divided into sections: « Section 2 »",
	"fr ui.kind.section":    "French « Section », spelled as in English",
	"fr ui.page":            "French « Page 2 », spelled as in English",
	"fr ui.notes":           "French « Notes », spelled as in English",
	"ca ui.notes":           "Catalan « Notes » (plural of nota), spelled as in English",
	"nl ui.visitor.website": "Dutch leaflets print « Website », the Dutch word",
	"vi ui.visitor.email":   "Vietnamese leaflets print « Email »",
	"cs ui.panel_count":     "Czech singular « 1 panel », spelled as in English",
	"es ui.panel_count":     "Spanish singular « 1 panel », spelled as in English",
	"gl ui.panel_count":     "Galician singular « 1 panel », spelled as in English",
	"eu ui.panel_count":     "Basque « panel », the Basque word, is spelled as in English",
}

// scripts are the writing systems whose letters a language's texts may
// use; a language not listed writes in Latin letters. Letters of the
// Common script (the Japanese prolonged sound mark ー) are allowed too.
var scripts = map[string][]*unicode.RangeTable{
	"ru": {unicode.Cyrillic}, "uk": {unicode.Cyrillic}, "bg": {unicode.Cyrillic}, "sr": {unicode.Cyrillic},
	"el": {unicode.Greek},
	"he": {unicode.Hebrew},
	"ar": {unicode.Arabic}, "fa": {unicode.Arabic}, "ur": {unicode.Arabic},
	"hi":      {unicode.Devanagari},
	"th":      {unicode.Thai},
	"ja":      {unicode.Han, unicode.Hiragana, unicode.Katakana},
	"zh-Hans": {unicode.Han}, "zh-Hant": {unicode.Han},
	"ko": {unicode.Hangul, unicode.Han},
}

// fullWidth are the languages that use full-width punctuation: no ASCII
// punctuation may appear in their texts (outside placeholders).
var fullWidth = map[string]bool{"ja": true, "zh-Hans": true, "zh-Hant": true}

var placeholder = regexp.MustCompile(`\{\{[^{}]*\}\}`)

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	return p
}

func load(t *testing.T) map[string]*i18n.Catalog {
	t.Helper()
	cats, err := Catalogs()
	if err != nil {
		t.Fatal(err)
	}
	return cats
}

func TestEveryLanguageHasACatalog(t *testing.T) {
	cats := load(t)
	want := map[string]bool{}
	for _, lang := range languages {
		key := language.MustParse(lang).String()
		want[key] = true
		c, ok := cats[key]
		if !ok {
			t.Errorf("%s: no catalogs/%s.toml", lang, lang)
			continue
		}
		if c.Path != "furniture/"+lang+".toml" {
			t.Errorf("%s: path %q, want furniture/%s.toml", lang, c.Path, lang)
		}
	}
	for key := range cats {
		if !want[key] {
			t.Errorf("catalog %s is not one of the tool's languages", key)
		}
	}
	if _, ok := cats[SourceLang]; !ok {
		t.Errorf("no source catalog %s", SourceLang)
	}
}

func TestIDsAreTheSourceInOrder(t *testing.T) {
	en := load(t)[SourceLang]
	byLine := en.IDs()
	sort.SliceStable(byLine, func(i, j int) bool { return en.Messages[byLine[i]].Line < en.Messages[byLine[j]].Line })
	if !slices.Equal(byLine, IDs()) {
		t.Errorf("IDs() is not the messages of en.toml in file order:\nIDs() %v\nen    %v", IDs(), byLine)
	}
	for _, id := range IDs() {
		m := en.Messages[id]
		if m == nil {
			continue
		}
		if m.Description == "" {
			t.Errorf("en %s: no description", id)
		}
		for _, p := range placeholders(m.Text()) {
			if !strings.Contains(m.Description, p) {
				t.Errorf("en %s: description does not explain %s", id, p)
			}
		}
	}
}

// check lists what is wrong with one language's catalog against the
// source: the promises every catalog keeps.
func check(lang string, c, en *i18n.Catalog) []string {
	var probs []string
	bad := func(id, f string, args ...any) {
		probs = append(probs, fmt.Sprintf("%s %s: %s", lang, id, fmt.Sprintf(f, args...)))
	}
	tag := language.MustParse(lang)
	cats := i18n.PluralCategories(tag)
	for _, id := range c.IDs() {
		if en.Messages[id] == nil {
			bad(id, "not a message of en.toml")
		}
	}
	for _, id := range en.IDs() {
		src, m := en.Messages[id], c.Messages[id]
		if m == nil {
			bad(id, "missing")
			continue
		}
		if m.Hash != "" {
			bad(id, "has a hash field; the tool's catalogs have none")
		}
		if lang != SourceLang && m.Description != "" {
			bad(id, "has a description; only en.toml describes the messages")
		}
		want := []string{"other"}
		if src.IsPlural() {
			want = cats
		}
		got := slices.Sorted(maps.Keys(m.Forms))
		if w := slices.Sorted(slices.Values(want)); !slices.Equal(got, w) {
			bad(id, "forms %v, want %v", got, w)
		}
		for form, text := range m.Forms {
			if strings.TrimSpace(text) == "" {
				bad(id, "%s is empty", form)
				continue
			}
			if strings.TrimFunc(text, unicode.IsSpace) != text {
				bad(id, "%s has leading or trailing space: %q", form, text)
			}
			if strings.Contains(text, "  ") {
				bad(id, "%s has a double space: %q", form, text)
			}
			if got, want := placeholders(text), placeholders(src.Text()); !slices.Equal(got, want) {
				bad(id, "%s has placeholders %v, want %v: %q", form, got, want, text)
			}
			if lang != SourceLang {
				en := src.Forms[form]
				if en == "" {
					en = src.Text()
				}
				if text == en && sameAsEnglish[lang+" "+id] == "" {
					bad(id, "%s is the English text %q", form, text)
				}
			}
			bare := placeholder.ReplaceAllString(text, "")
			allowed := scripts[lang]
			if allowed == nil {
				allowed = []*unicode.RangeTable{unicode.Latin}
			}
			for _, r := range bare {
				if unicode.IsLetter(r) && !unicode.In(r, append(allowed, unicode.Common)...) {
					bad(id, "%s has %q, not in the script of %s: %q", form, r, lang, text)
					break
				}
			}
			if fullWidth[lang] && strings.ContainsAny(bare, ",.:;!?()") {
				bad(id, "%s has ASCII punctuation; use full-width: %q", form, text)
			}
		}
	}
	return probs
}

func TestCatalogsMatchTheSource(t *testing.T) {
	cats := load(t)
	en := cats[SourceLang]
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			c := cats[language.MustParse(lang).String()]
			if c == nil {
				t.Skip("no catalog")
			}
			for _, p := range check(lang, c, en) {
				t.Error(p)
			}
		})
	}
}

func TestSameAsEnglishIsUsed(t *testing.T) {
	cats := load(t)
	en := cats[SourceLang]
	for key, reason := range sameAsEnglish {
		lang, id, _ := strings.Cut(key, " ")
		c := cats[language.MustParse(lang).String()]
		if reason == "" || c == nil || c.Messages[id] == nil || en.Messages[id] == nil {
			t.Errorf("sameAsEnglish %q: no such message, or no reason", key)
			continue
		}
		same := false
		for form, text := range c.Messages[id].Forms {
			e := en.Messages[id].Forms[form]
			if e == "" {
				e = en.Messages[id].Text()
			}
			same = same || text == e
		}
		if !same {
			t.Errorf("sameAsEnglish %q: the text differs from English now; drop the entry", key)
		}
	}
}

var sampleCounts = []int{0, 1, 2, 3, 5, 11, 21, 101}

func TestEveryTextRenders(t *testing.T) {
	cats := load(t)
	en := cats[SourceLang]
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			c := cats[language.MustParse(lang).String()]
			if c == nil {
				t.Skip("no catalog")
			}
			bundle := goi18n.NewBundle(c.Lang)
			var msgs []*goi18n.Message
			for _, id := range c.IDs() {
				msgs = append(msgs, c.Messages[id].GoI18n())
			}
			if err := bundle.AddMessages(c.Lang, msgs...); err != nil {
				t.Fatal(err)
			}
			loc := goi18n.NewLocalizer(bundle, lang)
			for _, id := range c.IDs() {
				m := c.Messages[id]
				counts := []any{nil}
				// Plural or not as in the source: a Japanese plural
				// message has only "other", but is still given a count.
				if src := en.Messages[id]; src != nil && src.IsPlural() {
					counts = nil
					for _, n := range sampleCounts {
						counts = append(counts, n)
					}
				}
				for _, n := range counts {
					out, err := loc.Localize(&goi18n.LocalizeConfig{
						MessageID:    id,
						PluralCount:  n,
						TemplateData: map[string]any{"Count": n, "Number": "2"},
					})
					switch {
					case err != nil:
						t.Errorf("%s count %v: %v", id, n, err)
					case strings.Contains(out, "<no value>"):
						t.Errorf("%s count %v: %q", id, n, out)
					case n != nil && !strings.Contains(out, fmt.Sprint(n)):
						t.Errorf("%s count %v: %q does not show the count", id, n, out)
					case strings.Contains(m.Text(), "{{.Number}}") && !strings.Contains(out, "2"):
						t.Errorf("%s: %q does not show the number", id, out)
					}
				}
			}
		})
	}
}

// TestChecksCatchMistakes makes sure check is not blind: each mistake
// made to a good catalog is reported.
func TestChecksCatchMistakes(t *testing.T) {
	cats := load(t)
	en := cats[SourceLang]
	mistakes := []struct {
		name, lang string
		spoil      func(c *i18n.Catalog)
	}{
		{"form removed", "pl", func(c *i18n.Catalog) { delete(c.Messages["ui.room_count"].Forms, "few") }},
		{"form added", "ja", func(c *i18n.Catalog) { c.Messages["ui.room_count"].Forms["one"] = "展示室{{.Count}}室" }},
		{"form on a non-plural message", "de", func(c *i18n.Catalog) { c.Messages["ui.notes"].Forms["one"] = "Notiz" }},
		{"placeholder misspelled", "de", func(c *i18n.Catalog) { c.Messages["ui.part.floor"].Forms["other"] = "{{.Numer}}. Stock" }},
		{"count placeholder dropped", "ar", func(c *i18n.Catalog) { c.Messages["ui.stop_count"].Forms["two"] = "محطتان" }},
		{"message missing", "fr", func(c *i18n.Catalog) { delete(c.Messages, "ui.whole") }},
		{"message extra", "fr", func(c *i18n.Catalog) {
			c.Messages["ui.extra"] = &i18n.Message{ID: "ui.extra", Forms: map[string]string{"other": "Extra"}}
		}},
		{"empty", "it", func(c *i18n.Catalog) { c.Messages["ui.notes"].Forms["other"] = " " }},
		{"trailing space", "it", func(c *i18n.Catalog) { c.Messages["ui.notes"].Forms["other"] = "Note " }},
		{"double space", "it", func(c *i18n.Catalog) { c.Messages["ui.stale"].Forms["other"] = "Il testo  originale" }},
		{"copied English", "it", func(c *i18n.Catalog) { c.Messages["ui.whole"].Forms["other"] = "Complete guide" }},
		{"wrong script", "ru", func(c *i18n.Catalog) { c.Messages["ui.notes"].Forms["other"] = "Notes" }},
		{"ASCII punctuation", "ja", func(c *i18n.Catalog) { c.Messages["ui.untranslated"].Forms["other"] = "原文(未翻訳)" }},
		{"hash", "it", func(c *i18n.Catalog) { c.Messages["ui.notes"].Hash = "sha1-0" }},
	}
	for _, m := range mistakes {
		t.Run(m.name, func(t *testing.T) {
			// A fresh parse for each mistake, so none leaks into another.
			fresh := load(t)[language.MustParse(m.lang).String()]
			if probs := check(m.lang, fresh, en); len(probs) > 0 {
				t.Fatalf("the good catalog has problems already: %v", probs)
			}
			m.spoil(fresh)
			if probs := check(m.lang, fresh, en); len(probs) == 0 {
				t.Errorf("%s in %s not reported", m.name, m.lang)
			}
		})
	}
}

// TestWordsParseOnDemand: Shared gives, language by language, the same
// catalogs as Catalogs, nil for a language the tool has no words in, and
// nil from a nil Words.
func TestWordsParseOnDemand(t *testing.T) {
	all, err := Catalogs()
	if err != nil {
		t.Fatal(err)
	}
	w := Shared()
	for lang, want := range all {
		got := w.Catalog(lang)
		if got == nil || got.Path != want.Path || len(got.Messages) != len(want.Messages) {
			t.Errorf("%s: %v, want %s with %d messages", lang, got, want.Path, len(want.Messages))
		}
		if w.Catalog(lang) != got {
			t.Errorf("%s: parsed twice", lang)
		}
	}
	if len(w.paths) != len(all) {
		t.Errorf("%d languages indexed, %d catalogs", len(w.paths), len(all))
	}
	for _, lang := range []string{"tlh", "", "EN"} {
		if c := w.Catalog(lang); c != nil {
			t.Errorf("%q: %s", lang, c.Path)
		}
	}
	var none *Words
	if none.Catalog("en") != nil {
		t.Error("a nil Words has words")
	}
}
