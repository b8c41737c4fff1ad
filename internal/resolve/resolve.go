// Package resolve picks, for one language and one floor, the text of every
// message a pamphlet prints, applying the museum's policy for messages the
// language lacks or whose source changed. Its output, a Pamphlet, is plain
// text with provenance: nothing here knows about pages or fonts.
package resolve

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
	"pamphlet/internal/furniture"
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
	// language: "Original text; not yet translated" and the like.
	Note string
}

// Panel is one wall plaque.
type Panel struct {
	ID          string
	Title, Body Text
	// Plaque is the number on the wall plaque (from museum.toml), and
	// Original its title as it stands on the wall, in the source
	// language: the plaque key a visitor matches the panel by. Original
	// is empty in the source language's own pamphlet.
	Plaque   string
	Original Text
	// PlaqueLabel is the plaque's number as the pamphlet's language
	// names it ("Plaque 12", furniture ui.plaque); empty without one.
	PlaqueLabel Text
}

// Room is a heading with its own text, its panels, or both.
type Room struct {
	ID     string
	Title  Text
	Body   Text
	Panels []Panel
}

// Item is one line of visitor information; Label may be empty.
type Item struct {
	ID          string
	Label, Text Text
}

// Part is one floor, wing or stop.
type Part struct {
	ID string
	// Name is the part's numbered name ("Floor 2", "Stop 3"), from the
	// furniture; Title its own title, empty when it has none.
	Name  Text
	Title Text
	Intro Text
	Items []Item
	Rooms []Room
	// Plan is the part's floor plan; its Image is nil when it has none.
	Plan Plan
}

// Plan is a floor plan and its text alternative, in the pamphlet's
// language (or as the policy resolved it).
type Plan struct {
	Image *museum.Image
	Alt   Text
}

// Heading is what the part is headed by: its title, or else its name.
func (p *Part) Heading() Text {
	if p.Title.Value != "" {
		return p.Title
	}
	return p.Name
}

// Pamphlet is everything one pamphlet prints: one part of the museum, or
// the whole museum with its parts as sections.
type Pamphlet struct {
	Lang     language.Tag
	LangName string // the language's name in itself, for the cover
	// ID names the pamphlet's file: the part's ID, or the museum's for
	// the whole museum.
	ID       string
	Whole    bool // the whole museum: each part is a section with its heading
	Numbered bool // parts print their numbered name above their title
	Museum   Text
	Subtitle Text
	// Title is the cover's heading: the part's heading, or "Complete
	// guide" for the whole museum; Kicker the part's numbered name above
	// it when the museum numbers its parts.
	Title    Text
	Kicker   Text
	Contents Text // heading of the list on the cover
	Count    Text // "9 panels"
	Parts    []Part
	Visitor  Text // heading of the back page
	Items    []Item
	// Source is the museum's source language: the plaques' own.
	Source language.Tag
	// The headings of the pages a layout may add to fill a booklet's
	// sheets (layout.Economy.Fill): notes, and the colophon with its
	// translation credit.
	Notes, Colophon, Translation Text
	// Translators are the credits of the catalog's [_meta] translators.
	Translators []string
}

// Texts lists every Text of the pamphlet in reading order.
func (p *Pamphlet) Texts() []*Text {
	out := []*Text{&p.Museum, &p.Subtitle, &p.Kicker, &p.Title, &p.Contents, &p.Count}
	for i := range p.Parts {
		pt := &p.Parts[i]
		out = append(out, &pt.Name, &pt.Title, &pt.Intro, &pt.Plan.Alt)
		for j := range pt.Items {
			out = append(out, &pt.Items[j].Label, &pt.Items[j].Text)
		}
		for j := range pt.Rooms {
			r := &pt.Rooms[j]
			out = append(out, &r.Title, &r.Body)
			for k := range r.Panels {
				out = append(out, &r.Panels[k].Title, &r.Panels[k].Original, &r.Panels[k].PlaqueLabel, &r.Panels[k].Body)
			}
		}
	}
	out = append(out, &p.Visitor, &p.Notes, &p.Colophon, &p.Translation)
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
	// Unverified is set when some problems are imported translations
	// refused by a strict policy: `pamphlet adopt` is their remedy.
	Unverified bool
}

func (e *UnresolvedError) Error() string {
	return fmt.Sprintf("%s: %s, %s: %d message(s) not ready: %s", e.Path, e.Lang, e.Floor, len(e.Problems), strings.Join(e.Problems, "; "))
}

// Resolver resolves pamphlets from a museum and its catalogs.
type Resolver struct {
	Museum   *museum.Museum
	Catalogs map[string]*i18n.Catalog
	// Furniture holds the tool's own words (ui.…) by language: a museum's
	// catalogs may override any of them.
	Furniture *furniture.Words
	Policy    policy.Policy

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

// Pamphlet resolves the pamphlet of one part in one language.
func (r *Resolver) Pamphlet(lang, partID string) (*Pamphlet, error) {
	part, ok := r.Museum.Part(partID)
	if !ok {
		return nil, fmt.Errorf("museum.toml: no %s %q (%ss: %s)", r.Museum.Kind, partID, r.Museum.Kind, strings.Join(r.Museum.PartIDs(), ", "))
	}
	return r.resolve(lang, partID, []museum.Part{part})
}

// Whole resolves the pamphlet of the whole museum in one language: every
// part, each a section with its heading.
func (r *Resolver) Whole(lang string) (*Pamphlet, error) {
	return r.resolve(lang, r.Museum.ID, r.Museum.Parts)
}

func (r *Resolver) resolve(lang, id string, parts []museum.Part) (*Pamphlet, error) {
	m := r.Museum
	source, ok := r.Catalogs[m.Source]
	if !ok {
		return nil, fmt.Errorf("%s/%s.toml: the source catalog is missing", i18n.Dir, m.Source)
	}
	cat, ok := r.Catalogs[lang]
	if !ok {
		return nil, fmt.Errorf("no catalog for language %q (%s/%s.toml): a pamphlet is never printed in another language instead", lang, i18n.Dir, lang)
	}
	rs := &run{r: r, source: source, cat: cat, tag: cat.Lang, unresolved: &UnresolvedError{Lang: lang, Floor: id, Path: cat.Path}}
	whole := len(parts) != 1 || m.Scope == museum.ScopeWhole
	p := &Pamphlet{Lang: cat.Lang, LangName: SelfName(cat.Lang), ID: id, Whole: whole, Numbered: m.IsNumbered()}
	p.Museum = rs.text(museum.Text{ID: m.Name})
	if m.Subtitle != "" {
		p.Subtitle = rs.text(museum.Text{ID: m.Subtitle})
	}
	panels, rooms := 0, 0
	for _, part := range parts {
		pt := Part{ID: part.ID, Title: rs.text(part.TitleText), Intro: rs.text(part.IntroText)}
		pt.Name = rs.numbered("ui.part."+string(m.Kind), part.Number)
		for _, it := range part.Items {
			pt.Items = append(pt.Items, rs.item(it))
		}
		for _, room := range part.Rooms {
			rm := Room{ID: room.ID, Title: rs.text(room.TitleText), Body: rs.text(room.BodyText)}
			for _, pn := range room.Panels {
				panel := Panel{ID: pn.ID, Title: rs.text(pn.TitleText), Body: rs.text(pn.BodyText), Plaque: pn.Plaque}
				if cat != source && panel.Title.Value != "" {
					if orig, ok := source.Messages[pn.TitleText.ID]; ok && orig.Text() != "" {
						panel.Original = Text{ID: pn.TitleText.ID, Value: orig.Text(), Lang: source.Lang, Status: i18n.Translated}
					}
				}
				if pn.Plaque != "" {
					panel.PlaqueLabel = rs.numbered("ui.plaque", pn.Plaque)
				}
				rm.Panels = append(rm.Panels, panel)
				panels++
			}
			pt.Rooms = append(pt.Rooms, rm)
			rooms++
		}
		if part.PlanImage != nil {
			pt.Plan = Plan{Image: part.PlanImage, Alt: rs.text(part.PlanAltText)}
		}
		p.Parts = append(p.Parts, pt)
	}
	if whole {
		p.Title = rs.text(museum.Text{ID: "ui.whole", Furniture: true})
	} else {
		p.Title = p.Parts[0].Heading()
		if p.Numbered && p.Parts[0].Title.Value != "" {
			p.Kicker = p.Parts[0].Name
		}
	}
	p.Contents = rs.text(museum.Text{ID: "ui.contents", Furniture: true})
	switch m.Count {
	case "panels":
		p.Count = rs.plural("ui.panel_count", panels)
	case "rooms":
		p.Count = rs.plural("ui.room_count", rooms)
	case "stops":
		p.Count = rs.plural("ui.stop_count", len(parts))
	}
	p.Visitor = rs.text(m.Visitor.HeadingText)
	p.Source = source.Lang
	p.Notes = rs.text(museum.Text{ID: "ui.notes", Furniture: true})
	p.Colophon = rs.text(museum.Text{ID: "ui.colophon.heading", Furniture: true})
	p.Translation = rs.text(museum.Text{ID: "ui.colophon.translation", Furniture: true})
	p.Translators = append([]string(nil), cat.Meta.Translators...)
	for _, it := range m.Visitor.Items {
		p.Items = append(p.Items, rs.item(it))
	}
	if len(rs.unresolved.Problems) > 0 {
		return nil, rs.unresolved
	}
	return p, nil
}

func (rs *run) item(it museum.Item) Item {
	out := Item{ID: it.ID, Text: rs.text(it.TextText)}
	if it.LabelText.ID != "" {
		out.Label = rs.text(it.LabelText)
	}
	return out
}

type run struct {
	r          *Resolver
	source     *i18n.Catalog
	cat        *i18n.Catalog
	tag        language.Tag
	unresolved *UnresolvedError
}

// text resolves one text of the structure. An optional text the source
// catalog lacks, or has empty, is left out: its Value is "".
func (rs *run) text(t museum.Text) Text {
	if t.Optional {
		if m, ok := rs.source.Messages[t.ID]; !ok || m.Text() == "" {
			return Text{ID: t.ID}
		}
	}
	return rs.message(t.ID, -1, nil)
}

func (rs *run) plural(id string, count int) Text {
	return rs.message(id, count, map[string]any{"Count": count})
}

// numbered resolves a part's numbered name ("Floor {{.Number}}").
func (rs *run) numbered(id, number string) Text {
	return rs.message(id, -1, map[string]any{"Number": number})
}

// message applies the policy to one message. count < 0 means no plural;
// data fills the template's placeholders.
func (rs *run) message(id string, count int, data map[string]any) Text {
	src, ok := rs.source.Messages[id]
	if !ok {
		if f := rs.r.furnitureOf(rs.source.Lang, id); f != nil || rs.r.furnitureOf(language.English, id) != nil {
			return rs.furniture(id, count, data)
		}
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
		return rs.render(rs.cat, tr, id, count, data, status, "")
	case i18n.Unverified:
		if pol.FailUnverified {
			rs.fail(id, "unverified: imported without a record of its source")
			rs.unresolved.Unverified = true
			return Text{ID: id}
		}
		return rs.render(rs.cat, tr, id, count, data, status, "")
	case i18n.Stale:
		switch pol.Stale {
		case policy.StaleFail:
			rs.fail(id, fmt.Sprintf("stale (its %s source changed since it was translated)", display.English.Tags().Name(rs.source.Lang)))
			return Text{ID: id}
		case policy.StaleMark:
			return rs.render(rs.cat, tr, id, count, data, status, rs.note("ui.stale"))
		default:
			return rs.render(rs.cat, tr, id, count, data, status, "")
		}
	}
	// Missing.
	switch pol.Missing {
	case policy.MissingSource:
		return rs.render(rs.source, src, id, count, data, status, rs.note("ui.untranslated"))
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
				return rs.render(c, m, id, count, data, status, note)
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
// its parent languages (de for de-CH), from the museum's catalogs first,
// then from the bundled furniture; else in the pivot language, the source
// or English: a marker should be in another language only when nothing
// else is at hand, and is never left out.
func (rs *run) note(id string) string {
	var cats []*i18n.Catalog
	for t := rs.tag; t != language.Und; t = t.Parent() {
		cats = append(cats, rs.r.Catalogs[t.String()], rs.r.Furniture.Catalog(t.String()))
	}
	cats = append(cats, rs.r.Catalogs[rs.r.Policy.Pivot], rs.r.Furniture.Catalog(rs.r.Policy.Pivot), rs.source, rs.r.Furniture.Catalog(rs.source.Lang.String()), rs.r.Furniture.Catalog("en"))
	for _, c := range cats {
		if c != nil && c.Messages[id] != nil && c.Messages[id].Text() != "" {
			return c.Messages[id].Text()
		}
	}
	return ""
}

// furnitureOf returns the bundled catalog of lang (or of a parent
// language) if it has the message id.
func (r *Resolver) furnitureOf(lang language.Tag, id string) *i18n.Catalog {
	for t := lang; t != language.Und; t = t.Parent() {
		if c := r.Furniture.Catalog(t.String()); c != nil && c.Messages[id] != nil {
			return c
		}
	}
	return nil
}

// furniture resolves one of the tool's own words that the museum's source
// catalog does not override: the pamphlet language's own catalog first,
// then the bundled furniture of that language. A language the furniture
// does not cover is missing the message, and the policy decides: the
// source language's words, the pivot's, or a failure naming the message.
func (rs *run) furniture(id string, count int, data map[string]any) Text {
	if m := rs.cat.Messages[id]; m != nil && m.Text() != "" {
		return rs.render(rs.cat, m, id, count, data, i18n.Translated, "")
	}
	if c := rs.r.furnitureOf(rs.tag, id); c != nil {
		return rs.render(c, c.Messages[id], id, count, data, i18n.Translated, "")
	}
	switch rs.r.Policy.Missing {
	case policy.MissingPivot:
		for _, l := range rs.fallbackChain() {
			if c := rs.r.Catalogs[l]; c != nil && c.Messages[id] != nil {
				return rs.render(c, c.Messages[id], id, count, data, i18n.Missing, "")
			}
			if c := rs.r.furnitureOf(language.Make(l), id); c != nil {
				return rs.render(c, c.Messages[id], id, count, data, i18n.Missing, "")
			}
		}
		fallthrough
	case policy.MissingSource:
		for _, lang := range []language.Tag{rs.source.Lang, language.English} {
			if c := rs.r.furnitureOf(lang, id); c != nil {
				return rs.render(c, c.Messages[id], id, count, data, i18n.Missing, "")
			}
		}
	}
	rs.fail(id, "missing: the tool's bundled words do not cover this language, so the museum's catalog must give it")
	return Text{ID: id}
}

func (rs *run) fail(id, why string) {
	rs.unresolved.Problems = append(rs.unresolved.Problems, fmt.Sprintf("%s: %s", id, why))
}

// render executes the message's template (placeholders, plural forms)
// with go-i18n, in the language of the catalog c the message comes from.
func (rs *run) render(c *i18n.Catalog, m *i18n.Message, id string, count int, data map[string]any, status i18n.Status, note string) Text {
	tag := c.Lang
	t := Text{ID: id, Lang: tag, Status: status, Note: note}
	if count < 0 && !strings.Contains(m.Text(), "{{") && !m.IsPlural() {
		// Plain text: nothing for a template or plural rule to do.
		t.Value = m.Text()
		return t
	}
	tm := rs.r.templatesOf(c)
	if err := tm.errs[id]; err != nil {
		rs.fail(id, err.Error())
		return t
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count >= 0 {
		cfg.PluralCount = count
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
	for _, name := range placeholders(m) {
		if _, ok := data[name]; !ok {
			known := make([]string, 0, len(data))
			for k := range data {
				known = append(known, "{{."+k+"}}")
			}
			sort.Strings(known)
			what := "no placeholder at all"
			if len(known) > 0 {
				what = "only " + strings.Join(known, ", ")
			}
			rs.fail(id, fmt.Sprintf("its text uses the placeholder {{.%s}}, which has no value here (this message takes %s): copy the placeholders of the source exactly", name, what))
			return t
		}
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

var placeholder = regexp.MustCompile(`{{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)`)

// placeholders lists the {{.Name}} fields a message's forms use.
func placeholders(m *i18n.Message) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range i18n.PluralForms {
		for _, sm := range placeholder.FindAllStringSubmatch(m.Forms[f], -1) {
			if !seen[sm[1]] {
				seen[sm[1]] = true
				out = append(out, sm[1])
			}
		}
	}
	return out
}
