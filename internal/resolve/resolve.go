// Package resolve picks, for one language and one floor, the text of every
// message a pamphlet prints, applying the museum's policy for messages the
// language lacks or whose source changed. Its output, a Pamphlet, is plain
// text with provenance: nothing here knows about pages or fonts.
package resolve

import (
	"fmt"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
	"pamphlet/internal/museum"
	"pamphlet/internal/policy"
)

// Text is one printed message with where it came from.
type Text struct {
	ID     string
	Value  string
	Lang   language.Tag // the language Value is actually in
	Status i18n.Status
	// Note, when set, is printed beside the text in the pamphlet's own
	// language: "Italian original, not yet translated" and the like.
	Note string
}

// Panel is one wall plaque.
type Panel struct {
	ID          string
	Title, Body Text
}

// Room is a heading with its panels.
type Room struct {
	ID     string
	Title  Text
	Panels []Panel
}

// Item is one line of the visitor information.
type Item struct {
	ID          string
	Label, Text Text
}

// Pamphlet is everything one language × floor pamphlet prints.
type Pamphlet struct {
	Lang     language.Tag
	LangName string // the language's name in itself, for the cover
	Floor    string
	Museum   Text
	Subtitle Text
	Title    Text // the floor's title
	Intro    Text
	Contents Text // heading of the room list on the cover
	Count    Text // "9 panels"
	Rooms    []Room
	Visitor  Text // heading of the back page
	Items    []Item
}

// Texts lists every Text of the pamphlet in reading order.
func (p *Pamphlet) Texts() []*Text {
	out := []*Text{&p.Museum, &p.Subtitle, &p.Title, &p.Intro, &p.Contents, &p.Count}
	for i := range p.Rooms {
		r := &p.Rooms[i]
		out = append(out, &r.Title)
		for j := range r.Panels {
			out = append(out, &r.Panels[j].Title, &r.Panels[j].Body)
		}
	}
	out = append(out, &p.Visitor)
	for i := range p.Items {
		out = append(out, &p.Items[i].Label, &p.Items[i].Text)
	}
	return out
}

// UnresolvedError lists the messages a policy refused to print.
type UnresolvedError struct {
	Lang  string
	Floor string
	Path  string
	// Problems holds one line per message: "floor1.cell2.title: missing".
	Problems []string
	// NotInSource lists the messages the source catalog itself lacks:
	// those need the curator, not a translator.
	NotInSource []string
}

func (e *UnresolvedError) Error() string {
	return fmt.Sprintf("%s: %s, %s: %d message(s) not ready: %s", e.Path, e.Lang, e.Floor, len(e.Problems), strings.Join(e.Problems, "; "))
}

// Resolver resolves pamphlets from a museum and its catalogs.
type Resolver struct {
	Museum   *museum.Museum
	Catalogs map[string]*i18n.Catalog
	Policy   policy.Policy

	mu        sync.Mutex
	templates map[*i18n.Catalog]*templates // one go-i18n bundle per catalog, made on first use
}

// templates is a catalog's messages in a go-i18n bundle, for the messages
// that need one (placeholders, plural forms).
type templates struct {
	localizer *goi18n.Localizer
	errs      map[string]error // messages go-i18n refused
}

// templatesOf returns the go-i18n bundle of a catalog, building it once.
func (r *Resolver) templatesOf(c *i18n.Catalog) *templates {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.templates[c]; ok {
		return t
	}
	if r.templates == nil {
		r.templates = map[*i18n.Catalog]*templates{}
	}
	bundle := goi18n.NewBundle(c.Lang)
	t := &templates{errs: map[string]error{}}
	for _, id := range c.IDs() {
		if err := bundle.AddMessages(c.Lang, c.Messages[id].GoI18n()); err != nil {
			t.errs[id] = err
		}
	}
	t.localizer = goi18n.NewLocalizer(bundle, c.Lang.String())
	r.templates[c] = t
	return t
}

// Pamphlet resolves one language × floor.
func (r *Resolver) Pamphlet(lang, floorID string) (*Pamphlet, error) {
	m := r.Museum
	source, ok := r.Catalogs[m.Source]
	if !ok {
		return nil, fmt.Errorf("%s/%s.toml: the source catalog is missing", i18n.Dir, m.Source)
	}
	cat, ok := r.Catalogs[lang]
	if !ok {
		return nil, fmt.Errorf("no catalog for language %q (%s/%s.toml): a pamphlet is never printed in another language instead", lang, i18n.Dir, lang)
	}
	floor, ok := m.Floor(floorID)
	if !ok {
		return nil, fmt.Errorf("museum.toml: no floor %q (floors: %s)", floorID, strings.Join(m.FloorIDs(), ", "))
	}
	rs := &run{r: r, source: source, cat: cat, tag: cat.Lang, unresolved: &UnresolvedError{Lang: lang, Floor: floorID, Path: cat.Path}}

	p := &Pamphlet{Lang: cat.Lang, LangName: SelfName(cat.Lang), Floor: floorID}
	p.Museum = rs.text(m.Name)
	p.Subtitle = rs.text(m.Subtitle)
	p.Title = rs.text(floor.TitleID())
	p.Intro = rs.text(floor.IntroID())
	p.Contents = rs.text("ui.contents")
	n := 0
	for _, room := range floor.Rooms {
		rm := Room{ID: room.ID, Title: rs.text(room.TitleID())}
		for _, pid := range room.Panels {
			rm.Panels = append(rm.Panels, Panel{ID: pid, Title: rs.text(museum.PanelTitleID(pid)), Body: rs.text(museum.PanelBodyID(pid))})
			n++
		}
		p.Rooms = append(p.Rooms, rm)
	}
	p.Count = rs.plural("ui.panel_count", n)
	p.Visitor = rs.text(m.Visitor.Heading)
	for _, it := range m.Visitor.Items {
		p.Items = append(p.Items, Item{ID: it, Label: rs.text(museum.ItemLabelID(it)), Text: rs.text(museum.ItemTextID(it))})
	}
	if len(rs.unresolved.Problems) > 0 {
		return nil, rs.unresolved
	}
	return p, nil
}

type run struct {
	r          *Resolver
	source     *i18n.Catalog
	cat        *i18n.Catalog
	tag        language.Tag
	unresolved *UnresolvedError
}

func (rs *run) text(id string) Text { return rs.resolve(id, -1) }

func (rs *run) plural(id string, count int) Text { return rs.resolve(id, count) }

// resolve applies the policy to one message. count < 0 means no plural.
func (rs *run) resolve(id string, count int) Text {
	src, ok := rs.source.Messages[id]
	if !ok {
		rs.unresolved.Problems = append(rs.unresolved.Problems, fmt.Sprintf("%s: not in the source catalog %s", id, rs.source.Path))
		rs.unresolved.NotInSource = append(rs.unresolved.NotInSource, id)
		return Text{ID: id}
	}
	tr := rs.cat.Messages[id]
	status := i18n.Translated
	if rs.cat != rs.source {
		status = i18n.StatusOf(src, tr)
	}
	pol := rs.r.Policy
	switch status {
	case i18n.Translated, i18n.Identical:
		return rs.render(rs.cat, tr, id, count, status, "")
	case i18n.Stale:
		switch pol.Stale {
		case policy.StaleFail:
			rs.fail(id, "stale (its Italian changed since it was translated)")
			return Text{ID: id}
		case policy.StaleMark:
			return rs.render(rs.cat, tr, id, count, status, rs.note("ui.stale"))
		default:
			return rs.render(rs.cat, tr, id, count, status, "")
		}
	}
	// Missing.
	switch pol.Missing {
	case policy.MissingSource:
		return rs.render(rs.source, src, id, count, status, rs.note("ui.untranslated"))
	case policy.MissingPivot:
		for _, fb := range rs.fallbackChain() {
			c := rs.r.Catalogs[fb]
			if m := c.Messages[id]; m != nil && (c == rs.source || current(src, m)) {
				// The source gets the "untranslated" note; another language
				// is named, unless it is a parent of the pamphlet's own (a
				// Swiss German reader needs no note on a German text).
				note := rs.note("ui.untranslated")
				if c != rs.source {
					note = ""
					if !rs.isParent(c.Lang) {
						note = "(" + display.Tags(rs.tag).Name(c.Lang) + ")"
					}
				}
				return rs.render(c, m, id, count, status, note)
			}
		}
	}
	rs.fail(id, "missing")
	return Text{ID: id}
}

// fallbackChain is the languages tried for a missing message in pivot
// mode: the language's parents (de-CH → de), the pivot, then the source.
func (rs *run) fallbackChain() []string {
	var chain []string
	seen := map[string]bool{rs.tag.String(): true}
	add := func(l string) {
		if _, ok := rs.r.Catalogs[l]; ok && !seen[l] {
			seen[l] = true
			chain = append(chain, l)
		}
	}
	for t := rs.tag.Parent(); t != language.Und; t = t.Parent() {
		add(t.String())
	}
	if rs.r.Policy.Pivot != "" {
		add(rs.r.Policy.Pivot)
	}
	add(rs.r.Museum.Source)
	return chain
}

// current reports whether a fallback language's message was made from the
// current source (a translation identical to the source, such as a proper
// name, counts).
func current(src, m *i18n.Message) bool {
	s := i18n.StatusOf(src, m)
	return s == i18n.Translated || s == i18n.Identical
}

// isParent reports whether tag is one of the pamphlet language's parents
// (de for de-CH).
func (rs *run) isParent(tag language.Tag) bool {
	for t := rs.tag.Parent(); t != language.Und; t = t.Parent() {
		if t == tag {
			return true
		}
	}
	return false
}

// note returns a UI message in the pamphlet's language, else in one of
// its parent languages (de for de-CH), else in the pivot language: a
// marker should be in Italian only when nothing else is at hand.
func (rs *run) note(id string) string {
	cats := []*i18n.Catalog{rs.cat}
	for t := rs.tag.Parent(); t != language.Und; t = t.Parent() {
		cats = append(cats, rs.r.Catalogs[t.String()])
	}
	cats = append(cats, rs.r.Catalogs[rs.r.Policy.Pivot], rs.source)
	for _, c := range cats {
		if c != nil && c.Messages[id] != nil && c.Messages[id].Text() != "" {
			return c.Messages[id].Text()
		}
	}
	return ""
}

func (rs *run) fail(id, why string) {
	rs.unresolved.Problems = append(rs.unresolved.Problems, fmt.Sprintf("%s: %s", id, why))
}

// render executes the message's template (placeholders, plural forms)
// with go-i18n, in the language of the catalog c the message comes from.
func (rs *run) render(c *i18n.Catalog, m *i18n.Message, id string, count int, status i18n.Status, note string) Text {
	tag := c.Lang
	t := Text{ID: id, Lang: tag, Status: status, Note: note}
	if count < 0 && !strings.Contains(m.Text(), "{{") {
		// Plain text: nothing for a template or plural rule to do.
		t.Value = m.Text()
		return t
	}
	tm := rs.r.templatesOf(c)
	if err := tm.errs[id]; err != nil {
		rs.fail(id, err.Error())
		return t
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if count >= 0 {
		cfg.PluralCount = count
		cfg.TemplateData = map[string]any{"Count": count}
	}
	v, got, err := tm.localizer.LocalizeWithTag(cfg)
	if err != nil {
		rs.fail(id, fmt.Sprintf("cannot be rendered: %v", err))
		return t
	}
	if got != tag {
		rs.fail(id, fmt.Sprintf("rendered in %s instead of %s", got, tag))
		return t
	}
	t.Value = v
	return t
}

// SelfName is a language's name in that language, capitalised for a
// cover: "Deutsch", "Français", "日本語".
func SelfName(tag language.Tag) string {
	name := display.Self.Name(tag)
	if name == "" {
		return tag.String()
	}
	r := []rune(name)
	first := cases.Title(tag).String(string(r[0]))
	return first + string(r[1:])
}
