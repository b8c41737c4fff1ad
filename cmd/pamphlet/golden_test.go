package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"pamphlet/internal/pdftest"
)

// goldenPages are pages that were rendered, looked at and found right by
// a reader of the script: joined Arabic read right to left, Hebrew right
// to left, Japanese and Korean line breaks, Greek. testdata/golden holds
// each as a PNG (36 dpi, grey) so that a reviewer can look at it too.
var goldenPages = []struct {
	lang, floor string
	page        int
}{
	{"he", "floor1", 2},
	{"ar", "floor1", 2},
	{"ja", "floor1", 2},
	{"ko", "floor1", 2},
	{"el", "floor1", 2},
	{"en", "floor1", 1},
}

// maxGoldenDistance is how many of the 256 hash bits may differ: enough
// for another poppler version's anti-aliasing, far too few for a moved
// column, a mirrored page, or missing lines.
const maxGoldenDistance = 24

// TestGoldenPages renders reviewed pages and compares them with their
// golden images by perceptual hash. After a deliberate change, look at
// the new pages and run with UPDATE_GOLDEN=1 to replace the goldens.
func TestGoldenPages(t *testing.T) {
	out := sampleBuild(t)
	for _, g := range goldenPages {
		name := g.lang + "-" + g.floor + "-p" + string(rune('0'+g.page)) + ".png"
		golden := filepath.Join("testdata", "golden", name)
		got := pdftest.RenderPage(t, filepath.Join(out, g.lang, g.floor+".pdf"), g.page, 36)
		if os.Getenv("UPDATE_GOLDEN") == "1" {
			copyFile(t, got, golden)
			continue
		}
		if _, err := os.Stat(golden); err != nil {
			t.Errorf("%s: no golden image; render it, look at it, and run with UPDATE_GOLDEN=1", golden)
			continue
		}
		if d := pdftest.HashPNG(t, got).Distance(pdftest.HashPNG(t, golden)); d > maxGoldenDistance {
			kept := filepath.Join(os.TempDir(), "pamphlet-"+name)
			copyFile(t, got, kept)
			t.Errorf("%s %s page %d differs from its golden image by %d/256 bits; the new rendering is %s", g.lang, g.floor, g.page, d, kept)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	os.MkdirAll(filepath.Dir(to), 0o755)
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
}
