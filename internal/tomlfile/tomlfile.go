// Package tomlfile decodes the project's configuration files (museum.toml,
// layouts, fonts.toml) strictly, and words their errors one way for all of
// them: "path:line: what is wrong", so a museum's staff can go straight to
// the line.
package tomlfile

import (
	"fmt"

	"github.com/BurntSushi/toml"
)

// Decode decodes data, read from path, into v. Malformed TOML, a value of
// the wrong kind (*TypeError) and keys v has no field for (a misspelt key
// would otherwise be silently ignored) are one-line errors naming the file
// and line.
func Decode(path string, data []byte, v any) error {
	md, err := toml.Decode(string(data), v)
	if err != nil {
		if line, msg, ok := Syntax(err); ok {
			return fmt.Errorf("%s:%d: malformed TOML: %s", path, line, msg)
		}
		if terr := typeError(path, data, err); terr != nil {
			return terr
		}
		return fmt.Errorf("%s: %s", path, Clip(err.Error()))
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		line := max(Locate(data).Line(k...), 1)
		return fmt.Errorf("%s:%d: unknown key %q (check its spelling against the README)", path, line, Clip(k.String()))
	}
	return nil
}
