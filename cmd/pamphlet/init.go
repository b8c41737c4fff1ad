package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"pamphlet"
)

func newInitCmd(stdout io.Writer) *cobra.Command {
	var withLayouts bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Start a new museum directory from the sample museum",
		Long: `Init writes the sample museum's museum.toml and catalogs (locales/) into
DIR, as a starting point to edit. With --layouts it also copies the bundled
layouts, to adjust page size, margins and type. Fonts stay bundled unless you
add a fonts/ folder of your own.

Init never overwrites: it refuses a DIR that already has any of the files.`,
		Example: `  pamphlet init my-museum
  pamphlet build --museum my-museum`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			var files []string
			err := fs.WalkDir(pamphlet.Sample, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				if p == "museum.toml" || strings.HasPrefix(p, "locales/") || (withLayouts && strings.HasPrefix(p, "layouts/")) {
					files = append(files, p)
				}
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range files {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
					return fmt.Errorf("%s: already exists: init never overwrites a museum; choose an empty directory", filepath.Join(dir, filepath.FromSlash(p)))
				} else if !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
			for _, p := range files {
				data, err := fs.ReadFile(pamphlet.Sample, p)
				if err != nil {
					return err
				}
				dst := filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					return err
				}
			}
			fmt.Fprintf(stdout, "wrote %d files to %s: edit museum.toml and locales/%s, then run pamphlet build --museum %s\n", len(files), dir, "it.toml", dir)
			return nil
		},
	}
	cmd.Flags().BoolVar(&withLayouts, "layouts", false, "also copy the bundled layouts into DIR/layouts/")
	return cmd
}
