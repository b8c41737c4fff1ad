package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"pamphlet/internal/policy"
	"pamphlet/internal/project"
)

func TestDateFromEnv(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if d, _ := DateFromEnv(); !d.Equal(DefaultDate) {
		t.Errorf("unset: %v", d)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "86400")
	if d, _ := DateFromEnv(); d.Unix() != 86400 {
		t.Errorf("86400: %v", d)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := DateFromEnv(); err == nil {
		t.Error("a non-number is accepted")
	}
}

// BenchmarkBuildSample builds every language × floor of the sample (48
// pamphlets) into a temporary directory, as `pamphlet build` does.
func BenchmarkBuildSample(b *testing.B) {
	p, err := project.Open("")
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	pol := policy.Policy{Missing: "fail", Stale: "use", Pivot: "en"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(p, Options{Out: out, Policy: pol, Date: DefaultDate, Force: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildOnePamphlet is the cost of one Latin pamphlet, fonts
// loaded per document included.
func BenchmarkBuildOnePamphlet(b *testing.B) {
	p, err := project.Open("")
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	pol := policy.Policy{Missing: "fail", Stale: "use"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(p, Options{Langs: []string{"en"}, Floors: []string{"floor1"}, Out: out, Policy: pol, Date: DefaultDate, Force: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBuildCleansLeftovers: the temporary files an interrupted build left
// in an output folder go at the next build; other files stay.
func TestBuildCleansLeftovers(t *testing.T) {
	p, err := project.Open("")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	en := filepath.Join(out, "en")
	os.MkdirAll(en, 0o755)
	leftover := filepath.Join(en, ".floor1.pdf.4242.pamphlet-tmp")
	notes := filepath.Join(en, ".notes")
	for _, f := range []string{leftover, notes} {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	pol := policy.Policy{Missing: "fail", Stale: "use"}
	if _, err := Build(p, Options{Langs: []string{"en"}, Floors: []string{"floor1"}, Out: out, Policy: pol, Date: DefaultDate, Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the interrupted build's temporary file is still there")
	}
	if _, err := os.Stat(notes); err != nil {
		t.Errorf("a file that is no temporary file went: %v", err)
	}
}
