package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "museum")
	mustRun(t, "init", dir, "--layouts")
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
}
