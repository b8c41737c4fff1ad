package typeset

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"pamphlet/internal/fonts"
	"pamphlet/internal/page"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/segmenter"
)

// breaks records, for each rune index, whether a line may (or must) start there.
type breaks struct {
	allowed   []bool
	mandatory []bool
	// hyphen marks hyphenation points: a line may start there if the line
	// before it ends with a hyphen that is not in the text.
	hyphen []bool
}

// breakOpportunities runs the UAX #14 line breaking algorithm, with the
// tailorings of the languages' own typesetting rules:
//
//   - Korean is set the way Korean is typeset: a word (Hangul, with any
//     digits or Latin letters attached, as in "1943년") is not broken
//     inside, only at spaces and punctuation, like CSS word-break:
//     keep-all; a particle stays with the quoted or bracketed word before
//     it (‘감옥’은, (SS)의);
//   - in Japanese and Chinese a number stays with the counter after it
//     (1943年, 145号), a date stays whole (9月11日), and no line starts
//     with a wave dash or a middle dot (～ 〜 ・ ·);
//   - in Polish, Czech, Slovak, Russian and Ukrainian a one-letter word
//     (w, z, i, a, o, u; в, и, к, с, у, о, а …) is bound to the next word;
//   - French needs no tailoring: the space before ; : ! ? » and after «
//     never breaks, even where the catalog has an ordinary space rather
//     than U+00A0 or U+202F, because UAX #14 already says so (LB13, LB15a,
//     LB15b); TestLanguageRules guards it;
//   - a hyphen in the text ("Baden-Württemberg") is a break opportunity,
//     as UAX #14 has it.
func (s *Setter) breakOpportunities(runes []rune) breaks {
	b := breaks{allowed: make([]bool, len(runes)+1), mandatory: make([]bool, len(runes)+1), hyphen: make([]bool, len(runes)+1)}
	var seg segmenter.Segmenter
	seg.Init(runes)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		end := l.Offset + len(l.Text)
		b.allowed[end] = true
		b.mandatory[end] = l.IsMandatoryBreak
	}
	for i := 1; i < len(runes); i++ {
		if b.mandatory[i] {
			continue
		}
		switch {
		case s.korean && isWordChar(runes[i]) && (isWordChar(runes[i-1]) || isClosing(runes[i-1])):
			b.allowed[i] = false
		case s.cjk && unicode.IsDigit(runes[i-1]) && isIdeograph(runes[i]):
			// A number keeps its counter: 1943年, 145号 (UAX #14 would
			// allow a break between them; Japanese and Chinese typesetting
			// does not).
			b.allowed[i] = false
		case s.cjk && unicode.IsDigit(runes[i]) && i >= 2 && isDateUnit(runes[i-1]) && unicode.IsDigit(runes[i-2]):
			// A date stays whole: 9月11日, not 9月 | 11日.
			b.allowed[i] = false
		case s.cjk && isNoStartCJK(runes[i]):
			b.allowed[i] = false
		}
	}
	if s.bindsOneLetter {
		s.bindOneLetterWords(runes, b)
	}
	return b
}

// bindOneLetterWords forbids the break after a one-letter word: in
// Polish, Czech, Slovak, Russian and Ukrainian typesetting a preposition
// or conjunction of one letter may not end a line.
func (s *Setter) bindOneLetterWords(runes []rune, b breaks) {
	for i := 0; i < len(runes); i++ {
		if !unicode.IsLetter(runes[i]) {
			continue
		}
		if i > 0 && !unicode.IsSpace(runes[i-1]) && !isOpening(runes[i-1]) {
			continue
		}
		j := i + 1
		for j < len(runes) && isMark(runes[j]) {
			j++
		}
		if j >= len(runes) || !unicode.IsSpace(runes[j]) || runes[j] == '\n' {
			continue
		}
		k := j
		for k < len(runes) && unicode.IsSpace(runes[k]) && runes[k] != '\n' {
			k++
		}
		if k < len(runes) && !b.mandatory[k] {
			b.allowed[k] = false
		}
	}
}

func isIdeograph(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) }

// isDateUnit reports the counters of a date or time that a number before
// them binds into one unit with the number after them.
func isDateUnit(r rune) bool { return r == '月' || r == '時' }

// isNoStartCJK reports characters no Japanese or Chinese line starts
// with beyond what UAX #14 forbids: wave dashes and middle dots.
func isNoStartCJK(r rune) bool { return strings.ContainsRune("\u301C\uFF5E\u30FB\u00B7\uFF65", r) }

// isClosing reports closing quotes and brackets (Unicode Pe and Pf, and
// the right single quotation mark used as an apostrophe).
func isClosing(r rune) bool { return unicode.In(r, unicode.Pe, unicode.Pf) || r == '\'' || r == '"' }

// isOpening reports opening quotes and brackets.
func isOpening(r rune) bool { return unicode.In(r, unicode.Ps, unicode.Pi) }

type span struct{ start, end int }

// fill breaks clusters into lines greedily: each line takes as many
// clusters as fit, ending at the last break opportunity. A word wider
// than the measure is cut between clusters rather than overflow the page;
// nothing is ever dropped.
//
// A full-width closing mark that ends a Japanese or Chinese line keeps its
// full width: JIS X 4051 allows it half-width, but then its advance would
// run half an em into the margin, which the page checks refuse.
func fill(cl []cluster, b breaks, width float64) []span {
	const epsilon = 1e-6
	var spans []span
	start := 0
	for start < len(cl) {
		w := 0.0
		lastBreak := -1
		hasInk := false
		end := len(cl)
		for i := start; i < len(cl); i++ {
			c := &cl[i]
			if i > start && b.allowed[c.start] {
				lastBreak = i
				if b.mandatory[c.start] {
					end = i
					break
				}
			}
			// c may end the line, and then it keeps the half em a
			// neighbour would have taken and has no gap after it; a
			// closing mark loses its blank half there (lineEndSqueeze).
			if !c.space && hasInk && w+c.width-c.squeezeL-lineEndSqueeze(c) > width+epsilon {
				if lastBreak > start {
					end = lastBreak
				} else {
					end = i
				}
				break
			}
			w += c.adv()
			if !c.space {
				hasInk = true
			}
		}
		spans = append(spans, span{start, end})
		start = end
	}
	return spans
}

// maxTracking is the most letter-spacing (ems between two letters) a
// justified line takes when its spaces alone cannot fill it within 1.5
// times their width.
const maxTracking = 0.04

// lineSpec is a line the breaker chose.
type lineSpec struct {
	span
	hyphen bool // it ends at a hyphenation point: draw a hyphen
	repeat bool // it starts after a hyphen of the text that the language repeats
	last   bool // it ends the paragraph or at a newline: never stretched
}

// finishLine trims the spaces a line ends with, adds the hyphens the
// break asks for, justifies it when asked, reorders its clusters into
// visual order and merges neighbours of one face into runs. A cluster is
// drawn at its own position when the one before it was moved (a stretched
// space, a compressed bracket): a justified line is cut into runs at its
// spaces, each word at its X.
func (s *Setter) finishLine(runes []rune, cl []cluster, size float64, sp lineSpec, width float64, justify bool) Line {
	end := len(cl)
	for end > 0 && (cl[end-1].space || len(cl[end-1].draw) == 0) {
		end--
	}
	var line Line
	if end > 0 {
		var logical []rune
		for _, r := range runes[cl[0].start:cl[end-1].end] {
			if !isInvisible(r) {
				logical = append(logical, r)
			}
		}
		line.Logical = string(logical)
	}
	lc := append([]cluster(nil), cl[:end]...)
	if n := len(lc); n > 0 {
		// Compression between two marks and the quarter em happen
		// inside a line only; at its end, a closing mark sets its
		// blank half outside the measure.
		lc[n-1].gap, lc[n-1].squeezeR = 0, 0
		if !sp.hyphen {
			lc[n-1].squeezeR = lineEndSqueeze(&lc[n-1])
		}
		if sp.hyphen {
			lc = append(lc, s.hyphenCluster(lc[n-1], size))
		}
		if sp.repeat {
			lc = append([]cluster{s.hyphenCluster(lc[0], size)}, lc...)
		}
	}
	natural, stretch, shrink := 0.0, 0.0, 0.0
	for i := range lc {
		natural += lc[i].adv()
		stretch += lc[i].stretch
		shrink += lc[i].shrink
	}
	slack := width - natural
	switch {
	case !justify || (sp.last && slack >= 0) || len(lc) == 0:
	case s.cjk:
		if slack > 0 {
			spreadCJK(lc, slack)
		}
	case slack > stretch && stretch > 0 && !s.rtl:
		// The spaces would stretch past 1.5 times their width (a
		// paragraph with no better breaking): stretch them that far and
		// share the rest between the letters, up to maxTracking each.
		var gaps []int
		for i := 0; i+1 < len(lc); i++ {
			if !lc[i].space && !lc[i+1].space && len(lc[i].draw) > 0 && len(lc[i+1].draw) > 0 {
				gaps = append(gaps, i)
			}
		}
		track := 0.0
		if len(gaps) > 0 {
			track = min((slack-stretch)/float64(len(gaps)), maxTracking*size)
		}
		for _, i := range gaps {
			lc[i].extra = track
		}
		rest := slack - track*float64(len(gaps))
		for i := range lc {
			lc[i].extra += rest / stretch * lc[i].stretch
		}
	case slack > 0 && stretch > 0:
		for i := range lc {
			lc[i].extra = slack / stretch * lc[i].stretch
		}
	case slack < 0 && shrink > 0:
		for i := range lc {
			lc[i].extra = slack / shrink * lc[i].shrink
		}
	}
	x := 0.0
	runEnd := 0.0
	// Each run's text is gathered here and made a string once, at the end.
	var texts [][]rune
	for _, c := range reorder(lc) {
		if len(c.draw) == 0 {
			continue
		}
		drawX := x - c.squeezeL
		n := len(line.Runs)
		if n > 0 && line.Runs[n-1].Font == c.face.Embed && line.Runs[n-1].Embolden == c.face.Embolden && math.Abs(drawX-runEnd) < 1e-9 {
			r := &line.Runs[n-1]
			switch {
			case c.glyphs != nil && r.Glyphs == nil:
				r.Glyphs = nominalGlyphs(c.face, texts[n-1], size)
				fallthrough
			case c.glyphs != nil:
				r.Glyphs = append(r.Glyphs, c.glyphs...)
			case r.Glyphs != nil: // a space or a digit between shaped words
				r.Glyphs = append(r.Glyphs, nominalGlyphs(c.face, c.draw, size)...)
			}
			texts[n-1] = append(texts[n-1], c.draw...)
			r.Width += c.width
		} else {
			line.Runs = append(line.Runs, page.Run{Font: c.face.Embed, Embolden: c.face.Embolden, Size: size, X: drawX, Width: c.width, Glyphs: slices.Clip(c.glyphs)})
			texts = append(texts, append([]rune(nil), c.draw...))
		}
		runEnd = drawX + c.width
		x += c.adv() + c.extra
	}
	for i := range line.Runs {
		line.Runs[i].Text = string(texts[i])
	}
	line.Width = x
	return line
}

// hyphenCluster is a hyphen drawn beside c, in c's face when it has one.
func (s *Setter) hyphenCluster(c cluster, size float64) cluster {
	f := c.face
	if !f.Has('-') {
		if p := fonts.Pick(s.cur, '-'); p != nil {
			f = p
		}
	}
	return cluster{start: c.end, end: c.end, level: c.level, face: f, draw: []rune{'-'}, width: advance(f, []rune{'-'}, size)}
}

// reorder applies rule L2 of the bidi algorithm to one line: from the
// highest level down to the lowest odd level, reverse every maximal
// sequence of clusters at that level or higher. It reorders cl in place
// (the line's own copy) and returns it.
func reorder(cl []cluster) []cluster {
	out := cl
	if len(out) == 0 {
		return out
	}
	var hi, loOdd bidi.Level = 0, 127
	for _, c := range out {
		hi = max(hi, c.level)
		if c.level%2 == 1 {
			loOdd = min(loOdd, c.level)
		}
	}
	if loOdd == 127 {
		return out
	}
	for lvl := hi; lvl >= loOdd; lvl-- {
		for i := 0; i < len(out); {
			if out[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(out) && out[j].level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				out[a], out[b] = out[b], out[a]
			}
			i = j
		}
		if lvl == 0 {
			break
		}
	}
	return out
}
