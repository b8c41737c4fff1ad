package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"pamphlet/i18n"
	"pamphlet/internal/merge"
	"pamphlet/internal/museumlock"
)

// mergeWrite writes a merged catalog; nil is the atomic write. Tests set
// it to simulate a process killed while writing.
var mergeWrite merge.WriteFunc

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir string
	cmd := &cobra.Command{
		Use:   "merge FILE",
		Short: "Take a filled-in worksheet back into locales/LANG.toml",
		Long: `Merge writes the translations of a worksheet (made by pamphlet translate)
into the language's catalog, locales/LANG.toml, creating it for a new
language. Each merged message records the hash of the source text it was
translated from.

Only the merged messages change: every other line of the catalog stays
byte for byte as it was. New messages go after the message that precedes
them in the source catalog. The result is checked before it is written,
and written atomically: an interrupted merge leaves the old catalog.

Merge refuses the whole worksheet, writing nothing, when the source text
of a message changed after the worksheet was made, or when the catalog's
translation of it changed meanwhile (another volunteer merged first), or
when a translation holds an invisible control character (a bidi
override, an unpaired isolate, a control character); it names those
messages. Merges into one museum wait for each other (locales/.lock), so
one never overwrites another's work. Messages left
empty or still marked todo = true are skipped. Merging the same worksheet
again changes nothing.`,
		Example: `  pamphlet merge pl-worksheet.toml --museum .`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if museumDir == "" {
				return usageError{fmt.Errorf("merge edits a catalog: name the museum directory with --museum (use --museum . in this repository)")}
			}
			file := args[0]
			res, err := merge.Merge(museumDir, file, mergeWrite)
			if err != nil {
				return mergeAdvice(err, file, museumDir)
			}
			if res.HistoryErr != nil {
				fmt.Fprintf(stderr, "pamphlet: warning: cannot update %s: %v (the old source of stale translations may not be shown later)\n", i18n.HistoryFile, res.HistoryErr)
			}
			if res.Created {
				fmt.Fprintf(stdout, "created %s\n", res.Catalog)
			}
			fmt.Fprintf(stdout, "merged %d translation(s) into %s", len(res.Merged), res.Catalog)
			if n := len(res.Confirmed); n > 0 {
				fmt.Fprintf(stdout, ", confirmed %d unchanged", n)
			}
			fmt.Fprintln(stdout)
			for _, s := range []struct {
				ids  []string
				what string
			}{
				{res.Already, "already in the catalog"},
				{res.Empty, "left empty: skipped for now"},
				{res.Todo, "still marked todo = true: skipped (delete that line when the translation is right)"},
			} {
				if len(s.ids) > 0 {
					fmt.Fprintf(stdout, "%d %s: %s\n", len(s.ids), s.what, strings.Join(s.ids, ", "))
				}
			}
			if n := len(res.Findings); n > 0 {
				fmt.Fprintf(stdout, "pamphlet check finds %d thing(s) to look at in what was merged:\n", n)
				for i, f := range res.Findings {
					if i == 10 {
						fmt.Fprintf(stdout, "  … and %d more: run pamphlet check --museum %s\n", n-10, museumDir)
						break
					}
					fmt.Fprintln(stdout, " ", f)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory whose catalog to edit (required)")
	return cmd
}

// mergeAdvice adds to a merge error what the volunteer can do about it.
func mergeAdvice(err error, file, dir string) error {
	var ce *merge.ConflictError
	var pe *i18n.ParseError
	var ve *merge.VerifyError
	var te *museumlock.TimeoutError
	var le *merge.LanguageError
	var cc *merge.ControlCharacterError
	switch {
	case errors.As(err, &te):
		return fmt.Errorf("%w; nothing was written: when it has finished, run pamphlet merge %s --museum %s again", err, file, dir)
	case errors.As(err, &le):
		return fmt.Errorf("%w; nothing was written. If the worksheet is for a real language, write its tag in the worksheet's language = \"…\" line (pl, pt-BR, zh-Hans), then run pamphlet merge %s --museum %s again", err, file, dir)
	case errors.As(err, &cc):
		return fmt.Errorf("%w; nothing was written: delete them (retype the text around them), then run pamphlet merge %s --museum %s again", err, file, dir)
	case errors.As(err, &ce):
		// One line: the first conflicts, the count of the rest, and what
		// to do, which depends on whether an edit of the worksheet is
		// enough (a form to fill in or delete) or the worksheet is out of
		// date.
		// The conflicts are grouped by reason, the rarest first: a
		// worksheet refused for one changed source text and 86 texts
		// merged meanwhile names the one.
		var reasons []string
		ids := map[string][]string{}
		edit := true
		for _, c := range ce.Conflicts {
			if ids[c.Why] == nil {
				reasons = append(reasons, c.Why)
			}
			ids[c.Why] = append(ids[c.Why], c.ID)
			edit = edit && c.Edit
		}
		sort.SliceStable(reasons, func(i, j int) bool { return len(ids[reasons[i]]) < len(ids[reasons[j]]) })
		whys := make([]string, len(reasons))
		for i, r := range reasons {
			whys[i] = strings.Join(idsFirstFew(ids[r], 2), ", ") + ": " + r
		}
		fix := fmt.Sprintf("make a fresh worksheet (pamphlet translate %s --museum %s --out %s-new.toml), copy your translations into it, and merge that one", ce.Lang, dir, ce.Lang)
		if edit {
			fix = fmt.Sprintf("fix those lines, then run pamphlet merge %s --museum %s again", file, dir)
		}
		return fmt.Errorf("%w: %s; nothing was written: %s", err, firstFew(whys, 2), fix)
	case errors.As(err, &ve):
		return err
	case errors.As(err, &pe) && pe.Path != file:
		return fmt.Errorf("%s: cannot merge into it until it is fixed: %s/%w", dir, trimSlash(dir), err)
	}
	var se *merge.SourceLanguageError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: a worksheet for %s, the source language, cannot be merged", file, se.Lang)
	}
	return err
}

// idsFirstFew keeps the first n IDs and counts the rest.
func idsFirstFew(ids []string, n int) []string {
	if len(ids) <= n {
		return ids
	}
	return append(ids[:n:n], fmt.Sprintf("… and %d more", len(ids)-n))
}

// firstFew joins the first n items with "; " and counts the rest, so that
// a list of any length fits an error's one line.
func firstFew(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "; ")
	}
	return fmt.Sprintf("%s … and %d more", strings.Join(items[:n], "; "), len(items)-n)
}
