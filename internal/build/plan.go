package build

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"pamphlet/internal/museum"
	"pamphlet/internal/project"
)

// UnknownLanguageError is a requested language the museum has no
// catalog for.
type UnknownLanguageError struct {
	Lang  string   // as requested
	Known []string // the museum's languages, source first
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("unknown language %q: the museum has catalogs for %s", e.Lang, strings.Join(e.Known, ", "))
}

// UnknownPartError is a requested part the museum does not have.
type UnknownPartError struct {
	Part  string
	Kind  string // "floor", "stop" …
	Known []string
}

func (e *UnknownPartError) Error() string {
	return fmt.Sprintf("unknown %s %q: the museum has %ss %s", e.Kind, e.Part, e.Kind, strings.Join(e.Known, ", "))
}

// WholeError is a selection of parts for a museum that prints one
// pamphlet for the whole museum.
type WholeError struct{ Kind string }

func (e *WholeError) Error() string {
	return fmt.Sprintf("the museum prints one pamphlet for the whole museum, not one per %s", e.Kind)
}

// BrokenError is a catalog that cannot be read, among those a build needs.
type BrokenError struct {
	Lang string
	Err  error
}

func (e *BrokenError) Error() string { return e.Err.Error() }
func (e *BrokenError) Unwrap() error { return e.Err }

// Plan checks the requested languages and parts against the museum and
// returns them in the order asked, languages in their canonical form
// (tags are case-insensitive: zh-hans is zh-Hans). For a museum printed
// whole, the one "part" is the museum's ID. A catalog that cannot be read
// stops a build that needs it, and only such a build.
func Plan(p *project.Project, langs, parts []string, whole bool) ([]string, []string, error) {
	all := p.Languages()
	if len(langs) == 0 {
		if len(p.Broken) > 0 {
			b := p.Broken[0]
			return nil, nil, &BrokenError{Lang: b.File.Lang, Err: b.Err}
		}
		langs = all
	}
	canon := make([]string, len(langs))
	for i, l := range langs {
		if tag, err := language.Parse(l); err == nil {
			canon[i] = tag.String()
		} else {
			canon[i] = l
		}
		if err := p.BrokenCatalog(canon[i]); err != nil {
			return nil, nil, &BrokenError{Lang: canon[i], Err: err}
		}
		if _, ok := p.Catalogs[canon[i]]; !ok {
			return nil, nil, &UnknownLanguageError{Lang: l, Known: all}
		}
	}
	m := p.Museum
	if whole || m.Scope == museum.ScopeWhole {
		if len(parts) > 0 {
			return nil, nil, &WholeError{Kind: string(m.Kind)}
		}
		return canon, []string{m.ID}, nil
	}
	if len(parts) == 0 {
		parts = m.PartIDs()
	}
	for _, f := range parts {
		if _, ok := m.Part(f); !ok {
			return nil, nil, &UnknownPartError{Part: f, Kind: string(m.Kind), Known: m.PartIDs()}
		}
	}
	return canon, parts, nil
}

// Shard selects every N-th pamphlet of the matrix, starting at the K-th
// (1-based), so that N CI jobs can each build a part and together build
// it all. The zero Shard is the whole matrix.
type Shard struct{ K, N int }

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("--shard %q: use K/N with 1 ≤ K ≤ N, e.g. --shard 2/4", s)
	}
	return Shard{K: ki, N: ni}, nil
}

// Has reports whether the i-th pamphlet of the matrix (0-based, in
// language × floor order) belongs to the shard.
func (s Shard) Has(i int) bool { return s.N <= 1 || i%s.N == s.K-1 }

// String is "K/N", or "" for the whole matrix.
func (s Shard) String() string {
	if s.N <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}
