package main

import (
	"encoding/json"
	"fmt"
	"io"
	"pamphlet"
	"strings"

	"github.com/spf13/cobra"

	"pamphlet/internal/project"
	"pamphlet/internal/qa"
)

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir, sample string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check every catalog for mistakes (placeholders, plural forms, fonts, punctuation …)",
		Long: `Check reads every catalog of the museum and reports what a reader of the
pamphlet would notice: broken TOML, messages the source does not have,
{{.Placeholders}} or <tags> that differ from the source, plural forms the
language needs but lacks, empty texts, stray spaces, a different final
punctuation mark, characters no bundled font can draw, titles too wide
for the page, translations identical to the source.

A museum whose files (and the program) are as they were at the last check
gets that check's findings again at once, as go test does, and after an
edit only the catalogs that changed are checked again (all of them when
the source catalog or another file changed); the last check is kept in
the user's cache folder (~/.cache/pamphlet/check), safe to delete.

Each finding names the file, line, message ID, language and rule. Rules
are errors or warnings; check exits 1 if there is any error. A catalog
can silence a rule for one message, with a reason, in its [_meta.ignore]
table (see docs/translators.md).

Rules:
` + ruleList(),
		Example: `  pamphlet check
  pamphlet check --museum . --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := selectSample(&museumDir, sample); err != nil {
				return err
			}
			last := qa.Recall(museumDir)
			res := last.Result // nothing changed: the same findings
			if res == nil {
				fsys, err := project.FS(museumDir)
				if err != nil {
					return err
				}
				in, err := qa.LoadFrom(fsys, project.BuiltinIn(museumDir))
				if err != nil {
					return prefixDir(museumDir, err)
				}
				res = last.Check(in) // only what changed is checked again
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				for _, f := range res.Findings {
					fmt.Fprintln(stdout, f)
				}
				fmt.Fprintf(stdout, "checked %d catalog(s): %d error(s), %d warning(s)", res.Catalogs, res.Errors, res.Warnings)
				if n := len(res.Silenced); n > 0 {
					fmt.Fprintf(stdout, ", %d silenced by [_meta.ignore]", n)
				}
				fmt.Fprintln(stdout)
			}
			if res.Errors > 0 {
				return fmt.Errorf("check found %d error(s)", res.Errors)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory; default: the embedded sample")
	cmd.Flags().StringVar(&sample, "sample", "", "an embedded sample instead of a museum directory: "+strings.Join(pamphlet.Samples(), ", "))
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the findings as JSON (schema: docs/translators.md)")
	return cmd
}

func ruleList() string {
	s := ""
	for _, r := range qa.Rules {
		s += fmt.Sprintf("  %-20s %-8s %s\n", r.Name, r.Severity, r.Doc)
	}
	return s
}

// prefixDir puts the museum directory in front of an error about one of
// its files, as project.Open does.
func prefixDir(dir string, err error) error {
	if dir == "" {
		return err
	}
	return fmt.Errorf("%s/%w", trimSlash(dir), err)
}

func trimSlash(dir string) string {
	for len(dir) > 1 && dir[len(dir)-1] == '/' {
		dir = dir[:len(dir)-1]
	}
	return dir
}
