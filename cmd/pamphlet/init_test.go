package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "museum")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", dir, "--layouts"}, &stdout, &stderr); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"museum.toml", "locales/it.toml", "locales/en.toml", "layouts/a5.toml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	out := t.TempDir()
	if code := run([]string{"build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build of the new museum: exit %d: %s", code, stderr.String())
	}
	// A second init must not overwrite the volunteer's work.
	museumToml := filepath.Join(dir, "museum.toml")
	os.WriteFile(museumToml, []byte("# my edits\n"), 0o644)
	stderr.Reset()
	if code := run([]string{"init", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "already exists") {
		t.Errorf("second init: exit %d, %s", code, stderr.String())
	}
	if data, _ := os.ReadFile(museumToml); string(data) != "# my edits\n" {
		t.Error("init overwrote museum.toml")
	}
}
