package i18n

import (
	"fmt"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// pluralSamples are the counts probed by PluralCategories: every integer
// up to 200 reaches each category CLDR defines for integers (Arabic "few"
// 3–10, "many" 11–99, Welsh "many" 6 …), a million reaches the
// compact-number "many" of Italian, Spanish, French and Portuguese, and
// the decimals reach the categories only fractions take (Russian,
// Polish and Ukrainian "other").
var pluralSamples = func() []any {
	var s []any
	for i := 0; i <= 200; i++ {
		s = append(s, i)
	}
	s = append(s, 1000000)
	for _, d := range []string{"0.0", "0.1", "0.5", "1.0", "1.5", "2.5", "3.5", "10.5", "100.5", "1000000.5"} {
		s = append(s, d)
	}
	return s
}()

var pluralCache sync.Map // language tag → pluralInfo

type pluralInfo struct {
	cats     []string
	examples map[string][]string
}

// PluralCategories returns the CLDR plural categories a language's
// messages must have, in CLDR order: ["one", "few", "many", "other"] for
// Polish, ["other"] for Japanese.
//
// The rules are go-i18n's own, because go-i18n is what picks the form when
// a pamphlet is rendered; they live in an internal package of go-i18n, so
// they are found by asking it: a probe message has every form, each saying
// its own name, and is rendered for a range of sample counts. (The tables
// of golang.org/x/text/feature/plural are an older CLDR and disagree, e.g.
// they give Italian no "many" and Hebrew a "many" that go-i18n v2.7 has
// dropped.)
func PluralCategories(tag language.Tag) []string { return plural(tag).cats }

// PluralExamples gives, for each category of PluralCategories, the first
// few sample counts that take it ("few": 2, 3, 4, 22 …), to show a
// volunteer which form is which.
func PluralExamples(tag language.Tag) map[string][]string { return plural(tag).examples }

func plural(tag language.Tag) pluralInfo {
	if v, ok := pluralCache.Load(tag.String()); ok {
		return v.(pluralInfo)
	}
	info := pluralInfo{examples: map[string][]string{}}
	bundle := goi18n.NewBundle(tag)
	probe := &goi18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := bundle.AddMessages(tag, probe); err == nil {
		loc := goi18n.NewLocalizer(bundle, tag.String())
		for _, n := range pluralSamples {
			form, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
			if err == nil && len(info.examples[form]) < 6 {
				info.examples[form] = append(info.examples[form], fmt.Sprint(n))
			}
		}
	}
	if len(info.examples["other"]) == 0 {
		info.examples["other"] = []string{}
	}
	for _, f := range PluralForms {
		if _, ok := info.examples[f]; ok {
			info.cats = append(info.cats, f)
		}
	}
	pluralCache.Store(tag.String(), info)
	return info
}

// IsPlural reports whether a source message has plural forms, i.e. any
// form besides "other". Only such messages need the target language's
// plural categories.
func (m *Message) IsPlural() bool {
	for f := range m.Forms {
		if f != "other" {
			return true
		}
	}
	return false
}

// UnprintableLanguageError is a well-formed language tag that names no
// language pamphlet can print a pamphlet in.
type UnprintableLanguageError struct {
	Lang string
	Why  string
}

func (e *UnprintableLanguageError) Error() string {
	return fmt.Sprintf("%q is not a language pamphlet can print: %s", e.Lang, e.Why)
}

// probe is the bundle Printable asks for plural rules: go-i18n builds
// its table of every language's rules for each new bundle (0.2 ms), and
// a process checks every catalog it reads, the tool's own 42 too.
var (
	probeMu sync.Mutex
	probe   *goi18n.Bundle
)

// Printable checks that tag names a real language that go-i18n can
// render: not a special code (und, mul, zxx, mis), not a private-use tag
// (x-…, qaa–qtz), and one with CLDR plural rules in go-i18n, without
// which it cannot render a message that counts something. (go-i18n does
// render und, as English; a catalog named und.toml would still be no
// language's.) Errors are *UnprintableLanguageError.
func Printable(tag language.Tag) error {
	lang := tag.String()
	b, _, _ := strings.Cut(lang, "-") // not tag.Base(), which guesses "en" for und
	why := ""
	switch {
	case b == "x" || (b >= "qaa" && b <= "qtz"):
		why = "it is a private-use tag, which names no language whose rules pamphlet knows"
	case b == "und":
		why = "und is the tag for an undetermined language"
	case b == "mul":
		why = "mul is the tag for several languages at once"
	case b == "zxx":
		why = "zxx is the tag for no linguistic content"
	case b == "mis":
		why = "mis is the tag for a language without a code"
	default:
		probeMu.Lock()
		if probe == nil {
			probe = goi18n.NewBundle(language.English)
		}
		err := probe.AddMessages(tag, &goi18n.Message{ID: "probe", Other: "probe"})
		probeMu.Unlock()
		if err != nil {
			why = "it has no plural rules (no way to choose between “1 panel” and “2 panels”)"
		}
	}
	if why == "" {
		return nil
	}
	return &UnprintableLanguageError{Lang: lang, Why: why}
}
