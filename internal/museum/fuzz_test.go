package museum

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse: whatever museum.toml holds, Parse returns a museum or a
// one-line error naming museum.toml, and never panics.
func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("../../museum.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("name = \"m\"\n[[floors]]\nid = \"f\"\n[[floors.rooms]]\nid = \"f.r\"\npanels = \"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := Parse(data); err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\r\n") || len(msg) > 400 || !strings.HasPrefix(msg, FileName) {
				t.Fatalf("error is not one short line naming %s: %q", FileName, msg)
			}
		}
	})
}
