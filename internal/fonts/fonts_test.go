package fonts

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"pamphlet"
)

func TestChains(t *testing.T) {
	set, err := Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		lang, family, first string
		covers              string
	}{
		{"it", "text", "dejavu-serif", "Via Tasso è"},
		{"he", "text", "dejavu-sans", "שלום 1944"},
		{"ar", "strong", "dejavu-sans-bold", "سلام"},
		{"ja", "text", "wqy-microhei", "監獄でした。「」"},
		{"zh-Hans", "text", "wqy-microhei", "监狱，"},
		{"ko", "strong", "nanum-square-bold", "박물관"},
		{"pt-BR", "text", "dejavu-serif", "ação"}, // falls back to the default chain
	}
	for _, c := range cases {
		chain, err := set.Chain(language.MustParse(c.lang), c.family)
		if err != nil {
			t.Fatal(err)
		}
		if chain[0].Name != c.first {
			t.Errorf("%s %s: chain starts with %s, want %s", c.lang, c.family, chain[0].Name, c.first)
		}
		for _, r := range c.covers {
			if Pick(chain, r) == nil {
				t.Errorf("%s %s: no face covers %q", c.lang, c.family, r)
			}
		}
	}
}

func TestAdvanceMatchesFpdfRounding(t *testing.T) {
	set, err := Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	f := set.Faces["dejavu-sans"]
	// DejaVu Sans: 2048 units per em; "a" advances 1255 units → 612.8 → 613.
	if got := f.Advance('a'); got != 613 {
		t.Errorf("Advance('a') = %d, want 613", got)
	}
	if f.Advance('ꦄ') != 0 || f.Has('ꦄ') {
		t.Error("Javanese is not in DejaVu Sans")
	}
}

func TestLoadRejectsWhatFpdfCannotRead(t *testing.T) {
	cfg := `[faces]
x = { file = "x.ttf" }
[families.default]
text = ["x"]
`
	cases := []struct{ name, data, want string }{
		{"collection", "ttcf\x00\x01\x00\x00", "font collection (.ttc)"},
		{"cff", "OTTO\x00\x01\x00\x00", "CFF (PostScript) outlines"},
		{"garbage", "not a font at all", "not a readable TrueType font"},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{"fonts/fonts.toml": {Data: []byte(cfg)}, "fonts/x.ttf": {Data: []byte(c.data)}}
		_, err := Load(fsys)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "fonts/x.ttf") {
			t.Errorf("%s: error %v, want it to name fonts/x.ttf and say %q", c.name, err, c.want)
		}
	}
	bad := fstest.MapFS{"fonts/fonts.toml": {Data: []byte("[families.default]\ntext = [\"nope\"]\n")}}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), `face "nope"`) {
		t.Errorf("unknown face in a chain: %v", err)
	}
}
