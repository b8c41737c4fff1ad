package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "x.pdf")
	if err := Write(path, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("second"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(filepath.Dir(path))
	if string(got) != "second" || len(entries) != 1 {
		t.Errorf("content %q, %d files (temporary files left behind?)", got, len(entries))
	}
}

func TestWriteKeepsSymlinkAndMode(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.toml")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink("real.toml", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a regular file")
	}
	got, _ := os.ReadFile(real)
	st, _ := os.Stat(real)
	if string(got) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("target: %q, mode %v; want the new text, mode 0600 kept", got, st.Mode().Perm())
	}
}

func TestWriteRefusesADirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "de.toml")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	var nr *NotRegularError
	if err := Write(path, []byte("x"), 0o644); !errors.As(err, &nr) {
		t.Errorf("Write over a directory: %v, want a NotRegularError", err)
	}
}

// TestStageWritesAllOrNothing: nothing reaches a target before Commit, and
// Abort leaves the tree as it was, created directories included.
func TestStageWritesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "en", "floor1.pdf")
	if err := Write(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var s Stage
	if err := s.Add(old, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(filepath.Join(dir, "de", "floor1.pdf"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(old); string(got) != "old" {
		t.Fatalf("a staged file reached its target before Commit")
	}
	s.Abort()
	if got, _ := os.ReadFile(old); string(got) != "old" {
		t.Errorf("Abort changed a target")
	}
	if _, err := os.Stat(filepath.Join(dir, "de")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Abort left the directory it created")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "en")); len(entries) != 1 {
		t.Errorf("Abort left %d files in en/, want 1", len(entries))
	}

	if err := s.Add(old, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(filepath.Join(dir, "de", "floor1.pdf"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{old, filepath.Join(dir, "de", "floor1.pdf")} {
		if got, _ := os.ReadFile(p); string(got) != "new" {
			t.Errorf("%s: %q after Commit", p, got)
		}
	}
}

func TestCleanRemovesOnlyTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".floor1.pdf.123" + tempSuffix, "floor1.pdf", ".hidden"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
	}
	n, err := Clean(dir)
	if err != nil || n != 1 {
		t.Fatalf("Clean: %d, %v; want 1 removed", n, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files left, want floor1.pdf and .hidden", len(entries))
	}
}

// TestCleanLeavesAWriteInProgress: a file staged by a live Stage (another
// build, still writing) is not a leftover; Clean must not break its
// Commit.
func TestCleanLeavesAWriteInProgress(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "floor1.pdf")
	var s Stage
	if err := s.Add(target, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, ".floor2.pdf.999"+tempSuffix)
	os.WriteFile(leftover, []byte("x"), 0o644)
	if n, err := Clean(dir); err != nil || n != 1 {
		t.Fatalf("Clean: %d, %v; want the one leftover removed", n, err)
	}
	if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
		t.Error("the leftover is still there")
	}
	if err := s.Commit(); err != nil {
		t.Fatalf("Commit after Clean: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target %q", got)
	}
}
