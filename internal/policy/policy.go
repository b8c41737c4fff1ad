// Package policy says what a pamphlet does with a message that is not
// plainly translated: one its language lacks (Missing) or one whose source
// text changed since it was translated (Stale). museum.toml's [policy]
// table sets a museum's defaults; the build command's flags override them.
// The choices are typed, and their spellings live here only.
package policy

import (
	"fmt"
	"strings"
)

// Missing is what to do with a message the pamphlet's language lacks.
type Missing string

const (
	// MissingFail stops the build, naming the messages.
	MissingFail Missing = "fail"
	// MissingSource prints the source text, marked as untranslated in the
	// pamphlet's language.
	MissingSource Missing = "source"
	// MissingPivot tries the language's parents, the pivot language, then
	// the source.
	MissingPivot Missing = "pivot"
)

// Stale is what to do with a translation whose source changed since.
type Stale string

const (
	StaleUse  Stale = "use"  // print it as it is
	StaleMark Stale = "mark" // print it with a note that it is out of date
	StaleFail Stale = "fail" // stop the build, naming the messages
)

// MissingChoices and StaleChoices are the valid spellings, in the order
// help texts list them.
var (
	MissingChoices = []Missing{MissingFail, MissingSource, MissingPivot}
	StaleChoices   = []Stale{StaleUse, StaleMark, StaleFail}
)

// Policy is a museum's or a build's choices.
type Policy struct {
	Missing Missing `toml:"missing"`
	Stale   Stale   `toml:"stale"`
	// Pivot is the language tried before the source when Missing is
	// MissingPivot, and shown beside the source in worksheets.
	Pivot string `toml:"pivot"`
	// FailUnverified refuses translations that record no source hash
	// (imported ones, which `pamphlet adopt` verifies); only Strict sets
	// it: an imported translation is otherwise printed as it is.
	FailUnverified bool `toml:"-"`
}

// Default is the policy of a museum whose museum.toml sets none: a missing
// translation stops the build, a stale one is printed.
var Default = Policy{Missing: MissingFail, Stale: StaleUse}

// WithDefaults fills the choices p leaves empty from Default.
func (p Policy) WithDefaults() Policy {
	if p.Missing == "" {
		p.Missing = Default.Missing
	}
	if p.Stale == "" {
		p.Stale = Default.Stale
	}
	return p
}

// Strict is p failing on every message that is not plainly translated,
// for CI.
func (p Policy) Strict() Policy {
	p.Missing, p.Stale, p.FailUnverified = MissingFail, StaleFail, true
	return p
}

// ChoiceError is a policy value outside its choices. Field names the
// setting as the user wrote it ("--missing", "policy.stale").
type ChoiceError struct {
	Field   string
	Value   string
	Choices []string
}

func (e *ChoiceError) Error() string {
	return fmt.Sprintf("%s = %q: use one of %s", e.Field, e.Value, strings.Join(e.Choices, ", "))
}

// ParseMissing reads a Missing choice; field names it in the error.
func ParseMissing(field, s string) (Missing, error) {
	return parse(field, s, MissingChoices)
}

// ParseStale reads a Stale choice; field names it in the error.
func ParseStale(field, s string) (Stale, error) {
	return parse(field, s, StaleChoices)
}

func parse[T ~string](field, s string, choices []T) (T, error) {
	for _, c := range choices {
		if string(c) == s {
			return c, nil
		}
	}
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = string(c)
	}
	return "", &ChoiceError{Field: field, Value: s, Choices: names}
}

// Validate checks that p's choices are valid; prefix names the table they
// were read from ("policy").
func (p Policy) Validate(prefix string) error {
	if _, err := ParseMissing(prefix+".missing", string(p.Missing)); err != nil {
		return err
	}
	_, err := ParseStale(prefix+".stale", string(p.Stale))
	return err
}

// Help lists the choices of a setting for a flag's help text: "fail | source | pivot".
func Help[T ~string](choices []T) string {
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = string(c)
	}
	return strings.Join(names, " | ")
}
