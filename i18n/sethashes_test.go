package i18n

import (
	"strings"
	"testing"
)

// TestSetHashesLeavesMultiLineTextsAlone: a line that starts with
// "hash =" inside a multi-line translation is text, and a message whose
// header is followed by a multi-line string gets its hash as a field, never
// inside another message's text.
func TestSetHashesLeavesMultiLineTextsAlone(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		hashes         map[string]string
	}{
		{
			name:   "replace",
			in:     "[\"a\"]\nhash = \"sha1-old\"\nother = \"x\"\n",
			hashes: map[string]string{"a": "sha1-new"},
			want:   "[\"a\"]\nhash = \"sha1-new\"\nother = \"x\"\n",
		},
		{
			name:   "insert",
			in:     "# c\n[\"a\"]\nother = \"x\"\n\n[\"b\"]\nother = \"y\"\n",
			hashes: map[string]string{"b": "sha1-new"},
			want:   "# c\n[\"a\"]\nother = \"x\"\n\n[\"b\"]\nhash = \"sha1-new\"\nother = \"y\"\n",
		},
		{
			name:   "hash line inside a multi-line text",
			in:     "[\"a\"]\nhash = \"sha1-old\"\nother = \"\"\"\nfirst line\nhash = is a word here\n\"\"\"\n[\"b\"]\nother = '''\nhash = \"x\"\n'''\n",
			hashes: map[string]string{"a": "sha1-new", "b": "sha1-b"},
			want:   "[\"a\"]\nhash = \"sha1-new\"\nother = \"\"\"\nfirst line\nhash = is a word here\n\"\"\"\n[\"b\"]\nhash = \"sha1-b\"\nother = '''\nhash = \"x\"\n'''\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SetHashes("locales/en.toml", []byte(tc.in), tc.hashes)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			c, err := Parse("locales/en.toml", got)
			if err != nil {
				t.Fatalf("result does not parse: %v", err)
			}
			before, _ := Parse("locales/en.toml", []byte(tc.in))
			for id, h := range tc.hashes {
				if c.Messages[id].Hash != h {
					t.Errorf("%s: hash %q, want %q", id, c.Messages[id].Hash, h)
				}
			}
			for id, m := range before.Messages {
				if c.Messages[id].Text() != m.Text() {
					t.Errorf("%s: text changed from %q to %q", id, m.Text(), c.Messages[id].Text())
				}
			}
		})
	}
	if _, err := SetHashes("locales/en.toml", []byte("[a]\nb.other = \"x\"\n"), map[string]string{"a.b": "h"}); err == nil || !strings.Contains(err.Error(), "a.b") {
		t.Errorf("a dotted-key message: %v, want an error naming it", err)
	}
}
