package worksheet

import (
	"strings"
	"testing"
)

// FuzzParse: whatever a volunteer's editor leaves in a worksheet, Parse
// returns a sheet or a one-line error naming the file, and never panics.
func FuzzParse(f *testing.F) {
	f.Add([]byte("[worksheet]\nformat = 1\nlanguage = \"pl\"\nsource_language = \"it\"\n\n[[message]]\nid = \"a.b\"\nsource = \"x\"\nsource_hash = \"sha1-1\"\ntranslation = \"\"\"y\nz\"\"\"\n"))
	f.Add([]byte("[worksheet]\nformat = 1\nlanguage = \"pl\"\n[[message]]\nid = \"a\"\nsource_hash = \"h\"\ntranslation_one = \"\\u0000\"\ntodo = true\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "pl-worksheet.toml"
		s, err := Parse(path, data)
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\r\n") || len(msg) > 400 || !strings.HasPrefix(msg, path) {
				t.Fatalf("error is not one short line naming %s: %q", path, msg)
			}
			return
		}
		for _, e := range s.Entries {
			if e.ID == "" || e.SourceHash == "" {
				t.Fatalf("an entry without its id or source_hash was accepted: %+v", e)
			}
		}
	})
}
