package build

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

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

// UnknownFloorError is a requested floor the museum does not have.
type UnknownFloorError struct {
	Floor string
	Known []string
}

func (e *UnknownFloorError) Error() string {
	return fmt.Sprintf("unknown floor %q: the museum has floors %s", e.Floor, strings.Join(e.Known, ", "))
}

// Plan checks the requested languages and floors against the museum and
// returns them in the order asked, languages in their canonical form
// (tags are case-insensitive: zh-hans is zh-Hans).
func Plan(p *project.Project, langs, floors []string) ([]string, []string, error) {
	all := p.Languages()
	if len(langs) == 0 {
		langs = all
	}
	canon := make([]string, len(langs))
	for i, l := range langs {
		if tag, err := language.Parse(l); err == nil {
			canon[i] = tag.String()
		} else {
			canon[i] = l
		}
		if _, ok := p.Catalogs[canon[i]]; !ok {
			return nil, nil, &UnknownLanguageError{Lang: l, Known: all}
		}
	}
	if len(floors) == 0 {
		floors = p.Museum.FloorIDs()
	}
	for _, f := range floors {
		if _, ok := p.Museum.Floor(f); !ok {
			return nil, nil, &UnknownFloorError{Floor: f, Known: p.Museum.FloorIDs()}
		}
	}
	return canon, floors, nil
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
