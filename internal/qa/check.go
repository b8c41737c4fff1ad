package qa

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
	"pamphlet/internal/fonts"
	"pamphlet/internal/furniture"
	"pamphlet/internal/layout"
	"pamphlet/internal/museum"
	"pamphlet/internal/typeset"
)

// SchemaVersion is Result.Schema; it changes only if a field changes
// meaning or disappears.
const SchemaVersion = 1

// Finding is one problem found in one catalog. It is the unit of the
// JSON output of `pamphlet check --json`.
type Finding struct {
	File     string   `json:"file"`           // e.g. "locales/pl.toml"
	Line     int      `json:"line,omitempty"` // 1-based; 0 when the whole file is meant
	ID       string   `json:"id,omitempty"`   // message ID, "" for a file-level finding
	Lang     string   `json:"lang"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Reason is set on silenced findings: the [_meta.ignore] reason.
	Reason string `json:"reason,omitempty"`
}

func (f Finding) String() string {
	where := f.File
	if f.Line > 0 {
		where = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	subject := f.Lang
	if f.ID != "" {
		subject += " " + f.ID
	}
	return fmt.Sprintf("%s: %s: [%s] %s: %s", where, f.Severity, f.Rule, subject, f.Message)
}

// Result is the output of `pamphlet check --json`.
type Result struct {
	Schema   int `json:"schema"`
	Catalogs int `json:"catalogs"` // catalogs checked
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Findings are sorted by file, line, rule.
	Findings []Finding `json:"findings"`
	// Silenced are findings a catalog's [_meta.ignore] silenced, with the
	// reason it gives; they do not count as errors or warnings.
	Silenced []Finding `json:"silenced"`

	// Parsed catalogs, for callers that go on to use them; the ones
	// with a syntax finding are absent.
	Parsed map[string]*i18n.Catalog `json:"-"`
}

// Input is what Check reads. Fonts and Layout may be nil: the rules that
// need them are then skipped.
type Input struct {
	Museum *museum.Museum
	// Files maps catalog paths (locales/xx.toml) to their bytes.
	Files  map[string][]byte
	Fonts  *fonts.Set
	Layout *layout.Layout
}

// Load reads a museum's catalogs, fonts and layout for Check. Only
// museum.toml must be readable; a broken fonts.toml or layout is returned
// as an error, a broken catalog becomes a syntax finding.
func Load(fsys fs.FS) (*Input, error) { return LoadFrom(fsys, nil) }

// LoadFrom is Load for a museum whose font files builtin tells apart
// (fonts.Set.Builtin): the program's own are read when a check needs
// them, not all before it starts.
func LoadFrom(fsys fs.FS, builtin func(file string) bool) (*Input, error) {
	m, err := museum.Load(fsys)
	if err != nil {
		return nil, err
	}
	in := &Input{Museum: m, Files: map[string][]byte{}}
	files, err := i18n.List(fsys)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		in.Files[f.Path] = data
	}
	if in.Fonts, err = fonts.Open(fsys); err != nil {
		return nil, err
	}
	in.Fonts.Builtin = builtin
	// The test-embed build runs too, so that check passes no font that
	// build then refuses.
	if err := in.Fonts.Embeddable(); err != nil {
		return nil, err
	}
	if in.Layout, err = layout.Load(fsys, m.Layout); err != nil {
		return nil, err
	}
	return in, nil
}

// Check runs every rule on every catalog.
func Check(in *Input) *Result {
	res, _ := CheckAgain(in, "", nil)
	return res
}

// Earlier are one check's findings on each catalog, by a key of all they
// depend on (see CheckAgain).
type Earlier map[string]CatalogFindings

// CatalogFindings are the findings, and the silenced ones, of one catalog.
type CatalogFindings struct {
	Findings []Finding `json:"findings"`
	Silenced []Finding `json:"silenced"`
}

// CheckAgain is Check for a museum checked before: a catalog's findings
// depend only on its bytes, the source catalog's, and what common
// fingerprints (the program and the museum's files other than its
// catalogs: museum.toml, the layout, the fonts); a catalog whose key is
// in earlier gets its findings from there, unparsed, and is not checked
// again. With common "" nothing is reused. It returns the result and
// every catalog's findings by key, for the next check. The result's
// Parsed holds only the catalogs it parsed.
func CheckAgain(in *Input, common string, earlier Earlier) (*Result, Earlier) {
	c := &checker{in: in, res: &Result{Schema: SchemaVersion, Parsed: map[string]*i18n.Catalog{}}}
	paths := make([]string, 0, len(in.Files))
	for p := range in.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	srcPath := ""
	for _, p := range paths {
		if tag, err := language.Parse(strings.TrimSuffix(path.Base(p), ".toml")); err == nil && tag.String() == in.Museum.Source {
			srcPath = p
		}
	}
	keys := make([]string, len(paths))
	reused := make([]bool, len(paths))
	again := false // a catalog other than the source is checked again
	for i, p := range paths {
		if common == "" {
			continue
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\n%q\n%x\n%x\n", common, p, sha256.Sum256(in.Files[p]), sha256.Sum256(in.Files[srcPath]))
		keys[i] = hex.EncodeToString(h.Sum(nil))
		_, reused[i] = earlier[keys[i]]
		again = again || !reused[i] && p != srcPath
	}
	// Parsing is most of what check costs on a small museum: parse the
	// catalogs in parallel, then report in path order. The source is
	// parsed whenever another catalog is checked: they are compared.
	cats := make([]*i18n.Catalog, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		if reused[i] && !(again && p == srcPath) {
			continue
		}
		wg.Go(func() { cats[i], errs[i] = i18n.Parse(p, in.Files[p]) })
	}
	wg.Wait()
	own := make([]*checker, len(paths)) // each catalog's findings, by a checker of its own
	for i, p := range paths {
		c.res.Catalogs++
		if reused[i] {
			if cats[i] != nil {
				c.res.Parsed[cats[i].Lang.String()] = cats[i]
			}
			continue
		}
		own[i] = &checker{in: in, res: &Result{}}
		cat, err := cats[i], errs[i]
		if err != nil {
			f := Finding{File: p, Lang: strings.TrimSuffix(path.Base(p), ".toml"), Rule: Syntax, Severity: Error, Message: err.Error()}
			var pe *i18n.ParseError
			if errors.As(err, &pe) {
				f.Line, f.Message = pe.Line, pe.Msg
			}
			own[i].res.Findings = append(own[i].res.Findings, f)
			continue
		}
		c.res.Parsed[cat.Lang.String()] = cat
		if f := (i18n.File{Path: p, Lang: cat.Lang.String()}); !f.Canonical() {
			own[i].res.Findings = append(own[i].res.Findings, Finding{File: p, Lang: f.Lang, Rule: FileName, Severity: Warning,
				Message: fmt.Sprintf("name the catalog by its language's canonical tag: mv %s %s", p, f.CanonicalPath())})
		}
	}
	src := c.res.Parsed[in.Museum.Source]
	// The catalogs are checked in parallel, each by its own checker (its
	// typesetter and glyph verdicts are its language's), and their
	// findings gathered in path order.
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range paths {
		if own[i] == nil || cats[i] == nil {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			own[i].catalog(cats[i], src)
			own[i].furniture(cats[i], src)
		})
	}
	wg.Wait()
	next := Earlier{}
	for i := range paths {
		var f CatalogFindings
		if reused[i] {
			f = earlier[keys[i]]
		} else {
			f = CatalogFindings{Findings: own[i].res.Findings, Silenced: own[i].res.Silenced}
		}
		if keys[i] != "" {
			next[keys[i]] = f
		}
		c.res.Findings = append(c.res.Findings, f.Findings...)
		c.res.Silenced = append(c.res.Silenced, f.Silenced...)
	}
	sortFindings(c.res.Findings)
	sortFindings(c.res.Silenced)
	for _, f := range c.res.Findings {
		if f.Severity == Error {
			c.res.Errors++
		} else {
			c.res.Warnings++
		}
	}
	if c.res.Findings == nil {
		c.res.Findings = []Finding{}
	}
	if c.res.Silenced == nil {
		c.res.Silenced = []Finding{}
	}
	return c.res, next
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Rule < b.Rule
	})
}

type checker struct {
	in  *Input
	res *Result
	// glyphErr remembers each language's verdict on a rune and family:
	// the same letters come back in every message, and check must stay
	// fast enough to run on every save (the editor) and in CI.
	glyphErr map[glyphKey]*glyphMemo
	msgs     uint32 // messages seen by glyphs, to stamp the memos
}

// glyphKey is a family (its index in the families checked) in one
// language's typesetter.
type glyphKey struct {
	s   *typeset.Setter
	fam int
}

// glyphMemo is one family's verdicts on the Basic Multilingual Plane, in
// flat arrays rather than maps (a check looks up every character of
// every message): state is 0 unknown, 1 drawable, 2 not, with the error
// in errs; stamp is the last message that reported the rune, so each is
// reported once per message. Runes past the plane go through errs and
// a per-message set.
type glyphMemo struct {
	state []uint8
	stamp []uint32
	errs  map[rune]error
}

// furniture checks that a language has the tool's own words the museum
// prints (the contents heading, counts, notes, part names, visitor
// labels): from the bundled furniture, or from its own catalog. A
// language the furniture does not cover must give them itself, or its
// pamphlets cannot be built; the finding names the messages to add.
func (c *checker) furniture(cat, src *i18n.Catalog) {
	furn := furniture.Shared()
	for t := cat.Lang; t != language.Und; t = t.Parent() {
		if furn.Catalog(t.String()) != nil {
			return
		}
	}
	var missing []string
	for _, id := range FurnitureUsed(c.in.Museum) {
		if cat.Messages[id] == nil {
			english := ""
			if en := furn.Catalog("en"); en != nil && en.Messages[id] != nil {
				english = en.Messages[id].Text()
			}
			missing = append(missing, fmt.Sprintf("%s (%q)", id, english))
		}
	}
	if len(missing) == 0 {
		return
	}
	c.report(cat, "", 1, Furniture, "the tool's own words are not bundled for %s: add these messages to %s, each as [\"ID\"] with other = \"…\" in %s (the English in brackets): %s",
		cat.Lang, cat.Path, display.English.Tags().Name(cat.Lang), strings.Join(missing, ", "))
}

// FurnitureUsed lists the tool's own messages a museum's pamphlets print.
func FurnitureUsed(m *museum.Museum) []string {
	ids := []string{"ui.contents", "ui.untranslated", "ui.stale", "ui.part." + string(m.Kind)}
	switch m.Count {
	case "panels":
		ids = append(ids, "ui.panel_count")
	case "rooms":
		ids = append(ids, "ui.room_count")
	case "stops":
		ids = append(ids, "ui.stop_count")
	}
	if m.Scope == museum.ScopeWhole {
		ids = append(ids, "ui.whole")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	for _, t := range m.Texts() {
		if t.Furniture && !seen[t.ID] {
			seen[t.ID] = true
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// report files a finding, or a silenced one if the catalog says so.
func (c *checker) report(cat *i18n.Catalog, id string, line int, rule, format string, args ...any) {
	r, _ := RuleByName(rule)
	f := Finding{File: cat.Path, Line: line, ID: id, Lang: cat.Lang.String(), Rule: rule, Severity: r.Severity, Message: fmt.Sprintf(format, args...)}
	if ig, ok := cat.Ignored(id, rule); ok && id != "" {
		f.Reason = ig.Reason
		c.res.Silenced = append(c.res.Silenced, f)
		return
	}
	c.res.Findings = append(c.res.Findings, f)
}

func (c *checker) catalog(cat, src *i18n.Catalog) {
	isSource := cat == src
	setter, families := c.setter(cat.Lang)
	for _, id := range cat.IDs() {
		m := cat.Messages[id]
		c.text(cat, m)
		if setter != nil {
			c.glyphs(cat, m, setter, families)
			c.width(cat, m, setter)
		}
		if isSource || src == nil {
			continue
		}
		s, ok := src.Messages[id]
		if !ok {
			c.report(cat, id, m.Line, UnknownID, "%s has no message %q: check the ID's spelling, or delete the message if the plaque is gone", src.Path, id)
			continue
		}
		if strings.TrimSpace(m.Text()) == "" && len(m.Forms) <= 1 {
			continue // empty: reported; nothing to compare
		}
		c.compare(cat, s, m)
	}
	c.meta(cat, src)
}

// text: empty forms, whitespace and invisible controls.
func (c *checker) text(cat *i18n.Catalog, m *i18n.Message) {
	if len(m.Forms) == 0 {
		c.report(cat, m.ID, m.Line, Empty, "the message has no text: write it in `other = \"…\"`, or delete the message if it is not translated yet")
		return
	}
	for _, form := range i18n.PluralForms {
		t, ok := m.Forms[form]
		if !ok {
			continue
		}
		if strings.TrimSpace(t) == "" {
			c.report(cat, m.ID, m.Line, Empty, "the %q form is blank", form)
			continue
		}
		switch {
		case strings.TrimLeftFunc(t, unicode.IsSpace) != t:
			c.report(cat, m.ID, m.Line, Whitespace, "the %q form starts with whitespace", form)
		case strings.TrimRightFunc(t, unicode.IsSpace) != t:
			c.report(cat, m.ID, m.Line, Whitespace, "the %q form ends with whitespace", form)
		}
		if strings.Contains(t, "  ") {
			c.report(cat, m.ID, m.Line, Whitespace, "the %q form has two spaces in a row", form)
		}
		for _, p := range i18n.Controls(t) {
			c.report(cat, m.ID, m.Line, Controls, "the %q form has %s", form, p)
		}
	}
}

var placeholderRE = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)

func placeholders(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		out["{{"+strings.Join(strings.Fields(m[1]), " ")+"}}"] = true
	}
	return out
}

var tagRE = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>`)

// markup lists a text's tags as a sorted multiset of "<b>", "</b>" (tag
// names only; attributes are the translator's business).
func markup(s string) []string {
	var out []string
	for _, t := range tagRE.FindAllString(s, -1) {
		name := strings.TrimLeft(t[1:], "/")
		if i := strings.IndexFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); i >= 0 {
			name = name[:i]
		}
		if strings.HasPrefix(t, "</") {
			name = "/" + name
		}
		out = append(out, "<"+strings.ToLower(name)+">")
	}
	sort.Strings(out)
	return out
}

func (c *checker) compare(cat *i18n.Catalog, s, m *i18n.Message) {
	// Placeholders: every one of the source's "other" form must be in the
	// translation's; no form may use one the source does not have.
	srcAll := map[string]bool{}
	for _, t := range s.Forms {
		for p := range placeholders(t) {
			srcAll[p] = true
		}
	}
	have := placeholders(m.Text())
	var lacking []string
	for p := range placeholders(s.Text()) {
		if !have[p] {
			lacking = append(lacking, p)
		}
	}
	if len(lacking) > 0 {
		sort.Strings(lacking)
		c.report(cat, m.ID, m.Line, Placeholders, "the translation lacks %s, which the source has: copy it unchanged into the text", strings.Join(lacking, ", "))
	}
	var unknown []string
	for _, form := range i18n.PluralForms {
		for p := range placeholders(m.Forms[form]) {
			if !srcAll[p] && !contains(unknown, p) {
				unknown = append(unknown, p)
			}
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		c.report(cat, m.ID, m.Line, Placeholders, "the translation has %s, which the source does not: placeholders must be copied exactly, not translated", strings.Join(unknown, ", "))
	}

	// Plural forms the language needs.
	if s.IsPlural() {
		var need []string
		for _, f := range i18n.PluralCategories(cat.Lang) {
			if _, ok := m.Forms[f]; !ok {
				need = append(need, f)
			}
		}
		if len(need) > 0 {
			c.report(cat, m.ID, m.Line, PluralForms, "%s needs the plural forms %s; add %s", cat.Lang, strings.Join(i18n.PluralCategories(cat.Lang), ", "), strings.Join(need, ", "))
		}
	}

	// Ending punctuation, markup, identical text: compared on the main form.
	if a, b := endPunct(s.Text(), language.Make(c.in.Museum.Source)), endPunct(m.Text(), cat.Lang); a != b {
		c.report(cat, m.ID, m.Line, Punctuation, "the source ends with %s, the translation with %s", a, b)
	}
	if a, b := markup(s.Text()), markup(m.Text()); strings.Join(a, "") != strings.Join(b, "") {
		c.report(cat, m.ID, m.Line, Markup, "the source has the tags %v, the translation %v", orNone(a), orNone(b))
	}
	if m.Text() == s.Text() {
		c.report(cat, m.ID, m.Line, Identical, "the same text as the source: translate it, or, if it is right as it is (a proper name, an address), say so in [_meta.ignore]")
	}
}

func orNone(s []string) any {
	if len(s) == 0 {
		return "none"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// endPunct names the punctuation a text ends with, after closing quotes
// and brackets: full stops of every script count as one, a Greek ";" is a
// question mark.
func endPunct(s string, lang language.Tag) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	s = strings.TrimRight(s, "\"'»«“”„’‘›‹)]}」』）】")
	if strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") {
		return "an ellipsis"
	}
	if s == "" {
		return "no punctuation"
	}
	r := []rune(s)
	base, _ := lang.Base()
	switch r[len(r)-1] {
	case '.', '。', '．', '।', '۔':
		return "a full stop"
	case '!', '！':
		return "an exclamation mark"
	case '?', '？', '؟', '\u037E':
		return "a question mark"
	case ';', '；', '؛':
		if base.String() == "el" {
			return "a question mark"
		}
		return "a semicolon"
	case ':', '：':
		return "a colon"
	case ',', '，', '、', '،':
		return "a comma"
	}
	return "no punctuation"
}

// setter prepares a typesetter with every font family for a language.
func (c *checker) setter(lang language.Tag) (*typeset.Setter, []string) {
	if c.in.Fonts == nil {
		return nil, nil
	}
	chains := map[string][]*fonts.Face{}
	for _, fam := range c.in.Fonts.Families() {
		if ch, err := c.in.Fonts.Chain(lang, fam); err == nil {
			chains[fam] = ch
		}
	}
	var fams []string
	for _, f := range []string{"text", "strong"} {
		if _, ok := chains[f]; ok {
			fams = append(fams, f)
		}
	}
	return typeset.NewSetter(lang, chains), fams
}

// glyphs reports every distinct rune that a family cannot draw, using the
// very check the build uses, and then sets each form of the text with the
// build's own Setter: a sequence of characters each of which a font
// covers can still fail when the shaper turns it into glyphs (a mark the
// letter's font lacks), and check must refuse exactly what build refuses.
// Each rune's verdict is remembered per setter and family, so a catalog's
// thousands of characters are checked once each.
func (c *checker) glyphs(cat *i18n.Catalog, m *i18n.Message, s *typeset.Setter, families []string) {
	if c.glyphErr == nil {
		c.glyphErr = map[glyphKey]*glyphMemo{}
	}
	c.msgs++
	var astral map[[2]rune]bool // runes past the BMP seen in this message, by family
	seen := map[string]bool{}
	for _, form := range i18n.PluralForms {
		text := m.Forms[form]
		bad := false
		for _, r := range text {
			if i18n.IsControl(r) {
				bad = true
				continue // the invisible-controls rule reports it
			}
			for fi, fam := range families {
				memo := c.glyphErr[glyphKey{s, fi}]
				if memo == nil {
					memo = &glyphMemo{state: make([]uint8, 0x10000), stamp: make([]uint32, 0x10000), errs: map[rune]error{}}
					c.glyphErr[glyphKey{s, fi}] = memo
				}
				var err error
				if r >= 0 && r < 0x10000 {
					if memo.stamp[r] == c.msgs {
						if memo.state[r] == 2 {
							bad = true
						}
						continue
					}
					memo.stamp[r] = c.msgs
					switch memo.state[r] {
					case 0:
						if err = s.Check(string(r), fam); err != nil {
							memo.state[r], memo.errs[r] = 2, err
						} else {
							memo.state[r] = 1
						}
					case 2:
						err = memo.errs[r]
					}
				} else {
					if astral == nil {
						astral = map[[2]rune]bool{}
					}
					if astral[[2]rune{r, rune(fi)}] {
						bad = true
						continue
					}
					astral[[2]rune{r, rune(fi)}] = true
					var ok bool
					if err, ok = memo.errs[r]; !ok {
						err = s.Check(string(r), fam)
						memo.errs[r] = err
					}
				}
				if err != nil {
					bad = true
					c.report(cat, m.ID, m.Line, Glyphs, "%v (font family %q)", err, fam)
				}
			}
		}
		if bad || text == "" {
			continue
		}
		for _, fam := range families {
			var ge *typeset.GlyphError
			if err := s.Drawable(text, fam); errors.As(err, &ge) {
				if key := fmt.Sprintf("set/%d/%s/%s", ge.Rune, ge.Reason, fam); !seen[key] {
					seen[key] = true
					c.report(cat, m.ID, m.Line, Glyphs, "%v (font family %q)", err, fam)
				}
			}
		}
	}
}

// width warns about a title wider than the column at its heading's size.
// Layouts cannot yet say how much room each message has, so this only
// looks at titles, which are set on one line by design.
func (c *checker) width(cat *i18n.Catalog, m *i18n.Message, s *typeset.Setter) {
	if c.in.Layout == nil || !strings.HasSuffix(m.ID, ".title") || m.Text() == "" {
		return
	}
	styleName := c.titleStyle(m.ID)
	st, ok := c.in.Layout.Styles[styleName]
	if !ok {
		return
	}
	w, err := s.Measure(strings.TrimSpace(m.Text()), st.Family, st.Size)
	if err != nil {
		return // the glyphs rule reports it
	}
	if measure := c.in.Layout.MeasurePt(); w > measure {
		c.report(cat, m.ID, m.Line, TooWide, "the title is %.0f pt wide in the %s style (%s %g pt), the column %.0f pt: it will break onto two lines", w, styleName, st.Family, st.Size, measure)
	}
}

// titleStyle is the layout style a title is set in: rooms in "room",
// everything else as a panel title. A part's title is left out (""):
// the cover sets it as a heading that may take two lines.
func (c *checker) titleStyle(id string) string {
	for _, f := range c.in.Museum.Parts {
		if id == f.TitleText.ID {
			return ""
		}
		for _, r := range f.Rooms {
			if id == r.TitleText.ID {
				return "room"
			}
		}
	}
	return "panel_title"
}

// meta checks the catalog's own [_meta.ignore] entries.
func (c *checker) meta(cat, src *i18n.Catalog) {
	ids := make([]string, 0, len(cat.Meta.Ignore))
	for id := range cat.Meta.Ignore {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ig := cat.Meta.Ignore[id]
		for _, r := range ig.Rules {
			if _, ok := RuleByName(r); !ok {
				c.report(cat, "", ig.Line, Meta, "[_meta.ignore] entry for %q names the rule %q, which does not exist (rules: %s)", id, r, ruleNames())
			}
		}
		_, inCat := cat.Messages[id]
		inSrc := src != nil && src.Messages[id] != nil
		if !inCat && !inSrc {
			c.report(cat, "", ig.Line, Meta, "[_meta.ignore] entry for %q, a message neither this catalog nor the source has", id)
		}
	}
}

func ruleNames() string {
	var n []string
	for _, r := range Rules {
		n = append(n, r.Name)
	}
	return strings.Join(n, ", ")
}
