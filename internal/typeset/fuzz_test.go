package typeset

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

// FuzzLines: whatever text a volunteer types, the typesetter either
// refuses a character with a GlyphError or sets every character exactly
// once, within the measure; it never panics. The seeds run with every
// `go test`; `go test -fuzz FuzzLines ./internal/typeset` explores more.
func FuzzLines(f *testing.F) {
	for _, c := range lineBreakCases {
		f.Add(c.lang, c.text, 120.0)
	}
	f.Add("ar", "لا (SS) 1943–1944 ، ؟", 30.0)
	f.Add("ar", "لا", 5.0) // one lam-alef glyph, wider than the measure
	f.Add("he", "((([[[ab]]])))\n\nשלום\u200f\u202b", 5.0)
	f.Add("ja", "「」「」。。、、", 1.0)
	f.Add("ko", "\u00ad\u200b 한국어 \t", 50.0)
	f.Fuzz(func(t *testing.T, lang, text string, width float64) {
		switch lang {
		case "it", "el", "ru", "he", "ar", "ja", "zh-Hans", "ko":
		default:
			lang = "it"
		}
		if width < 1 || width > 1000 || width != width {
			width = 100
		}
		lines, err := setter(t, lang).Lines(text, "text", 10, width, AlignStart)
		if err != nil {
			var ge *GlyphError
			if !errors.As(err, &ge) {
				t.Fatalf("%q: unexpected error %v", text, err)
			}
			return
		}
		var logical strings.Builder
		for _, l := range lines {
			logical.WriteString(l.Logical)
			// A line may only overflow if it is a single cluster.
			if l.Width > width+1e-6 && len([]rune(l.Logical)) > 1 && !hasSingleCluster(l) {
				t.Errorf("%q at %.1f: line %q is %.1f pt wide", text, width, l.Logical, l.Width)
			}
		}
		if visible(logical.String()) != visible(text) {
			t.Errorf("%q: set as %q", text, logical.String())
		}
	})
}

// hasSingleCluster reports a line that is one cluster the breaker
// cannot cut: a base character with its marks, or one shaped glyph
// cluster such as the lam-alef ligature (two letters, one glyph), and
// any spaces the paragraph started with (which can be wider than a tiny
// measure and cannot be cut).
func hasSingleCluster(l Line) bool {
	n := 0
	for _, run := range l.Runs {
		if run.Glyphs != nil {
			for _, g := range run.Glyphs {
				if strings.TrimSpace(g.Cluster) != "" {
					n++
				}
			}
			continue
		}
		for _, r := range run.Text {
			if !isMark(r) && !unicode.IsSpace(r) {
				n++
			}
		}
	}
	return n <= 1
}

func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isInvisible(r) {
			return -1
		}
		return r
	}, s)
}
