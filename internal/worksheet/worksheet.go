// Package worksheet writes and reads the files volunteers translate in:
// one TOML file per language holding every message that is missing or
// stale, each with the Italian, a pivot language's text, the note for
// translators, where the plaque hangs and, for a stale one, the current
// translation and the Italian it was made from.
//
// A worksheet is made to be edited in any text editor by someone who
// knows their language, not TOML: a header in plain words says what to
// do, and every message is a [[message]] block whose only field to touch
// is `translation`. It records the source hash each message was made
// against, so that Plan can refuse to merge a translation of an Italian
// text that has changed since.
package worksheet

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
)

// Format is the worksheet format version written in [worksheet].
const Format = 1

// Sheet is one worksheet.
type Sheet struct {
	Lang    string // language the volunteer translates into
	Source  string // source language (it)
	Pivot   string // language shown beside the source, "" for none
	Museum  string // the museum's name in the source language, for the header
	Entries []Entry
}

// Entry is one message to translate. Forms maps plural categories to
// text; a message without plural forms has only "other".
type Entry struct {
	ID          string
	Where       string // floor, room and panel, in words
	Status      i18n.Status
	Description string
	Source      map[string]string // the source text now
	SourceHash  string            // i18n.SourceHash of Source
	Pivot       map[string]string // nil: the pivot language has no current text
	PivotStale  bool              // the pivot text was made from an older source
	Current     map[string]string // the translation now (stale ones)
	// OldSource is the source text Current was made from, from the
	// source history; nil when unknown.
	OldSource map[string]string
	// Needs lists the forms the translation must have: the language's
	// plural categories for a plural message, else just "other".
	Needs       []string
	Translation map[string]string
	// Todo marks a pre-filled translation the volunteer has not yet
	// approved; Plan never merges an entry marked todo.
	Todo bool
}

// key of a form's field: "translation" for other, "translation_few" …
func key(base, form string) string {
	if form == "other" {
		return base
	}
	return base + "_" + form
}

// Encode writes the sheet as TOML with explanatory comments.
func (s *Sheet) Encode() []byte {
	var b strings.Builder
	tag := language.Make(s.Lang)
	langName := display.English.Tags().Name(tag)
	srcName := display.English.Tags().Name(language.Make(s.Source))
	pivotName := ""
	if s.Pivot != "" {
		pivotName = display.English.Tags().Name(language.Make(s.Pivot))
	}
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Worksheet: %s (%s) translations for the pamphlets of the %s\n", langName, s.Lang, s.Museum)
	w("#\n")
	w("# %d text(s) below need your %s. Each one starts with [[message]].\n", len(s.Entries), langName)
	w("#\n")
	w("# What to do:\n")
	w("#   1. Read the %s text (source) and the note for translators\n", srcName)
	w("#      (description). \"where\" says where the text is printed.\n")
	if s.Pivot != "" {
		w("#      The %s translation (pivot) is there to help.\n", pivotName)
	}
	w("#   2. Write your %s text between the quotes of  translation = \"\"\n", langName)
	w("#   3. status = \"stale\": the %s changed after it was translated. You see\n", srcName)
	w("#      the %s now (source), the %s it was translated from (old_source)\n", srcName, srcName)
	w("#      and the %s text now (current), which is copied into translation.\n", langName)
	w("#      Correct it to match the new %s, then delete the line  todo = true\n", srcName)
	w("#      (if it is still right as it is, just delete that line).\n")
	w("#   4. Leave a translation empty (or keep todo = true) to do it later:\n")
	w("#      nothing is lost, and the next worksheet will ask for it again.\n")
	w("#   5. Save the file (as UTF-8) and run\n")
	w("#        pamphlet merge THIS-FILE --museum YOUR-MUSEUM-FOLDER\n")
	w("#\n")
	w("# Good to know: text goes between double quotes; inside it, write \\\" for\n")
	w("# a straight double quote (or use the typographic ones: « » „ “ ”).\n")
	w("# Copy placeholders such as {{.Count}} exactly as they are. Do not change\n")
	w("# id or source_hash: they tell pamphlet which text you translated, and let\n")
	w("# it notice if the %s changes before your work is merged.\n", srcName)
	w("\n[worksheet]\n")
	w("format = %d\n", Format)
	w("language = %s\n", i18n.Quote(s.Lang))
	w("source_language = %s\n", i18n.Quote(s.Source))
	if s.Pivot != "" {
		w("pivot_language = %s\n", i18n.Quote(s.Pivot))
	}
	for n, e := range s.Entries {
		w("\n# ── %d of %d · %s ", n+1, len(s.Entries), e.Status)
		w("%s\n", strings.Repeat("─", max(3, 60-len(string(e.Status))-len(fmt.Sprint(n+1, len(s.Entries))))))
		w("[[message]]\n")
		w("id = %s\n", i18n.Quote(e.ID))
		w("status = %s\n", i18n.Quote(string(e.Status)))
		if e.Where != "" {
			w("where = %s\n", i18n.Quote(e.Where))
		}
		if e.Description != "" {
			w("description = %s\n", i18n.Quote(e.Description))
		}
		forms(&b, "source", e.Source, "# "+srcName+", now")
		w("source_hash = %s\n", i18n.Quote(e.SourceHash))
		switch {
		case s.Pivot == "":
		case e.Pivot == nil:
			w("# (no %s text for this message yet)\n", pivotName)
		case e.PivotStale:
			forms(&b, "pivot", e.Pivot, "# "+pivotName+": translated from an older "+srcName+" text")
		default:
			forms(&b, "pivot", e.Pivot, "# "+pivotName)
		}
		if e.Status == i18n.Stale {
			if e.OldSource != nil {
				forms(&b, "old_source", e.OldSource, "# the "+srcName+" your current translation was made from")
			} else {
				w("# old_source: not known. pamphlet has no record of the %s this\n", srcName)
				w("# translation was made from (it changed before pamphlet kept a history of\n")
				w("# the %s texts). Compare the current translation with the %s above.\n", srcName, srcName)
			}
			forms(&b, "current", e.Current, "# "+langName+", now")
		}
		if len(e.Needs) > 1 {
			ex := i18n.PluralExamples(tag)
			w("# %s needs %d forms of this text, one for each kind of number:\n", langName, len(e.Needs))
			for _, f := range e.Needs {
				w("#   %-20s for %s …\n", key("translation", f), strings.Join(ex[f], ", "))
			}
		}
		if e.Todo {
			w("todo = true   # delete this line when the translation below is right\n")
		}
		for _, f := range e.Needs {
			w("%s = %s\n", key("translation", f), i18n.Quote(e.Translation[f]))
		}
	}
	return []byte(b.String())
}

// forms writes a text field, one line per plural form.
func forms(b *strings.Builder, base string, f map[string]string, comment string) {
	first := true
	for _, form := range i18n.PluralForms {
		t, ok := f[form]
		if !ok {
			continue
		}
		fmt.Fprintf(b, "%s = %s", key(base, form), i18n.Quote(t))
		if first && comment != "" {
			fmt.Fprintf(b, "   %s", comment)
			first = false
		}
		b.WriteString("\n")
	}
}
