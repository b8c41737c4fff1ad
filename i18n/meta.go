package i18n

import (
	"fmt"
	"sort"
	"strings"
)

// MetaKey is the top-level table of a catalog that holds notes about the
// catalog rather than messages. go-i18n never sees it (see Parse).
//
// Today it has one use: silencing a QA rule for one message, with the
// reason written down next to it, so the next volunteer knows why:
//
//	[_meta.ignore."floor2.cell4.pappagallo.title"]
//	rules = ["identical-to-source"]
//	reason = "a proper name: Don Pietro Pappagallo"
//
// The same entry may be written as an inline table under [_meta.ignore]:
//
//	[_meta.ignore]
//	"floor2.cell4.pappagallo.title" = { rules = ["identical-to-source"], reason = "a proper name" }
//
// The leading underscore keeps it apart from message IDs, which museum.toml
// restricts to lowercase letters, digits and underscores joined by dots and
// which never start with "_meta".
const MetaKey = "_meta"

// Meta is a catalog's [_meta] table.
type Meta struct {
	// Ignore maps a message ID to the QA rules silenced for it.
	Ignore map[string]Ignore
	// Translators credits the people who translated the catalog, as
	// they wish to be named: the colophon of its pamphlets prints them.
	//
	//	[_meta]
	//	translators = ["Anna Kowalska", "Volunteers of the Rome Polish school"]
	Translators []string
}

// Ignore silences QA rules for one message. A reason is required: a
// silenced warning without one is indistinguishable from a mistake.
type Ignore struct {
	Rules  []string
	Reason string
	Line   int // line of the entry in its catalog
}

// Ignored reports whether the catalog silences rule for message id, and
// the entry that does.
func (c *Catalog) Ignored(id, rule string) (Ignore, bool) {
	ig, ok := c.Meta.Ignore[id]
	if !ok {
		return Ignore{}, false
	}
	for _, r := range ig.Rules {
		if r == rule {
			return ig, true
		}
	}
	return Ignore{}, false
}

type metaError struct {
	line int
	msg  string
}

// parseMeta checks and converts the decoded [_meta] table. It is strict:
// a misspelt key would otherwise silently silence nothing.
func parseMeta(v any, lines map[string]int) (Meta, *metaError) {
	meta := Meta{Ignore: map[string]Ignore{}}
	if v == nil {
		return meta, nil
	}
	top, ok := v.(map[string]any)
	if !ok {
		return meta, &metaError{lines[MetaKey], "_meta must be a table, e.g. [_meta.ignore.\"MESSAGE-ID\"]"}
	}
	for _, k := range sortedAnyKeys(top) {
		if k != "ignore" && k != "translators" {
			return meta, &metaError{lines[MetaKey+"."+k], fmt.Sprintf("unknown key _meta.%s: use _meta.ignore or _meta.translators", k)}
		}
	}
	if v, ok := top["translators"]; ok {
		list, ok := v.([]any)
		if !ok {
			return meta, &metaError{lines[MetaKey+".translators"], "_meta.translators must be a list of names, e.g. [\"Anna Kowalska\"]"}
		}
		for _, n := range list {
			s, ok := n.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return meta, &metaError{lines[MetaKey+".translators"], "_meta.translators must be a list of names, none empty"}
			}
			meta.Translators = append(meta.Translators, strings.TrimSpace(s))
		}
	}
	if top["ignore"] == nil {
		return meta, nil
	}
	ign, ok := top["ignore"].(map[string]any)
	if !ok {
		return meta, &metaError{lines[MetaKey+".ignore"], "_meta.ignore must be a table of message IDs"}
	}
	for _, id := range sortedAnyKeys(ign) {
		key := MetaKey + ".ignore." + id
		line := lines[key]
		entry, ok := ign[id].(map[string]any)
		if !ok {
			return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q must be a table: { rules = [\"RULE\"], reason = \"why\" }", id)}
		}
		var ig Ignore
		ig.Line = line
		for _, k := range sortedAnyKeys(entry) {
			switch k {
			case "rules":
				list, ok := entry[k].([]any)
				if !ok || len(list) == 0 {
					return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q: rules must be a list of rule names, e.g. [\"identical-to-source\"]", id)}
				}
				for _, r := range list {
					s, ok := r.(string)
					if !ok || s == "" {
						return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q: rules must be a list of rule names", id)}
					}
					ig.Rules = append(ig.Rules, s)
				}
			case "reason":
				s, ok := entry[k].(string)
				if !ok {
					return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q: reason must be a string", id)}
				}
				ig.Reason = strings.TrimSpace(s)
			default:
				return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q: unknown key %q (use rules and reason)", id, k)}
			}
		}
		if len(ig.Rules) == 0 {
			return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q: no rules: name the rules to silence", id)}
		}
		if ig.Reason == "" {
			return meta, &metaError{line, fmt.Sprintf("_meta.ignore.%q: no reason: say why the rule does not apply", id)}
		}
		meta.Ignore[id] = ig
	}
	return meta, nil
}

func sortedAnyKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
