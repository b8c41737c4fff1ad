// Package fonts loads the bundled fonts, answers which face of a family's
// chain draws a given rune, and measures text the way the PDF writer will
// draw it. fpdf silently draws an empty box for a rune its font lacks, and
// cannot read CFF or collection files at all, so every check happens here,
// before anything is drawn.
package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"runtime"
	"slices"
	"sort"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"golang.org/x/text/language"

	"pamphlet"
	"pamphlet/internal/page"
	pdfsfnt "pamphlet/internal/sfnt"
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
	// Embed is the font file as the PDF writer embeds it. Its Data is
	// filled in when the file is first read (see Set.Ready): read it
	// through Data, or after a lookup on the face, or after Ready.
	Embed *page.Font
	// Embolden, when above zero, draws the face with an outline stroke of
	// that fraction of the type size: a synthetic bold for scripts whose
	// bundled font has no bold face (the CJK font), so headings still
	// stand out from the text. It is a property of how the face is drawn,
	// not of the file.
	Embolden float64

	file *fontFile
}

// fontFile is one font file of a set, read and parsed on first use, so
// that a command pays only for the files it touches: status and
// translate touch none, a Latin pamphlet the DejaVu files, check all of
// them, but only their character maps and metrics. Every field past once
// is written inside it and read-only afterwards.
type fontFile struct {
	fsys  fs.FS
	cfg   string // fonts.toml's path, for errors
	name  string // the first face that names the file
	embed *page.Font

	rawOnce sync.Once
	raw     []byte // the file, read but not parsed
	rawErr  error

	once    sync.Once
	err     error // a FontError, or the file's read error
	cmap    font.Cmap
	hmtx    tables.Hmtx
	upem    uint16
	advance []int16 // BMP rune → advance in 1/1000 em; read without locks

	fullOnce sync.Once
	full     *font.Font
	fullErr  error

	reverseOnce sync.Once
	reverse     map[font.GID]rune
}

// load reads and checks the file once; a failed file answers every
// lookup as if it were empty, and Set.Ready reports why.
func (f *fontFile) load() error {
	f.once.Do(func() {
		raw, err := f.read()
		if err != nil {
			f.err = fmt.Errorf("%s: face %q: %w", f.cfg, f.name, err)
			return
		}
		f.err = f.parse(raw)
	})
	return f.err
}

// read reads the file once, without parsing it.
func (f *fontFile) read() ([]byte, error) {
	f.rawOnce.Do(func() { f.raw, f.rawErr = fs.ReadFile(f.fsys, f.embed.File) })
	return f.raw, f.rawErr
}

// FileBytes is the face's file as it is on disk, read but neither parsed
// nor checked: what the build's cache fingerprints, so that a build that
// draws nothing parses no font. Draw with Data, which is checked.
func (f *Face) FileBytes() ([]byte, error) { return f.file.read() }

// Data is the font file's bytes (shared and read-only; see page.Font).
func (f *Face) Data() []byte {
	f.file.load()
	return f.Embed.Data
}

// Has reports whether the face's character map covers r.
func (f *Face) Has(r rune) bool {
	if f.file.load() != nil {
		return false
	}
	_, ok := f.file.cmap.Lookup(r)
	return ok
}

// Font is the parsed font, for shaping (HarfBuzz). It is parsed on first
// call, without its outlines (see fontFile.shaper): the shaper picks
// glyphs and the typesetter measures them with Advance, so outlines
// would only cost time. It is never nil: a file whose layout tables
// cannot be read gives a font without them (Set.Shapeable reports that).
func (f *Face) Font() *font.Font {
	f.file.shaper()
	return f.file.full
}

// Advance is r's advance width in thousandths of an em, rounded exactly as
// fpdf rounds the widths it writes into the PDF, so that a line measured
// here ends where fpdf draws it. The table for the Basic Multilingual
// Plane (all that fpdf can draw) is built when the file is loaded.
func (f *Face) Advance(r rune) int {
	if f.file.load() != nil {
		return 0
	}
	if r >= 0 && int(r) < len(f.file.advance) {
		return int(f.file.advance[r])
	}
	if gid, ok := f.file.cmap.Lookup(r); ok {
		return f.GlyphAdvance(gid)
	}
	return 0
}

func (f *fontFile) buildAdvances() {
	f.advance = make([]int16, 0x10000)
	it := f.cmap.Iter()
	for it.Next() {
		r, gid := it.Char()
		if r >= 0 && r < 0x10000 {
			f.advance[r] = int16(f.glyphAdvance(gid))
		}
	}
}

// GlyphAdvance is a glyph's advance in thousandths of an em, rounded as fpdf does.
func (f *Face) GlyphAdvance(gid font.GID) int {
	if f.file.load() != nil {
		return 0
	}
	return f.file.glyphAdvance(gid)
}

// glyphAdvance reads hmtx as go-text does for a static font: the last
// long metric's advance for the glyphs past them, zero past the glyphs.
func (f *fontFile) glyphAdvance(gid font.GID) int {
	return int(math.Round(1000 / float64(f.upem) * float64(f.hmtx.Advance(tables.GlyphID(gid)))))
}

// RuneForGlyph maps a glyph back to a code point that the font's character
// map sends to it. A shaped Arabic glyph (a joined form, a lam-alef
// ligature) is reachable only this way: fpdf draws code points, not glyphs,
// and the Arabic Presentation Forms in the cmap are those code points.
func (f *Face) RuneForGlyph(gid font.GID) (rune, bool) {
	if f.file.load() != nil {
		return 0, false
	}
	ff := f.file
	ff.reverseOnce.Do(func() {
		ff.reverse = map[font.GID]rune{}
		it := ff.cmap.Iter()
		for it.Next() {
			r, g := it.Char()
			// Prefer the lowest code point mapped to a glyph, so that a
			// glyph shared by a base letter and a presentation form maps
			// back to the base letter.
			if old, ok := ff.reverse[g]; !ok || r < old {
				ff.reverse[g] = r
			}
		}
	})
	r, ok := ff.reverse[gid]
	return r, ok
}

// Set is the fonts available to a museum, with the family chains per language.
type Set struct {
	Faces    map[string]*Face
	families map[string]map[string][]string // language → family → face names
	files    []*fontFile                    // one per file, by path
	// Builtin, when set, reports the font files the program carries (the
	// bundled fonts a museum does not override, by path): the program's
	// own tests checked and test-embedded them (TestBundledFontsEmbed), so
	// Ready and Embeddable leave them to be read on first lookup, and an
	// English pamphlet never reads the 4.6 MB CJK font.
	Builtin func(file string) bool

	embedOnce sync.Once
	embedErr  error
}

// Ready reads and checks every font file of the set (in parallel, once
// each) and returns the error of the first file, in path order, that
// cannot be used: a FontError for a damaged file. Lookups on a face
// whose file failed answer as if the face were empty, so commands that
// draw or vouch for PDFs call Ready (Embeddable does) before using the
// set.
func (s *Set) Ready() error {
	files := s.checked()
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Go(func() { f.load() })
	}
	wg.Wait()
	for _, f := range files {
		if f.err != nil {
			return f.err
		}
	}
	return nil
}

// checked are the files Ready and Embeddable check: all but the
// program's own (see Builtin).
func (s *Set) checked() []*fontFile {
	if s.Builtin == nil {
		return s.files
	}
	var out []*fontFile
	for _, f := range s.files {
		if !s.Builtin(f.embed.File) {
			out = append(out, f)
		}
	}
	return out
}

// Embeddable test-embeds every font file of the set with the PDF writer
// (see checkEmbed), once for the life of the set, and returns a FontError
// for the first file, in name order, that fails. Commands that write or
// vouch for PDFs (build, check) call it before drawing anything, so that
// both refuse the same fonts. It runs Ready first.
//
// Each test reads the file's character map and outlines (sfnt.Parse),
// subsets it and has fpdf embed the subset, as the drawer does. A file whose bytes are
// those of a bundled font is not tested again: TestBundledFontsEmbed
// test-embeds the bundled fonts with the fpdf compiled into the same
// binary, and the same bytes through the same parser give the same
// result. A file that is not bundled is also parsed for shaping (see
// Font), so that damage in its layout tables is refused here rather
// than met by the shaper. Load's own glyph walk (checkGlyphs) already refuses the
// damage that fpdf's subsetter would trip on; this catches the rest of
// fpdf's parser. The files are tested in parallel.
func (s *Set) Embeddable() error {
	s.embedOnce.Do(func() {
		if s.embedErr = s.Ready(); s.embedErr != nil {
			return
		}
		var files []*fontFile
		for _, f := range s.checked() {
			if !bundled(f.embed.File, f.embed.Data) {
				files = append(files, f)
			}
		}
		errs := make([]error, len(files))
		sem := make(chan struct{}, runtime.GOMAXPROCS(0)) // each test holds a few copies of its file
		var wg sync.WaitGroup
		for i, f := range files {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				if errs[i] = checkEmbed(f); errs[i] == nil {
					// The layout tables too, which only shaping reads.
					f.shaper()
					errs[i] = f.fullErr
				}
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

// bundled reports whether data is the bundled font at path p, reading
// the embedded file in pieces rather than copying it whole.
func bundled(p string, data []byte) bool {
	f, err := pamphlet.Sample.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	rest := data
	for {
		n, err := f.Read(buf)
		if n > len(rest) || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
		if err == io.EOF {
			return len(rest) == 0
		}
		if err != nil {
			return false
		}
	}
}

type config struct {
	Faces map[string]struct {
		File     string  `toml:"file"`
		Licence  string  `toml:"licence"`
		Embolden float64 `toml:"embolden"`
	} `toml:"faces"`
	Families map[string]map[string][]string `toml:"families"`
}

// Load reads fonts/fonts.toml and every face it names from fsys, and
// checks every file (Open, then Ready).
func Load(fsys fs.FS) (*Set, error) {
	set, err := Open(fsys)
	if err != nil {
		return nil, err
	}
	if err := set.Ready(); err != nil {
		return nil, err
	}
	return set, nil
}

// Open reads fonts/fonts.toml and checks that its chains name faces it
// defines, but reads no font file: each file is read and parsed on the
// first lookup of one of its faces, or by Ready. Commands that print no
// text (status, translate) thus never parse a font.
func Open(fsys fs.FS) (*Set, error) {
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
	byFile := map[string]*fontFile{} // faces of one file share it
	for _, name := range names {
		fc := cfg.Faces[name]
		p := path.Join(Dir, fc.File)
		file, ok := byFile[p]
		if !ok {
			file = &fontFile{fsys: fsys, cfg: cfgPath, name: name, embed: &page.Font{Name: name, File: p}}
			byFile[p] = file
			set.files = append(set.files, file)
		}
		if !(fc.Embolden >= 0 && fc.Embolden <= 0.1) { // NaN too
			return nil, fmt.Errorf("%s: face %q: embolden = %g: use a small fraction of the size, 0.01 to 0.05", cfgPath, name, fc.Embolden)
		}
		set.Faces[name] = &Face{Name: name, File: p, Licence: fc.Licence, Embed: file.embed, Embolden: fc.Embolden, file: file}
	}
	sort.Slice(set.files, func(i, j int) bool { return set.files[i].embed.File < set.files[j].embed.File })
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

// parseFace parses one file as the only face of its own (tests and fuzzing).
func parseFace(name, p string, raw []byte) (*Face, error) {
	file := &fontFile{name: name, embed: &page.Font{Name: name, File: p}}
	file.once.Do(func() { file.err = file.parse(raw) })
	if file.err != nil {
		return nil, file.err
	}
	return &Face{Name: name, File: p, Embed: file.embed, file: file}, nil
}

// parse accepts only what fpdf can embed: a single TrueType font with
// glyf outlines. fpdf would otherwise print "get metrics Error" and produce
// a broken PDF without returning an error.
//
// It reads only the tables that coverage and measuring need — cmap,
// head, maxp, hhea, hmtx, OS/2 — with go-text's own table parsers, so
// that they read exactly what go-text's full parse reads: about 1 ms
// where font.ParseTTF, which also parses every glyph outline, took 25
// for the CJK font. The full parse, for shaping, waits for Font.
//
// go-text's parsers index into the file's tables without checking every
// length and offset, so a damaged file can make them panic; the panic is
// recovered here and becomes a FontError. checkGlyphs and checkCmap then
// refuse the damage that would crash fpdf's subsetter or make a cmap
// walk endless, and the advance table, which walks the whole cmap, is
// built inside the recover.
func (f *fontFile) parse(raw []byte) (err error) {
	p := f.embed.File
	if len(raw) >= 4 && string(raw[:4]) == "ttcf" {
		return &FontError{File: p, Err: fmt.Errorf("a font collection (.ttc): extract one face into a .ttf first (see README, Fonts)")}
	}
	if len(raw) >= 4 && string(raw[:4]) == "OTTO" {
		return &FontError{File: p, Err: fmt.Errorf("CFF (PostScript) outlines: the PDF writer needs TrueType outlines; use a .ttf")}
	}
	defer func() {
		if r := recover(); r != nil {
			err = damaged(p, fmt.Errorf("the font parser failed: %v", r))
		}
	}()
	ld, err := ot.NewLoader(bytes.NewReader(raw))
	if err != nil {
		return damaged(p, err)
	}
	os2Raw, _ := ld.RawTable(ot.MustNewTag("OS/2"))
	os2, _, _ := tables.ParseOs2(os2Raw) // optional, as in go-text: a zero OS/2 means no symbol font page
	cmapRaw, err := ld.RawTable(ot.MustNewTag("cmap"))
	if err != nil {
		return damaged(p, err)
	}
	cmapTable, _, err := tables.ParseCmap(cmapRaw)
	if err != nil {
		return damaged(p, err)
	}
	if f.cmap, _, err = font.ProcessCmap(cmapTable, os2.FontPage()); err != nil {
		return damaged(p, err)
	}
	head, _, err := font.LoadHeadTable(ld, nil)
	if err != nil {
		return damaged(p, err)
	}
	f.upem = head.Upem()
	maxpRaw, err := ld.RawTable(ot.MustNewTag("maxp"))
	if err != nil {
		return damaged(p, err)
	}
	maxp, _, err := tables.ParseMaxp(maxpRaw)
	if err != nil {
		return damaged(p, err)
	}
	if err := checkGlyphs(raw); err != nil {
		return damaged(p, err)
	}
	if err := checkCmap(raw); err != nil {
		return damaged(p, err)
	}
	// checkGlyphs has seen hhea and hmtx long enough for maxp's glyphs.
	hheaRaw, err := ld.RawTable(ot.MustNewTag("hhea"))
	if err != nil {
		return damaged(p, err)
	}
	hhea, _, err := tables.ParseHhea(hheaRaw)
	if err != nil {
		return damaged(p, err)
	}
	hmtxRaw, err := ld.RawTable(ot.MustNewTag("hmtx"))
	if err != nil {
		return damaged(p, err)
	}
	long := int(hhea.NumOfLongMetrics)
	if f.hmtx, _, err = tables.ParseHmtx(hmtxRaw, long, max(int(maxp.NumGlyphs)-long, 0)); err != nil {
		return damaged(p, err)
	}
	f.embed.Data = raw
	f.buildAdvances()
	return nil
}

// shaper parses the whole font for HarfBuzz, once, from a copy of the
// file whose glyf and loca entries are renamed in the table directory so
// that go-text skips the outlines (most of its parse time, and memory):
// the shaper uses glyph IDs from GSUB and the typesetter measures with
// hmtx, so no outline is read. A file that fails to parse gives a font
// from its character map and metrics alone, which shapes nothing but
// never panics; fullErr keeps the reason for Shapeable.
func (f *fontFile) shaper() {
	f.fullOnce.Do(func() {
		if err := f.load(); err != nil {
			f.full, f.fullErr = emptyFont(), err
			return
		}
		full, err := parseShaper(f.embed.Data)
		if err != nil {
			f.fullErr = damaged(f.embed.File, err)
			if full, err = parseShaper(minimal(f.embed.Data)); err != nil {
				full = emptyFont()
			}
		}
		f.full = full
	})
}

// parseShaper runs go-text's full parse on raw without its outlines.
func parseShaper(raw []byte) (ft *font.Font, err error) {
	defer func() {
		if r := recover(); r != nil {
			ft, err = nil, fmt.Errorf("the font parser failed: %v", r)
		}
	}()
	data := bytes.Clone(raw[:min(len(raw), 12+16*int(binary.BigEndian.Uint16(raw[4:])))])
	for i := 12; i+16 <= len(data); i += 16 {
		switch string(data[i : i+4]) {
		case "glyf", "loca":
			data[i] = '_' // an unknown tag: go-text skips the table
		}
	}
	data = append(data, raw[len(data):]...)
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return face.Font, nil
}

// Shapeable parses every face's font for shaping (see Font) and returns
// the FontError of the first file, in path order, whose layout tables
// go-text cannot read. Ready has checked the tables go-text reads for
// coverage and metrics; this reads the rest (GSUB, GPOS, GDEF…), which
// only Arabic shaping uses, so callers that shape (compose, through
// Embeddable's callers) need not pay it for files they never shape.
func (s *Set) Shapeable() error {
	for _, f := range s.files {
		f.shaper()
		if f.fullErr != nil {
			return f.fullErr
		}
	}
	return nil
}

// sampleSize is how many of a face's characters the embedding test draws.
const sampleSize = 24

// sample picks characters the face covers, spread over its character map
// (so that the subsetter reads glyphs from all over the glyf table), plus
// the ASCII letters and digits it has.
func (f *Face) sample() string {
	var all []rune
	it := f.file.cmap.Iter()
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
func checkEmbed(file *fontFile) (err error) {
	f := &Face{Name: file.name, File: file.embed.File, Embed: file.embed, file: file}
	defer func() {
		if r := recover(); r != nil {
			err = damaged(f.File, fmt.Errorf("the PDF writer failed: %v", r))
		}
	}()
	// fpdf is handed what the drawer hands it: the subset of the file
	// that holds the text drawn (sfnt.Subset), a copy of its own.
	sample := f.sample()
	sf, err := pdfsfnt.Parse(f.Embed.Data)
	if err != nil {
		return damaged(f.File, err)
	}
	data, err := sf.Subset([]rune(sample), nil, nil)
	if err != nil {
		return damaged(f.File, err)
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 100, Ht: 100}})
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes("f", "", data)
	if err := pdf.Error(); err != nil {
		return damaged(f.File, err)
	}
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	pdf.Text(10, 50, sample)
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
