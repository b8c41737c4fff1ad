package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// File is one catalog file of a museum.
type File struct {
	Path string // slash path in the museum: locales/pt-BR.toml
	// Lang is the canonical form of the file's language tag ("zh-Hans"
	// for zh-hans.toml); empty when the name is not a language tag.
	Lang string
}

// Canonical reports whether the file is named by its canonical tag.
func (f File) Canonical() bool { return f.Lang != "" && path.Base(f.Path) == f.Lang+".toml" }

// CanonicalPath is where the file should be: locales/LANG.toml.
func (f File) CanonicalPath() string { return path.Join(Dir, f.Lang+".toml") }

// DuplicateLanguageError is two catalog files for one language (EN.toml
// and en.toml): one would silently shadow the other.
type DuplicateLanguageError struct {
	Lang  string
	Paths []string
}

func (e *DuplicateLanguageError) Error() string {
	return fmt.Sprintf("%s: %d catalogs for the language %s: keep one file per language and merge the others into it",
		strings.Join(e.Paths, " and "), len(e.Paths), e.Lang)
}

// NotAFileError is a catalog name (locales/de.toml) that is a directory or
// another thing that is not a regular file.
type NotAFileError struct{ Path string }

func (e *NotAFileError) Error() string {
	return fmt.Sprintf("%s is not a regular file: a catalog must be a TOML file; move it away", e.Path)
}

// List finds the catalog files of a museum: every locales/*.toml, except
// names starting with "." or "_", which are pamphlet's own bookkeeping
// (the source history) and which go:embed skips too. It is the one place
// that decides what is a catalog. Two files of one language, or a
// catalog name that is not a regular file, are errors.
func List(fsys fs.FS) ([]File, error) {
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s/: not found: a museum keeps its catalogs there, one LANG.toml per language", Dir)
		}
		return nil, fmt.Errorf("%s/: %w", Dir, err)
	}
	var files []File
	byLang := map[string][]string{}
	for _, e := range entries {
		n := e.Name()
		if path.Ext(n) != ".toml" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		p := path.Join(Dir, n)
		if !e.Type().IsRegular() {
			// A symbolic link to a file is a catalog too.
			if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
				return nil, &NotAFileError{Path: p}
			}
		}
		f := File{Path: p}
		if tag, err := language.Parse(strings.TrimSuffix(n, ".toml")); err == nil {
			f.Lang = tag.String()
			byLang[f.Lang] = append(byLang[f.Lang], p)
		}
		files = append(files, f)
	}
	for lang, paths := range byLang {
		if len(paths) > 1 {
			sort.Strings(paths)
			return nil, &DuplicateLanguageError{Lang: lang, Paths: paths}
		}
	}
	return files, nil
}
