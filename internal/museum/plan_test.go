package museum

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"pamphlet/internal/tomlfile"
)

// withPlan is valid with a plan on floor1, at line 11.
var withPlan = strings.Replace(valid, `id = "floor1"`, "id = \"floor1\"\nplan = \"plans/floor1.png\"", 1)

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, image.NewGray16(image.Rect(0, 0, 6, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// interlaced marks a PNG's header interlaced, its checksum mended.
func interlaced(data []byte) []byte {
	d := bytes.Clone(data)
	d[28] = 1
	binary.BigEndian.PutUint32(d[29:], crc32.ChecksumIEEE(d[12:29]))
	return d
}

func TestLoadPlan(t *testing.T) {
	png8 := encoded(t, func(b *bytes.Buffer, im image.Image) error {
		g := image.NewGray(im.Bounds())
		return png.Encode(b, g)
	})
	png16 := encoded(t, func(b *bytes.Buffer, im image.Image) error { return png.Encode(b, im) })
	jpg := encoded(t, func(b *bytes.Buffer, im image.Image) error { return jpeg.Encode(b, im, nil) })
	gifData := encoded(t, func(b *bytes.Buffer, im image.Image) error { return gif.Encode(b, im, nil) })
	for _, c := range []struct {
		name   string
		toml   string
		file   []byte // at plans/floor1.png; nil: no file
		format string // want, or "" for an error
		err    string
	}{
		{"png", withPlan, png8, "png", ""},
		{"jpeg under a .png name", withPlan, jpg, "jpeg", ""},
		{"missing file", withPlan, nil, "", `museum.toml:11: plan = "plans/floor1.png": no such file in the museum's folder`},
		{"text file", withPlan, []byte("a plan, in words"), "", `museum.toml:11: plan = "plans/floor1.png": neither a PNG nor a JPEG image`},
		{"gif", withPlan, gifData, "", `museum.toml:11: plan = "plans/floor1.png": neither a PNG nor a JPEG image`},
		{"16-bit png", withPlan, png16, "", "museum.toml:11: plan = \"plans/floor1.png\": a PNG of 16 bits per channel"},
		{"interlaced png", withPlan, interlaced(png8), "", "museum.toml:11: plan = \"plans/floor1.png\": an interlaced PNG"},
		{"outside the folder", strings.Replace(withPlan, "plans/floor1.png", "../plans/floor1.png", 1), png8, "", `museum.toml:11: plan = "../plans/floor1.png": give the image's path inside the museum's folder`},
		{"alt without plan", strings.Replace(valid, `id = "floor1"`, "id = \"floor1\"\nplan_alt = \"my.alt\"", 1), nil, "", `museum.toml:11: plan_alt = "my.alt" but no plan`},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{FileName: {Data: []byte(c.toml)}}
			if c.file != nil {
				fsys["plans/floor1.png"] = &fstest.MapFile{Data: c.file}
			}
			m, err := Load(fsys)
			if c.format == "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want it to contain %q", err, c.err)
				}
				var me *Error
				var pe *PlanError
				if !errors.As(err, &me) && !errors.As(err, &pe) {
					t.Errorf("error %T, want a museum.Error or PlanError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			im := m.Parts[0].PlanImage
			if im == nil || im.Format != c.format || im.Width != 6 || im.Height != 4 || !bytes.Equal(im.Data, c.file) || len(im.SHA256) != 64 {
				t.Fatalf("plan %+v, want a 6 × 4 %s", im, c.format)
			}
		})
	}
}

// TestPlanAltText: a plan's text alternative is a required text of the
// structure, after the part's rooms, derived or named, at its line.
func TestPlanAltText(t *testing.T) {
	for _, c := range []struct {
		name, toml, id, elem string
		line                 int
	}{
		{"derived", withPlan, "floor1.plan_alt", "floors[0].plan", 11},
		{"named", strings.Replace(withPlan, `plan = "plans/floor1.png"`, "plan = \"plans/floor1.png\"\nplan_alt = \"my.plan\"", 1), "my.plan", "floors[0].plan_alt", 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := Parse([]byte(c.toml))
			if err != nil {
				t.Fatal(err)
			}
			var got *Text
			var ids []string
			for _, tx := range m.Texts() {
				ids = append(ids, tx.ID)
				if tx.ID == c.id {
					got = &tx
				}
			}
			if got == nil || got.Optional || got.Elem != c.elem {
				t.Fatalf("texts %v: want %s, required, at %s; got %+v", ids, c.id, c.elem, got)
			}
			if line := tomlfile.Locate([]byte(c.toml)).ElemLine(got.Elem); line != c.line {
				t.Errorf("%s is at line %d, want %d", c.id, line, c.line)
			}
			if m.Parts[0].PlanAltText.ID != c.id {
				t.Errorf("PlanAltText %+v", m.Parts[0].PlanAltText)
			}
		})
	}
	m, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	for _, tx := range m.Texts() {
		if strings.HasSuffix(tx.ID, "plan_alt") {
			t.Errorf("a part without a plan asks for %s", tx.ID)
		}
	}
}
