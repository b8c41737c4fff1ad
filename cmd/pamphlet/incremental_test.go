package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/build"
)

// readReport builds with --report and returns the report.
func buildReport(t *testing.T, args ...string) *build.Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.json")
	mustRun(t, append(append([]string{"build"}, args...), "--report", path)...)
	var r build.Report
	if err := json.Unmarshal([]byte(read(t, path)), &r); err != nil {
		t.Fatalf("report: %v", err)
	}
	return &r
}

func byStatus(r *build.Report) map[build.Status][]string {
	out := map[build.Status][]string{}
	for _, p := range r.Pamphlets {
		out[p.Status] = append(out[p.Status], p.Lang+"/"+p.Part)
	}
	return out
}

// TestIncrementalBuild: a second build with nothing changed draws
// nothing; editing one message of one language rebuilds exactly the
// pamphlets that print it; --force rebuilds all; a damaged cache is not
// trusted, and neither is a PDF changed on disk.
func TestIncrementalBuild(t *testing.T) {
	dir := copySample(t)
	out := t.TempDir()
	first := buildReport(t, "--museum", dir, "--out", out, "--lang", "de,en,fr")
	if n := len(byStatus(first)[build.Built]); n != 9 || !first.OK {
		t.Fatalf("first build: %d built, want 9", n)
	}
	second := buildReport(t, "--museum", dir, "--out", out, "--lang", "de,en,fr")
	if got := byStatus(second); len(got[build.Skipped]) != 9 {
		t.Fatalf("nothing changed, yet %v", got)
	}
	for i, p := range second.Pamphlets {
		if p.SHA256 != first.Pamphlets[i].SHA256 || p.Pages != first.Pamphlets[i].Pages {
			t.Errorf("%s: the skipped pamphlet's report differs from the build's", p.Path)
		}
	}

	// A panel of floor 1, in German only.
	replaceIn(t, filepath.Join(dir, "locales", "de.toml"), "Das Haus Via Tasso 145 ist ein gewöhnliches", "Das Haus in der Via Tasso 145 ist ein gewöhnliches")
	third := buildReport(t, "--museum", dir, "--out", out, "--lang", "de,en,fr")
	if got := byStatus(third)[build.Built]; strings.Join(got, " ") != "de/floor1" {
		t.Errorf("after editing one German message of floor 1, rebuilt %v, want [de/floor1]", got)
	}

	forced := buildReport(t, "--museum", dir, "--out", out, "--lang", "de,en,fr", "--force")
	if n := len(byStatus(forced)[build.Built]); n != 9 {
		t.Errorf("--force rebuilt %d, want 9", n)
	}

	os.WriteFile(filepath.Join(out, build.CacheFile), []byte("{not json"), 0o644)
	if n := len(byStatus(buildReport(t, "--museum", dir, "--out", out, "--lang", "de,en,fr"))[build.Built]); n != 9 {
		t.Errorf("with a damaged cache, rebuilt %d, want all 9", n)
	}
	os.WriteFile(filepath.Join(out, "en", "floor2.pdf"), []byte("%PDF-1.3 damaged"), 0o644)
	if got := byStatus(buildReport(t, "--museum", dir, "--out", out, "--lang", "de,en,fr"))[build.Built]; strings.Join(got, " ") != "en/floor2" {
		t.Errorf("with en/floor2.pdf changed on disk, rebuilt %v, want [en/floor2]", got)
	}
}

// TestShardsAndWorkersGiveTheSameMatrix: -j 1, -j 8 and every sharding
// build byte-identical PDFs, and the shards of a split add up to the
// whole matrix, each pamphlet in exactly one shard.
func TestShardsAndWorkersGiveTheSameMatrix(t *testing.T) {
	want := map[string]string{}
	for _, p := range buildReport(t, "--out", t.TempDir(), "-j", "1").Pamphlets {
		want[p.Lang+"/"+p.Part] = p.SHA256
	}
	if len(want) != 48 {
		t.Fatalf("%d pamphlets, want the sample's 48", len(want))
	}
	check := func(name string, got map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d pamphlets, want %d", name, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s differs from the -j 1 build", name, k)
			}
		}
	}
	j8 := map[string]string{}
	for _, p := range buildReport(t, "--out", t.TempDir(), "-j", "8").Pamphlets {
		j8[p.Lang+"/"+p.Part] = p.SHA256
	}
	check("-j 8", j8)
	for _, n := range []int{3, 5} {
		union := map[string]string{}
		var sizes []int
		for k := 1; k <= n; k++ {
			r := buildReport(t, "--out", t.TempDir(), "--shard", itoa(k)+"/"+itoa(n))
			sizes = append(sizes, len(r.Pamphlets))
			for _, p := range r.Pamphlets {
				if _, dup := union[p.Lang+"/"+p.Part]; dup {
					t.Errorf("--shard %d/%d: %s is in two shards", k, n, p.Lang+"/"+p.Part)
				}
				union[p.Lang+"/"+p.Part] = p.SHA256
			}
		}
		sort.Ints(sizes)
		if sizes[len(sizes)-1]-sizes[0] > 1 {
			t.Errorf("%d shards are unbalanced: %v", n, sizes)
		}
		check(itoa(n)+" shards", union)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestReportSchema: the report names every file with the fields the
// documented schema promises.
func TestReportSchema(t *testing.T) {
	out := t.TempDir()
	r := buildReport(t, "--out", out, "--lang", "en", "--floor", "floor1", "--booklet", "--missing", "source")
	if r.Schema != build.ReportSchema || !r.OK || len(r.Pamphlets) != 2 {
		t.Fatalf("report: schema %d, ok %v, %d files; want 2 (pamphlet and booklet)", r.Schema, r.OK, len(r.Pamphlets))
	}
	for _, p := range r.Pamphlets {
		st, err := os.Stat(p.Path)
		if err != nil || int(st.Size()) != p.Bytes || p.Pages < 1 || len(p.SHA256) != 64 || p.Lang != "en" || p.Part != "floor1" || p.Status != build.Built {
			t.Errorf("report entry %+v does not describe the file on disk", p)
		}
	}
	if !r.Pamphlets[1].Imposed {
		t.Error("the booklet is not marked imposed")
	}
	// A failed build writes a report too, saying so.
	path := filepath.Join(t.TempDir(), "failed.json")
	code, _, _ := cli(t, "build", "--out", out, "--lang", "xx", "--report", path)
	var failed build.Report
	if err := json.Unmarshal([]byte(read(t, path)), &failed); code != 1 || err != nil || failed.OK || failed.Error == "" {
		t.Errorf("failed build: exit %d, report %+v, %v", code, failed, err)
	}
}
