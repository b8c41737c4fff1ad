package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/build"
	"pamphlet/internal/project"
)

func newConfirmCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir string
	var all bool
	cmd := &cobra.Command{
		Use:   "confirm LANG [MESSAGE-ID...]",
		Short: "Mark translations as up to date with the current Italian (after a reviewer checked them)",
		Long: `Confirm records, in locales/LANG.toml, that the named translations match
the current source text: it sets their hash to the source's. Use it when the
Italian changed in a way that does not affect the translation (a typo, a
capital letter), or after reviewing a stale translation. --all confirms
every translation of the language that is stale.

Only the hash lines of the confirmed messages change; the rest of the file
stays byte for byte as it was.`,
		Example: `  pamphlet confirm en floor1.cell2.calendar.body --museum .
  pamphlet confirm de --all --museum .`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if museumDir == "" {
				return usageError{fmt.Errorf("confirm edits a catalog: name the museum directory with --museum (use --museum . in this repository)")}
			}
			p, err := project.Open(museumDir)
			if err != nil {
				return err
			}
			lang, ids := args[0], args[1:]
			if _, _, err := build.Plan(p, []string{lang}, nil); err != nil {
				return err
			}
			if lang == p.Museum.Source {
				return usageError{fmt.Errorf("%s is the source language: its messages have no hash to confirm", lang)}
			}
			if len(ids) == 0 && !all {
				return usageError{fmt.Errorf("name the messages to confirm, or use --all")}
			}
			src, cat := p.Catalogs[p.Museum.Source], p.Catalogs[lang]
			// The Italian confirmed now is what later staleness refers to.
			recordHistory(museumDir, src, nil, stderr)
			if all {
				for _, id := range cat.IDs() {
					if _, ok := src.Messages[id]; ok && i18n.StatusOf(src.Messages[id], cat.Messages[id]) == i18n.Stale {
						ids = append(ids, id)
					}
				}
			}
			hashes := map[string]string{}
			for _, id := range ids {
				s, ok := src.Messages[id]
				if !ok {
					return fmt.Errorf("%s: no message %q in the source catalog", src.Path, id)
				}
				if m := cat.Messages[id]; m == nil || m.Text() == "" {
					return fmt.Errorf("%s: message %q is not translated yet: nothing to confirm", cat.Path, id)
				}
				hashes[id] = i18n.SourceHash(s)
			}
			path := filepath.Join(museumDir, filepath.FromSlash(cat.Path))
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			updated, err := i18n.SetHashes(cat.Path, data, hashes)
			if err != nil {
				return err
			}
			if _, err := i18n.Parse(cat.Path, updated); err != nil {
				return fmt.Errorf("%s: refusing to write: the edited catalog would not parse: %v", cat.Path, err)
			}
			if err := atomicfile.Write(path, updated, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "confirmed %d message(s) in %s\n", len(hashes), cat.Path)
			return nil
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory whose catalog to edit (required)")
	cmd.Flags().BoolVar(&all, "all", false, "confirm every stale translation of the language")
	return cmd
}
