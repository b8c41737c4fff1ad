// Package compose lays a resolved pamphlet out on pages: the cover, the
// rooms and panels flowing over as many pages as they need, and the
// visitor information on the last page. It decides where things go; the
// typeset package decides how each paragraph breaks into lines.
package compose

import (
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/text/language"

	"pamphlet/internal/fonts"
	"pamphlet/internal/impose"
	"pamphlet/internal/layout"
	"pamphlet/internal/museum"
	"pamphlet/internal/page"
	"pamphlet/internal/resolve"
	"pamphlet/internal/typeset"
)

// Composer lays out pamphlets with one layout and one font set.
type Composer struct {
	Layout *layout.Layout
	Fonts  *fonts.Set
}

// TextError names the message whose text could not be set.
type TextError struct {
	ID   string
	Lang string
	Err  error
}

func (e *TextError) Error() string { return fmt.Sprintf("message %s (%s): %v", e.ID, e.Lang, e.Err) }
func (e *TextError) Unwrap() error { return e.Err }

// block is a paragraph set in lines, with the style that spaces it.
type block struct {
	lines        []typeset.Line
	style        layout.Style
	id           string // the message it sets, for page.Line.ID
	keepWithNext bool   // a heading: never last on a page
	elem         int    // its structure element, an index in page.Document.Elems
	// x moves the lines from the column's left edge (an indented entry
	// of the contents); tab, when set, is drawn on the last line's
	// baseline at tabX from it: a page number flush with the column's
	// end edge.
	x, tabX float64
	tab     *typeset.Line
}

// MinPageLines is the fewest lines of text a page of the flow may carry
// unless it is the only one: a page of two lines is a page wasted, and
// looks like a mistake.
const MinPageLines = 5

// tightSteps are the tightenings tried, in order, to save a page: a
// quarter of the layout's economy at a time, so that a pamphlet is never
// tightened more than it needs.
var tightSteps = []float64{0.25, 0.5, 0.75, 1}

// plan is what one composition pass is asked to do.
type plan struct {
	tight float64        // 0 as designed … 1 at the economy's limits
	fills []string       // pages added to fill the sheets, layout.FillKinds
	pages map[string]int // message ID → page, from the pass before, for the page numbers
}

// composed is one pass's document and what the next pass needs to know.
type composed struct {
	doc *page.Document
	// pages is where each text of the flow starts (message ID → 1-based
	// page number).
	pages map[string]int
	// flowPages is how many pages the rooms and panels take, and
	// lastLines how many lines the last of them carries.
	flowPages, lastLines int
}

// Compose lays out one pamphlet. It composes the pamphlet as designed,
// then, when the last page of the flow is nearly empty or one page less
// would make the booklet's sheets come out even, again with the flow
// tightened in small steps within the layout's economy, keeping the first
// setting that saves a page. The pages still missing to a multiple of
// four (six panels for a trifold) carry what the layout's economy.fill
// names, so that a booklet has no accidental blank page; a last pass
// prints the page numbers of the cover's and the contents' entries, which
// the pass before found.
func (c *Composer) Compose(p *resolve.Pamphlet) (*page.Document, error) {
	chains := map[string][]*fonts.Face{}
	for _, fam := range c.Fonts.Families() {
		chain, err := c.Fonts.Chain(p.Lang, fam)
		if err != nil {
			return nil, err
		}
		chains[fam] = chain
	}
	setter := typeset.NewSetter(p.Lang, chains)
	l := c.Layout
	if setter.CJK() { // Chinese, Japanese and Korean take the layout's cjk_leading
		l = l.ForCJK()
	}
	memo := map[setKey][]typeset.Line{}
	pass := func(pl plan) (*composed, error) {
		cc := &composer{l: l.Tightened(pl.tight), setter: setter, memo: memo, plan: pl}
		return cc.compose(p)
	}
	r, err := pass(plan{})
	if err != nil {
		return nil, err
	}
	trifold := l.Imposition == "trifold"
	tight := 0.0
	if n := len(r.doc.Pages); l.CanTighten() && r.flowPages > 1 && (r.lastLines < MinPageLines || !trifold && n%4 == 1) {
		for _, t := range tightSteps {
			rt, err := pass(plan{tight: t})
			if err != nil {
				return nil, err
			}
			if len(rt.doc.Pages) < n {
				r, tight = rt, t
				break
			}
		}
	}
	missing := (4 - len(r.doc.Pages)%4) % 4
	if trifold {
		missing = max(0, 2+impose.TrifoldPanels-len(r.doc.Pages))
	}
	fills := fillKinds(l.Economy.Fill, p, missing)
	if i := slices.Index(fills, "contents"); trifold && i >= 0 {
		// The contents go on the inside flap, the leaflet's last panel
		// before the back: what a visitor sees on opening the cover.
		fills = append(slices.Delete(fills, i, i+1), "contents")
	}
	if len(fills) > 0 {
		if r, err = pass(plan{tight: tight, fills: fills}); err != nil {
			return nil, err
		}
	}
	r, err = pass(plan{tight: tight, fills: fills, pages: r.pages})
	if err != nil {
		return nil, err
	}
	return r.doc, nil
}

// fillKinds is what the missing pages carry: the first kinds of fill the
// pamphlet has something for. A part without a plan, and the whole
// museum's pamphlet (no single part's plan is its own), skip "plan".
func fillKinds(fill []string, p *resolve.Pamphlet, missing int) []string {
	var out []string
	for _, f := range fill {
		if len(out) == missing {
			break
		}
		if f == "plan" && floorPlan(p) == nil {
			continue
		}
		out = append(out, f)
	}
	return out
}

// floorPlan is the plan a plan page prints: the part's, in a pamphlet of one
// part that has one; else nil.
func floorPlan(p *resolve.Pamphlet) *resolve.Plan {
	if p.Whole || len(p.Parts) != 1 || p.Parts[0].Plan.Image == nil {
		return nil
	}
	return &p.Parts[0].Plan
}

// setKey is a paragraph's setting: the same text set the same way gives
// the same lines, so that the passes of Compose set each paragraph once.
type setKey struct {
	text, family string
	size, width  float64
	para         typeset.Paragraph
}

// composer is one composition pass.
type composer struct {
	l      *layout.Layout
	setter *typeset.Setter
	memo   map[setKey][]typeset.Line
	plan   plan
}

func (cc *composer) setLines(text, family string, size, width float64, para typeset.Paragraph) ([]typeset.Line, error) {
	k := setKey{text, family, size, width, para}
	if lines, ok := cc.memo[k]; ok {
		return lines, nil
	}
	lines, err := cc.setter.Set(text, family, size, width, para)
	if err == nil {
		cc.memo[k] = lines
	}
	return lines, err
}

func (cc *composer) compose(p *resolve.Pamphlet) (*composed, error) {
	l, setter := cc.l, cc.setter
	trifold := l.Imposition == "trifold"
	pg := &pager{
		l:   l,
		rtl: setter.RTL(),
		doc: &page.Document{
			Width: l.PageWidthPt(), Height: l.PageHeightPt(),
			Lang:    p.Lang.String(),
			Title:   p.Museum.Value + " – " + p.Title.Value,
			Subject: p.Subtitle.Value + " (" + p.LangName + ")",
			RTL:     setter.RTL(),
			Elems:   []page.Elem{{Role: "Document", Parent: -1}},
		},
	}
	// elem adds a structure element for t under parent (0: the
	// Document) and returns its index; one that gets no lines is left
	// out of the PDF.
	elem := func(role string, parent int, t resolve.Text) int {
		e := page.Elem{Role: role, Parent: parent}
		if lang := t.Lang.String(); t.Lang != language.Und && lang != pg.doc.Lang {
			e.Lang = lang
		}
		pg.doc.Elems = append(pg.doc.Elems, e)
		return len(pg.doc.Elems) - 1
	}
	// bookmark gives element e an outline entry.
	bookmark := func(e int, title string, level int) {
		pg.doc.Elems[e].Bookmark = &page.Bookmark{Title: title, Level: level}
	}
	set := func(t resolve.Text, style string, align typeset.Align, el int) ([]block, error) {
		st := cc.style(style)
		para := typeset.Paragraph{Align: align}
		if l.Text.Running(style) { // [text]: justification and hyphenation
			para.Justify, para.Hyphenate = l.Text.Justify(), l.Text.Hyphenate
		}
		lines, err := cc.setLines(t.Value, st.Family, st.Size, l.MeasurePt(), para)
		if err != nil {
			return nil, &TextError{ID: t.ID, Lang: p.Lang.String(), Err: err}
		}
		blocks := []block{{lines: lines, style: st, id: t.ID, elem: el}}
		if t.Note != "" {
			ns := l.Styles["note"]
			nl, err := cc.setLines(t.Note, ns.Family, ns.Size, l.MeasurePt(), typeset.Paragraph{Align: align})
			if err != nil {
				return nil, &TextError{ID: t.ID + " (note)", Lang: p.Lang.String(), Err: err}
			}
			// The note is in the pamphlet's language: a paragraph of its
			// own, inside a list item's body or label, else beside t.
			parent := pg.doc.Elems[el].Parent
			if r := pg.doc.Elems[el].Role; r == "LBody" || r == "Lbl" {
				parent = el
			}
			blocks = append(blocks, block{lines: nl, style: ns, id: t.ID, elem: elem("P", parent, resolve.Text{})})
		}
		return blocks, nil
	}
	var flow []block
	// add sets a text in the flow; an empty one (an optional text the
	// museum leaves out) is skipped.
	add := func(t resolve.Text, style string, align typeset.Align, keep bool, el int) error {
		if t.Value == "" {
			return nil
		}
		bs, err := set(t, style, align, el)
		if err != nil {
			return err
		}
		bs[0].keepWithNext = keep
		flow = append(flow, bs...)
		return nil
	}
	// entry adds a line of a contents list: its text indented by indent
	// points, and the page number of the text whose message is target
	// flush with the column's end edge. A trifold has no page numbers.
	entry := func(t resolve.Text, style string, indent float64, target string, el int) error {
		if t.Value == "" {
			return nil
		}
		st := cc.style(style)
		measure := l.MeasurePt() - indent
		var tab *typeset.Line
		if n := cc.plan.pages[target]; n > 0 && !trifold {
			lines, err := cc.setLines(strconv.Itoa(n), st.Family, st.Size, l.MeasurePt(), typeset.Paragraph{Align: typeset.AlignEnd})
			if err != nil {
				return &TextError{ID: t.ID, Lang: p.Lang.String(), Err: err}
			}
			tab = &lines[0]
			measure -= tab.Width + st.Size // an em between the text and its number
		}
		lines, err := cc.setLines(t.Value, st.Family, st.Size, measure, typeset.Paragraph{Align: typeset.AlignStart})
		if err != nil {
			return &TextError{ID: t.ID, Lang: p.Lang.String(), Err: err}
		}
		b := block{lines: lines, style: st, id: t.ID, elem: el, tab: tab}
		if pg.rtl { // indented from the right; the number on the left
			b.x = l.MeasurePt() - indent - measure
		} else {
			b.x = indent
		}
		flow = append(flow, b)
		return nil
	}
	start := typeset.AlignStart

	// Cover.
	pg.newPage()
	steps := []struct {
		t     resolve.Text
		style string
		el    int
	}{
		{p.Museum, "cover_museum", elem("H1", 0, p.Museum)},
		{p.Subtitle, "cover_subtitle", elem("P", 0, p.Subtitle)},
	}
	for _, s := range steps {
		if err := add(s.t, s.style, start, false, s.el); err != nil {
			return nil, err
		}
	}
	pg.place(flow)
	flow = nil
	pg.rule(l.Styles["cover_subtitle"])
	// The floor and what it holds sit in the lower part of the cover, as
	// on a printed guide, not bunched up under the museum's name.
	pg.y = max(pg.y+18, 0.38*l.PageHeightPt())
	title := elem("H1", 0, p.Title) // the kicker ("Floor 2") is part of the title
	for _, s := range []struct {
		t     resolve.Text
		style string
		el    int
	}{
		{p.Kicker, "cover_language", title},
		{p.Title, "cover_floor", title},
		{resolve.Text{ID: "(language name)", Value: p.LangName}, "cover_language", elem("P", 0, resolve.Text{})},
	} {
		if err := add(s.t, s.style, start, false, s.el); err != nil {
			return nil, err
		}
	}
	pg.place(flow)
	flow = nil
	pg.skip(16)
	if !p.Whole {
		if err := add(p.Parts[0].Intro, "cover_intro", start, false, elem("P", 0, p.Parts[0].Intro)); err != nil {
			return nil, err
		}
	}
	if err := add(p.Contents, "contents_heading", start, true, elem("H2", 0, p.Contents)); err != nil {
		return nil, err
	}
	list := elem("L", 0, resolve.Text{})
	for _, e := range contents(p) {
		if err := entry(e.Text, "contents_item", 0, e.Text.ID, elem("LBody", elem("LI", list, resolve.Text{}), e.Text)); err != nil {
			return nil, err
		}
	}
	// The count closes the list: in the list's size, not a heading's.
	if err := add(p.Count, "cover_count", start, false, elem("P", 0, p.Count)); err != nil {
		return nil, err
	}
	pg.place(flow)
	flow = nil

	// The contents page, when the layout fills a page with it: after the
	// cover in a booklet, on the inside flap of a trifold (below).
	contentsPage := func() error {
		pg.newPage()
		if err := add(p.Contents, "visitor_heading", start, true, elem("H2", 0, p.Contents)); err != nil {
			return err
		}
		list := elem("L", 0, resolve.Text{})
		for _, part := range p.Parts {
			if p.Whole {
				h := part.Heading()
				if err := entry(resolve.Text{ID: h.ID, Value: contentsEntry(p, part), Lang: h.Lang}, "contents_heading", 0, h.ID, elem("LBody", elem("LI", list, resolve.Text{}), h)); err != nil {
					return err
				}
			}
			for _, r := range part.Rooms {
				if err := entry(r.Title, "contents_item", 0, r.Title.ID, elem("LBody", elem("LI", list, resolve.Text{}), r.Title)); err != nil {
					return err
				}
				for _, pn := range r.Panels {
					t := pn.Title
					if pn.Plaque != "" { // the number on the wall, to find the panel by
						t.Value = pn.Plaque + "  " + t.Value
					}
					if err := entry(t, "contents_panel", cc.style("contents_item").Size, pn.Title.ID, elem("LBody", elem("LI", list, resolve.Text{}), t)); err != nil {
						return err
					}
				}
			}
		}
		pg.place(flow)
		flow = nil
		return nil
	}
	if slices.Contains(cc.plan.fills, "contents") && !trifold {
		if err := contentsPage(); err != nil {
			return nil, err
		}
	}

	// The parts, their rooms and panels.
	pg.newPage()
	firstFlow := len(pg.doc.Pages)
	pg.record = map[string]int{}
	// items sets visitor information as a list: each item's label and
	// text are a list item's Lbl and LBody.
	items := func(its []resolve.Item) error {
		list := elem("L", 0, resolve.Text{})
		for _, it := range its {
			li := elem("LI", list, resolve.Text{})
			if err := add(it.Label, "visitor_label", start, true, elem("Lbl", li, it.Label)); err != nil {
				return err
			}
			if err := add(it.Text, "visitor_text", start, false, elem("LBody", li, it.Text)); err != nil {
				return err
			}
		}
		return nil
	}
	// A whole-museum pamphlet heads each part with an H2 and an outline
	// entry, and its rooms and panels go one level down.
	room, panel, depth := "H2", "H3", 0
	if p.Whole {
		room, panel, depth = "H3", "H4", 1
	}
	for _, part := range p.Parts {
		if p.Whole {
			head := elem("H2", 0, part.Heading()) // with its numbered name, like the cover's title
			bookmark(head, contentsEntry(p, part), 0)
			if p.Numbered && part.Title.Value != "" {
				if err := add(part.Name, "contents_heading", start, true, head); err != nil {
					return nil, err
				}
			}
			if err := add(part.Heading(), "part", start, true, head); err != nil {
				return nil, err
			}
			if err := add(part.Intro, "body", start, false, elem("P", 0, part.Intro)); err != nil {
				return nil, err
			}
		}
		if err := items(part.Items); err != nil {
			return nil, err
		}
		for _, r := range part.Rooms {
			head := elem(room, 0, r.Title)
			bookmark(head, r.Title.Value, depth)
			if err := add(r.Title, "room", start, true, head); err != nil {
				return nil, err
			}
			if err := add(r.Body, "body", start, false, elem("P", 0, r.Body)); err != nil {
				return nil, err
			}
			for _, pn := range r.Panels {
				if err := add(pn.Title, "panel_title", start, true, elem(panel, 0, pn.Title)); err != nil {
					return nil, err
				}
				if key := PlaqueKey(p, pn); l.Text.PlaqueKey && key.Value != "" {
					if err := add(key, "plaque_key", start, true, elem("P", 0, key)); err != nil {
						return nil, err
					}
				}
				if err := add(pn.Body, "body", start, false, elem("P", 0, pn.Body)); err != nil {
					return nil, err
				}
			}
		}
	}
	pg.place(flow)
	flow = nil
	out := &composed{doc: pg.doc, pages: pg.record, flowPages: len(pg.doc.Pages) - firstFlow + 1, lastLines: len(pg.page().Lines)}
	pg.record = nil

	// The pages that fill the sheets, before the back cover.
	for _, f := range cc.plan.fills {
		switch f {
		case "contents":
			if trifold {
				if err := contentsPage(); err != nil {
					return nil, err
				}
			}
		case "plan":
			pl := floorPlan(p)
			if pl == nil {
				continue
			}
			pg.newPage()
			if err := add(p.Parts[0].Heading(), "visitor_heading", start, true, elem("H2", 0, p.Parts[0].Heading())); err != nil {
				return nil, err
			}
			pg.place(flow)
			flow = nil
			fig := elem("Figure", 0, pl.Alt)
			pg.doc.Elems[fig].Alt = pl.Alt.Value
			pg.image(pl.Image, fig)
		case "notes":
			pg.newPage()
			if err := add(p.Notes, "visitor_heading", start, false, elem("H2", 0, p.Notes)); err != nil {
				return nil, err
			}
			pg.place(flow)
			flow = nil
			pg.ruled(cc.style("body").Leading * 1.6)
		case "colophon":
			pg.newPage()
			if err := add(p.Colophon, "visitor_heading", start, true, elem("H2", 0, p.Colophon)); err != nil {
				return nil, err
			}
			heading := p.Title
			if p.Kicker.Value != "" {
				heading.Value = p.Kicker.Value + " · " + p.Title.Value
			}
			for _, t := range []resolve.Text{p.Museum, p.Subtitle, heading, {ID: "(language name)", Value: p.LangName}, p.Count} {
				if err := add(t, "visitor_text", start, false, elem("P", 0, t)); err != nil {
					return nil, err
				}
			}
			if len(p.Translators) > 0 && p.Translation.Value != "" {
				list := elem("L", 0, resolve.Text{})
				li := elem("LI", list, resolve.Text{})
				if err := add(p.Translation, "visitor_label", start, true, elem("Lbl", li, p.Translation)); err != nil {
					return nil, err
				}
				for _, name := range p.Translators {
					t := resolve.Text{ID: "(translator)", Value: name}
					if err := add(t, "visitor_text", start, false, elem("LBody", li, t)); err != nil {
						return nil, err
					}
				}
			}
			pg.place(flow)
			flow = nil
		}
	}

	// Visitor information on a page of its own, the last one: the back
	// cover, left blank when the museum gives no visitor information.
	pg.newPage()
	if len(p.Items) > 0 {
		if err := add(p.Visitor, "visitor_heading", start, true, elem("H2", 0, p.Visitor)); err != nil {
			return nil, err
		}
	}
	if err := items(p.Items); err != nil {
		return nil, err
	}
	pg.place(flow)

	if trifold { // panels of a leaflet, not the pages of a book
		return out, nil
	}
	folio := l.Styles["folio"]
	number := func(n string) (typeset.Line, error) {
		lines, err := cc.setLines(n, folio.Family, folio.Size, l.MeasurePt(), typeset.Paragraph{Align: typeset.AlignStart})
		if err != nil {
			return typeset.Line{}, err
		}
		return lines[0], nil
	}
	if err := pg.folios(number); err != nil {
		return nil, err
	}
	return out, nil
}

// PlaqueKey is what a translated pamphlet prints under a panel's title
// so that a visitor can match it to the wall: the title as the plaque
// has it, in the source language and tagged so (a screen reader reads it
// in that voice), after the plaque's number when the museum numbers its
// plaques. The number stays a number: the line is all in one language.
// The source language's own pamphlet has no key: its titles are the
// wall's.
func PlaqueKey(p *resolve.Pamphlet, pn resolve.Panel) resolve.Text {
	if p.Lang == p.Source {
		return resolve.Text{}
	}
	if pn.Original.Value == "" {
		return pn.PlaqueLabel
	}
	key := pn.Original
	if pn.Plaque != "" {
		key.Value = pn.Plaque + " · " + key.Value
	}
	return key
}

// style returns a style of the layout. The heading of a part in a
// whole-museum pamphlet ("part") is new: a layout without it uses its
// cover's part heading.
//
// The styles added since are optional too: a layout without them gets
// the nearest style it has. The plaque key falls back to the note; the
// cover's count line to a list item with a half line of space above it
// (it closes the list of rooms); the panels of the contents page to a
// list item in the body's size.
func (cc *composer) style(name string) layout.Style {
	styles := cc.l.Styles
	if st, ok := styles[name]; ok {
		return st
	}
	switch name {
	case "part":
		return styles["cover_floor"]
	case "plaque_key":
		return styles["note"]
	case "cover_count":
		st := styles["contents_item"]
		st.SpaceBefore = st.Leading / 2
		st.Grey = styles["cover_subtitle"].Grey
		return st
	case "contents_panel":
		st := styles["contents_item"]
		st.Size, st.Leading = styles["body"].Size, styles["body"].Leading
		return st
	}
	return styles[name]
}

// contents lists what the cover announces: the rooms of a part, or the
// parts of the whole museum, each by its heading (with its numbered name
// when the museum numbers its parts).
func contents(p *resolve.Pamphlet) []contentsLine {
	var out []contentsLine
	if !p.Whole {
		for _, r := range p.Parts[0].Rooms {
			out = append(out, contentsLine{r.Title})
		}
		return out
	}
	for _, part := range p.Parts {
		t := part.Heading()
		t.Value = contentsEntry(p, part)
		out = append(out, contentsLine{t})
	}
	return out
}

// contentsLine is an entry of the cover's list; its Text's ID is the
// message whose page it refers to.
type contentsLine struct{ Text resolve.Text }

// contentsEntry is how the cover's contents and the outline name a part
// of the whole museum.
func contentsEntry(p *resolve.Pamphlet, part resolve.Part) string {
	if p.Numbered && part.Title.Value != "" {
		return part.Name.Value + " · " + part.Title.Value
	}
	return part.Heading().Value
}

// pager places blocks on pages, top to bottom.
type pager struct {
	l   *layout.Layout
	rtl bool
	doc *page.Document
	y   float64 // top of the free space on the current page
	seq int     // lines placed so far, in reading order
	// record, when set, notes the page each message starts on: the
	// flow's, for the page numbers of the contents.
	record map[string]int
}

func (pg *pager) page() *page.Page {
	if len(pg.doc.Pages) == 0 {
		pg.newPage()
	}
	return &pg.doc.Pages[len(pg.doc.Pages)-1]
}

func (pg *pager) newPage() {
	pg.doc.Pages = append(pg.doc.Pages, page.Page{})
	pg.y = pg.l.TopPt()
}

func (pg *pager) atTop() bool { return pg.y <= pg.l.TopPt()+0.01 }

func (pg *pager) bottom() float64 { return pg.l.PageHeightPt() - pg.l.BottomPt() }

func (pg *pager) skip(pt float64) { pg.y += pt }

// left is the x of the text column on the current page. Odd pages are
// right-hand pages in a left-to-right book, so their inner (binding)
// margin is on the left; a right-to-left book is bound on the right.
func (pg *pager) left() float64 {
	odd := len(pg.doc.Pages)%2 == 1
	if odd != pg.rtl {
		return pg.l.InnerPt()
	}
	return pg.l.OuterPt()
}

// ruleGap is how far a rule under a text moves what follows down.
const ruleGap = 3

// rule draws a hairline under the last placed text.
func (pg *pager) rule(st layout.Style) {
	p := pg.page()
	p.Rules = append(p.Rules, page.Rule{X: pg.left(), Y: pg.y - st.SpaceAfter + 3, Width: pg.l.MeasurePt(), Thickness: 0.5, Grey: 120})
	pg.y += ruleGap
}

// ruled fills the rest of the page with hairlines every gap points, from
// a gap under the last placed text: a page for the visitor's notes.
func (pg *pager) ruled(gap float64) {
	p := pg.page()
	for y := pg.y + gap; y <= pg.bottom(); y += gap {
		p.Rules = append(p.Rules, page.Rule{X: pg.left(), Y: y, Width: pg.l.MeasurePt(), Thickness: 0.3, Grey: 150})
	}
	pg.y = pg.bottom()
}

// image places im in the free space of the page below the last placed
// text, as large as fits with its aspect kept, centred both ways; elem is
// its structure element.
func (pg *pager) image(im *museum.Image, elem int) {
	w, h := pg.l.MeasurePt(), pg.bottom()-pg.y
	if w <= 0 || h <= 0 || im.Width <= 0 || im.Height <= 0 {
		return
	}
	scale := min(w/float64(im.Width), h/float64(im.Height))
	iw, ih := scale*float64(im.Width), scale*float64(im.Height)
	p := pg.page()
	p.Images = append(p.Images, page.Image{
		X: pg.left() + (w-iw)/2, Y: pg.y + (h-ih)/2, W: iw, H: ih,
		Data: im.Data, Format: im.Format, File: im.File,
		Tag: &page.Tag{Elem: elem, Seq: pg.seq},
	})
	pg.seq++
	pg.y = pg.bottom()
}

func height(b block) float64 { return float64(len(b.lines)) * b.style.Leading }

// below is the space a block leaves under its last line: its space after,
// and the rule's gap when it is ruled. Leaving the gap out of need once let
// a ruled room heading fit with "room" for its text that was not there, and
// end a page alone.
func below(b block) float64 {
	if b.style.Rule {
		return b.style.SpaceAfter + ruleGap
	}
	return b.style.SpaceAfter
}

// need is the height that must fit on the page before block i starts: a
// heading takes its successors' first lines along, a paragraph at least
// two lines (no orphan). A paragraph of three lines needs all three: the
// widow rule in place cannot move its last two over without leaving the
// first alone, so breaking it anywhere leaves one line alone.
func need(flow []block, i int) float64 {
	b := flow[i]
	if b.keepWithNext && i+1 < len(flow) {
		return height(b) + below(b) + flow[i+1].style.SpaceBefore + need(flow, i+1)
	}
	n := len(b.lines)
	if n > 3 {
		n = 2
	}
	return float64(n) * b.style.Leading
}

func (pg *pager) place(flow []block) {
	for i, b := range flow {
		if !pg.atTop() {
			pg.y += b.style.SpaceBefore
			if pg.y+need(flow, i) > pg.bottom() {
				pg.newPage()
			}
		}
		for j, line := range b.lines {
			remaining := len(b.lines) - j
			// Keep the last two lines of a paragraph together (no widow).
			if pg.y+b.style.Leading > pg.bottom() || (remaining == 2 && j > 1 && pg.y+2*b.style.Leading > pg.bottom()) {
				pg.newPage()
			}
			baseline := pg.y + (b.style.Leading-b.style.Size)/2 + 0.8*b.style.Size
			pg.placeLine(line, b.x, baseline, b.style.Grey, b.id, b.elem)
			if b.tab != nil && j == len(b.lines)-1 {
				pg.placeLine(*b.tab, b.tabX, baseline, b.style.Grey, b.id, b.elem)
			}
			pg.y += b.style.Leading
		}
		pg.y += b.style.SpaceAfter
		if b.style.Rule {
			pg.rule(b.style)
		}
	}
}

func (pg *pager) placeLine(line typeset.Line, dx, baseline float64, grey int, id string, elem int) {
	p := pg.page()
	if _, ok := pg.record[id]; !ok && pg.record != nil && id != "" {
		pg.record[id] = len(pg.doc.Pages)
	}
	l := placed(line, pg.left()+dx, baseline, grey)
	l.ID = id
	l.Tag = &page.Tag{Elem: elem, Seq: pg.seq}
	pg.seq++
	p.Lines = append(p.Lines, l)
}

// placed moves a line to x on the page.
func placed(line typeset.Line, x, baseline float64, grey int) page.Line {
	pl := page.Line{Y: baseline, Grey: grey}
	for _, r := range line.Runs {
		r.X += x
		pl.Runs = append(pl.Runs, r)
	}
	return pl
}

// folios numbers the inner pages at the foot's outer corner; the front
// and back covers carry no number (a booklet may add blank pages before
// the back cover, which must not leave it numbered out of sequence).
// number sets a page number as a line in the folio style; it is passed in
// so that the pager can be tested without fonts.
func (pg *pager) folios(number func(string) (typeset.Line, error)) error {
	st := pg.l.Styles["folio"]
	for i := 1; i < len(pg.doc.Pages)-1; i++ {
		n := i + 1
		line, err := number(strconv.Itoa(n))
		if err != nil {
			return err
		}
		odd := n%2 == 1
		var x float64
		if odd != pg.rtl { // outer edge on the right
			x = pg.l.PageWidthPt() - pg.l.OuterPt() - line.Width
		} else {
			x = pg.l.OuterPt()
		}
		y := pg.l.PageHeightPt() - pg.l.BottomPt()/2
		pg.doc.Pages[i].Lines = append(pg.doc.Pages[i].Lines, placed(line, x-line.Runs[0].X, y, st.Grey))
	}
	return nil
}
