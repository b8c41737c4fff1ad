package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"pamphlet"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/history"
	"pamphlet/internal/project"
	"pamphlet/internal/worksheet"
)

func newTranslateCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		museumDir string
		sample    string
		pivot     string
		out       string
		force     bool
	)
	cmd := &cobra.Command{
		Use:   "translate LANG",
		Short: "Write a worksheet of every message LANG lacks or must update, to fill in and merge",
		Long: `Translate writes a worksheet for one language: a TOML file, to edit in any
text editor, holding every message that is missing or stale in that
language. Each message comes with the source text, the text in a pivot
language (--pivot; default: the museum's pivot, else English), the note for
translators, where it is printed and, for a stale one, the current
translation and the source it was made from.

Fill in the translations and take them back with ` + "`pamphlet merge FILE`" + `.
A language the museum has no catalog for yet gets every message: that is
how a new language starts.

Without --out the worksheet goes to standard output. --out never replaces
an existing file (it may hold a volunteer's work) unless --force is given.`,
		Example: `  pamphlet translate pl --museum . --out pl-worksheet.toml
  pamphlet translate de --pivot en > de-worksheet.toml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := selectSample(&museumDir, sample); err != nil {
				return err
			}
			if out != "" && project.InLocales(museumDir, out) {
				// --force or not: a worksheet there would be read as a catalog.
				return usageError{fmt.Errorf("--out %s is inside %s, where every .toml file is read as a catalog: write the worksheet elsewhere (pamphlet translate %s%s --out %s-worksheet.toml)", out, localesDir(museumDir), args[0], museumFlag(museumDir), args[0])}
			}
			p, err := project.Open(museumDir)
			if err != nil {
				return err
			}
			tag, err := language.Parse(args[0])
			if err != nil {
				return usageError{fmt.Errorf("%q is not a language tag (use e.g. pl, pt-BR, zh-Hans)", args[0])}
			}
			lang := tag.String()
			if err := i18n.Printable(tag); err != nil {
				return usageError{fmt.Errorf("%w (use the tag of the language to translate into, e.g. pl, pt-BR, zh-Hans)", err)}
			}
			if lang == p.Museum.Source {
				return usageError{fmt.Errorf("%s is the source language: there is nothing to translate into it", lang)}
			}
			if cmd.Flags().Changed("pivot") && pivot == "" {
				pivot = "none"
			}
			if pivot, err = worksheet.ChoosePivot(pivot, p.Museum.Policy.Pivot, lang, p.Museum.Source, p.Catalogs); err != nil {
				return usageError{fmt.Errorf("%w (%s has %s; use --pivot none for no pivot)", err, p.Name(), strings.Join(p.Languages(), ", "))}
			}
			hist, err := history.Load(museumDir, p.Catalogs[p.Museum.Source])
			if err != nil {
				fmt.Fprintf(stderr, "pamphlet: warning: %v (the old source of stale translations cannot be shown)\n", err)
			}
			sheet := worksheet.Make(worksheet.Input{Museum: p.Museum, Catalogs: p.Catalogs, Lang: lang, Pivot: pivot, History: hist})
			if _, ok := p.Catalogs[lang]; !ok {
				fmt.Fprintf(stderr, "%s/%s.toml does not exist yet: the worksheet holds every message, and pamphlet merge will create the catalog\n", i18n.Dir, lang)
			}
			if len(sheet.Entries) == 0 {
				fmt.Fprintf(stderr, "%s has nothing missing or stale: no worksheet needed\n", lang)
				return nil
			}
			data := sheet.Encode()
			if out == "" {
				_, err := stdout.Write(data)
				return err
			}
			if _, err := os.Stat(out); err == nil && !force {
				return fmt.Errorf("%s already exists and may hold translations not merged yet: merge it first (pamphlet merge %s%s), or choose another --out, or use --force to replace it", out, out, museumFlag(museumDir))
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if err := atomicfile.Write(out, data, 0o644); err != nil {
				return err
			}
			missing, stale := 0, 0
			for _, e := range sheet.Entries {
				if e.Status == i18n.Stale {
					stale++
				} else {
					missing++
				}
			}
			fmt.Fprintf(stdout, "wrote %s: %d message(s) to translate (%d missing, %d stale)\n", out, len(sheet.Entries), missing, stale)
			fmt.Fprintf(stdout, "fill in the translation lines, then run: pamphlet merge %s%s\n", out, museumFlag(museumDir))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&museumDir, "museum", "", "museum directory; default: the embedded sample")
	f.StringVar(&sample, "sample", "", "an embedded sample instead of a museum directory: "+strings.Join(pamphlet.Samples(), ", "))
	f.StringVar(&pivot, "pivot", "", "language shown beside the source (default: museum.toml's pivot, else en; none for none)")
	f.StringVarP(&out, "out", "o", "", "write the worksheet to this file (default: standard output)")
	f.BoolVar(&force, "force", false, "replace an existing --out file")
	return cmd
}

func museumFlag(dir string) string {
	if dir == "" {
		return " --museum DIR"
	}
	return " --museum " + dir
}
