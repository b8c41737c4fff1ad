package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"pamphlet/internal/merge"
)

func newAdoptCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir string
	cmd := &cobra.Command{
		Use:   "adopt LANG [MESSAGE-ID...]",
		Short: "Record the source of imported (unverified) translations, after a reviewer has read them",
		Long: `Adopt is for translations brought in from elsewhere: catalogs written by
hand or exported by another tool, whose messages record no hash of the
source text they were made from. status calls them unverified; they are
printed as they are, but nothing can tell when their source changes.

Once a reviewer has read them against the current source, adopt records
that source's hash in each of them (all of the language's unverified
translations, or the named ones), so that a later change of the source
shows them as stale. Only the hash lines change. Adopt never touches a
stale translation: review it with pamphlet translate, or pamphlet confirm.`,
		Example: `  pamphlet adopt de --museum .
  pamphlet adopt pl room01.title room01.body --museum .`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if museumDir == "" {
				return usageError{fmt.Errorf("adopt edits a catalog: name the museum directory with --museum (use --museum . in this repository)")}
			}
			path, ids, err := merge.Adopt(museumDir, args[0], args[1:])
			if err != nil && len(ids) == 0 {
				return err
			}
			fmt.Fprintf(stdout, "adopted %d unverified translation(s) in %s", len(ids), path)
			if len(ids) > 0 && len(ids) <= 12 {
				fmt.Fprintf(stdout, ": %s", strings.Join(ids, ", "))
			}
			fmt.Fprintln(stdout)
			if err != nil {
				fmt.Fprintf(stderr, "pamphlet: warning: %v\n", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory whose catalog to edit (required)")
	return cmd
}
