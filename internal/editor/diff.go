package editor

import (
	"strings"
	"unicode"
)

// DiffOp is one piece of a word-level diff: Op is "=" (in both), "-"
// (only in the old text) or "+" (only in the new one).
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Diff compares two source texts word by word (spaces and punctuation are
// tokens of their own), so a volunteer sees at once that "Via" became
// "via" and "145" was added, rather than rereading the whole plaque. It is
// the classic longest-common-subsequence table: plaques are short.
func Diff(old, new string) []DiffOp {
	a, b := tokens(old), tokens(new)
	if len(a)*len(b) > 4_000_000 { // a whole rewrite: not worth a table
		return []DiffOp{{"-", old}, {"+", new}}
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffOp
	emit := func(op, t string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += t
			return
		}
		out = append(out, DiffOp{op, t})
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			emit("=", a[i])
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			emit("-", a[i])
			i++
		default:
			emit("+", b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		emit("-", a[i])
	}
	for ; j < len(b); j++ {
		emit("+", b[j])
	}
	return out
}

// tokens splits a text into words, runs of spaces, and single other
// characters (punctuation; each ideograph, so CJK diffs stay readable).
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	kind := 0 // 1 word, 2 space
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		k := 3
		switch {
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana):
			k = 3
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			k = 1
		case unicode.IsSpace(r):
			k = 2
		}
		if k != kind || k == 3 {
			flush()
		}
		kind = k
		cur.WriteRune(r)
	}
	flush()
	return out
}
