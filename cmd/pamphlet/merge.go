package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/project"
	"pamphlet/internal/qa"
	"pamphlet/internal/status"
	"pamphlet/internal/worksheet"
)

// writeAtomic writes a catalog; tests replace it to simulate a crash.
var writeAtomic = defaultWriteAtomic

var defaultWriteAtomic = func(path string, data []byte) error { return atomicfile.Write(path, data, 0o644) }

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir string
	cmd := &cobra.Command{
		Use:   "merge FILE",
		Short: "Take a filled-in worksheet back into locales/LANG.toml",
		Long: `Merge writes the translations of a worksheet (made by pamphlet translate)
into the language's catalog, locales/LANG.toml, creating it for a new
language. Each merged message records the hash of the Italian it was
translated from.

Only the merged messages change: every other line of the catalog stays
byte for byte as it was. New messages go after the message that precedes
them in the Italian catalog. The result is checked before it is written,
and written atomically: an interrupted merge leaves the old catalog.

Merge refuses the whole worksheet, writing nothing, when the Italian of a
message changed after the worksheet was made, or when the catalog's
translation of it changed meanwhile; it names those messages. Messages left
empty or still marked todo = true are skipped. Merging the same worksheet
again changes nothing.`,
		Example: `  pamphlet merge pl-worksheet.toml --museum .`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if museumDir == "" {
				return usageError{fmt.Errorf("merge edits a catalog: name the museum directory with --museum (use --museum . in this repository)")}
			}
			file := args[0]
			raw, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			sheet, err := worksheet.Parse(file, raw)
			if err != nil {
				return err
			}
			p, err := project.Open(museumDir)
			if err != nil {
				return err
			}
			src := p.Catalogs[p.Museum.Source]
			tag, _ := language.Parse(sheet.Lang)
			lang := tag.String()
			if lang == p.Museum.Source {
				return fmt.Errorf("%s: a worksheet for %s, the source language, cannot be merged", file, lang)
			}
			if sheet.Source != "" && sheet.Source != p.Museum.Source {
				return fmt.Errorf("%s: made from a %s source, but %s's source is %s: is this the right museum?", file, sheet.Source, p.Name(), p.Museum.Source)
			}
			rel := i18n.Dir + "/" + lang + ".toml"
			path := filepath.Join(museumDir, filepath.FromSlash(rel))
			data, err := os.ReadFile(path)
			isNew := errors.Is(err, fs.ErrNotExist)
			if err != nil && !isNew {
				return err
			}
			var cat *i18n.Catalog
			if isNew {
				data = []byte(newCatalogHeader(lang, p.Museum.Source))
			} else if cat, err = i18n.Parse(rel, data); err != nil {
				return fmt.Errorf("%s: cannot merge into it until it is fixed: %w", museumDir, err)
			}
			plan := worksheet.MakePlan(sheet, src, cat)
			if len(plan.Conflicts) > 0 {
				var b strings.Builder
				fmt.Fprintf(&b, "%s: refusing to merge: %d message(s) cannot be merged safely:\n", file, len(plan.Conflicts))
				for _, c := range plan.Conflicts {
					fmt.Fprintf(&b, "  %s: %s\n", c.ID, c.Why)
				}
				fmt.Fprintf(&b, "Nothing was written; your worksheet is unchanged. Make a fresh worksheet\n"+
					"(pamphlet translate %s --museum %s --out NEW.toml), copy your translations\n"+
					"into it, and merge that one", lang, museumDir)
				return errors.New(b.String())
			}
			if len(plan.Updates) > 0 {
				updated, err := i18n.SetMessages(rel, data, plan.Updates, status.SourceOrder(src))
				if err != nil {
					return err
				}
				after, err := i18n.Parse(rel, updated)
				if err != nil {
					return fmt.Errorf("%s: refusing to write: the merged catalog would not parse (%v); nothing was written", rel, err)
				}
				if err := verifyMerge(cat, after, plan.Updates); err != nil {
					return fmt.Errorf("%s: refusing to write: %v; nothing was written", rel, err)
				}
				if err := writeAtomic(path, updated); err != nil {
					return err
				}
			}
			var seen []*i18n.Message
			for _, e := range sheet.Entries {
				m := &i18n.Message{ID: e.ID, Forms: e.Source}
				if len(e.Source) > 0 && i18n.SourceHash(m) == e.SourceHash {
					seen = append(seen, m)
				}
			}
			recordHistory(museumDir, src, seen, stderr)

			if isNew && len(plan.Updates) > 0 {
				fmt.Fprintf(stdout, "created %s\n", rel)
			}
			fmt.Fprintf(stdout, "merged %d translation(s) into %s", len(plan.Merged), rel)
			if n := len(plan.Confirmed); n > 0 {
				fmt.Fprintf(stdout, ", confirmed %d unchanged", n)
			}
			fmt.Fprintln(stdout)
			for _, s := range []struct {
				ids  []string
				what string
			}{
				{plan.Already, "already in the catalog"},
				{plan.Empty, "left empty: skipped for now"},
				{plan.Todo, "still marked todo = true: skipped (delete that line when the translation is right)"},
			} {
				if len(s.ids) > 0 {
					fmt.Fprintf(stdout, "%d %s: %s\n", len(s.ids), s.what, strings.Join(s.ids, ", "))
				}
			}
			reportMerged(stdout, museumDir, lang, append(plan.Merged, plan.Confirmed...))
			return nil
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory whose catalog to edit (required)")
	return cmd
}

// verifyMerge is the last guard before writing: the merged catalog must
// hold every update exactly, and every other message exactly as before.
func verifyMerge(before, after *i18n.Catalog, updates map[string]i18n.Update) error {
	for id, u := range updates {
		m := after.Messages[id]
		if m == nil || m.Hash != u.Hash || !maps.Equal(m.Forms, u.Forms) {
			return fmt.Errorf("message %q did not come out as written (is it defined in an unusual way?)", id)
		}
	}
	if before == nil {
		return nil
	}
	for id, m := range before.Messages {
		if _, ok := updates[id]; ok {
			continue
		}
		n := after.Messages[id]
		if n == nil || n.Hash != m.Hash || n.Description != m.Description || !maps.Equal(n.Forms, m.Forms) {
			return fmt.Errorf("message %q would have changed", id)
		}
	}
	for id := range after.Messages {
		if _, ok := updates[id]; !ok && before.Messages[id] == nil {
			return fmt.Errorf("message %q would have appeared", id)
		}
	}
	return nil
}

// reportMerged runs the QA checks and shows the findings about the
// messages just merged, so a volunteer sees a forgotten placeholder now
// rather than in CI.
func reportMerged(w io.Writer, dir, lang string, ids []string) {
	if len(ids) == 0 {
		return
	}
	fsys, err := project.FS(dir)
	if err != nil {
		return
	}
	in, err := qa.Load(fsys)
	if err != nil {
		return
	}
	merged := map[string]bool{}
	for _, id := range ids {
		merged[id] = true
	}
	var found []qa.Finding
	for _, f := range qa.Check(in).Findings {
		if f.Lang == lang && merged[f.ID] {
			found = append(found, f)
		}
	}
	if len(found) == 0 {
		return
	}
	fmt.Fprintf(w, "pamphlet check finds %d thing(s) to look at in what was merged:\n", len(found))
	for i, f := range found {
		if i == 10 {
			fmt.Fprintf(w, "  … and %d more: run pamphlet check --museum %s\n", len(found)-10, dir)
			break
		}
		fmt.Fprintln(w, " ", f)
	}
}

func newCatalogHeader(lang, source string) string {
	name := display.English.Tags().Name(language.Make(lang))
	return fmt.Sprintf("# %s.toml — %s translation (go-i18n v2) of the museum's messages.\n"+
		"# Source: %s.toml. Each message records in `hash` the source text it was\n"+
		"# translated from. Made with `pamphlet merge`; edit it by hand or by worksheet.\n", lang, name, source)
}
