package pdftest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// RenderPage renders one page to a PNG with poppler's pdftoppm (grey, at
// dpi) and returns the PNG's path. Extra arguments go to pdftoppm (such
// as "-aa", "no").
func RenderPage(t testing.TB, path string, page, dpi int, extra ...string) string {
	t.Helper()
	RequireTool(t, "pdftoppm", "rendering a page needs a rasteriser")
	prefix := filepath.Join(t.TempDir(), "page")
	p := strconv.Itoa(page)
	args := append([]string{"-png", "-gray", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile"}, extra...)
	if out, err := exec.Command("pdftoppm", append(args, path, prefix)...).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	return prefix + ".png"
}

// RenderSupersampled renders one page at dpi as pdftoppm renders it at
// 4×dpi, each 4×4 block of pixels averaged into one: the grey of each
// pixel is then the share of it that ink covers, whichever way the
// rasteriser anti-aliases (on or off, another poppler version), so that
// renderings compare across machines. Extra arguments go to pdftoppm.
func RenderSupersampled(t testing.TB, path string, page, dpi int, extra ...string) *image.Gray {
	t.Helper()
	const k = 4
	big := ReadPNG(t, RenderPage(t, path, page, k*dpi, extra...))
	b := big.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx()/k, b.Dy()/k))
	for y := 0; y < g.Rect.Dy(); y++ {
		for x := 0; x < g.Rect.Dx(); x++ {
			sum := 0
			for yy := 0; yy < k; yy++ {
				for xx := 0; xx < k; xx++ {
					sum += int(big.GrayAt(b.Min.X+k*x+xx, b.Min.Y+k*y+yy).Y)
				}
			}
			g.Pix[g.PixOffset(x, y)] = uint8((sum + k*k/2) / (k * k))
		}
	}
	return g
}

// ReadPNG decodes a PNG file to a grey image.
func ReadPNG(t testing.TB, path string) *image.Gray {
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
	return Grey(img)
}

// WritePNG writes an image as a PNG file, creating its directory.
func WritePNG(t testing.TB, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Grey converts an image to grey levels.
func Grey(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return g
}

// Difference is how two renderings of a page differ, as Compare finds it.
type Difference struct {
	// Ink is the most ink, in pixels' worth of black, that one image has
	// and the other lacks within one window.
	Ink float64
	// Where is that window.
	Where image.Rectangle
}

func (d Difference) String() string {
	return fmt.Sprintf("%.1f pixels of ink in %v", d.Ink, d.Where)
}

// Compare finds the ink of each page image that the other lacks. Both are
// first softened by a 3×3 box blur; then each pixel's darkness counts as
// missing from the other image by what it exceeds the darkest pixel of the
// other within reach pixels; the result is the window of win×win pixels
// where the most ink is missing, either way. Anti-aliasing, on or off,
// moves grey between neighbouring pixels and by less than a pixel, so a
// blurred glyph finds its like within reach and costs little; a glyph that
// is missing, added or moved further costs all of its ink, however small
// it is (a page number's digit). Images of different sizes are an error.
func Compare(a, b *image.Gray, reach, win int) (Difference, error) {
	if a.Bounds().Size() != b.Bounds().Size() {
		return Difference{}, fmt.Errorf("the images are %v and %v pixels", a.Bounds().Size(), b.Bounds().Size())
	}
	size := a.Bounds().Size()
	da, db := darkness(a), darkness(b)
	ma, mb := dilate(da, size, reach), dilate(db, size, reach)
	var d Difference
	for _, m := range [][2][]float64{{da, mb}, {db, ma}} {
		miss := make([]float64, len(da))
		for i, v := range m[0] {
			miss[i] = max(v-m[1][i], 0)
		}
		if w := worstWindow(miss, size, win); w.Ink > d.Ink {
			d = w
		}
	}
	return d, nil
}

// darkness returns 1-grey/255 of every pixel after a 3×3 box blur.
func darkness(g *image.Gray) []float64 {
	size := g.Bounds().Size()
	out := make([]float64, size.X*size.Y)
	for y := 0; y < size.Y; y++ {
		for x := 0; x < size.X; x++ {
			var sum float64
			n := 0
			for yy := max(y-1, 0); yy <= min(y+1, size.Y-1); yy++ {
				for xx := max(x-1, 0); xx <= min(x+1, size.X-1); xx++ {
					sum += 1 - float64(g.Pix[g.PixOffset(g.Rect.Min.X+xx, g.Rect.Min.Y+yy)])/255
					n++
				}
			}
			out[y*size.X+x] = sum / float64(n)
		}
	}
	return out
}

// dilate returns, for every pixel, the largest value within reach.
func dilate(v []float64, size image.Point, reach int) []float64 {
	rows := make([]float64, len(v))
	for y := 0; y < size.Y; y++ {
		for x := 0; x < size.X; x++ {
			m := 0.0
			for xx := max(x-reach, 0); xx <= min(x+reach, size.X-1); xx++ {
				m = max(m, v[y*size.X+xx])
			}
			rows[y*size.X+x] = m
		}
	}
	out := make([]float64, len(v))
	for y := 0; y < size.Y; y++ {
		for x := 0; x < size.X; x++ {
			m := 0.0
			for yy := max(y-reach, 0); yy <= min(y+reach, size.Y-1); yy++ {
				m = max(m, rows[yy*size.X+x])
			}
			out[y*size.X+x] = m
		}
	}
	return out
}

// worstWindow returns the win×win window with the largest sum of v.
func worstWindow(v []float64, size image.Point, win int) Difference {
	w := size.X + 1
	s := make([]float64, w*(size.Y+1))
	for y := 1; y <= size.Y; y++ {
		row := 0.0
		for x := 1; x <= size.X; x++ {
			row += v[(y-1)*size.X+x-1]
			s[y*w+x] = s[(y-1)*w+x] + row
		}
	}
	var d Difference
	for y := 0; y+win <= size.Y; y++ {
		for x := 0; x+win <= size.X; x++ {
			if sum := s[(y+win)*w+x+win] - s[y*w+x+win] - s[(y+win)*w+x] + s[y*w+x]; sum > d.Ink {
				d = Difference{Ink: sum, Where: image.Rect(x, y, x+win, y+win)}
			}
		}
	}
	return d
}
