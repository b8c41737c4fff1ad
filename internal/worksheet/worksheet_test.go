package worksheet

import (
	"strings"
	"testing"

	"pamphlet/i18n"
	"pamphlet/internal/museum"
)

func cat(t *testing.T, path, text string) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Parse(path, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMakeEncodeParse(t *testing.T) {
	m, err := museum.Parse([]byte("name = \"museum.name\"\n[[floors]]\nid = \"f1\"\n  [[floors.rooms]]\n  id = \"f1.r\"\n  panels = [\"f1.r.p\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	oldSrc := cat(t, "locales/it.toml", "[\"f1.r.p.title\"]\nother = \"Il palazzo di Via Tasso\"\n")
	src := cat(t, "locales/it.toml", `["museum.name"]
other = "Museo"
["f1.r.title"]
other = "Ingresso"
["f1.r.p.title"]
description = "Panel title."
other = "Il palazzo di via Tasso"
["f1.r.p.body"]
other = "Testo con \"virgolette\"."
["ui.count"]
one = "{{.Count}} pannello"
other = "{{.Count}} pannelli"
`)
	h := i18n.NewHistory()
	h.Add(oldSrc)
	oldHash := i18n.SourceHash(oldSrc.Messages["f1.r.p.title"])
	pl := cat(t, "locales/pl.toml", `["museum.name"]
hash = "`+i18n.SourceHash(src.Messages["museum.name"])+`"
other = "Muzeum"
["f1.r.p.title"]
hash = "`+oldHash+`"
other = "Budynek przy Via Tasso"
["f1.r.p.body"]
hash = "sha1-0000000000000000000000000000000000000000"
other = "Bez hasha"
`)
	sheet := Make(Input{Museum: m, Catalogs: map[string]*i18n.Catalog{"it": src, "pl": pl}, Lang: "pl", History: h})
	var ids []string
	for _, e := range sheet.Entries {
		ids = append(ids, e.ID+":"+string(e.Status))
	}
	if got := strings.Join(ids, " "); got != "f1.r.title:missing f1.r.p.title:stale f1.r.p.body:stale ui.count:missing" {
		t.Fatalf("entries = %s", got)
	}
	text := string(sheet.Encode())
	for _, want := range []string{
		`old_source = "Il palazzo di Via Tasso"`,              // known old Italian
		`current = "Budynek przy Via Tasso"`,                  // current translation
		"old_source: not known",                               // the body's old Italian is unknown
		`source = "Testo con \"virgolette\"."`,                // quoting
		"translation_few = \"\"",                              // Polish plural forms
		"todo = true",                                         // stale ones pre-filled but marked
		`where = "floor f1, room «Ingresso» (f1.r): heading"`, // the place
	} {
		if !strings.Contains(text, want) {
			t.Errorf("worksheet lacks %s:\n%s", want, text)
		}
	}
	back, err := Parse("ws.toml", []byte(text))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(back.Entries) != 4 || back.Lang != "pl" || back.Entries[1].Current["other"] != "Budynek przy Via Tasso" || !back.Entries[1].Todo {
		t.Errorf("parsed back: %+v", back)
	}
	// Untouched, nothing merges: missing ones are empty, stale ones todo.
	p := MakePlan(back, src, pl)
	if len(p.Updates) != 0 || len(p.Conflicts) != 0 || len(p.Empty) != 2 || len(p.Todo) != 2 {
		t.Errorf("untouched worksheet plan: %+v", p)
	}
}

func TestMakePlan(t *testing.T) {
	src := cat(t, "locales/it.toml", "[\"a\"]\nother = \"Uno\"\n[\"n\"]\none = \"{{.Count}} x\"\nother = \"{{.Count}} xs\"\n")
	h := i18n.SourceHash(src.Messages["a"])
	hn := i18n.SourceHash(src.Messages["n"])
	plNow := cat(t, "locales/pl.toml", "[\"a\"]\nhash = \"sha1-old\"\nother = \"Jeden (stary)\"\n")
	entry := func(mod func(*Entry)) *Sheet {
		e := Entry{ID: "a", SourceHash: h, Status: i18n.Stale, Current: map[string]string{"other": "Jeden (stary)"}, Translation: map[string]string{"other": "Jeden"}}
		mod(&e)
		return &Sheet{Lang: "pl", Entries: []Entry{e}}
	}
	for _, tc := range []struct {
		name  string
		sheet *Sheet
		cat   *i18n.Catalog
		want  string // merged | confirmed | already | empty | todo | conflict
	}{
		{"new text", entry(func(e *Entry) {}), plNow, "merged"},
		{"kept as it was", entry(func(e *Entry) { e.Translation["other"] = "Jeden (stary)" }), plNow, "confirmed"},
		{"still todo", entry(func(e *Entry) { e.Todo = true }), plNow, "todo"},
		{"left empty", entry(func(e *Entry) { e.Translation["other"] = "  " }), plNow, "empty"},
		{"older source", entry(func(e *Entry) { e.SourceHash = "sha1-older" }), plNow, "conflict"},
		{"not in source", entry(func(e *Entry) { e.ID = "gone" }), plNow, "conflict"},
		{"catalog changed meanwhile", entry(func(e *Entry) { e.Current = map[string]string{"other": "inny"} }), plNow, "conflict"},
		{"already merged", entry(func(e *Entry) {}), cat(t, "locales/pl.toml", "[\"a\"]\nhash = \""+h+"\"\nother = \"Jeden\"\n"), "already"},
		{"new language", entry(func(e *Entry) { e.Current = nil; e.Status = i18n.Missing }), nil, "merged"},
		{"plural incomplete", entry(func(e *Entry) {
			e.ID, e.SourceHash, e.Current = "n", hn, nil
			e.Translation = map[string]string{"one": "{{.Count}} rzecz", "other": "{{.Count}} rzeczy"}
		}), nil, "conflict"},
		{"plural complete", entry(func(e *Entry) {
			e.ID, e.SourceHash, e.Current = "n", hn, nil
			e.Translation = map[string]string{"one": "1", "few": "2", "many": "5", "other": "1.5"}
		}), nil, "merged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := MakePlan(tc.sheet, src, tc.cat)
			got := map[string]int{"merged": len(p.Merged), "confirmed": len(p.Confirmed), "already": len(p.Already),
				"empty": len(p.Empty), "todo": len(p.Todo), "conflict": len(p.Conflicts)}
			for k, n := range got {
				if (k == tc.want) != (n == 1) {
					t.Errorf("%s = %d (plan %+v), want only %s", k, n, p, tc.want)
				}
			}
			if (tc.want == "merged" || tc.want == "confirmed") != (len(p.Updates) == 1) {
				t.Errorf("updates = %v", p.Updates)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	head := "[worksheet]\nformat = 1\nlanguage = \"pl\"\n"
	for _, tc := range []struct{ name, text, want string }{
		{"typo", head + "[[message]]\nid = \"a\"\nsource_hash = \"h\"\ntranslaton = \"x\"\n", "unknown key \"translaton\""},
		{"no id", head + "[[message]]\nsource_hash = \"h\"\ntranslation = \"x\"\n", "without its id"},
		{"broken quote", head + "[[message]]\nid = \"a\"\nsource_hash = \"h\"\ntranslation = \"x\n", "not valid TOML"},
		{"not a worksheet", "[\"a\"]\nother = \"x\"\n", "unknown key"},
	} {
		if _, err := Parse("ws.toml", []byte(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}
