// Package pamphlet holds the sample museums that ship inside the binary,
// the bundled layouts and the bundled fonts. `pamphlet build` with no
// --museum builds the Via Tasso sample (the Museo Storico della
// Liberazione, Rome); `--sample route` the Liberation Route in Rome, a
// route of numbered stops. Museums of their own fall back to the bundled
// layouts and fonts.
package pamphlet

import (
	"embed"
	"errors"
	"io/fs"
	"sort"
	"strings"
)

// Sample is the embedded Via Tasso sample museum directory, with the
// bundled layouts and fonts.
//
//go:embed museum.toml locales/*.toml layouts/*.toml fonts/fonts.toml fonts/*.ttf fonts/LICENSE-*
var Sample embed.FS

//go:embed samples/route/museum.toml samples/route/locales/*.toml
var routeFiles embed.FS

// DefaultSample is the sample a command uses when it is given no museum.
const DefaultSample = "via-tasso"

// Samples lists the embedded samples by name.
func Samples() []string {
	names := []string{DefaultSample, "route"}
	sort.Strings(names)
	return names
}

// SampleFS returns the files of an embedded sample: its own museum.toml
// and catalogs, over the bundled layouts and fonts.
func SampleFS(name string) (fs.FS, bool) {
	switch name {
	case "", DefaultSample:
		return Sample, true
	case "route":
		sub, err := fs.Sub(routeFiles, "samples/route")
		if err != nil {
			return nil, false
		}
		return withBundled{own: sub}, true
	}
	return nil, false
}

// withBundled serves a sample's own files, and the bundled layouts and
// fonts.
type withBundled struct{ own fs.FS }

func (w withBundled) Open(name string) (fs.File, error) {
	f, err := w.own.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	if strings.HasPrefix(name, "layouts/") || strings.HasPrefix(name, "fonts/") || name == "layouts" || name == "fonts" {
		return Sample.Open(name)
	}
	return nil, err
}
