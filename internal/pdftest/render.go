package pdftest

import (
	"image"
	"image/png"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// RenderPage renders one page to a PNG with poppler's pdftoppm (grey, at
// dpi) and returns the PNG's path.
func RenderPage(t testing.TB, path string, page, dpi int) string {
	t.Helper()
	RequireTool(t, "pdftoppm", "rendering a page needs a rasteriser")
	prefix := filepath.Join(t.TempDir(), "page")
	p := strconv.Itoa(page)
	if out, err := exec.Command("pdftoppm", "-png", "-gray", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	return prefix + ".png"
}

// Hash is a 256-bit difference hash of a page image: the page shrunk to
// 17×16 cells of average brightness, one bit per pair of horizontal
// neighbours. Pages that look alike have hashes a few bits apart, however
// the rasteriser anti-aliases; moved, missing or extra text flips many.
type Hash [4]uint64

// Distance is the number of differing bits.
func (h Hash) Distance(o Hash) int {
	d := 0
	for i := range h {
		d += bits.OnesCount64(h[i] ^ o[i])
	}
	return d
}

// HashPNG computes the Hash of a PNG file.
func HashPNG(t testing.TB, path string) Hash {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return hashImage(img)
}

func hashImage(img image.Image) Hash {
	const w, h = 17, 16
	b := img.Bounds()
	var cells [h][w]float64
	var counts [h][w]int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		cy := (y - b.Min.Y) * h / b.Dy()
		for x := b.Min.X; x < b.Max.X; x++ {
			cx := (x - b.Min.X) * w / b.Dx()
			r, g, bl, _ := img.At(x, y).RGBA()
			cells[cy][cx] += float64(r+g+bl) / 3
			counts[cy][cx]++
		}
	}
	var hash Hash
	bit := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w-1; x++ {
			a := cells[y][x] / float64(max(counts[y][x], 1))
			c := cells[y][x+1] / float64(max(counts[y][x+1], 1))
			if a > c {
				hash[bit/64] |= 1 << (bit % 64)
			}
			bit++
		}
	}
	return hash
}
