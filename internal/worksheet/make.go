package worksheet

import (
	"fmt"

	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/museum"
	"pamphlet/internal/status"
)

// Input is what Make reads.
type Input struct {
	Museum   *museum.Museum
	Catalogs map[string]*i18n.Catalog
	// Lang is the language to translate into; it need not have a catalog
	// yet (a new language gets every message).
	Lang string
	// Pivot is the language shown beside the source, or "".
	Pivot string
	// History is the source memory, to show the Italian a stale
	// translation was made from.
	History *i18n.History
}

// Make collects every missing or stale message of a language, in the
// order of the source catalog. A stale message comes pre-filled with its
// current translation and marked todo.
func Make(in Input) *Sheet {
	m := in.Museum
	src := in.Catalogs[m.Source]
	cat := in.Catalogs[in.Lang]
	if cat == nil {
		cat = &i18n.Catalog{Lang: language.Make(in.Lang), Path: i18n.Dir + "/" + in.Lang + ".toml", Messages: map[string]*i18n.Message{}}
	}
	pivot := in.Catalogs[in.Pivot]
	s := &Sheet{Lang: in.Lang, Source: m.Source, Museum: text(src, m.Name)}
	if pivot != nil {
		s.Pivot = in.Pivot
	}
	where := Places(m, src)
	for _, id := range status.SourceOrder(src) {
		sm := src.Messages[id]
		st := status.Of(sm, cat, id)
		if st != i18n.Missing && st != i18n.Stale {
			continue
		}
		e := Entry{
			ID: id, Where: where[id], Status: st, Description: sm.Description,
			Source: copyForms(sm.Forms), SourceHash: i18n.SourceHash(sm),
			Needs: []string{"other"}, Translation: map[string]string{},
		}
		if sm.IsPlural() {
			e.Needs = i18n.PluralCategories(cat.Lang)
		}
		if pivot != nil {
			if pm := pivot.Messages[id]; pm != nil {
				switch status.Of(sm, pivot, id) {
				case i18n.Translated, i18n.Identical:
					e.Pivot = copyForms(pm.Forms)
				case i18n.Stale:
					e.Pivot, e.PivotStale = copyForms(pm.Forms), true
				}
			}
		}
		if st == i18n.Stale {
			cur := cat.Messages[id]
			e.Current = copyForms(cur.Forms)
			if in.History != nil {
				if old, ok := in.History.Lookup(cur.Hash); ok && cur.Hash != "" {
					e.OldSource = copyForms(old.Forms)
				}
			}
			e.Translation = copyForms(cur.Forms)
			e.Todo = true
		}
		s.Entries = append(s.Entries, e)
	}
	return s
}

// Places describes, for every message a pamphlet prints, where it is
// printed, in words a volunteer can match with the museum: "floor floor1,
// room «Cella 2» (floor1.cell2), panel floor1.cell2.calendar: title", or
// "stop fosse, …" for the stops of a route.
func Places(m *museum.Museum, src *i18n.Catalog) map[string]string {
	p := map[string]string{
		"ui.contents":     "cover: heading of the list of contents",
		"ui.untranslated": "note beside a text not yet translated",
		"ui.stale":        "note beside a translation older than the source",
		"ui.panel_count":  "cover: the number of panels",
		"ui.room_count":   "cover: the number of rooms",
		"ui.stop_count":   "cover: the number of stops",
	}
	for _, t := range m.Texts() {
		p[t.ID] = t.Where
	}
	// Rooms are named by their title too, which a volunteer can find on
	// the wall.
	for _, f := range m.Parts {
		for _, r := range f.Rooms {
			room := fmt.Sprintf("%s %s, room «%s» (%s)", m.Kind, f.ID, text(src, r.TitleText.ID), r.ID)
			p[r.TitleText.ID] = room + ": heading"
			p[r.BodyText.ID] = room + ": text"
			for _, pn := range r.Panels {
				p[pn.TitleText.ID] = fmt.Sprintf("%s, panel %s: title", room, pn.ID)
				p[pn.BodyText.ID] = fmt.Sprintf("%s, panel %s: text", room, pn.ID)
			}
		}
	}
	return p
}

func text(c *i18n.Catalog, id string) string {
	if c == nil || c.Messages[id] == nil {
		return id
	}
	return c.Messages[id].Text()
}

func copyForms(f map[string]string) map[string]string {
	out := make(map[string]string, len(f))
	for k, v := range f {
		out[k] = v
	}
	return out
}

// PivotError is a requested pivot language that cannot be used.
type PivotError struct {
	Pivot  string
	Reason string
}

func (e *PivotError) Error() string { return fmt.Sprintf("--pivot %s: %s", e.Pivot, e.Reason) }

// ChoosePivot picks the language shown beside the source in lang's
// worksheet. requested is what the volunteer asked for ("" for the
// default, "none" for no pivot); museumPivot is museum.toml's pivot.
// The default is the museum's pivot, else English, and silently none when
// that language has no catalog or is lang itself; a requested one must
// exist and differ from lang and the source.
func ChoosePivot(requested, museumPivot, lang, source string, catalogs map[string]*i18n.Catalog) (string, error) {
	switch requested {
	case "none":
		return "", nil
	case "":
		pivot := museumPivot
		if pivot == "" {
			pivot = "en"
		}
		if _, ok := catalogs[pivot]; !ok || pivot == lang || pivot == source {
			return "", nil
		}
		return pivot, nil
	}
	if _, ok := catalogs[requested]; !ok {
		return "", &PivotError{Pivot: requested, Reason: "the museum has no catalog for it"}
	}
	if requested == lang || requested == source {
		return "", &PivotError{Pivot: requested, Reason: "choose a language other than " + lang + " and the source"}
	}
	return requested, nil
}
