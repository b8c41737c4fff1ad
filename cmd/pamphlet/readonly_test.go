package main

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot maps every file under dir to a hash of its content.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadingCommandsWriteNothingIntoTheMuseum: status, check, build and
// translate read a museum; none of them may write into its directory (the
// source history included), whatever they print.
func TestReadingCommandsWriteNothingIntoTheMuseum(t *testing.T) {
	dir := copySample(t)
	// A museum that has never had a history file is the case where the
	// old commands wrote one.
	os.Remove(filepath.Join(dir, "locales", ".source-history.toml"))
	replaceIn(t, filepath.Join(dir, "locales", "it.toml"), `other = "Ingresso"`, `other = "L’ingresso"`)
	before := snapshot(t, dir)
	out := t.TempDir()
	for _, args := range [][]string{
		{"status", "--museum", dir},
		{"status", "--museum", dir, "--lang", "en", "--json"},
		{"check", "--museum", dir},
		{"build", "--museum", dir, "--out", out, "--lang", "en,ar", "--floor", "floor1"},
		{"translate", "pl", "--museum", dir, "--out", filepath.Join(out, "pl.toml")},
	} {
		cli(t, args...)
		if after := snapshot(t, dir); !maps.Equal(before, after) {
			var changed []string
			for k := range after {
				if before[k] != after[k] {
					changed = append(changed, k)
				}
			}
			t.Errorf("pamphlet %s wrote into the museum: %s", strings.Join(args, " "), strings.Join(changed, ", "))
			before = after
		}
	}
}

// TestFailedBuildWritesNothing: when one pamphlet cannot be written (its
// language's output folder is a file), no other pamphlet is written either,
// and the PDFs of an earlier build stay exactly as they were.
func TestFailedBuildWritesNothing(t *testing.T) {
	out := t.TempDir()
	mustRun(t, "build", "--out", out, "--lang", "en", "--floor", "floor1")
	earlier := snapshot(t, out)
	if err := os.WriteFile(filepath.Join(out, "ko"), []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	earlier["ko"] = snapshot(t, out)["ko"]
	code, _, errOut := cli(t, "build", "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errOut)
	}
	if got := snapshot(t, out); !maps.Equal(got, earlier) {
		t.Errorf("a failed build changed the output folder: %d files before, %d after", len(earlier), len(got))
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.IsDir() && e.Name() != "en" {
			t.Errorf("a failed build left the folder %s", e.Name())
		}
	}
}
