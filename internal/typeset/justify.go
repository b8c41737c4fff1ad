package typeset

import (
	"math"
	"unicode"

	"pamphlet/internal/hyphen"
)

// Total-fit line breaking, after Knuth and Plass, "Breaking paragraphs
// into lines" (1981), the algorithm of TeX.
//
// A paragraph is boxes (clusters), glue (word spaces, which stretch and
// shrink) and penalties (places to break that are not spaces: after a
// hyphen of the text, at a hyphenation point, where a word too wide for
// the measure must be cut). Every way of breaking the paragraph is scored
// by its lines' badness (how far their spaces are stretched or shrunk),
// the penalties it breaks at, hyphens on consecutive lines and a
// tight line next to a loose one; the breaker keeps the best score,
// trying each break against every earlier break that could start its
// line (the active list), so a tight line early on can buy a good line
// later.
//
// Set ragged (hyphenated but not justified), the spaces keep their width
// and every line may fall short of the measure by up to raggedStretch
// ems at no great cost, so that hyphens are used only where the rag
// would otherwise be ugly.

const (
	linePenalty          = 10    // TeX's \linepenalty: fewer lines are better
	hyphenPenalty        = 50    // TeX's \hyphenpenalty
	explicitPenalty      = 50    // TeX's \exhyphenpenalty: a break after a hyphen of the text
	cutPenalty           = 1000  // a word wider than the measure cut without a hyphen
	doubleHyphenDemerits = 10000 // TeX's \doublehyphendemerits
	finalHyphenDemerits  = 5000  // TeX's \finalhyphendemerits: the last line but one hyphenated
	adjDemerits          = 10000 // TeX's \adjdemerits: a loose line next to a tight one
	maxHyphenLines       = 2     // consecutive lines ending in a hyphen, at most
	raggedStretch        = 3     // ems a ragged line may fall short at badness 100
	firstTolerance       = 1     // the first pass: spaces within 0.8–1.5 times their width
	trackedDemerits      = 1e7   // the second pass: a line letter-spaced to keep its spaces within 1.5
	outlierDemerits      = 1e12  // the second pass: a line whose spaces stretch past 1.5 times
)

// candidate is a place a line may end: the cluster index where the next
// line starts.
type candidate struct {
	pos     int
	width   float64 // added to a line ending here: the hyphen drawn at a hyphenation point
	penalty float64
	flagged bool    // the line ending here ends with a hyphen
	hyphen  bool    // a hyphenation point: draw a hyphen
	repeat  float64 // the width of the hyphen the next line starts with, when the language repeats it
	forced  bool    // a newline or the end of the paragraph
}

type kpNode struct {
	cand     int // index into the candidates; -1 for the paragraph's start
	fitness  int // 0 tight, 1 decent, 2 loose, 3 very loose
	hyphens  int // consecutive lines ending in a hyphen, up to this break
	demerits float64
	prev     *kpNode
}

// totalFit breaks clusters into lines by total fit. It returns nil when
// no breaking keeps every line within the measure (a glyph wider than
// the measure), and the caller falls back on fill.
func (s *Setter) totalFit(cl []cluster, b breaks, width, size float64, justify bool) []lineSpec {
	n := len(cl)
	// Prefix sums: W of widths, Y of stretch, Z of shrink; te[p] is p less
	// the spaces before it, which a line ending at p does not draw.
	W := make([]float64, n+1)
	Y := make([]float64, n+1)
	Z := make([]float64, n+1)
	te := make([]int, n+1)
	for i := range cl {
		W[i+1] = W[i] + cl[i].adv()
		Y[i+1] = Y[i] + cl[i].stretch
		Z[i+1] = Z[i] + cl[i].shrink
	}
	for p := 0; p <= n; p++ {
		e := p
		for e > 0 && (cl[e-1].space || len(cl[e-1].draw) == 0) {
			e--
		}
		te[p] = e
	}
	hyphenWidth := func(c cluster) float64 { return s.hyphenCluster(c, size).width }

	var cands []candidate
	for p := 1; p < n; p++ {
		r := cl[p].start
		prev := cl[p-1]
		switch {
		case b.mandatory[r]:
			cands = append(cands, candidate{pos: p, forced: true})
		case b.allowed[r] && prev.space:
			cands = append(cands, candidate{pos: p})
		case b.allowed[r] && len(prev.draw) > 0 && isHyphen(prev.draw[len(prev.draw)-1]):
			c := candidate{pos: p, penalty: explicitPenalty, flagged: true}
			if s.repeatHyphen {
				c.repeat = hyphenWidth(cl[p])
			}
			cands = append(cands, c)
		case b.allowed[r]:
			cands = append(cands, candidate{pos: p})
		case b.hyphen[r]:
			cands = append(cands, candidate{pos: p, width: hyphenWidth(prev), penalty: hyphenPenalty, flagged: true, hyphen: true})
		}
	}
	cands = append(cands, candidate{pos: n, forced: true})
	cands = cutOverlong(cands, cl, W, te, width)

	// measure returns a line's natural width (without the hyphen the
	// break may add), stretch and shrink.
	measure := func(from int, to candidate, repeat float64) (nat, y, z float64) {
		e := max(te[to.pos], from)
		nat = W[e] - W[from] + repeat
		if justify {
			return nat, Y[e] - Y[from], Z[e] - Z[from]
		}
		return nat, raggedStretch * size, 0
	}
	ratio := func(nat, y, z float64) float64 {
		switch {
		case nat < width && y > 0:
			return (width - nat) / y
		case nat < width:
			return math.Inf(1)
		case nat > width && z > 0:
			return (width - nat) / z
		case nat > width+1e-9:
			return math.Inf(-1)
		}
		return 0
	}

	// gapsIn counts the places between two letters of a line, where
	// finishLine may letter-space it.
	G := make([]float64, n+1)
	for i := 1; i < n; i++ {
		G[i+1] = G[i]
		if !cl[i-1].space && !cl[i].space && len(cl[i-1].draw) > 0 && len(cl[i].draw) > 0 {
			G[i+1]++
		}
	}
	gapsIn := func(from int, to candidate) float64 {
		e := max(te[to.pos], from)
		if s.rtl || !justify {
			return 0
		}
		return G[e] - G[min(from+1, e)]
	}
	for _, tol := range []float64{firstTolerance, math.Inf(1)} {
		if specs := s.fit(cands, width, size, tol, measure, ratio, gapsIn); specs != nil {
			return specs
		}
	}
	return nil
}

func (s *Setter) fit(cands []candidate, width, size, tol float64,
	measure func(int, candidate, float64) (float64, float64, float64), ratio func(float64, float64, float64) float64,
	gapsIn func(int, candidate) float64) []lineSpec {
	active := []*kpNode{{cand: -1, fitness: 1}}
	for ci, c := range cands {
		var best [4][maxHyphenLines + 1]*kpNode
		kept := make([]*kpNode, 0, len(active)+4)
		for _, a := range active {
			from, repeat := 0, 0.0
			if a.cand >= 0 {
				from, repeat = cands[a.cand].pos, cands[a.cand].repeat
			}
			nat, y, z := measure(from, c, repeat)
			if ratio(nat, y, z) < -1 {
				// Too long already, and longer with every later break.
				continue
			}
			kept = append(kept, a)
			nat += c.width
			r := ratio(nat, y, z)
			if c.forced && r > 0 {
				r = 0 // the last line is ragged: its spaces are not stretched
			}
			if r < -1 || r > tol {
				continue
			}
			bad := 10000.0
			if !math.IsInf(r, 0) {
				bad = min(100*math.Abs(r*r*r), 10000)
			}
			d := (linePenalty + bad) * (linePenalty + bad)
			if r > firstTolerance {
				// The second pass: a line whose spaces would stretch past
				// 1.5 times. finishLine letter-spaces it a little
				// (maxTracking), which costs more than any ordinary line;
				// one that needs more than that costs more than any number
				// of letter-spaced lines, the more the looser.
				d += trackedDemerits
				if need := (width - nat - y) / max(1, gapsIn(from, c)); need > maxTracking*size {
					d += outlierDemerits * (1 + 100*need/size)
				}
			}
			hy := 0
			if c.flagged {
				hy = a.hyphens + 1
				if hy > maxHyphenLines {
					continue
				}
				if a.hyphens > 0 {
					d += doubleHyphenDemerits
				}
			}
			if c.forced && ci == len(cands)-1 && a.hyphens > 0 {
				d += finalHyphenDemerits
			}
			fit := fitness(r)
			if fit-a.fitness > 1 || a.fitness-fit > 1 {
				d += adjDemerits
			}
			total := a.demerits + d
			if old := best[fit][hy]; old == nil || total < old.demerits {
				best[fit][hy] = &kpNode{cand: ci, fitness: fit, hyphens: hy, demerits: total, prev: a}
			}
		}
		if c.forced {
			kept = kept[:0]
		}
		for fit := range best {
			for hy := range best[fit] {
				if best[fit][hy] != nil {
					kept = append(kept, best[fit][hy])
				}
			}
		}
		if len(kept) == 0 {
			return nil
		}
		active = kept
	}
	var end *kpNode
	for _, a := range active {
		if end == nil || a.demerits < end.demerits {
			end = a
		}
	}
	var specs []lineSpec
	for nd := end; nd.cand >= 0; nd = nd.prev {
		c := cands[nd.cand]
		sp := lineSpec{span: span{0, c.pos}, hyphen: c.hyphen, last: c.forced}
		if nd.prev.cand >= 0 {
			p := cands[nd.prev.cand]
			sp.start, sp.repeat = p.pos, p.repeat > 0
		}
		specs = append(specs, sp)
	}
	for i, j := 0, len(specs)-1; i < j; i, j = i+1, j-1 {
		specs[i], specs[j] = specs[j], specs[i]
	}
	return specs
}

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

// cutOverlong adds a break between every two clusters of a stretch
// between breaks that is wider than the measure on its own (a long word
// in a narrow column): such a word is cut, never dropped nor let overflow.
func cutOverlong(cands []candidate, cl []cluster, W []float64, te []int, width float64) []candidate {
	out := make([]candidate, 0, len(cands))
	from := 0
	for _, c := range cands {
		if e := max(te[c.pos], from); W[e]-W[from]+c.width > width {
			for p := from + 1; p < c.pos; p++ {
				if !cl[p-1].space && !cl[p].space {
					out = append(out, candidate{pos: p, penalty: cutPenalty})
				}
			}
		}
		out = append(out, c)
		from = c.pos
	}
	return out
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' }

// markHyphens records the hyphenation points of the paragraph's words in
// b.hyphen. It reports false when the language has no patterns.
func (s *Setter) markHyphens(runes []rune, b breaks) bool {
	h, ok := hyphen.For(s.lang)
	if !ok {
		return false
	}
	for i := 0; i < len(runes); {
		if unicode.IsSpace(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && !unicode.IsSpace(runes[j]) {
			j++
		}
		for _, p := range h.Points(string(runes[i:j])) {
			if k := i + p; !b.allowed[k] && unicode.IsLetter(runes[k-1]) && unicode.IsLetter(runes[k]) {
				b.hyphen[k] = true
			}
		}
		i = j
	}
	return true
}
