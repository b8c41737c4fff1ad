// Package layout reads layout templates (layouts/NAME.toml): the page size,
// margins and text styles of a pamphlet. A museum may override the bundled
// layouts by putting its own file of the same name in its layouts/ folder.
package layout

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
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
	Styles map[string]Style `toml:"styles"`
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
	if err := l.validate(); err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
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

func (l *Layout) validate() error {
	if l.Imposition != "" && l.Imposition != "trifold" {
		return fmt.Errorf("imposition = %q: use \"trifold\" or leave it out", l.Imposition)
	}
	if l.Page.Width <= 0 || l.Page.Height <= 0 {
		return fmt.Errorf("[page] needs a positive width and height in mm")
	}
	m := l.Margins
	if m.Inner+m.Outer >= l.Page.Width/2 || m.Top+m.Bottom >= l.Page.Height/2 {
		return fmt.Errorf("[margins] leave too little room on a %gx%g mm page", l.Page.Width, l.Page.Height)
	}
	for _, name := range RequiredStyles {
		s, ok := l.Styles[name]
		if !ok {
			return fmt.Errorf("missing [styles.%s]", name)
		}
		if s.Size <= 0 || s.Leading < s.Size {
			return fmt.Errorf("[styles.%s]: size must be positive and leading at least the size", name)
		}
		if s.Family == "" {
			return fmt.Errorf("[styles.%s]: no family", name)
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

// MeasurePt is the width of the text column.
func (l *Layout) MeasurePt() float64 { return l.PageWidthPt() - l.InnerPt() - l.OuterPt() }
