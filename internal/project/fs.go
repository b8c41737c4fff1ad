package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"pamphlet"
)

// FS returns the files of the museum in dir as Open sees them (the
// museum's own files over the bundled layouts and fonts), or the
// embedded sample when dir is "", without loading anything. Commands that
// must report on broken catalogs one by one (check) start here, since Open
// stops at the first catalog it cannot read.
func FS(dir string) (fs.FS, error) {
	if dir == "" {
		return pamphlet.Sample, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: museum directory not found", dir)
		}
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a directory (--museum takes the folder that holds museum.toml)", dir)
	}
	return overlay{own: os.DirFS(dir), bundled: pamphlet.Sample}, nil
}
