package layout

import (
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
	if a5, _ := Load(pamphlet.Sample, "a5"); a5 == nil || int(a5.PageWidthPt()+0.5) != 420 || int(a5.PageHeightPt()+0.5) != 595 {
		t.Errorf("a5 is not 148 × 210 mm")
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
		{"leading", "size = 9.5\nleading = 13.5", "size = 9.5\nleading = 5", "[styles.body]: size must be positive and leading at least the size"},
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
