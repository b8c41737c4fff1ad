package typeset

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	tslang "github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"pamphlet/internal/fonts"
	"pamphlet/internal/page"
)

// Latin ligatures: "fi" and "fl" are drawn as one glyph where the face's
// font forms one for them: HarfBuzz shapes the pair with the font's
// default features (GSUB liga among them) in the paragraph's language,
// so a font's own language rules apply too. The rest of the text of
// alphabetic scripts is drawn character by character; only these two
// pairs are joined, so that every other width stays what the font's
// advances say.
//
// A pair is joined only within one face and where no line can break
// between its letters: not at a break opportunity nor, in a hyphenated
// paragraph, at a hyphenation point (Auf-lage keeps f and l apart, so
// the breaker never has to take a ligature apart to put a hyphen in it).
// Nor is it joined across a combining mark or an invisible character
// (U+200C ZERO WIDTH NON-JOINER is how a text asks for no ligature), nor,
// for fi, in the languages whose alphabet has a dotless ı (dotlessI).

// ligKey is a pair of letters in one face.
type ligKey struct {
	face *fonts.Face
	pair string
}

// ligGlyph is the glyph a face draws a pair with; ok is false when the
// font forms none.
type ligGlyph struct {
	id  uint16
	ok  bool
	adv int // thousandths of an em, rounded as the PDF writer rounds widths
}

// dotlessI reports the languages whose Latin alphabet has a dotless ı
// beside the dotted i, where a fi ligature would hide the dot that tells
// them apart: Turkish, Azerbaijani, Crimean Tatar, Gagauz, Kazakh and
// Tatar. Some fonts keep fi apart in them on their own (DejaVu Serif's
// locl feature does); others do not (DejaVu Sans Bold).
func dotlessI(base string) bool {
	switch base {
	case "tr", "az", "crh", "gag", "kk", "tt":
		return true
	}
	return false
}

// ligature returns the glyph face forms for the two letters of pair, as
// HarfBuzz shapes them with the font's default features: one glyph
// standing for both letters, or none. It is looked up once per face and
// pair.
func (a *runShaper) ligature(face *fonts.Face, pair string) ligGlyph {
	k := ligKey{face, pair}
	if g, ok := a.ligs[k]; ok {
		return g
	}
	rs := []rune(pair)
	out := a.hb.Shape(shaping.Input{
		Text:      rs,
		RunEnd:    len(rs),
		Direction: di.DirectionLTR,
		Face:      a.face(face),
		Size:      fixed.I(int(face.Font().Upem())),
		Script:    tslang.Latin,
		Language:  a.lang,
	})
	var g ligGlyph
	if len(out.Glyphs) == 1 && out.Glyphs[0].RunesCount() == len(rs) {
		if id := out.Glyphs[0].GlyphID; id != 0 && id <= 0xFFFF {
			g = ligGlyph{id: uint16(id), ok: true, adv: face.GlyphAdvance(font.GID(id))}
		}
	}
	a.ligs[k] = g
	return g
}

// ligate joins each pair of clusters that spells "fi" or "fl" and that
// its face draws as one glyph into one cluster of that glyph, as wide as
// the glyph is. b holds the paragraph's break opportunities and
// hyphenation points: no pair with one between its letters is joined.
func (s *Setter) ligate(runes []rune, cl []cluster, b breaks, size float64) []cluster {
	out := cl[:0]
	for i := 0; i < len(cl); i++ {
		if i+1 < len(cl) {
			if c, ok := s.joinPair(runes, cl[i], cl[i+1], b, size); ok {
				out = append(out, c)
				i++
				continue
			}
		}
		out = append(out, cl[i])
	}
	return out
}

// joinPair returns the ligature cluster of a and b, when they are an f
// and an i or l that may be joined.
func (s *Setter) joinPair(runes []rune, a, b cluster, br breaks, size float64) (cluster, bool) {
	if !plainLetter(runes, a) || !plainLetter(runes, b) || runes[a.start] != 'f' ||
		a.face != b.face || a.level != b.level || br.allowed[b.start] || br.hyphen[b.start] {
		return cluster{}, false
	}
	second := runes[b.start]
	switch {
	case second == 'i' && s.noFi:
		return cluster{}, false
	case second != 'i' && second != 'l':
		return cluster{}, false
	}
	pair := string([]rune{'f', second})
	g := s.shaper.ligature(a.face, pair)
	if !g.ok {
		return cluster{}, false
	}
	w := float64(g.adv) * size / 1000
	return cluster{
		start: a.start, end: b.end, level: a.level, face: a.face,
		draw:   []rune(pair),
		glyphs: []page.Glyph{{ID: g.id, Advance: w, Cluster: pair}},
		width:  w,
	}, true
}

// plainLetter reports a cluster of one character, drawn as itself
// through the character map: no marks, not shaped, not mirrored.
func plainLetter(runes []rune, c cluster) bool {
	return c.end == c.start+1 && c.glyphs == nil && len(c.draw) == 1 && c.draw[0] == runes[c.start]
}
