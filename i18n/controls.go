package i18n

import (
	"fmt"
	"sort"
)

// ControlProblem is a character a message must not contain: invisible,
// and either able to make the text read differently from what it says
// (bidi overrides and embeddings, unpaired isolates) or not text at all
// (control characters).
type ControlProblem struct {
	Rune rune
	// Index is the rune's position in the text, counted in characters
	// from 0.
	Index int
	Why   string
}

func (p ControlProblem) String() string {
	return fmt.Sprintf("%s at character %d %s", RuneName(p.Rune), p.Index+1, p.Why)
}

// Bidi formatting characters.
const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

var bidiNames = map[rune]string{
	'\u202A': "LEFT-TO-RIGHT EMBEDDING",
	'\u202B': "RIGHT-TO-LEFT EMBEDDING",
	'\u202C': "POP DIRECTIONAL FORMATTING",
	'\u202D': "LEFT-TO-RIGHT OVERRIDE",
	'\u202E': "RIGHT-TO-LEFT OVERRIDE",
	lri:      "LEFT-TO-RIGHT ISOLATE",
	rli:      "RIGHT-TO-LEFT ISOLATE",
	fsi:      "FIRST STRONG ISOLATE",
	pdi:      "POP DIRECTIONAL ISOLATE",
}

// RuneName is "U+202E RIGHT-TO-LEFT OVERRIDE", or "U+0007 (a control
// character)", for error messages.
func RuneName(r rune) string {
	if n, ok := bidiNames[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, n)
	}
	if IsControl(r) {
		return fmt.Sprintf("U+%04X (a control character)", r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// IsControl reports the control characters a message must not contain:
// every C0 control but the line feed (U+0000–U+001F, so the tab and the
// carriage return too: the typesetter cannot print them either), DELETE
// (U+007F), and the C1 controls (U+0080–U+009F). A line feed, which TOML
// writes as \n, is how a text asks for a new line, and stays allowed.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\n') || (r >= 0x7F && r <= 0x9F)
}

// Controls lists the characters of text that a message must not contain:
//
//   - control characters (see IsControl);
//   - the bidi embeddings and overrides U+202A–U+202E, which reorder the
//     characters that follow them (a "Trojan Source" text reads
//     differently from the characters it holds); a text needing a
//     direction of its own is wrapped in an isolate instead;
//   - bidi isolates that do not pair: every LRI, RLI or FSI (U+2066–
//     U+2068) must be closed by a PDI (U+2069) before the end of its
//     line, and a PDI must close one. Well-paired isolates are allowed:
//     they are how a right-to-left name sits inside a left-to-right text.
//
// It returns nil for a clean text.
func Controls(text string) []ControlProblem {
	var out []ControlProblem
	var open []ControlProblem // isolate initiators not yet closed
	closeLine := func() {
		for _, p := range open {
			p.Why = fmt.Sprintf("is not closed by %s before the end of the line", RuneName(pdi))
			out = append(out, p)
		}
		open = open[:0]
	}
	i := 0
	for _, r := range text {
		switch {
		case r == '\n':
			closeLine()
		case IsControl(r):
			out = append(out, ControlProblem{r, i, "is not text: remove it"})
		case r >= 0x202A && r <= 0x202E:
			out = append(out, ControlProblem{r, i, "is an invisible bidi control that reorders the text after it (it can make a text read differently from what it holds): remove it; to set a name in another direction, wrap it in an isolate (U+2066…U+2069) instead"})
		case r == lri, r == rli, r == fsi:
			open = append(open, ControlProblem{Rune: r, Index: i})
		case r == pdi:
			if len(open) == 0 {
				out = append(out, ControlProblem{r, i, "closes no isolate (LRI, RLI or FSI): remove it"})
			} else {
				open = open[:len(open)-1]
			}
		}
		i++
	}
	closeLine()
	sort.SliceStable(out, func(a, b int) bool { return out[a].Index < out[b].Index })
	return out
}
