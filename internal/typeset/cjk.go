package typeset

import (
	"strings"
	"unicode"
)

// Japanese and Chinese spacing, after the basics of JIS X 4051
// (Requirements for Japanese Text Layout, W3C JLReq, §3.1): a full-width
// punctuation mark is a glyph in one half of an em square and blank in
// the other, and that blank is what gets taken away.
//
//   - two adjacent full-width marks compress: a closing mark before
//     another closing or an opening one loses its right half (」。, 」「),
//     an opening mark after another opening one loses its left half (「『);
//   - a closing mark, comma or full stop that ends a line loses its
//     blank right half (lineEndSqueeze): the line's ink then ends flush
//     with the measure, and a line may end with the mark when its inked
//     half fits;
//   - a quarter em separates ideographs and kana from Latin letters and
//     digits written beside them (1943年, SSの);
//   - a justified line spreads its slack evenly between its characters
//     (spreadCJK), never inside a Latin word or a number.

const (
	fullWidthClosing = "、。，．」』）〕］｝〉》】〙〗”’"
	fullWidthOpening = "「『（〔［｛〈《【〘〖“‘"
)

// isFullWidth reports a cluster of one character that its face sets on
// (nearly) a full em.
func isFullWidth(c *cluster) bool {
	return len(c.draw) == 1 && c.draw[0] >= 0x2000 && c.face != nil && c.face.Advance(c.draw[0]) >= 900
}

// isFullWidthClosing reports a full-width closing mark, comma or full stop.
func isFullWidthClosing(c *cluster) bool {
	return isFullWidth(c) && strings.ContainsRune(fullWidthClosing, c.draw[0])
}

// isFullWidthOpening reports a full-width opening bracket or quote.
func isFullWidthOpening(c *cluster) bool {
	return isFullWidth(c) && strings.ContainsRune(fullWidthOpening, c.draw[0])
}

// isCJKLetter reports ideographs and kana (not punctuation).
func isCJKLetter(c *cluster) bool {
	if len(c.draw) == 0 {
		return false
	}
	r := c.draw[0]
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
}

// isLatinOrDigit reports Latin letters and digits, which a quarter em
// keeps off ideographs.
func isLatinOrDigit(c *cluster) bool {
	if len(c.draw) == 0 {
		return false
	}
	r := c.draw[0]
	return unicode.Is(unicode.Latin, r) || unicode.IsDigit(r) || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r)
}

// lineEndSqueeze is the blank half of a full-width closing mark, comma
// or full stop at the end of a line, which the line does not measure
// (JIS X 4051's line-end rule, JLReq §3.1.6: 行末の約物の半角取り).
func lineEndSqueeze(c *cluster) float64 {
	if isFullWidthClosing(c) {
		return c.width / 2
	}
	return 0
}

// spaceCJK sets the compression of adjacent punctuation and the quarter
// em between ideographs and Latin text.
func spaceCJK(cl []cluster, size float64) {
	for i := 0; i+1 < len(cl); i++ {
		a, b := &cl[i], &cl[i+1]
		switch {
		case isCJKLetter(a) && isLatinOrDigit(b), isLatinOrDigit(a) && isCJKLetter(b):
			a.gap = size / 4
		case isFullWidthClosing(a) && (isFullWidthClosing(b) || isFullWidthOpening(b)):
			a.squeezeR = a.width / 2
		case isFullWidthOpening(a) && isFullWidthOpening(b):
			b.squeezeL = b.width / 2
		}
	}
}

// spreadCJK gives a justified line's slack to the gaps between its
// characters in equal parts. A gap inside a Latin word or a number (two
// clusters of which neither is an ideograph, kana or a full-width mark)
// gets none.
func spreadCJK(lc []cluster, slack float64) {
	var gaps []int
	for i := 0; i+1 < len(lc); i++ {
		if isCJKish(&lc[i]) || isCJKish(&lc[i+1]) {
			gaps = append(gaps, i)
		}
	}
	if len(gaps) == 0 {
		return
	}
	each := slack / float64(len(gaps))
	for _, i := range gaps {
		lc[i].extra += each
	}
}

// isCJKish reports ideographs, kana and full-width punctuation.
func isCJKish(c *cluster) bool {
	if isCJKLetter(c) || isFullWidth(c) {
		return true
	}
	if len(c.draw) != 1 {
		return false
	}
	r := c.draw[0]
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
