package fingerprint

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestGoBuildID: the test binary's build ID is read from its ELF note,
// as `go tool buildid` reads it; a file that is no executable has none.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if runtime.GOOS != "linux" {
		t.Skipf("build IDs are read from ELF files only; %s: %q", runtime.GOOS, id)
	}
	want, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if id == "" || id != strings.TrimSpace(string(want)) {
		t.Errorf("build ID %q, go tool buildid says %q", id, strings.TrimSpace(string(want)))
	}
	if got := goBuildID("fingerprint_test.go"); got != "" {
		t.Errorf("a Go source file has build ID %q", got)
	}
}

// TestFolder: the sum changes with any file's bytes, name or presence,
// not with dot-files or skipped paths; a linked folder cannot be summed.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum := func() string {
		t.Helper()
		s, ok := Folder(dir, []string{filepath.Join(dir, "out")})
		if !ok {
			t.Fatal("not fingerprinted")
		}
		return s
	}
	write("museum.toml", "a")
	write("locales/de.toml", "b")
	first := sum()
	write(".git/HEAD", "x")
	write("out/de/floor1.pdf", "x")
	if sum() != first {
		t.Error("a dot-folder or the skipped output folder changed the sum")
	}
	for _, change := range []struct{ name, text string }{
		{"locales/de.toml", "c"},        // bytes
		{"locales/fr.toml", "b"},        // a new file
		{"plans/floor1.png", "\x89PNG"}, // a new folder
	} {
		before := sum()
		write(change.name, change.text)
		if sum() == before {
			t.Errorf("%s: the sum did not change", change.name)
		}
	}
	os.Rename(filepath.Join(dir, "locales", "fr.toml"), filepath.Join(dir, "locales", "es.toml"))
	renamed := sum()
	os.Rename(filepath.Join(dir, "locales", "es.toml"), filepath.Join(dir, "locales", "fr.toml"))
	if renamed == sum() {
		t.Error("a renamed file did not change the sum")
	}
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "linked")); err != nil {
		t.Skip(err)
	}
	if _, ok := Folder(dir, nil); ok {
		t.Error("a folder with a linked folder in it was fingerprinted")
	}
}

// TestFolderTooLarge: a folder of more than MaxFiles files is not read
// through.
func TestFolderTooLarge(t *testing.T) {
	dir := t.TempDir()
	for i := range MaxFiles + 1 {
		if err := os.WriteFile(filepath.Join(dir, "f"+itoa(i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := Folder(dir, nil); ok {
		t.Errorf("a folder of %d files was fingerprinted", MaxFiles+1)
	}
	os.Remove(filepath.Join(dir, "f0"))
	if _, ok := Folder(dir, nil); !ok {
		t.Errorf("a folder of %d files was not fingerprinted", MaxFiles)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
