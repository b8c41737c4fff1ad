// Package hyphen finds where words may be hyphenated, by Liang's
// algorithm (the one TeX uses) on the hyph-utf8 patterns of TeX Live.
//
// It is written by hand rather than taken from a library because the Go
// library available skips single-letter patterns such as "1b" or "2'2",
// which the Italian patterns are mostly made of, so Italian got no break
// points at all.
//
// The patterns and their licences are embedded from patterns/; see
// patterns/README.md for each language's source, licence and
// hyphenmin values.
package hyphen

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// files holds the pattern, exception and licence files; the licences
// travel inside the binary with the data they cover.
//
//go:embed patterns
var files embed.FS

// Hyphenator hyphenates words of one language. It is safe for
// concurrent use.
type Hyphenator struct {
	tag         string // hyph-utf8 tag, e.g. "it", "de-1996"
	left, right int    // \lefthyphenmin, \righthyphenmin

	t          trie
	exceptions map[string][]int // lowercased word -> rune offsets
	alphabet   map[rune]bool    // every rune the patterns use, besides '.'
	apostrophe rune             // the apostrophe the patterns spell, or 0
	turkic     bool             // ASCII 'I' does not lowercase to 'i'

	// casers pools cases.Caser values: a Caser keeps state and must not
	// be shared between goroutines, and making one per word is slow.
	casers sync.Pool
}

// Tag returns the hyph-utf8 tag of the patterns in use, e.g. "de-1996".
func (h *Hyphenator) Tag() string { return h.tag }

// Mins returns the language's \lefthyphenmin and \righthyphenmin: the
// fewest letters left before and after a hyphen.
func (h *Hyphenator) Mins() (left, right int) { return h.left, h.right }

// Hyphenate returns word with sep inserted at every point; handy for
// tests and for showing what the patterns do.
func (h *Hyphenator) Hyphenate(word, sep string) string {
	pts := h.Points(word)
	if len(pts) == 0 {
		return word
	}
	var b strings.Builder
	i, k := 0, 0
	for _, r := range word {
		if k < len(pts) && pts[k] == i {
			b.WriteString(sep)
			k++
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// Points returns the rune offsets in word where a hyphen may be put
// (offset i: between rune i-1 and rune i), in increasing order, never 0
// nor the word's rune count.
//
// The word is lowercased with the language's casing rules first; a word
// whose lowercase form has a different rune count (such as "İ" outside
// Turkish) gets no points, since offsets could not be mapped back. Words
// holding a digit, soft hyphen, letters of two scripts, or combining
// marks without being in NFC get no points either: the caller should
// NFC-normalize text. Runes that are neither letters nor marks nor used
// by the patterns (hyphens, punctuation, an apostrophe the language's
// patterns do not know) split the word into parts hyphenated on their
// own, each with the language's minimums, as TeX treats "teacher's".
func (h *Hyphenator) Points(word string) []int {
	if word == "" || !utf8.ValidString(word) {
		return nil
	}
	lower, ok := h.lower(word)
	if !ok {
		return nil
	}
	var buf [64]rune
	runes := buf[:0]
	for _, r := range lower {
		runes = append(runes, r)
	}
	var script *unicode.RangeTable
	hasMark := false
	for _, r := range runes {
		switch {
		case unicode.IsNumber(r), r == '\u00ad':
			return nil
		case unicode.IsLetter(r):
			s := scriptOf(r)
			if s == nil {
				continue
			}
			if script != nil && s != script {
				return nil
			}
			script = s
		case unicode.IsMark(r):
			hasMark = true
		}
	}
	if hasMark && !norm.NFC.IsNormalString(word) {
		return nil
	}
	var out []int
	start := -1
	for i := 0; i <= len(runes); i++ {
		in := i < len(runes) && h.isWordRune(runes[i])
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = h.part(runes[start:i], start, out)
			start = -1
		}
	}
	return out
}

// isWordRune reports whether r belongs to a word for these patterns.
func (h *Hyphenator) isWordRune(r rune) bool {
	if isApostrophe(r) {
		return h.apostrophe != 0
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || h.alphabet[r]
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// part appends to out the points of seg, a run of word runes starting at
// rune offset base of the word.
func (h *Hyphenator) part(seg []rune, base int, out []int) []int {
	m := len(seg)
	if m < h.left+h.right {
		return out
	}
	// The word as the patterns see it: ".seg." in UTF-8, with the byte
	// offset at which each of its m+2 runes starts.
	var bb [128]byte
	var sb [66]int32
	b := bb[:0]
	starts := sb[:0]
	starts = append(starts, 0)
	b = append(b, '.')
	for _, r := range seg {
		if isApostrophe(r) {
			r = h.apostrophe
		}
		starts = append(starts, int32(len(b)))
		b = utf8.AppendRune(b, r)
	}
	starts = append(starts, int32(len(b)))
	b = append(b, '.')

	allowed := func(q int) bool {
		return q >= h.left && q <= m-h.right && !unicode.IsMark(seg[q])
	}
	if pts, ok := h.exceptions[string(b[1:len(b)-1])]; ok {
		for _, q := range pts {
			if allowed(q) {
				out = append(out, base+q)
			}
		}
		return out
	}

	var vb [67]uint8
	vals := vb[:0]
	for range m + 3 {
		vals = append(vals, 0)
	}
	t := &h.t
	for i := range starts {
		node := t.root[b[starts[i]]]
		for j := int(starts[i]) + 1; node != 0; j++ {
			if v := t.val[node]; v >= 0 {
				in := t.info[v]
				p := i + int(in.at)
				for k, x := range t.pool[in.off : in.off+int32(in.n)] {
					if x > vals[p+k] {
						vals[p+k] = x
					}
				}
			}
			if j == len(b) {
				break
			}
			node = t.child(node, b[j])
		}
	}
	// Word offset q is position q+1 of ".seg.".
	for q := 1; q < m; q++ {
		if vals[q+1]&1 == 1 && allowed(q) {
			out = append(out, base+q)
		}
	}
	return out
}

// lower lowercases w by the language's rules, reporting false when that
// changes the rune count. Already-lowercase words, the common case, cost
// one scan and no allocation.
func (h *Hyphenator) lower(w string) (string, bool) {
	upper, ascii := false, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return w, true
		}
		if !h.turkic {
			return strings.ToLower(w), true
		}
	} else {
		for _, r := range w {
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				upper = true
				break
			}
		}
		if !upper {
			return w, true
		}
	}
	c := h.casers.Get().(*cases.Caser)
	l := c.String(w)
	h.casers.Put(c)
	if utf8.RuneCountInString(l) != utf8.RuneCountInString(w) {
		return "", false
	}
	return l, true
}

// scriptOf returns the script of letter r, or nil for letters of no
// particular script (Common, Inherited). The scripts met in European
// text are tried first so the usual case stays cheap.
func scriptOf(r rune) *unicode.RangeTable {
	if r < 0x250 {
		if unicode.Is(unicode.Latin, r) {
			return unicode.Latin
		}
		return nil
	}
	for _, s := range [...]*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic} {
		if unicode.Is(s, r) {
			return s
		}
	}
	if unicode.Is(unicode.Common, r) || unicode.Is(unicode.Inherited, r) {
		return nil
	}
	for _, s := range unicode.Scripts {
		if unicode.Is(s, r) {
			return s
		}
	}
	return nil
}

// trie holds the patterns' letter strings, byte by byte. The root's
// children are a direct table, since every lookup starts there; other
// nodes keep their few children sorted in label/next[edge[n]:edge[n+1]].
type trie struct {
	root  [256]int32 // child of the root by byte; 0: none
	edge  []int32
	label []byte
	next  []int32
	val   []int32 // per node: index into info, or -1
	info  []valInfo
	pool  []uint8
}

// valInfo locates a pattern's digits: pool[off:off+n] are the values of
// positions at, at+1, … counted in runes from the pattern's first rune
// (leading and trailing zeros are dropped).
type valInfo struct {
	off   int32
	at, n uint8
}

func (t *trie) child(n int32, c byte) int32 {
	lo, hi := t.edge[n], t.edge[n+1]
	for ; lo < hi; lo++ {
		if l := t.label[lo]; l >= c {
			if l == c {
				return t.next[lo]
			}
			return 0
		}
	}
	return 0
}

// pattern is one parsed line of a .pat.txt file.
type pattern struct {
	letters string
	vals    []uint8 // one per position: len(runes(letters))+1
}

// parsePattern splits a pattern such as ".a3p2n" into its letters and
// the digit before, between and after them.
func parsePattern(s string) (pattern, error) {
	letters, vals, err := appendPattern(nil, nil, s)
	if err != nil {
		return pattern{}, err
	}
	return pattern{string(letters), vals}, nil
}

// appendPattern is parsePattern appending the letters and the values to
// the buffers a whole file's patterns share (a file has thousands).
func appendPattern(letters []byte, vals []uint8, s string) ([]byte, []uint8, error) {
	n0, v0 := len(letters), len(vals)
	vals = append(vals, 0)
	for _, r := range s {
		if '0' <= r && r <= '9' {
			vals[len(vals)-1] = uint8(r - '0')
			continue
		}
		if r == utf8.RuneError || unicode.IsSpace(r) {
			return nil, nil, fmt.Errorf("bad rune %q", r)
		}
		letters = utf8.AppendRune(letters, r)
		vals = append(vals, 0)
	}
	if len(letters) == n0 {
		return nil, nil, fmt.Errorf("no letters")
	}
	if len(vals)-v0 > 256 {
		return nil, nil, fmt.Errorf("too long")
	}
	return letters, vals, nil
}

// buildTrie freezes the patterns into a trie. Sorting them first makes
// every node's children arrive in byte order, so each insertion only
// looks at the last child.
func buildTrie(pats []pattern) trie {
	// Sorted by index: moving the patterns themselves costs more.
	order := make([]int32, len(pats))
	size := 1
	for i, p := range pats {
		order[i] = int32(i)
		size += len(p.letters)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(pats[a].letters, pats[b].letters) })
	// Each node's children, as a list through first and sibling (node
	// indexes; 0 ends a list, the root being no one's child): sorted
	// insertion only ever looks at, or appends after, a node's last child.
	label := append(make([]byte, 0, size), 0) // a node a letter byte at most
	first, last := append(make([]int32, 0, size), 0), append(make([]int32, 0, size), 0)
	sibling, vals := append(make([]int32, 0, size), 0), append(make([]int32, 0, size), -1)
	var t trie
	for _, i := range order {
		p := pats[i]
		n := int32(0)
		for i := 0; i < len(p.letters); i++ {
			c := p.letters[i]
			if k := last[n]; k != 0 && label[k] == c {
				n = k
				continue
			}
			to := int32(len(label))
			label = append(label, c)
			first, last, sibling = append(first, 0), append(last, 0), append(sibling, 0)
			vals = append(vals, -1)
			if last[n] == 0 {
				first[n] = to
			} else {
				sibling[last[n]] = to
			}
			last[n] = to
			n = to
		}
		lo, hi := 0, len(p.vals)
		for lo < hi && p.vals[lo] == 0 {
			lo++
		}
		for hi > lo && p.vals[hi-1] == 0 {
			hi--
		}
		if lo == hi {
			continue // all zeros: changes nothing
		}
		if v := vals[n]; v >= 0 {
			// The same letters twice (TeX would refuse): keep the
			// larger value at each position.
			t.merge(v, p.vals, lo, hi)
			continue
		}
		vals[n] = int32(len(t.info))
		t.info = append(t.info, valInfo{off: int32(len(t.pool)), at: uint8(lo), n: uint8(hi - lo)})
		t.pool = append(t.pool, p.vals[lo:hi]...)
	}
	nodes := len(label)
	t.val = vals
	t.edge = make([]int32, nodes+1)
	t.label = make([]byte, 0, nodes-1)
	t.next = make([]int32, 0, nodes-1)
	for n := range nodes {
		t.edge[n] = int32(len(t.label))
		for k := first[n]; k != 0; k = sibling[k] {
			t.label = append(t.label, label[k])
			t.next = append(t.next, k)
		}
	}
	t.edge[nodes] = int32(len(t.label))
	for k := first[0]; k != 0; k = sibling[k] {
		t.root[label[k]] = k
	}
	return t
}

// merge folds vals[lo:hi] into the values already stored at info[v],
// widening them if needed.
func (t *trie) merge(v int32, vals []uint8, lo, hi int) {
	in := t.info[v]
	old := make([]uint8, 256)
	for k := range int(in.n) {
		old[int(in.at)+k] = t.pool[int(in.off)+k]
	}
	a, z := min(lo, int(in.at)), max(hi, int(in.at)+int(in.n))
	for k := lo; k < hi; k++ {
		old[k] = max(old[k], vals[k])
	}
	t.info[v] = valInfo{off: int32(len(t.pool)), at: uint8(a), n: uint8(z - a)}
	t.pool = append(t.pool, old[a:z]...)
}

// load parses a language's embedded files; they ship with the binary,
// so a parse error is a bug in this package and panics.
func load(tag string, d *langDef) *Hyphenator {
	h, err := parse(tag, d)
	if err != nil {
		panic("hyphen: " + err.Error())
	}
	return h
}

func parse(tag string, d *langDef) (*Hyphenator, error) {
	data, err := files.ReadFile("patterns/" + d.pat)
	if err != nil {
		return nil, err
	}
	h := &Hyphenator{tag: tag, left: d.left, right: d.right, alphabet: map[rune]bool{}}
	// All the patterns' letters and values go into two buffers, cut into
	// patterns once the buffers are whole.
	type span struct{ lo, hi, v int }
	spans := make([]span, 0, len(data)/4)
	letters := make([]byte, 0, len(data))
	values := make([]uint8, 0, len(data)+len(data)/4)
	for ln, line := range strings.Split(string(data), "\n") {
		for f := range strings.FieldsSeq(line) {
			lo, v := len(letters), len(values)
			if letters, values, err = appendPattern(letters, values, f); err != nil {
				return nil, fmt.Errorf("%s:%d: %q: %v", d.pat, ln+1, f, err)
			}
			spans = append(spans, span{lo, len(letters), v})
		}
	}
	all := string(letters)
	pats := make([]pattern, len(spans))
	for i, sp := range spans {
		p := pattern{letters: all[sp.lo:sp.hi]}
		p.vals = values[sp.v : sp.v+utf8.RuneCountInString(p.letters)+1]
		pats[i] = p
	}
	var low [0x800]bool // runes seen, below U+0800, without a map write each
	for _, r := range all {
		if r == '.' || r < 0x800 && low[r] {
			continue
		}
		if r < 0x800 {
			low[r] = true
		}
		h.alphabet[r] = true
	}
	// Prefer the typographic apostrophe when the patterns spell both
	// (Italian and French list every apostrophe pattern twice).
	for _, r := range []rune{'’', '\'', 'ʼ'} {
		if h.alphabet[r] {
			h.apostrophe = r
			break
		}
	}
	h.t = buildTrie(pats)
	if d.hyp != "" {
		if h.exceptions, err = parseExceptions(d.hyp); err != nil {
			return nil, err
		}
	}
	lang := language.Make(strings.SplitN(tag, "-", 2)[0])
	h.turkic = tag == "tr"
	h.casers.New = func() any {
		c := cases.Lower(lang)
		return &c
	}
	return h, nil
}

// parseExceptions reads a .hyp.txt file: one word a line, hyphens where
// it breaks ("ta-ble"; a word with none never breaks).
func parseExceptions(name string) (map[string][]int, error) {
	data, err := files.ReadFile("patterns/" + name)
	if err != nil {
		return nil, err
	}
	ex := map[string][]int{}
	for _, f := range strings.Fields(string(data)) {
		var w strings.Builder
		var pts []int
		n := 0
		for _, r := range f {
			if r == '-' {
				pts = append(pts, n)
				continue
			}
			w.WriteRune(r)
			n++
		}
		ex[w.String()] = pts
	}
	return ex, nil
}
