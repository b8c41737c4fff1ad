package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"pamphlet"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"pamphlet/i18n"
	"pamphlet/internal/project"
	"pamphlet/internal/status"
)

func newStatusCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		museumDir   string
		sample      string
		asJSON      bool
		langs       []string
		minComplete string
	)
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show, per language and part, how many messages are translated, stale, unverified or missing",
		Long: `Status compares every catalog with the source catalog and counts, per
language and per part of the museum (floor, stop …), the messages that are:

  translated            made from the current source text
  stale                 made from an older source text: kept, but to review
  unverified            imported with no record of its source (no hash):
                        printed as it is; pamphlet adopt records it
  missing               not translated yet
  identical             a copy of the source (allowed ones, such as proper
                        names listed in [_meta.ignore], count as translated)

"common" holds what every pamphlet prints whatever its part: the cover and
the visitor information (the tool's own words are not counted). "complete"
is the share of messages with a text no source change has overtaken
(translated + identical + unverified). A catalog that cannot be read is
listed after the table, and the others are counted.

With --lang, status also lists the messages to work on. --min-complete
makes status exit 1 when a language is less complete than a threshold:
one number for every language (--min-complete 100), or per language
(--min-complete de=100,ja=80), or both (--min-complete 90,de=100).
The --json form is stable; its schema is in docs/translators.md.`,
		Example: `  pamphlet status
  pamphlet status --lang pl --museum .
  pamphlet status --json --min-complete 100`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := selectSample(&museumDir, sample); err != nil {
				return err
			}
			p, err := project.Open(museumDir)
			if err != nil {
				return err
			}
			thresholds, err := parseThresholds(minComplete)
			if err != nil {
				return usageError{err}
			}
			want := splitList(langs)
			for _, l := range append(append([]string{}, want...), thresholdLangs(thresholds)...) {
				if _, ok := p.Catalogs[l]; !ok || l == p.Museum.Source {
					return usageError{fmt.Errorf("unknown language %q: %s has translations for %s", l, p.Name(), strings.Join(p.Languages()[1:], ", "))}
				}
			}
			rep := status.Compute(museumDir, p.Museum, p.Catalogs)
			for _, b := range p.Broken {
				rep.Broken = append(rep.Broken, status.Broken{File: b.File.Path, Lang: b.File.Lang, Error: b.Err.Error()})
			}
			if len(want) > 0 {
				var keep []status.Language
				for _, l := range rep.Languages {
					if contains(want, l.Lang) {
						keep = append(keep, l)
					}
				}
				rep.Languages = keep
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return err
				}
			} else {
				printStatus(stdout, p, rep, len(want) > 0, museumDir)
			}
			var below []string
			for _, l := range rep.Languages {
				if t, ok := thresholds.of(l.Lang); ok && !l.Total.AtLeast(t) {
					below = append(below, fmt.Sprintf("%s is %.1f%% complete (needs %g%%)", l.Lang, l.Total.Complete, t))
				}
			}
			if len(below) > 0 {
				return fmt.Errorf("below --min-complete: %s", strings.Join(below, "; "))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&museumDir, "museum", "", "museum directory; default: the embedded sample")
	f.StringVar(&sample, "sample", "", "an embedded sample instead of a museum directory: "+strings.Join(pamphlet.Samples(), ", "))
	f.BoolVar(&asJSON, "json", false, "print the status as JSON (schema: docs/translators.md)")
	f.StringSliceVar(&langs, "lang", nil, "languages to show, comma-separated (default: all); also lists their messages to work on")
	f.StringVar(&minComplete, "min-complete", "", "exit 1 if a language is below this % complete: N, LANG=N,… or N,LANG=N")
	return cmd
}

func printStatus(w io.Writer, p *project.Project, rep *status.Report, details bool, dir string) {
	fmt.Fprintf(w, "%s: %d messages in %s (source)\n\n", p.Name(), rep.Messages, p.Catalogs[p.Museum.Source].Path)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "LANG\t%s\tTRANSLATED\tSTALE\tUNVERIFIED\tMISSING\tIDENTICAL\tCOMPLETE\t\n", strings.ToUpper(string(p.Museum.Kind)))
	for _, l := range rep.Languages {
		for i, g := range l.Groups {
			lang := ""
			if i == 0 {
				lang = l.Lang
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.1f%%\t\n", lang, g.Group, g.Translated, g.Stale, g.Unverified, g.Missing, g.Identical, g.Complete)
		}
		t := l.Total
		fmt.Fprintf(tw, "\t%s\t%d\t%d\t%d\t%d\t%d\t%.1f%%\t\n", "all", t.Translated, t.Stale, t.Unverified, t.Missing, t.Identical, t.Complete)
	}
	tw.Flush()
	for _, b := range rep.Broken {
		fmt.Fprintf(w, "\n%s: cannot be read, so it is not counted: %s\n  fix it: pamphlet check%s shows where\n", b.File, b.Error, museumArg(dir))
	}
	if !details {
		return
	}
	for _, l := range rep.Languages {
		fmt.Fprintf(w, "\n%s (%s): %d message(s) to work on\n", l.Lang, l.File, len(l.Todo))
		for _, e := range l.Todo {
			where := ""
			if e.Line > 0 {
				where = fmt.Sprintf("  (%s:%d)", l.File, e.Line)
			}
			fmt.Fprintf(w, "  %-20s %s%s\n", e.Status, e.ID, where)
		}
		var work, unverified int
		for _, e := range l.Todo {
			if e.Status == string(i18n.Unverified) {
				unverified++
			} else {
				work++
			}
		}
		if work > 0 {
			fmt.Fprintf(w, "  next: pamphlet translate %s%s --out %s-worksheet.toml\n", l.Lang, museumFlag(dir), l.Lang)
		}
		if unverified > 0 {
			fmt.Fprintf(w, "  %d unverified: imported without a record of their source; once a reviewer has read them: pamphlet adopt %s%s\n", unverified, l.Lang, museumFlag(dir))
		}
	}
}

// thresholds are --min-complete: a default for every language and
// per-language overrides.
type thresholds struct {
	all    float64
	hasAll bool
	lang   map[string]float64
}

func (t thresholds) of(lang string) (float64, bool) {
	if v, ok := t.lang[lang]; ok {
		return v, true
	}
	return t.all, t.hasAll
}

func thresholdLangs(t thresholds) []string {
	var out []string
	for l := range t.lang {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func parseThresholds(s string) (thresholds, error) {
	t := thresholds{lang: map[string]float64{}}
	if strings.TrimSpace(s) == "" {
		return t, nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lang, num, hasLang := strings.Cut(part, "=")
		if !hasLang {
			num, lang = lang, ""
		}
		v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(num), "%"), 64)
		// NaN passes no comparison, so it is refused by name: a NaN
		// threshold would fail every language, as if it were incomplete.
		if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
			return t, fmt.Errorf("--min-complete %q: %q is not a percentage from 0 to 100 (use N, LANG=N or both, comma-separated)", s, part)
		}
		if hasLang {
			t.lang[strings.TrimSpace(lang)] = v
		} else {
			t.all, t.hasAll = v, true
		}
	}
	return t, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
