package main

import (
	"errors"
	"fmt"
	"io"
	"maps"

	"github.com/spf13/cobra"

	"pamphlet/internal/scaffold"
)

func newInitCmd(stdout io.Writer) *cobra.Command {
	var (
		withLayouts bool
		sample      string
		source      string
	)
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Start a new museum directory: a skeleton to fill in, or a copy of a sample",
		Long: `Init writes a new museum into DIR: museum.toml with one floor, one room and
one panel, and the source catalog (locales/SOURCE.toml) with a placeholder
and a note for translators on every message, to replace with the museum's
own texts. --source names the language of the plaques (default en).

--sample NAME copies an embedded sample instead, to learn from: via-tasso
(the Museo Storico della Liberazione, three floors in 16 languages) or
route (the Liberation Route in Rome, six stops in one pamphlet). With
--layouts init also copies the bundled layouts, to adjust page size,
margins and type. Fonts stay bundled unless you add a fonts/ folder.

Init never overwrites: it refuses a DIR that already has any of the files.`,
		Example: `  pamphlet init my-museum --source de
  pamphlet init learn --sample via-tasso
  pamphlet build --museum my-museum`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			var (
				files scaffold.Files
				err   error
			)
			if sample != "" {
				if cmd.Flags().Changed("source") {
					return usageError{errors.New("--sample copies a sample, whose source language is its own: leave out --source")}
				}
				files, err = scaffold.Sample(sample, withLayouts)
			} else {
				if files, err = scaffold.Skeleton(source); err == nil && withLayouts {
					var lay scaffold.Files
					if lay, err = scaffold.Layouts(); err == nil {
						maps.Copy(files, lay)
					}
				}
			}
			var le *scaffold.LanguageError
			if errors.As(err, &le) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if err := scaffold.Write(dir, files); err != nil {
				return err
			}
			if sample != "" {
				fmt.Fprintf(stdout, "wrote %d files to %s: the %s sample; build it with pamphlet build --museum %s\n", len(files), dir, sample, dir)
				return nil
			}
			fmt.Fprintf(stdout, "wrote %d files to %s: replace the texts in %s/%s and the structure in %s/museum.toml, then run pamphlet build --museum %s\n",
				len(files), dir, dir, files.SourceCatalog(source), dir, dir)
			return nil
		},
	}
	cmd.Flags().BoolVar(&withLayouts, "layouts", false, "also copy the bundled layouts into DIR/layouts/")
	cmd.Flags().StringVar(&sample, "sample", "", "copy an embedded sample instead of a skeleton: via-tasso or route")
	cmd.Flags().StringVar(&source, "source", "en", "the language of the museum's plaques, for the skeleton's source catalog")
	return cmd
}
