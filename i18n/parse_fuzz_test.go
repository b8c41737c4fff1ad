package i18n

import (
	"os"
	"strings"
	"testing"
)

// checkOneLine fails the fuzz input whose error is not one short line
// naming the file: the README promises every bad input such an error.
func checkOneLine(t *testing.T, err error, path string) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") || len(msg) > 400 || !strings.HasPrefix(msg, path) {
		t.Fatalf("error is not one short line naming %s: %q", path, msg)
	}
}

func addFiles(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzParse: whatever a catalog holds, Parse returns a catalog or a
// one-line *ParseError naming the file, and never panics.
func FuzzParse(f *testing.F) {
	addFiles(f, "../locales/it.toml", "../locales/pl.toml", "../locales/de.toml")
	for _, s := range editSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "locales/pl.toml"
		c, err := Parse(path, data)
		if err != nil {
			checkOneLine(t, err, path)
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error %T, want *ParseError", err)
			}
			return
		}
		for id, m := range c.Messages {
			if m.ID != id {
				t.Fatalf("message %q filed under %q", m.ID, id)
			}
		}
	})
}

// FuzzParseHistory: the source history parser never panics and words its
// errors on one line.
func FuzzParseHistory(f *testing.F) {
	addFiles(f, "../locales/.source-history.toml")
	f.Add([]byte("[\"sha1-x\"]\nid = \"a\"\nother = \"\"\"x\n\"\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "locales/.source-history.toml"
		h, err := ParseHistory(path, data)
		if err != nil {
			checkOneLine(t, err, path)
			return
		}
		for hash, m := range h.entries {
			if SourceHash(m) != hash {
				t.Fatalf("entry %s has the hash %s", hash, SourceHash(m))
			}
		}
	})
}
