package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pamphlet/internal/qa"
	"pamphlet/internal/status"
)

// volunteerMuseum is a museum of the volunteer's own: a copy of the sample.
func volunteerMuseum(t *testing.T) string { return copySample(t) }

// pamphlet runs the CLI and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, args...)
	if code != 0 {
		t.Fatalf("pamphlet %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	s := read(t, p)
	if !strings.Contains(s, old) {
		t.Fatalf("%s lacks %q", p, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(s, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

var emptyTranslation = regexp.MustCompile(`(?m)^(translation(?:_[a-z]+)?) = ""$`)

// fill writes a translation into every empty field of a worksheet, as a
// volunteer would.
func fill(t *testing.T, ws string) {
	t.Helper()
	s := emptyTranslation.ReplaceAllString(read(t, ws), `$1 = "Czech text, {{.Count}}."`)
	// Only ui.panel_count has a placeholder; elsewhere drop it.
	var out []string
	plural := false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "id = ") {
			plural = line == `id = "ui.panel_count"`
		}
		if !plural {
			line = strings.Replace(line, ", {{.Count}}", "", 1)
		}
		out = append(out, line)
	}
	if err := os.WriteFile(ws, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func statusJSON(t *testing.T, args ...string) *status.Report {
	t.Helper()
	var rep status.Report
	if err := json.Unmarshal([]byte(mustRun(t, append([]string{"status", "--json"}, args...)...)), &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

// TestVolunteerRoundTrip: a new language, start to finish, and what
// happens when the Italian changes afterwards.
func TestVolunteerRoundTrip(t *testing.T) {
	dir := volunteerMuseum(t)
	ws := filepath.Join(t.TempDir(), "cs.toml")
	cs := filepath.Join(dir, "locales", "cs.toml")

	// translate → fill → merge → status complete.
	mustRun(t, "translate", "cs", "--museum", dir, "--out", ws)
	untouched := read(t, ws)
	out := mustRun(t, "merge", ws, "--museum", dir)
	if !strings.Contains(out, "merged 0 translation(s)") {
		t.Errorf("an untouched worksheet merged something:\n%s", out)
	}
	if _, err := os.Stat(cs); err == nil {
		t.Error("an untouched worksheet created the catalog")
	}
	fill(t, ws)
	out = mustRun(t, "merge", ws, "--museum", dir)
	n := len(openSample(t).Catalogs["it"].Messages) // every message of the source
	if !strings.Contains(out, "created locales/cs.toml") || !strings.Contains(out, fmt.Sprintf("merged %d translation(s)", n)) {
		t.Errorf("merge said:\n%s", out)
	}
	mustRun(t, "status", "--museum", dir, "--lang", "cs", "--min-complete", "100")
	if code, out, _ := cli(t, "check", "--museum", dir); code != 0 {
		t.Errorf("check after merge: exit %d\n%s", code, out)
	}

	// Idempotent: merging again changes nothing.
	before := read(t, cs)
	out = mustRun(t, "merge", ws, "--museum", dir)
	if read(t, cs) != before || !strings.Contains(out, fmt.Sprintf("%d already in the catalog", n)) {
		t.Errorf("second merge changed the catalog or said:\n%s", out)
	}

	// The curator edits one Italian panel title: exactly that message is
	// stale in every language, and every translation of it is still there.
	const id = "floor1.entrance.building.title"
	replaceIn(t, filepath.Join(dir, "locales", "it.toml"), `other = "Il palazzo di Via Tasso"`, `other = "Il palazzo di via Tasso"`)
	rep := statusJSON(t, "--museum", dir)
	if len(rep.Languages) < 15 {
		t.Fatalf("%d languages", len(rep.Languages))
	}
	for _, l := range rep.Languages {
		var stale []string
		for _, e := range l.Todo {
			if e.Status == "stale" {
				stale = append(stale, e.ID)
			}
		}
		if strings.Join(stale, " ") != id || l.Total.Stale != 1 || l.Total.Missing != 0 {
			t.Errorf("%s: stale %v, counts %+v; want exactly %s stale", l.Lang, stale, l.Total, id)
		}
	}
	if !strings.Contains(read(t, cs), `other = "Czech text."`) {
		t.Error("the Czech translation was lost")
	}
	if code, _, errOut := cli(t, "status", "--museum", dir, "--min-complete", "100"); code != 1 || !strings.Contains(errOut, fmt.Sprintf("cs is %.1f%% complete", math.Floor(float64(n-1)*1000/float64(n))/10)) {
		t.Errorf("--min-complete 100 with a stale message: exit %d, %s", code, errOut)
	}

	// The new worksheet shows the old and the new Italian and the current
	// translation, pre-filled but marked todo.
	ws2 := filepath.Join(t.TempDir(), "cs2.toml")
	mustRun(t, "translate", "cs", "--museum", dir, "--out", ws2)
	sheet := read(t, ws2)
	for _, want := range []string{`id = "` + id + `"`, `source = "Il palazzo di via Tasso"`, `old_source = "Il palazzo di Via Tasso"`, `current = "Czech text."`, "todo = true"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("worksheet lacks %s:\n%s", want, sheet)
		}
	}

	// A worksheet made from the older Italian is refused, naming the
	// message, and nothing is written.
	if err := os.WriteFile(ws, []byte(emptyTranslation.ReplaceAllString(untouched, `$1 = "x {{.Count}}"`)), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(cs)
	mustRun(t, "merge", ws2, "--museum", dir) // nothing to merge: todo
	if _, err := os.Stat(cs); err == nil {
		t.Fatal("a todo-only worksheet created the catalog")
	}
	os.WriteFile(cs, []byte(before), 0o644)
	code, _, errOut := cli(t, "merge", ws, "--museum", dir)
	if code != 1 || !strings.Contains(errOut, id+": its Italian source changed") || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("older worksheet: exit %d\n%s", code, errOut)
	}
	if read(t, cs) != before {
		t.Error("a refused merge changed the catalog")
	}

	// Approving the stale one (deleting todo) brings it up to date.
	replaceIn(t, ws2, "\ntodo = true", "\n")
	out = mustRun(t, "merge", ws2, "--museum", dir)
	if !strings.Contains(out, "confirmed 1 unchanged") {
		t.Errorf("merge said:\n%s", out)
	}
	if rep := statusJSON(t, "--museum", dir, "--lang", "cs"); rep.Languages[0].Total.Stale != 0 {
		t.Errorf("still stale: %+v", rep.Languages[0].Total)
	}
}

// TestMergeInterruptedLosesNothing simulates a merge killed while writing:
// the write dies after half the new catalog reached a temporary file. The
// catalog is as it was, the leftover does not disturb later commands, and
// the merge can simply be run again.
func TestMergeInterruptedLosesNothing(t *testing.T) {
	dir := volunteerMuseum(t)
	pl := filepath.Join(dir, "locales", "pl.toml")
	replaceIn(t, filepath.Join(dir, "locales", "it.toml"), `other = "Ingresso"`, `other = "L’ingresso"`)
	ws := filepath.Join(t.TempDir(), "pl.toml")
	mustRun(t, "translate", "pl", "--museum", dir, "--out", ws)
	replaceIn(t, ws, "\ntodo = true", "\n")
	replaceIn(t, ws, `translation = "Wejście"`, `translation = "Wejście do budynku"`)
	before := read(t, pl)

	crash := errors.New("killed")
	mergeWrite = func(path string, data []byte) error {
		tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".12345.tmp")
		os.WriteFile(tmp, data[:len(data)/2], 0o644)
		return crash
	}
	code, _, errOut := cli(t, "merge", ws, "--museum", dir)
	mergeWrite = nil
	if code != 1 || !strings.Contains(errOut, "killed") {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if read(t, pl) != before {
		t.Fatal("the catalog changed although the write failed")
	}
	mustRun(t, "status", "--museum", dir)
	mustRun(t, "merge", ws, "--museum", dir)
	if !strings.Contains(read(t, pl), `other = "Wejście do budynku"`) {
		t.Error("the retried merge did not write the translation")
	}
}

func TestStatusAndCheckFlags(t *testing.T) {
	dir := volunteerMuseum(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"status"}, 0, "LANG"},
		{[]string{"status", "--min-complete", "100"}, 0, ""},
		{[]string{"status", "--min-complete", "90,de=100,ja=80"}, 0, ""},
		{[]string{"status", "--min-complete", "abc"}, 2, "not a percentage"},
		{[]string{"status", "--min-complete", "xx=100"}, 2, "unknown language"},
		{[]string{"status", "--lang", "it"}, 2, "unknown language"},
		{[]string{"check"}, 0, "0 error(s)"},
		{[]string{"translate", "it"}, 2, "source language"},
		{[]string{"translate", "pl", "--pivot", "xx"}, 2, "no catalog"},
		{[]string{"merge", "x.toml"}, 2, "--museum"},
	} {
		code, out, errOut := cli(t, append(tc.args, "--museum", dir)...)
		if tc.args[0] == "merge" {
			code, out, errOut = cli(t, tc.args...)
		}
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s%s", tc.args, code, tc.code, tc.want, out, errOut)
		}
	}

	// An existing worksheet is never overwritten without --force.
	ws := filepath.Join(t.TempDir(), "ws.toml")
	os.WriteFile(ws, []byte("a volunteer's work"), 0o644)
	if code, _, errOut := cli(t, "translate", "cs", "--museum", dir, "--out", ws); code != 1 || read(t, ws) != "a volunteer's work" {
		t.Errorf("translate --out over a file: exit %d, %s", code, errOut)
	}
}

func TestCheckReportsBrokenCatalogs(t *testing.T) {
	dir := volunteerMuseum(t)
	replaceIn(t, filepath.Join(dir, "locales", "de.toml"), `other = "Das Haus in der Via Tasso"`, `other = "Das Haus in der Via Tasso`)
	replaceIn(t, filepath.Join(dir, "locales", "ru.toml"), "\n[\"", "\n[\"floor9.bogus\"]\nother = \"x\"\n\n[\"")
	code, out, _ := cli(t, "check", "--museum", dir, "--json")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var res qa.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Rule == qa.Syntax || f.Rule == qa.UnknownID {
			got = append(got, f.File+" "+f.Rule+" "+f.ID)
			if f.Line == 0 {
				t.Errorf("%s: no line", f)
			}
		}
	}
	if strings.Join(got, "; ") != "locales/de.toml syntax ; locales/ru.toml unknown-id floor9.bogus" {
		t.Errorf("findings: %v", got)
	}
}
