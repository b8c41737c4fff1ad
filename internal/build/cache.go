package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"pamphlet/internal/atomicfile"
	"pamphlet/internal/fingerprint"
	"pamphlet/internal/layout"
	"pamphlet/internal/museum"
	"pamphlet/internal/project"
	"pamphlet/internal/resolve"
)

// CacheFile, in the output folder, records for each pamphlet a hash of
// everything it was built from and the files it produced. A pamphlet
// whose inputs hash the same and whose files are still on disk, unchanged,
// is not built again. The file is safe to delete, and a damaged one is
// ignored: the build then redoes everything.
const CacheFile = ".pamphlet-cache.json"

const cacheSchema = 1

type cacheFile struct {
	Schema  int                   `json:"schema"`
	Entries map[string]cacheEntry `json:"entries"` // by the pamphlet's main file, relative to the output folder
	// Quick are the last successful builds' results, by request (see
	// Unchanged).
	Quick map[string]quickEntry `json:"quick,omitempty"`
}

type cacheEntry struct {
	Key   string       `json:"key"`
	Files []cachedFile `json:"files"`
}

type cachedFile struct {
	Path    string `json:"path"` // relative to the output folder, slash-separated
	SHA256  string `json:"sha256"`
	Pages   int    `json:"pages"`
	Bytes   int    `json:"bytes"`
	Imposed bool   `json:"imposed,omitempty"`
}

type cache struct {
	out     string
	entries map[string]cacheEntry
	quick   map[string]quickEntry
}

func loadCache(out string) *cache {
	c := &cache{out: out, entries: map[string]cacheEntry{}, quick: map[string]quickEntry{}}
	data, err := os.ReadFile(filepath.Join(out, CacheFile))
	if err != nil {
		return c
	}
	var f cacheFile
	if json.Unmarshal(data, &f) != nil || f.Schema != cacheSchema || f.Entries == nil {
		return c // damaged or from another version: never trusted
	}
	c.entries = f.Entries
	if f.Quick != nil {
		c.quick = f.Quick
	}
	return c
}

func mainFile(j *job, opt Options) string { return j.lang + "/" + j.floor + opt.Suffix + ".pdf" }

// unchanged returns the results of a pamphlet whose inputs are those it
// was last built from, if every file it produced is on disk as written.
func (c *cache) unchanged(j *job, opt Options) ([]Result, bool) {
	e, ok := c.entries[mainFile(j, opt)]
	if !ok || e.Key != j.key || len(e.Files) != 1+btoi(opt.Booklet) {
		return nil, false
	}
	var rs []Result
	for _, f := range e.Files {
		path := filepath.Join(c.out, filepath.FromSlash(f.Path))
		got, err := fingerprint.File(path)
		if err != nil || got != f.SHA256 {
			return nil, false
		}
		rs = append(rs, f.skipped(path, j.lang, j.floor, opt.Suffix, j.warnings))
	}
	return rs, true
}

// skipped is the result of a file found on disk as the cache records it,
// at path.
func (f cachedFile) skipped(path, lang, floor, layout string, warnings []string) Result {
	return Result{
		Lang: lang, Floor: floor, Layout: layout, Path: path,
		Pages: f.Pages, Imposed: f.Imposed, Bytes: f.Bytes, SHA256: f.SHA256,
		Status: Skipped, Warnings: warnings,
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// save records the pamphlets of this build, keeping the entries of
// pamphlets it did not build (other languages, other shards).
func (c *cache) save(out string, jobs []*job, results [][]Result) error {
	for i, j := range jobs {
		var e cacheEntry
		e.Key = j.key
		for _, r := range results[i] {
			rel, err := filepath.Rel(out, r.Path)
			if err != nil {
				return err
			}
			e.Files = append(e.Files, cachedFile{Path: filepath.ToSlash(rel), SHA256: r.SHA256, Pages: r.Pages, Bytes: r.Bytes, Imposed: r.Imposed})
		}
		if len(e.Files) > 0 {
			c.entries[e.Files[0].Path] = e
		}
	}
	data, err := json.MarshalIndent(cacheFile{Schema: cacheSchema, Entries: c.entries, Quick: c.quick}, "", " ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(out, CacheFile), data, 0o644)
}

// inputs hashes what every pamphlet of a build shares: the tool, the
// museum's structure, the layout, the fonts and the options. A pamphlet's
// key adds what it prints, resolved: each text, its language and its note,
// so editing one message changes the keys of exactly the pamphlets that
// print it.
type inputs struct{ base []byte }

func newInputs(p *project.Project, lay *layout.Layout, opt Options) inputs {
	h := sha256.New()
	fmt.Fprintf(h, "tool %s\n", fingerprint.Program())
	if data, err := fs.ReadFile(p.FS, museum.FileName); err == nil {
		fmt.Fprintf(h, "museum %x\n", sha256.Sum256(data))
	}
	layJSON, _ := json.Marshal(lay)
	fmt.Fprintf(h, "layout %s\n", layJSON)
	fmt.Fprintf(h, "fonts %s\n", fontsHash(p))
	optJSON, _ := json.Marshal(struct {
		Policy    any
		Booklet   bool
		Suffix    string
		Date      int64
		Bleed     float64 `json:",omitempty"`
		CropMarks bool    `json:",omitempty"`
	}{opt.Policy, opt.Booklet, opt.Suffix, opt.Date.Unix(), opt.Bleed, opt.CropMarks})
	fmt.Fprintf(h, "options %s\n", optJSON)
	return inputs{base: h.Sum(nil)}
}

func (in inputs) key(pam *resolve.Pamphlet) string {
	h := sha256.New()
	h.Write(in.base)
	data, _ := json.Marshal(pam)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// fontsHash fingerprints every face of the font set: its name, file,
// synthetic bold and bytes. A bundled font the museum does not override
// is part of the program, which the tool version already fingerprints:
// its 8 MB are not read.
func fontsHash(p *project.Project) string {
	names := make([]string, 0, len(p.Fonts.Faces))
	for n := range p.Fonts.Faces {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	seen := map[*byte]string{} // faces that share a file share its bytes
	for _, n := range names {
		f := p.Fonts.Faces[n]
		sum := "built in"
		if !p.Builtin(f.File) {
			data, err := f.FileBytes() // not parsed: a build that draws nothing parses no font
			sum = fontSum(data, seen)
			if err != nil {
				sum = "unreadable" // the build that draws reports why
			}
		}
		fmt.Fprintf(h, "%s %s %g %s\n", n, f.File, f.Embolden, sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func fontSum(data []byte, seen map[*byte]string) string {
	if len(data) == 0 {
		return ""
	}
	if s, ok := seen[&data[0]]; ok {
		return s
	}
	s := sum(data)
	seen[&data[0]] = s
	return s
}
