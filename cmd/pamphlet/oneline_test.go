package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"pamphlet"
)

// put writes a museum file (a layout, fonts.toml) copied from the
// bundle, then edited: a museum's own file overrides the bundled one.
func put(t *testing.T, museum, name, old, new string) {
	t.Helper()
	data, err := pamphlet.Sample.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(museum, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, p, old, new)
}

// sheet makes a German worksheet of every message (the German catalog is
// deleted first) and fills the first text with fill's result.
func sheet(t *testing.T, museum string, fill func(string) string) string {
	t.Helper()
	os.Remove(filepath.Join(museum, "locales", "de.toml"))
	ws := filepath.Join(t.TempDir(), "de.toml")
	var out, errOut bytes.Buffer
	if code := run([]string{"translate", "de", "--museum", museum, "--out", ws}, &out, &errOut); code != 0 {
		t.Fatalf("translate: %s", errOut.String())
	}
	data, _ := os.ReadFile(ws)
	// The instructions at the top quote a translation line too: edit from
	// the first message on.
	text := string(data)
	at := strings.Index(text, "\nid = ")
	os.WriteFile(ws, []byte(text[:at]+fill(text[at:])), 0o644)
	return ws
}

// tmpDirs matches the test's temporary folders in an error.
var tmpDirs = regexp.MustCompile(`\S*TestErrorsAreOneLine[^/]*/[0-9]+`)

// advised finds the pamphlet commands an error advises ("pamphlet
// translate de --museum m --out de-worksheet.toml").
var advised = regexp.MustCompile(`pamphlet ((?:build|translate|merge|status|check|confirm|init)\b[^();,:—]*)`)

// TestErrorsAreOneLine runs the command line on a fresh copy of the sample
// museum with one bad edit for every class of error a user can cause, and
// checks the promise of the README: exit 1 (2 for usage), one line,
// starting "pamphlet: ", naming the file and line or the message ID, under
// 300 characters, and any command it advises runnable as written.
func TestErrorsAreOneLine(t *testing.T) {
	build := func(m string, extra ...string) []string {
		return append([]string{"build", "--museum", m, "--out", filepath.Join(filepath.Dir(m), "out")}, extra...)
	}
	loc := func(m, lang string) string { return filepath.Join(m, "locales", lang+".toml") }
	cases := []struct {
		name  string
		setup func(t *testing.T, m string) []string
		code  int
		want  []string // the file:line or message ID, and what is wrong
	}{
		{"malformed catalog", func(t *testing.T, m string) []string {
			edit(t, loc(m, "de"), `["museum.subtitle"]`, `["museum.subtitle"`)
			return build(m)
		}, 1, []string{"locales/de.toml:14:", "malformed TOML"}},
		{"broken multi-line string in a catalog", func(t *testing.T, m string) []string {
			edit(t, loc(m, "de"), `other = "Führer durch die Räume und Texttafeln"`, "other = \"\"\"Führer\n\"durch\" die\n[\"x\"]\nRäume")
			return build(m)
		}, 1, []string{"locales/de.toml:", "malformed TOML"}},
		{"malformed museum.toml", func(t *testing.T, m string) []string {
			edit(t, filepath.Join(m, "museum.toml"), `layout = "a5"`, `layout = "a5`)
			return build(m)
		}, 1, []string{"museum.toml:5:", "malformed TOML"}},
		{"malformed layout", func(t *testing.T, m string) []string {
			put(t, m, "layouts/a5.toml", "grey = 70", "grey = [70,")
			return build(m)
		}, 1, []string{"layouts/a5.toml:", "malformed TOML"}},
		{"malformed fonts.toml", func(t *testing.T, m string) []string {
			put(t, m, "fonts/fonts.toml", `{ file = "DejaVuSerif.ttf",`, `{ file = "DejaVuSerif.ttf,`)
			return build(m)
		}, 1, []string{"fonts/fonts.toml:9:", "malformed TOML"}},
		{"malformed worksheet", func(t *testing.T, m string) []string {
			ws := sheet(t, m, func(s string) string {
				return strings.Replace(s, `translation = ""`, `translation = "Das "Museum""`, 1)
			})
			return []string{"merge", ws, "--museum", m}
		}, 1, []string{"de.toml:", "not valid TOML"}},
		{"grey = nan in a layout", func(t *testing.T, m string) []string {
			put(t, m, "layouts/a5.toml", "grey = 70", "grey = nan")
			return build(m)
		}, 1, []string{"layouts/a5.toml:29: styles.cover_subtitle.grey: expected a whole number, got nan"}},
		{"grey = 1e3 in a layout", func(t *testing.T, m string) []string {
			put(t, m, "layouts/a5.toml", "grey = 70", "grey = 1e3")
			return build(m)
		}, 1, []string{"layouts/a5.toml:29:", "expected a whole number", "1000"}},
		{"panels a text", func(t *testing.T, m string) []string {
			edit(t, filepath.Join(m, "museum.toml"), `panels = ["floor1.cell1.kitchen", "floor1.cell1.conditions"]`, `panels = "x"`)
			return build(m)
		}, 1, []string{"museum.toml:32: floors.rooms.panels: expected a list"}},
		{"source a number", func(t *testing.T, m string) []string {
			edit(t, filepath.Join(m, "museum.toml"), `source = "it"`, `source = 5`)
			return build(m)
		}, 1, []string{"museum.toml:2: source: expected a text"}},
		{"unknown key in museum.toml", func(t *testing.T, m string) []string {
			edit(t, filepath.Join(m, "museum.toml"), `layout = "a5"`, "layout = \"a5\"\ncolour = \"red\"")
			return build(m)
		}, 1, []string{"museum.toml:6:", `unknown key "colour"`}},
		{"unknown key in a layout", func(t *testing.T, m string) []string {
			put(t, m, "layouts/a5.toml", "grey = 70", "grey = 70\ngray = 70")
			return build(m)
		}, 1, []string{"layouts/a5.toml:30:", `unknown key`}},
		{"duplicate key in museum.toml", func(t *testing.T, m string) []string {
			edit(t, filepath.Join(m, "museum.toml"), `layout = "a5"`, "layout = \"a5\"\nlayout = \"large\"")
			return build(m)
		}, 1, []string{"museum.toml:6:", "already been defined"}},
		{"duplicate key in a catalog", func(t *testing.T, m string) []string {
			edit(t, loc(m, "de"), `["museum.subtitle"]`, "[\"museum.subtitle\"]\nother = \"x\"")
			return build(m)
		}, 1, []string{"locales/de.toml:", "already been defined"}},
		{"empty catalog", func(t *testing.T, m string) []string {
			os.WriteFile(loc(m, "de"), nil, 0o644)
			return build(m)
		}, 1, []string{"locales/de.toml: de, floor1, floor2, floor3: " + fmt.Sprint(sampleMessages(t)) + " message(s) not ready: missing: museum.name", "… and " + fmt.Sprint(sampleMessages(t)-3) + " more"}},
		{"two empty catalogs", func(t *testing.T, m string) []string {
			os.WriteFile(loc(m, "de"), nil, 0o644)
			return build(m, "--lang", "de")
		}, 1, []string{"locales/de.toml: de, floor1, floor2, floor3:"}},
		{"catalog is a directory", func(t *testing.T, m string) []string {
			os.Remove(loc(m, "de"))
			os.Mkdir(loc(m, "de"), 0o755)
			return build(m)
		}, 1, []string{"locales/de.toml", "not a regular file"}},
		{"message table mixing fields and keys", func(t *testing.T, m string) []string {
			edit(t, loc(m, "de"), `["museum.subtitle"]`, "[\"museum.subtitle\"]\ncolour = \"x\"")
			return build(m)
		}, 1, []string{"locales/de.toml:14:", `message "museum.subtitle"`, `"colour" is not a message field`}},
		{"a number for a message", func(t *testing.T, m string) []string {
			edit(t, loc(m, "de"), `["museum.name"]`, "x = 5\n[\"museum.name\"]")
			return build(m)
		}, 1, []string{"locales/de.toml:9:", `message "x" is a whole number`}},
		{"a form that is not a text", func(t *testing.T, m string) []string {
			edit(t, loc(m, "de"), `other = "Führer durch die Räume und Texttafeln"`, `other = 5`)
			return build(m)
		}, 1, []string{"locales/de.toml:", `message "museum.subtitle": other must be a text`}},
		{"a catalog for no printable language", func(t *testing.T, m string) []string {
			os.Rename(loc(m, "de"), loc(m, "con"))
			return build(m)
		}, 1, []string{"locales/con.toml:", `"con" is not a language pamphlet can print`}},
		{"panel missing from the Italian catalog", func(t *testing.T, m string) []string {
			edit(t, filepath.Join(m, "museum.toml"), `"floor1.cell2.farewell"]`, `"floor1.cell2.farewell", "floor1.cell2.letters"]`)
			return build(m)
		}, 1, []string{"museum.toml:36:", "floor1.cell2.letters.body"}},
		{"NUL in a worksheet translation", func(t *testing.T, m string) []string {
			ws := sheet(t, m, func(s string) string {
				return strings.Replace(s, `translation = ""`, `translation = "Museum\u0000"`, 1)
			})
			return []string{"merge", ws, "--museum", m}
		}, 1, []string{"de.toml: refusing to merge", "museum.name (translation)", "U+0000"}},
		{"raw NUL byte in a worksheet", func(t *testing.T, m string) []string {
			ws := sheet(t, m, func(s string) string {
				return strings.Replace(s, `translation = ""`, "translation = \"Museum\x00\"", 1)
			})
			return []string{"merge", ws, "--museum", m}
		}, 1, []string{"de.toml:", "not valid TOML"}},
		{"a plural form German does not use", func(t *testing.T, m string) []string {
			// The museum words its own count (the tool's would do too).
			f, _ := os.OpenFile(loc(m, "it"), os.O_APPEND|os.O_WRONLY, 0o644)
			fmt.Fprint(f, "\n[\"ui.panel_count\"]\ndescription = \"Cover: the number of panels.\"\none = \"{{.Count}} pannello\"\nmany = \"{{.Count}} di pannelli\"\nother = \"{{.Count}} pannelli\"\n")
			f.Close()
			ws := sheet(t, m, func(s string) string {
				return strings.Replace(s, "translation_one = \"\"\ntranslation = \"\"", "translation_one = \"{{.Count}} Tafel\"\ntranslation_many = \"{{.Count}} Tafeln\"\ntranslation = \"{{.Count}} Tafeln\"", 1)
			})
			return []string{"merge", ws, "--museum", m}
		}, 1, []string{"ui.panel_count", "translation_many", "delete that line", "pamphlet merge"}},
		{"unknown key in a worksheet", func(t *testing.T, m string) []string {
			ws := sheet(t, m, func(s string) string { return strings.Replace(s, `translation = ""`, `translaton = "x"`, 1) })
			return []string{"merge", ws, "--museum", m}
		}, 1, []string{"de.toml:", `unknown key "translaton"`}},
		{"unknown language", func(t *testing.T, m string) []string { return build(m, "--lang", "en,xx") }, 1, []string{`unknown language "xx"`}},
		{"unknown floor", func(t *testing.T, m string) []string { return build(m, "--floor", "floor9") }, 1, []string{`unknown floor "floor9"`}},
		{"missing museum directory", func(t *testing.T, m string) []string {
			os.RemoveAll(m)
			return build(m)
		}, 1, []string{"museum directory not found"}},
		{"--min-complete nan", func(t *testing.T, m string) []string {
			return []string{"status", "--museum", m, "--min-complete", "nan"}
		}, 2, []string{`--min-complete "nan"`}},
		{"--min-complete inf", func(t *testing.T, m string) []string {
			return []string{"status", "--museum", m, "--min-complete", "de=inf"}
		}, 2, []string{`--min-complete "de=inf"`}},
		{"bad flag value", func(t *testing.T, m string) []string { return build(m, "--missing", "guess") }, 2, []string{`--missing = "guess"`}},
		{"unknown flag", func(t *testing.T, m string) []string { return build(m, "--colour") }, 2, []string{"unknown flag: --colour"}},
		{"-j 0", func(t *testing.T, m string) []string { return build(m, "-j", "0") }, 2, []string{"-j/--jobs 0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := copySample(t)
			args := c.setup(t, m)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			msg := stderr.String()
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, msg)
			}
			if !strings.HasSuffix(msg, "\n") || strings.Count(msg, "\n") != 1 {
				t.Errorf("stderr is not exactly one line:\n%s", msg)
			}
			if !strings.HasPrefix(msg, "pamphlet: ") {
				t.Errorf("stderr does not start with \"pamphlet: \": %q", msg)
			}
			// The length of pamphlet's words: the test's temporary
			// folders count as one character each.
			if n := len([]rune(strings.TrimSpace(tmpDirs.ReplaceAllString(msg, "T")))); n >= 300 {
				t.Errorf("error is %d characters long: %s", n, msg)
			}
			for _, w := range c.want {
				if !strings.Contains(filepath.ToSlash(msg), w) {
					t.Errorf("error does not say %q:\n%s", w, msg)
				}
			}
			for _, adv := range advised.FindAllStringSubmatch(msg, -1) {
				fields := strings.Fields(adv[1])
				for len(fields) > 0 && (fields[len(fields)-1] == "again" || fields[len(fields)-1] == "then") {
					fields = fields[:len(fields)-1]
				}
				cmd, rest, err := newRootCmd(io.Discard, io.Discard).Find(fields)
				if err != nil || cmd.Name() != fields[0] {
					t.Errorf("advised %q: no such command (%v)", adv[0], err)
					continue
				}
				if err := cmd.ParseFlags(rest); err != nil && !errors.Is(err, pflag.ErrHelp) {
					t.Errorf("advised %q: %v", adv[0], err)
				}
			}
		})
	}
}

// sampleMessages is the number of messages of the sample's source catalog.
func sampleMessages(t *testing.T) int {
	return len(openSample(t).Catalogs["it"].Messages)
}
