package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
	if name, ok := SampleName(dir); ok {
		fsys, ok := pamphlet.SampleFS(name)
		if !ok {
			return nil, &UnknownSampleError{Name: name}
		}
		return fsys, nil
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

// Builtin reports whether the project reads the file name (a path in
// its FS) from the files built into the program: everything of an
// embedded sample, and the bundled layouts and fonts a museum's folder
// does not override. Such a file changes only with the program, so the
// build's cache fingerprints the program, not the file.
func (p *Project) Builtin(name string) bool {
	if p.embedded {
		return true
	}
	if p.Dir == "" { // loaded from a file system of the caller's (Load)
		return false
	}
	return BuiltinIn(p.Dir)(name)
}

// BuiltinIn is Builtin for the museum Open(dir) opens, before it is
// opened.
func BuiltinIn(dir string) func(name string) bool {
	if _, sample := SampleName(dir); dir == "" || sample {
		return func(string) bool { return true }
	}
	return func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		return errors.Is(err, fs.ErrNotExist)
	}
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

// SamplePrefix marks a museum "directory" that names an embedded sample:
// "sample:route". Commands turn their --sample flag into it.
const SamplePrefix = "sample:"

// SampleName returns the sample a museum directory names, if it names one.
func SampleName(dir string) (string, bool) {
	return strings.CutPrefix(dir, SamplePrefix)
}

// UnknownSampleError is a --sample the binary does not have.
type UnknownSampleError struct{ Name string }

func (e *UnknownSampleError) Error() string {
	return fmt.Sprintf("no embedded sample %q: the samples are %s", e.Name, strings.Join(pamphlet.Samples(), ", "))
}
