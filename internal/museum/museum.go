// Package museum reads museum.toml: the parts a museum has (floors, wings,
// the stops of a route), their rooms and panels in visiting order, and the
// message IDs that hold their text. It knows nothing of languages or PDF;
// the catalogs hold the words.
package museum

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"

	"pamphlet/internal/policy"
	"pamphlet/internal/tomlfile"
)

// FileName is the museum description at the root of a museum directory.
const FileName = "museum.toml"

// Museum is the structure of one museum: what a pamphlet covers and in
// which order. Text lives in the catalogs under the message IDs named here.
type Museum struct {
	// Source is the language the plaques are written in (BCP 47), e.g. "it".
	Source string `toml:"source"`
	// ID names the pamphlet of the whole museum: OUT/LANG/ID.pdf.
	ID string `toml:"id"`
	// Name and Subtitle are message IDs shown on every cover; Subtitle is
	// optional.
	Name     string `toml:"name"`
	Subtitle string `toml:"subtitle"`
	// Layout names the layout template in layouts/ (without ".toml").
	Layout string `toml:"layout"`
	// Kind is what the museum's parts are: floors, the stops of a route …
	// Its words ("Floor 2", "Stop 3") come from the bundled furniture.
	Kind Kind `toml:"part"`
	// Numbered prints each part's numbered name ("Stop 3") above its title.
	// Unset, it is true for the kinds that are numbered on their own
	// (stops), false for the others.
	Numbered *bool `toml:"numbered"`
	// Scope is one pamphlet per part (ScopePart, the default) or one for
	// the whole museum, with the parts as its sections (ScopeWhole).
	Scope Scope `toml:"pamphlet"`
	// Count is what the cover counts: "panels" (the default), "rooms",
	// "stops" (the parts of a route) or "none".
	Count string `toml:"count"`
	// Policy holds the museum's defaults for messages a language lacks or
	// whose source changed since they were translated; build flags
	// override it.
	Policy  policy.Policy `toml:"policy"`
	Visitor Visitor       `toml:"visitor"`
	Parts   []Part        `toml:"parts"`
	// Floors is the older name of Parts; a museum.toml uses one or the other.
	Floors []Part `toml:"floors"`

	texts []Text // every text of the structure, in pamphlet order
}

// Kind is what a museum's parts are.
type Kind string

// The kinds of part. The bundled furniture names each: ui.part.KIND
// ("Floor {{.Number}}") and ui.kind.KIND ("Floor").
const (
	Floor   Kind = "floor"
	Storey  Kind = "storey"
	Wing    Kind = "wing"
	Stop    Kind = "stop"
	Site    Kind = "site"
	Section Kind = "section"
)

// Kinds lists the kinds in the order help texts give them.
var Kinds = []Kind{Floor, Storey, Wing, Stop, Site, Section}

// Scope is what one pamphlet covers.
type Scope string

const (
	ScopePart  Scope = "part"  // one pamphlet per part
	ScopeWhole Scope = "whole" // one pamphlet for the whole museum
)

// Visitor describes the back page: a heading and its items.
type Visitor struct {
	// Heading is a message ID; empty: the bundled "Visitor information".
	Heading string `toml:"heading"`
	Items   []Item `toml:"items"`

	HeadingText Text `toml:"-"`
}

// Part is one floor, wing or stop: a museum prints one pamphlet per part
// and language, or one for the whole museum.
type Part struct {
	ID string `toml:"id"`
	// Title and Intro are message IDs. Unset, they are ID.title and
	// ID.intro, which the source catalog may leave out: a part without a
	// title is headed by its numbered name ("Floor 2").
	Title string `toml:"title"`
	Intro string `toml:"intro"`
	// Number is printed in the part's numbered name; unset, it is the
	// part's place in museum.toml, counting from 1.
	Number string `toml:"number"`
	// Items are facts printed under the part's heading: a stop's address.
	Items []Item `toml:"items"`
	Rooms []Room `toml:"rooms"`
	// Plan is a floor plan: a PNG or JPEG file in the museum's folder,
	// its path relative to museum.toml ("plans/floor1.png"). A layout
	// whose economy.fill names "plan" prints it on a page of its own.
	Plan string `toml:"plan"`
	// PlanAlt is the message ID of the plan's text alternative, what a
	// screen reader says for it; unset, ID.plan_alt. It is required
	// when the part has a plan.
	PlanAlt string `toml:"plan_alt"`

	TitleText, IntroText Text `toml:"-"`
	// PlanAltText is the plan's text alternative; its ID is empty when
	// the part has no plan.
	PlanAltText Text `toml:"-"`
	// PlanImage is the plan's file as Load read it; nil without a plan,
	// and after Parse, which reads no files.
	PlanImage *Image `toml:"-"`

	planLine int // the line of plan in museum.toml
}

// Image is an image file of the museum's folder, checked to be one the
// PDF writer can embed.
type Image struct {
	File   string // the path museum.toml gives
	Format string // "png" or "jpeg"
	// Width and Height are its size in pixels.
	Width, Height int
	// Data is the file's bytes, read-only: every pamphlet of the part
	// shares them. JSON leaves them out (SHA256 stands for them).
	Data []byte `json:"-"`
	// SHA256 is a hash of Data, in hex: what a build's cache key takes
	// of the image.
	SHA256 string
}

// Room is a heading with a text of its own, panels, or both.
type Room struct {
	ID string `toml:"id"`
	// Title and Body are message IDs; unset, ID.title (required) and
	// ID.body (optional).
	Title  string  `toml:"title"`
	Body   string  `toml:"body"`
	Panels []Panel `toml:"panels"`

	TitleText, BodyText Text `toml:"-"`
}

// Panel is one wall plaque. In museum.toml it is either a string, its ID,
// or a table with explicit message IDs and the number on the plaque.
type Panel struct {
	ID string `toml:"id"`
	// Title and Body are message IDs; unset, ID.title (optional) and
	// ID.body (required).
	Title string `toml:"title"`
	Body  string `toml:"body"`
	// Plaque is the number or code the museum shows on the plaque itself,
	// printed beside the translated title so a visitor can match the two.
	Plaque string `toml:"plaque"`

	TitleText, BodyText Text `toml:"-"`
}

// Item is one line of visitor information. In museum.toml it is either a
// string, its ID (with ID.label and ID.text messages), or a table: a kind
// (address, hours …) whose label the tool supplies, or a label message of
// its own, or neither, and the text.
type Item struct {
	ID    string `toml:"id"`
	Kind  string `toml:"kind"`
	Label string `toml:"label"`
	Text  string `toml:"text"`

	LabelText, TextText Text `toml:"-"`
}

// ItemKinds are the visitor items whose label the bundled furniture has
// (ui.visitor.KIND).
var ItemKinds = []string{"address", "hours", "admission", "reservation", "phone", "email", "website", "transport", "accessibility"}

// UnmarshalTOML reads a panel written as its ID or as a table.
func (p *Panel) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		p.ID = v
		return nil
	case map[string]any:
		return decodeTable(v, map[string]*string{"id": &p.ID, "title": &p.Title, "body": &p.Body, "plaque": &p.Plaque})
	}
	return fmt.Errorf("a panel is its ID in quotes or a table {id = …, body = …}, not %T", v)
}

// UnmarshalTOML reads an item written as its ID or as a table.
func (it *Item) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		it.ID = v
		return nil
	case map[string]any:
		return decodeTable(v, map[string]*string{"id": &it.ID, "kind": &it.Kind, "label": &it.Label, "text": &it.Text})
	}
	return fmt.Errorf("a visitor item is its ID in quotes or a table {kind = …, text = …}, not %T", v)
}

func decodeTable(v map[string]any, fields map[string]*string) error {
	for k, val := range v {
		dst, ok := fields[k]
		if !ok {
			return fmt.Errorf("unknown key %q", tomlfile.Clip(k))
		}
		s, ok := val.(string)
		if !ok {
			return fmt.Errorf("%s must be a string in quotes", k)
		}
		*dst = s
	}
	return nil
}

// Text is one text of the structure: the message that holds it.
type Text struct {
	ID string
	// Optional texts may be absent from the source catalog, or empty
	// there: the pamphlet then leaves them out. A derived ID of an
	// optional text (floor1.intro) is optional; an ID written out in
	// museum.toml never is.
	Optional bool
	// Where says in words what prints it: "panel floor1.cell2.walls: body".
	Where string
	// Elem is the key of museum.toml that asks for it, with array
	// indexes, as tomlfile.Index.ElemLine takes it.
	Elem string
	// Furniture texts are the tool's own words (ui.…), which the bundled
	// catalog supplies when the museum's catalogs do not.
	Furniture bool
}

// Texts lists every text of the structure in pamphlet order: the cover,
// each part with its rooms and panels, the back page.
func (m *Museum) Texts() []Text { return m.texts }

// Part returns the part with the given ID.
func (m *Museum) Part(id string) (Part, bool) {
	for _, p := range m.Parts {
		if p.ID == id {
			return p, true
		}
	}
	return Part{}, false
}

// PartIDs lists the part IDs in museum order.
func (m *Museum) PartIDs() []string {
	ids := make([]string, len(m.Parts))
	for i, p := range m.Parts {
		ids[i] = p.ID
	}
	return ids
}

// IsNumbered reports whether parts print their numbered name.
func (m *Museum) IsNumbered() bool {
	if m.Numbered != nil {
		return *m.Numbered
	}
	return m.Kind == Stop
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// Load reads and checks museum.toml from the root of fsys, and the image
// files it names (the parts' floor plans), from fsys too.
func Load(fsys fs.FS) (*Museum, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &NotFoundError{}
		}
		return nil, fmt.Errorf("%s: %w", FileName, err)
	}
	m, err := Parse(data)
	if err != nil {
		return nil, err
	}
	if err := m.loadPlans(fsys); err != nil {
		return nil, err
	}
	return m, nil
}

// NotFoundError is a museum directory without museum.toml.
type NotFoundError struct{}

func (e *NotFoundError) Error() string {
	return FileName + ": not found: a museum directory needs one (pamphlet init DIR makes a new museum)"
}

// Parse decodes and checks a museum description. It reads no other
// file: the parts' plans are Load's.
func Parse(data []byte) (*Museum, error) {
	var m Museum
	if err := tomlfile.Decode(FileName, data, &m); err != nil {
		return nil, err
	}
	ix := tomlfile.Locate(data)
	partsKey := "parts"
	if len(m.Floors) > 0 {
		if len(m.Parts) > 0 {
			return nil, lineError(ix.Line("floors"), "both [[parts]] and [[floors]]: use one of them")
		}
		m.Parts, m.Floors, partsKey = m.Floors, nil, "floors"
	}
	m.applyDefaults()
	if err := m.validate(ix, partsKey); err != nil {
		return nil, err
	}
	return &m, nil
}

func (m *Museum) applyDefaults() {
	if m.Source == "" {
		m.Source = "it"
	}
	if m.Layout == "" {
		m.Layout = "a5"
	}
	if m.ID == "" {
		m.ID = "museum"
	}
	if m.Kind == "" {
		m.Kind = Floor
	}
	if m.Scope == "" {
		m.Scope = ScopePart
	}
	if m.Count == "" {
		m.Count = "panels"
	}
	m.Policy = m.Policy.WithDefaults()
}

// Error is a mistake in museum.toml, at its line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", FileName, e.Line, e.Msg) }

func lineError(line int, format string, args ...any) error {
	return &Error{Line: max(line, 1), Msg: fmt.Sprintf(format, args...)}
}
