package typeset

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/bidi"
	"golang.org/x/text/language"
)

// knownDeviations are conformance cases where go-text/typesetting v0.3.5
// resolves different levels than Unicode 15 (an EN after a bracket pair
// resolved to R; an AN next to EN): the pamphlet supports the rest. The
// test fails if one of them starts passing, so the list stays true.
var knownDeviations = map[string]bool{
	"0028 05D0 0029 0020 0031 002A 0032": true, // library levels 0 1 0 0 0 1 2, want 0 1 0 0 2 1 2
	"0031 0661 0028 0627 0029":           true, // library levels 0 0 1 1 1, want 0 2 1 1 1
}

// TestBidiCharacterTest checks the visual order of lines against
// Unicode's own conformance cases: the levels come from go-text's bidi
// implementation, the reordering is ours (rule L2 over clusters).
func TestBidiCharacterTest(t *testing.T) {
	f, err := os.Open("testdata/BidiCharacterTest-subset.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, failed := 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, ";")
		var runes []rune
		for _, h := range strings.Fields(fields[0]) {
			v, _ := strconv.ParseUint(h, 16, 32)
			runes = append(runes, rune(v))
		}
		lang := language.Italian
		if fields[1] == "1" {
			lang = language.Hebrew
		}
		s := NewSetter(lang, nil)
		levels := s.levels(runes)
		// L1: trailing whitespace and separators return to the paragraph level.
		para := bidi.Level(0)
		if fields[1] == "1" {
			para = 1
		}
		for i := len(runes) - 1; i >= 0 && isL1Reset(runes[i]); i-- {
			levels[i] = para
		}
		for i, r := range runes {
			if r == '\t' || r == 0x2029 || r == 0x1F || r == 0x0B {
				levels[i] = para
				for j := i - 1; j >= 0 && isL1Reset(runes[j]); j-- {
					levels[j] = para
				}
			}
		}
		cl := make([]cluster, len(runes))
		for i := range runes {
			cl[i] = cluster{start: i, end: i + 1, level: levels[i]}
		}
		var got []string
		for _, c := range reorder(cl) {
			got = append(got, strconv.Itoa(c.start))
		}
		n++
		want := strings.TrimSpace(fields[4])
		if knownDeviations[fields[0]] {
			if strings.Join(got, " ") == want {
				t.Errorf("%s now passes: remove it from knownDeviations", fields[0])
			}
			continue
		}
		if strings.Join(got, " ") != want {
			failed++
			if failed <= 10 {
				t.Errorf("%s: visual order %s, want %s", fields[0], strings.Join(got, " "), want)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d cases read", n)
	}
	if failed > 0 {
		t.Errorf("%d of %d cases failed", failed, n)
	}
}

func isL1Reset(r rune) bool {
	switch r {
	case ' ', '\t', 0x0B, 0x0C, 0x1F, 0x2029, 0x2028, 0x3000, 0x00A0:
		return r != 0x00A0
	}
	return r >= 0x2000 && r <= 0x200A
}
