package typeset

import (
	"fmt"
	"math"
	"slices"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	tslang "github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/language"

	"pamphlet/internal/fonts"
	"pamphlet/internal/page"
)

// cluster is the smallest unit the line breaker and the bidi reordering
// move: one rune, a base with its combining marks, or an Arabic glyph
// cluster (a lam-alef ligature covers two runes).
type cluster struct {
	start, end int // rune range in the paragraph, logical order
	level      bidi.Level
	face       *fonts.Face
	draw       []rune // code points to draw, visual order within the cluster
	// glyphs, for a shaped cluster, are its glyphs in visual order as
	// the shaper placed them; draw then only names them for tests and
	// previews.
	glyphs  []page.Glyph
	width   float64 // points
	space   bool    // whitespace: trimmed at line ends
	newline bool    // a mandatory line break
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

// runShaper shapes Arabic and Hebrew runs with HarfBuzz: Arabic for its
// joined forms and ligatures, both for their marks (harakat, shadda,
// niqqud), which the font's GPOS table places on their letters; and it
// finds the Latin ligatures fi and fl a font has (ligatures.go). go-text
// faces cache lookups and are not safe for concurrent use, so each Setter
// keeps its own.
type runShaper struct {
	hb    shaping.HarfbuzzShaper
	lang  tslang.Language
	faces map[*fonts.Face]*font.Face
	ligs  map[ligKey]ligGlyph // ligatures.go
}

func newRunShaper(lang language.Tag) runShaper {
	return runShaper{lang: tslang.NewLanguage(lang.String()), faces: map[*fonts.Face]*font.Face{}, ligs: map[ligKey]ligGlyph{}}
}

func (a *runShaper) face(f *fonts.Face) *font.Face {
	ff, ok := a.faces[f]
	if !ok {
		ff = font.NewFace(f.Font())
		a.faces[f] = ff
	}
	return ff
}

// clusters assigns faces, shapes Arabic and Hebrew and measures, in
// logical order.
func (s *Setter) clusters(runes []rune, levels []bidi.Level, chain []*fonts.Face, size float64) ([]cluster, error) {
	faces := assignFaces(runes, chain)
	out := make([]cluster, 0, len(runes))
	for i := 0; i < len(runes); {
		r := runes[i]
		var script tslang.Script
		ok := false
		if mayBeShaped(r) {
			script, ok = shapedScript(r)
		}
		if ok {
			j := i + 1
			for j < len(runes) && faces[j] == faces[i] {
				if sc, ok := shapedScript(runes[j]); !(ok && sc == script || joinsShaped(runes[j])) {
					break
				}
				j++
			}
			shaped, err := s.shapeRun(runes, i, j, faces[i], script, levels, size)
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
			w := advance(prev.face, c.draw, size)
			prev.width += w
			if prev.glyphs != nil { // a mark after a shaped run that is not of its face
				prev.glyphs = append(prev.glyphs, nominalGlyphs(prev.face, c.draw, size)...)
			}
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

// nominalGlyphs are the glyphs the face's character map gives rs, each
// advancing by its width as the PDF writer has it: text that was not
// shaped, drawn beside shaped glyphs in one run.
func nominalGlyphs(f *fonts.Face, rs []rune, size float64) []page.Glyph {
	out := make([]page.Glyph, 0, len(rs))
	for _, r := range rs {
		gid, _ := f.Font().NominalGlyph(r)
		out = append(out, page.Glyph{ID: uint16(gid), Advance: float64(f.Advance(r)) * size / 1000, Cluster: string(r)})
	}
	return out
}

// shapeRun shapes runes[start:end], all of one script and face, and
// returns one cluster per glyph cluster, in logical order, each with its
// glyphs as HarfBuzz placed them: a mark's offsets from the pen come
// from the font's GPOS anchors. The PDF writer draws the glyphs
// themselves (internal/pdfdraw gives a glyph the character map does not
// reach a code point of its own), so any glyph the font has can be
// printed, a mark ligature such as shadda with fatha too.
//
// A cluster's base glyph also carries the cluster's text
// (page.Glyph.Cluster), so that copying and searching give back what was
// typed.
func (s *Setter) shapeRun(runes []rune, start, end int, face *fonts.Face, script tslang.Script, levels []bidi.Level, size float64) ([]cluster, error) {
	upem := float64(face.Font().Upem())
	// Shaped at one pixel per font unit, positions come in font units.
	out := s.shaper.hb.Shape(shaping.Input{
		Text:      runes,
		RunStart:  start,
		RunEnd:    end,
		Direction: di.DirectionRTL,
		Face:      s.shaper.face(face),
		Size:      fixed.I(int(upem)),
		Script:    script,
		Language:  s.shaper.lang,
	})
	// Advances are rounded to the thousandths of an em the PDF writer
	// writes as the glyphs' widths, so that glyphs the font does not
	// move are drawn as one string, each where the line was measured.
	advance := func(v fixed.Int26_6) float64 {
		return math.Round(1000*float64(v)/64/upem) * size / 1000
	}
	offset := func(v fixed.Int26_6) float64 { return float64(v) / 64 / upem * size }
	byStart := map[int]*cluster{}
	var order []int
	for _, g := range out.Glyphs {
		c, ok := byStart[g.TextIndex()]
		if !ok {
			c = &cluster{start: g.TextIndex(), end: g.TextIndex() + g.RunesCount(), level: levels[g.TextIndex()], face: face}
			byStart[g.TextIndex()] = c
			order = append(order, g.TextIndex())
		}
		if g.GlyphID == 0 {
			return nil, &GlyphError{missingRune(face, runes[c.start:c.end]), fmt.Sprintf("has no glyph in %s", face.File)}
		}
		if g.GlyphID > 0xFFFF {
			return nil, &GlyphError{runes[c.start], fmt.Sprintf("is shaped by %s into glyph %d, past what a PDF font can hold", face.File, g.GlyphID)}
		}
		c.glyphs = append(c.glyphs, page.Glyph{ID: uint16(g.GlyphID), X: offset(g.XOffset), Y: offset(g.YOffset), Advance: advance(g.Advance)})
		c.width += advance(g.Advance)
		if unicode.IsSpace(runes[g.TextIndex()]) {
			c.space = true
		}
	}
	// Glyphs arrive in visual order; the line breaker wants logical order.
	clusters := make([]cluster, 0, len(order))
	for i := len(order) - 1; i >= 0; i-- {
		c := byStart[order[i]]
		shareText(c, runes[c.start:c.end])
		for _, g := range c.glyphs {
			if r, ok := face.RuneForGlyph(font.GID(g.ID)); ok {
				c.draw = append(c.draw, r)
			} else if g.Advance != 0 {
				c.draw = append(c.draw, []rune(g.Cluster)...)
			}
		}
		clusters = append(clusters, *c)
	}
	return sortByStart(clusters), nil
}

// shareText gives a cluster's whole text to its base glyph, the first
// glyph in logical order that moves the pen (c.glyphs are in visual
// order, the reverse of the logical order in a right-to-left run), and
// none to its marks: a text extractor (poppler) takes a mark drawn apart
// from its letter, raised above it or set inside it, for another word or
// another line, and gives back «ر َّ» for «رَّ». With the marks standing
// for nothing, the letter extracts as letter and marks in the order they
// were typed.
func shareText(c *cluster, text []rune) {
	for i := range c.glyphs {
		c.glyphs[i].Cluster = ""
	}
	base := 0
	for i := len(c.glyphs) - 1; i >= 0; i-- {
		if c.glyphs[i].Advance != 0 {
			base = i
			break
		}
	}
	if len(c.glyphs) > 0 {
		c.glyphs[base].Cluster = string(slices.DeleteFunc(slices.Clone(text), isInvisible))
	}
}

// missingRune is the rune of a cluster that the face has no glyph for.
func missingRune(face *fonts.Face, text []rune) rune {
	for _, r := range text {
		if !face.Has(r) && !isInvisible(r) {
			return r
		}
	}
	return text[0]
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

// shapedScript reports the scripts HarfBuzz shapes: Arabic (joining,
// ligatures, marks) and Hebrew (niqqud and cantillation placed by the
// font). Other scripts are drawn character by character through the
// font's character map, but for the ligatures fi and fl (ligatures.go).
func shapedScript(r rune) (tslang.Script, bool) {
	switch {
	case isArabic(r):
		return tslang.Arabic, true
	case unicode.Is(unicode.Hebrew, r):
		return tslang.Hebrew, true
	}
	return 0, false
}

// joinsShaped reports runes that belong inside an Arabic or Hebrew
// shaping run though their script is Common or Inherited: joiners and
// combining marks.
func joinsShaped(r rune) bool { return r == 0x200C || r == 0x200D || isMark(r) }

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
