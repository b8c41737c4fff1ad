package i18n

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestParseMeta(t *testing.T) {
	const msg = "[\"a.title\"]\nother = \"A\"\n\n"
	for _, tc := range []struct {
		name, meta string
		wantErr    string // substring; "" for success
		wantLine   int
	}{
		{"table form", "[_meta.ignore.\"a.title\"]\nrules = [\"identical-to-source\"]\nreason = \"a name\"\n", "", 4},
		{"inline form", "[_meta.ignore]\n\"a.title\" = { rules = [\"identical-to-source\"], reason = \"a name\" }\n", "", 5},
		{"no reason", "[_meta.ignore.\"a.title\"]\nrules = [\"x\"]\n", "no reason", 4},
		{"no rules", "[_meta.ignore.\"a.title\"]\nreason = \"r\"\n", "no rules", 4},
		{"unknown key", "[_meta.ignore.\"a.title\"]\nrules = [\"x\"]\nreason = \"r\"\nwhy = 1\n", "unknown key", 4},
		{"unknown table", "[_meta.silence]\nx = 1\n", "unknown key _meta.silence", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("locales/pl.toml", []byte(msg+tc.meta))
			if tc.wantErr != "" {
				pe, ok := err.(*ParseError)
				if !ok || !strings.Contains(pe.Msg, tc.wantErr) || pe.Line != tc.wantLine {
					t.Fatalf("err = %v, want %q at line %d", err, tc.wantErr, tc.wantLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Messages) != 1 {
				t.Errorf("go-i18n took [_meta] for messages: %v", c.IDs())
			}
			ig, ok := c.Ignored("a.title", "identical-to-source")
			if !ok || ig.Reason != "a name" || ig.Line != tc.wantLine {
				t.Errorf("Ignored = %+v, %v", ig, ok)
			}
			if _, ok := c.Ignored("a.title", "whitespace"); ok {
				t.Error("a rule not listed is silenced")
			}
		})
	}
}

func TestParseErrorHasLine(t *testing.T) {
	_, err := Parse("locales/pl.toml", []byte("[\"a\"]\nother = \"x\n"))
	pe, ok := err.(*ParseError)
	if !ok || pe.Line != 2 {
		t.Fatalf("err = %#v, want a ParseError at line 2", err)
	}
}

func TestPluralCategories(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"it", "one many other"}, {"es", "one many other"}, {"fr", "one many other"}, {"pt", "one many other"},
		{"pl", "one few many other"}, {"ru", "one few many other"}, {"uk", "one few many other"},
		{"he", "one two other"}, {"ar", "zero one two few many other"},
		{"ja", "other"}, {"zh-Hans", "other"}, {"ko", "other"},
		{"en", "one other"}, {"de", "one other"},
	} {
		if got := strings.Join(PluralCategories(language.MustParse(tc.lang)), " "); got != tc.want {
			t.Errorf("PluralCategories(%s) = %s, want %s", tc.lang, got, tc.want)
		}
	}
	if ex := PluralExamples(language.Polish)["few"]; len(ex) == 0 || ex[0] != "2" {
		t.Errorf("Polish few examples = %v", ex)
	}
}

const catalog = `# pl.toml — header comment

# Section
["a.title"]
hash = "old"
description = "kept"
other = """Stara
wersja"""  

["c.title"]
other = "C"   # a comment kept

[_meta.ignore."c.title"]
rules = ["identical-to-source"]
reason = "r"
`

func TestSetMessages(t *testing.T) {
	order := []string{"a.title", "b.title", "c.title", "d.title", "z.title"}
	updates := map[string]Update{
		"a.title": {Hash: "h1", Forms: map[string]string{"other": "Nowa \"wersja\""}},
		"b.title": {Hash: "h2", Forms: map[string]string{"other": "B"}},
		"d.title": {Hash: "h4", Forms: map[string]string{"one": "1 D", "other": "D"}},
		"e.title": {Hash: "h5", Forms: map[string]string{"other": "E"}},
	}
	out, err := SetMessages("locales/pl.toml", []byte(catalog), updates, order)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("locales/pl.toml", out)
	if err != nil {
		t.Fatalf("result does not parse: %v\n%s", err, out)
	}
	for id, u := range updates {
		m := c.Messages[id]
		if m == nil || m.Hash != u.Hash || len(m.Forms) != len(u.Forms) || m.Text() != u.Forms["other"] {
			t.Errorf("%s = %+v, want %+v", id, m, u)
		}
	}
	s := string(out)
	for _, keep := range []string{"# pl.toml — header comment\n", "# Section\n", "description = \"kept\"\n", "other = \"C\"   # a comment kept\n", "[_meta.ignore.\"c.title\"]"} {
		if !strings.Contains(s, keep) {
			t.Errorf("lost %q:\n%s", keep, s)
		}
	}
	if strings.Contains(s, "Stara") {
		t.Errorf("old multi-line text still there:\n%s", s)
	}
	// Order: a, b (after a), c, d, e (not in order: at the end, before _meta).
	pos := func(x string) int { return strings.Index(s, x) }
	if !(pos(`["a.title"]`) < pos(`["b.title"]`) && pos(`["b.title"]`) < pos(`["c.title"]`) &&
		pos(`["c.title"]`) < pos(`["d.title"]`) && pos(`["d.title"]`) < pos(`["e.title"]`) && pos(`["e.title"]`) < pos("[_meta")) {
		t.Errorf("messages out of order:\n%s", s)
	}
	// Idempotent.
	again, err := SetMessages("locales/pl.toml", out, updates, order)
	if err != nil || string(again) != s {
		t.Errorf("second SetMessages changed the file (err %v):\n%s", err, again)
	}
}

func TestSetMessagesRefusesNestedTables(t *testing.T) {
	_, err := SetMessages("locales/pl.toml", []byte("[a]\ntitle = \"x\"\n"), map[string]Update{"a.title": {Hash: "h", Forms: map[string]string{"other": "y"}}}, nil)
	if err == nil || !strings.Contains(err.Error(), "a.title") {
		t.Fatalf("err = %v, want one naming a.title", err)
	}
}

func TestHistory(t *testing.T) {
	src, err := Parse("locales/it.toml", []byte("[\"a\"]\nother = \"Primo\"\n\n[\"b\"]\none = \"1 x\"\nother = \"{{.Count}} x\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := NewHistory()
	added := h.Add(src)
	if len(added) != 2 || added[0].ID != "a" {
		t.Fatalf("added = %v", added)
	}
	data := AppendHistory(nil, added)
	h2, err := ParseHistory(HistoryFile, data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if m, ok := h2.Lookup(SourceHash(src.Messages["b"])); !ok || m.Forms["one"] != "1 x" {
		t.Errorf("Lookup(b) = %+v, %v", m, ok)
	}
	if len(h2.Add(src)) != 0 {
		t.Error("known texts added again")
	}
	// The Italian changes: only the new text is appended, the old kept.
	src.Messages["a"].Forms["other"] = "Primo, corretto"
	more := h2.Add(src)
	data2 := AppendHistory(data, more)
	if len(more) != 1 || !strings.HasPrefix(string(data2), string(data)) {
		t.Fatalf("append rewrote the history")
	}
	// A hand-edited entry is refused.
	bad := strings.Replace(string(data), "Primo", "Secondo", 1)
	if _, err := ParseHistory(HistoryFile, []byte(bad)); err == nil || !strings.Contains(err.Error(), "does not match its hash") {
		t.Errorf("err = %v", err)
	}
}

func TestStatusOf(t *testing.T) {
	src := &Message{Forms: map[string]string{"other": "Ingresso"}}
	h := SourceHash(src)
	for _, tc := range []struct {
		name string
		tr   *Message
		want Status
	}{
		{"nil", nil, Missing},
		{"blank", &Message{Hash: h, Forms: map[string]string{"other": "  "}}, Missing},
		{"no hash", &Message{Forms: map[string]string{"other": "Entrance"}}, Unverified},
		{"no hash, identical", &Message{Forms: map[string]string{"other": "Ingresso"}}, Identical},
		{"old hash", &Message{Hash: "sha1-0", Forms: map[string]string{"other": "Entrance"}}, Stale},
		{"identical", &Message{Hash: h, Forms: map[string]string{"other": "Ingresso"}}, Identical},
		{"translated", &Message{Hash: h, Forms: map[string]string{"other": "Entrance"}}, Translated},
	} {
		if got := StatusOf(src, tc.tr); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
