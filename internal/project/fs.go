package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"pamphlet"
	"pamphlet/i18n"
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

// InLocales reports whether path is the locales/ folder of the museum in
// dir (the current directory's locales/ when dir is "": the embedded
// sample's, in this repository), or lies inside it. It compares folders
// as the file system sees them, so a symbolic link into locales/ or
// another spelling of it on a case-insensitive disk counts as inside. A
// file written there could be taken for a catalog, or clutter the
// catalogs.
func InLocales(dir, path string) bool {
	loc, err := os.Stat(filepath.Join(dir, i18n.Dir))
	if err != nil || !loc.IsDir() {
		return false
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for {
		if st, err := os.Stat(p); err == nil && os.SameFile(st, loc) {
			return true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}
