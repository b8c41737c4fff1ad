package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/pdftest"
)

// TestInitSkeleton: a new museum starts from a minimal skeleton, not a
// copy of Via Tasso: one part, one room, one panel, the source catalog
// and no other catalog, no history. It checks clean and builds at once.
func TestInitSkeleton(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "museum")
	out := mustRun(t, "init", dir, "--source", "de")
	if !strings.Contains(out, "wrote 2 files") || !strings.Contains(out, "locales/de.toml") {
		t.Errorf("init said: %s", out)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "locales"))
	if len(entries) != 1 || entries[0].Name() != "de.toml" {
		t.Errorf("locales/ holds %v, want the source catalog alone", entries)
	}
	if got := mustRun(t, "check", "--museum", dir); !strings.Contains(got, "0 error(s)") {
		t.Errorf("check of the skeleton: %s", got)
	}
	pdfs := t.TempDir()
	mustRun(t, "build", "--museum", dir, "--out", pdfs)
	text := pdftest.Text(t, filepath.Join(pdfs, "de", "floor1.pdf"))
	for _, want := range []string{"The name of the museum", "The first panel", furnitureText(t, "de", "ui.visitor.address")} {
		if !strings.Contains(text, want) {
			t.Errorf("the skeleton's pamphlet lacks %q", want)
		}
	}
	if code, _, errOut := cli(t, "init", filepath.Join(t.TempDir(), "x"), "--source", "not a tag"); code != 2 || !strings.Contains(errOut, "--source") {
		t.Errorf("bad --source: exit %d, %s", code, errOut)
	}
}

func TestInitSampleThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "museum")
	mustRun(t, "init", dir, "--sample", "via-tasso", "--layouts")
	for _, f := range []string{"museum.toml", "locales/it.toml", "locales/en.toml", "layouts/a5.toml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	out := t.TempDir()
	mustRun(t, "build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", out)
	// A second init must not overwrite the volunteer's work.
	museumToml := filepath.Join(dir, "museum.toml")
	os.WriteFile(museumToml, []byte("# my edits\n"), 0o644)
	if code, _, errOut := cli(t, "init", dir); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("second init: exit %d, %s", code, errOut)
	}
	if data, _ := os.ReadFile(museumToml); string(data) != "# my edits\n" {
		t.Error("init overwrote museum.toml")
	}
	route := filepath.Join(t.TempDir(), "route")
	mustRun(t, "init", route, "--sample", "route")
	mustRun(t, "build", "--museum", route, "--out", t.TempDir(), "--lang", "pl")
}
