package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pamphlet/internal/project"
	"pamphlet/internal/worksheet"
)

// TestConcurrentMergeProcesses runs n `pamphlet merge` processes into one
// language at once, as n volunteers would, and counts every translation
// afterwards. Worksheet k translates the messages i with i%n == k; each
// odd k also translates the first message of worksheet k-1, so of each
// such pair the one merged second must be refused (exit 1, naming the
// message), never silently dropped nor overwriting the other. Without
// the museum lock, a merge that writes last drops another's whole
// worksheet, both exiting 0.
func TestConcurrentMergeProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	bin := filepath.Join(t.TempDir(), "pamphlet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const n = 8
	dir := volunteerMuseum(t)
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := worksheet.Make(worksheet.Input{Museum: p.Museum, Catalogs: p.Catalogs, Lang: "cs", Pivot: "en"})
	var sheets []string
	var want []map[string]bool
	for k := range n {
		s := worksheet.Make(worksheet.Input{Museum: p.Museum, Catalogs: p.Catalogs, Lang: "cs", Pivot: "en"})
		ids := map[string]bool{}
		for i := range s.Entries {
			e := &s.Entries[i]
			if i%n == k || (k%2 == 1 && i == k-1) {
				ids[e.ID] = true
				for _, f := range e.Needs {
					e.Translation[f] = fmt.Sprintf("ws %d: %s", k, base.Entries[i].Source[f])
				}
			}
		}
		ws := filepath.Join(t.TempDir(), fmt.Sprintf("cs-%d.toml", k))
		if err := os.WriteFile(ws, s.Encode(), 0o644); err != nil {
			t.Fatal(err)
		}
		sheets, want = append(sheets, ws), append(want, ids)
	}

	codes := make([]int, n)
	stderr := make([]string, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			cmd := exec.Command(bin, "merge", sheets[k], "--museum", dir)
			var errOut strings.Builder
			cmd.Stderr = &errOut
			err := cmd.Run()
			codes[k], stderr[k] = cmd.ProcessState.ExitCode(), errOut.String()
			if err != nil && codes[k] < 0 {
				t.Errorf("merge %d: %v", k, err)
			}
		})
	}
	wg.Wait()

	p, err = project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]int{}
	for id, m := range p.Catalogs["cs"].Messages {
		var k int
		if _, err := fmt.Sscanf(m.Text(), "ws %d:", &k); err != nil {
			t.Fatalf("%s: %q is no worksheet's text", id, m.Text())
		}
		owner[id] = k
	}
	refused := 0
	for k := range n {
		switch codes[k] {
		case 0:
			for id := range want[k] {
				if o, ok := owner[id]; !ok || o != k {
					t.Errorf("merge %d exited 0, but its translation of %s is not in the catalog", k, id)
				}
			}
		case 1:
			refused++
			named := false
			for id := range want[k] {
				if o, ok := owner[id]; ok && o != k && codes[o] == 0 && strings.Contains(stderr[k], id+": its translation in the catalog changed") {
					named = true
				}
				if o, ok := owner[id]; ok && o == k {
					t.Errorf("merge %d was refused, but its translation of %s was written:\n%s", k, id, stderr[k])
				}
			}
			if !named || !strings.Contains(stderr[k], "refusing to merge") {
				t.Errorf("merge %d refused without naming the message another merge translated:\n%s", k, stderr[k])
			}
		default:
			t.Errorf("merge %d: exit %d\n%s", k, codes[k], stderr[k])
		}
	}
	if refused != n/2 {
		t.Errorf("%d merges refused, want %d (one of each pair sharing a message)", refused, n/2)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "locales", "*.pamphlet-tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
