package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pamphlet/internal/policy"
	"pamphlet/internal/project"
	"pamphlet/internal/scaffold"
)

// TestUnchanged: a request built before, from the same files, is
// answered from the output folder's cache, with the results the build
// gave; any change to a file of the museum folder, to a setting or to a
// PDF on disk sends the next build the whole way. Dot-files, the output
// folder and the report inside the museum folder are not inputs; a
// linked folder makes the museum unfingerprintable.
func TestUnchanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "museum")
	files, err := scaffold.Sample("via-tasso", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "output") // inside the museum: not an input
	req := Request{Museum: dir, Out: out, Settings: []string{"lang=[en,de]", "floor=[floor2]"}, Written: []string{filepath.Join(dir, "report.json")}}
	build := func(fp Fingerprint) []Result {
		t.Helper()
		p, err := project.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := Build(p, Options{Langs: []string{"en", "de"}, Floors: []string{"floor2"}, Out: out, Policy: policy.Policy{Missing: "source", Stale: "use"}, Date: DefaultDate, Fingerprint: fp})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	fp, _, ok := Unchanged(req)
	if ok {
		t.Fatal("answered before anything was built")
	}
	built := build(fp)
	_, got, ok := Unchanged(req)
	if !ok {
		t.Fatal("the same request from the same files was not answered from the cache")
	}
	if len(got) != len(built) {
		t.Fatalf("%d results, the build gave %d", len(got), len(built))
	}
	for i, r := range got {
		b := built[i]
		if r.Status != Skipped || r.Path != b.Path || r.SHA256 != b.SHA256 || r.Pages != b.Pages || r.Bytes != b.Bytes || !slices.Equal(r.Warnings, b.Warnings) {
			t.Errorf("result %d: %+v, the build gave %+v", i, r, b)
		}
	}
	// An interrupted build's leftovers go, as in a build that runs.
	leftover := filepath.Join(out, "de", ".floor2.pdf.4242.pamphlet-tmp")
	os.WriteFile(leftover, []byte("x"), 0o644)
	if _, _, ok := Unchanged(req); !ok {
		t.Fatal("a leftover in the output folder counted as an input")
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("an interrupted build's temporary file is still there")
	}

	// Not inputs: a dot-file, the report, the output folder's own files.
	os.WriteFile(filepath.Join(dir, ".notes"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "report.json"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(out, "README.txt"), []byte("x"), 0o644)
	if _, _, ok := Unchanged(req); !ok {
		t.Error("a dot-file, the report or a file in the output folder counted as an input")
	}
	other := req
	other.Settings = []string{"lang=[en]", "floor=[floor2]"}
	if _, _, ok := Unchanged(other); ok {
		t.Error("another request was answered with this one's results")
	}

	// Any file of the museum folder is an input, read by the build or not.
	os.WriteFile(filepath.Join(dir, "plan-draft.txt"), []byte("x"), 0o644)
	if _, _, ok := Unchanged(req); ok {
		t.Error("a new file in the museum folder went unnoticed")
	}
	fp, _, _ = Unchanged(req)
	build(fp)
	if _, _, ok := Unchanged(req); !ok {
		t.Fatal("not answered after the build that followed the change")
	}
	cat := filepath.Join(dir, "locales", "de.toml")
	data, _ := os.ReadFile(cat)
	os.WriteFile(cat, append(data, '\n'), 0o644)
	if _, _, ok := Unchanged(req); ok {
		t.Error("an edited catalog went unnoticed")
	}
	os.WriteFile(cat, data, 0o644)
	if _, _, ok := Unchanged(req); !ok {
		t.Error("the catalog as it was is not recognised")
	}
	pdf := built[0].Path
	pdfData, _ := os.ReadFile(pdf)
	os.WriteFile(pdf, append(pdfData, ' '), 0o644)
	if _, _, ok := Unchanged(req); ok {
		t.Error("a PDF changed on disk went unnoticed")
	}
	os.WriteFile(pdf, pdfData, 0o644)

	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "linked")); err != nil {
		t.Skip(err)
	}
	if fp, _, ok := Unchanged(req); ok || fp != (Fingerprint{}) {
		t.Error("a museum folder with a linked folder in it was fingerprinted")
	}
}
