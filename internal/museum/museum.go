// Package museum reads museum.toml: which floors, rooms and panels a museum
// has, in visiting order, and the message IDs that hold their text. It knows
// nothing of languages or PDF; the catalogs hold the words.
package museum

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

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
	// Name and Subtitle are message IDs shown on every cover.
	Name     string `toml:"name"`
	Subtitle string `toml:"subtitle"`
	// Layout names the layout template in layouts/ (without ".toml").
	Layout string `toml:"layout"`
	// Policy holds the museum's defaults for messages a language lacks or
	// whose source changed since they were translated; build flags
	// override it.
	Policy  policy.Policy `toml:"policy"`
	Visitor Visitor       `toml:"visitor"`
	Floors  []Floor       `toml:"floors"`
}

// Visitor describes the back page: a heading and label/text pairs.
type Visitor struct {
	Heading string   `toml:"heading"`
	Items   []string `toml:"items"` // each item ID has ID.label and ID.text messages
}

// Floor is one pamphlet: a museum prints one per floor and language.
type Floor struct {
	ID    string `toml:"id"`
	Rooms []Room `toml:"rooms"`
}

// Room groups panels under a heading.
type Room struct {
	ID     string   `toml:"id"`
	Panels []string `toml:"panels"`
}

// Message IDs derived from structure IDs. Keeping the convention in one place
// lets museum.toml stay short: a panel "floor1.cell2.walls" has its text in
// "floor1.cell2.walls.title" and "floor1.cell2.walls.body".
func (f Floor) TitleID() string    { return f.ID + ".title" }
func (f Floor) IntroID() string    { return f.ID + ".intro" }
func (r Room) TitleID() string     { return r.ID + ".title" }
func PanelTitleID(p string) string { return p + ".title" }
func PanelBodyID(p string) string  { return p + ".body" }
func ItemLabelID(i string) string  { return i + ".label" }
func ItemTextID(i string) string   { return i + ".text" }

// MessageRef is a message ID required by the museum, with the place in
// museum.toml that asks for it, so an error can point there.
type MessageRef struct {
	ID    string
	Where string // in words: "panel floor1.cell2.walls"
	// Elem is the key of museum.toml that asks for the message, with
	// array indexes, as tomlfile.Index.ElemLine takes it:
	// "floors[0].rooms[1].panels[2]".
	Elem string
}

// RequiredMessages lists every message ID the pamphlets of this museum
// print, in pamphlet order (cover, floors, rooms, panels, back page).
func (m *Museum) RequiredMessages() []MessageRef {
	var refs []MessageRef
	add := func(id, where, elem string) { refs = append(refs, MessageRef{id, where, elem}) }
	add(m.Name, "name", "name")
	add(m.Subtitle, "subtitle", "subtitle")
	for i, f := range m.Floors {
		fe := fmt.Sprintf("floors[%d]", i)
		add(f.TitleID(), "floor "+f.ID, fe+".id")
		add(f.IntroID(), "floor "+f.ID, fe+".id")
		for j, r := range f.Rooms {
			re := fmt.Sprintf("%s.rooms[%d]", fe, j)
			add(r.TitleID(), "room "+r.ID, re+".id")
			for k, p := range r.Panels {
				pe := fmt.Sprintf("%s.panels[%d]", re, k)
				add(PanelTitleID(p), "panel "+p, pe)
				add(PanelBodyID(p), "panel "+p, pe)
			}
		}
	}
	add(m.Visitor.Heading, "visitor.heading", "visitor.heading")
	for k, it := range m.Visitor.Items {
		add(ItemLabelID(it), "visitor item "+it, fmt.Sprintf("visitor.items[%d]", k))
		add(ItemTextID(it), "visitor item "+it, fmt.Sprintf("visitor.items[%d]", k))
	}
	return refs
}

// Floor returns the floor with the given ID.
func (m *Museum) Floor(id string) (Floor, bool) {
	for _, f := range m.Floors {
		if f.ID == id {
			return f, true
		}
	}
	return Floor{}, false
}

// FloorIDs lists the floor IDs in museum order.
func (m *Museum) FloorIDs() []string {
	ids := make([]string, len(m.Floors))
	for i, f := range m.Floors {
		ids[i] = f.ID
	}
	return ids
}

var idPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)

// Load reads and checks museum.toml from the root of fsys.
func Load(fsys fs.FS) (*Museum, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: not found: a museum directory needs a %s (run `pamphlet init DIR` or see README)", FileName, FileName)
		}
		return nil, fmt.Errorf("%s: %w", FileName, err)
	}
	return Parse(data)
}

// Parse decodes and checks a museum description.
func Parse(data []byte) (*Museum, error) {
	var m Museum
	if err := tomlfile.Decode(FileName, data, &m); err != nil {
		return nil, err
	}
	m.applyDefaults()
	if err := m.validate(data); err != nil {
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
	m.Policy = m.Policy.WithDefaults()
}

func (m *Museum) validate(data []byte) error {
	ix := tomlfile.Locate(data)
	fail := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", FileName, max(line, 1), fmt.Sprintf(format, args...))
	}
	if m.Name == "" {
		return fail(1, "missing `name`: the message ID of the museum's name")
	}
	if len(m.Floors) == 0 {
		return fail(1, "no [[floors]]: a museum needs at least one floor")
	}
	seen := map[string]bool{}
	check := func(kind, id, prefix, elem string) error {
		line := ix.ElemLine(elem)
		if !idPattern.MatchString(id) {
			return fail(line, "%s ID %q: use lowercase letters, digits and _ joined by dots", kind, id)
		}
		if prefix != "" && !strings.HasPrefix(id, prefix+".") {
			return fail(line, "%s ID %q must start with %q", kind, id, prefix+".")
		}
		if seen[id] {
			return fail(line, "%s ID %q is used twice", kind, id)
		}
		seen[id] = true
		return nil
	}
	for i, f := range m.Floors {
		fe := fmt.Sprintf("floors[%d]", i)
		if err := check("floor", f.ID, "", fe+".id"); err != nil {
			return err
		}
		if len(f.Rooms) == 0 {
			return fail(ix.ElemLine(fe), "floor %q has no rooms", f.ID)
		}
		for j, r := range f.Rooms {
			re := fmt.Sprintf("%s.rooms[%d]", fe, j)
			if err := check("room", r.ID, f.ID, re+".id"); err != nil {
				return err
			}
			for k, p := range r.Panels {
				if err := check("panel", p, r.ID, fmt.Sprintf("%s.panels[%d]", re, k)); err != nil {
					return err
				}
			}
		}
	}
	if err := m.Policy.Validate("policy"); err != nil {
		var ce *policy.ChoiceError
		line := 1
		if errors.As(err, &ce) {
			line = ix.ElemLine(ce.Field)
		}
		return fail(line, "%v", err)
	}
	return nil
}
