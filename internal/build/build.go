// Package build runs the pipeline for every requested language × floor:
// resolve, compose, draw. It builds every pamphlet in memory first, in
// parallel, stages every file beside its target, and renames them into
// place only when all of them were built and staged, so a failed build
// leaves earlier PDFs exactly as they were.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"pamphlet/internal/atomicfile"
	"pamphlet/internal/compose"
	"pamphlet/internal/impose"
	"pamphlet/internal/layout"
	"pamphlet/internal/page"
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
	Floors []string // empty: every floor
	Out    string   // output directory; files go to Out/LANG/FLOOR.pdf
	Policy policy.Policy
	Date   time.Time
	Jobs   int // parallel workers; 0 means one per CPU
	// Layout, when set, replaces the museum's layout, and Suffix is added
	// to the file names (LANG/FLOOR-large.pdf), so that the pamphlets of
	// several layouts can sit side by side.
	Layout *layout.Layout
	Suffix string
	// Booklet also writes LANG/FLOOR-booklet.pdf: the pages imposed two to
	// a sheet for double-sided printing, folding and stapling.
	Booklet bool
	// Progress, if set, is called once per pamphlet as it is finished
	// (from one goroutine at a time).
	Progress func(Result)
}

// Result describes one written pamphlet.
type Result struct {
	Lang, Floor string
	Path        string
	Pages       int  // pages, or sheet sides when Imposed
	Imposed     bool // a booklet or trifold: several pages on each sheet side
	Bytes       int
	pdf         []byte
}

// DateFromEnv returns SOURCE_DATE_EPOCH as a time, or DefaultDate.
func DateFromEnv() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return DefaultDate, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a number of seconds since 1970", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

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

// Build builds and writes the pamphlets. On error nothing is written.
// When every pamphlet was built, it also removes the leftover temporary
// files of an interrupted build from the folders it writes to.
func Build(p *project.Project, opt Options) ([]Result, error) {
	langs, floors, err := Plan(p, opt.Langs, opt.Floors)
	if err != nil {
		return nil, err
	}
	type job struct {
		lang, floor string
		pamphlet    *resolve.Pamphlet
	}
	// Resolve everything first: a policy failure anywhere stops the build
	// before any work is wasted, and lists every problem at once.
	res := &resolve.Resolver{Museum: p.Museum, Catalogs: p.Catalogs, Policy: opt.Policy}
	var jobs []job
	var problems []error
	for _, l := range langs {
		for _, f := range floors {
			pam, err := res.Pamphlet(l, f)
			if err != nil {
				var ue *resolve.UnresolvedError
				if errors.As(err, &ue) && p.Dir != "" {
					ue.Path = filepath.Join(p.Dir, ue.Path)
				}
				problems = append(problems, err)
				continue
			}
			jobs = append(jobs, job{l, f, pam})
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}

	workers := opt.Jobs
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	lay := p.Layout
	if opt.Layout != nil {
		lay = opt.Layout
	}
	comp := &compose.Composer{Layout: lay, Fonts: p.Fonts}
	results := make([][]Result, len(jobs))
	errs := make([]error, len(jobs))
	var next int
	var mu sync.Mutex
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
				doc, err := comp.Compose(j.pamphlet)
				if err != nil {
					errs[i] = locate(p, j.lang, j.floor, err)
					continue
				}
				if lay.Imposition == "trifold" {
					if doc, err = impose.Trifold(doc); err != nil {
						errs[i] = fmt.Errorf("%s, %s: %w", j.lang, j.floor, err)
						continue
					}
				}
				results[i], errs[i] = render(doc, lay.Imposition != "", j.lang, j.floor, opt)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// Before writing, remove the temporary files an interrupted build left
	// in the folders this one writes to (a write still in progress in
	// another process keeps its files: see atomicfile.Clean). Best effort:
	// a leftover that cannot be removed is only clutter.
	for _, l := range langs {
		atomicfile.Clean(filepath.Join(opt.Out, l))
	}
	var stage atomicfile.Stage
	var written []Result
	for _, rs := range results {
		for _, r := range rs {
			if err := stage.Add(r.Path, r.pdf, 0o644); err != nil {
				stage.Abort()
				return nil, err
			}
			written = append(written, r)
		}
	}
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		for _, r := range written {
			opt.Progress(r)
		}
	}
	return written, nil
}

// locate prefixes a composition error with the catalog file and line of
// the message it concerns, so a volunteer can go straight there.
func locate(p *project.Project, lang, floor string, err error) error {
	cat := p.Catalogs[lang]
	where := cat.Path
	var te *compose.TextError
	if errors.As(err, &te) {
		where = cat.Where(te.ID)
		err = fmt.Errorf("message %s (%s, %s): %w", te.ID, lang, floor, te.Err)
	} else {
		err = fmt.Errorf("%s, %s: %w", lang, floor, err)
	}
	if p.Dir != "" {
		where = filepath.Join(p.Dir, where)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// render draws a composed pamphlet (already imposed on sheets for a
// trifold), and its booklet when asked, in memory.
func render(doc *page.Document, imposed bool, lang, floor string, opt Options) ([]Result, error) {
	draw := func(d *page.Document, name string, imposed bool) (Result, error) {
		var buf bytes.Buffer
		if err := pdfdraw.Write(&buf, d, pdfdraw.Options{Date: opt.Date, Creator: "pamphlet"}); err != nil {
			return Result{}, fmt.Errorf("%s, %s: %w", lang, floor, err)
		}
		return Result{
			Lang: lang, Floor: floor,
			Path:  filepath.Join(opt.Out, lang, name),
			Pages: len(d.Pages), Imposed: imposed, Bytes: buf.Len(), pdf: buf.Bytes(),
		}, nil
	}
	r, err := draw(doc, floor+opt.Suffix+".pdf", imposed)
	if err != nil || !opt.Booklet {
		return []Result{r}, err
	}
	sheets, err := impose.Booklet(doc)
	if err != nil {
		return nil, err
	}
	b, err := draw(sheets, floor+opt.Suffix+"-booklet.pdf", true)
	return []Result{r, b}, err
}
