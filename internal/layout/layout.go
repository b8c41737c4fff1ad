// Package layout reads layout templates (layouts/NAME.toml): the page size,
// margins and text styles of a pamphlet. A museum may override the bundled
// layouts by putting its own file of the same name in its layouts/ folder.
package layout

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"path"
	"slices"
	"sort"
	"strings"

	"pamphlet/internal/tomlfile"
)

// Dir holds the layout templates.
const Dir = "layouts"

// PointsPerMM converts millimetres, which people measure paper in, to the
// PDF's points.
const PointsPerMM = 72 / 25.4

// Style is how one kind of text looks.
type Style struct {
	Family      string  `toml:"family"`
	Size        float64 `toml:"size"`
	Leading     float64 `toml:"leading"`
	SpaceBefore float64 `toml:"space_before"`
	SpaceAfter  float64 `toml:"space_after"`
	Grey        int     `toml:"grey"`
	Rule        bool    `toml:"rule"` // a hairline under the text
}

// Layout is a page design. Page and margin lengths are in millimetres as
// written; use the Pt methods for points.
type Layout struct {
	Name string `toml:"name"`
	// Imposition is how pages go onto printer sheets: "" (one page per
	// sheet) or "trifold" (six panels on the two sides of one sheet).
	Imposition string `toml:"imposition"`
	Page       struct {
		Width  float64 `toml:"width"`
		Height float64 `toml:"height"`
	} `toml:"page"`
	Margins struct {
		Top    float64 `toml:"top"`
		Bottom float64 `toml:"bottom"`
		Inner  float64 `toml:"inner"`
		Outer  float64 `toml:"outer"`
	} `toml:"margins"`
	Styles  map[string]Style `toml:"styles"`
	Text    Text             `toml:"text"`
	Economy Economy          `toml:"economy"`
	Trifold Trifold          `toml:"trifold"`
}

// Economy is how far the composer may tighten a pamphlet's flow to save
// a page, and what it prints on the pages it must add instead. Printers
// fold A5 pamphlets from A4 sheets, four pages a sheet: a pamphlet of 5
// pages is a booklet of 8 with 3 of them blank, and a last page of 3
// lines is a page wasted. The limits are the designer's: left out, the
// composer never tightens (a factor of 1, no size reduction).
type Economy struct {
	// MinLeading is the smallest factor the flow's leading may be
	// multiplied by (0.92: 8 % tighter).
	MinLeading float64 `toml:"min_leading"`
	// MinParagraphSpace is the smallest factor of the space before and
	// after headings and paragraphs (0.5: half of it).
	MinParagraphSpace float64 `toml:"min_paragraph_space"`
	// MaxSizeReduction is how many points the running text (body and
	// notes) may lose.
	MaxSizeReduction float64 `toml:"max_size_reduction"`
	// Fill names, in order, what the pages added to reach a multiple of
	// four carry: "contents" (rooms and panels with their pages, after
	// the cover), "plan" (the part's floor plan, museum.toml's plan),
	// "notes" (a ruled page) and "colophon" (who made and translated the
	// pamphlet). A pamphlet with no plan to print (a part without one,
	// the whole museum's) skips "plan" and takes the next kind. Left
	// out, the pages are left blank.
	Fill []string `toml:"fill"`
}

// FillKinds are the pages Economy.Fill may name.
var FillKinds = []string{"contents", "plan", "notes", "colophon"}

// Trifold is the letter fold's own geometry.
type Trifold struct {
	// FoldIn is how much narrower, in mm, the panel that folds inside
	// (the inside flap) is than the others: a flap of full width buckles
	// against the fold. 2–3 mm is usual; the sheet is 3 × page.width
	// less this.
	FoldIn float64 `toml:"fold_in"`
}

// Text is how running text is set: the paragraphs of the body and the
// cover's introduction (RunningStyles). Headings, labels and the visitor
// information are always ragged and unhyphenated.
type Text struct {
	// Align is "justify" (flush to both edges, the last line ragged) or
	// "ragged" (flush to the start edge); left out, "ragged".
	Align string `toml:"align"`
	// Hyphenate breaks words at the language's hyphenation points.
	Hyphenate bool `toml:"hyphenate"`
	// PlaqueKey prints, under each panel title of a translated
	// pamphlet, the title as it stands on the wall (in the source
	// language) and the plaque's number, in the style plaque_key (else
	// note): what a visitor matches the page to the wall by.
	PlaqueKey bool `toml:"plaque_key"`
	// CJKLeading is the leading of Chinese, Japanese and Korean text as a
	// factor of the type size (about 1.6–1.7); a style whose own leading
	// is larger keeps it. Left out (0), CJK text takes the styles' leading.
	CJKLeading float64 `toml:"cjk_leading"`
}

// RunningStyles are the styles [text] applies to.
var RunningStyles = []string{"body", "cover_intro"}

// Running reports whether a style is running text, which [text] sets.
func (t Text) Running(style string) bool { return slices.Contains(RunningStyles, style) }

// Justify reports whether running text is justified.
func (t Text) Justify() bool { return t.Align == "justify" }

// ForCJK returns the layout with the leading that Chinese, Japanese and
// Korean text is set with: each style's leading raised to CJKLeading
// times its size. Without cjk_leading it returns l itself.
func (l *Layout) ForCJK() *Layout {
	if l.Text.CJKLeading == 0 {
		return l
	}
	c := *l
	c.Styles = make(map[string]Style, len(l.Styles))
	for name, st := range l.Styles {
		st.Leading = max(st.Leading, l.Text.CJKLeading*st.Size)
		c.Styles[name] = st
	}
	return &c
}

// RequiredStyles are the styles the pamphlet composer uses.
var RequiredStyles = []string{
	"cover_museum", "cover_subtitle", "cover_floor", "cover_language", "cover_intro",
	"contents_heading", "contents_item", "room", "panel_title", "body", "note",
	"visitor_heading", "visitor_label", "visitor_text", "folio",
}

// Load reads layouts/NAME.toml from fsys.
func Load(fsys fs.FS, name string) (*Layout, error) {
	p := path.Join(Dir, name+".toml")
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: layout %q not found (available: %s)", p, name, strings.Join(Available(fsys), ", "))
		}
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	var l Layout
	if err := tomlfile.Decode(p, data, &l); err != nil {
		return nil, err
	}
	if err := l.validate(p, tomlfile.Locate(data)); err != nil {
		return nil, err
	}
	return &l, nil
}

// Available lists the layout names in fsys.
func Available(fsys fs.FS) []string {
	matches, _ := fs.Glob(fsys, path.Join(Dir, "*.toml"))
	var names []string
	for _, m := range matches {
		names = append(names, path.Base(m[:len(m)-len(".toml")]))
	}
	sort.Strings(names)
	return names
}

// The ranges of a layout's numbers (README, Layouts, lists them). Pages
// are bounded by what a PDF can hold: ISO 32000-1 Annex C allows 3 to
// 14,400 units a side (1/72 in to 200 in, with a unit of a point), and
// the writer refuses the rest (pdfdraw.SizeError).
const (
	MinPageMM     = 25.4 / 72 // 1 pt
	MaxPageMM     = 5080      // 200 in, 14,400 pt
	MinSize       = 1.0       // pt
	MaxSize       = 200.0     // pt
	MaxLeading    = 3.0       // times the size
	MaxSpace      = 200.0     // pt, space_before and space_after
	MaxGrey       = 255
	MinCJKLeading = 1.0 // times the size
	MinEconomy    = 0.5 // the smallest leading and space factor a layout may allow
	MaxReduction  = 2.0 // pt, the most the running text may shrink
	MaxFoldIn     = 10.0
	TrifoldPanes  = 3 // a trifold sheet is three pages wide
)

// KeyError is a layout value outside its range, at the line of its key.
type KeyError struct {
	File  string
	Line  int
	Key   string // dotted: "styles.body.size"
	Value string // as Go formats it: "NaN", "+Inf", "-3"
	Rule  string // the allowed range, in words
}

func (e *KeyError) Error() string {
	return fmt.Sprintf("%s:%d: %s = %s: %s", e.File, e.Line, e.Key, e.Value, e.Rule)
}

// validate checks every number of the layout against its range, and the
// styles the composer needs. Each check is written so that NaN, which
// fails every comparison, fails it too: !(lo <= v && v <= hi).
func (l *Layout) validate(p string, ix *tomlfile.Index) error {
	line := func(key ...string) int {
		for k := len(key); k > 0; k-- { // a key left out: the line of its table
			if n := ix.Line(key[:k]...); n > 0 {
				return n
			}
		}
		return 1
	}
	bad := func(v float64, rule string, key ...string) error {
		return &KeyError{File: p, Line: line(key...), Key: strings.Join(key, "."), Value: fmt.Sprintf("%g", v), Rule: rule}
	}
	within := func(v, lo, hi float64) bool { return lo <= v && v <= hi }

	if l.Imposition != "" && l.Imposition != "trifold" {
		return fmt.Errorf("%s:%d: imposition = %q: use \"trifold\" or leave it out", p, line("imposition"), tomlfile.Clip(l.Imposition))
	}
	pageRule := fmt.Sprintf("a page side must be a length from %.2f mm (1 pt) to %d mm (200 in, the most a PDF can hold)", MinPageMM, MaxPageMM)
	for _, k := range []struct {
		v   float64
		key string
	}{{l.Page.Width, "width"}, {l.Page.Height, "height"}} {
		if !within(k.v, MinPageMM, MaxPageMM) {
			return bad(k.v, pageRule, "page", k.key)
		}
	}
	if l.Imposition == "trifold" && !(TrifoldPanes*l.Page.Width <= MaxPageMM) {
		return bad(l.Page.Width, fmt.Sprintf("a trifold sheet is %d pages wide and a PDF page at most %d mm: use at most %.0f mm", TrifoldPanes, MaxPageMM, math.Floor(MaxPageMM/TrifoldPanes)), "page", "width")
	}
	m := l.Margins
	for _, k := range []struct {
		v   float64
		key string
	}{{m.Top, "top"}, {m.Bottom, "bottom"}, {m.Inner, "inner"}, {m.Outer, "outer"}} {
		if !within(k.v, 0, MaxPageMM) {
			return bad(k.v, "a margin must be a length of 0 mm or more", "margins", k.key)
		}
	}
	if !(m.Inner+m.Outer < l.Page.Width/2) {
		return bad(m.Outer, fmt.Sprintf("inner + outer = %g mm leave too little room on a %g mm wide page: together they must stay under half its width", m.Inner+m.Outer, l.Page.Width), "margins", "outer")
	}
	if !(m.Top+m.Bottom < l.Page.Height/2) {
		return bad(m.Bottom, fmt.Sprintf("top + bottom = %g mm leave too little room on a %g mm high page: together they must stay under half its height", m.Top+m.Bottom, l.Page.Height), "margins", "bottom")
	}
	if t := l.Text; t.Align != "" && t.Align != "justify" && t.Align != "ragged" {
		return fmt.Errorf("%s:%d: text.align = %q: use \"justify\" or \"ragged\"", p, line("text", "align"), tomlfile.Clip(t.Align))
	}
	if ix.Line("text", "cjk_leading") > 0 && !within(l.Text.CJKLeading, MinCJKLeading, MaxLeading) {
		return bad(l.Text.CJKLeading, fmt.Sprintf("the CJK leading is a factor of the type size from %g to %g (about 1.65 sets Chinese, Japanese and Korean well)", MinCJKLeading, MaxLeading), "text", "cjk_leading")
	}
	e := l.Economy
	if ix.Line("economy", "min_leading") > 0 && !within(e.MinLeading, MinEconomy, 1) {
		return bad(e.MinLeading, fmt.Sprintf("a factor of the leading from %g to 1 (0.92 tightens by 8 %%)", MinEconomy), "economy", "min_leading")
	}
	if ix.Line("economy", "min_paragraph_space") > 0 && !within(e.MinParagraphSpace, 0.1, 1) {
		return bad(e.MinParagraphSpace, "a factor of the space between paragraphs from 0.1 to 1", "economy", "min_paragraph_space")
	}
	if !within(e.MaxSizeReduction, 0, MaxReduction) {
		return bad(e.MaxSizeReduction, fmt.Sprintf("points the running text may lose, from 0 to %g", MaxReduction), "economy", "max_size_reduction")
	}
	for _, f := range e.Fill {
		if !slices.Contains(FillKinds, f) {
			return fmt.Errorf("%s:%d: economy.fill = %q: use %s", p, line("economy", "fill"), tomlfile.Clip(f), strings.Join(FillKinds, ", "))
		}
	}
	if !within(l.Trifold.FoldIn, 0, min(MaxFoldIn, l.Page.Width/4)) {
		return bad(l.Trifold.FoldIn, fmt.Sprintf("the fold-in panel is 0 to %g mm narrower than the others (2–3 mm is usual)", MaxFoldIn), "trifold", "fold_in")
	}
	for _, name := range RequiredStyles {
		if _, ok := l.Styles[name]; !ok {
			return fmt.Errorf("%s: missing [styles.%s]", p, name)
		}
	}
	areaPt := (l.Page.Height - m.Top - m.Bottom) * PointsPerMM
	for _, name := range slices.Sorted(maps.Keys(l.Styles)) {
		s := l.Styles[name]
		if s.Family == "" {
			return fmt.Errorf("%s:%d: [styles.%s]: no family", p, line("styles", name), name)
		}
		if !within(s.Size, MinSize, MaxSize) {
			return bad(s.Size, fmt.Sprintf("a type size must be a number from %g to %g pt", MinSize, MaxSize), "styles", name, "size")
		}
		if !within(s.Leading, s.Size, MaxLeading*s.Size) {
			return bad(s.Leading, fmt.Sprintf("the leading must be from the size (%g pt) to %g times it", s.Size, MaxLeading), "styles", name, "leading")
		}
		if !(s.Leading <= areaPt) {
			return bad(s.Leading, fmt.Sprintf("a line must fit the text area, %.0f pt high", areaPt), "styles", name, "leading")
		}
		for _, k := range []struct {
			v   float64
			key string
		}{{s.SpaceBefore, "space_before"}, {s.SpaceAfter, "space_after"}} {
			if !within(k.v, 0, MaxSpace) {
				return bad(k.v, fmt.Sprintf("space must be a number from 0 to %g pt", MaxSpace), "styles", name, k.key)
			}
		}
		if s.Grey < 0 || s.Grey > MaxGrey {
			return bad(float64(s.Grey), fmt.Sprintf("a grey level must be a whole number from 0 (black) to %d (white)", MaxGrey), "styles", name, "grey")
		}
	}
	return nil
}

// PageWidthPt and the other Pt methods give lengths in points.
func (l *Layout) PageWidthPt() float64  { return l.Page.Width * PointsPerMM }
func (l *Layout) PageHeightPt() float64 { return l.Page.Height * PointsPerMM }
func (l *Layout) TopPt() float64        { return l.Margins.Top * PointsPerMM }
func (l *Layout) BottomPt() float64     { return l.Margins.Bottom * PointsPerMM }
func (l *Layout) InnerPt() float64      { return l.Margins.Inner * PointsPerMM }
func (l *Layout) OuterPt() float64      { return l.Margins.Outer * PointsPerMM }

// MeasurePt is the width of the text column. A trifold's column is the
// fold-in panel's, the narrowest, so that one setting fits every panel.
func (l *Layout) MeasurePt() float64 {
	return l.PageWidthPt() - l.InnerPt() - l.OuterPt() - l.Trifold.FoldIn*PointsPerMM
}

// Tightened returns the layout with its flow tightened by t, from 0 (as
// designed) to 1 (the economy's limits): leading, paragraph space and the
// running text's size move in proportion. Only the styles of the flow
// change: the cover and the back page are designed as they stand.
func (l *Layout) Tightened(t float64) *Layout {
	if t <= 0 {
		return l
	}
	e := l.Economy
	lead, space := 1-t*(1-factor(e.MinLeading)), 1-t*(1-factor(e.MinParagraphSpace))
	c := *l
	c.Styles = make(map[string]Style, len(l.Styles))
	for name, st := range l.Styles {
		if slices.Contains(FlowStyles, name) {
			if name == "body" || name == "note" || name == "plaque_key" {
				st.Size -= t * e.MaxSizeReduction
			}
			st.Leading = max(st.Size, st.Leading*lead)
			st.SpaceBefore *= space
			st.SpaceAfter *= space
		}
		c.Styles[name] = st
	}
	return &c
}

// factor is an economy factor, 1 (no tightening) when left out.
func factor(f float64) float64 {
	if f == 0 {
		return 1
	}
	return f
}

// CanTighten reports whether the economy allows any tightening.
func (l *Layout) CanTighten() bool {
	e := l.Economy
	return factor(e.MinLeading) < 1 || factor(e.MinParagraphSpace) < 1 || e.MaxSizeReduction > 0
}

// FlowStyles are the styles of the rooms and panels, which economy
// tightens.
var FlowStyles = []string{"room", "panel_title", "body", "note", "plaque_key", "part"}
