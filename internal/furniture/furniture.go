// Package furniture ships the pamphlet's own words: the few texts the tool
// prints around a museum's texts, such as the contents heading, the counts
// of rooms and panels, the notes under untranslated or stale texts, the
// names of the parts of a museum and the labels of the visitor
// information. A museum's catalogs hold its own texts; without this
// package every museum would have to write and translate these words
// itself, in every language it prints. They are embedded in the binary,
// one go-i18n v2 TOML catalog per language, with en.toml as the source
// that says what each message is.
package furniture

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"pamphlet/i18n"
)

// SourceLang is the language of the reference catalog, catalogs/en.toml:
// the one whose messages carry descriptions.
const SourceLang = "en"

//go:embed catalogs/*.toml
var files embed.FS

// ids are the message IDs, in display order (the order of en.toml).
var ids = []string{
	"ui.contents",
	"ui.room_count",
	"ui.panel_count",
	"ui.stop_count",
	"ui.untranslated",
	"ui.stale",
	"ui.part.floor",
	"ui.part.storey",
	"ui.part.wing",
	"ui.part.stop",
	"ui.part.site",
	"ui.part.room",
	"ui.part.section",
	"ui.kind.floor",
	"ui.kind.storey",
	"ui.kind.wing",
	"ui.kind.stop",
	"ui.kind.site",
	"ui.kind.room",
	"ui.kind.section",
	"ui.whole",
	"ui.plaque",
	"ui.original",
	"ui.visitor.heading",
	"ui.visitor.address",
	"ui.visitor.hours",
	"ui.visitor.admission",
	"ui.visitor.reservation",
	"ui.visitor.phone",
	"ui.visitor.email",
	"ui.visitor.website",
	"ui.visitor.transport",
	"ui.visitor.accessibility",
	"ui.page",
	"ui.notes",
	"ui.colophon.heading",
	"ui.colophon.translation",
}

// IDs lists the furniture message IDs in display order. The slice is a
// copy; callers may change it.
func IDs() []string { return append([]string(nil), ids...) }

// Catalogs parses the embedded catalogs, keyed by canonical language tag
// ("de", "zh-Hant"). Each catalog's Path is "furniture/LANG.toml", so
// errors and QA findings name the tool's catalog rather than a museum's.
func Catalogs() (map[string]*i18n.Catalog, error) {
	names, err := fs.Glob(files, "catalogs/*.toml")
	if err != nil {
		return nil, err
	}
	// Parsed in parallel: every command reads all of them at start.
	parsed := make([]*i18n.Catalog, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := files.ReadFile(name)
			if err == nil {
				parsed[i], err = i18n.Parse("furniture/"+path.Base(name), data)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cats := make(map[string]*i18n.Catalog, len(names))
	for _, c := range parsed {
		key := c.Lang.String()
		if _, dup := cats[key]; dup {
			return nil, fmt.Errorf("furniture: two catalogs for %s", key)
		}
		cats[key] = c
	}
	return cats, nil
}

// Words is the tool's own words, by language, each catalog parsed the
// first time a command asks for its language: a build of one language
// reads two or three of the 42, and every process used to parse them all
// (about 45 ms of CPU) before its first line of work. Catalogs and the
// tests parse all of them; a catalog that does not parse is a fault of
// the tool, which TestCatalogs catches, and reads here as no words.
type Words struct {
	paths map[string]string // canonical language tag → embedded file
	mu    sync.Mutex
	cats  map[string]*i18n.Catalog
}

var (
	sharedOnce sync.Once
	shared     *Words
)

// Shared returns the process's Words. The catalogs it gives are shared:
// read them, never change them.
func Shared() *Words {
	sharedOnce.Do(func() {
		shared = &Words{paths: map[string]string{}, cats: map[string]*i18n.Catalog{}}
		names, _ := fs.Glob(files, "catalogs/*.toml") // a valid pattern: no error
		for _, name := range names {
			base := strings.TrimSuffix(path.Base(name), ".toml")
			if tag, err := language.Parse(base); err == nil {
				shared.paths[tag.String()] = name
			}
		}
	})
	return shared
}

// Catalog returns the words of lang (a canonical tag: "de", "zh-Hant"),
// or nil when the tool has none in that language. A nil Words has none.
func (w *Words) Catalog(lang string) *i18n.Catalog {
	if w == nil {
		return nil
	}
	name, ok := w.paths[lang]
	if !ok {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if c, ok := w.cats[lang]; ok {
		return c
	}
	var c *i18n.Catalog
	if data, err := files.ReadFile(name); err == nil {
		c, _ = i18n.Parse("furniture/"+path.Base(name), data)
	}
	w.cats[lang] = c
	return c
}
