package editor

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/compose"
	"pamphlet/internal/museum"
	"pamphlet/internal/page"
	"pamphlet/internal/policy"
	"pamphlet/internal/resolve"
	"pamphlet/internal/status"
)

// Preview is the panel as it will print: the pages of the pamphlet that
// hold the message, typeset by the real composer in the museum's layout
// and fonts, drawn as SVG.
type Preview struct {
	Part  string        `json:"part"` // the pamphlet: a part's ID, or the museum's for a whole-museum one
	Pages []PreviewPage `json:"pages"`
	// PageCount is the pamphlet's length with the draft, SavedPageCount
	// with the text on disk; when they differ the page says so.
	PageCount      int    `json:"pageCount"`
	SavedPageCount int    `json:"savedPageCount"`
	Note           string `json:"note,omitempty"`
	Error          string `json:"error,omitempty"` // the text cannot be set: the composer's words
}

// PreviewPage is one page, numbered from 1.
type PreviewPage struct {
	Number int    `json:"number"`
	SVG    string `json:"svg"`
}

// pamphletOf is the pamphlet that prints a message: its part's, else
// (the cover, the back page) the first part's; the whole museum's when the
// museum prints one pamphlet.
func pamphletOf(m *museum.Museum, id string) string {
	if m.Scope == museum.ScopeWhole {
		return m.ID
	}
	if part, ok := status.GroupOf(m)[id]; ok {
		return part
	}
	return m.Parts[0].ID
}

// previewPolicy is the museum's policy, softened so that a language in
// progress can be previewed at all: what a build would refuse is printed
// as `--missing=source` and `--stale=mark` would.
func previewPolicy(p policy.Policy) policy.Policy {
	p = p.WithDefaults()
	if p.Missing == policy.MissingFail {
		p.Missing = policy.MissingSource
	}
	if p.Stale == policy.StaleFail {
		p.Stale = policy.StaleMark
	}
	return p
}

// compose lays out the pamphlet holding the message, with the draft in
// place of the catalog's text (nil forms: the catalog as it is).
func (s *Server) compose(st *state, tag language.Tag, lang, id string, forms map[string]string) (*page.Document, string, error) {
	m := st.p.Museum
	src := st.p.Catalogs[m.Source]
	cat := st.catalog(tag, lang)
	if forms != nil {
		c := *cat
		c.Messages = maps.Clone(cat.Messages)
		filled := map[string]string{}
		for f, t := range forms {
			if t != "" {
				filled[f] = t
			}
		}
		if len(filled) == 0 {
			delete(c.Messages, id)
		} else {
			c.Messages[id] = &i18n.Message{ID: id, Hash: i18n.SourceHash(src.Messages[id]), Forms: filled}
		}
		cat = &c
	}
	cats := maps.Clone(st.p.Catalogs)
	cats[lang] = cat
	r := &resolve.Resolver{Museum: m, Catalogs: cats, Furniture: st.p.Furniture, Policy: previewPolicy(m.Policy)}
	part := pamphletOf(m, id)
	var pam *resolve.Pamphlet
	var err error
	if m.Scope == museum.ScopeWhole {
		pam, err = r.Whole(lang)
	} else {
		pam, err = r.Pamphlet(lang, part)
	}
	if err != nil {
		return nil, part, err
	}
	doc, err := (&compose.Composer{Layout: st.p.Layout, Fonts: st.p.Fonts}).Compose(pam)
	return doc, part, err
}

// preview composes the pamphlet with and without the draft and draws the
// pages that print the message.
func (s *Server) preview(st *state, tag language.Tag, lang string, d Draft) (*Preview, error) {
	if st.p.Catalogs[st.p.Museum.Source].Messages[d.ID] == nil {
		return nil, &httpError{code: 404, err: errUnknownMessage(d.ID)}
	}
	forms := d.Forms
	if forms == nil {
		forms = map[string]string{}
	}
	doc, part, err := s.compose(st, tag, lang, d.ID, forms)
	pv := &Preview{Part: part, Pages: []PreviewPage{}}
	if err != nil {
		var te *compose.TextError
		if errors.As(err, &te) {
			pv.Error = te.Err.Error()
		} else {
			pv.Error = err.Error()
		}
		return pv, nil
	}
	pv.PageCount = len(doc.Pages)
	if saved, _, err := s.compose(st, tag, lang, d.ID, nil); err == nil {
		pv.SavedPageCount = len(saved.Pages)
	}
	for i, pg := range doc.Pages {
		if holds(pg, d.ID) {
			pv.Pages = append(pv.Pages, PreviewPage{Number: i + 1, SVG: svg(doc, pg, d.ID)})
		}
	}
	switch {
	case len(pv.Pages) == 0:
		pv.Note = "This text is not printed in the pamphlet of " + part + "."
	case pv.SavedPageCount > 0 && pv.PageCount > pv.SavedPageCount:
		pv.Note = fmt.Sprintf("This text makes the pamphlet longer: %d pages instead of %d.", pv.PageCount, pv.SavedPageCount)
	case pv.SavedPageCount > 0 && pv.PageCount < pv.SavedPageCount:
		pv.Note = fmt.Sprintf("This text makes the pamphlet shorter: %d pages instead of %d.", pv.PageCount, pv.SavedPageCount)
	}
	return pv, nil
}

func holds(pg page.Page, id string) bool {
	for _, l := range pg.Lines {
		if l.ID == id {
			return true
		}
	}
	return false
}

// svg draws one page: each run as a <text> in its font (served from
// /fonts/), at its position and size, its glyphs in the order the
// typesetter put them (bidi-override: the runs are already in visual
// order, and Arabic already shaped into presentation forms), stretched to
// the width the typesetter measured so that the browser's own metrics
// cannot move a line break. The message's lines are highlighted.
func svg(doc *page.Document, pg page.Page, id string) string {
	var b strings.Builder
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" class="page" role="img">`, f(doc.Width), f(doc.Height))
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#fff"/>`, f(doc.Width), f(doc.Height))
	for _, l := range pg.Lines {
		if l.ID != id || len(l.Runs) == 0 {
			continue
		}
		x0, x1, size := l.Runs[0].X, l.Runs[0].X, 0.0
		for _, r := range l.Runs {
			x0, x1, size = min(x0, r.X), max(x1, r.X+r.Width), max(size, r.Size)
		}
		fmt.Fprintf(&b, `<rect class="mark" x="%s" y="%s" width="%s" height="%s" fill="#fff3b0"/>`, f(x0-2), f(l.Y-0.9*size), f(x1-x0+4), f(1.2*size))
	}
	for _, r := range pg.Rules {
		g := strconv.Itoa(r.Grey)
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="rgb(%s,%s,%s)"/>`, f(r.X), f(r.Y-r.Thickness/2), f(r.Width), f(r.Thickness), g, g, g)
	}
	for _, l := range pg.Lines {
		g := strconv.Itoa(l.Grey)
		for _, r := range l.Runs {
			if r.Text == "" {
				continue
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-family='%s' font-size="%s" fill="rgb(%s,%s,%s)"`, f(r.X), f(l.Y), escapeXML(cssFont(r.Font.Name)), f(r.Size), g, g, g)
			if r.Width > 0 {
				fmt.Fprintf(&b, ` textLength="%s" lengthAdjust="spacingAndGlyphs"`, f(r.Width))
			}
			if r.Embolden > 0 {
				fmt.Fprintf(&b, ` stroke="rgb(%s,%s,%s)" stroke-width="%s"`, g, g, g, f(r.Embolden*r.Size))
			}
			b.WriteString(`>`)
			b.WriteString(escapeXML(r.Text))
			b.WriteString(`</text>`)
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func escapeXML(s string) string { return xmlEscaper.Replace(s) }
