package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pamphlet/internal/museumlock"
)

// TestOutNeverInLocales: build and translate refuse an --out that would
// put files among the catalogs (exit 2), and write nothing there.
func TestOutNeverInLocales(t *testing.T) {
	dir := volunteerMuseum(t)
	locales := filepath.Join(dir, "locales")
	link := filepath.Join(t.TempDir(), "cats")
	if err := os.Symlink(locales, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"build into nothing", []string{"build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", ""}, `--out "" names no folder: give the folder for the PDFs (pamphlet build --museum ` + dir + ` --out output)`},
		{"sample into nothing", []string{"build", "--out", ""}, `(pamphlet build --out output)`},
		{"build into locales", []string{"build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", locales}, "where the catalogs are kept"},
		{"build below locales", []string{"build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", filepath.Join(locales, "pdf")}, "where the catalogs are kept"},
		{"build through a link", []string{"build", "--museum", dir, "--lang", "en", "--floor", "floor1", "--out", link}, "where the catalogs are kept"},
		{"worksheet into locales", []string{"translate", "cs", "--museum", dir, "--out", filepath.Join(locales, "cs.toml")}, "where every .toml file is read as a catalog"},
		{"worksheet into locales, forced", []string{"translate", "cs", "--museum", dir, "--force", "--out", filepath.Join(locales, "cs-worksheet.toml")}, "pamphlet translate cs --museum " + dir + " --out cs-worksheet.toml"},
		{"worksheet over a catalog, forced", []string{"translate", "pl", "--museum", dir, "--force", "--out", filepath.Join(link, "pl.toml")}, "where every .toml file is read as a catalog"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := listDir(t, locales)
			code, _, errOut := cli(t, tc.args...)
			if code != exitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, %q; want exit 2 and %q", code, errOut, tc.want)
			}
			if after := listDir(t, locales); after != before {
				t.Errorf("locales/ changed:\n%s\n→\n%s", before, after)
			}
		})
	}
}

// listDir lists a folder's files with their contents, leaving out the
// museum's lock file (any command that writes catalogs takes the lock).
func listDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != ".lock" {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
		}
		return nil
	})
	return b.String()
}

// TestMergeRefusals: a worksheet for a tag that is no language, or with
// an invisible control in a translation, is refused (exit 1) with the
// reason in pamphlet's words and the command to run once fixed; nothing
// is written.
func TestMergeRefusals(t *testing.T) {
	dir := volunteerMuseum(t)
	ws := filepath.Join(t.TempDir(), "cs.toml")
	mustRun(t, "translate", "cs", "--museum", dir, "--out", ws)
	fill(t, ws)
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		{"con", `language = "cs"`, `language = "con"`, []string{`"con" is not a language pamphlet can print: it has no plural rules`, `language = "…" line`, "pamphlet merge " + ws + " --museum " + dir + " again"}},
		{"und", `language = "cs"`, `language = "und"`, []string{`"und" is not a language pamphlet can print: und is the tag for an undetermined language`}},
		{"private use", `language = "cs"`, `language = "x-klingon"`, []string{`"x-klingon" is not a language pamphlet can print: it is a private-use tag`}},
		{"override", `translation = "Czech text."`, `translation = "Czech \u202Etext."`, []string{"U+202E RIGHT-TO-LEFT OVERRIDE", "(translation): U+202E", "pamphlet merge " + ws + " --museum " + dir + " again"}},
		{"unpaired isolate", `translation = "Czech text."`, `translation = "Czech \u2067text."`, []string{"U+2067 RIGHT-TO-LEFT ISOLATE at character 7 is not closed by U+2069"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "cs.toml")
			os.WriteFile(bad, []byte(strings.Replace(read(t, ws), tc.old, tc.new, 1)), 0o644)
			before := listDir(t, filepath.Join(dir, "locales"))
			code, _, errOut := cli(t, "merge", bad, "--museum", dir)
			if code != exitFail {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tc.want {
				w = strings.ReplaceAll(w, ws, bad)
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut, "plural rule registered") {
				t.Errorf("go-i18n's wording leaked:\n%s", errOut)
			}
			if after := listDir(t, filepath.Join(dir, "locales")); after != before {
				t.Errorf("a refused merge changed locales/")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "locales", "cs.toml")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a refused merge created the catalog")
	}
}

// TestMergeAdviceForALockTimeout: the advice is the merge command to run
// again, for this worksheet and museum.
func TestMergeAdviceForALockTimeout(t *testing.T) {
	err := mergeAdvice(&museumlock.TimeoutError{Path: "m/locales/.lock", Waited: time.Minute, PID: 4242}, "pl.toml", "m")
	want := "m/locales/.lock: another pamphlet command (process 4242) has been writing this museum's catalogs for 1m0s, and still holds the lock; nothing was written: when it has finished, run pamphlet merge pl.toml --museum m again"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	var te *museumlock.TimeoutError
	if !errors.As(err, &te) {
		t.Error("the advice lost the typed error")
	}
}
