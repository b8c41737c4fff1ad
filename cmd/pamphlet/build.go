package main

import (
	"errors"
	"fmt"
	"io"
	"pamphlet"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/build"
	"pamphlet/internal/layout"
	"pamphlet/internal/policy"
	"pamphlet/internal/project"
	"pamphlet/internal/resolve"
)

func newBuildCmd(stdout io.Writer) *cobra.Command {
	var (
		museumDir string
		sample    string
		out       string
		langs     []string
		floors    []string
		parts     []string
		whole     bool
		missing   string
		stale     string
		strict    bool
		jobs      int
		booklet   bool
		layoutArg string
		force     bool
		report    string
		shardArg  string
		summary   bool
		bleedArg  string
		crop      bool
	)
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the PDF pamphlets: every language × floor, or those selected",
		Long: `Build writes one PDF per language and floor to OUT/LANG/FLOOR.pdf.

Pamphlets are built in parallel (-j), each staged in a temporary file
beside its target; the files are renamed into place only when every one
succeeded, so a failed build leaves earlier PDFs as they were. PDFs are
byte-identical for identical input, however many workers or shards build
them (the date written into them is SOURCE_DATE_EPOCH, or 2000-01-01 when
it is unset).

A pamphlet whose inputs (the messages it prints, museum.toml, the layout,
the fonts, the tool, the flags) are unchanged since the last build into the
same --out is not built again: it is reported as unchanged. --force builds
everything. When nothing at all changed (the flags, the program, every file
of the museum folder), the build answers from the record without opening
the museum. The record of inputs is OUT/.pamphlet-cache.json; deleting it
is safe.

On a terminal a progress bar shows the build; elsewhere (a pipe, CI=true)
each file gets one line, printed once the build has succeeded.`,
		Example: `  pamphlet build
  pamphlet build --museum ./my-museum --out ./pdf
  pamphlet build --lang en,de --floor floor1
  pamphlet build --strict --shard 2/4 --report build-2.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := selectSample(&museumDir, sample); err != nil {
				return err
			}
			again := "" // the embedded sample needs no --museum
			if museumDir != "" {
				again = " --museum " + museumDir
			}
			if out == "" {
				return usageError{fmt.Errorf(`--out "" names no folder: give the folder for the PDFs (pamphlet build%s --out output)`, again)}
			}
			if project.InLocales(museumDir, out) {
				return usageError{fmt.Errorf("--out %s is inside %s, where the catalogs are kept: write the PDFs elsewhere (pamphlet build%s --out output)", out, localesDir(museumDir), again)}
			}
			var missingPol, stalePol policy.Policy
			var err error
			if cmd.Flags().Changed("missing") {
				if missingPol.Missing, err = policy.ParseMissing("--missing", missing); err != nil {
					return usageError{err}
				}
			}
			if cmd.Flags().Changed("stale") {
				if stalePol.Stale, err = policy.ParseStale("--stale", stale); err != nil {
					return usageError{err}
				}
			}
			date, err := build.DateFromEnv()
			if err != nil {
				return usageError{err}
			}
			if cmd.Flags().Changed("jobs") && jobs < 1 {
				return usageError{fmt.Errorf("-j/--jobs %d: the number of parallel workers must be 1 or more", jobs)}
			}
			var shard build.Shard
			if shardArg != "" {
				if shard, err = build.ParseShard(shardArg); err != nil {
					return usageError{err}
				}
			}
			bleed, err := parseLength("--bleed", bleedArg)
			if err != nil {
				return usageError{err}
			}
			// The same request, from the same files, by the same program:
			// answered from the output folder without opening the museum.
			req := build.Request{Museum: museumDir, Out: out, Settings: outputSettings(cmd, date)}
			if report != "" {
				req.Written = []string{report}
			}
			fp, results, unchanged := build.Unchanged(req)
			if unchanged && !force {
				return finishBuild(stdout, project.NameOf(museumDir), results, nil, report, shard, summary, nil)
			}
			p, err := project.OpenFor(museumDir, splitList(langs))
			if err != nil {
				return err
			}
			pol := p.Museum.Policy
			if cmd.Flags().Changed("missing") {
				pol.Missing = missingPol.Missing
			}
			if cmd.Flags().Changed("stale") {
				pol.Stale = stalePol.Stale
			}
			if strict {
				pol = pol.Strict()
			}
			var bar *progressBar
			opts := build.Options{
				Langs: splitList(langs), Floors: splitList(append(floors, parts...)), Out: out, Whole: whole,
				Policy: pol, Date: date, Jobs: jobs, Booklet: booklet,
				Bleed: bleed, CropMarks: crop,
				Shard: shard, Force: force, Fingerprint: fp,
				Progress: func(r build.Result) {
					if bar != nil {
						bar.add(r)
					}
				},
			}
			if layoutArg != "" && layoutArg != p.Museum.Layout {
				if opts.Layout, err = p.LoadLayout(layoutArg); err != nil {
					return err
				}
				opts.Suffix = "-" + layoutArg
			}
			lay := p.Layout
			if opts.Layout != nil {
				lay = opts.Layout
			}
			if booklet && lay.Imposition != "" {
				return usageError{fmt.Errorf("--booklet: the layout %q is printed as a %s already", lay.Name, lay.Imposition)}
			}
			if isTerminal(stdout) {
				if ls, fs, err := build.Plan(p, opts.Langs, opts.Floors, opts.Whole); err == nil {
					n := 0
					for i := range len(ls) * len(fs) {
						if shard.Has(i) {
							n++
						}
					}
					bar = newProgressBar(stdout, n*(1+btoi(booklet)))
				}
			}
			results, err = build.Build(p, opts)
			if bar != nil {
				bar.done()
			}
			if err != nil {
				err = buildAdvice(err, p, museumDir)
			}
			return finishBuild(stdout, p.Name(), results, err, report, shard, summary, bar)
		},
	}
	f := cmd.Flags()
	f.StringVar(&museumDir, "museum", "", "museum directory (museum.toml, locales/, optional layouts/ and fonts/); default: the embedded sample")
	f.StringVar(&sample, "sample", "", "an embedded sample instead of a museum directory: "+strings.Join(pamphlet.Samples(), ", "))
	f.StringVar(&out, "out", "output", "output directory")
	f.StringSliceVar(&langs, "lang", nil, "languages to build, comma-separated (default: all)")
	f.StringSliceVar(&floors, "floor", nil, "floors (or the museum's other parts: stops, wings …) to build, comma-separated (default: all)")
	f.StringSliceVar(&parts, "part", nil, "the same as --floor, for a museum whose parts are not floors")
	f.BoolVar(&whole, "whole", false, "build one pamphlet of the whole museum per language, its parts as sections (OUT/LANG/ID.pdf), as museum.toml's pamphlet = \"whole\" does")
	f.StringVar(&missing, "missing", "", "a message the language lacks: "+policy.Help(policy.MissingChoices)+" (source prints the source text, marked; pivot tries the fallback chain) (default: museum.toml's policy)")
	f.StringVar(&stale, "stale", "", "a translation whose source changed: "+policy.Help(policy.StaleChoices)+" (default: museum.toml's policy)")
	f.BoolVar(&strict, "strict", false, "CI mode: fail on any missing or stale message")
	f.IntVarP(&jobs, "jobs", "j", 0, "pamphlets built in parallel, 1 or more (default: GOMAXPROCS, one per CPU)")
	f.BoolVar(&force, "force", false, "build every pamphlet, even those whose inputs are unchanged since the last build")
	f.StringVar(&report, "report", "", "write a JSON report of the build to this file (schema: docs/ci/README.md)")
	f.StringVar(&shardArg, "shard", "", "build only shard K of N of the language × floor matrix (K/N, e.g. 2/4); the N shards together build it all")
	f.BoolVar(&summary, "summary", false, "print a table per language at the end (always shown with the progress bar)")
	f.StringVar(&layoutArg, "layout", "", "layout from layouts/ to use instead of museum.toml's: large (A4 large print) or trifold (an A4 leaflet folded in three); files get its name: FLOOR-large.pdf")
	f.StringVar(&bleedArg, "bleed", "", "print beyond the trim by this much on every side, for a printer who trims (3mm; units mm, pt or in): the page grows, its TrimBox stays the page as designed, its BleedBox is the bleed")
	f.BoolVar(&crop, "crop-marks", false, "draw trim marks at the corners of every page (and booklet sheet), outside the trim and the bleed")
	f.BoolVar(&booklet, "booklet", false, "also write LANG/FLOOR-booklet.pdf: two pages per sheet side, for double-sided printing (flip on the short edge), folding and stapling; right-to-left pamphlets are bound on the right")
	return cmd
}

// finishBuild writes the report, if one is asked for, and prints what the
// build did: a line per file (unless the progress bar showed them), the
// summary table, and the count.
func finishBuild(stdout io.Writer, name string, results []build.Result, err error, report string, shard build.Shard, summary bool, bar *progressBar) error {
	if report != "" {
		if werr := atomicfile.Write(report, build.NewReport(name, shard, results, err).JSON(), 0o644); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	if bar == nil {
		printResults(stdout, results)
	}
	if summary || bar != nil {
		printSummary(stdout, results)
	}
	built := 0
	for _, r := range results {
		if r.Status == build.Built {
			built++
		}
	}
	fmt.Fprintf(stdout, "wrote %d file(s) for %s", built, name)
	if n := len(results) - built; n > 0 {
		fmt.Fprintf(stdout, "; %d unchanged", n)
	}
	fmt.Fprintln(stdout)
	return nil
}

// outputSettings are the flags that change what a build draws, as given
// ("name=value", in name order), and the date it writes: a build's
// identity for build.Unchanged. Where the PDFs go and how many workers
// draw them do not change them.
func outputSettings(cmd *cobra.Command, date time.Time) []string {
	out := []string{"date=" + strconv.FormatInt(date.Unix(), 10)}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch f.Name {
		case "museum", "sample", "out", "jobs", "force", "report", "summary":
			return
		}
		out = append(out, f.Name+"="+f.Value.String())
	})
	return out
}

// localesDir names the museum's catalog folder for messages.
func localesDir(museumDir string) string {
	if museumDir == "" {
		return i18n.Dir + "/"
	}
	return filepath.Join(museumDir, i18n.Dir) + "/"
}

// splitList trims the entries of a comma-separated flag and drops empty ones.
func splitList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// maxCauses is how many distinct causes of a failed build are printed, one
// line each; the rest are counted on the last line.
const maxCauses = 5

// maxProblems is how many messages one line names before it counts the rest.
const maxProblems = 3

// buildCause is the pamphlets of a failed build that fail for one reason.
type buildCause struct {
	errs     []error
	unres    []*resolve.UnresolvedError
	problems []string // of unres, each once, in order
	seen     map[string]bool
}

// buildAdvice adds to each error of a failed build the command or edit
// that fixes it, and collapses the pamphlets that fail for one cause into
// one line: an empty catalog fails every floor of its language, a message
// the source lacks fails every pamphlet, and forty copies of one error
// help nobody.
func buildAdvice(err error, p *project.Project, dir string) error {
	var leaves []error
	var flatten func(error)
	flatten = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				flatten(x)
			}
			return
		}
		leaves = append(leaves, e)
	}
	flatten(err)
	var we *build.WholeError
	if len(leaves) == 1 && errors.As(leaves[0], &we) {
		return usageError{fmt.Errorf("%w: leave out --floor and --part", we)}
	}

	var causes []*buildCause
	byKey := map[string]*buildCause{}
	for _, e := range leaves {
		key := "error|" + e.Error()
		var ue *resolve.UnresolvedError
		if errors.As(e, &ue) {
			if sourceCause(ue, p) {
				key = "source|" + strings.Join(ue.NotInSource, ",")
			} else {
				key = "lang|" + ue.Lang
			}
		}
		c := byKey[key]
		if c == nil {
			c = &buildCause{seen: map[string]bool{}}
			byKey[key] = c
			causes = append(causes, c)
		}
		c.errs = append(c.errs, e)
		if ue != nil {
			c.unres = append(c.unres, ue)
			for _, pr := range ue.Problems {
				if !c.seen[pr] {
					c.seen[pr] = true
					c.problems = append(c.problems, pr)
				}
			}
		}
	}
	var out []error
	for i, c := range causes {
		// One line per cause; past maxCauses, the rest are counted.
		if i == maxCauses {
			n := 0
			for _, c := range causes[i:] {
				n += len(c.errs)
			}
			out = append(out, fmt.Errorf("… and %d more pamphlet(s) failing for %d other cause(s)", n, len(causes)-i))
			break
		}
		out = append(out, &adviceError{msg: c.line(p, dir), errs: c.errs})
	}
	if len(out) == 1 {
		return out[0]
	}
	return errors.Join(out...)
}

// adviceError is one line of a failed build's report; it unwraps to the
// errors it stands for, so their types stay visible to errors.As.
type adviceError struct {
	msg  string
	errs []error
}

func (e *adviceError) Error() string   { return e.msg }
func (e *adviceError) Unwrap() []error { return e.errs }

// sourceCause reports whether an unresolved pamphlet needs the curator
// (messages the source lacks) rather than a translator.
func sourceCause(ue *resolve.UnresolvedError, p *project.Project) bool {
	return len(ue.NotInSource) == len(ue.Problems) || ue.Lang == p.Museum.Source
}

// line words the cause: the pamphlets it fails, the first few messages,
// the count of the rest, and the advice.
func (c *buildCause) line(p *project.Project, dir string) string {
	first := c.errs[0]
	var le *build.UnknownLanguageError
	var be *build.BrokenError
	if errors.As(first, &be) {
		return fmt.Sprintf("%v; meanwhile --lang builds the other languages", first)
	}
	if errors.As(first, &le) {
		return fmt.Sprintf("%v (to add it: pamphlet translate %s%s --out %s-worksheet.toml, then pamphlet merge)", first, le.Lang, museumFlag(dir), le.Lang)
	}
	if len(c.unres) == 0 {
		if n := len(c.errs); n > 1 {
			return fmt.Sprintf("%v (and %d more pamphlet(s) alike)", first, n-1)
		}
		return first.Error()
	}
	ue := c.unres[0]
	var floors []string
	sameLang := true
	for _, u := range c.unres {
		floors = append(floors, u.Floor)
		sameLang = sameLang && u.Lang == ue.Lang
	}
	which := ue.Lang + ", " + strings.Join(floors, ", ")
	if !sameLang {
		which = fmt.Sprintf("%s, %s (and %d more pamphlet(s))", ue.Lang, ue.Floor, len(c.unres)-1)
	}
	head := fmt.Sprintf("%s: %s: %d message(s) not ready: %s", ue.Path, which, len(c.problems), problemList(c.problems))
	if sourceCause(ue, p) {
		return fmt.Sprintf("%s — add them to %s/%s.toml, with a description for translators", head, i18n.Dir, p.Museum.Source)
	}
	policies := "--missing=source|pivot"
	for _, pr := range c.problems {
		if strings.Contains(pr, ": stale") {
			policies += ", --stale=use|mark"
			break
		}
	}
	advice := fmt.Sprintf("translate them (pamphlet translate %s%s --out %s-worksheet.toml), or choose another policy (%s)", ue.Lang, museumFlag(dir), ue.Lang, policies)
	unverified := 0
	for _, pr := range c.problems {
		if strings.Contains(pr, ": unverified") {
			unverified++
		}
	}
	switch {
	case unverified == len(c.problems):
		advice = fmt.Sprintf("imported without a record of their source: run pamphlet adopt %s%s after a reviewer has read them", ue.Lang, museumFlag(dir))
	case unverified > 0:
		advice = fmt.Sprintf("the unverified ones were imported without a record of their source: run pamphlet adopt %s%s after a reviewer has read them; for the others, ", ue.Lang, museumFlag(dir)) + advice
	}
	return fmt.Sprintf("%s — %s", head, advice)
}

// problemList names the first few problems ("floor1.title: missing"); when
// they all have one reason, it is said once: "missing: museum.name,
// museum.subtitle … and 82 more".
func problemList(problems []string) string {
	why := ""
	ids := make([]string, len(problems))
	for i, pr := range problems {
		id, w, _ := strings.Cut(pr, ": ")
		if i > 0 && w != why {
			return firstFew(problems, maxProblems)
		}
		ids[i], why = id, w
	}
	return why + ": " + firstFew(ids, maxProblems)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// museumArg is the --museum flag that names dir in advice, or nothing for
// the embedded sample.
func museumArg(dir string) string {
	if dir == "" {
		return ""
	}
	return " --museum " + dir
}

// maxBleed is the most --bleed accepts: printers ask for 3 to 5 mm, and
// a bleed wider than a few centimetres is a typo of the unit.
const maxBleed = 20 * layout.PointsPerMM

// parseLength reads a length with its unit ("3mm", "8.5pt", "0.125in")
// in points; "" is no length.
func parseLength(flag, s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		pt     float64
	}{{"mm", layout.PointsPerMM}, {"pt", 1}, {"in", 72}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(strings.TrimSpace(s), u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || !(v >= 0 && v*u.pt <= maxBleed) {
				return 0, fmt.Errorf("%s %s: give a length from 0 to 20 mm with its unit, e.g. 3mm", flag, s)
			}
			return v * u.pt, nil
		}
	}
	return 0, fmt.Errorf("%s %s: give the unit, e.g. 3mm (mm, pt or in)", flag, s)
}
