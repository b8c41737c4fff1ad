package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/pdftest"
)

// TestMistranslatedPlaceholderFailsTheBuild: a placeholder translated
// ({{.Anzahl}} for {{.Count}}) is a build error naming the file, the
// language and the message — never "<no value>" on paper — and check
// reports it too.
func TestMistranslatedPlaceholderFailsTheBuild(t *testing.T) {
	dir := copySample(t)
	ownCount(t, dir)
	f, err := os.OpenFile(filepath.Join(dir, "locales", "de.toml"), os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n[\"ui.panel_count\"]\none = \"{{.Anzahl}} Tafel\"\nother = \"{{.Anzahl}} Tafeln\"\n")
	f.Close()
	code, _, errOut := cli(t, "build", "--museum", dir, "--lang", "de", "--floor", "floor1", "--out", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "locales/de.toml") || !strings.Contains(errOut, "ui.panel_count") || !strings.Contains(errOut, "{{.Anzahl}}") {
		t.Errorf("build: exit %d, %s", code, errOut)
	}
	code, out, _ := cli(t, "check", "--museum", dir)
	if code != 1 || !strings.Contains(out, "[placeholders] de ui.panel_count") {
		t.Errorf("check: exit %d, %s", code, out)
	}
}

// TestNotesAlwaysVisible: --stale mark and --missing source print their
// note even though no catalog of the museum words it: the tool's own words
// do.
func TestNotesAlwaysVisible(t *testing.T) {
	dir := copySample(t)
	replaceIn(t, filepath.Join(dir, "locales", "it.toml"), `other = "Ingresso"`, `other = "L’ingresso"`)
	out := t.TempDir()
	mustRun(t, "build", "--museum", dir, "--lang", "de", "--floor", "floor1", "--stale", "mark", "--out", out)
	if text := squash(pdftest.Text(t, filepath.Join(out, "de", "floor1.pdf"))); !strings.Contains(text, squash(furnitureText(t, "de", "ui.stale"))) {
		t.Error("--stale mark printed no note")
	}
	deCat := filepath.Join(dir, "locales", "de.toml")
	data, _ := os.ReadFile(deCat)
	s := string(data)
	i := strings.Index(s, `["floor1.entrance.building.body"]`)
	j := strings.Index(s[i+1:], "\n[") + i + 2
	os.WriteFile(deCat, []byte(s[:i]+s[j:]), 0o644)
	mustRun(t, "build", "--museum", dir, "--lang", "de", "--floor", "floor1", "--missing", "source", "--out", out)
	if text := squash(pdftest.Text(t, filepath.Join(out, "de", "floor1.pdf"))); !strings.Contains(text, squash(furnitureText(t, "de", "ui.untranslated"))) {
		t.Error("--missing source printed no note")
	}
}

// TestBrokenCatalogStopsOnlyItsLanguage: a malformed catalog of one
// language does not stop the build of another, and status lists it as
// broken and goes on; building every language names it.
func TestBrokenCatalogStopsOnlyItsLanguage(t *testing.T) {
	dir := copySample(t)
	os.WriteFile(filepath.Join(dir, "locales", "de.toml"), []byte("[\"museum.name\"\nother = \"x\"\n"), 0o644)
	mustRun(t, "build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", t.TempDir())
	st := mustRun(t, "status", "--museum", dir)
	if !strings.Contains(st, "locales/de.toml: cannot be read") || !strings.Contains(st, "en  common") {
		t.Errorf("status:\n%s", st)
	}
	code, _, errOut := cli(t, "build", "--museum", dir, "--out", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "locales/de.toml:") || !strings.Contains(errOut, "--lang builds the other languages") {
		t.Errorf("build of every language: exit %d, %s", code, errOut)
	}
}
