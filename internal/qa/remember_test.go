package qa

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"pamphlet/internal/project"
	"pamphlet/internal/scaffold"
)

// TestRecall: a check is given back whole for the museum it was made for
// while its files are as they were; after an edit to one catalog, the
// check that reuses the other catalogs' findings finds exactly what a
// full check finds; an edit to the source, or to another file, reuses
// nothing; another museum, or a damaged cache file, gets nothing.
func TestRecall(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "museum")
	files, err := scaffold.Sample("via-tasso", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	load := func() *Input {
		t.Helper()
		fsys, err := project.FS(dir)
		if err != nil {
			t.Fatal(err)
		}
		in, err := Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	appendTo := func(name, text string) {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}

	first := Recall(dir)
	if first.Result != nil || len(first.earlier) != 0 {
		t.Fatal("something recalled before any check")
	}
	full := first.Check(load())
	again := Recall(dir)
	if again.Result == nil || !sameResult(again.Result, full) {
		t.Fatal("the same museum's check is not given back whole")
	}
	if other := Recall(t.TempDir()); other.Result != nil || len(other.earlier) != 0 {
		t.Error("another museum got this one's check")
	}

	// One catalog edited: a placeholder translated, a new error.
	appendTo("locales/de.toml", "\n[\"extra.one\"]\nother = \"x \"\n")
	partial := Recall(dir)
	if partial.Result != nil {
		t.Fatal("the check was given back whole after an edit")
	}
	if len(partial.earlier) == 0 {
		t.Fatal("nothing to reuse after an edit to one catalog")
	}
	got := partial.Check(load())
	want := Check(load())
	if !sameResult(got, want) {
		t.Fatalf("reusing the unchanged catalogs' findings:\n%v\nwant, from a full check:\n%v", got.Findings, want.Findings)
	}
	if len(got.Parsed) >= len(want.Parsed) {
		t.Errorf("%d catalogs parsed after one edit, as many as a full check (%d)", len(got.Parsed), len(want.Parsed))
	}
	if got.Warnings <= full.Warnings {
		t.Errorf("the edit's findings are missing: %d warnings, %d before", got.Warnings, full.Warnings)
	}

	// The source, or museum.toml, edited: nothing is reused.
	for _, name := range []string{"locales/it.toml", "museum.toml"} {
		appendTo(name, "\n# a comment\n")
		if r := Recall(dir); r.Result != nil || len(r.earlier) != 0 && name == "museum.toml" {
			t.Errorf("after an edit to %s: result %v, %d catalogs reusable", name, r.Result != nil, len(r.earlier))
		}
		r := Recall(dir)
		res := r.Check(load())
		if want := Check(load()); !sameResult(res, want) {
			t.Errorf("after an edit to %s, the check differs from a full one", name)
		}
	}

	files2, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "pamphlet", "check", "*.json"))
	if len(files2) != 1 {
		t.Fatalf("cache files %v, want one", files2)
	}
	os.WriteFile(files2[0], []byte("{damaged"), 0o644)
	if r := Recall(dir); r.Result != nil || len(r.earlier) != 0 {
		t.Error("a damaged cache file was trusted")
	}
}

// sameResult compares what a check reports, not the catalogs it parsed.
func sameResult(a, b *Result) bool {
	return a.Schema == b.Schema && a.Catalogs == b.Catalogs && a.Errors == b.Errors && a.Warnings == b.Warnings &&
		reflect.DeepEqual(a.Findings, b.Findings) && reflect.DeepEqual(a.Silenced, b.Silenced)
}
