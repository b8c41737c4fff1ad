// Package pamphlet holds the sample museum that ships inside the binary:
// the Museo Storico della Liberazione in Via Tasso, Rome, with its
// catalogs, the bundled layouts and the bundled fonts. `pamphlet build`
// with no --museum builds it, and museums of their own fall back to its
// layouts and fonts.
package pamphlet

import "embed"

// Sample is the embedded sample museum directory.
//
//go:embed museum.toml locales/*.toml layouts/*.toml fonts/fonts.toml fonts/*.ttf fonts/LICENSE-*
var Sample embed.FS
