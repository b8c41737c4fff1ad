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
	Layout  string  `toml:"layout"`
	Policy  Policy  `toml:"policy"`
	Visitor Visitor `toml:"visitor"`
	Floors  []Floor `toml:"floors"`
}

// Policy holds the museum's defaults for messages a language lacks or whose
// Italian source changed since they were translated; build flags override it.
type Policy struct {
	Missing string `toml:"missing"` // fail | source | pivot
	Stale   string `toml:"stale"`   // use | mark | fail
	Pivot   string `toml:"pivot"`   // language tried before the source when Missing is "pivot"
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
	Where string
}

// RequiredMessages lists every message ID the pamphlets of this museum
// print, in pamphlet order (cover, floors, rooms, panels, back page).
func (m *Museum) RequiredMessages() []MessageRef {
	var refs []MessageRef
	add := func(id, where string) { refs = append(refs, MessageRef{id, where}) }
	add(m.Name, "name")
	add(m.Subtitle, "subtitle")
	for _, f := range m.Floors {
		add(f.TitleID(), "floor "+f.ID)
		add(f.IntroID(), "floor "+f.ID)
		for _, r := range f.Rooms {
			add(r.TitleID(), "room "+r.ID)
			for _, p := range r.Panels {
				add(PanelTitleID(p), "panel "+p)
				add(PanelBodyID(p), "panel "+p)
			}
		}
	}
	add(m.Visitor.Heading, "visitor.heading")
	for _, it := range m.Visitor.Items {
		add(ItemLabelID(it), "visitor item "+it)
		add(ItemTextID(it), "visitor item "+it)
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
	if m.Policy.Missing == "" {
		m.Policy.Missing = "fail"
	}
	if m.Policy.Stale == "" {
		m.Policy.Stale = "use"
	}
}

func (m *Museum) validate(data []byte) error {
	fail := func(needle, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", FileName, tomlfile.LineOf(data, needle), fmt.Sprintf(format, args...))
	}
	if m.Name == "" {
		return fail("", "missing `name`: the message ID of the museum's name")
	}
	if len(m.Floors) == 0 {
		return fail("", "no [[floors]]: a museum needs at least one floor")
	}
	seen := map[string]bool{}
	check := func(kind, id, prefix string) error {
		if !idPattern.MatchString(id) {
			return fail(id, "%s ID %q: use lowercase letters, digits and _ joined by dots", kind, id)
		}
		if prefix != "" && !strings.HasPrefix(id, prefix+".") {
			return fail(id, "%s ID %q must start with %q", kind, id, prefix+".")
		}
		if seen[id] {
			return fail(id, "%s ID %q is used twice", kind, id)
		}
		seen[id] = true
		return nil
	}
	for _, f := range m.Floors {
		if err := check("floor", f.ID, ""); err != nil {
			return err
		}
		if len(f.Rooms) == 0 {
			return fail(f.ID, "floor %q has no rooms", f.ID)
		}
		for _, r := range f.Rooms {
			if err := check("room", r.ID, f.ID); err != nil {
				return err
			}
			for _, p := range r.Panels {
				if err := check("panel", p, r.ID); err != nil {
					return err
				}
			}
		}
	}
	for _, p := range []struct {
		v, key string
		ok     []string
	}{
		{m.Policy.Missing, "policy.missing", []string{"fail", "source", "pivot"}},
		{m.Policy.Stale, "policy.stale", []string{"use", "mark", "fail"}},
	} {
		if !contains(p.ok, p.v) {
			return fail(p.key[strings.IndexByte(p.key, '.')+1:], "%s = %q: use one of %s", p.key, p.v, strings.Join(p.ok, ", "))
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
