package project

import (
	"maps"
	"slices"
	"testing"
)

// BenchmarkOpen is the cost every command pays before any work: opening
// the embedded sample (museum.toml, 16 catalogs, fonts, layout).
func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Open(""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOpenForParsesWhatTheLanguagesPrintFrom: a command for some
// languages parses their catalogs, the pivot's and the source's, and
// lists the rest as languages of the museum without reading them; one
// for all languages parses all.
func TestOpenForParsesWhatTheLanguagesPrintFrom(t *testing.T) {
	all, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		langs []string
		want  []string
	}{
		{[]string{"de"}, []string{"de", "en", "it"}},           // en is the pivot, it the source
		{[]string{"zh-hans"}, []string{"en", "it", "zh-Hans"}}, // as typed: tags are case-insensitive
		{[]string{"ja", "ar"}, []string{"ar", "en", "it", "ja"}},
		{nil, slices.Sorted(maps.Keys(all.Catalogs))},
	} {
		p, err := OpenFor("", c.langs)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Sorted(maps.Keys(p.Catalogs)); !slices.Equal(got, c.want) {
			t.Errorf("%v: parsed %v, want %v", c.langs, got, c.want)
		}
		if !slices.Equal(p.Languages(), all.Languages()) {
			t.Errorf("%v: languages %v, want %v", c.langs, p.Languages(), all.Languages())
		}
	}
}
