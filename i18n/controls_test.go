package i18n

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestControls(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // "U+XXXX@index"
	}{
		{"clean", "Il palazzo di Via Tasso", nil},
		{"line feed", "riga uno\nriga due", nil},
		{"paired isolate", "il nome \u2067שלום\u2069 in ebraico", nil},
		{"nested isolates", "\u2066a \u2067b\u2069 c\u2069", nil},
		{"first strong isolate", "\u2068abc\u2069", nil},
		{"override", "abc\u202Edef", []string{"U+202E@3"}},
		{"embedding and pop", "\u202Babc\u202C", []string{"U+202B@0", "U+202C@4"}},
		{"every embedding", "\u202A\u202B\u202C\u202D\u202E", []string{"U+202A@0", "U+202B@1", "U+202C@2", "U+202D@3", "U+202E@4"}},
		{"unclosed isolate", "ab\u2067cd", []string{"U+2067@2"}},
		{"stray pdi", "ab\u2069cd", []string{"U+2069@2"}},
		{"isolate closed only on the next line", "a\u2066b\nc\u2069", []string{"U+2066@1", "U+2069@5"}},
		{"nul", "a\x00b", []string{"U+0000@1"}},
		{"tab", "a\tb", []string{"U+0009@1"}},
		{"carriage return", "a\r\nb", []string{"U+000D@1"}},
		{"escape and delete", "\x1b[1m\x7f", []string{"U+001B@0", "U+007F@4"}},
		{"c1", "a\u0085b\u009b", []string{"U+0085@1", "U+009B@3"}},
		{"after multibyte text", "żółć\u202E", []string{"U+202E@4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range Controls(tc.text) {
				got = append(got, fmt.Sprintf("U+%04X@%d", p.Rune, p.Index))
				if !strings.HasPrefix(p.String(), fmt.Sprintf("U+%04X", p.Rune)) || p.Why == "" {
					t.Errorf("%q: does not name the code point and why", p)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Controls(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct {
		tag string
		ok  bool
	}{
		{"pl", true}, {"zh-Hans", true}, {"pt-BR", true}, {"sr-Latn", true}, {"en-x-museum", true}, {"cy", true},
		{"und", false}, {"con", false}, {"x-klingon", false}, {"qaa", false}, {"qtz-x-a", false},
		{"mul", false}, {"zxx", false}, {"mis", false}, {"tlh", false},
	} {
		err := Printable(language.MustParse(tc.tag))
		var ue *UnprintableLanguageError
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v, want printable", tc.tag, err)
		case !tc.ok && (!errors.As(err, &ue) || !strings.Contains(err.Error(), "is not a language pamphlet can print")):
			t.Errorf("%s: %v, want an UnprintableLanguageError", tc.tag, err)
		}
	}
}
