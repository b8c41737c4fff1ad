package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"pamphlet/internal/build"
)

// isTerminal reports whether w is an interactive terminal: a progress bar
// is drawn only there, never into a CI log or a pipe.
func isTerminal(w io.Writer) bool {
	if os.Getenv("CI") == "true" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar shows the build's progress on a terminal.
type progressBar struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

func newProgressBar(w io.Writer, total int) *progressBar {
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(32))
	bar := p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name("building "), decor.CountersNoUnit("%d/%d")),
		mpb.AppendDecorators(decor.Percentage(), decor.Name(" "), decor.Elapsed(decor.ET_STYLE_GO)),
	)
	return &progressBar{p: p, bar: bar}
}

func (b *progressBar) add(build.Result) { b.bar.Increment() }

func (b *progressBar) done() {
	b.bar.SetTotal(-1, true) // complete, whatever the count
	b.p.Wait()
}

// printResults prints one line per output file, in matrix order.
func printResults(w io.Writer, results []build.Result) {
	for _, r := range results {
		unit := "pages"
		if r.Imposed {
			unit = "sheet sides"
		}
		verb := "wrote"
		if r.Status == build.Skipped {
			verb = "unchanged"
		}
		fmt.Fprintf(w, "%s %s  (%d %s, %d KB)\n", verb, r.Path, r.Pages, unit, (r.Bytes+512)/1024)
	}
}

// printSummary prints a table of what the build did, per language.
func printSummary(w io.Writer, results []build.Result) {
	type row struct{ built, skipped, pages, bytes int }
	rows := map[string]*row{}
	for _, r := range results {
		x := rows[r.Lang]
		if x == nil {
			x = &row{}
			rows[r.Lang] = x
		}
		if r.Status == build.Skipped {
			x.skipped++
		} else {
			x.built++
		}
		x.pages += r.Pages
		x.bytes += r.Bytes
	}
	langs := make([]string, 0, len(rows))
	for l := range rows {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "LANG\tBUILT\tUNCHANGED\tPAGES\tKB\t")
	var total row
	for _, l := range langs {
		x := rows[l]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", l, x.built, x.skipped, x.pages, (x.bytes+512)/1024)
		total.built += x.built
		total.skipped += x.skipped
		total.pages += x.pages
		total.bytes += x.bytes
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%d\t%d\t\n", total.built, total.skipped, total.pages, (total.bytes+512)/1024)
	tw.Flush()
}
