package typeset

import (
	"unicode"

	"pamphlet/internal/page"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/segmenter"
)

// breaks records, for each rune index, whether a line may (or must) start there.
type breaks struct {
	allowed   []bool
	mandatory []bool
}

// breakOpportunities runs the UAX #14 line breaking algorithm, with two
// tailorings. Korean is set the way Korean is typeset: a word (Hangul, with
// any digits or Latin letters attached, as in "1943년") is not broken
// inside, only at spaces and punctuation, like CSS word-break: keep-all.
// In Japanese and Chinese a number stays with the counter after it.
func (s *Setter) breakOpportunities(runes []rune) breaks {
	b := breaks{allowed: make([]bool, len(runes)+1), mandatory: make([]bool, len(runes)+1)}
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
		switch {
		case s.korean && isWordChar(runes[i-1]) && isWordChar(runes[i]):
			b.allowed[i] = false
		case s.cjk && unicode.IsDigit(runes[i-1]) && isIdeograph(runes[i]):
			// A number keeps its counter: 1943年, 145号 (UAX #14 would
			// allow a break between them; Japanese and Chinese typesetting
			// does not).
			b.allowed[i] = false
		}
	}
	return b
}

func isIdeograph(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) }

type span struct{ start, end int }

// fill breaks clusters into lines greedily: each line takes as many
// clusters as fit, ending at the last break opportunity. A word wider
// than the measure is cut between clusters rather than overflow the page;
// nothing is ever dropped.
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
			c := cl[i]
			if i > start && b.allowed[c.start] {
				lastBreak = i
				if b.mandatory[c.start] {
					end = i
					break
				}
			}
			if !c.space && hasInk && w+c.width > width+epsilon {
				if lastBreak > start {
					end = lastBreak
				} else {
					end = i
				}
				break
			}
			w += c.width
			if !c.space {
				hasInk = true
			}
		}
		spans = append(spans, span{start, end})
		start = end
	}
	return spans
}

// finishLine trims the spaces a line ends with, reorders its clusters into
// visual order and merges neighbours of one face into runs.
func (s *Setter) finishLine(runes []rune, cl []cluster, size float64) Line {
	end := len(cl)
	for end > 0 && (cl[end-1].space || len(cl[end-1].draw) == 0) {
		end--
	}
	visual := reorder(cl[:end])
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
	x := 0.0
	for _, c := range visual {
		if len(c.draw) == 0 {
			continue
		}
		n := len(line.Runs)
		if n > 0 && line.Runs[n-1].Font == c.face.Embed && line.Runs[n-1].Embolden == c.face.Embolden {
			line.Runs[n-1].Text += string(c.draw)
			line.Runs[n-1].Width += c.width
		} else {
			line.Runs = append(line.Runs, page.Run{Font: c.face.Embed, Embolden: c.face.Embolden, Size: size, X: x, Text: string(c.draw), Width: c.width})
		}
		x += c.width
	}
	line.Width = x
	return line
}

// reorder applies rule L2 of the bidi algorithm to one line: from the
// highest level down to the lowest odd level, reverse every maximal
// sequence of clusters at that level or higher.
func reorder(cl []cluster) []cluster {
	out := append([]cluster(nil), cl...)
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
