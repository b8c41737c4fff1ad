package editor

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
	"pamphlet/internal/fonts"
	"pamphlet/internal/history"
	"pamphlet/internal/resolve"
	"pamphlet/internal/status"
	"pamphlet/internal/typeset"
	"pamphlet/internal/worksheet"
)

// View is what the page shows of one language: the museum in visiting
// order, every message with all a volunteer needs beside it.
type View struct {
	Museum    string     `json:"museum"`
	Dir       string     `json:"dir"`
	ReadOnly  bool       `json:"readOnly"`
	Source    string     `json:"source"`
	SourceDir string     `json:"sourceDir"` // "ltr" or "rtl"
	Languages []LangInfo `json:"languages"`
	Lang      LangInfo   `json:"lang"`
	New       bool       `json:"new"` // no catalog yet: the first save creates it
	Pivot     string     `json:"pivot"`
	PivotDir  string     `json:"pivotDir"`
	// Fonts are the CSS font-family lists of the language's body text and
	// headings, from the museum's fonts (served by /fonts.css).
	Fonts    map[string]string `json:"fonts"`
	Words    map[string]string `json:"words"` // the page's own words the furniture has in this language
	Parts    []Group           `json:"parts"`
	Messages []*Message        `json:"messages"`
}

// LangInfo names a language.
type LangInfo struct {
	Tag  string `json:"tag"`
	Name string `json:"name"` // in itself, then in English
	Dir  string `json:"dir"`
}

// Group is a part or a room: a heading of the page's tree.
type Group struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Rooms []Group `json:"rooms,omitempty"`
}

// Message is one text to translate.
type Message struct {
	ID          string            `json:"id"`
	Part        string            `json:"part"` // "" for the texts every pamphlet prints (cover, back page)
	Room        string            `json:"room"`
	Where       string            `json:"where"`
	Description string            `json:"description"`
	Source      map[string]string `json:"source"`
	SourceHash  string            `json:"sourceHash"`
	// Status is i18n's word: translated, stale, missing,
	// identical-to-source; the page shows any other as it is.
	Status      string              `json:"status"`
	Translation map[string]string   `json:"translation"` // the catalog's text now; nil when missing
	Hash        string              `json:"hash"`        // the hash the catalog's text records
	Pivot       map[string]string   `json:"pivot"`
	PivotStale  bool                `json:"pivotStale"`
	OldSource   map[string]string   `json:"oldSource"` // stale: the source the translation was made from, when known
	Diff        []DiffOp            `json:"diff"`      // stale: old source → source, word by word
	Needs       []string            `json:"needs"`     // the forms to fill: ["other"], or the language's plural categories
	Examples    map[string][]string `json:"examples"`  // plural: numbers that take each form
	Placeholder []string            `json:"placeholders"`
}

var placeholderRE = regexp.MustCompile(`{{-?\s*\.[A-Za-z_][A-Za-z0-9_]*\s*-?}}`)

// placeholders lists the {{.Name}} of a source text, each once.
func placeholders(forms map[string]string) []string {
	var out []string
	for _, f := range i18n.PluralForms {
		for _, p := range placeholderRE.FindAllString(forms[f], -1) {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func dir(tag language.Tag) string {
	if typeset.IsRTL(tag) {
		return "rtl"
	}
	return "ltr"
}

func langInfo(tag language.Tag) LangInfo {
	self := resolve.SelfName(tag)
	en := display.English.Tags().Name(tag)
	name := self
	if en != "" && en != self {
		name += " — " + en
	}
	return LangInfo{Tag: tag.String(), Name: name, Dir: dir(tag)}
}

// view builds the View of lang with the pivot language (""/"none": none).
func (s *Server) view(st *state, tag language.Tag, lang, pivot string) (*View, error) {
	p := st.p
	m := p.Museum
	src := p.Catalogs[m.Source]
	cat := st.catalog(tag, lang)
	_, isOld := p.Catalogs[lang]
	if pivot != "" && pivot != "none" {
		pt, err := language.Parse(pivot)
		if err != nil {
			return nil, &LanguageError{Lang: pivot, Why: "not a BCP 47 language tag"}
		}
		pivot = pt.String()
	}
	pivot, err := worksheet.ChoosePivot(pivot, m.Policy.Pivot, lang, m.Source, p.Catalogs)
	if err != nil {
		return nil, &httpError{code: 400, err: err}
	}
	hist := s.history(st)
	v := &View{
		Museum: text(src, m.Name), Dir: p.Name(), ReadOnly: s.ReadOnly(),
		Source: m.Source, SourceDir: dir(src.Lang),
		Lang: langInfo(tag), New: !isOld, Pivot: pivot,
		Fonts: map[string]string{}, Words: s.words(lang),
	}
	if pc := p.Catalogs[pivot]; pc != nil {
		v.PivotDir = dir(pc.Lang)
	}
	for _, l := range p.Languages() {
		if l != m.Source {
			v.Languages = append(v.Languages, langInfo(p.Catalogs[l].Lang))
		}
	}
	for _, fam := range []string{"body", "heading"} {
		chain, err := p.Fonts.Chain(tag, s.family(fam))
		if err == nil {
			v.Fonts[fam] = cssFamilies(chain)
		}
	}
	where := worksheet.Places(m, src)
	add := func(id, part, room string) {
		sm := src.Messages[id]
		if sm == nil || slices.ContainsFunc(v.Messages, func(x *Message) bool { return x.ID == id }) {
			return
		}
		v.Messages = append(v.Messages, s.message(st, sm, cat, hist, pivot, where[id], part, room))
	}
	for _, part := range m.Parts {
		g := Group{ID: part.ID, Label: s.partLabel(lang, string(m.Kind), part.Number, text(src, part.TitleText.ID))}
		add(part.TitleText.ID, part.ID, "")
		add(part.IntroText.ID, part.ID, "")
		for _, it := range part.Items {
			add(it.LabelText.ID, part.ID, "")
			add(it.TextText.ID, part.ID, "")
		}
		for _, r := range part.Rooms {
			g.Rooms = append(g.Rooms, Group{ID: r.ID, Label: text(src, r.TitleText.ID)})
			add(r.TitleText.ID, part.ID, r.ID)
			add(r.BodyText.ID, part.ID, r.ID)
			for _, pn := range r.Panels {
				add(pn.TitleText.ID, part.ID, r.ID)
				add(pn.BodyText.ID, part.ID, r.ID)
			}
		}
		add(part.PlanAltText.ID, part.ID, "") // the plan page comes after the rooms
		v.Parts = append(v.Parts, g)
	}
	// Then what every pamphlet prints whatever its part: the cover, the
	// back page, the museum's own words.
	for _, id := range status.SourceOrder(src) {
		add(id, "", "")
	}
	return v, nil
}

func (s *Server) message(st *state, sm *i18n.Message, cat *i18n.Catalog, hist *i18n.History, pivot, where, part, room string) *Message {
	id := sm.ID
	msg := &Message{
		ID: id, Part: part, Room: room, Where: where, Description: sm.Description,
		Source: sm.Forms, SourceHash: i18n.SourceHash(sm),
		Status: string(status.Of(sm, cat, id)), Needs: []string{"other"},
		Placeholder: placeholders(sm.Forms),
	}
	if tm := cat.Messages[id]; tm != nil {
		msg.Translation, msg.Hash = tm.Forms, tm.Hash
	}
	if sm.IsPlural() {
		msg.Needs = i18n.PluralCategories(cat.Lang)
		msg.Examples = i18n.PluralExamples(cat.Lang)
	}
	if pc := st.p.Catalogs[pivot]; pc != nil && pc.Messages[id] != nil {
		switch status.Of(sm, pc, id) {
		case i18n.Translated, i18n.Identical:
			msg.Pivot = pc.Messages[id].Forms
		case i18n.Stale:
			msg.Pivot, msg.PivotStale = pc.Messages[id].Forms, true
		}
	}
	if msg.Status == string(i18n.Stale) && msg.Hash != "" {
		if old, ok := hist.Lookup(msg.Hash); ok {
			msg.OldSource = old.Forms
			msg.Diff = Diff(old.Text(), sm.Text())
		}
	}
	return msg
}

// family maps the page's two kinds of text to the layout's families.
func (s *Server) family(kind string) string {
	style := "body"
	if kind == "heading" {
		style = "panel_title"
	}
	if st, ok := s.base.Layout.Styles[style]; ok {
		return st.Family
	}
	return kind
}

// cssFamilies is a font chain as a CSS font-family list.
func cssFamilies(chain []*fonts.Face) string {
	var names []string
	for _, f := range chain {
		n := cssFont(f.Embed.Name)
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ") + ", sans-serif"
}

func cssFont(name string) string { return `"pf-` + name + `"` }

func text(c *i18n.Catalog, id string) string {
	if c == nil || c.Messages[id] == nil {
		return id
	}
	return c.Messages[id].Text()
}

// history is the museum's source memory; an unreadable one only means
// old source texts are not shown.
func (s *Server) history(st *state) *i18n.History {
	h, _ := history.Load(st.p.Dir, st.p.Catalogs[st.p.Museum.Source])
	return h
}
