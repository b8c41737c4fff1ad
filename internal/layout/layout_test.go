package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"pamphlet"
)

func TestBundledLayouts(t *testing.T) {
	for _, name := range Available(pamphlet.Sample) {
		l, err := Load(pamphlet.Sample, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if l.MeasurePt() < 200 {
			t.Errorf("%s: a %.0f pt measure is too narrow to read", name, l.MeasurePt())
		}
	}
	if a5, _ := Load(pamphlet.Sample, "a5"); a5 == nil || !a5.Text.Justify() || !a5.Text.Hyphenate {
		t.Errorf("a5 sets its running text ragged or unhyphenated")
	}
	if large, _ := Load(pamphlet.Sample, "large"); large == nil || large.Text.Justify() || large.Text.Hyphenate {
		t.Errorf("large print is justified or hyphenated: it must be ragged and unhyphenated")
	}
	if a5, _ := Load(pamphlet.Sample, "a5"); a5 == nil || int(a5.PageWidthPt()+0.5) != 420 || int(a5.PageHeightPt()+0.5) != 595 {
		t.Errorf("a5 is not 148 × 210 mm")
	}
}

func TestForCJK(t *testing.T) {
	l, err := Load(pamphlet.Sample, "a5")
	if err != nil {
		t.Fatal(err)
	}
	c := l.ForCJK()
	body := c.Styles["body"]
	if want := l.Text.CJKLeading * body.Size; body.Leading != want {
		t.Errorf("CJK body leading %g, want %g", body.Leading, want)
	}
	if l.Styles["body"].Leading != 13.5 {
		t.Errorf("ForCJK changed the layout it was called on")
	}
	l.Text.CJKLeading = 0
	if l.ForCJK() != l {
		t.Errorf("without cjk_leading ForCJK must return the layout as it is")
	}
}

func TestLoadErrors(t *testing.T) {
	good, err := pamphlet.Sample.ReadFile("layouts/a5.toml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, from, to, want string }{
		{"malformed", "width = 148", "width = 148mm", "layouts/x.toml:6: malformed TOML"},
		{"unknown key", "width = 148", "width = 148\ncolour = 1", `unknown key "page.colour"`},
		{"margins", "inner = 18", "inner = 80", "leave too little room"},
		{"missing style", "[styles.folio]", "[styles.folios]", "missing [styles.folio]"},
		{"align", `align = "justify"`, `align = "centre"`, `layouts/x.toml:138: text.align = "centre": use "justify" or "ragged"`},
		{"hyphenate not a boolean", "hyphenate = true", `hyphenate = "yes"`, `text.hyphenate`},
		{"unknown fill", `fill = ["contents", "plan", "notes", "colophon"]`, `fill = ["contents", "index"]`, `economy.fill = "index": use contents, plan, notes, colophon`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := strings.Replace(string(good), c.from, c.to, 1)
			if data == string(good) {
				t.Fatalf("fixture unchanged: %q not found", c.from)
			}
			_, err := Load(fstest.MapFS{"layouts/x.toml": {Data: []byte(data)}}, "x")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	if _, err := Load(fstest.MapFS{}, "nope"); err == nil || !strings.Contains(err.Error(), `layout "nope" not found`) {
		t.Errorf("missing layout: %v", err)
	}
}

// TestRanges: one bad value per case, each refused with the file, the
// line of its key, the key, the value and the range.
func TestRanges(t *testing.T) {
	a5, err := pamphlet.Sample.ReadFile("layouts/a5.toml")
	if err != nil {
		t.Fatal(err)
	}
	trifold, err := pamphlet.Sample.ReadFile("layouts/trifold.toml")
	if err != nil {
		t.Fatal(err)
	}
	body := "size = 9.5\nleading = 13.5"
	cases := []struct{ name, from, to, key, value, rule string }{
		{"width NaN", "width = 148", "width = nan", "page.width", "NaN", "a page side must be a length from 0.35 mm"},
		{"width +Inf", "width = 148", "width = inf", "page.width", "+Inf", "200 in, the most a PDF can hold"},
		{"width wider than PDF", "width = 148", "width = 5081", "page.width", "5081", "to 5080 mm"},
		{"width under a point", "width = 148", "width = 0.3", "page.width", "0.3", "from 0.35 mm (1 pt)"},
		{"height zero", "height = 210", "height = 0", "page.height", "0", "a page side"},
		{"height -Inf", "height = 210", "height = -inf", "page.height", "-Inf", "a page side"},
		{"margin negative", "top = 17", "top = -5", "margins.top", "-5", "a margin must be a length of 0 mm or more"},
		{"margin NaN", "outer = 15", "outer = nan", "margins.outer", "NaN", "a margin must be"},
		{"margins no room", "outer = 15", "outer = 60", "margins.outer", "60", "inner + outer = 78 mm leave too little room"},
		{"margins no height", "bottom = 20", "bottom = 90", "margins.bottom", "90", "top + bottom = 107 mm leave too little room"},
		{"size NaN", body, "size = nan\nleading = 13.5", "styles.body.size", "NaN", "a type size must be a number from 1 to 200 pt"},
		{"size zero", body, "size = 0\nleading = 13.5", "styles.body.size", "0", "a type size must be a number from 1 to 200 pt"},
		{"size huge", body, "size = 201\nleading = 13.5", "styles.body.size", "201", "from 1 to 200 pt"},
		{"leading under size", body, "size = 9.5\nleading = 5", "styles.body.leading", "5", "the leading must be from the size (9.5 pt) to 3 times it"},
		{"leading +Inf", body, "size = 9.5\nleading = inf", "styles.body.leading", "+Inf", "the leading must be"},
		{"leading past the area", "size = 22\nleading = 27", "size = 200\nleading = 600", "styles.cover_museum.leading", "600", "a line must fit the text area"},
		{"space negative", "space_before = 14", "space_before = -14", "styles.room.space_before", "-14", "space must be a number from 0 to 200 pt"},
		{"space NaN", "space_after = 10\nrule = true", "space_after = nan\nrule = true", "styles.visitor_heading.space_after", "NaN", "space must be"},
		{"grey 1000", "grey = 100", "grey = 1000", "styles.note.grey", "1000", "a grey level must be a whole number from 0 (black) to 255 (white)"},
		{"grey negative", "grey = 100", "grey = -1", "styles.note.grey", "-1", "a grey level"},
		{"cjk leading small", "cjk_leading = 1.65", "cjk_leading = 0.5", "text.cjk_leading", "0.5", "the CJK leading is a factor of the type size from 1 to 3"},
		{"cjk leading NaN", "cjk_leading = 1.65", "cjk_leading = nan", "text.cjk_leading", "NaN", "the CJK leading is a factor"},
		{"min leading above 1", "min_leading = 0.92", "min_leading = 1.1", "economy.min_leading", "1.1", "a factor of the leading from 0.5 to 1"},
		{"min leading NaN", "min_leading = 0.92", "min_leading = nan", "economy.min_leading", "NaN", "a factor of the leading"},
		{"paragraph space zero", "min_paragraph_space = 0.5", "min_paragraph_space = 0", "economy.min_paragraph_space", "0", "from 0.1 to 1"},
		{"size reduction negative", "max_size_reduction = 0.5", "max_size_reduction = -1", "economy.max_size_reduction", "-1", "from 0 to 2"},
		{"trifold fold-in huge", "fold_in = 3", "fold_in = 30", "trifold.fold_in", "30", "0 to 10 mm narrower"},
		{"trifold too wide", "width = 100", "width = 1700", "page.width", "1700", "a trifold sheet is 3 pages wide and a PDF page at most 5080 mm: use at most 1693 mm"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			good := string(a5)
			if strings.HasPrefix(c.name, "trifold") {
				good = string(trifold)
			}
			data := strings.Replace(good, c.from, c.to, 1)
			if data == good {
				t.Fatalf("fixture unchanged: %q not found", c.from)
			}
			// The line of the key: where the replacement writes it.
			at := strings.Index(data, c.to)
			at += strings.Index(data[at:], c.key[strings.LastIndex(c.key, ".")+1:]+" =")
			keyLine := strings.Count(data[:at], "\n") + 1
			_, err := Load(fstest.MapFS{"layouts/x.toml": {Data: []byte(data)}}, "x")
			var ke *KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("error %v, want a KeyError", err)
			}
			want := fmt.Sprintf("layouts/x.toml:%d: %s = %s: ", keyLine, c.key, c.value)
			if !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.rule) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error\n  %s\nwant one line starting %q and saying %q", err, want, c.rule)
			}
		})
	}
}

// TestTightened: the flow tightens in proportion to t, up to the
// economy's limits and never past them; the cover and back do not move.
func TestTightened(t *testing.T) {
	l := &Layout{Styles: map[string]Style{
		"body":         {Size: 10, Leading: 14, SpaceBefore: 4},
		"room":         {Size: 14, Leading: 17, SpaceBefore: 14, SpaceAfter: 6},
		"cover_museum": {Size: 22, Leading: 27, SpaceAfter: 6},
	}}
	l.Economy = Economy{MinLeading: 0.9, MinParagraphSpace: 0.5, MaxSizeReduction: 0.5}
	cases := []struct {
		t                                 float64
		bodySize, bodyLeading, roomBefore float64
	}{
		{0, 10, 14, 14},
		{0.5, 9.75, 13.3, 10.5},
		{1, 9.5, 12.6, 7},
	}
	for _, c := range cases {
		got := l.Tightened(c.t)
		b, r := got.Styles["body"], got.Styles["room"]
		if math.Abs(b.Size-c.bodySize) > 1e-9 || math.Abs(b.Leading-c.bodyLeading) > 1e-9 || math.Abs(r.SpaceBefore-c.roomBefore) > 1e-9 {
			t.Errorf("t %g: body %g/%g, room space before %g; want %g/%g, %g", c.t, b.Size, b.Leading, r.SpaceBefore, c.bodySize, c.bodyLeading, c.roomBefore)
		}
		if r.Size != 14 {
			t.Errorf("t %g: a heading's size changed to %g", c.t, r.Size)
		}
		if got.Styles["cover_museum"] != l.Styles["cover_museum"] {
			t.Errorf("t %g: the cover changed", c.t)
		}
	}
	if l.Styles["body"].Leading != 14 {
		t.Error("Tightened changed the layout it was called on")
	}
	if (&Layout{}).CanTighten() {
		t.Error("a layout without [economy] may tighten")
	}
}
