package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"pamphlet/i18n"
	"pamphlet/internal/build"
	"pamphlet/internal/museum"
	"pamphlet/internal/pdftest"
)

// planAlt is the floor plan's text alternative in each language of the
// fixture.
var planAlt = map[string]string{
	"it": "Pianta del primo piano: ingresso, celle 1 e 2, stanza degli interrogatori.",
	"en": "Plan of the first floor: the entrance, cells 1 and 2, the interrogation room.",
}

// planLine is the line of plan = … in the fixture's museum.toml.
const planLine = 25

// planMuseum is the sample with a floor plan on floor1 (a 300 × 200 PNG
// at plans/floor1.png, museum.toml line 25) and its text alternative,
// floor1.plan_alt, in Italian and English; no other language has it.
func planMuseum(t *testing.T) string {
	t.Helper()
	dir := copySample(t)
	edit(t, filepath.Join(dir, "museum.toml"), "id = \"floor1\"\n", "id = \"floor1\"\nplan = \"plans/floor1.png\"\n")
	img := image.NewGray(image.Rect(0, 0, 300, 200))
	for i := range img.Pix {
		img.Pix[i] = 230
	}
	for x := range 300 {
		for y := range 200 {
			if x%50 < 3 || y%50 < 3 {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "plans", "floor1.png"), buf.Bytes())
	src := &i18n.Message{Forms: map[string]string{"other": planAlt["it"]}}
	appendTo(t, filepath.Join(dir, "locales", "it.toml"), fmt.Sprintf("\n[\"floor1.plan_alt\"]\ndescription = \"Text alternative of the first floor's plan, for screen readers.\"\nother = %q\n", planAlt["it"]))
	appendTo(t, filepath.Join(dir, "locales", "en.toml"), fmt.Sprintf("\n[\"floor1.plan_alt\"]\nhash = %q\nother = %q\n", i18n.SourceHash(src), planAlt["en"]))
	if got := strings.Split(read(t, filepath.Join(dir, "museum.toml")), "\n")[planLine-1]; got != `plan = "plans/floor1.png"` {
		t.Fatalf("museum.toml line %d is %q, not the plan", planLine, got)
	}
	return dir
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// TestFloorPlanPage: a part with a plan gets a plan page where a5's fill
// puts it (after the contents, on the first page the flow leaves: the
// page before the notes), with the one image, under the part's title,
// as a Figure whose Alt is the pamphlet language's text; its booklet has
// no blank page and carries the image once; the whole museum's pamphlet
// has no plan page and still fills its sheets.
func TestFloorPlanPage(t *testing.T) {
	pdftest.RequireTool(t, "pdftotext", "the pages' text is read")
	dir := planMuseum(t)
	out := t.TempDir()
	mustRun(t, "build", "--museum", dir, "--lang", "it,en", "--floor", "floor1", "--booklet", "--out", out)
	m, err := museum.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	floor, _ := m.Part("floor1")
	for _, lang := range []string{"it", "en"} {
		t.Run(lang, func(t *testing.T) {
			path := filepath.Join(out, lang, "floor1.pdf")
			pages := pdftest.PageTexts(t, path)
			images := pdftest.Images(t, path)
			if len(images) != 1 || images[0].Width != 300 || images[0].Height != 200 {
				t.Fatalf("images %+v, want the 300 × 200 plan once", images)
			}
			at := images[0].Page // 1-based
			notes := furnitureText(t, lang, "ui.notes")
			if at < 3 || at >= len(pages) || !strings.Contains(pages[at], notes) {
				t.Errorf("the plan is on page %d of %d; want it on the page before the notes (%q)", at, len(pages), notes)
			}
			title := readCatalogText(t, dir, lang, "floor1.title")
			if got := strings.Fields(pages[at-1]); strings.Join(got[:len(got)-1], " ") != strings.Join(strings.Fields(title), " ") || got[len(got)-1] != strconv.Itoa(at) {
				t.Errorf("the plan page reads %q, want the floor's title %q and its page number", pages[at-1], title)
			}
			tg := checkTagged(t, path, lang, &floor)
			var figures []*pdftest.Elem
			tg.Root.Walk(func(e *pdftest.Elem) {
				if e.Role == "Figure" {
					figures = append(figures, e)
				}
			})
			if len(figures) != 1 || figures[0].Alt != planAlt[lang] || figures[0].Lang != "" || len(figures[0].Marks) != 1 || figures[0].Marks[0].Page != at-1 {
				t.Errorf("figures %+v, want one on page %d with the Alt %q in the pamphlet's language", figures, at, planAlt[lang])
			}

			booklet := filepath.Join(out, lang, "floor1-booklet.pdf")
			sizes := pdftest.PageSizes(t, booklet)
			if 2*len(sizes) != len(pages) {
				t.Errorf("%d pages on %d sheet sides: the booklet was padded", len(pages), len(sizes))
			}
			for side, s := range sizes {
				for half := range 2 {
					if pdftest.RegionText(t, booklet, side+1, float64(half)*s[0]/2, 0, s[0]/2, s[1]) == "" {
						t.Errorf("booklet side %d, %s half is blank", side+1, []string{"left", "right"}[half])
					}
				}
			}
			if n := len(pdftest.Images(t, booklet)); n != 1 {
				t.Errorf("the booklet draws %d images, want the plan once", n)
			}
			checkTagged(t, booklet, lang, &floor)
		})
	}

	whole := t.TempDir()
	mustRun(t, "build", "--museum", dir, "--lang", "en", "--whole", "--out", whole)
	path := filepath.Join(whole, "en", "museum.pdf")
	if n := len(pdftest.Images(t, path)); n != 0 {
		t.Errorf("the whole museum's pamphlet draws %d images, want none (no single part's plan is its own)", n)
	}
	if n := len(pdftest.PageTexts(t, path)); n%4 != 0 {
		t.Errorf("the whole museum's pamphlet has %d pages, not a multiple of four: skipping the plan left its pages unfilled", n)
	}
}

// readCatalogText is a message's text in a catalog of the museum in dir.
func readCatalogText(t *testing.T, dir, lang, id string) string {
	t.Helper()
	cats, err := i18n.LoadAll(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	m := cats[lang].Messages[id]
	if m == nil {
		t.Fatalf("%s has no %s", lang, id)
	}
	return m.Text()
}

// TestFloorPlanErrors: a plan that cannot be printed stops the build
// with museum.toml's line, the file and what to do.
func TestFloorPlanErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		spoil func(t *testing.T, dir string)
		want  string
	}{
		{"missing file", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "plans", "floor1.png")); err != nil {
				t.Fatal(err)
			}
		}, fmt.Sprintf(`museum.toml:%d: plan = "plans/floor1.png": no such file in the museum's folder`, planLine)},
		{"not an image", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "plans", "floor1.png"), []byte("Piano 1: ingresso, celle, interrogatori\n"))
		}, fmt.Sprintf(`museum.toml:%d: plan = "plans/floor1.png": neither a PNG nor a JPEG image: export the plan as PNG or JPEG`, planLine)},
		{"no alt text in the source", func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "locales", "it.toml"), `["floor1.plan_alt"]`, `["floor1.plan_alt_old"]`)
		}, fmt.Sprintf(`museum.toml:%d: floor floor1: floor plan, its text alternative needs message "floor1.plan_alt", which locales/it.toml lacks`, planLine)},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := planMuseum(t)
			c.spoil(t, dir)
			out := t.TempDir()
			code, _, stderr := cli(t, "build", "--museum", dir, "--lang", "en", "--out", out)
			if code != exitFail || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, exitFail, c.want)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("stderr has more than one line: %q", stderr)
			}
		})
	}
}

// TestFloorPlanIncremental: the cache key takes the plan image's bytes:
// a new image rebuilds the pamphlets of its part, and nothing else.
func TestFloorPlanIncremental(t *testing.T) {
	dir := planMuseum(t)
	out := t.TempDir()
	args := []string{"--museum", dir, "--out", out, "--lang", "it,en"}
	if first := buildReport(t, args...); len(byStatus(first)[build.Built]) != 6 {
		t.Fatalf("first build: %v, want 6 built", byStatus(first))
	}
	img := image.NewGray(image.Rect(0, 0, 300, 200)) // another plan of the same size: black
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "plans", "floor1.png"), buf.Bytes())
	got := byStatus(buildReport(t, args...))
	if b := strings.Join(got[build.Built], " "); b != "it/floor1 en/floor1" && b != "en/floor1 it/floor1" {
		t.Errorf("after a new plan for floor 1, rebuilt %v, want it/floor1 and en/floor1", got[build.Built])
	}
}
