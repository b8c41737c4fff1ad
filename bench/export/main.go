// Command export writes the text of the sample museum's pamphlets in the
// forms that other typesetters read, so that bench/peers.sh can time
// pamphlet against them on exactly the same words, page size, margins,
// type sizes and font files:
//
//	OUT/LANG-FLOOR.typ   a typst document (compiled with OUT/fonts as its only font path)
//	OUT/LANG-FLOOR.html  an HTML page with CSS paged media, for WeasyPrint
//	OUT/LANG-FLOOR.json  the blocks as data, for bench/barefpdf
//	OUT/fonts/*.ttf      the fonts pamphlet embeds, copied byte for byte
//
// The text comes from pamphlet's own resolver (the museum's policy for
// missing and stale messages applies), and the page structure mirrors
// internal/compose: a cover, the rooms flowing over pages, the visitor
// information on a last page of its own. It is an approximation of
// pamphlet's layout, good enough that every peer sets the same number of
// words into about the same number of pages; it is not meant to match
// pamphlet's output line for line.
//
// Usage:
//
//	go run ./bench/export --out DIR [--lang en,de] [--floor floor1]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"pamphlet/internal/fonts"
	"pamphlet/internal/layout"
	"pamphlet/internal/project"
	"pamphlet/internal/resolve"
)

// Doc is one pamphlet as data: what bench/barefpdf reads, and what the
// typst and HTML writers below are generated from, so the three agree.
type Doc struct {
	Lang  string `json:"lang"`
	Floor string `json:"floor"`
	RTL   bool   `json:"rtl"`
	Title string `json:"title"`
	// Page and margins in millimetres, as layouts/*.toml writes them.
	PageWidth  float64 `json:"page_width_mm"`
	PageHeight float64 `json:"page_height_mm"`
	Top        float64 `json:"margin_top_mm"`
	Bottom     float64 `json:"margin_bottom_mm"`
	Inner      float64 `json:"margin_inner_mm"`
	Outer      float64 `json:"margin_outer_mm"`
	// Families maps a layout family ("text", "strong") to its chain of
	// faces for this language, in fonts.toml's order.
	Families map[string][]FaceRef `json:"families"`
	Styles   map[string]Style     `json:"styles"`
	Blocks   []Block              `json:"blocks"`
}

// FaceRef names one font file (relative to the JSON file) and the family
// name inside it, which is how typst picks a font.
type FaceRef struct {
	Key    string `json:"key"` // the face's key in fonts.toml
	File   string `json:"file"`
	Family string `json:"family"`
	Bold   bool   `json:"bold"`
}

// Style is a layout style in points.
type Style struct {
	Family      string  `json:"family"`
	Size        float64 `json:"size"`
	Leading     float64 `json:"leading"`
	SpaceBefore float64 `json:"space_before"`
	SpaceAfter  float64 `json:"space_after"`
	Grey        int     `json:"grey"`
	Rule        bool    `json:"rule"`
}

// Block is one paragraph in one style.
type Block struct {
	Style string `json:"style"`
	Text  string `json:"text"`
	// NewPage starts the block on a fresh page (rooms, visitor page).
	NewPage bool `json:"new_page,omitempty"`
	// Skip is extra space before the block, in points, beyond the styles'.
	Skip float64 `json:"skip,omitempty"`
	// AtLeast, when above zero, starts the block no higher than that
	// fraction of the page height (the floor title on the cover).
	AtLeast float64 `json:"at_least,omitempty"`
	// RuleAfter draws a hairline under the block even when its style has none.
	RuleAfter bool `json:"rule_after,omitempty"`
}

func main() {
	out := flag.String("out", "", "directory to write the documents into (required)")
	langs := flag.String("lang", "", "languages, comma-separated (default: all)")
	floors := flag.String("floor", "", "floors, comma-separated (default: all)")
	flag.Parse()
	if err := run(*out, split(*langs), split(*floors)); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		os.Exit(1)
	}
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func run(out string, langs, floors []string) error {
	if out == "" {
		return fmt.Errorf("--out DIR is required")
	}
	p, err := project.Open("")
	if err != nil {
		return err
	}
	if langs == nil {
		langs = p.Languages()
	}
	if floors == nil {
		floors = p.Museum.PartIDs()
	}
	if err := os.MkdirAll(filepath.Join(out, "fonts"), 0o755); err != nil {
		return err
	}
	// The fonts are copied out of pamphlet's own file system, so every peer
	// draws with the very bytes pamphlet embeds.
	ttfs, err := fs.Glob(p.FS, fonts.Dir+"/*.ttf")
	if err != nil {
		return err
	}
	for _, f := range ttfs {
		data, err := fs.ReadFile(p.FS, f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "fonts", path.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	r := &resolve.Resolver{Museum: p.Museum, Catalogs: p.Catalogs, Furniture: p.Furniture, Policy: p.Museum.Policy}
	n := 0
	for _, lang := range langs {
		for _, floor := range floors {
			pam, err := r.Pamphlet(lang, floor)
			if err != nil {
				return err
			}
			d, err := docOf(p, pam)
			if err != nil {
				return err
			}
			base := filepath.Join(out, lang+"-"+floor)
			js, err := json.MarshalIndent(d, "", " ")
			if err != nil {
				return err
			}
			for ext, data := range map[string][]byte{".json": js, ".typ": []byte(typst(d)), ".html": []byte(htmlOf(d))} {
				if err := os.WriteFile(base+ext, data, 0o644); err != nil {
					return err
				}
			}
			n++
		}
	}
	fmt.Printf("export: %d pamphlet(s) written to %s\n", n, out)
	return nil
}

// rtlLangs are the sample's right-to-left languages. The exporter does not
// ask the typesetter (which knows) so as to stay out of its internals.
var rtlLangs = []string{"ar", "he", "fa", "ur"}

func docOf(p *project.Project, pam *resolve.Pamphlet) (*Doc, error) {
	l := p.Layout
	base, _ := pam.Lang.Base()
	d := &Doc{
		Lang: pam.Lang.String(), Floor: pam.ID, RTL: slices.Contains(rtlLangs, base.String()),
		Title:     pam.Museum.Value + " – " + pam.Title.Value,
		PageWidth: l.Page.Width, PageHeight: l.Page.Height,
		Top: l.Margins.Top, Bottom: l.Margins.Bottom, Inner: l.Margins.Inner, Outer: l.Margins.Outer,
		Families: map[string][]FaceRef{}, Styles: map[string]Style{},
	}
	for _, fam := range p.Fonts.Families() {
		chain, err := p.Fonts.Chain(pam.Lang, fam)
		if err != nil {
			return nil, err
		}
		for _, f := range chain {
			desc := f.Font().Describe()
			d.Families[fam] = append(d.Families[fam], FaceRef{
				Key: f.Name, File: "fonts/" + path.Base(f.File), Family: desc.Family,
				Bold: fam == "strong",
			})
		}
	}
	for name, s := range l.Styles {
		d.Styles[name] = styleOf(s)
	}
	add := func(t resolve.Text, style string, b Block) {
		b.Style, b.Text = style, t.Value
		d.Blocks = append(d.Blocks, b)
		if t.Note != "" {
			d.Blocks = append(d.Blocks, Block{Style: "note", Text: t.Note})
		}
	}
	// Cover, as internal/compose lays it out.
	add(pam.Museum, "cover_museum", Block{})
	add(pam.Subtitle, "cover_subtitle", Block{RuleAfter: true})
	add(pam.Title, "cover_floor", Block{AtLeast: 0.38, Skip: 18})
	add(resolve.Text{Value: pam.LangName}, "cover_language", Block{})
	add(pam.Parts[0].Intro, "cover_intro", Block{Skip: 16})
	add(pam.Contents, "contents_heading", Block{})
	for _, r := range pam.Parts[0].Rooms {
		add(r.Title, "contents_item", Block{})
	}
	add(pam.Count, "cover_subtitle", Block{})
	// Rooms and panels.
	for i, r := range pam.Parts[0].Rooms {
		add(r.Title, "room", Block{NewPage: i == 0})
		for _, pn := range r.Panels {
			add(pn.Title, "panel_title", Block{})
			add(pn.Body, "body", Block{})
		}
	}
	// The visitor page.
	add(pam.Visitor, "visitor_heading", Block{NewPage: true})
	for _, it := range pam.Items {
		add(it.Label, "visitor_label", Block{})
		add(it.Text, "visitor_text", Block{})
	}
	return d, nil
}

func styleOf(s layout.Style) Style {
	return Style{Family: s.Family, Size: s.Size, Leading: s.Leading, SpaceBefore: s.SpaceBefore, SpaceAfter: s.SpaceAfter, Grey: s.Grey, Rule: s.Rule}
}

// gap is the space between block i-1 and block i: pamphlet adds the first
// one's space after and the second one's space before (CSS would collapse
// them, typst would take the larger), so the writers below are given the
// sum as one length that vanishes at the top of a page.
func (d *Doc) gap(i int) float64 {
	b := d.Blocks[i]
	g := d.Styles[b.Style].SpaceBefore + b.Skip
	if i > 0 {
		g += d.Styles[d.Blocks[i-1].Style].SpaceAfter
	}
	return g
}

// ruled reports whether a hairline follows block i.
func (d *Doc) ruled(i int) bool { return d.Blocks[i].RuleAfter || d.Styles[d.Blocks[i].Style].Rule }

// ruleGap is how far below a text pamphlet draws its rule, in points.
const ruleGap = 3.0

// typstString quotes s as a typst string literal, so that no character of
// a translation is read as markup.
func typstString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "", "\t", " ")
	return `"` + r.Replace(s) + `"`
}

func typstFonts(refs []FaceRef) string {
	var names []string
	for _, f := range refs {
		if !slices.Contains(names, typstString(f.Family)) {
			names = append(names, typstString(f.Family))
		}
	}
	return "(" + strings.Join(names, ", ") + ",)"
}

func typst(d *Doc) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("// %s-%s: generated by bench/export from pamphlet's resolved text; do not edit.\n", d.Lang, d.Floor)
	w("#set document(title: %s)\n", typstString(d.Title))
	// binding follows the text direction (typst's default), so inside and
	// outside swap for right-to-left pamphlets as pamphlet's do.
	w("#set page(width: %gmm, height: %gmm, margin: (top: %gmm, bottom: %gmm, inside: %gmm, outside: %gmm),\n",
		d.PageWidth, d.PageHeight, d.Top, d.Bottom, d.Inner, d.Outer)
	fo := d.Styles["folio"]
	// Folios at the foot's outer corner, none on the two covers.
	outer, inner := "right", "left"
	if d.RTL {
		outer, inner = inner, outer
	}
	w("  footer: context { let n = counter(page).get().first(); if n > 1 and n < counter(page).final().first() {\n")
	w("    align(if calc.odd(n) { %s } else { %s }, text(font: %s, size: %gpt, fill: luma(%d), str(n))) } })\n",
		outer, inner, typstFonts(d.Families[fo.Family]), fo.Size, fo.Grey)
	// Line boxes exactly one em tall make typst's leading (the gap between
	// lines) leading minus size, i.e. pamphlet's baseline-to-baseline leading.
	w("#set text(lang: %s, top-edge: 0.8em, bottom-edge: -0.2em)\n", typstString(baseLang(d.Lang)))
	w("#set par(justify: false, spacing: 0pt)\n")
	w("#set block(above: 0pt, below: 0pt)\n")
	for i, bl := range d.Blocks {
		st := d.Styles[bl.Style]
		if bl.NewPage {
			w("#pagebreak()\n")
		}
		if g := d.gap(i); g > 0 && !bl.NewPage {
			w("#v(%gpt, weak: true)\n", g)
		}
		if bl.AtLeast > 0 {
			w("#context { let y = here().position().y; v(calc.max(0pt, %g * %gmm - y)) }\n", bl.AtLeast, d.PageHeight)
		}
		weight := "regular"
		if st.Family == "strong" {
			weight = "bold"
		}
		w("#block(width: 100%%, { set text(font: %s, weight: %q, size: %gpt, fill: luma(%d)); set par(leading: %gpt); %s })\n",
			typstFonts(d.Families[st.Family]), weight, st.Size, st.Grey, st.Leading-st.Size, typstString(bl.Text))
		if d.ruled(i) {
			w("#v(%gpt)\n#line(length: 100%%, stroke: 0.5pt + luma(120))\n", ruleGap)
		}
	}
	return b.String()
}

func baseLang(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}

// cssFonts is a CSS font-family list of the faces' @font-face names.
func cssFonts(refs []FaceRef) string {
	var names []string
	for _, f := range refs {
		names = append(names, fmt.Sprintf("%q", "pf-"+f.Key))
	}
	return strings.Join(names, ", ")
}

func htmlOf(d *Doc) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	dir := "ltr"
	if d.RTL {
		dir = "rtl"
	}
	w("<!DOCTYPE html>\n<!-- %s-%s: generated by bench/export from pamphlet's resolved text; do not edit. -->\n", d.Lang, d.Floor)
	w("<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title><style>\n", d.Lang, dir, html.EscapeString(d.Title))
	// One @font-face per face of fonts.toml, under its own key, so the CSS
	// chains name exactly pamphlet's faces in pamphlet's order (the
	// synthetic-bold CJK face is the regular file, as in pamphlet).
	seen := map[string]bool{}
	for _, fam := range []string{"strong", "text"} {
		for _, f := range d.Families[fam] {
			if !seen[f.Key] {
				seen[f.Key] = true
				w("@font-face { font-family: %q; src: url(%q); }\n", "pf-"+f.Key, f.File)
			}
		}
	}
	fo := d.Styles["folio"]
	folio := fmt.Sprintf("content: counter(page); font-family: %s; font-size: %gpt; color: rgb(%d,%d,%d);", cssFonts(d.Families[fo.Family]), fo.Size, fo.Grey, fo.Grey, fo.Grey)
	// A right page has the binding on its left; CSS makes the first page a
	// right page in a left-to-right document and a left page in a
	// right-to-left one, which is where pamphlet puts the binding too.
	w("@page { size: %gmm %gmm; margin-top: %gmm; margin-bottom: %gmm; }\n", d.PageWidth, d.PageHeight, d.Top, d.Bottom)
	w("@page :right { margin-left: %gmm; margin-right: %gmm; @bottom-right { %s } }\n", d.Inner, d.Outer, folio)
	w("@page :left { margin-left: %gmm; margin-right: %gmm; @bottom-left { %s } }\n", d.Outer, d.Inner, folio)
	w("@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }\n")
	w("@page back { @bottom-left { content: none; } @bottom-right { content: none; } }\n")
	w("body { margin: 0; }\np { margin: 0; }\n.back { page: back; }\n.newpage { break-before: page; }\n")
	w(".rule { border-bottom: 0.5pt solid rgb(120,120,120); padding-bottom: %gpt; }\n", ruleGap)
	// The cover's upper part reaches down to pamphlet's 38%% line, or the
	// floor's skip below its text if that is lower.
	at := 0.0
	for _, bl := range d.Blocks {
		if bl.AtLeast > 0 {
			// Worked out here: WeasyPrint 57 (Debian 12) has no calc().
			w(".cover-top { box-sizing: border-box; min-height: %.2fmm; padding-bottom: %gpt; }\n", bl.AtLeast*d.PageHeight-d.Top, bl.Skip)
			at = bl.Skip
			break
		}
	}
	names := make([]string, 0, len(d.Styles))
	for n := range d.Styles {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		st := d.Styles[n]
		// font-weight stays normal: the strong chain's faces are bold
		// files already, and asking for bold would make WeasyPrint
		// embolden them a second time.
		w(".s-%s { font-family: %s; font-size: %gpt; line-height: %gpt; color: rgb(%d,%d,%d); }\n",
			n, cssFonts(d.Families[st.Family]), st.Size, st.Leading, st.Grey, st.Grey, st.Grey)
	}
	w("</style></head><body>\n<div class=\"cover-top\">\n")
	open := "cover"
	for i, bl := range d.Blocks {
		if bl.AtLeast > 0 {
			w("</div>\n")
		}
		if bl.NewPage {
			if open == "rooms" {
				w("</div>\n")
			}
			open = "rooms"
			cls := "newpage"
			if bl.Style == "visitor_heading" {
				cls += " back"
			}
			w("<div class=\"%s\">\n", cls)
		}
		cls := "s-" + bl.Style
		if d.ruled(i) {
			cls += " rule"
		}
		g := d.gap(i)
		if bl.NewPage {
			g = 0
		}
		if bl.AtLeast > 0 {
			g -= at
		}
		w("<p class=\"%s\" style=\"margin-top: %gpt\">%s</p>\n", cls, g, html.EscapeString(bl.Text))
	}
	w("</div>\n</body></html>\n")
	return b.String()
}
