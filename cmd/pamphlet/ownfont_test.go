package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet"
)

// TestOwnDamagedFontRefused: a museum's own font file, unlike the
// program's, is checked before anything is drawn or vouched for: check
// and build both refuse a damaged one, naming it, even when the
// languages asked for would not draw with it — and again on the next
// run (nothing remembered hides it).
func TestOwnDamagedFontRefused(t *testing.T) {
	dir := copySample(t)
	data, err := pamphlet.Sample.ReadFile("fonts/WenQuanYiMicroHei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "fonts", "WenQuanYiMicroHei.ttf")
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data[:len(data)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "--museum", dir},
		{"check", "--museum", dir},
		{"build", "--museum", dir, "--out", t.TempDir(), "--lang", "en", "--floor", "floor1"},
	} {
		code, out, errOut := cli(t, args...)
		if code != exitFail || !strings.Contains(errOut, "WenQuanYiMicroHei.ttf") {
			t.Errorf("pamphlet %s: exit %d, want %d naming the damaged font\n%s%s", strings.Join(args, " "), code, exitFail, out, errOut)
		}
	}
}
