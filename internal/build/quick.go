package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"pamphlet/internal/atomicfile"
	"pamphlet/internal/fingerprint"
)

// A Request is a build as the command line asks for it, before the
// museum is opened: its folder, the output folder, and every setting
// that changes what is drawn. A request that was built before, from
// the same files, by the same program, is answered from the output
// folder's cache without opening the museum (Unchanged).
type Request struct {
	// Museum is the museum folder; "" or a "sample:" name for an
	// embedded sample, which changes only with the program.
	Museum string
	Out    string
	// Settings are "name=value" for each flag or variable that changes
	// the output (languages, parts, layout, policy, date …), in the order
	// the command gives them.
	Settings []string
	// Written are files the build writes besides its PDFs (a report):
	// they are not inputs, even inside the museum folder.
	Written []string
}

// Fingerprint is a request's identity and the state of everything it
// could read, taken before the build reads anything: a file edited
// while the build runs is then seen by the next build.
type Fingerprint struct{ request, inputs string }

// quickEntry is what the last successful build of one request wrote.
type quickEntry struct {
	Inputs  string        `json:"inputs"`
	Results []quickResult `json:"results"`
}

// quickResult is a file the build wrote, as the per-pamphlet cache
// records it, and what its result said besides.
type quickResult struct {
	cachedFile
	Lang     string   `json:"lang"`
	Floor    string   `json:"part"`
	Layout   string   `json:"layout,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Unchanged fingerprints req and returns, as Skipped results, what the
// last build of the same request wrote, if no file of the museum folder
// has changed since and every file the build wrote is on disk as it was
// written. Then nothing needs opening, parsing or resolving: a build
// with nothing to do costs the reading of the museum's files and of the
// PDFs. The fingerprint goes into Options, so that a build that does run
// records what it wrote for the next. A museum folder that cannot be
// fingerprinted (a linked folder inside it, or too large a folder: see
// fingerprint.Folder) gives a zero Fingerprint: every build then goes
// the whole way.
func Unchanged(req Request) (Fingerprint, []Result, bool) {
	fp, ok := req.fingerprint()
	if !ok {
		return Fingerprint{}, nil, false
	}
	e, ok := loadCache(req.Out).quick[fp.request]
	if !ok || e.Inputs != fp.inputs {
		return fp, nil, false
	}
	rs := make([]Result, 0, len(e.Results))
	cleaned := map[string]bool{}
	for _, r := range e.Results {
		path := filepath.Join(req.Out, filepath.FromSlash(r.Path))
		if dir := filepath.Dir(path); !cleaned[dir] {
			cleaned[dir] = true
			atomicfile.Clean(dir) // leftovers of an interrupted build, as Build does
		}
		if got, err := fingerprint.File(path); err != nil || got != r.SHA256 {
			return fp, nil, false
		}
		rs = append(rs, r.skipped(path, r.Lang, r.Floor, r.Layout, r.Warnings))
	}
	return fp, rs, true
}

// fingerprint hashes the program and the settings into the request's
// identity, and the program and every file of the museum folder but the
// output folder and the files the build writes (fingerprint.Folder) into
// its inputs; an embedded sample's files are the program's.
func (req Request) fingerprint() (Fingerprint, bool) {
	h := sha256.New()
	fmt.Fprintf(h, "tool %s\nmuseum %q\n", fingerprint.Program(), req.Museum)
	for _, s := range req.Settings {
		fmt.Fprintf(h, "%q\n", s)
	}
	request := hex.EncodeToString(h.Sum(nil))
	files := "embedded"
	if req.Museum != "" && !strings.HasPrefix(req.Museum, "sample:") {
		var ok bool
		if files, ok = fingerprint.Folder(req.Museum, append([]string{req.Out}, req.Written...)); !ok {
			return Fingerprint{}, false
		}
	}
	return Fingerprint{request, fingerprint.Program() + " " + files}, true
}

// recordQuick keeps what a successful build of fp's request wrote, and
// forgets the other requests' records made from other inputs: they can
// no longer match.
func (c *cache) recordQuick(fp Fingerprint, results []Result) error {
	if fp.request == "" {
		return nil
	}
	for k, e := range c.quick {
		if e.Inputs != fp.inputs {
			delete(c.quick, k)
		}
	}
	e := quickEntry{Inputs: fp.inputs}
	for _, r := range results {
		rel, err := filepath.Rel(c.out, r.Path)
		if err != nil {
			return err
		}
		e.Results = append(e.Results, quickResult{
			cachedFile: cachedFile{Path: filepath.ToSlash(rel), SHA256: r.SHA256, Pages: r.Pages, Bytes: r.Bytes, Imposed: r.Imposed},
			Lang:       r.Lang, Floor: r.Floor, Layout: r.Layout, Warnings: r.Warnings,
		})
	}
	c.quick[fp.request] = e
	return nil
}
