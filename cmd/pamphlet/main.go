// Command pamphlet builds printable, multilingual museum pamphlets from
// message catalogs. See README.md.
//
// Exit codes: 0 success; 1 the work failed: bad input (malformed TOML, a
// missing message, an unknown language or floor, a missing museum), a
// translation not ready, a check that found errors; 2 bad usage: an
// unknown command or flag, a flag value outside its choices.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"pamphlet/internal/project"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError marks errors that mean the command was called wrongly.
type usageError struct{ error }

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC makes the garbage collector run a quarter as often as Go's
// default, within a heap limit of 48 MiB for each core (96 MiB at
// least): a command is a short process that allocates freely (a
// pamphlet's lines, its PDF) and keeps little, and collecting was a sixth
// of a one-pamphlet build's CPU. A build's workers, one a core by
// default, hold some 20 MiB each, well within the limit, which keeps a
// large matrix's memory where it was (bench/scale.sh). It is set here,
// for the process, and not by run, which tests call in-process. GOGC and
// GOMEMLIMIT, when set, are left to rule.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(max(96, 48*int64(runtime.GOMAXPROCS(0))) << 20)
	}
}

// run executes the CLI and returns the exit code; main only exits.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "pamphlet:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFail
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "pamphlet",
		Short: "Build printable multilingual museum pamphlets from translation catalogs",
		Long: `pamphlet turns a museum's message catalogs (go-i18n TOML, one file per
language) into printable PDF pamphlets, one per language and floor, offline.

Run with no museum directory, it builds the embedded sample museum: the
Museo Storico della Liberazione, Via Tasso 145, Rome.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see pamphlet %s --help)", err, c.Name())}
	})
	root.AddCommand(newBuildCmd(stdout), newConfirmCmd(stdout, stderr), newAdoptCmd(stdout, stderr), newStatusCmd(stdout, stderr), newCheckCmd(stdout, stderr), newTranslateCmd(stdout, stderr), newMergeCmd(stdout, stderr))
	root.AddCommand(newInitCmd(stdout))
	root.AddCommand(newEditCmd(stdout, stderr))
	return root
}

// selectSample turns --sample NAME into the museum it names; a command
// takes a museum directory or a sample, not both.
func selectSample(museumDir *string, sample string) error {
	if sample == "" {
		return nil
	}
	if *museumDir != "" {
		return usageError{fmt.Errorf("--museum and --sample: give one of them")}
	}
	*museumDir = project.SamplePrefix + sample
	return nil
}
