package merge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pamphlet/i18n"
	"pamphlet/internal/project"
	"pamphlet/internal/worksheet"
)

// volunteers makes n worksheets for lang, all from the museum as it is
// now (as n volunteers would, before anyone merges). Worksheet k
// translates the messages i with i%n == k, each text saying "ws k"; and
// each odd k also translates the first message of worksheet k-1, so that
// of each such pair only the one merged first can stand, and the other
// must be refused as a conflict. want[k] is what worksheet k translates.
func volunteers(t *testing.T, dir, lang string, n int) (sheets []string, want []map[string]bool) {
	t.Helper()
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := worksheet.Make(worksheet.Input{Museum: p.Museum, Catalogs: p.Catalogs, Lang: lang})
	for k := range n {
		ids := map[string]bool{}
		for i, e := range base.Entries {
			if i%n == k || (k%2 == 1 && i == k-1) {
				ids[e.ID] = true
			}
		}
		want = append(want, ids)
		sheets = append(sheets, sheet(t, dir, lang, func(e *worksheet.Entry) {
			if ids[e.ID] {
				for _, f := range e.Needs {
					e.Translation[f] = fmt.Sprintf("ws %d: %s %s", k, e.ID, f)
				}
			}
		}))
	}
	return sheets, want
}

// audit checks that no translation was lost: every worksheet either
// merged and has every one of its translations in the catalog, or was
// refused with a ConflictError naming only messages another, merged,
// worksheet translated, and has none of its texts in the catalog. It
// returns how many worksheets were refused.
func audit(t *testing.T, dir, lang string, want []map[string]bool, errs []error) int {
	t.Helper()
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cat := p.Catalogs[lang]
	owner := map[string]int{} // message → the worksheet whose text it holds
	if cat != nil {
		for id, m := range cat.Messages {
			var k int
			if _, err := fmt.Sscanf(m.Text(), "ws %d:", &k); err != nil {
				t.Errorf("%s: %q is no worksheet's text", id, m.Text())
				continue
			}
			owner[id] = k
		}
	}
	refused := 0
	for k, err := range errs {
		if err == nil {
			for id := range want[k] {
				if o, ok := owner[id]; !ok {
					t.Errorf("worksheet %d merged, but its translation of %s is lost: the catalog has none", k, id)
				} else if o != k {
					t.Errorf("worksheet %d merged, but its translation of %s is lost: the catalog has worksheet %d's", k, id, o)
				}
			}
			continue
		}
		refused++
		var ce *ConflictError
		if !errors.As(err, &ce) {
			t.Errorf("worksheet %d: %v, want a ConflictError", k, err)
			continue
		}
		for _, c := range ce.Conflicts {
			if o, ok := owner[c.ID]; !ok || o == k || errs[o] != nil || !strings.Contains(c.Why, "changed after the worksheet was made (by another merge") {
				t.Errorf("worksheet %d refused for %s (%s), which no other merged worksheet translated", k, c.ID, c.Why)
			}
		}
		for id, o := range owner {
			if o == k {
				t.Errorf("worksheet %d was refused, but its translation of %s was written", k, id)
			}
		}
	}
	for id, o := range owner {
		if errs[o] != nil {
			t.Errorf("%s holds the text of worksheet %d, which was refused", id, o)
		}
	}
	return refused
}

// TestConcurrentMergesLoseNothing runs many merges into one language at
// once. Without the museum lock, two merges read the same catalog, and
// the one that writes last drops the other's whole worksheet, both
// reporting success.
func TestConcurrentMergesLoseNothing(t *testing.T) {
	const n = 8
	dir := museum(t, "pl")
	sheets, want := volunteers(t, dir, "pl", n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() { _, errs[k] = Merge(dir, sheets[k], nil) })
	}
	wg.Wait()
	if refused := audit(t, dir, "pl", want, errs); refused != n/2 {
		t.Errorf("%d worksheets refused, want %d: one of each pair that shares a message", refused, n/2)
	}
}

// TestConfirmAndMergeAtOnce: a confirm and a merge into one language, at
// once, both land. Confirm was handed a project loaded before the merge;
// it must re-read the catalog under the lock, not write back what it
// loaded.
func TestConfirmAndMergeAtOnce(t *testing.T) {
	for round := range 4 {
		dir := museum(t, "")
		it := filepath.Join(dir, "locales", "it.toml")
		data, _ := os.ReadFile(it)
		s := string(data)
		for _, r := range [][2]string{{`other = "Ingresso"`, `other = "L’ingresso"`}, {`other = "Primo piano – Il carcere di Via Tasso"`, `other = "Il primo piano"`}} {
			if !strings.Contains(s, r[0]) {
				t.Fatalf("the sample's Italian lacks %s: pick another message", r[0])
			}
			s = strings.Replace(s, r[0], r[1], 1)
		}
		os.WriteFile(it, []byte(s), 0o644)
		p, err := project.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		var merged, confirmed string
		ws := sheet(t, dir, "de", func(e *worksheet.Entry) {
			switch {
			case merged == "":
				merged = e.ID
				e.Translation["other"] = "Neu: " + e.ID
				e.Todo = false
			default:
				confirmed = e.ID // left todo: not merged
			}
		})
		var wg sync.WaitGroup
		var mergeErr, confirmErr error
		wg.Go(func() { _, mergeErr = Merge(dir, ws, nil) })
		wg.Go(func() { _, _, confirmErr = Confirm(p, "de", []string{confirmed}, false) })
		wg.Wait()
		if mergeErr != nil || confirmErr != nil {
			t.Fatalf("round %d: merge %v, confirm %v", round, mergeErr, confirmErr)
		}
		after, err := project.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		src, de := after.Catalogs["it"], after.Catalogs["de"]
		if m := de.Messages[merged]; m.Text() != "Neu: "+merged || m.Hash != i18n.SourceHash(src.Messages[merged]) {
			t.Errorf("round %d: the merged %s is lost: %q", round, merged, m.Text())
		}
		if m := de.Messages[confirmed]; m.Hash != i18n.SourceHash(src.Messages[confirmed]) {
			t.Errorf("round %d: the confirmed %s is not confirmed", round, confirmed)
		}
	}
}
