// Package merge holds the transactions that write a museum's catalogs:
// taking a volunteer's worksheet in (Merge) and confirming that stale
// translations still hold (Confirm). Each one takes the museum's lock,
// reads the catalogs under it, plans, checks the edited catalog before
// writing it, writes it and the source history atomically, and leaves
// every message it does not touch byte for byte as it was. Errors are typed; the
// command line words the advice.
package merge

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/history"
	"pamphlet/internal/museumlock"
	"pamphlet/internal/project"
	"pamphlet/internal/qa"
	"pamphlet/internal/status"
	"pamphlet/internal/worksheet"
)

// WriteFunc writes a catalog's new text; nil means atomicfile.Write.
// Tests pass one that fails halfway, as a killed process would.
type WriteFunc func(path string, data []byte) error

// Result is what a merge did.
type Result struct {
	Lang    string
	Catalog string // the catalog's slash path in the museum: locales/pl.toml
	Created bool   // the catalog did not exist before
	worksheet.Plan
	// Findings are pamphlet check's findings about the merged messages,
	// run once the lock is released (checking every catalog is the
	// slowest step, and other merges need not wait for it).
	Findings []qa.Finding
	// HistoryErr is set when the source history could not be updated: the
	// merge itself stands, but stale texts may later lack their old source.
	HistoryErr error
}

// ConflictError refuses a whole worksheet: some of its messages cannot be
// merged safely (the source changed after the worksheet was made, or the
// catalog's translation changed meanwhile). Nothing was written.
type ConflictError struct {
	File      string
	Lang      string
	Conflicts []worksheet.Conflict
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: refusing to merge: %d message(s) cannot be merged safely", e.File, len(e.Conflicts))
}

// SourceLanguageError is a worksheet or command for the source language,
// which has nothing to merge or confirm.
type SourceLanguageError struct{ Lang string }

func (e *SourceLanguageError) Error() string {
	return fmt.Sprintf("%s is the source language: its messages are the originals, with no translation to merge or confirm", e.Lang)
}

// WrongSourceError is a worksheet made from another museum's source.
type WrongSourceError struct {
	File, Sheet, Museum, MuseumName string
}

func (e *WrongSourceError) Error() string {
	return fmt.Sprintf("%s: made from a %s source, but %s's source is %s: is this the right museum?", e.File, e.Sheet, e.MuseumName, e.Museum)
}

// VerifyError is an edit that would not come out as planned; nothing was
// written.
type VerifyError struct {
	Catalog string
	Err     error
}

func (e *VerifyError) Error() string {
	return fmt.Sprintf("%s: refusing to write: %v; nothing was written", e.Catalog, e.Err)
}
func (e *VerifyError) Unwrap() error { return e.Err }

// LanguageError is a worksheet whose language pamphlet cannot print (see
// i18n.Printable). Nothing was written.
type LanguageError struct {
	File string
	Err  error // an *i18n.UnprintableLanguageError
}

func (e *LanguageError) Error() string { return fmt.Sprintf("%s: %v", e.File, e.Err) }
func (e *LanguageError) Unwrap() error { return e.Err }

// ControlCharacterError refuses a worksheet whose translations hold
// characters a message must not contain (see i18n.Controls): invisible,
// they could make a text read differently from what it says. Nothing was
// written.
type ControlCharacterError struct {
	File     string
	Problems []TextProblem
}

// TextProblem is one such character, in one form of one message.
type TextProblem struct {
	ID, Form string
	i18n.ControlProblem
}

// Error is one line, naming the first few characters: a worksheet with a
// stray control in every text would otherwise print a screenful.
func (e *ControlCharacterError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: refusing to merge: %d invisible control character(s): ", e.File, len(e.Problems))
	for i, p := range e.Problems {
		if i == 2 {
			fmt.Fprintf(&b, " … and %d more", len(e.Problems)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		field := "translation"
		if p.Form != "other" {
			field += "_" + p.Form
		}
		fmt.Fprintf(&b, "%s (%s): %s", p.ID, field, p.ControlProblem)
	}
	return b.String()
}

// Merge takes the worksheet at file into the catalog of its language in
// the museum directory dir.
//
// It holds the museum's lock (museumlock) from before it reads the
// catalogs until the catalog and the history are written, so the plan is
// made from what is on disk at that moment: a merge that finished first
// is seen, and MakePlan refuses, by name, any message it translated too,
// instead of this merge overwriting it. Under the lock it also removes
// the temporary files an interrupted write left in locales/.
func Merge(dir, file string, write WriteFunc) (*Result, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	sheet, err := worksheet.Parse(file, raw)
	if err != nil {
		return nil, err
	}
	return Apply(dir, file, sheet, write)
}

// Apply is Merge with the worksheet already parsed; file only names it in
// errors. It lets a caller that holds its translations in memory (the
// local web editor saving one message) write them through exactly the
// transaction a worksheet goes through: the same lock, plan, checks and
// text-preserving atomic write.
func Apply(dir, file string, sheet *worksheet.Sheet, write WriteFunc) (*Result, error) {
	if write == nil {
		write = func(path string, data []byte) error { return atomicfile.Write(path, data, 0o644) }
	}
	tag, _ := language.Parse(sheet.Lang)
	if err := i18n.Printable(tag); err != nil {
		return nil, &LanguageError{File: file, Err: err}
	}
	unlock, err := lock(dir)
	if err != nil {
		return nil, err
	}
	res, err := mergeLocked(dir, file, sheet, tag, write)
	unlock()
	if err != nil {
		return nil, err
	}
	res.Findings = findings(dir, res.Lang, append(append([]string{}, res.Merged...), res.Confirmed...))
	return res, nil
}

// lock takes the museum's lock. A directory that is no museum (none
// there, or without locales/) gets project.Open's error, which says so,
// rather than the lock file's.
func lock(dir string) (unlock func(), err error) {
	if _, err := project.FS(dir); err != nil {
		return nil, err
	}
	unlock, err = museumlock.Lock(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if _, perr := project.Open(dir); perr != nil {
			return nil, perr
		}
	}
	return unlock, err
}

// mergeLocked is Merge's work under the lock.
func mergeLocked(dir, file string, sheet *worksheet.Sheet, tag language.Tag, write WriteFunc) (*Result, error) {
	// No other writer runs now, so every temporary file in locales/ is a
	// leftover. Best effort: one that cannot be removed is only clutter.
	atomicfile.Clean(filepath.Join(dir, i18n.Dir))
	p, err := project.Open(dir)
	if err != nil {
		return nil, err
	}
	src := p.Catalogs[p.Museum.Source]
	lang := tag.String()
	if lang == p.Museum.Source {
		return nil, &SourceLanguageError{Lang: lang}
	}
	if sheet.Source != "" && sheet.Source != p.Museum.Source {
		return nil, &WrongSourceError{File: file, Sheet: sheet.Source, Museum: p.Museum.Source, MuseumName: p.Name()}
	}
	rel := i18n.Dir + "/" + lang + ".toml"
	if c, ok := p.Catalogs[lang]; ok {
		rel = c.Path // write where the catalog was read from
	}
	path := filepath.Join(dir, filepath.FromSlash(rel))
	data, err := os.ReadFile(path)
	isNew := errors.Is(err, fs.ErrNotExist)
	if err != nil && !isNew {
		return nil, err
	}
	var cat *i18n.Catalog
	if isNew {
		data = []byte(newCatalogHeader(lang, p.Museum.Source))
	} else if cat, err = i18n.Parse(rel, data); err != nil {
		return nil, err
	}
	plan := worksheet.MakePlan(sheet, src, cat)
	if len(plan.Conflicts) > 0 {
		return nil, &ConflictError{File: file, Lang: lang, Conflicts: plan.Conflicts}
	}
	if err := checkControls(file, plan); err != nil {
		return nil, err
	}
	res := &Result{Lang: lang, Catalog: rel, Plan: *plan}
	if len(plan.Updates) > 0 {
		updated, err := i18n.SetMessages(rel, data, plan.Updates, status.SourceOrder(src))
		if err != nil {
			return nil, err
		}
		after, err := i18n.Parse(rel, updated)
		if err != nil {
			return nil, &VerifyError{Catalog: rel, Err: fmt.Errorf("the merged catalog would not parse (%v)", err)}
		}
		if err := verify(cat, after, plan.Updates); err != nil {
			return nil, &VerifyError{Catalog: rel, Err: err}
		}
		if err := write(path, updated); err != nil {
			return nil, err
		}
		res.Created = isNew
	}
	// The source texts the worksheet was made from are what later
	// staleness refers to.
	var seen []*i18n.Message
	for _, e := range sheet.Entries {
		m := &i18n.Message{ID: e.ID, Forms: e.Source}
		if len(e.Source) > 0 && i18n.SourceHash(m) == e.SourceHash {
			seen = append(seen, m)
		}
	}
	_, res.HistoryErr = history.Record(dir, src, seen)
	return res, nil
}

// checkControls refuses the plan's updates that hold characters a
// message must not contain, naming each message, form and code point.
func checkControls(file string, plan *worksheet.Plan) error {
	var problems []TextProblem
	for _, id := range slices.Sorted(maps.Keys(plan.Updates)) {
		for _, form := range i18n.PluralForms {
			for _, c := range i18n.Controls(plan.Updates[id].Forms[form]) {
				problems = append(problems, TextProblem{ID: id, Form: form, ControlProblem: c})
			}
		}
	}
	if len(problems) > 0 {
		return &ControlCharacterError{File: file, Problems: problems}
	}
	return nil
}

// verify is the last guard before writing: the edited catalog must hold
// every update exactly, and every other message exactly as before.
func verify(before, after *i18n.Catalog, updates map[string]i18n.Update) error {
	for id, u := range updates {
		m := after.Messages[id]
		if m == nil || m.Hash != u.Hash || !maps.Equal(m.Forms, u.Forms) {
			return fmt.Errorf("message %q did not come out as written (is it defined in an unusual way?)", id)
		}
	}
	if before == nil {
		return nil
	}
	for id, m := range before.Messages {
		if _, ok := updates[id]; ok {
			continue
		}
		n := after.Messages[id]
		if n == nil || n.Hash != m.Hash || n.Description != m.Description || !maps.Equal(n.Forms, m.Forms) {
			return fmt.Errorf("message %q would have changed", id)
		}
	}
	for id := range after.Messages {
		if _, ok := updates[id]; !ok && before.Messages[id] == nil {
			return fmt.Errorf("message %q would have appeared", id)
		}
	}
	return nil
}

// findings runs the QA checks and keeps those about the given messages,
// so a volunteer sees a forgotten placeholder now rather than in CI.
func findings(dir, lang string, ids []string) []qa.Finding {
	if len(ids) == 0 {
		return nil
	}
	fsys, err := project.FS(dir)
	if err != nil {
		return nil
	}
	in, err := qa.Load(fsys)
	if err != nil {
		return nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var found []qa.Finding
	for _, f := range qa.Check(in).Findings {
		if f.Lang == lang && want[f.ID] {
			found = append(found, f)
		}
	}
	return found
}

func newCatalogHeader(lang, source string) string {
	name := display.English.Tags().Name(language.Make(lang))
	return fmt.Sprintf("# %s.toml — %s translation (go-i18n v2) of the museum's messages.\n"+
		"# Source: %s.toml. Each message records in `hash` the source text it was\n"+
		"# translated from. Made with `pamphlet merge`; edit it by hand or by worksheet.\n", lang, name, source)
}
