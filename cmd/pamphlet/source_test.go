package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestGermanSource: the source language is whatever museum.toml says,
// and every command and worksheet names it by its own name, never
// "Italian".
func TestGermanSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "museum")
	mustRun(t, "init", dir, "--source", "de")
	replaceIn(t, filepath.Join(dir, "locales", "de.toml"), `other = "The first panel"`, `other = "Die erste Tafel"`)
	ws := filepath.Join(t.TempDir(), "en.toml")
	mustRun(t, "translate", "en", "--museum", dir, "--out", ws)
	sheet := read(t, ws)
	for _, want := range []string{"Read the German text (source)", "# German, now", `source_language = "de"`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the worksheet lacks %q", want)
		}
	}
	replaceIn(t, ws, `translation = ""`, `translation = "The name of the museum"`)
	mustRun(t, "merge", ws, "--museum", dir)
	// The curator changes the German: the next merge of an old worksheet
	// is refused, naming the source by its language.
	ws2 := filepath.Join(t.TempDir(), "en2.toml")
	mustRun(t, "translate", "en", "--museum", dir, "--out", ws2)
	replaceIn(t, filepath.Join(dir, "locales", "de.toml"), `other = "Die erste Tafel"`, `other = "Die erste Wandtafel"`)
	replaceIn(t, ws2, `translation = ""`, `translation = "The first panel"`)
	code, _, errOut := cli(t, "merge", ws2, "--museum", dir)
	if code != 1 || !strings.Contains(errOut, "its German source changed") {
		t.Errorf("merge after the source changed: exit %d, %s", code, errOut)
	}
	for _, args := range [][]string{
		{"status", "--museum", dir, "--lang", "en"},
		{"check", "--museum", dir},
		{"translate", "en", "--museum", dir},
		{"translate", "--help"},
		{"status", "--help"},
		{"check", "--help"},
	} {
		_, stdout, stderr := cli(t, args...)
		if strings.Contains(stdout+stderr, "Italian") {
			t.Errorf("pamphlet %s speaks of Italian in a German museum:\n%s%s", strings.Join(args, " "), stdout, stderr)
		}
	}
}
