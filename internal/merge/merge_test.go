package merge

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet"
	"pamphlet/i18n"
	"pamphlet/internal/project"
	"pamphlet/internal/worksheet"
)

// museum copies the sample's museum.toml and catalogs into a directory,
// leaving out lang's catalog so that lang starts from nothing.
func museum(t *testing.T, without string) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(pamphlet.Sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (p != "museum.toml" && !strings.HasPrefix(p, "locales/")) || p == "locales/"+without+".toml" {
			return err
		}
		data, err := fs.ReadFile(pamphlet.Sample, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// sheet writes a worksheet for lang with every entry translated by fill.
func sheet(t *testing.T, dir, lang string, fill func(e *worksheet.Entry)) string {
	t.Helper()
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := worksheet.Make(worksheet.Input{Museum: p.Museum, Catalogs: p.Catalogs, Lang: lang})
	for i := range s.Entries {
		fill(&s.Entries[i])
	}
	path := filepath.Join(t.TempDir(), lang+".toml")
	if err := os.WriteFile(path, s.Encode(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func translateAll(e *worksheet.Entry) {
	for _, f := range e.Needs {
		e.Translation[f] = "Tłumaczenie " + e.ID + " " + f
	}
	e.Todo = false
}

func TestMergeCreatesAndIsIdempotent(t *testing.T) {
	dir := museum(t, "pl")
	ws := sheet(t, dir, "pl", translateAll)
	res, err := Merge(dir, ws, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Catalog != "locales/pl.toml" || len(res.Merged) == 0 {
		t.Fatalf("first merge: created %v, %s, %d merged", res.Created, res.Catalog, len(res.Merged))
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range res.Merged {
		m := p.Catalogs["pl"].Messages[id]
		if m == nil || !strings.HasPrefix(m.Text(), "Tłumaczenie "+id) || m.Hash == "" {
			t.Errorf("%s did not arrive with its text and hash: %+v", id, m)
		}
	}
	before, _ := os.ReadFile(filepath.Join(dir, "locales", "pl.toml"))
	again, err := Merge(dir, ws, nil)
	if err != nil || len(again.Merged) != 0 || len(again.Already) != len(res.Merged) {
		t.Fatalf("second merge: %v, %d merged, %d already", err, len(again.Merged), len(again.Already))
	}
	after, _ := os.ReadFile(filepath.Join(dir, "locales", "pl.toml"))
	if string(before) != string(after) {
		t.Error("merging the same worksheet twice changed the catalog")
	}
}

func TestMergeRefusesAWorksheetOfAnOlderSource(t *testing.T) {
	dir := museum(t, "pl")
	ws := sheet(t, dir, "pl", translateAll)
	it := filepath.Join(dir, "locales", "it.toml")
	data, _ := os.ReadFile(it)
	os.WriteFile(it, []byte(strings.Replace(string(data), `other = "Ingresso"`, `other = "L’ingresso"`, 1)), 0o644)
	_, err := Merge(dir, ws, nil)
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Lang != "pl" || len(ce.Conflicts) != 1 {
		t.Fatalf("err = %v, want a ConflictError for pl with one message", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "locales", "pl.toml")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a refused merge wrote the catalog")
	}
}

func TestMergeInterruptedLeavesTheCatalog(t *testing.T) {
	dir := museum(t, "")
	it := filepath.Join(dir, "locales", "it.toml")
	data, _ := os.ReadFile(it)
	os.WriteFile(it, []byte(strings.Replace(string(data), `other = "Ingresso"`, `other = "L’ingresso"`, 1)), 0o644)
	ws := sheet(t, dir, "de", translateAll) // the one stale message
	de := filepath.Join(dir, "locales", "de.toml")
	before, _ := os.ReadFile(de)
	killed := errors.New("killed")
	_, err := Merge(dir, ws, func(string, []byte) error { return killed })
	if !errors.Is(err, killed) {
		t.Fatalf("err = %v, want the write's error", err)
	}
	if after, _ := os.ReadFile(de); string(after) != string(before) {
		t.Error("the catalog changed although the write failed")
	}
	if res, err := Merge(dir, ws, nil); err != nil || len(res.Merged) != 1 {
		t.Fatalf("the retried merge: %v", err)
	}
}

func TestConfirmSetsOnlyHashes(t *testing.T) {
	dir := museum(t, "")
	it := filepath.Join(dir, "locales", "it.toml")
	data, _ := os.ReadFile(it)
	os.WriteFile(it, []byte(strings.Replace(string(data), `other = "Ingresso"`, `other = "L’ingresso"`, 1)), 0o644)
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "locales", "en.toml"))
	path, n, err := Confirm(p, "en", nil, true)
	if err != nil || n != 1 || path != "locales/en.toml" {
		t.Fatalf("Confirm --all: %s, %d, %v; want 1 message in locales/en.toml", path, n, err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "locales", "en.toml"))
	b, a := strings.Split(string(before), "\n"), strings.Split(string(after), "\n")
	if len(a) != len(b) {
		t.Fatalf("confirm changed the number of lines: %d → %d", len(b), len(a))
	}
	changed := 0
	for i := range a {
		if a[i] != b[i] {
			changed++
			if !strings.HasPrefix(a[i], "hash = ") {
				t.Errorf("line %d changed and is not a hash: %q", i+1, a[i])
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d lines changed, want 1", changed)
	}
	var se *SourceLanguageError
	if _, _, err := Confirm(p, "it", []string{"museum.name"}, false); !errors.As(err, &se) {
		t.Errorf("confirming the source: %v", err)
	}
}

func TestMergeRefusesInvisibleControls(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // in the error, or "" for a clean merge
	}{
		{"override", "Budynek\u202E przy Via Tasso", "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{"unpaired isolate", "Budynek \u2067przy Via Tasso", "U+2067 RIGHT-TO-LEFT ISOLATE"},
		{"nul", "Budynek\x00", "U+0000"},
		{"c1", "Bud\u0085ynek", "U+0085"},
		{"paired isolate", "Budynek \u2067שלום\u2069", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := museum(t, "pl")
			ws := sheet(t, dir, "pl", func(e *worksheet.Entry) {
				if e.ID == "floor1.entrance.building.title" {
					e.Translation["other"] = tc.text
				}
			})
			_, err := Merge(dir, ws, nil)
			_, statErr := os.Stat(filepath.Join(dir, "locales", "pl.toml"))
			if tc.want == "" {
				if err != nil || statErr != nil {
					t.Fatalf("a well-paired isolate: %v, %v", err, statErr)
				}
				return
			}
			var ce *ControlCharacterError
			if !errors.As(err, &ce) || len(ce.Problems) != 1 || ce.Problems[0].ID != "floor1.entrance.building.title" ||
				!strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "floor1.entrance.building.title (translation)") {
				t.Fatalf("err = %v, want a ControlCharacterError naming the message and %s", err, tc.want)
			}
			if !errors.Is(statErr, fs.ErrNotExist) {
				t.Error("a refused merge wrote the catalog")
			}
		})
	}
}

func TestMergeRefusesLanguagesItCannotPrint(t *testing.T) {
	dir := museum(t, "")
	base := sheet(t, dir, "pl", translateAll)
	data, _ := os.ReadFile(base)
	for _, lang := range []string{"und", "con", "x-klingon", "qaa", "zxx"} {
		t.Run(lang, func(t *testing.T) {
			ws := filepath.Join(t.TempDir(), lang+".toml")
			os.WriteFile(ws, []byte(strings.Replace(string(data), `language = "pl"`, `language = "`+lang+`"`, 1)), 0o644)
			_, err := Merge(dir, ws, nil)
			var le *LanguageError
			var ue *i18n.UnprintableLanguageError
			if !errors.As(err, &le) || !errors.As(err, &ue) || !strings.Contains(err.Error(), `"`+lang+`" is not a language pamphlet can print: `) {
				t.Fatalf("err = %v, want a LanguageError saying %s is not a language pamphlet can print", err, lang)
			}
			if strings.Contains(err.Error(), "plural rule registered") {
				t.Errorf("go-i18n's own wording leaked: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "locales", lang+".toml")); !errors.Is(err, fs.ErrNotExist) {
				t.Error("a refused merge wrote a catalog")
			}
		})
	}
}

func TestMergeAndConfirmCleanLeftovers(t *testing.T) {
	for _, cmd := range []string{"merge", "confirm"} {
		t.Run(cmd, func(t *testing.T) {
			dir := museum(t, "pl")
			ws := sheet(t, dir, "pl", translateAll)
			locales := filepath.Join(dir, "locales")
			leftover := filepath.Join(locales, ".pl.toml.123456.pamphlet-tmp")
			os.WriteFile(leftover, []byte("half a catalog"), 0o644)
			keep := filepath.Join(locales, ".source-history.toml")
			os.WriteFile(keep, nil, 0o644)
			var err error
			if cmd == "merge" {
				_, err = Merge(dir, ws, nil)
			} else {
				p, perr := project.Open(dir)
				if perr != nil {
					t.Fatal(perr)
				}
				_, _, err = Confirm(p, "en", nil, true)
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s left the interrupted write's temporary file", cmd)
			}
			if _, err := os.Stat(keep); err != nil {
				t.Errorf("%s removed a file that is no temporary file: %v", cmd, err)
			}
		})
	}
}

func TestMergeIntoNoMuseum(t *testing.T) {
	dir := museum(t, "pl")
	ws := sheet(t, dir, "pl", translateAll)
	empty := t.TempDir()
	for _, d := range []string{filepath.Join(empty, "nope"), empty} {
		_, err := Merge(d, ws, nil)
		if err == nil || strings.Contains(err.Error(), ".lock") {
			t.Errorf("Merge into %s: %v; want project.Open's error, not the lock file's", d, err)
		}
	}
}
