package main

import (
	"bytes"
	"io/fs"
	"os"
	"pamphlet/internal/build"
	"path/filepath"
	"strings"
	"testing"
)

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadInput checks each documented bad-input case: a one-line error
// that names the file and line or the message ID, exit status 1, no
// panic, and no output: an earlier PDF in the output directory stays
// exactly as it was, and no new file appears.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, museum string) []string // returns extra args
		want  []string                                   // substrings of the error line
		code  int
	}{
		{
			name: "malformed museum.toml",
			setup: func(t *testing.T, m string) []string {
				edit(t, filepath.Join(m, "museum.toml"), `layout = "a5"`, `layout = "a5`)
				return nil
			},
			want: []string{"museum.toml:5:", "malformed TOML"},
			code: 1,
		},
		{
			name: "malformed catalog",
			setup: func(t *testing.T, m string) []string {
				edit(t, filepath.Join(m, "locales", "de.toml"), `["museum.subtitle"]`, `["museum.subtitle"`)
				return nil
			},
			want: []string{"locales/de.toml:", "malformed TOML"},
			code: 1,
		},
		{
			name: "panel missing from the Italian catalog",
			setup: func(t *testing.T, m string) []string {
				edit(t, filepath.Join(m, "museum.toml"), `"floor1.cell2.farewell"]`, `"floor1.cell2.farewell", "floor1.cell2.letters"]`)
				return nil
			},
			want: []string{"museum.toml:", "floor1.cell2.letters.body", "locales/it.toml"},
			code: 1,
		},
		{
			name:  "unknown language",
			setup: func(t *testing.T, m string) []string { return []string{"--lang", "en,xx"} },
			want:  []string{`unknown language "xx"`, "pamphlet translate xx --museum"},
			code:  1,
		},
		{
			name:  "unknown floor",
			setup: func(t *testing.T, m string) []string { return []string{"--floor", "floor9"} },
			want:  []string{`unknown floor "floor9"`, "floor1, floor2, floor3"},
			code:  1,
		},
		{
			name: "missing museum directory",
			setup: func(t *testing.T, m string) []string {
				os.RemoveAll(m)
				return nil
			},
			want: []string{"museum directory not found"},
			code: 1,
		},
		{
			name:  "bad flag value",
			setup: func(t *testing.T, m string) []string { return []string{"--missing", "guess"} },
			want:  []string{`--missing = "guess"`, "fail, source, pivot"},
			code:  2,
		},
		{
			name:  "unknown flag",
			setup: func(t *testing.T, m string) []string { return []string{"--colour"} },
			want:  []string{"unknown flag: --colour"},
			code:  2,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			museum := copySample(t)
			out := t.TempDir()
			earlier := filepath.Join(out, "en", "floor1.pdf")
			os.MkdirAll(filepath.Dir(earlier), 0o755)
			before := []byte("%PDF-1.3 an earlier build\n")
			os.WriteFile(earlier, before, 0o644)

			args := append([]string{"build", "--museum", museum, "--out", out}, c.setup(t, museum)...)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			msg := strings.TrimSpace(stderr.String())
			if strings.Count(msg, "\n") != 0 {
				t.Errorf("error is not one line:\n%s", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if after, _ := os.ReadFile(earlier); !bytes.Equal(after, before) {
				t.Error("the earlier PDF was changed by a failed build")
			}
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && p != earlier {
					t.Errorf("a failed build left %s behind", p)
				}
				return nil
			})
		})
	}
}

// TestBuildSelection builds one language and floor of a museum directory.
func TestBuildSelection(t *testing.T) {
	museum := copySample(t)
	out := t.TempDir()
	printed := mustRun(t, "build", "--museum", museum, "--out", out, "--lang", "de,fr", "--floor", "floor2")
	var got []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	want := []string{build.CacheFile, "de/floor2.pdf", "fr/floor2.pdf"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("wrote %v, want %v", got, want)
	}
	if !strings.Contains(printed, filepath.Join(out, "de", "floor2.pdf")) {
		t.Errorf("output does not say what it wrote:\n%s", printed)
	}
}

// TestUndrawableCharacterStopsTheBuild: a character no bundled font can
// draw, or one the PDF writer cannot take (above U+FFFF), is an error
// naming the language, the message and the code point, before any PDF is
// written.
func TestUndrawableCharacterStopsTheBuild(t *testing.T) {
	cases := []struct{ name, char, code string }{
		{"emoji", "😀", "U+1F600"},
		{"no font", "ꦄ", "U+A984"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			museum := copySample(t)
			edit(t, filepath.Join(museum, "locales", "pl.toml"), `other = "Pokój przesłuchań"`, `other = "Pokój przesłuchań `+c.char+`"`)
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "--museum", museum, "--out", out}, &stdout, &stderr)
			if code != 1 {
				t.Fatalf("exit %d, want 1", code)
			}
			msg := stderr.String()
			for _, want := range []string{"locales/pl.toml", "(pl", "floor1.interrogation.title", c.code} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not name %q", msg, want)
				}
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 0 {
				t.Errorf("a failed build wrote %d entries", len(entries))
			}
		})
	}
}
