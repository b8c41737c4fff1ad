package main

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/pdftest"
)

// goldenPages are pages that were rendered, looked at and found right by
// a reader of the script: joined Arabic read right to left, Hebrew right
// to left, Japanese and Korean line breaks, Greek. testdata/golden holds
// each as a grey PNG at goldenDPI, so that a reviewer can look at it too.
var goldenPages = []struct {
	lang, floor string
	page        int
}{
	{"he", "floor1", 3},
	{"ar", "floor1", 3},
	// The vocalised quotation (shadda with kasra, sukun) and the pointed
	// Hebrew one (dagesh, qubuts, holam): marks where GPOS puts them.
	{"ar", "floor3", 4},
	{"he", "floor3", 2},
	{"ja", "floor1", 3},
	{"ko", "floor1", 3},
	{"el", "floor1", 3},
	{"en", "floor1", 1},
}

func goldenName(lang, floor string, page int) string {
	return lang + "-" + floor + "-p" + strconv.Itoa(page) + ".png"
}

const (
	// goldenDPI is the resolution of the golden images (supersampled, see
	// pdftest.RenderSupersampled): one pixel is one point, and a folio's
	// 8.5 pt digit still holds four to five pixels' worth of ink.
	goldenDPI = 72
	// goldenReach and goldenWindow are pdftest.Compare's reach and window,
	// in pixels: ink may move by a pixel; what is missing is summed over
	// 6 × 6 pt, about the size of a folio digit.
	goldenReach, goldenWindow = 1, 6
	// maxGoldenInk is how much ink (in pixels' worth of black) a window
	// of a page may have that its golden image lacks, or lack that it
	// has. Measured with this project's pages: anti-aliasing off gives
	// at most 1, a 1-pixel blur at most 2, a folio blanked at least 3.7.
	// TestGoldenComparisonIsFineEnough holds it between the two.
	maxGoldenInk = 2.7
)

func renderGolden(t *testing.T, path string, page int, extra ...string) *image.Gray {
	return pdftest.RenderSupersampled(t, path, page, goldenDPI, extra...)
}

// compareGolden compares two renderings; images of different sizes
// differ without measure (+Inf).
func compareGolden(a, b *image.Gray) (pdftest.Difference, error) {
	d, err := pdftest.Compare(a, b, goldenReach, goldenWindow)
	if err != nil {
		d.Ink = math.Inf(1)
	}
	return d, err
}

// TestGoldenPages renders reviewed pages and compares them with their
// golden images (pdftest.Compare). After a deliberate change, look at the
// new pages, then run with UPDATE_GOLDEN=1 (and -v to see the log): it
// replaces each golden image, keeps the one it replaces beside it as
// NAME.old.png (git ignores those), and logs how far apart the two are.
func TestGoldenPages(t *testing.T) {
	out := sampleBuild(t)
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	for _, g := range goldenPages {
		golden := filepath.Join("testdata", "golden", goldenName(g.lang, g.floor, g.page))
		got := renderGolden(t, filepath.Join(out, g.lang, g.floor+".pdf"), g.page)
		_, err := os.Stat(golden)
		if update {
			if err != nil {
				t.Logf("%s: new golden image", golden)
			} else {
				old := pdftest.ReadPNG(t, golden)
				d, err := compareGolden(old, got)
				if err != nil {
					t.Logf("%s: the new rendering cannot be compared with the old: %v; the old image is kept as %s", golden, err, oldGolden(golden))
				} else {
					t.Logf("%s: the new rendering differs from the old by %v (limit %.1f); the old image is kept as %s", golden, d, maxGoldenInk, oldGolden(golden))
				}
				pdftest.WritePNG(t, oldGolden(golden), old)
			}
			pdftest.WritePNG(t, golden, got)
			continue
		}
		if err != nil {
			t.Errorf("%s: no golden image; render it, look at it, and run with UPDATE_GOLDEN=1", golden)
			continue
		}
		if d, err := compareGolden(pdftest.ReadPNG(t, golden), got); err != nil || d.Ink > maxGoldenInk {
			kept := filepath.Join(os.TempDir(), "pamphlet-"+filepath.Base(golden))
			pdftest.WritePNG(t, kept, got)
			if err == nil {
				err = fmt.Errorf("%v (limit %.1f)", d, maxGoldenInk)
			}
			t.Errorf("%s %s page %d differs from its golden image: %v; the new rendering is %s", g.lang, g.floor, g.page, err, kept)
		}
	}
}

// oldGolden is where UPDATE_GOLDEN keeps the image it replaces.
func oldGolden(golden string) string {
	return strings.TrimSuffix(golden, ".png") + ".old.png"
}

// TestGoldenImagesAreCompared: every PNG in testdata/golden is a golden
// page that TestGoldenPages compares, except the .old.png copies that
// UPDATE_GOLDEN leaves for review.
func TestGoldenImagesAreCompared(t *testing.T) {
	listed := map[string]bool{}
	for _, g := range goldenPages {
		listed[goldenName(g.lang, g.floor, g.page)] = true
	}
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.png"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden images: %v", err)
	}
	for _, f := range files {
		if name := filepath.Base(f); !listed[name] && !strings.HasSuffix(name, ".old.png") {
			t.Errorf("%s is no page of goldenPages: add it there or remove it", f)
		}
	}
}

// TestGoldenComparisonIsFineEnough holds maxGoldenInk between what must
// pass and what must fail, on every golden inner page: the same page
// rendered with anti-aliasing off, or blurred by a pixel, passes; the
// page with its folio blanked, or without its last line of text (as when
// a heading moves to the next page), fails.
func TestGoldenComparisonIsFineEnough(t *testing.T) {
	out := sampleBuild(t)
	for _, g := range goldenPages {
		if g.page == 1 {
			continue // the cover carries no folio
		}
		t.Run(g.lang, func(t *testing.T) {
			path := filepath.Join(out, g.lang, g.floor+".pdf")
			golden := pdftest.ReadPNG(t, filepath.Join("testdata", "golden", goldenName(g.lang, g.floor, g.page)))
			var words []pdftest.Word
			for _, w := range pdftest.Words(t, path) {
				if w.Page == g.page {
					words = append(words, w)
				}
			}
			folio := words[0]
			for _, w := range words {
				if w.YMax > folio.YMax {
					folio = w
				}
			}
			if folio.Text != strconv.Itoa(g.page) {
				t.Fatalf("the lowest word of page %d is %q, not its folio", g.page, folio.Text)
			}
			var last image.Rectangle // the lowest line above the folio
			for _, w := range words {
				if w.YMax < folio.YMin-2 && w.YMax > float64(last.Max.Y)+2 {
					last = image.Rectangle{}
				}
				if w.YMax < folio.YMin-2 && w.YMax >= float64(last.Max.Y)-2 {
					last = last.Union(box(w))
				}
			}
			for _, c := range []struct {
				what string
				img  *image.Gray
				ok   bool
			}{
				{"rendered without anti-aliasing of text", renderGolden(t, path, g.page, "-aa", "no"), true},
				{"blurred by a pixel", blur(golden), true},
				{"without its folio", blank(golden, box(folio)), false},
				{"without its last line", blank(golden, last), false},
			} {
				d, err := compareGolden(golden, c.img)
				if err != nil {
					t.Fatal(err)
				}
				if ok := d.Ink <= maxGoldenInk; ok != c.ok {
					t.Errorf("the golden page and the page %s differ by %v: limit %.1f, want accepted = %v", c.what, d, maxGoldenInk, c.ok)
				}
			}
		})
	}
}

// box is a word's box in golden-image pixels, a pixel wider every way.
func box(w pdftest.Word) image.Rectangle {
	s := goldenDPI / 72.0
	return image.Rect(int(w.XMin*s)-1, int(w.YMin*s)-1, int(w.XMax*s)+2, int(w.YMax*s)+2)
}

// blank returns a copy of g with r painted white.
func blank(g *image.Gray, r image.Rectangle) *image.Gray {
	o := image.NewGray(g.Rect)
	copy(o.Pix, g.Pix)
	r = r.Intersect(g.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			o.SetGray(x, y, color.Gray{Y: 255})
		}
	}
	return o
}

// blur returns g after a 3×3 box blur: every pixel the mean of itself and
// its neighbours.
func blur(g *image.Gray) *image.Gray {
	b := g.Rect
	o := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			sum, n := 0, 0
			for yy := max(y-1, b.Min.Y); yy <= min(y+1, b.Max.Y-1); yy++ {
				for xx := max(x-1, b.Min.X); xx <= min(x+1, b.Max.X-1); xx++ {
					sum += int(g.GrayAt(xx, yy).Y)
					n++
				}
			}
			o.SetGray(x, y, color.Gray{Y: uint8(sum / n)})
		}
	}
	return o
}
