package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"pamphlet/internal/build"
	"pamphlet/internal/merge"
	"pamphlet/internal/museumlock"
	"pamphlet/internal/project"
)

func newConfirmCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir string
	var all bool
	cmd := &cobra.Command{
		Use:   "confirm LANG [MESSAGE-ID...]",
		Short: "Mark translations as up to date with the current source text (after a reviewer checked them)",
		Long: `Confirm records, in locales/LANG.toml, that the named translations match
the current source text: it sets their hash to the source's. Use it when the
source changed in a way that does not affect the translation (a typo, a
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
			if _, _, err := build.Plan(p, []string{lang}, nil, false); err != nil {
				return err
			}
			if lang == p.Museum.Source {
				return usageError{fmt.Errorf("%s is the source language: its messages have no hash to confirm", lang)}
			}
			if len(ids) == 0 && !all {
				return usageError{fmt.Errorf("name the messages to confirm, or use --all")}
			}
			path, n, err := merge.Confirm(p, lang, ids, all)
			var te *museumlock.TimeoutError
			if errors.As(err, &te) {
				again := append([]string{"pamphlet confirm", lang}, ids...)
				if all {
					again = append(again, "--all")
				}
				return fmt.Errorf("%w; nothing was written: when it has finished, run %s --museum %s again", err, strings.Join(again, " "), museumDir)
			}
			if err != nil && n == 0 {
				return err
			}
			fmt.Fprintf(stdout, "confirmed %d message(s) in %s\n", n, path)
			if err != nil {
				fmt.Fprintf(stderr, "pamphlet: warning: %v\n", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory whose catalog to edit (required)")
	cmd.Flags().BoolVar(&all, "all", false, "confirm every stale translation of the language")
	return cmd
}
