package qa

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestRemembered: a result is given back for the museum it was made for,
// while the museum's files are as they were; an edit, another museum or
// a damaged cache file gives none.
func TestRemembered(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	dir := t.TempDir()
	cat := filepath.Join(dir, "locales", "de.toml")
	os.MkdirAll(filepath.Dir(cat), 0o755)
	os.WriteFile(filepath.Join(dir, "museum.toml"), []byte("source = \"it\"\n"), 0o644)
	os.WriteFile(cat, []byte("[a]\nother = \"x\"\n"), 0o644)

	res, key := Remembered(dir)
	if res != nil || key == "" {
		t.Fatalf("before any check: %v, key %q", res, key)
	}
	want := &Result{Schema: SchemaVersion, Catalogs: 2, Warnings: 1, Findings: []Finding{{File: "locales/de.toml", Line: 2, ID: "a", Lang: "de", Rule: "identical", Severity: Warning, Message: "same as the source"}}}
	Remember(dir, key, want)
	got, again := Remembered(dir)
	if !reflect.DeepEqual(got, want) || again != key {
		t.Fatalf("remembered %+v (key %q), want %+v (key %q)", got, again, want, key)
	}
	if other, _ := Remembered(t.TempDir()); other != nil {
		t.Error("another museum got this one's result")
	}
	os.WriteFile(cat, []byte("[a]\nother = \"y\"\n"), 0o644)
	if got, _ := Remembered(dir); got != nil {
		t.Error("a result was given back after a catalog changed")
	}
	os.WriteFile(cat, []byte("[a]\nother = \"x\"\n"), 0o644)
	if got, _ := Remembered(dir); got == nil {
		t.Error("the catalog as it was is not recognised")
	}
	files, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "pamphlet", "check", "*.json"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	os.WriteFile(files[0], []byte("{damaged"), 0o644)
	if got, _ := Remembered(dir); got != nil {
		t.Error("a damaged cache file was trusted")
	}
}
