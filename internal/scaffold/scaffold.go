// Package scaffold makes the files of a new museum directory: a minimal
// skeleton to fill in (one part, one room, one panel, the source catalog
// with a note for translators on every message), or a copy of an embedded
// sample to learn from. It never overwrites a file.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet"
)

// Files maps slash paths in the museum directory to their contents.
type Files map[string][]byte

// Paths lists the files in order.
func (f Files) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Skeleton is a new museum whose plaques are in source: museum.toml and
// locales/SOURCE.toml, every text a placeholder saying what to write.
func Skeleton(source string) (Files, error) {
	tag, err := language.Parse(source)
	if err != nil {
		return nil, &LanguageError{Lang: source}
	}
	src := tag.String()
	name := display.English.Tags().Name(tag)
	museum := fmt.Sprintf(`# museum.toml — the structure of the museum, in visiting order. The texts
# themselves are in locales/%[1]s.toml (the %[2]s originals) and one catalog
# per language. See the README, "Build another museum".
source = %[3]q
name = "museum.name"
subtitle = "museum.subtitle"
layout = "a5"
part = "floor"      # what the parts are: floor, storey, wing, stop, site, section
pamphlet = "part"   # one pamphlet per part; "whole" for one of the whole museum

[policy]
missing = "fail"    # a text a language lacks stops the build (or: source, pivot)
stale = "use"       # a translation older than its source is printed (or: mark, fail)

# Each part holds rooms in visiting order; each room a title, an optional
# text of its own (body) and its panels. A panel "room1.panel1" prints the
# messages room1.panel1.title and room1.panel1.body.
[[parts]]
id = "floor1"

  [[parts.rooms]]
  id = "room1"
  panels = ["room1.panel1"]

# The back page: the labels ("Address", "Opening hours" …) are the tool's.
[visitor]
items = [
  { kind = "address", text = "visitor.address" },
  { kind = "hours", text = "visitor.hours" },
]
`, src, name, src)
	catalog := fmt.Sprintf(`# %[1]s.toml — the source catalog: the museum's own texts, in %[2]s.
# Replace each text with yours; the description tells translators where it
# prints and what it refers to, so keep it up to date.

["museum.name"]
description = "Cover: the official name of the museum."
other = "The name of the museum"

["museum.subtitle"]
description = "Cover: the subtitle, under the museum's name (what the pamphlet is)."
other = "A guide to the rooms"

["floor1.title"]
description = "The heading of the first part of the visit, on its pamphlet's cover."
other = "The first floor"

["floor1.intro"]
description = "A short introduction to the first part, printed on its cover. Optional: delete it to print none."
other = "What the visitor will find on this floor."

["room1.title"]
description = "The heading of the first room, as it is signed in the museum."
other = "The first room"

["room1.panel1.title"]
description = "The title of the first panel of the first room, as it stands on the wall."
other = "The first panel"

["room1.panel1.body"]
description = "The text of the first panel of the first room, as it stands on the wall."
other = "The text of the panel."

["visitor.address"]
description = "Back page: the museum's postal address."
other = "The museum's address"

["visitor.hours"]
description = "Back page: the opening hours."
other = "The opening hours"
`, src, name)
	return Files{"museum.toml": []byte(museum), "locales/" + src + ".toml": []byte(catalog)}, nil
}

// Sample is a copy of an embedded sample's museum.toml and catalogs, and,
// with layouts, of the bundled layouts too.
func Sample(name string, layouts bool) (Files, error) {
	fsys, ok := pamphlet.SampleFS(name)
	if !ok {
		return nil, &SampleError{Name: name}
	}
	files := Files{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if p == "museum.toml" || strings.HasPrefix(p, "locales/") || (layouts && strings.HasPrefix(p, "layouts/")) {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files[p] = data
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if layouts {
		matches, _ := fs.Glob(pamphlet.Sample, "layouts/*.toml")
		for _, m := range matches {
			if _, ok := files[m]; !ok {
				data, err := fs.ReadFile(pamphlet.Sample, m)
				if err != nil {
					return nil, err
				}
				files[m] = data
			}
		}
	}
	return files, nil
}

// Layouts is the bundled layouts, to adjust.
func Layouts() (Files, error) {
	files := Files{}
	matches, err := fs.Glob(pamphlet.Sample, "layouts/*.toml")
	if err != nil {
		return nil, err
	}
	for _, m := range matches {
		data, err := fs.ReadFile(pamphlet.Sample, m)
		if err != nil {
			return nil, err
		}
		files[m] = data
	}
	return files, nil
}

// Write writes files into dir. It writes nothing if any of them exists.
func Write(dir string, files Files) error {
	for _, p := range files.Paths() {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if _, err := os.Stat(dst); err == nil {
			return &ExistsError{Path: dst}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for _, p := range files.Paths() {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// SourceCatalog is the path of the source catalog among files.
func (f Files) SourceCatalog(source string) string {
	if tag, err := language.Parse(source); err == nil {
		source = tag.String()
	}
	return path.Join("locales", source+".toml")
}

// ExistsError is a file init would overwrite.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s: already exists: init never overwrites a museum; choose an empty directory", e.Path)
}

// SampleError is a sample the binary does not have.
type SampleError struct{ Name string }

func (e *SampleError) Error() string {
	return fmt.Sprintf("no embedded sample %q: the samples are %s", e.Name, strings.Join(pamphlet.Samples(), ", "))
}

// LanguageError is a --source that is not a language tag.
type LanguageError struct{ Lang string }

func (e *LanguageError) Error() string {
	return fmt.Sprintf("--source %q is not a language tag (use e.g. it, de, pt-BR)", e.Lang)
}
