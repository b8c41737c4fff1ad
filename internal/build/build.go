// Package build runs the pipeline for every requested language × part:
// resolve, compose, impose, draw. Pamphlets are built in parallel, and each
// finished PDF is staged at once in a temporary file beside its target, so
// memory stays flat however many are built. The staged files are renamed
// into place only when every pamphlet was built and staged: a failed build
// leaves earlier PDFs exactly as they were. A pamphlet whose inputs have
// not changed since the last build is not built again (see cache.go).
package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"golang.org/x/text/language"

	"pamphlet/internal/atomicfile"
	"pamphlet/internal/compose"
	"pamphlet/internal/hyphen"
	"pamphlet/internal/layout"
	"pamphlet/internal/museum"
	"pamphlet/internal/pdfdraw"
	"pamphlet/internal/policy"
	"pamphlet/internal/project"
	"pamphlet/internal/resolve"
)

// DefaultDate is written into PDFs when SOURCE_DATE_EPOCH is not set: a
// fixed date, so that two builds of the same input are byte-identical.
var DefaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Options select what to build and how.
type Options struct {
	Langs  []string // empty: every language of the museum
	Floors []string // parts to build; empty: every part
	// Whole builds one pamphlet of the whole museum per language, as
	// museum.toml's pamphlet = "whole" does.
	Whole  bool
	Out    string // output directory; files go to Out/LANG/FLOOR.pdf
	Policy policy.Policy
	Date   time.Time
	Jobs   int // parallel workers; 0 means GOMAXPROCS
	// Layout, when set, replaces the museum's layout, and Suffix is added
	// to the file names (LANG/FLOOR-large.pdf), so that the pamphlets of
	// several layouts can sit side by side.
	Layout *layout.Layout
	Suffix string
	// Booklet also writes LANG/FLOOR-booklet.pdf: the pages imposed two to
	// a sheet for double-sided printing, folding and stapling.
	Booklet bool
	// Bleed, in points, grows every page (and booklet sheet) by that much
	// on each side beyond its trim, and CropMarks draws trim marks
	// outside it (impose.PrintMarks): files for a printer who trims.
	Bleed     float64
	CropMarks bool
	// Shard builds only a part of the matrix (see Shard).
	Shard Shard
	// Force rebuilds every pamphlet, even those whose inputs are unchanged.
	Force bool
	// Fingerprint, from Unchanged, is recorded with the results of a
	// successful build, so that the same request with the same files can
	// be answered without opening the museum.
	Fingerprint Fingerprint
	// Progress, if set, is called once per pamphlet when it is built or
	// found unchanged, from one goroutine at a time, before anything is
	// renamed into place.
	Progress func(Result)
}

// Status is what a build did with one pamphlet.
type Status string

const (
	Built   Status = "built"   // drawn and written
	Skipped Status = "skipped" // its inputs were unchanged: the file on disk is kept
	Failed  Status = "failed"  // could not be built; nothing of the build was written
)

// Result describes one output file.
type Result struct {
	Lang    string
	Floor   string
	Layout  string // the layout's name, "" for the museum's own
	Path    string
	Pages   int  // pages, or sheet sides when Imposed
	Imposed bool // a booklet or trifold: several pages on each sheet side
	Bytes   int
	SHA256  string
	Status  Status
	// Warnings are things a reader of the pamphlet would notice: texts
	// printed in another language, translations out of date.
	Warnings []string
	Duration time.Duration
}

// DateFromEnv returns SOURCE_DATE_EPOCH as a time, or DefaultDate.
func DateFromEnv() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return DefaultDate, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	// PDF dates have four-digit years.
	if err != nil || sec < 0 || sec > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a number of seconds since 1970 before the year 10000", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// job is one pamphlet to build: a language × part, resolved.
type job struct {
	lang, floor string
	pamphlet    *resolve.Pamphlet
	key         string // cache key of its inputs
	warnings    []string
}

// Build builds and writes the pamphlets, and returns what it did with each
// file, in matrix order. On error nothing is written, and the results say
// which pamphlets failed.
func Build(p *project.Project, opt Options) ([]Result, error) {
	langs, floors, err := Plan(p, opt.Langs, opt.Floors, opt.Whole)
	if err != nil {
		return nil, err
	}
	lay := p.Layout
	if opt.Layout != nil {
		lay = opt.Layout
	}
	// Resolve everything first: a policy failure anywhere stops the build
	// before any work is wasted, and lists every problem at once.
	res := &resolve.Resolver{Museum: p.Museum, Catalogs: p.Catalogs, Furniture: p.Furniture, Policy: opt.Policy}
	whole := opt.Whole || p.Museum.Scope == museum.ScopeWhole
	var jobs []*job
	var problems []error
	i := 0
	for _, l := range langs {
		for _, f := range floors {
			i++
			if !opt.Shard.Has(i - 1) {
				continue
			}
			var pam *resolve.Pamphlet
			if whole {
				pam, err = res.Whole(l)
			} else {
				pam, err = res.Pamphlet(l, f)
			}
			if err != nil {
				var ue *resolve.UnresolvedError
				if errors.As(err, &ue) && p.Dir != "" {
					ue.Path = filepath.Join(p.Dir, ue.Path)
				}
				problems = append(problems, err)
				continue
			}
			jobs = append(jobs, &job{lang: l, floor: f, pamphlet: pam, warnings: warnings(pam)})
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}

	cache := loadCache(opt.Out)
	inputs := newInputs(p, lay, opt)
	cleaned := map[string]bool{}
	for _, j := range jobs {
		j.key = inputs.key(j.pamphlet)
		if dir := filepath.Join(opt.Out, j.lang); !cleaned[dir] {
			cleaned[dir] = true
			atomicfile.Clean(dir) // leftovers of an interrupted build
		}
	}

	workers := opt.Jobs
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// The pamphlets whose inputs and files are as the last build left
	// them are not drawn again.
	unchanged := make([][]Result, len(jobs))
	draw := false
	for i, j := range jobs {
		if rs, ok := cache.unchanged(j, opt); ok && !opt.Force {
			unchanged[i] = rs
		} else {
			draw = true
		}
	}
	// Test-embed every font file before drawing any PDF, as check does,
	// so that both refuse the same damaged fonts; a build that draws
	// nothing reads no font.
	if draw {
		if err := p.Fonts.Embeddable(); err != nil {
			return nil, err
		}
		go prefetch(p, langs)
	}
	comp := &compose.Composer{Layout: lay, Fonts: p.Fonts}
	var stage atomicfile.Stage
	results := make([][]Result, len(jobs))
	errs := make([]error, len(jobs))
	var next int
	var mu sync.Mutex // guards next and serialises Progress
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(jobs) {
					return
				}
				j := jobs[i]
				start := time.Now()
				if rs := unchanged[i]; rs != nil {
					results[i] = rs
				} else {
					results[i], errs[i] = buildOne(p, comp, lay, j, opt, &stage)
				}
				j.pamphlet = nil // drawn: its texts need not stay in memory while the rest are

				for k := range results[i] {
					results[i][k].Duration = time.Since(start)
				}
				if opt.Progress != nil {
					mu.Lock()
					for _, r := range results[i] {
						opt.Progress(r)
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	var out []Result
	for i, rs := range results {
		if errs[i] != nil {
			j := jobs[i]
			out = append(out, Result{Lang: j.lang, Floor: j.floor, Layout: opt.Suffix, Status: Failed})
			continue
		}
		out = append(out, rs...)
	}
	if err := errors.Join(errs...); err != nil {
		stage.Abort()
		return out, err
	}
	if err := stage.Commit(); err != nil {
		return out, err
	}
	if err := cache.recordQuick(opt.Fingerprint, out); err != nil {
		return out, nil // as below
	}
	if err := cache.save(opt.Out, jobs, results); err != nil {
		// The PDFs are written; a cache that cannot be saved only means
		// the next build redoes the work.
		return out, nil
	}
	return out, nil
}

// prefetch reads, on a core of its own, what composing and drawing the
// languages' pamphlets will read first: the first face of each family's
// chain (its character map, its shaping tables, the drawer's view of it)
// and the hyphenation patterns. A build of one pamphlet otherwise reads
// them one after the other on the core that composes; in a larger build
// the work is the same work, done once (each is read once per process),
// only sooner.
func prefetch(p *project.Project, langs []string) {
	for _, l := range langs {
		tag, err := language.Parse(l)
		if err != nil {
			continue
		}
		hyphen.For(tag)
		for _, fam := range p.Fonts.Families() {
			chain, err := p.Fonts.Chain(tag, fam)
			if err != nil || len(chain) == 0 {
				continue
			}
			face := chain[0]
			face.Has(' ')
			face.Font()
			pdfdraw.Prepare(face.Embed)
		}
	}
}
