// Package qa checks message catalogs for the mistakes a volunteer or a
// curator can make and a reader would notice: broken placeholders,
// missing plural forms, characters no bundled font can draw, stray
// whitespace, punctuation or markup that differ from the Italian, titles
// too wide for the page. Each check is a named Rule with a fixed severity;
// a catalog's [_meta.ignore] table can silence a rule for one message,
// with a reason (see i18n.MetaKey).
package qa

// Severity says whether a finding fails `pamphlet check` (error) or is
// only reported (warning).
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Rule is one named check.
type Rule struct {
	Name     string
	Severity Severity
	// Doc says what the rule catches and what to do about it.
	Doc string
}

// The rules, by name. The names are stable: they appear in [_meta.ignore]
// entries and in the JSON output.
const (
	Syntax       = "syntax"
	UnknownID    = "unknown-id"
	Placeholders = "placeholders"
	PluralForms  = "plural-forms"
	Empty        = "empty"
	Whitespace   = "whitespace"
	Punctuation  = "punctuation"
	Markup       = "markup"
	Glyphs       = "glyphs"
	TooWide      = "too-wide"
	Identical    = "identical-to-source"
	Meta         = "meta"
	FileName     = "file-name"
	Furniture    = "furniture"
	Controls     = "invisible-controls"
)

// Rules lists every rule in the order they are documented.
var Rules = []Rule{
	{Syntax, Error, "the file is not valid TOML or not a go-i18n catalog (or its [_meta] table is malformed); nothing else in it can be checked"},
	{UnknownID, Warning, "a message the source catalog does not have: a misspelt ID, or a plaque the curator removed; pamphlets never print it"},
	{Placeholders, Error, "the {{.Placeholders}} differ from the source's: a missing one loses a number or name, an unknown one prints \"<no value>\""},
	{PluralForms, Error, "a plural message lacks a CLDR plural category the language needs (Polish: one, few, many, other); go-i18n would fall back to a wrong form"},
	{Empty, Error, "a message or plural form with no text"},
	{Whitespace, Warning, "leading or trailing whitespace, or two spaces in a row"},
	{Punctuation, Warning, "the text ends with different punctuation from the source (a full stop, question mark, colon … missing or added)"},
	{Markup, Error, "HTML-like tags (<b>, </i> …) differ from the source's"},
	{Controls, Error, "an invisible character that can make a text read differently from what it holds, or is not text at all: a bidi embedding or override (U+202A–U+202E), a bidi isolate (U+2066–U+2069) that does not pair, a control character (U+0000–U+001F but the line feed, U+007F–U+009F); well-paired isolates are allowed"},
	{Glyphs, Error, "a character no bundled font of the language's text or strong family can draw (or above U+FFFF, which the PDF writer cannot embed): it would print as an empty box"},
	{TooWide, Warning, "a title wider than the text column at its heading size: it will break onto two lines; a shorter title reads better"},
	{Identical, Warning, "the translation is the source text itself: usually a copy left untranslated; silence it in [_meta.ignore] for proper names and addresses"},
	{Meta, Warning, "an [_meta.ignore] entry names a rule that does not exist or a message the catalog does not have"},
	{FileName, Warning, "the catalog's file name is not its language's canonical tag (EN.toml, zh-hans.toml): rename it as the finding says"},
	{Furniture, Error, "a language the tool's bundled words do not cover lacks some of them (the contents heading, counts, notes, part names, visitor labels): add them to its catalog"},
}

// RuleByName finds a rule.
func RuleByName(name string) (Rule, bool) {
	for _, r := range Rules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}
