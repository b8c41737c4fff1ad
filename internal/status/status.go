// Package status counts, for every language and floor of a museum, how
// many messages are translated, stale, missing or identical to the
// source. It is what `pamphlet status` prints and what CI gates on, so its
// JSON form (Report) is a stable, documented interface.
package status

import (
	"math"
	"sort"

	"pamphlet/i18n"
	"pamphlet/internal/museum"
)

// SchemaVersion is Report.Schema. It changes only if a field changes
// meaning or disappears; new fields may be added without changing it.
const SchemaVersion = 1

// Common is the group of messages every pamphlet prints whatever its
// floor: the cover, the visitor information, the notes and labels (ui.*).
const Common = "common"

// Report is the output of `pamphlet status --json`. See
// docs/translators.md, "The status JSON", for the schema.
type Report struct {
	// Schema is SchemaVersion.
	Schema int `json:"schema"`
	// Museum is the museum directory, or "" for the embedded sample.
	Museum string `json:"museum"`
	// Source is the source language (the plaques' language), e.g. "it".
	Source string `json:"source"`
	// Messages is the number of messages of the source catalog.
	Messages int `json:"messages"`
	// Groups lists the groups messages are counted in: "common" first,
	// then the floor IDs in museum order.
	Groups []string `json:"groups"`
	// Languages holds one entry per translation catalog, sorted by tag;
	// the source language is not listed.
	Languages []Language `json:"languages"`
	// Broken lists the catalogs that cannot be read, which are not
	// counted; the other languages are.
	Broken []Broken `json:"broken"`
}

// Broken is a catalog that cannot be read.
type Broken struct {
	File  string `json:"file"`
	Lang  string `json:"lang,omitempty"`
	Error string `json:"error"`
}

// Language is the status of one translation catalog.
type Language struct {
	Lang string `json:"lang"` // BCP 47 tag, e.g. "pl", "zh-Hans"
	File string `json:"file"` // e.g. "locales/pl.toml"
	// Total counts every source message once.
	Total Counts `json:"total"`
	// Groups has one entry per Report.Groups, in the same order.
	Groups []Group `json:"groups"`
	// Todo lists every message that is not plainly translated (stale,
	// missing, identical-to-source), in source order.
	Todo []Entry `json:"todo"`
}

// Group counts the messages of one floor (or of "common"). A floor's
// pamphlet prints its own group and the common one.
type Group struct {
	Group string `json:"group"`
	Counts
}

// Counts are the number of messages in each status.
type Counts struct {
	Messages int `json:"messages"`
	// Translated: made from the current source text (including those
	// identical to the source that the catalog's [_meta] allows).
	Translated int `json:"translated"`
	// Stale: translated from an older source text; kept and printed,
	// flagged for review.
	Stale int `json:"stale"`
	// Unverified: imported without a record of the source it was made
	// from (no hash); printed as it is, and counted as done.
	Unverified int `json:"unverified"`
	// Missing: no text in this language.
	Missing int `json:"missing"`
	// Identical: the text is the source text itself and [_meta] does not
	// say that is intended (a proper name, an address).
	Identical int `json:"identical"`
	// Complete is the percentage of messages that have a text to print
	// that no source change has overtaken, (translated + identical +
	// unverified) / messages × 100, rounded down to one decimal, so that
	// 100 means complete.
	Complete float64 `json:"complete"`
}

// Entry is one message that needs a volunteer's attention.
type Entry struct {
	ID     string `json:"id"`
	Group  string `json:"group"`
	Status string `json:"status"` // "stale", "missing", "unverified" or "identical-to-source"
	Line   int    `json:"line,omitempty"`
}

// Done is the number of messages with a text that no source change has
// overtaken.
func (c Counts) Done() int { return c.Translated + c.Identical + c.Unverified }

// AtLeast reports whether the catalog is at least pct percent complete,
// computed exactly (99.96% is not 100%).
func (c Counts) AtLeast(pct float64) bool {
	if c.Messages == 0 {
		return true
	}
	return float64(c.Done())*100 >= pct*float64(c.Messages)
}

func (c *Counts) add(s i18n.Status) {
	c.Messages++
	switch s {
	case i18n.Translated:
		c.Translated++
	case i18n.Stale:
		c.Stale++
	case i18n.Unverified:
		c.Unverified++
	case i18n.Missing:
		c.Missing++
	case i18n.Identical:
		c.Identical++
	}
}

func (c *Counts) finish() {
	if c.Messages == 0 {
		c.Complete = 100
		return
	}
	c.Complete = math.Floor(float64(c.Done())*1000/float64(c.Messages)) / 10
}

// Of returns a message's status in a catalog, taking the catalog's
// [_meta] into account: a translation identical to the source that is
// allowed there counts as translated.
func Of(src *i18n.Message, cat *i18n.Catalog, id string) i18n.Status {
	s := i18n.StatusOf(src, cat.Messages[id])
	if s == i18n.Identical {
		if _, ok := cat.Ignored(id, string(i18n.Identical)); ok {
			return i18n.Translated
		}
	}
	return s
}

// GroupOf maps every message ID the museum's parts print to its part.
// IDs it does not map belong to Common.
func GroupOf(m *museum.Museum) map[string]string {
	g := map[string]string{}
	for _, f := range m.Parts {
		g[f.TitleText.ID] = f.ID
		g[f.IntroText.ID] = f.ID
		if f.PlanAltText.ID != "" {
			g[f.PlanAltText.ID] = f.ID
		}
		for _, it := range f.Items {
			g[it.TextText.ID] = f.ID
			if !it.LabelText.Furniture && it.LabelText.ID != "" {
				g[it.LabelText.ID] = f.ID
			}
		}
		for _, r := range f.Rooms {
			g[r.TitleText.ID] = f.ID
			g[r.BodyText.ID] = f.ID
			for _, p := range r.Panels {
				g[p.TitleText.ID] = f.ID
				g[p.BodyText.ID] = f.ID
			}
		}
	}
	return g
}

// Compute builds the report for every translation catalog. dir is
// recorded as Report.Museum.
func Compute(dir string, m *museum.Museum, cats map[string]*i18n.Catalog) *Report {
	src := cats[m.Source]
	r := &Report{Schema: SchemaVersion, Museum: dir, Source: m.Source, Groups: append([]string{Common}, m.PartIDs()...)}
	if src == nil {
		return r
	}
	r.Messages = len(src.Messages)
	groupOf := GroupOf(m)
	ids := SourceOrder(src)
	var langs []string
	for l := range cats {
		if l != m.Source {
			langs = append(langs, l)
		}
	}
	sort.Strings(langs)
	for _, l := range langs {
		cat := cats[l]
		lang := Language{Lang: l, File: cat.Path}
		idx := map[string]int{}
		for i, g := range r.Groups {
			idx[g] = i
			lang.Groups = append(lang.Groups, Group{Group: g})
		}
		for _, id := range ids {
			g := groupOf[id]
			if g == "" {
				g = Common
			}
			s := Of(src.Messages[id], cat, id)
			lang.Total.add(s)
			lang.Groups[idx[g]].add(s)
			if s != i18n.Translated {
				e := Entry{ID: id, Group: g, Status: string(s)}
				if tm := cat.Messages[id]; tm != nil {
					e.Line = tm.Line
				}
				lang.Todo = append(lang.Todo, e)
			}
		}
		lang.Total.finish()
		for i := range lang.Groups {
			lang.Groups[i].finish()
		}
		if lang.Todo == nil {
			lang.Todo = []Entry{}
		}
		r.Languages = append(r.Languages, lang)
	}
	if r.Languages == nil {
		r.Languages = []Language{}
	}
	r.Broken = []Broken{}
	return r
}

// SourceOrder lists a catalog's IDs in the order of its file, the order
// a curator wrote them in (the order of the visit).
func SourceOrder(c *i18n.Catalog) []string {
	ids := c.IDs()
	sort.SliceStable(ids, func(i, j int) bool { return c.Messages[ids[i]].Line < c.Messages[ids[j]].Line })
	return ids
}
