package editor

import (
	"strings"

	"golang.org/x/text/language"
)

// words are the page's own words that the bundled furniture (the tool's
// words for the pamphlets, in 42 languages) has, in the volunteer's
// working language, the one being translated into; the page keeps its
// English words for all the rest. Keys are the page's names.
func (s *Server) words(lang string) map[string]string {
	want := map[string]string{
		"contents": "ui.contents",
		"room":     "ui.kind.room",
		"part":     "ui.kind." + string(s.base.Museum.Kind),
		"visitor":  "ui.visitor.heading",
		"original": "ui.original",
	}
	out := map[string]string{}
	for key, id := range want {
		if w := s.furniture(lang, id); w != "" {
			out[key] = w
		}
	}
	return out
}

// furniture is a furniture message in lang or its parents, else English.
func (s *Server) furniture(lang, id string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	for t := tag; ; t = t.Parent() {
		if c := s.base.Furniture.Catalog(t.String()); c != nil && c.Messages[id] != nil {
			return c.Messages[id].Text()
		}
		if t == language.Und {
			break
		}
	}
	if c := s.base.Furniture.Catalog("en"); c != nil && c.Messages[id] != nil {
		return c.Messages[id].Text()
	}
	return ""
}

// partLabel is a part's heading in the page's tree: its numbered name in
// the volunteer's language ("Piętro 1"), then its source title.
func (s *Server) partLabel(lang, kind, number, title string) string {
	name := strings.ReplaceAll(s.furniture(lang, "ui.part."+kind), "{{.Number}}", number)
	switch {
	case name == "":
		return title
	case title == "":
		return name
	}
	return name + " · " + title
}
