package project

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInLocales(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "locales"), 0o755)
	os.MkdirAll(filepath.Join(dir, "work"), 0o755)
	if err := os.Symlink(filepath.Join(dir, "locales"), filepath.Join(dir, "work", "cats")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		in   bool
	}{
		{"locales", true},
		{"locales/pl-worksheet.toml", true},
		{"locales/pdf/new", true},
		{"work/cats/pl.toml", true}, // a link into locales/
		{"work/../locales/x.toml", true},
		{"output", false},
		{"work/pl.toml", false},
		{"locales-old/pl.toml", false},
		{".", false},
	} {
		if got := InLocales(dir, filepath.Join(dir, tc.path)); got != tc.in {
			t.Errorf("InLocales(%s) = %v, want %v", tc.path, got, tc.in)
		}
	}
	if InLocales(filepath.Join(dir, "nope"), filepath.Join(dir, "locales")) {
		t.Error("a museum without locales/ has nothing inside it")
	}
}
