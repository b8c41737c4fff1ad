// Package typeset turns paragraphs into finished lines and lines into pages.
//
// fpdf can only draw a string left to right in one font. Everything a real
// script needs happens here instead, in this order, each step by a library
// that implements the Unicode algorithm in full:
//
//  1. every rune gets a face from the family's fallback chain (or an error);
//  2. the Unicode bidirectional algorithm assigns embedding levels;
//  3. Arabic and Hebrew runs are shaped by HarfBuzz into positioned
//     glyphs (joined forms, ligatures, marks), and fi and fl are joined
//     where the font has a ligature for them (ligatures.go);
//  4. lines break at UAX #14 opportunities, measured with the widths fpdf
//     will use;
//  5. each finished line is reordered into visual order (rule L2), with
//     mirrored brackets, and cut into runs of one face.
//
// The output is positioned runs; this package never calls the PDF library.
package typeset

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"golang.org/x/text/language"

	"pamphlet/internal/fonts"
	"pamphlet/internal/page"
)

// Align is a paragraph's alignment relative to its writing direction.
type Align int

const (
	AlignStart  Align = iota // left in LTR text, right in RTL text
	AlignCenter              // centred on the measure
	AlignEnd                 // right in LTR text, left in RTL text
)

// Line is one finished line.
type Line struct {
	Runs  []page.Run // X offsets from the line's left edge
	Width float64    // ink width of the line (trailing spaces excluded)
	// Logical is the line's text in logical order, as written in the
	// catalog; it differs from the drawn text in RTL and Arabic lines.
	Logical string
}

// Text returns the line's drawn text in visual order, for tests and debugging.
func (l Line) Text() string {
	var s string
	for _, r := range l.Runs {
		s += r.Text
	}
	return s
}

// GlyphError reports a rune that no face of the chain can draw, or that
// the PDF writer cannot handle at all.
type GlyphError struct {
	Rune   rune
	Reason string
}

func (e *GlyphError) Error() string {
	return fmt.Sprintf("character %q (U+%04X) %s", e.Rune, e.Rune, e.Reason)
}

// Setter typesets paragraphs of one language. It is not safe for
// concurrent use: make one per goroutine (they are cheap).
type Setter struct {
	lang   language.Tag
	rtl    bool
	korean bool
	cjk    bool // Japanese or Chinese
	// Language rules of the line breaker (lines.go).
	bindsOneLetter bool // a one-letter word is bound to the next one
	repeatHyphen   bool // a hyphen at a line end is repeated on the next line
	noFi           bool // the language has a dotless ı: no fi ligature (ligatures.go)
	chains         map[string][]*fonts.Face
	cur            []*fonts.Face // the family of the paragraph being set
	shaper         runShaper
	bidi           bidi.Paragraph
}

// Paragraph says how a paragraph is set.
type Paragraph struct {
	Align Align
	// Justify sets every line but the last flush to both edges of the
	// measure: alphabetic scripts by stretching and shrinking the word
	// spaces (lines broken by the Knuth–Plass total-fit algorithm),
	// Japanese and Chinese by spacing the characters. The last line of
	// the paragraph (and a line before a newline) is set as Align says.
	Justify bool
	// Hyphenate breaks words at the language's hyphenation points
	// (internal/hyphen), where patterns are bundled for it.
	Hyphenate bool
}

// NewSetter prepares a Setter for a language with the given families
// (family name → face chain).
func NewSetter(lang language.Tag, chains map[string][]*fonts.Face) *Setter {
	base, _ := lang.Base()
	b := base.String()
	return &Setter{
		lang:           lang,
		rtl:            IsRTL(lang),
		korean:         b == "ko",
		cjk:            b == "ja" || b == "zh",
		bindsOneLetter: b == "pl" || b == "cs" || b == "sk" || b == "ru" || b == "uk",
		repeatHyphen:   b == "pt" || b == "pl" || b == "cs" || b == "sk",
		noFi:           dotlessI(b),
		chains:         chains,
		shaper:         newRunShaper(lang),
	}
}

// CJK reports whether the language is Chinese, Japanese or Korean, whose
// text is set with more leading than alphabetic scripts.
func (s *Setter) CJK() bool { return s.cjk || s.korean }

// RTL reports whether the language is written right to left.
func (s *Setter) RTL() bool { return s.rtl }

// IsRTL reports whether a language's script runs right to left.
func IsRTL(lang language.Tag) bool {
	script, _ := lang.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg":
		return true
	}
	return false
}

// Check returns an error for the first rune of text that cannot be drawn
// in the family, without typesetting it.
func (s *Setter) Check(text, family string) error {
	chain, err := s.chain(family)
	if err != nil {
		return err
	}
	for _, r := range text {
		if err := checkRune(chain, r); err != nil {
			return err
		}
	}
	return nil
}

func (s *Setter) chain(family string) ([]*fonts.Face, error) {
	chain, ok := s.chains[family]
	if !ok || len(chain) == 0 {
		return nil, fmt.Errorf("no font family %q", family)
	}
	return chain, nil
}

func checkRune(chain []*fonts.Face, r rune) error {
	switch {
	case r > 0xFFFF:
		return &GlyphError{r, "is outside the Basic Multilingual Plane (an emoji or rare ideograph?): the PDF writer cannot embed it; remove it or replace it with a BMP character"}
	case r == '\n' || isInvisible(r):
		return nil
	case unicode.IsControl(r):
		return &GlyphError{r, "is a control character: remove it from the text"}
	case fonts.Pick(chain, r) == nil:
		return &GlyphError{r, "is not covered by any bundled font: add a font that has it to fonts/fonts.toml, or change the text"}
	}
	return nil
}

// isInvisible reports format characters that steer bidi or line breaking
// but are never drawn.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069,
		r == 0xFEFF, r == 0x00AD:
		return true
	}
	return false
}

// Drawable returns the error Set would return for text in the family, by
// the same steps (each character's fonts, then shaping), without breaking
// it into lines: every error of Set comes from those steps. check uses it
// so that it refuses exactly what the build refuses.
func (s *Setter) Drawable(text, family string) error {
	_, _, err := s.shape(text, family, 10, true)
	return err
}

// shape is Set's first half, the part that can refuse a text: it checks
// each rune against the family's chain, then finds the bidi levels and
// the clusters, shaping Arabic and Hebrew. onlyErrors skips the work
// that cannot fail: the clusters of a text with no rune of a shaped
// script (clusters fails only in shapeRun).
func (s *Setter) shape(text, family string, size float64, onlyErrors bool) ([]rune, []cluster, error) {
	chain, err := s.chain(family)
	if err != nil {
		return nil, nil, err
	}
	runes := []rune(text)
	shaped := false
	for _, r := range runes {
		if err := checkRune(chain, r); err != nil {
			return nil, nil, err
		}
		if !shaped && mayBeShaped(r) {
			_, shaped = shapedScript(r)
		}
	}
	if len(runes) == 0 || onlyErrors && !shaped {
		return runes, nil, nil
	}
	s.cur = chain
	levels := s.levels(runes)
	clusters, err := s.clusters(runes, levels, chain, size)
	if err != nil {
		return nil, nil, err
	}
	return runes, clusters, nil
}

// mayBeShaped is a quick test that rules out most runes shapedScript
// would refuse: the Hebrew and Arabic blocks, and their presentation
// forms, lie in U+0590–08FF and U+FB1D–FEFF.
func mayBeShaped(r rune) bool {
	return r >= 0x0590 && (r <= 0x08FF || r >= 0xFB1D && r <= 0xFEFF)
}

// Lines typesets a paragraph at a size (points) to a measure (points),
// ragged and unhyphenated. No character of text is lost: every rune except
// trailing spaces at a line break and invisible format characters is
// drawn exactly once.
func (s *Setter) Lines(text, family string, size, width float64, align Align) ([]Line, error) {
	return s.Set(text, family, size, width, Paragraph{Align: align})
}

// Set typesets a paragraph as p says. Like Lines, it loses no character;
// a hyphen it adds at a hyphenation point is drawn but is not part of the
// line's Logical text.
func (s *Setter) Set(text, family string, size, width float64, p Paragraph) ([]Line, error) {
	runes, clusters, err := s.shape(text, family, size, false)
	if err != nil || len(runes) == 0 {
		return nil, err
	}
	breaks := s.breakOpportunities(runes)
	hyphenate := p.Hyphenate && !s.cjk && !s.korean && s.markHyphens(runes, breaks)
	clusters = s.ligate(runes, clusters, breaks, size)
	if s.cjk {
		spaceCJK(clusters, size)
	}
	var specs []lineSpec
	// The total-fit breaker also sets ragged text in the languages that
	// repeat a hyphen of the text on the next line: it measures the
	// repeated hyphen, which fill does not.
	repeats := s.repeatHyphen && strings.ContainsAny(text, "-\u2010")
	if !s.cjk && (p.Justify || hyphenate || repeats) {
		specs = s.totalFit(clusters, breaks, width, size, p.Justify)
	}
	if specs == nil {
		for _, sp := range fill(clusters, breaks, width) {
			last := sp.end == len(clusters) || breaks.mandatory[clusters[sp.end].start]
			specs = append(specs, lineSpec{span: sp, last: last})
		}
	}
	var lines []Line
	for _, sp := range specs {
		line := s.finishLine(runes, clusters[sp.start:sp.end], size, sp, width, p.Justify)
		line.align(width, p.Align, s.rtl)
		lines = append(lines, line)
	}
	return lines, nil
}

// levels runs the bidi algorithm with the language's direction as the
// paragraph direction: a Hebrew title that starts with "SS" is still a
// right-to-left paragraph.
func (s *Setter) levels(runes []rune) []bidi.Level {
	dir := bidi.LeftToRight
	if s.rtl {
		dir = bidi.RightToLeft
	}
	out := make([]bidi.Level, len(runes))
	runs := s.bidi.Segment(runes, dir)
	for i := 0; i < runs.NumRuns(); i++ {
		r := runs.Run(i)
		for j := r.Start; j < r.End; j++ {
			out[j] = r.Level
		}
	}
	return out
}

// Measure returns the natural width of text on one line, in points.
func (s *Setter) Measure(text, family string, size float64) (float64, error) {
	lines, err := s.Lines(text, family, size, 1e9, AlignStart)
	if err != nil || len(lines) == 0 {
		return 0, err
	}
	w := 0.0
	for _, l := range lines {
		w = max(w, l.Width)
	}
	return w, nil
}

func (l *Line) align(width float64, a Align, rtl bool) {
	shift := 0.0
	switch {
	case a == AlignCenter:
		shift = (width - l.Width) / 2
	case (a == AlignStart) == rtl:
		shift = width - l.Width
	}
	for i := range l.Runs {
		l.Runs[i].X += shift
	}
}
