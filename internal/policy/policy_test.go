package policy

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		field, value string
		ok           bool
	}{
		{"--missing", "fail", true},
		{"--missing", "source", true},
		{"--missing", "pivot", true},
		{"--missing", "Fail", false},
		{"--missing", "", false},
		{"--missing", "use", false},
	} {
		_, err := ParseMissing(tc.field, tc.value)
		if (err == nil) != tc.ok {
			t.Errorf("ParseMissing(%q): %v", tc.value, err)
		}
		var ce *ChoiceError
		if err != nil && (!errors.As(err, &ce) || ce.Field != tc.field || len(ce.Choices) != 3) {
			t.Errorf("ParseMissing(%q): %v, want a ChoiceError naming %s and its 3 choices", tc.value, err, tc.field)
		}
	}
	for _, v := range []string{"use", "mark", "fail"} {
		if s, err := ParseStale("--stale", v); err != nil || string(s) != v {
			t.Errorf("ParseStale(%q) = %q, %v", v, s, err)
		}
	}
	if _, err := ParseStale("--stale", "source"); err == nil {
		t.Error("--stale source is accepted")
	}
}

func TestDefaultsAndStrict(t *testing.T) {
	p := Policy{Pivot: "en"}.WithDefaults()
	if p != (Policy{Missing: MissingFail, Stale: StaleUse, Pivot: "en"}) {
		t.Errorf("WithDefaults: %+v", p)
	}
	p = Policy{Missing: MissingPivot, Stale: StaleMark}.WithDefaults()
	if p.Missing != MissingPivot || p.Stale != StaleMark {
		t.Errorf("WithDefaults overrode set choices: %+v", p)
	}
	if s := p.Strict(); s.Missing != MissingFail || s.Stale != StaleFail {
		t.Errorf("Strict: %+v", s)
	}
	if err := (Policy{Missing: "pivot", Stale: "never"}).Validate("policy"); err == nil || err.Error() != `policy.stale = "never": use one of use, mark, fail` {
		t.Errorf("Validate: %v", err)
	}
}
