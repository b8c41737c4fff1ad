package resolve

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"pamphlet/i18n"
	"pamphlet/internal/furniture"
	"pamphlet/internal/museum"
	"pamphlet/internal/policy"
)

const museumTOML = `
name = "museum.name"
subtitle = "museum.subtitle"
[visitor]
heading = "visitor.heading"
[[floors]]
id = "f1"
  [[floors.rooms]]
  id = "f1.r"
  panels = ["f1.r.p"]
`

var sourceText = map[string]string{
	"museum.name": "Museo", "museum.subtitle": "Guida", "visitor.heading": "Informazioni",
	"f1.title": "Primo piano", "f1.intro": "Introduzione.",
	"f1.r.title": "Ingresso", "f1.r.p.title": "Il palazzo", "f1.r.p.body": "Il palazzo di Via Tasso.",
	"ui.contents": "In questo piano", "ui.untranslated": "Testo originale italiano",
	"ui.stale": "Traduzione forse non aggiornata",
}

// fixture builds a museum with the source catalog and translations given
// as ID → text; a text starting with "STALE " is recorded with an old hash.
func fixture(t *testing.T, langs map[string]map[string]string) *Resolver {
	t.Helper()
	m, err := museum.Parse([]byte(museumTOML))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for id, text := range sourceText {
		fmt.Fprintf(&b, "[%q]\nother = %q\n", id, text)
	}
	b.WriteString("[\"ui.panel_count\"]\none = \"{{.Count}} pannello\"\nother = \"{{.Count}} pannelli\"\n")
	src, err := i18n.Parse("locales/it.toml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]*i18n.Catalog{"it": src}
	for lang, msgs := range langs {
		var b strings.Builder
		for id, text := range msgs {
			hash := i18n.SourceHash(src.Messages[id])
			if rest, ok := strings.CutPrefix(text, "STALE "); ok {
				text, hash = rest, "sha1-old"
			}
			fmt.Fprintf(&b, "[%q]\nhash = %q\n", id, hash)
			if id == "ui.panel_count" {
				fmt.Fprintf(&b, "one = %q\n", text)
			}
			fmt.Fprintf(&b, "other = %q\n", text)
		}
		c, err := i18n.Parse("locales/"+lang+".toml", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		cats[lang] = c
	}
	return &Resolver{Museum: m, Catalogs: cats, Furniture: furniture.Shared()}
}

// full is a complete translation, minus the IDs given.
func full(prefix string, except ...string) map[string]string {
	out := map[string]string{"ui.panel_count": prefix + " {{.Count}}"}
	for id := range sourceText {
		out[id] = prefix + " " + id
	}
	for _, id := range except {
		delete(out, id)
	}
	return out
}

func find(p *Pamphlet, id string) *Text {
	for _, t := range p.Texts() {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func TestMissingSourcePrintsItalianWithNoteInPamphletLanguage(t *testing.T) {
	r := fixture(t, map[string]map[string]string{"de": full("DE", "f1.r.p.body")})
	r.Policy = policy.Policy{Missing: "source", Stale: "use"}
	p, err := r.Pamphlet("de", "f1")
	if err != nil {
		t.Fatal(err)
	}
	body := find(p, "f1.r.p.body")
	if body.Value != "Il palazzo di Via Tasso." || body.Lang.String() != "it" || body.Status != i18n.Missing {
		t.Errorf("body = %+v, want the Italian", body)
	}
	if body.Note != "DE ui.untranslated" {
		t.Errorf("note = %q, want the German ui.untranslated", body.Note)
	}
	if title := find(p, "f1.r.p.title"); title.Value != "DE f1.r.p.title" || title.Note != "" {
		t.Errorf("a translated text was touched: %+v", title)
	}
}

func TestPivotChain(t *testing.T) {
	// de-CH lacks three messages: de has one, en another, and the third
	// only Italian has. de-CH also lacks the ui notes: German ones are used.
	r := fixture(t, map[string]map[string]string{
		"de-CH": full("CH", "f1.r.p.title", "f1.r.p.body", "f1.r.title", "ui.untranslated"),
		"de":    full("DE", "f1.r.p.body", "f1.r.title"),
		"en":    full("EN", "f1.r.title"),
	})
	r.Policy = policy.Policy{Missing: "pivot", Stale: "use", Pivot: "en"}
	p, err := r.Pamphlet("de-CH", "f1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, value, lang, note string }{
		{"f1.title", "CH f1.title", "de-CH", ""},
		{"f1.r.p.title", "DE f1.r.p.title", "de", ""},          // parent: no note
		{"f1.r.p.body", "EN f1.r.p.body", "en", "(Englisch)"},  // pivot, named in German
		{"f1.r.title", "Ingresso", "it", "DE ui.untranslated"}, // source, German note
	} {
		got := find(p, tc.id)
		if got.Value != tc.value || got.Lang.String() != tc.lang || got.Note != tc.note {
			t.Errorf("%s = %q (%s, note %q), want %q (%s, note %q)", tc.id, got.Value, got.Lang, got.Note, tc.value, tc.lang, tc.note)
		}
	}
	if got := r.fallbackChainFor(t, "de-CH"); got != "de en it" {
		t.Errorf("chain = %s", got)
	}
}

func (r *Resolver) fallbackChainFor(t *testing.T, lang string) string {
	rs := &run{r: r, tag: r.Catalogs[lang].Lang}
	return strings.Join(rs.fallbackChain(), " ")
}

func TestPivotSkipsStaleFallbacks(t *testing.T) {
	r := fixture(t, map[string]map[string]string{
		"de": full("DE", "f1.intro"),
		"en": func() map[string]string { m := full("EN"); m["f1.intro"] = "STALE EN old intro"; return m }(),
	})
	r.Policy = policy.Policy{Missing: "pivot", Stale: "use", Pivot: "en"}
	p, err := r.Pamphlet("de", "f1")
	if err != nil {
		t.Fatal(err)
	}
	if got := find(p, "f1.intro"); got.Lang.String() != "it" {
		t.Errorf("intro from %s (%q): a stale pivot must not stand in", got.Lang, got.Value)
	}
}

func TestStale(t *testing.T) {
	msgs := full("DE")
	msgs["f1.r.p.title"] = "STALE DE alter Titel"
	for _, tc := range []struct {
		stale, note string
		fail        bool
	}{
		{"use", "", false},
		{"mark", "DE ui.stale", false},
		{"fail", "", true},
	} {
		t.Run(tc.stale, func(t *testing.T) {
			r := fixture(t, map[string]map[string]string{"de": msgs})
			r.Policy = policy.Policy{Missing: "fail", Stale: policy.Stale(tc.stale)}
			p, err := r.Pamphlet("de", "f1")
			if tc.fail {
				var ue *UnresolvedError
				if !errors.As(err, &ue) || len(ue.Problems) != 1 || !strings.HasPrefix(ue.Problems[0], "f1.r.p.title: stale") {
					t.Fatalf("err = %v, want f1.r.p.title named stale", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := find(p, "f1.r.p.title")
			if got.Value != "DE alter Titel" || got.Status != i18n.Stale || got.Note != tc.note {
				t.Errorf("title = %+v, want the old translation with note %q", got, tc.note)
			}
		})
	}
}

func TestMissingFailListsEveryID(t *testing.T) {
	r := fixture(t, map[string]map[string]string{"de": full("DE", "f1.intro", "f1.r.p.body")})
	r.Policy = policy.Policy{Missing: "fail", Stale: "use"}
	_, err := r.Pamphlet("de", "f1")
	var ue *UnresolvedError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v", err)
	}
	got := strings.Join(ue.Problems, "; ")
	if got != "f1.intro: missing; f1.r.p.body: missing" || !strings.Contains(err.Error(), "locales/de.toml") {
		t.Errorf("problems = %s; error = %v", got, err)
	}
}

func TestNoCatalogIsAnErrorNotItalian(t *testing.T) {
	r := fixture(t, map[string]map[string]string{"de": full("DE")})
	r.Policy = policy.Policy{Missing: "source", Stale: "use"}
	if _, err := r.Pamphlet("fr", "f1"); err == nil || !strings.Contains(err.Error(), "no catalog for language \"fr\"") {
		t.Fatalf("err = %v", err)
	}
}
