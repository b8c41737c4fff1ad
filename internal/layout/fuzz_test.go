package layout

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad: whatever a layout file holds, Load returns a layout whose
// numbers are in range, or a one-line error naming the file, and never
// panics.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"a5", "large", "trifold"} {
		data, err := os.ReadFile("../../layouts/" + name + ".toml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("[styles.body]\ngrey = nan\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "layouts/fuzz.toml"
		_, err := Load(fstest.MapFS{path: {Data: data}}, "fuzz")
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\r\n") || len(msg) > 400 || !strings.HasPrefix(msg, path) {
				t.Fatalf("error is not one short line naming %s: %q", path, msg)
			}
		}
	})
}
