package status

import (
	"fmt"
	"strings"
	"testing"

	"pamphlet/i18n"
	"pamphlet/internal/museum"
)

const museumTOML = `
name = "museum.name"
[[floors]]
id = "f1"
  [[floors.rooms]]
  id = "f1.r"
  panels = ["f1.r.p"]
[[floors]]
id = "f2"
  [[floors.rooms]]
  id = "f2.r"
  panels = ["f2.r.p"]
`

func parse(t *testing.T, path, src string) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCounts: a fixture with known translated, stale, missing and
// identical messages, per floor and in total.
func TestCounts(t *testing.T) {
	m, err := museum.Parse([]byte(museumTOML))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"museum.name", "f1.title", "f1.intro", "f1.r.title", "f1.r.p.title", "f1.r.p.body", "f2.title", "f2.intro", "f2.r.title", "f2.r.p.title", "f2.r.p.body", "ui.note"}
	srcText := ""
	for _, id := range ids {
		srcText += fmt.Sprintf("[%q]\nother = \"IT %s\"\n", id, id)
	}
	src := parse(t, "locales/it.toml", srcText)
	h := func(id string) string { return i18n.SourceHash(src.Messages[id]) }
	de := parse(t, "locales/de.toml", fmt.Sprintf(`
["museum.name"]
hash = %q
other = "IT museum.name"
["f1.title"]
hash = %q
other = "DE"
["f1.intro"]
hash = "sha1-old"
other = "DE alt"
["f1.r.title"]
hash = %q
other = "DE"
["f2.title"]
other = "DE ohne hash"
["f2.r.p.title"]
hash = %q
other = "IT f2.r.p.title"
["ui.note"]
hash = %q
other = "DE"

[_meta.ignore."museum.name"]
rules = ["identical-to-source"]
reason = "a proper name"
`, h("museum.name"), h("f1.title"), h("f1.r.title"), h("f2.r.p.title"), h("ui.note")))
	rep := Compute("dir", m, map[string]*i18n.Catalog{"it": src, "de": de})
	if len(rep.Languages) != 1 || rep.Messages != 12 {
		t.Fatalf("report = %+v", rep)
	}
	l := rep.Languages[0]
	want := map[string]Counts{
		//            messages translated stale unverified missing identical complete
		"common": {2, 2, 0, 0, 0, 0, 100}, // museum.name (allowed identical), ui.note
		"f1":     {5, 2, 1, 0, 2, 0, 40},  // f1.title, f1.r.title | f1.intro | f1.r.p.*
		"f2":     {5, 0, 0, 1, 3, 1, 40},  // f2.title unverified (no hash), f2.r.p.title identical
		"all":    {12, 4, 1, 1, 5, 1, 50}, // 6/12
	}
	got := map[string]Counts{"all": l.Total}
	for _, g := range l.Groups {
		got[g.Group] = g.Counts
	}
	for g, w := range want {
		if got[g] != w {
			t.Errorf("%s: %+v, want %+v", g, got[g], w)
		}
	}
	if len(l.Todo) != 8 || l.Todo[0].ID != "f1.intro" || l.Todo[0].Status != "stale" || l.Todo[0].Line == 0 {
		t.Errorf("todo = %+v", l.Todo)
	}
}

func TestAtLeast(t *testing.T) {
	c := Counts{Messages: 10000, Translated: 9996}
	c.finish()
	if c.Complete != 99.9 || c.AtLeast(100) || !c.AtLeast(99.96) {
		t.Errorf("%+v: 99.96%% must not pass a 100%% threshold", c)
	}
}

// TestGroupOfPlan: a part's plan alt text counts in the part's group, as
// its plan page prints in the part's pamphlet only.
func TestGroupOfPlan(t *testing.T) {
	for _, c := range []struct{ toml, id string }{
		{"id = \"f2\"\nplan = \"plans/f2.png\"", "f2.plan_alt"},
		{"id = \"f2\"\nplan = \"plans/f2.png\"\nplan_alt = \"alt.second\"", "alt.second"},
	} {
		m, err := museum.Parse([]byte(strings.Replace(museumTOML, `id = "f2"`, c.toml, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if g := GroupOf(m)[c.id]; g != "f2" {
			t.Errorf("%s is in group %q, want f2", c.id, g)
		}
	}
}
