package merge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/history"
	"pamphlet/internal/project"
)

// UnknownMessageError names a message the source catalog lacks.
type UnknownMessageError struct{ Catalog, ID string }

func (e *UnknownMessageError) Error() string {
	return fmt.Sprintf("%s: no message %q in the source catalog", e.Catalog, e.ID)
}

// UntranslatedError names a message that has no translation to confirm.
type UntranslatedError struct{ Catalog, ID string }

func (e *UntranslatedError) Error() string {
	return fmt.Sprintf("%s: message %q is not translated yet: nothing to confirm", e.Catalog, e.ID)
}

// UnknownLanguageError is a language the museum has no catalog for.
type UnknownLanguageError struct {
	Lang  string
	Known []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("unknown language %q: the museum has catalogs for %v", e.Lang, e.Known)
}

// Confirm records in lang's catalog that the translations of ids (or,
// with all, of every stale message) match the current source: it sets
// their hash to the source's and changes no other line. It returns the
// catalog's path and how many messages were confirmed.
//
// Only p.Dir is taken from p: Confirm holds the museum's lock while it
// re-reads the museum, edits and writes, so it confirms what is on disk
// now, not what p loaded earlier (a merge may have run since). Under the
// lock it also removes the temporary files an interrupted write left in
// locales/.
func Confirm(p *project.Project, lang string, ids []string, all bool) (string, int, error) {
	if p.Dir == "" {
		return "", 0, errors.New("the embedded sample museum cannot be edited: confirm needs a museum directory")
	}
	unlock, err := lock(p.Dir)
	if err != nil {
		return "", 0, err
	}
	defer unlock()
	atomicfile.Clean(filepath.Join(p.Dir, i18n.Dir)) // leftovers only: no other writer runs now
	if p, err = project.Open(p.Dir); err != nil {
		return "", 0, err
	}
	if lang == p.Museum.Source {
		return "", 0, &SourceLanguageError{Lang: lang}
	}
	cat, ok := p.Catalogs[lang]
	if !ok {
		return "", 0, &UnknownLanguageError{Lang: lang, Known: p.Languages()}
	}
	src := p.Catalogs[p.Museum.Source]
	if all {
		for _, id := range cat.IDs() {
			if _, ok := src.Messages[id]; ok && i18n.StatusOf(src.Messages[id], cat.Messages[id]) == i18n.Stale {
				ids = append(ids, id)
			}
		}
	}
	hashes := map[string]string{}
	for _, id := range ids {
		s, ok := src.Messages[id]
		if !ok {
			return "", 0, &UnknownMessageError{Catalog: src.Path, ID: id}
		}
		if m := cat.Messages[id]; m == nil || m.Text() == "" {
			return "", 0, &UntranslatedError{Catalog: cat.Path, ID: id}
		}
		hashes[id] = i18n.SourceHash(s)
	}
	path := filepath.Join(p.Dir, filepath.FromSlash(cat.Path))
	data, err := os.ReadFile(path)
	if err != nil {
		return "", 0, err
	}
	updated, err := i18n.SetHashes(cat.Path, data, hashes)
	if err != nil {
		return "", 0, err
	}
	after, err := i18n.Parse(cat.Path, updated)
	if err != nil {
		return "", 0, &VerifyError{Catalog: cat.Path, Err: fmt.Errorf("the edited catalog would not parse: %v", err)}
	}
	updates := map[string]i18n.Update{}
	for id, h := range hashes {
		updates[id] = i18n.Update{Hash: h, Forms: cat.Messages[id].Forms}
	}
	if err := verify(cat, after, updates); err != nil {
		return "", 0, &VerifyError{Catalog: cat.Path, Err: err}
	}
	if len(hashes) > 0 {
		if err := atomicfile.Write(path, updated, 0o644); err != nil {
			return "", 0, err
		}
	}
	// The source confirmed now is what later staleness refers to.
	if _, err := history.Record(p.Dir, src, nil); err != nil {
		return cat.Path, len(hashes), fmt.Errorf("confirmed, but %s could not be updated: %w", i18n.HistoryFile, err)
	}
	return cat.Path, len(hashes), nil
}
