package typeset

import (
	"fmt"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	tslang "github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/language"

	"pamphlet/internal/fonts"
)

// cluster is the smallest unit the line breaker and the bidi reordering
// move: one rune, a base with its combining marks, or an Arabic glyph
// cluster (a lam-alef ligature covers two runes).
type cluster struct {
	start, end int // rune range in the paragraph, logical order
	level      bidi.Level
	face       *fonts.Face
	draw       []rune  // code points to draw, visual order within the cluster
	width      float64 // points
	space      bool    // whitespace: trimmed at line ends
	newline    bool    // a mandatory line break
	// A word space is glue: it may stretch by stretch and shrink by
	// shrink (points) when a line is justified.
	stretch, shrink float64
	// Japanese and Chinese spacing (cjk.go): the blank half of a
	// full-width punctuation mark removed on its left or right, and the
	// space after the cluster (¼ em between a kanji and a Latin letter).
	squeezeL, squeezeR, gap float64
	// extra is the space a justified line adds after the cluster.
	extra float64
}

// adv is the room a cluster takes on a line.
func (c *cluster) adv() float64 { return c.width - c.squeezeL - c.squeezeR + c.gap }

// Word spaces may stretch to 1.5 and shrink to 0.8 times their width.
const (
	spaceStretch = 0.5
	spaceShrink  = 0.2
)

// arabicShaper shapes Arabic runs with HarfBuzz. go-text faces cache
// lookups and are not safe for concurrent use, so each Setter keeps its own.
type arabicShaper struct {
	hb    shaping.HarfbuzzShaper
	lang  tslang.Language
	faces map[*fonts.Face]*font.Face
}

func newArabicShaper(lang language.Tag) arabicShaper {
	return arabicShaper{lang: tslang.NewLanguage(lang.String()), faces: map[*fonts.Face]*font.Face{}}
}

func (a *arabicShaper) face(f *fonts.Face) *font.Face {
	ff, ok := a.faces[f]
	if !ok {
		ff = font.NewFace(f.Font())
		a.faces[f] = ff
	}
	return ff
}

// clusters assigns faces, shapes Arabic and measures, in logical order.
func (s *Setter) clusters(runes []rune, levels []bidi.Level, chain []*fonts.Face, size float64) ([]cluster, error) {
	faces := assignFaces(runes, chain)
	var out []cluster
	for i := 0; i < len(runes); {
		r := runes[i]
		if isArabic(r) {
			j := i + 1
			for j < len(runes) && (isArabic(runes[j]) || joinsArabic(runes[j])) && faces[j] == faces[i] {
				j++
			}
			shaped, err := s.shapeArabic(runes, i, j, faces[i], levels, size)
			if err != nil {
				return nil, err
			}
			out = append(out, shaped...)
			i = j
			continue
		}
		c := cluster{start: i, end: i + 1, level: levels[i], face: faces[i]}
		switch {
		case r == '\n':
			c.newline, c.space = true, true
		case isInvisible(r):
		case unicode.IsSpace(r):
			c.space = true
			c.draw = []rune{' '} // no-break and thin spaces are drawn as the face's space
			if r != ' ' && faces[i].Has(r) {
				c.draw = []rune{r}
			}
			c.width = advance(c.face, c.draw, size)
			if r == ' ' || r == 0x00A0 { // a word space; thin and narrow spaces keep their width
				c.stretch, c.shrink = spaceStretch*c.width, spaceShrink*c.width
			}
		default:
			d := r
			if levels[i]%2 == 1 {
				d = mirror(r)
			}
			c.draw = []rune{d}
		}
		// A combining mark travels with its base.
		if len(out) > 0 && i > 0 && isMark(r) && !out[len(out)-1].space {
			prev := &out[len(out)-1]
			prev.end = i + 1
			prev.draw = append(prev.draw, c.draw...)
			prev.width += advance(prev.face, c.draw, size)
			i++
			continue
		}
		c.width = advance(c.face, c.draw, size)
		out = append(out, c)
		i++
	}
	return out, nil
}

func advance(f *fonts.Face, rs []rune, size float64) float64 {
	w := 0
	for _, r := range rs {
		w += f.Advance(r)
	}
	return float64(w) * size / 1000
}

// shapeArabic shapes runes[start:end] and returns one cluster per glyph
// cluster, in logical order. HarfBuzz returns glyph IDs; fpdf draws code
// points, so each glyph goes back through the font's character map to the
// Arabic Presentation Form that names it.
func (s *Setter) shapeArabic(runes []rune, start, end int, face *fonts.Face, levels []bidi.Level, size float64) ([]cluster, error) {
	out := s.shaper.hb.Shape(shaping.Input{
		Text:      runes,
		RunStart:  start,
		RunEnd:    end,
		Direction: di.DirectionRTL,
		Face:      s.shaper.face(face),
		Size:      fixed.I(int(size)),
		Script:    tslang.Arabic,
		Language:  s.shaper.lang,
	})
	byStart := map[int]*cluster{}
	var order []int
	for _, g := range out.Glyphs {
		c, ok := byStart[g.TextIndex()]
		if !ok {
			c = &cluster{start: g.TextIndex(), end: g.TextIndex() + g.RunesCount(), level: levels[g.TextIndex()], face: face}
			byStart[g.TextIndex()] = c
			order = append(order, g.TextIndex())
		}
		r, ok := face.RuneForGlyph(g.GlyphID)
		if !ok {
			if g.GlyphID == 0 {
				return nil, &GlyphError{runes[g.TextIndex()], fmt.Sprintf("has no glyph in %s", face.File)}
			}
			return nil, &GlyphError{runes[g.TextIndex()], fmt.Sprintf("is shaped by %s into a glyph with no code point, which the PDF writer cannot draw", face.File)}
		}
		c.draw = append(c.draw, r)
		c.width += float64(face.GlyphAdvance(g.GlyphID)) * size / 1000
		if unicode.IsSpace(runes[g.TextIndex()]) {
			c.space = true
		}
	}
	// Glyphs arrive in visual order; the line breaker wants logical order.
	clusters := make([]cluster, 0, len(order))
	for i := len(order) - 1; i >= 0; i-- {
		clusters = append(clusters, *byStart[order[i]])
	}
	return sortByStart(clusters), nil
}

func sortByStart(cs []cluster) []cluster {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].start < cs[j-1].start; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	return cs
}

// assignFaces picks, for every rune, the first face of the chain that
// covers it. Marks and joiners stay in their base's face so that a base and
// its accents are never split between two fonts.
func assignFaces(runes []rune, chain []*fonts.Face) []*fonts.Face {
	faces := make([]*fonts.Face, len(runes))
	for i, r := range runes {
		if i > 0 && (isMark(r) || isInvisible(r) || r == '\n') && faces[i-1].Has(r) {
			faces[i] = faces[i-1]
			continue
		}
		if f := fonts.Pick(chain, r); f != nil {
			faces[i] = f
		} else {
			faces[i] = chain[0] // invisible or newline: drawn by nobody
		}
	}
	return faces
}

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me) }

func isArabic(r rune) bool {
	return unicode.Is(unicode.Arabic, r) && !unicode.IsDigit(r) && r != 0x060C && r != 0x061B && r != 0x061F
}

// joinsArabic reports runes that belong inside an Arabic shaping run
// though their script is Common or Inherited: joiners and combining marks.
func joinsArabic(r rune) bool { return r == 0x200C || r == 0x200D || isMark(r) }

// mirrorPairs holds the Bidi_Mirrored characters a pamphlet plausibly
// contains (UnicodeData BidiMirroring.txt). A rune at an odd (right-to-left)
// level is drawn as its mirror, so "(" in Hebrew text still opens the aside.
var mirrorPairs = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<',
	'«': '»', '»': '«', '‹': '›', '›': '‹', '⁅': '⁆', '⁆': '⁅', '⁽': '⁾', '⁾': '⁽',
	'₍': '₎', '₎': '₍', '≤': '≥', '≥': '≤', '〈': '〉', '〉': '〈', '⟨': '⟩', '⟩': '⟨',
	'「': '」', '」': '「', '『': '』', '』': '『', '（': '）', '）': '（', '［': '］', '］': '［',
}

func mirror(r rune) rune {
	if m, ok := mirrorPairs[r]; ok {
		return m
	}
	return r
}
