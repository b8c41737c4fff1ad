// Package fonts loads the bundled fonts, answers which face of a family's
// chain draws a given rune, and measures text the way the PDF writer will
// draw it. fpdf silently draws an empty box for a rune its font lacks, and
// cannot read CFF or collection files at all, so every check happens here,
// before anything is drawn.
package fonts

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"sync"

	"github.com/go-text/typesetting/font"
	"golang.org/x/text/language"

	"pamphlet/internal/page"
	"pamphlet/internal/tomlfile"
)

// Dir holds a museum's fonts and fonts.toml.
const Dir = "fonts"

// Face is one entry of fonts.toml: a font file, and how to draw with it.
// Two faces may share a file (a synthetic bold draws the regular file):
// they then share its parsed font and its Embed, so the file is parsed
// once and embedded once per document.
type Face struct {
	Name    string // key in fonts.toml
	File    string
	Licence string
	// Embed is the font file as the PDF writer embeds it.
	Embed *page.Font
	// Embolden, when above zero, draws the face with an outline stroke of
	// that fraction of the type size: a synthetic bold for scripts whose
	// bundled font has no bold face (the CJK font), so headings still
	// stand out from the text. It is a property of how the face is drawn,
	// not of the file.
	Embolden float64

	font    *font.Font
	metrics *font.Face // read only: hmtx lookups of a static font change no cache

	advanceOnce sync.Once
	advance     []int16 // BMP rune → advance in 1/1000 em; built once, read without locks

	reverseOnce sync.Once
	reverse     map[font.GID]rune
}

// Data is the font file's bytes (shared and read-only; see page.Font).
func (f *Face) Data() []byte { return f.Embed.Data }

// Has reports whether the face's character map covers r.
func (f *Face) Has(r rune) bool {
	_, ok := f.font.NominalGlyph(r)
	return ok
}

// Font is the parsed font, for shaping.
func (f *Face) Font() *font.Font { return f.font }

// Advance is r's advance width in thousandths of an em, rounded exactly as
// fpdf rounds the widths it writes into the PDF, so that a line measured
// here ends where fpdf draws it. The table for the Basic Multilingual
// Plane (all that fpdf can draw) is built once, on first use.
func (f *Face) Advance(r rune) int {
	f.advanceOnce.Do(f.buildAdvances)
	if r >= 0 && int(r) < len(f.advance) {
		return int(f.advance[r])
	}
	if gid, ok := f.font.NominalGlyph(r); ok {
		return f.GlyphAdvance(gid)
	}
	return 0
}

func (f *Face) buildAdvances() {
	f.advance = make([]int16, 0x10000)
	it := f.font.Cmap.Iter()
	for it.Next() {
		r, gid := it.Char()
		if r >= 0 && r < 0x10000 {
			f.advance[r] = int16(f.GlyphAdvance(gid))
		}
	}
}

// GlyphAdvance is a glyph's advance in thousandths of an em, rounded as fpdf does.
func (f *Face) GlyphAdvance(gid font.GID) int {
	aw := f.metrics.HorizontalAdvance(gid)
	return int(math.Round(1000 / float64(f.font.Upem()) * float64(aw)))
}

// RuneForGlyph maps a glyph back to a code point that the font's character
// map sends to it. A shaped Arabic glyph (a joined form, a lam-alef
// ligature) is reachable only this way: fpdf draws code points, not glyphs,
// and the Arabic Presentation Forms in the cmap are those code points.
func (f *Face) RuneForGlyph(gid font.GID) (rune, bool) {
	f.reverseOnce.Do(func() {
		f.reverse = map[font.GID]rune{}
		it := f.font.Cmap.Iter()
		for it.Next() {
			r, g := it.Char()
			// Prefer the lowest code point mapped to a glyph, so that a
			// glyph shared by a base letter and a presentation form maps
			// back to the base letter.
			if old, ok := f.reverse[g]; !ok || r < old {
				f.reverse[g] = r
			}
		}
	})
	r, ok := f.reverse[gid]
	return r, ok
}

// Set is the fonts available to a museum, with the family chains per language.
type Set struct {
	Faces    map[string]*Face
	families map[string]map[string][]string // language → family → face names
}

type config struct {
	Faces map[string]struct {
		File     string  `toml:"file"`
		Licence  string  `toml:"licence"`
		Embolden float64 `toml:"embolden"`
	} `toml:"faces"`
	Families map[string]map[string][]string `toml:"families"`
}

// Load reads fonts/fonts.toml and every face it names from fsys.
func Load(fsys fs.FS) (*Set, error) {
	cfgPath := path.Join(Dir, "fonts.toml")
	data, err := fs.ReadFile(fsys, cfgPath)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfgPath, err)
	}
	var cfg config
	if err := tomlfile.Decode(cfgPath, data, &cfg); err != nil {
		return nil, err
	}
	set := &Set{Faces: map[string]*Face{}, families: cfg.Families}
	names := make([]string, 0, len(cfg.Faces))
	for name := range cfg.Faces {
		names = append(names, name)
	}
	sort.Strings(names)
	byFile := map[string]*Face{} // the first face of each file, whose parse the others share
	for _, name := range names {
		fc := cfg.Faces[name]
		p := path.Join(Dir, fc.File)
		var face *Face
		if first, ok := byFile[p]; ok {
			face = &Face{Name: name, File: p, Embed: first.Embed, font: first.font, metrics: first.metrics}
		} else {
			raw, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, fmt.Errorf("%s: face %q: %w", cfgPath, name, err)
			}
			if face, err = parseFace(name, p, raw); err != nil {
				return nil, err
			}
			byFile[p] = face
		}
		face.Licence = fc.Licence
		if fc.Embolden < 0 || fc.Embolden > 0.1 {
			return nil, fmt.Errorf("%s: face %q: embolden = %g: use a small fraction of the size, 0.01 to 0.05", cfgPath, name, fc.Embolden)
		}
		face.Embolden = fc.Embolden
		set.Faces[name] = face
	}
	if _, ok := set.families["default"]; !ok {
		return nil, fmt.Errorf("%s: no [families.default] table: it gives the chains every language falls back to", cfgPath)
	}
	for lang, fams := range set.families {
		for fam, chain := range fams {
			if len(chain) == 0 {
				return nil, fmt.Errorf("%s: families.%s.%s is empty", cfgPath, lang, fam)
			}
			for _, n := range chain {
				if _, ok := set.Faces[n]; !ok {
					return nil, fmt.Errorf("%s: families.%s.%s names face %q, which [faces] does not define", cfgPath, lang, fam, n)
				}
			}
		}
	}
	return set, nil
}

// parseFace accepts only what fpdf can embed: a single TrueType font with
// glyf outlines. fpdf would otherwise print "get metrics Error" and produce
// a broken PDF without returning an error.
func parseFace(name, p string, raw []byte) (*Face, error) {
	if len(raw) >= 4 && string(raw[:4]) == "ttcf" {
		return nil, fmt.Errorf("%s: a font collection (.ttc): extract one face into a .ttf first (see README, Fonts)", p)
	}
	if len(raw) >= 4 && string(raw[:4]) == "OTTO" {
		return nil, fmt.Errorf("%s: CFF (PostScript) outlines: the PDF writer needs TrueType outlines; use a .ttf", p)
	}
	ft, err := font.ParseTTF(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable TrueType font: %v", p, err)
	}
	return &Face{Name: name, File: p, Embed: &page.Font{Name: name, File: p, Data: raw}, font: ft.Font, metrics: ft}, nil
}

// Chain returns the faces of a family for a language: the language's own
// chain if fonts.toml gives one (by full tag, then base language), else the
// default one.
func (s *Set) Chain(lang language.Tag, family string) ([]*Face, error) {
	base, _ := lang.Base()
	for _, key := range []string{lang.String(), base.String(), "default"} {
		if names, ok := s.families[key][family]; ok {
			faces := make([]*Face, len(names))
			for i, n := range names {
				faces[i] = s.Faces[n]
			}
			return faces, nil
		}
	}
	return nil, fmt.Errorf("fonts.toml: no family %q in [families.default]", family)
}

// Families lists the family names of the default chains, sorted.
func (s *Set) Families() []string {
	var out []string
	for f := range s.families["default"] {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Pick returns the first face of chain that covers r, or nil.
func Pick(chain []*Face, r rune) *Face {
	for _, f := range chain {
		if f.Has(r) {
			return f
		}
	}
	return nil
}
