package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/pdftest"
)

// TestBooklet prints the booklet of a left-to-right and a right-to-left
// pamphlet and reads each half of the first sheet back: an LTR booklet
// has the back cover on the left of the outer side and the front cover
// on the right; an RTL booklet, bound on the right, the other way round.
func TestBooklet(t *testing.T) {
	out := t.TempDir()
	mustRun(t, "build", "--booklet", "--lang", "en,he", "--floor", "floor1", "--out", out)
	p := openSample(t)
	for _, c := range []struct {
		lang      string
		coverLeft bool
	}{{"en", false}, {"he", true}} {
		t.Run(c.lang, func(t *testing.T) {
			plain := filepath.Join(out, c.lang, "floor1.pdf")
			path := filepath.Join(out, c.lang, "floor1-booklet.pdf")
			pdftest.Validate(t, path)
			sizes := pdftest.PageSizes(t, path)
			pages := len(pdftest.PageSizes(t, plain))
			if want := (pages + 3) / 4 * 2; len(sizes) != want {
				t.Errorf("%d sheet sides for %d pages, want %d", len(sizes), pages, want)
			}
			for _, s := range sizes {
				if math.Abs(s[0]-841.89) > 0.5 || math.Abs(s[1]-595.28) > 0.5 {
					t.Errorf("sheet %.1f x %.1f pt, want an A4 sheet (two A5 pages side by side, centred)", s[0], s[1])
				}
			}
			cat := p.Catalogs[c.lang]
			name := comparable(c.lang, cat.Messages["museum.name"].Text())
			visitor := comparable(c.lang, furnitureText(t, c.lang, "ui.visitor.heading"))
			left := comparable(c.lang, pdftest.RegionText(t, path, 1, 0, 0, a5Width, a5Height))
			right := comparable(c.lang, pdftest.RegionText(t, path, 1, a5Width, 0, a5Width, a5Height))
			cover, back := right, left
			if c.coverLeft {
				cover, back = left, right
			}
			if !strings.Contains(cover, name) {
				t.Errorf("the front cover is not on the expected half of the first sheet")
			}
			if !strings.Contains(back, visitor) {
				t.Errorf("the back cover (visitor information) is not on the expected half of the first sheet")
			}
		})
	}
}

// TestLargePrintLayout builds with another layout: A4 pages, file names
// carrying the layout's name, every panel title still there.
func TestLargePrintLayout(t *testing.T) {
	out := t.TempDir()
	mustRun(t, "build", "--layout", "large", "--lang", "ru", "--floor", "floor3", "--out", out)
	path := filepath.Join(out, "ru", "floor3-large.pdf")
	for i, s := range pdftest.PageSizes(t, path) {
		if math.Abs(s[0]-595.28) > 1 || math.Abs(s[1]-841.89) > 1 {
			t.Errorf("page %d is %.1f x %.1f pt, want A4", i+1, s[0], s[1])
		}
	}
	p := openSample(t)
	text := comparable("ru", pdftest.Text(t, path))
	floor, _ := p.Museum.Part("floor3")
	for _, room := range floor.Rooms {
		for _, panel := range room.Panels {
			if title := p.Catalogs["ru"].Messages[panel.TitleText.ID].Text(); !strings.Contains(text, comparable("ru", title)) {
				t.Errorf("large print lacks panel title %q", title)
			}
		}
	}
	if code, _, errOut := cli(t, "build", "--layout", "tiny", "--out", out); code != 1 || !strings.Contains(errOut, "available: a5, large") {
		t.Errorf("unknown layout: exit %d, %s", code, errOut)
	}
}

// TestTrifold prints a floor as a letter-fold leaflet: one A4 landscape
// sheet, the back (visitor information) in the middle of the outside, the
// cover on its right; a floor too long for four panels is refused.
func TestTrifold(t *testing.T) {
	out := t.TempDir()
	mustRun(t, "build", "--layout", "trifold", "--lang", "fr", "--floor", "floor2", "--out", out)
	path := filepath.Join(out, "fr", "floor2-trifold.pdf")
	pdftest.Validate(t, path)
	sizes := pdftest.PageSizes(t, path)
	if len(sizes) != 2 {
		t.Fatalf("%d sheet sides, want 2", len(sizes))
	}
	for _, s := range sizes {
		if math.Abs(s[0]-841.89) > 1 || math.Abs(s[1]-595.28) > 1 {
			t.Errorf("sheet %.1f x %.1f pt, want A4 landscape", s[0], s[1])
		}
	}
	cat := openSample(t).Catalogs["fr"]
	third := 841.89 / 3
	middle := comparable("fr", pdftest.RegionText(t, path, 1, third, 0, third, 595))
	right := comparable("fr", pdftest.RegionText(t, path, 1, 2*third, 0, third, 595))
	if !strings.Contains(middle, comparable("fr", furnitureText(t, "fr", "ui.visitor.heading"))) {
		t.Error("the back panel (middle of the outside) lacks the visitor information")
	}
	if !strings.Contains(right, comparable("fr", cat.Messages["museum.name"].Text())) {
		t.Error("the cover panel (right of the outside) lacks the museum's name")
	}

	museum := copySample(t)
	body := cat.Messages["floor2.cell3.front.body"].Text()
	edit(t, filepath.Join(museum, "locales", "fr.toml"), body, strings.Repeat(body+" ", 12))
	code, _, errOut := cli(t, "build", "--museum", museum, "--layout", "trifold", "--lang", "fr", "--floor", "floor2", "--out", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "does not fit a trifold") {
		t.Errorf("an overlong floor: exit %d, %s", code, errOut)
	}
}

// TestMuseumOwnLayout: a museum's layouts/ overrides the bundled layout of
// the same name.
func TestMuseumOwnLayout(t *testing.T) {
	museum := copySample(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "layouts", "a5.toml"))
	if err != nil {
		t.Fatal(err)
	}
	a6 := strings.Replace(strings.Replace(string(data), "width = 148", "width = 105", 1), "height = 210", "height = 148", 1)
	os.MkdirAll(filepath.Join(museum, "layouts"), 0o755)
	os.WriteFile(filepath.Join(museum, "layouts", "a5.toml"), []byte(a6), 0o644)
	out := t.TempDir()
	mustRun(t, "build", "--museum", museum, "--lang", "it", "--floor", "floor1", "--out", out)
	for _, s := range pdftest.PageSizes(t, filepath.Join(out, "it", "floor1.pdf")) {
		if math.Abs(s[0]-297.64) > 1 || math.Abs(s[1]-419.53) > 1 {
			t.Errorf("page %.1f x %.1f pt, want the museum's own A6 layout", s[0], s[1])
		}
	}
}
