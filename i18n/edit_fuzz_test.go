package i18n

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// editSeeds are catalogs written the ways a volunteer or an editor may
// write them: multi-line strings holding lines that look like fields,
// headers and closing quotes; CRLF line ends; comments after headers;
// inline tables and arrays over several lines in [_meta].
var editSeeds = []string{
	"[\"a.one\"]\nhash = \"sha1-1\"\nother = \"One\"\n\n[\"a.two\"]\ndescription = \"d\"\nother = \"Two\"\n",
	"[\"a.one\"]\nother = \"\"\"\nhash = \"x\"\n[\"a.two\"]\n\"\"\"\n\n[\"a.two\"]\nhash = \"h\"\nother = '''\nliteral \"\"\" inside\n'''\n",
	"[\"a.one\"]\nother = \"\"\"a \\\"\"\" still\nhash = \"fake\"\n\"\"\"\nhash = \"real\"\n",
	"[\"a.one\"] # a comment ] with a bracket\r\nhash = \"h\"\r\nother = \"crlf\"\r\n\r\n[\"a.two\"]\r\nother = \"x\"\r\n",
	"# top\n[\"a.one\"]\none = \"1 {{.Count}}\"\nother = \"\"\"{{.Count}}\n\"\"\"\"\n\n[_meta.ignore]\n\"a.one\" = { rules = [\n  \"identical-to-source\",\n], reason = \"r\" }\n",
	"[a]\n[a.one]\nother = \"nested\"\n\n[\"a.two\"]\nother = \"x\"\n",
	"\"a.top\" = \"top level\"\n[\"a.one\"]\nother = \"x\"",
	"",
}

// FuzzEditPreservesOthers: whatever a catalog looks like, as long as it
// parses, SetMessages (merge) and SetHashes (confirm) produce a catalog
// that parses, holds exactly the intended texts and hashes for the
// messages edited, and leaves every other message as it was: the same
// forms, hash and description, and its lines byte for byte.
func FuzzEditPreservesOthers(f *testing.F) {
	for i, s := range editSeeds {
		f.Add(s, "New text", "with \"\"\" quotes\nhash = \"x\"\n[\"a.one\"]\r\n\\", uint8(i), false)
		f.Add(s, "multi\nline\ntext '''", "# not a comment", uint8(i*7+3), true)
	}
	f.Fuzz(func(t *testing.T, catalog, text1, text2 string, sel uint8, hashesOnly bool) {
		if len(catalog) > 4096 || !utf8.ValidString(text1) || !utf8.ValidString(text2) || text1 == "" {
			return
		}
		const path = "locales/en.toml"
		before, err := Parse(path, []byte(catalog))
		if err != nil {
			return
		}
		ids := before.IDs()
		// The messages to edit: those sel picks, and, for a merge, a new one.
		picked := map[string]bool{}
		for i, id := range ids {
			if sel&(1<<(i%8)) != 0 {
				picked[id] = true
			}
		}
		var result []byte
		want := map[string]Update{}
		if hashesOnly {
			hashes := map[string]string{}
			for id := range picked {
				hashes[id] = fmt.Sprintf("sha1-%d-%s", len(id), id)
			}
			if result, err = SetHashes(path, []byte(catalog), hashes); err != nil {
				if !strings.Contains(err.Error(), "write each message as its own table") {
					t.Fatalf("SetHashes: %v", err)
				}
				return
			}
			for id, h := range hashes {
				want[id] = Update{Hash: h, Forms: before.Messages[id].Forms}
			}
		} else {
			forms := map[string]string{"other": text1}
			if text2 != "" && utf8.ValidString(text2) {
				forms["one"] = text2
			}
			for id := range picked {
				want[id] = Update{Hash: "sha1-" + id, Forms: forms}
			}
			if sel&1 != 0 {
				want["zz.new"] = Update{Hash: "sha1-new", Forms: forms}
			}
			order := append(append([]string{}, ids...), "zz.new")
			sort.Strings(order)
			if result, err = SetMessages(path, []byte(catalog), want, order); err != nil {
				if !strings.Contains(err.Error(), "write each message as its own table") {
					t.Fatalf("SetMessages: %v", err)
				}
				return
			}
		}
		after, err := Parse(path, result)
		if err != nil {
			t.Fatalf("the edited catalog does not parse: %v\n--- before\n%s\n--- after\n%s", err, catalog, result)
		}
		for id, u := range want {
			m := after.Messages[id]
			if m == nil || m.Hash != u.Hash || !maps.Equal(m.Forms, u.Forms) {
				t.Fatalf("%s came out as %+v, want %+v\n--- before\n%s\n--- after\n%s", id, m, u, catalog, result)
			}
			if old := before.Messages[id]; old != nil && m.Description != old.Description {
				t.Fatalf("%s: description %q became %q", id, old.Description, m.Description)
			}
		}
		for _, id := range ids {
			if _, edited := want[id]; edited {
				continue
			}
			old, m := before.Messages[id], after.Messages[id]
			if m == nil || m.Hash != old.Hash || m.Description != old.Description || !maps.Equal(m.Forms, old.Forms) {
				t.Fatalf("%s changed: %+v became %+v\n--- before\n%s\n--- after\n%s", id, old, m, catalog, result)
			}
		}
		if len(after.Messages) != len(ids)+btoi(want["zz.new"].Hash != "") {
			t.Fatalf("%d messages became %d\n--- before\n%s\n--- after\n%s", len(ids), len(after.Messages), catalog, result)
		}
		// The lines of every message not edited, byte for byte.
		lines := strings.SplitAfter(catalog, "\n")
		for _, tb := range scanTables(lines) {
			if _, edited := want[tb.id]; tb.id == "" || edited || before.Messages[tb.id] == nil {
				continue
			}
			block := strings.Join(lines[tb.start:tb.contentEnd+1], "")
			if !strings.Contains(string(result), strings.TrimSuffix(block, "\n")) {
				t.Fatalf("the lines of %s changed:\n%s\n--- after\n%s", tb.id, block, result)
			}
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
