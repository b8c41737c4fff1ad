package qa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet"
	"pamphlet/internal/fonts"
	"pamphlet/internal/layout"
	"pamphlet/internal/museum"
	"pamphlet/internal/typeset"

	"golang.org/x/text/language"
)

// fixture loads testdata/NAME: the shared museum.toml and it.toml plus
// the fixture's own catalogs, with the bundled fonts and A5 layout.
func fixture(t *testing.T, name string) *Input {
	t.Helper()
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	m, err := museum.Parse(read("testdata/museum.toml"))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := fonts.Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	lay, err := layout.Load(pamphlet.Sample, "a5")
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{Museum: m, Fonts: fs, Layout: lay, Files: map[string][]byte{"locales/it.toml": read("testdata/it.toml")}}
	files, _ := filepath.Glob(filepath.Join("testdata", name, "*.toml"))
	if len(files) == 0 {
		t.Fatalf("testdata/%s has no catalogs", name)
	}
	for _, f := range files {
		in.Files["locales/"+filepath.Base(f)] = read(f)
	}
	return in
}

// TestEveryRuleHasAFailingFixture runs each fixture in testdata/RULE and
// expects findings of that rule only, each naming file, line, language and
// (but for file-level ones) the message.
func TestEveryRuleHasAFailingFixture(t *testing.T) {
	for _, rule := range Rules {
		t.Run(rule.Name, func(t *testing.T) {
			res := Check(fixture(t, rule.Name))
			if len(res.Findings) == 0 {
				t.Fatalf("no finding; want %s", rule.Name)
			}
			for _, f := range res.Findings {
				if f.Rule != rule.Name {
					t.Errorf("unexpected finding %s", f)
				}
				if f.Severity != rule.Severity {
					t.Errorf("%s: severity %s, want %s", f, f.Severity, rule.Severity)
				}
				if rule.Name == Furniture {
					if f.File != "locales/be.toml" || f.Lang != "be" || !strings.Contains(f.Message, `ui.contents ("Contents")`) || !strings.Contains(f.Message, "add these messages to locales/be.toml") {
						t.Errorf("%s: want locales/be.toml, language be, the missing messages and the command", f)
					}
					continue
				}
				if rule.Name == FileName {
					if f.File != "locales/PL.toml" || f.Lang != "pl" || !strings.Contains(f.Message, "mv locales/PL.toml locales/pl.toml") {
						t.Errorf("%s: want locales/PL.toml, language pl and the mv that fixes it", f)
					}
					continue
				}
				if f.File != "locales/pl.toml" || f.Lang != "pl" || f.Line == 0 {
					t.Errorf("%s: want file locales/pl.toml, language pl and a line", f)
				}
				if f.ID == "" && rule.Name != Syntax && rule.Name != Meta {
					t.Errorf("%s: no message ID", f)
				}
			}
			wantErrors := 0
			if rule.Severity == Error {
				wantErrors = len(res.Findings)
			}
			if res.Errors != wantErrors {
				t.Errorf("Errors = %d, want %d", res.Errors, wantErrors)
			}
		})
	}
}

func TestCleanAndSilenced(t *testing.T) {
	for _, tc := range []struct {
		name     string
		silenced int
	}{
		{"clean", 0},
		{"silenced", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Check(fixture(t, tc.name))
			for _, f := range res.Findings {
				t.Errorf("unexpected finding %s", f)
			}
			if len(res.Silenced) != tc.silenced {
				t.Fatalf("silenced %d, want %d", len(res.Silenced), tc.silenced)
			}
			if tc.silenced > 0 && res.Silenced[0].Reason != "the name of a building" {
				t.Errorf("silenced finding lost its reason: %+v", res.Silenced[0])
			}
		})
	}
}

func TestEndPunct(t *testing.T) {
	for _, tc := range []struct{ lang, text, want string }{
		{"it", "Fine.", "a full stop"},
		{"ja", "終わり。", "a full stop"},
		{"it", "«Fine.»", "a full stop"},
		{"it", "Perché?", "a question mark"},
		{"el", "Γιατί;", "a question mark"},
		{"it", "Nota;", "a semicolon"},
		{"ar", "لماذا؟", "a question mark"},
		{"it", "E poi...", "an ellipsis"},
		{"it", "Titolo", "no punctuation"},
	} {
		if got := endPunct(tc.text, mustTag(tc.lang)); got != tc.want {
			t.Errorf("endPunct(%q, %s) = %s, want %s", tc.text, tc.lang, got, tc.want)
		}
	}
}

func TestMarkupAndPlaceholders(t *testing.T) {
	if got := markup(`a <b>x</b> <i class="k">y</I>`); len(got) != 4 || got[0] != "</b>" {
		t.Errorf("markup = %v", got)
	}
	p := placeholders("{{ .Count }} of {{.Year}} {{- .X -}}")
	for _, want := range []string{"{{.Count}}", "{{.Year}}", "{{.X}}"} {
		if !p[want] {
			t.Errorf("placeholders lack %s: %v", want, p)
		}
	}
}

// TestInvisibleControls: each bad character is one finding of
// invisible-controls (not also of glyphs), naming the code point and the
// message; a well-paired isolate is none.
func TestInvisibleControls(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"override", `Trasa \u202Etutaj.`, "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{"embedding", `Trasa \u202Atutaj.`, "U+202A LEFT-TO-RIGHT EMBEDDING"},
		{"unclosed isolate", `Trasa \u2066tutaj.`, "U+2066 LEFT-TO-RIGHT ISOLATE at character 7 is not closed"},
		{"stray pdi", `Trasa tutaj\u2069.`, "U+2069 POP DIRECTIONAL ISOLATE at character 12 closes no isolate"},
		{"tab", `Trasa\ttutaj.`, "U+0009 (a control character)"},
		{"nul", `Trasa\u0000tutaj.`, "U+0000 (a control character)"},
		{"c1", `Trasa\u009Btutaj.`, "U+009B (a control character)"},
		{"paired isolate", `Trasa \u2067שלום\u2069 tutaj.`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := fixture(t, "clean")
			in.Files["locales/pl.toml"] = append(in.Files["locales/pl.toml"], []byte("\n[\"floor1.intro\"]\nhash = \"x\"\nother = \""+tc.text+"\"\n")...)
			res := Check(in)
			if tc.want == "" {
				for _, f := range res.Findings {
					t.Errorf("unexpected finding %s", f)
				}
				return
			}
			if len(res.Findings) != 1 {
				t.Fatalf("%d findings, want 1: %v", len(res.Findings), res.Findings)
			}
			f := res.Findings[0]
			if f.Rule != Controls || f.ID != "floor1.intro" || f.Line == 0 || !strings.Contains(f.Message, tc.want) {
				t.Errorf("%s: want [%s] floor1.intro with its line, naming %s", f, Controls, tc.want)
			}
		})
	}
}

// TestGlyphsRuleAgreesWithTheBuild: the glyphs rule refuses a text
// exactly when the build's Setter does — vocalised Arabic and pointed
// Hebrew, which once stopped the build, pass both; a character no font
// has fails both.
func TestGlyphsRuleAgreesWithTheBuild(t *testing.T) {
	fs, err := fonts.Load(pamphlet.Sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, text string }{
		{"ar", "محلَّ"},
		{"ar", "\u0645\u062D\u0644\u0651\u064E"}, // shadda typed first
		{"ar", "لُّ لِّ لًّ بَّ مَّ"},
		{"ar", "قَدْ نُفِّذَ 😀"},
		{"he", "פְּקֻדָּה זוֹ"},
		{"he", "בְּרֵאשִׁ֖ית"}, // a cantillation mark no bundled font has
	} {
		in := fixture(t, "glyphs")
		for k := range in.Files {
			if k != "locales/it.toml" {
				delete(in.Files, k)
			}
		}
		in.Files["locales/"+tc.lang+".toml"] = []byte("[\"floor1.room.panel.title\"]\nother = \"" + tc.text + "\"\n")
		var found []string
		for _, f := range Check(in).Findings {
			if f.Rule == Glyphs {
				found = append(found, f.Message)
			}
		}
		tag := language.MustParse(tc.lang)
		chains := map[string][]*fonts.Face{}
		for _, fam := range fs.Families() {
			if chains[fam], err = fs.Chain(tag, fam); err != nil {
				t.Fatal(err)
			}
		}
		s := typeset.NewSetter(tag, chains)
		_, errText := s.Lines(tc.text, "text", 10, 300, typeset.AlignStart)
		_, errStrong := s.Lines(tc.text, "strong", 10, 300, typeset.AlignStart)
		if refused := errText != nil || errStrong != nil; refused != (len(found) > 0) {
			t.Errorf("%s %q: the build says %v / %v, check says %q", tc.lang, tc.text, errText, errStrong, found)
		}
	}
}
