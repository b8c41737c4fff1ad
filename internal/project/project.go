// Package project opens a museum directory (or the embedded sample) and
// loads everything a build reads: museum.toml, the catalogs, the layout and
// the fonts, checking that they fit together before anything is built.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"pamphlet"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/fonts"
	"pamphlet/internal/furniture"
	"pamphlet/internal/layout"
	"pamphlet/internal/museum"
	"pamphlet/internal/tomlfile"
)

// Project is a loaded museum.
type Project struct {
	// Dir is the museum directory, or "" for an embedded sample.
	Dir string
	// Sample names the embedded sample other than the default one, if
	// that is what was opened ("route").
	Sample   string
	FS       fs.FS
	Museum   *museum.Museum
	Catalogs map[string]*i18n.Catalog
	// Broken are the catalogs that cannot be read: the work on the other
	// languages goes on, and commands report these.
	Broken []i18n.Broken
	// Furniture is the tool's own words, by language.
	Furniture *furniture.Words
	Layout    *layout.Layout
	Fonts     *fonts.Set
	// unread are the languages whose catalogs OpenFor listed but did not
	// read: they are the museum's languages all the same.
	unread []string
	// embedded is an embedded sample's project: all of its files are
	// the program's own.
	embedded bool
}

// MissingSourceError is a text museum.toml asks for that the source
// catalog does not have.
type MissingSourceError struct {
	Line    int // in museum.toml
	Where   string
	ID      string
	Catalog string
}

func (e *MissingSourceError) Error() string {
	return fmt.Sprintf("%s:%d: %s needs message %q, which %s lacks: add it there (with a description for translators)", museum.FileName, e.Line, e.Where, e.ID, e.Catalog)
}

// BrokenCatalog returns the error of lang's catalog if it cannot be read.
func (p *Project) BrokenCatalog(lang string) error {
	for _, b := range p.Broken {
		if b.File.Lang == lang {
			return b.Err
		}
	}
	return nil
}

// Name is how messages refer to the project.
func (p *Project) Name() string {
	switch {
	case p.Sample != "":
		return "the embedded " + p.Sample + " sample"
	case p.Dir == "":
		return "the embedded sample museum"
	}
	return p.Dir
}

// NameOf is the Name of the project Open(dir) opens, without opening
// it.
func NameOf(dir string) string {
	if dir == "" {
		return (&Project{}).Name()
	}
	if name, ok := SampleName(dir); ok {
		if name == pamphlet.DefaultSample {
			name = ""
		}
		return (&Project{Sample: name}).Name()
	}
	return (&Project{Dir: dir}).Name()
}

// Open loads the museum in dir, or the embedded sample when dir is "".
// A museum directory may leave out layouts/ and fonts/, or any file in
// them: the bundled ones are used instead.
func Open(dir string) (*Project, error) { return OpenFor(dir, nil) }

// OpenFor is Open for a command that works on the languages langs only
// (all, if langs is empty): it parses their catalogs, their parent
// languages', the pivot's and the source's — every catalog a pamphlet of
// them can print from — and lists the others without reading them.
func OpenFor(dir string, langs []string) (*Project, error) {
	fsys, err := FS(dir)
	if err != nil {
		return nil, err
	}
	p, err := LoadFor(fsys, langs)
	sample, isSample := SampleName(dir)
	if err != nil {
		if dir != "" && !isSample {
			return nil, fmt.Errorf("%s/%w", strings.TrimSuffix(dir, "/"), err)
		}
		return nil, err
	}
	p.embedded = dir == "" || isSample
	if isSample {
		if sample != pamphlet.DefaultSample {
			p.Sample = sample
		}
		return p, nil // embedded: no directory to write to
	}
	p.Dir = dir
	return p, nil
}

// Load reads a museum from fsys and checks that the pieces agree.
func Load(fsys fs.FS) (*Project, error) { return LoadFor(fsys, nil) }

// LoadFor is Load with the catalogs OpenFor reads for langs.
func LoadFor(fsys fs.FS, langs []string) (*Project, error) {
	m, err := museum.Load(fsys)
	if err != nil {
		return nil, err
	}
	var keep func(i18n.File) bool
	if len(langs) > 0 {
		needed := map[string]bool{m.Source: true, m.Policy.Pivot: true}
		for _, l := range langs {
			needed[l] = true
			tag, err := language.Parse(l)
			if err != nil {
				continue
			}
			for ; tag != language.Und; tag = tag.Parent() {
				needed[tag.String()] = true
			}
		}
		keep = func(f i18n.File) bool { return f.Lang == "" || needed[f.Lang] }
	}
	cats, broken, unread, err := i18n.LoadSome(fsys, keep)
	if err != nil {
		return nil, err
	}
	for _, b := range broken {
		if b.File.Lang == m.Source {
			return nil, b.Err // nothing can be done without the source
		}
	}
	src, ok := cats[m.Source]
	if !ok {
		return nil, fmt.Errorf("%s/%s.toml: not found: museum.toml says the plaques are in %q, so its catalog is the source", i18n.Dir, m.Source, m.Source)
	}
	furn := furniture.Shared()
	data, _ := fs.ReadFile(fsys, museum.FileName)
	var ix *tomlfile.Index
	for _, t := range m.Texts() {
		if _, ok := src.Messages[t.ID]; ok || t.Optional || t.Furniture {
			continue
		}
		if ix == nil {
			ix = tomlfile.Locate(data)
		}
		return nil, &MissingSourceError{Line: max(ix.ElemLine(t.Elem), 1), Where: t.Where, ID: t.ID, Catalog: src.Path}
	}
	fs, err := fonts.Open(fsys)
	if err != nil {
		return nil, err
	}
	p := &Project{FS: fsys, Museum: m, Catalogs: cats, Broken: broken, Furniture: furn, Fonts: fs}
	for _, f := range unread {
		p.unread = append(p.unread, f.Lang)
	}
	fs.Builtin = p.Builtin
	if p.Layout, err = p.LoadLayout(m.Layout); err != nil {
		return nil, err
	}
	return p, nil
}

// LoadLayout reads layouts/NAME.toml and checks that the fonts have every
// family its styles name.
func (p *Project) LoadLayout(name string) (*layout.Layout, error) {
	lay, err := layout.Load(p.FS, name)
	if err != nil {
		return nil, err
	}
	for style, st := range lay.Styles {
		if _, err := p.Fonts.Chain(p.Catalogs[p.Museum.Source].Lang, st.Family); err != nil {
			return nil, fmt.Errorf("layouts/%s.toml: [styles.%s] family %q is not in fonts/fonts.toml", name, style, st.Family)
		}
	}
	return lay, nil
}

// Languages lists the museum's languages, source first, then sorted.
func (p *Project) Languages() []string {
	others := slices.Collect(maps.Keys(p.Catalogs))
	others = append(others, p.unread...)
	slices.Sort(others)
	langs := []string{p.Museum.Source}
	for _, l := range slices.Compact(others) {
		if l != p.Museum.Source {
			langs = append(langs, l)
		}
	}
	return langs
}

// overlay serves a museum's own files, and the bundled layouts and fonts
// for the ones it does not have.
type overlay struct {
	own, bundled fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.own.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	if strings.HasPrefix(name, layout.Dir+"/") || strings.HasPrefix(name, fonts.Dir+"/") {
		return o.bundled.Open(name)
	}
	return nil, err
}
