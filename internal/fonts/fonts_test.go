package fonts

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"pamphlet"
	"pamphlet/internal/page"
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
	nanum, err := pamphlet.Sample.ReadFile("fonts/NanumSquareR.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, data, want string }{
		{"collection", "ttcf\x00\x01\x00\x00", "font collection (.ttc)"},
		{"cff", "OTTO\x00\x01\x00\x00", "CFF (PostScript) outlines"},
		{"garbage", "not a font at all", "not a readable TrueType font (damaged or truncated?)"},
		// go-text's parser panics on this cut (inside its cmap reader).
		{"truncated", string(nanum[:len(nanum)/3]), "not a readable TrueType font (damaged or truncated?)"},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{"fonts/fonts.toml": {Data: []byte(cfg)}, "fonts/x.ttf": {Data: []byte(c.data)}}
		_, err := Load(fsys)
		var fe *FontError
		if !errors.As(err, &fe) || fe.File != "fonts/x.ttf" || !strings.HasPrefix(err.Error(), "fonts/x.ttf: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want a FontError naming fonts/x.ttf and saying %q", c.name, err, c.want)
		}
	}
	bad := fstest.MapFS{"fonts/fonts.toml": {Data: []byte("[families.default]\ntext = [\"nope\"]\n")}}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), `face "nope"`) {
		t.Errorf("unknown face in a chain: %v", err)
	}
}

// BenchmarkLoad measures what every command pays to load the bundled
// fonts (status and check included).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(pamphlet.Sample); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbeddable measures the fpdf test-embed that build and check
// add to Load (run on a fresh set each time: a set tests once).
func BenchmarkEmbeddable(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		set, err := Load(pamphlet.Sample)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := set.Embeddable(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParsePanicRecovered: a cut of NanumSquareR.ttf on which go-text's
// outline parser panics (font.ParseTTF, which Load no longer runs) is
// refused with a one-line FontError, and the full parse for shaping
// recovers from whatever that cut does to it.
func TestParsePanicRecovered(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/NanumSquareR.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cut := raw[:len(raw)/3]
	_, err = parseFace("x", "fonts/NanumSquareR.ttf", cut)
	want := "fonts/NanumSquareR.ttf: not a readable TrueType font (damaged or truncated?): "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "; replace the file") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %v, want %q…; replace the file", err, want)
	}
	parseShaper(cut) // no panic, whatever it returns
	file := &fontFile{name: "x", embed: &page.Font{Name: "x", File: "fonts/x.ttf"}}
	file.once.Do(func() { file.err = file.parse(cut) })
	if (&Face{file: file, Embed: file.embed}).Font() == nil {
		t.Error("Font of a refused file is nil")
	}
}

// TestEmptyFont: the stand-in font for unreadable files parses.
func TestEmptyFont(t *testing.T) {
	if f := emptyFont(); f == nil || f.Upem() != 1000 {
		t.Errorf("empty font: %v", f)
	}
}

// TestBundledFontsEmbed test-embeds the bundled fonts, which Embeddable
// trusts without testing them again in every run of check and build.
func TestBundledFontsEmbed(t *testing.T) {
	set, err := Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set.files {
		if !bundled(f.embed.File, f.embed.Data) {
			t.Errorf("%s is not recognised as bundled", f.embed.File)
		}
		if err := checkEmbed(f); err != nil {
			t.Errorf("%s: %v", f.embed.File, err)
		}
		if f.shaper(); f.fullErr != nil {
			t.Errorf("%s: %v", f.embed.File, f.fullErr)
		}
		if bundled(f.embed.File, f.embed.Data[:len(f.embed.Data)-1]) {
			t.Errorf("a cut %s is taken for the bundled file", f.embed.File)
		}
	}
}

// TestEmbeddableRefuses: a DejaVu Serif whose name table's string offset
// is damaged passes go-text (which never reads the names) and the glyph
// walk, but makes fpdf panic: Load accepts it, Embeddable refuses it,
// naming the file, so check and build refuse it alike.
func TestEmbeddableRefuses(t *testing.T) {
	raw, err := pamphlet.Sample.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(raw)
	for i := range int(raw[4])<<8 | int(raw[5]) {
		if string(raw[12+16*i:16+16*i]) == "name" {
			bad[tableOffset(raw, i)+4] ^= 0xFF
		}
	}
	fsys := fstest.MapFS{"fonts/fonts.toml": {Data: []byte(oneFace("DejaVuSerif.ttf"))}, "fonts/DejaVuSerif.ttf": {Data: bad}}
	set, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v (the damage was meant to pass the parser)", err)
	}
	err = set.Embeddable()
	var fe *FontError
	if !errors.As(err, &fe) || fe.File != "fonts/DejaVuSerif.ttf" || !strings.Contains(err.Error(), "the PDF writer failed") {
		t.Fatalf("Embeddable: %v, want a FontError naming fonts/DejaVuSerif.ttf", err)
	}
	if again := set.Embeddable(); again != err {
		t.Errorf("a second Embeddable gave %v, want the first result again", again)
	}
	good, err := Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	if err := good.Embeddable(); err != nil {
		t.Errorf("the bundled fonts: %v", err)
	}
}

// TestEmboldenNaN: NaN fails every comparison, so the range check must
// be written to refuse it.
func TestEmboldenNaN(t *testing.T) {
	dejavu, err := pamphlet.Sample.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"nan", "inf", "-0.01", "0.2"} {
		cfg := "[faces]\nx = { file = \"x.ttf\", embolden = " + v + " }\n[families.default]\ntext = [\"x\"]\n"
		_, err := Load(fstest.MapFS{"fonts/fonts.toml": {Data: []byte(cfg)}, "fonts/x.ttf": {Data: dejavu}})
		if err == nil || !strings.Contains(err.Error(), "embolden") {
			t.Errorf("embolden = %s: error %v, want it refused", v, err)
		}
	}
}

// BenchmarkShapeable measures go-text's full parse, without outlines, of
// every bundled font: what the first shaped Arabic text costs a set.
func BenchmarkShapeable(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		set, err := Load(pamphlet.Sample)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := set.Shapeable(); err != nil {
			b.Fatal(err)
		}
	}
}
