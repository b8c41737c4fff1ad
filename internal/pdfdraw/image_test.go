package pdfdraw

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"testing"
	"time"

	"pamphlet"
	"pamphlet/internal/page"
	"pamphlet/internal/pdftest"
)

// picture encodes a w × h test image as format.
func picture(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.NRGBA{200, 0, 0, 255})
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// figure is a one-page document: a heading, then an image as a Figure.
func figure(f *page.Font, data []byte, format string) *page.Document {
	return &page.Document{
		Width: 420, Height: 595, Lang: "en", Title: "Plan",
		Elems: []page.Elem{
			{Role: "Document", Parent: -1},
			{Role: "H2", Parent: 0},
			{Role: "Figure", Parent: 0, Alt: "Plan of the first floor"},
		},
		Pages: []page.Page{{
			Lines:  []page.Line{{Y: 50, Runs: []page.Run{{Font: f, Size: 10, X: 20, Text: "Floor 1"}}, Tag: &page.Tag{Elem: 1, Seq: 0}}},
			Images: []page.Image{{X: 20, Y: 80, W: 300, H: 150, Data: data, Format: format, File: "plans/floor1." + format, Tag: &page.Tag{Elem: 2, Seq: 1}}},
		}},
	}
}

// TestImageDrawnAsFigure: an image is drawn, once, reproducibly, as the
// marked content of a Figure that carries its Alt text, after the heading.
func TestImageDrawnAsFigure(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f := &page.Font{Name: "serif", File: "fonts/DejaVuSerif.ttf", Data: raw}
	opt := Options{Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, format := range []string{"png", "jpeg"} {
		t.Run(format, func(t *testing.T) {
			data := picture(t, format, 40, 20)
			path := writeValid(t, func() *page.Document { return figure(f, data, format) }, opt)
			if got := pdftest.Images(t, path); len(got) != 1 || got[0] != (pdftest.PageImage{Page: 1, Width: 40, Height: 20}) {
				t.Errorf("images %+v, want one of 40 × 20 px on page 1", got)
			}
			tg := pdftest.ReadTagged(t, path)
			if k := tg.Root.Kids; len(k) != 2 || k[0].Role != "H2" || k[1].Role != "Figure" || k[1].Alt != "Plan of the first floor" || len(k[1].Marks) != 1 {
				t.Errorf("tree %+v, want H2 then a Figure with its Alt and one mark", k)
			}
		})
	}
}

// TestImageErrors: an image fpdf cannot read, and two different images
// of one width (which fpdf would write in a random order), are
// ImageErrors naming the file.
func TestImageErrors(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f := &page.Font{Name: "serif", File: "fonts/DejaVuSerif.ttf", Data: raw}
	twins := figure(f, picture(t, "png", 40, 20), "png")
	other := twins.Pages[0].Images[0]
	other.Data, other.File = picture(t, "png", 40, 30), "plans/floor2.png"
	twins.Pages[0].Images = append(twins.Pages[0].Images, other)
	for _, c := range []struct {
		name string
		doc  *page.Document
		file string
	}{
		{"not a png", figure(f, []byte("GIF89a not really"), "png"), "plans/floor1.png"},
		{"png called a jpeg", figure(f, picture(t, "png", 40, 20), "jpeg"), "plans/floor1.jpeg"},
		{"two of one width", twins, "plans/floor2.png"},
	} {
		err := Write(io.Discard, c.doc, Options{})
		var ie *ImageError
		if !errors.As(err, &ie) || ie.File != c.file {
			t.Errorf("%s: error %v, want an ImageError naming %s", c.name, err, c.file)
		}
	}
}
