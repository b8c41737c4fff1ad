// Package fonts loads the bundled fonts, answers which face of a family's
// chain draws a given rune, and measures text the way the PDF writer will
// draw it. fpdf silently draws an empty box for a rune its font lacks, and
// cannot read CFF or collection files at all, so every check happens here,
// before anything is drawn.
package fonts

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"path"
	"runtime"
	"slices"
	"sort"
	"sync"

	"codeberg.org/go-pdf/fpdf"
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

	embedOnce sync.Once
	embedErr  error
}

// Embeddable test-embeds every font file of the set with the PDF writer
// (see checkEmbed), once for the life of the set, and returns a FontError
// for the first file, in name order, that fails. Commands that write or
// vouch for PDFs (build, check) call it before drawing anything, so that
// both refuse the same fonts.
//
// Load does not run it, for speed: fpdf parses a file again and subsets
// it, about 8 ms for a DejaVu file, 20 ms for a NanumSquare one and 45 ms
// for the 4.6 MB CJK font; on two shared cores the bundled set takes
// about 90 ms (BenchmarkEmbeddable), as much again as Load itself, about
// 105 ms (BenchmarkLoad). status and translate, which draw nothing, should not
// pay that. Load's own glyph walk (checkGlyphs) already refuses the
// damage that fpdf's subsetter would trip on; this catches the rest of
// fpdf's parser. The files are tested in parallel.
func (s *Set) Embeddable() error {
	s.embedOnce.Do(func() {
		seen := map[*page.Font]bool{}
		var files []*Face // one face per file: faces of one file share its Embed
		for _, name := range slices.Sorted(maps.Keys(s.Faces)) {
			if f := s.Faces[name]; !seen[f.Embed] {
				seen[f.Embed] = true
				files = append(files, f)
			}
		}
		sort.Slice(files, func(i, j int) bool { return files[i].File < files[j].File })
		errs := make([]error, len(files))
		sem := make(chan struct{}, runtime.GOMAXPROCS(0)) // each test holds a few copies of its file
		var wg sync.WaitGroup
		for i, f := range files {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				errs[i] = checkEmbed(f)
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				s.embedErr = err
				break
			}
		}
	})
	return s.embedErr
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
		if !(fc.Embolden >= 0 && fc.Embolden <= 0.1) { // NaN too
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

// FontError is a font file the PDF writer cannot use: not TrueType, or
// damaged. Load returns one for the first such file, so that every
// command refuses the font the same way, naming the file, instead of
// crashing in a parser or writing a broken PDF.
type FontError struct {
	File string // the font file, e.g. "fonts/NanumSquareR.ttf"
	Err  error  // what is wrong with it and what to do, one line
}

func (e *FontError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *FontError) Unwrap() error { return e.Err }

// damaged is the error of a file that claims to be TrueType but that a
// parser cannot read through: most often a truncated download or copy.
func damaged(p string, cause error) *FontError {
	return &FontError{File: p, Err: fmt.Errorf("not a readable TrueType font (damaged or truncated?): %v; replace the file", cause)}
}

// parseFace accepts only what fpdf can embed: a single TrueType font with
// glyf outlines. fpdf would otherwise print "get metrics Error" and produce
// a broken PDF without returning an error.
//
// go-text's parser indexes into the file's tables without checking every
// length and offset, so a damaged file can make it panic; the panic is
// recovered here and becomes a FontError. Everything go-text reads later
// (cmap, hmtx) it has parsed by the time ParseTTF returns, and the
// advance table, which walks the whole cmap, is built here inside the
// recover. checkGlyphs and checkCmap then refuse the damage that would
// crash fpdf's subsetter or make a cmap walk endless.
func parseFace(name, p string, raw []byte) (face *Face, err error) {
	if len(raw) >= 4 && string(raw[:4]) == "ttcf" {
		return nil, &FontError{File: p, Err: fmt.Errorf("a font collection (.ttc): extract one face into a .ttf first (see README, Fonts)")}
	}
	if len(raw) >= 4 && string(raw[:4]) == "OTTO" {
		return nil, &FontError{File: p, Err: fmt.Errorf("CFF (PostScript) outlines: the PDF writer needs TrueType outlines; use a .ttf")}
	}
	defer func() {
		if r := recover(); r != nil {
			face, err = nil, damaged(p, fmt.Errorf("the font parser failed: %v", r))
		}
	}()
	ft, err := font.ParseTTF(bytes.NewReader(raw))
	if err != nil {
		return nil, damaged(p, err)
	}
	if err := checkGlyphs(raw); err != nil {
		return nil, damaged(p, err)
	}
	if err := checkCmap(raw); err != nil {
		return nil, damaged(p, err)
	}
	face = &Face{Name: name, File: p, Embed: &page.Font{Name: name, File: p, Data: raw}, font: ft.Font, metrics: ft}
	// Touch what Load and the typesetter read first, inside the recover:
	// the advance table walks the whole cmap and hmtx.
	face.advanceOnce.Do(face.buildAdvances)
	return face, nil
}

// sampleSize is how many of a face's characters the embedding test draws.
const sampleSize = 24

// sample picks characters the face covers, spread over its character map
// (so that the subsetter reads glyphs from all over the glyf table), plus
// the ASCII letters and digits it has.
func (f *Face) sample() string {
	var all []rune
	it := f.font.Cmap.Iter()
	for it.Next() {
		// fpdf draws the Basic Multilingual Plane only; no controls,
		// no surrogates.
		if r, _ := it.Char(); r > 0x20 && r < 0x10000 && !(r >= 0xD800 && r < 0xE000) {
			all = append(all, r)
		}
	}
	slices.Sort(all)
	var out []rune
	for _, r := range "Aa0" {
		if f.Has(r) {
			out = append(out, r)
		}
	}
	for i := range min(sampleSize, len(all)) {
		out = append(out, all[i*len(all)/min(sampleSize, len(all))])
	}
	return string(out)
}

// checkEmbed embeds the face in a small PDF written to nowhere, the way
// pdfdraw will. fpdf parses a font again with a parser of its own, which
// rejects (or panics on) some files that go-text reads: without this
// test, check would pass a font that build then fails on. A panic is
// recovered, and an fpdf error is returned, as a FontError. fpdf prints
// its own parse errors to standard output, and that line cannot be
// silenced; the FontError follows it.
//
// The test draws a sample of the face's characters, not all of them: a
// file damaged in a glyph the sample misses is caught by pdfdraw, which
// recovers in the same way, when a pamphlet uses that glyph.
func checkEmbed(f *Face) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = damaged(f.File, fmt.Errorf("the PDF writer failed: %v", r))
		}
	}()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 100, Ht: 100}})
	pdf.SetCompression(false)
	// A copy: fpdf writes into the bytes it is given (see page.Font).
	pdf.AddUTF8FontFromBytes("f", "", bytes.Clone(f.Embed.Data))
	if err := pdf.Error(); err != nil {
		return damaged(f.File, err)
	}
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	pdf.Text(10, 50, f.sample())
	if err := pdf.Output(io.Discard); err != nil {
		// An fpdf that could not parse the font registers none, and
		// SetFont then fails with "undefined font".
		return damaged(f.File, fmt.Errorf("the PDF writer cannot embed it: %v", err))
	}
	return nil
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
