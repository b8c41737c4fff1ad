package museum

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"pamphlet/internal/policy"
	"pamphlet/internal/tomlfile"
)

// validate checks the structure and works out every text's message ID,
// so that nothing is ever silently left out of a pamphlet: a room must
// print something, IDs are unique, each choice is one the tool knows.
func (m *Museum) validate(ix *tomlfile.Index, partsKey string) error {
	at := func(elem string) int { return ix.ElemLine(elem) }
	if m.Name == "" {
		return lineError(1, "missing `name`: the message ID of the museum's name")
	}
	if len(m.Parts) == 0 {
		return lineError(1, "no [[%s]]: a museum needs at least one part (a floor, a wing, a stop)", partsKey)
	}
	if !slices.Contains(Kinds, m.Kind) {
		return lineError(at("part"), "part = %q: use one of %s", m.Kind, joinKinds())
	}
	if m.Scope != ScopePart && m.Scope != ScopeWhole {
		return lineError(at("pamphlet"), "pamphlet = %q: use \"part\" (one pamphlet per %s) or \"whole\" (one for the whole museum)", m.Scope, m.Kind)
	}
	if !slices.Contains([]string{"panels", "rooms", "stops", "none"}, m.Count) {
		return lineError(at("count"), "count = %q: use panels, rooms, stops or none", m.Count)
	}
	if !idPattern.MatchString(m.ID) {
		return lineError(at("id"), "id = %q: use letters, digits, _ and - (it names the whole museum's PDF)", m.ID)
	}
	if err := m.Policy.Validate("policy"); err != nil {
		var ce *policy.ChoiceError
		line := 1
		if errors.As(err, &ce) {
			line = at(ce.Field)
		}
		return lineError(line, "%v", err)
	}

	var texts []Text
	add := func(t Text) Text {
		texts = append(texts, t)
		return t
	}
	// text is a message named in museum.toml (explicit) or derived from a
	// structure ID; an explicit one is always required.
	text := func(explicit, derived string, optional bool, where, elem string) Text {
		if explicit != "" {
			return add(Text{ID: explicit, Where: where, Elem: elem})
		}
		return add(Text{ID: derived, Optional: optional, Where: where, Elem: elem})
	}
	add(Text{ID: m.Name, Where: "cover: the museum's name", Elem: "name"})
	if m.Subtitle != "" {
		add(Text{ID: m.Subtitle, Where: "cover: subtitle", Elem: "subtitle"})
	}

	kinds := map[string]string{} // structure ID → what it is, for uniqueness
	// checkID checks a structure ID; idElem is the key it is written at.
	checkID := func(kind, id, idElem string) error {
		line := at(idElem)
		if line == 0 {
			line = at(strings.TrimSuffix(idElem, ".id"))
		}
		if id == "" {
			return lineError(line, "a %s without an id", kind)
		}
		if !idPattern.MatchString(id) {
			return lineError(line, "%s ID %q: use letters, digits, _ and - joined by dots", kind, id)
		}
		if other, dup := kinds[id]; dup {
			return lineError(line, "%s ID %q is used twice (it is also a %s)", kind, id, other)
		}
		kinds[id] = kind
		return nil
	}
	panelElem := func(e string, p Panel) string {
		if p.Title == "" && p.Body == "" && p.Plaque == "" {
			return e // written as a string
		}
		return e + ".id"
	}
	for i := range m.Parts {
		p := &m.Parts[i]
		pe := fmt.Sprintf("%s[%d]", partsKey, i)
		if err := checkID(string(m.Kind), p.ID, pe+".id"); err != nil {
			return err
		}
		if p.Number == "" {
			p.Number = fmt.Sprint(i + 1)
		}
		where := fmt.Sprintf("%s %s", m.Kind, p.ID)
		p.TitleText = text(p.Title, p.ID+".title", true, where+": heading", elemOr(p.Title, pe+".title", pe+".id"))
		p.IntroText = text(p.Intro, p.ID+".intro", true, where+": introduction", elemOr(p.Intro, pe+".intro", pe+".id"))
		for k := range p.Items {
			if err := m.item(&p.Items[k], fmt.Sprintf("%s.items[%d]", pe, k), where, add, at); err != nil {
				return err
			}
		}
		if len(p.Rooms) == 0 && len(p.Items) == 0 && p.Intro == "" && m.Kind != Stop && m.Kind != Site {
			return lineError(at(pe+".id"), "%s %q has no rooms: give it [[%s.rooms]], or an intro to print", m.Kind, p.ID, partsKey)
		}
		for j := range p.Rooms {
			r := &p.Rooms[j]
			re := fmt.Sprintf("%s.rooms[%d]", pe, j)
			if err := checkID("room", r.ID, re+".id"); err != nil {
				return err
			}
			rwhere := fmt.Sprintf("%s, room %s", where, r.ID)
			r.TitleText = text(r.Title, r.ID+".title", false, rwhere+": heading", elemOr(r.Title, re+".title", re+".id"))
			r.BodyText = text(r.Body, r.ID+".body", true, rwhere+": text", elemOr(r.Body, re+".body", re+".id"))
			if len(r.Panels) == 0 && r.Body == "" {
				// A room with neither would print a lone heading, or
				// nothing: its derived body is then required.
				r.BodyText.Optional = false
				texts[len(texts)-1].Optional = false
			}
			for k := range r.Panels {
				pn := &r.Panels[k]
				ke := fmt.Sprintf("%s.panels[%d]", re, k)
				if err := checkID("panel", pn.ID, panelElem(ke, *pn)); err != nil {
					return err
				}
				pwhere := fmt.Sprintf("%s, panel %s", rwhere, pn.ID)
				pe := panelElem(ke, *pn)
				pn.TitleText = text(pn.Title, pn.ID+".title", true, pwhere+": title", elemOr(pn.Title, ke+".title", pe))
				pn.BodyText = text(pn.Body, pn.ID+".body", false, pwhere+": text", elemOr(pn.Body, ke+".body", pe))
			}
		}
		// The plan prints on a page the layout adds after the rooms.
		if err := planText(p, pe, where, at, text); err != nil {
			return err
		}
	}

	if m.Visitor.Heading != "" {
		m.Visitor.HeadingText = add(Text{ID: m.Visitor.Heading, Where: "back page: heading of the visitor information", Elem: "visitor.heading"})
	} else {
		m.Visitor.HeadingText = add(Text{ID: "ui.visitor.heading", Where: "back page: heading of the visitor information", Furniture: true})
	}
	for k := range m.Visitor.Items {
		if err := m.item(&m.Visitor.Items[k], fmt.Sprintf("visitor.items[%d]", k), "back page, visitor information", add, at); err != nil {
			return err
		}
	}
	m.texts = texts
	return nil
}

// item works out the label and text of a visitor item.
func (m *Museum) item(it *Item, elem, where string, add func(Text) Text, at func(string) int) error {
	line := max(at(elem+".kind"), at(elem+".id"), at(elem+".text"), at(elem))
	if it.Kind != "" && !slices.Contains(ItemKinds, it.Kind) {
		return lineError(line, "kind = %q: use one of %s, or a label message of your own", it.Kind, strings.Join(ItemKinds, ", "))
	}
	if it.Kind != "" && it.Label != "" {
		return lineError(line, "an item with a kind and a label: give one of them")
	}
	switch {
	case it.Text == "" && it.ID == "":
		return lineError(line, "a visitor item needs its text: text = \"MESSAGE-ID\"")
	case it.Text == "":
		it.Text = it.ID + ".text"
	}
	textElem := elem + ".text"
	if it.ID != "" && it.Kind == "" && it.Label == "" && it.Text == it.ID+".text" {
		// The short form: "visitor.hours" prints visitor.hours.label and
		// visitor.hours.text.
		it.Label = it.ID + ".label"
		textElem = elem
		it.LabelText = add(Text{ID: it.Label, Where: where + ": label", Elem: elem})
	} else if it.Kind != "" {
		it.LabelText = add(Text{ID: "ui.visitor." + it.Kind, Where: where + ": label", Furniture: true})
	} else if it.Label != "" {
		it.LabelText = add(Text{ID: it.Label, Where: where + ": label", Elem: elem + ".label"})
	}
	it.TextText = add(Text{ID: it.Text, Where: where + ": text", Elem: textElem})
	return nil
}

// planText checks a part's plan path and works out its text
// alternative, a required text.
func planText(p *Part, pe, where string, at func(string) int, text func(explicit, derived string, optional bool, where, elem string) Text) error {
	if p.Plan == "" {
		if p.PlanAlt != "" {
			return lineError(at(pe+".plan_alt"), "plan_alt = %q but no plan: give the image, plan = \"plans/%s.png\", or leave plan_alt out", p.PlanAlt, p.ID)
		}
		return nil
	}
	p.planLine = max(at(pe+".plan"), 1)
	if !fs.ValidPath(p.Plan) {
		return lineError(p.planLine, "plan = %q: give the image's path inside the museum's folder, relative to museum.toml, with / between folders (\"plans/%s.png\")", p.Plan, p.ID)
	}
	p.PlanAltText = text(p.PlanAlt, p.ID+".plan_alt", false, where+": floor plan, its text alternative", elemOr(p.PlanAlt, pe+".plan_alt", pe+".plan"))
	return nil
}

func elemOr(explicit, explicitElem, derivedElem string) string {
	if explicit != "" {
		return explicitElem
	}
	return derivedElem
}

func joinKinds() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
