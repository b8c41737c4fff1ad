package worksheet

import (
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
)

// Conflict is a worksheet entry that cannot be merged safely.
type Conflict struct {
	ID  string
	Why string
	// Edit is set when the volunteer fixes it in the worksheet itself (a
	// form to fill in or to delete), rather than with a fresh worksheet
	// (the source or the catalog moved on).
	Edit bool
}

// Plan is what merging a worksheet into a catalog would do.
type Plan struct {
	// Updates are the messages to write, for i18n.SetMessages.
	Updates map[string]i18n.Update
	// Merged: new or changed text. Confirmed: a stale translation whose
	// text the volunteer kept as it was (its hash is brought up to date).
	Merged, Confirmed []string
	// Already: the catalog holds this exact translation already (the
	// worksheet was merged before). Empty: left blank. Todo: still marked
	// todo = true. None of these changes anything.
	Already, Empty, Todo []string
	// Conflicts make the whole merge refused.
	Conflicts []Conflict
}

// MakePlan decides, entry by entry, what merging a worksheet into the
// catalog cat (nil for a language that has none yet) would do. It is
// pure, so a refused merge has touched nothing.
//
// Entries are refused when the source changed since the worksheet was
// made (its source_hash is not the current one), when the message is no
// longer in the source, when the catalog's text changed since the
// worksheet was made (someone else merged meanwhile: overwriting would
// lose their work), and when a plural message has some forms but not all.
// Merging the same worksheet twice finds every entry Already: idempotent.
func MakePlan(s *Sheet, src, cat *i18n.Catalog) *Plan {
	p := &Plan{Updates: map[string]i18n.Update{}}
	for _, e := range s.Entries {
		sm, ok := src.Messages[e.ID]
		if !ok {
			p.Conflicts = append(p.Conflicts, Conflict{e.ID, "the message is no longer in " + src.Path, false})
			continue
		}
		hash := i18n.SourceHash(sm)
		// The text exactly as the volunteer wrote it: spaces at either end
		// are for pamphlet check to point out, not for merge to change. A
		// text of spaces alone counts as left empty.
		tr := map[string]string{}
		for f, t := range e.Translation {
			if strings.TrimSpace(t) != "" {
				tr[f] = t
			}
		}
		var now map[string]string
		var nowHash string
		if cat != nil && cat.Messages[e.ID] != nil {
			now, nowHash = cat.Messages[e.ID].Forms, cat.Messages[e.ID].Hash
		}
		switch {
		case e.SourceHash != hash:
			p.Conflicts = append(p.Conflicts, Conflict{e.ID, "its " + display.English.Tags().Name(src.Lang) + " source changed after the worksheet was made", false})
			continue
		case e.Todo:
			p.Todo = append(p.Todo, e.ID)
			continue
		case len(tr) == 0:
			p.Empty = append(p.Empty, e.ID)
			continue
		case nowHash == hash && maps.Equal(now, tr):
			p.Already = append(p.Already, e.ID)
			continue
		case !maps.Equal(now, e.currentForms()):
			p.Conflicts = append(p.Conflicts, Conflict{e.ID, "its translation in the catalog changed after the worksheet was made (by another merge or by hand)", false})
			continue
		}
		// A form the language does not use would be written but never
		// printed: say so rather than keep or drop it unseen.
		need := []string{"other"}
		if sm.IsPlural() {
			need = i18n.PluralCategories(language.Make(s.Lang))
		}
		var extra []string
		for _, f := range i18n.PluralForms {
			if tr[f] != "" && !slices.Contains(need, f) {
				extra = append(extra, key("translation", f))
			}
		}
		if len(extra) > 0 {
			why := "this text does not change with a number, so it has only `translation`"
			if sm.IsPlural() {
				why = "the language uses no such form of this text"
			}
			p.Conflicts = append(p.Conflicts, Conflict{e.ID, strings.Join(extra, ", ") + ": " + why + ": delete that line", true})
			continue
		}
		if sm.IsPlural() {
			var lacking []string
			for _, f := range need {
				if tr[f] == "" {
					lacking = append(lacking, key("translation", f))
				}
			}
			if len(lacking) > 0 {
				p.Conflicts = append(p.Conflicts, Conflict{e.ID, "fill in every form of this text: " + strings.Join(lacking, ", ") + " is empty", true})
				continue
			}
		} else if tr["other"] == "" {
			p.Empty = append(p.Empty, e.ID)
			continue
		}
		p.Updates[e.ID] = i18n.Update{Hash: hash, Forms: tr}
		if maps.Equal(now, tr) {
			p.Confirmed = append(p.Confirmed, e.ID)
		} else {
			p.Merged = append(p.Merged, e.ID)
		}
	}
	return p
}

// currentForms is what the catalog held when the worksheet was made: the
// current translation of a stale entry, nothing for a missing one.
func (e *Entry) currentForms() map[string]string {
	if e.Current == nil {
		return map[string]string{}
	}
	return e.Current
}
