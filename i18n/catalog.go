// Package i18n loads the museum's message catalogs (go-i18n v2 TOML, one
// file per language under locales/) and keeps, for every message, the line
// it stands on, so errors and QA findings can point a volunteer at it.
package i18n

import (
	"crypto/sha1"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"pamphlet/internal/tomlfile"
)

// Dir is where a museum keeps its catalogs.
const Dir = "locales"

// Message is one entry of a catalog.
type Message struct {
	ID          string
	Description string
	// Hash is the SourceHash of the source-language text this translation
	// was made from; empty in the source catalog itself.
	Hash string
	// Forms maps CLDR plural categories ("one", "few", "other" …) to text.
	// A message without plural forms has only "other".
	Forms map[string]string
	// Line is the 1-based line of the message's key in its file.
	Line int
}

// Text is the message's main (other) form.
func (m *Message) Text() string { return m.Forms["other"] }

// Catalog is one language's file.
type Catalog struct {
	Lang     language.Tag
	Path     string // slash path inside the museum directory, e.g. locales/en.toml
	Messages map[string]*Message
	// Meta is the catalog's [_meta] table: notes about the catalog that
	// are not messages, such as QA rules silenced for one message.
	Meta Meta
}

// IDs returns the catalog's message IDs sorted, for stable iteration.
func (c *Catalog) IDs() []string {
	ids := make([]string, 0, len(c.Messages))
	for id := range c.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Where names a message's place for error messages: "locales/en.toml:12".
func (c *Catalog) Where(id string) string {
	if m, ok := c.Messages[id]; ok && m.Line > 0 {
		return fmt.Sprintf("%s:%d", c.Path, m.Line)
	}
	return c.Path
}

// SourceHash fingerprints a source message's text (every plural form, in a
// fixed order). Translations record it in their `hash` field; when the
// source text changes, the hash no longer matches and the translation is
// stale. The description is left out on purpose: clarifying a note to
// translators must not make every translation stale.
func SourceHash(m *Message) string {
	h := sha1.New()
	for _, form := range PluralForms {
		if t, ok := m.Forms[form]; ok {
			fmt.Fprintf(h, "%s\x00%s\x00", form, t)
		}
	}
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// PluralForms lists the CLDR plural categories go-i18n understands, in
// CLDR order.
var PluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// LoadAll reads every catalog of a museum (see List), and fails on the
// first one, in file order, that cannot be read.
func LoadAll(fsys fs.FS) (map[string]*Catalog, error) {
	cats, broken, err := LoadEach(fsys)
	if err != nil {
		return nil, err
	}
	if len(broken) > 0 {
		return nil, broken[0].Err
	}
	return cats, nil
}

// Broken is a catalog file that cannot be read, and why.
type Broken struct {
	File File
	Err  error
}

// LoadEach reads every catalog of a museum (see List), parsing them in
// parallel. The catalogs that parse are keyed by their language's
// canonical tag ("en", "zh-Hans"); the others are returned as broken, in
// file order, so that one damaged catalog does not stop the work on the
// others. The error is for a museum whose catalogs cannot be listed at
// all.
func LoadEach(fsys fs.FS) (map[string]*Catalog, []Broken, error) {
	cats, broken, _, err := LoadSome(fsys, nil)
	return cats, broken, err
}

// LoadSome is LoadEach for the catalogs keep accepts (all, if keep is
// nil); the others are listed in unread, neither read nor parsed: a
// build of one language needs two or three of a museum's catalogs, and
// parsing is most of what it costs to start.
func LoadSome(fsys fs.FS, keep func(File) bool) (cats map[string]*Catalog, broken []Broken, unread []File, err error) {
	all, err := List(fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	var files []File
	for _, f := range all {
		if keep == nil || keep(f) {
			files = append(files, f)
		} else {
			unread = append(unread, f)
		}
	}
	parsed := make([]*Catalog, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			data, err := fs.ReadFile(fsys, f.Path)
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", f.Path, err)
				return
			}
			parsed[i], errs[i] = Parse(f.Path, data)
		}()
	}
	wg.Wait()
	cats = make(map[string]*Catalog, len(files))
	for i, f := range files {
		if errs[i] != nil {
			broken = append(broken, Broken{File: f, Err: errs[i]})
			continue
		}
		cats[parsed[i].Lang.String()] = parsed[i]
	}
	return cats, broken, unread, nil
}

// ParseError is a catalog that cannot be read at all: malformed TOML, a
// file name that is not a language tag, something go-i18n rejects. Line is
// 0 when the error has no better place than the whole file.
type ParseError struct {
	Path string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Parse reads one catalog. The language comes from the file name
// (locales/pt-BR.toml is "pt-BR"), as go-i18n does. Errors are *ParseError.
//
// The top-level [_meta] table is pamphlet's, not a message: it is taken
// out before go-i18n sees the file (go-i18n would read it as a message
// with the ID "_meta…") and decoded into Catalog.Meta.
func Parse(p string, data []byte) (*Catalog, error) {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	tag, err := language.Parse(base)
	if err != nil {
		return nil, &ParseError{Path: p, Msg: fmt.Sprintf("file name %q is not a language tag (name catalogs like en.toml, pt-BR.toml, zh-Hans.toml)", base)}
	}
	if err := Printable(tag); err != nil {
		return nil, &ParseError{Path: p, Msg: fmt.Sprintf("%v: rename the file to its language's tag (pl.toml) or move it out of %s/", err, Dir)}
	}
	// Syntax first, with our TOML decoder, for an error with a line number.
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		if line, msg, ok := tomlfile.Syntax(err); ok {
			return nil, &ParseError{Path: p, Line: line, Msg: "malformed TOML: " + msg}
		}
		return nil, &ParseError{Path: p, Msg: "malformed TOML: " + tomlfile.Clip(err.Error())}
	}
	lines := keyLines(data)
	meta, merr := parseMeta(raw[MetaKey], lines)
	if merr != nil {
		return nil, &ParseError{Path: p, Line: merr.line, Msg: merr.msg}
	}
	// go-i18n parses the messages out of the tree decoded above, rather
	// than decoding the file a second time; the top-level _meta table is
	// left out, or go-i18n would take it for a message.
	messages := make(map[string]any, len(raw))
	for k, v := range raw {
		if k != MetaKey {
			messages[k] = v
		}
	}
	decoded := func(_ []byte, v any) error {
		p, ok := v.(*any)
		if !ok {
			return fmt.Errorf("go-i18n asked for a %T", v)
		}
		*p = messages
		return nil
	}
	if perr := checkShapes(p, "", messages, lines); perr != nil {
		return nil, perr
	}
	msgs, err2 := goi18n.ParseMessageFileBytes(data, p, map[string]goi18n.UnmarshalFunc{"toml": decoded})
	if err2 != nil {
		return nil, &ParseError{Path: p, Msg: "not a go-i18n catalog: " + tomlfile.Clip(err2.Error())}
	}
	c := &Catalog{Lang: tag, Path: p, Messages: make(map[string]*Message, len(msgs.Messages)), Meta: meta}
	for _, gm := range msgs.Messages {
		m := &Message{
			ID:          gm.ID,
			Description: gm.Description,
			Hash:        gm.Hash,
			Forms:       map[string]string{},
			Line:        lines[gm.ID],
		}
		for form, text := range map[string]string{
			"zero": gm.Zero, "one": gm.One, "two": gm.Two,
			"few": gm.Few, "many": gm.Many, "other": gm.Other,
		} {
			if text != "" {
				m.Forms[form] = text
			}
		}
		if _, dup := c.Messages[m.ID]; dup {
			return nil, &ParseError{Path: p, Line: m.Line, Msg: fmt.Sprintf("message %q defined twice", m.ID)}
		}
		c.Messages[m.ID] = m
	}
	return c, nil
}

// checkShapes finds, before go-i18n does, the values go-i18n cannot read
// as messages, and names the message and its line: go-i18n's own errors
// ("reserved keys [hash] mixed with unreserved keys [other]", "unsupported
// file format int64") name neither. It follows go-i18n's reading: a table
// with a message field (a reserved key with a text) is a message, and may
// hold nothing else; a table without one holds nested messages, whose IDs
// join the keys with dots; a text alone is a message's other form.
func checkShapes(p, prefix string, tree map[string]any, lines map[string]int) *ParseError {
	for _, k := range sortedKeys(tree) {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		line := lines[id]
		switch v := tree[k].(type) {
		case string:
		case map[string]any:
			var fields, others []string
			for _, f := range sortedKeys(v) {
				if _, isText := v[f].(string); isText && reservedKeys[strings.ToLower(f)] {
					fields = append(fields, f)
				} else {
					others = append(others, f)
				}
			}
			if len(fields) == 0 {
				if perr := checkShapes(p, id, v, lines); perr != nil {
					return perr
				}
				continue
			}
			if len(others) > 0 {
				bad := others[0]
				what := fmt.Sprintf("%q is not a message field", tomlfile.Clip(bad))
				switch w := v[bad].(type) {
				case map[string]any:
					what = fmt.Sprintf("%q is a table nested in the message", tomlfile.Clip(bad))
				default:
					if reservedKeys[strings.ToLower(bad)] {
						what = fmt.Sprintf("%s must be a text in double quotes, not %s", bad, valueKind(w))
					}
				}
				if l := lines[id+"."+bad]; l > 0 {
					line = l
				}
				return &ParseError{Path: p, Line: line, Msg: fmt.Sprintf("message %q: %s (a message holds only texts: description, hash, zero … other): fix it, or move it to its own [table]", tomlfile.Clip(id), what)}
			}
		default:
			return &ParseError{Path: p, Line: line, Msg: fmt.Sprintf("message %q is %s: write a message as a table, [%q] with other = \"text\"", tomlfile.Clip(id), valueKind(v), tomlfile.Clip(id))}
		}
	}
	return nil
}

// valueKind names a decoded TOML value's kind for an error message.
func valueKind(v any) string {
	switch v.(type) {
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "empty"
	}
	return "a date or time"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// reservedKeys are the fields of a go-i18n message table; any other key
// inside a table starts a nested message.
var reservedKeys = map[string]bool{
	"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true,
}

// keyLines maps message IDs to the line of their key: a table header
// (["a.b"], [a.b]) or a key that is not a message field. The TOML decoder
// does not report key positions; tomlfile.Locate does.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	for _, e := range tomlfile.Locate(data).Entries {
		if !e.Header && reservedKeys[strings.ToLower(e.Key[len(e.Key)-1])] {
			continue
		}
		id := strings.Join(e.Key, ".")
		if _, ok := lines[id]; !ok {
			lines[id] = e.Line
		}
	}
	return lines
}

// GoI18n converts the message for go-i18n's bundle and localizer.
func (m *Message) GoI18n() *goi18n.Message {
	return &goi18n.Message{
		ID: m.ID, Description: m.Description, Hash: m.Hash,
		Zero: m.Forms["zero"], One: m.Forms["one"], Two: m.Forms["two"],
		Few: m.Forms["few"], Many: m.Forms["many"], Other: m.Forms["other"],
	}
}
