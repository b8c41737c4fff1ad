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
	"pamphlet/internal/status"
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
	path, stamped, err := stamp(p.Dir, lang, func(src, cat *i18n.Catalog) ([]string, error) {
		if all {
			for _, id := range cat.IDs() {
				if _, ok := src.Messages[id]; ok && i18n.StatusOf(src.Messages[id], cat.Messages[id]) == i18n.Stale {
					ids = append(ids, id)
				}
			}
		}
		for _, id := range ids {
			if _, ok := src.Messages[id]; !ok {
				return nil, &UnknownMessageError{Catalog: src.Path, ID: id}
			}
			if m := cat.Messages[id]; m == nil || m.Text() == "" {
				return nil, &UntranslatedError{Catalog: cat.Path, ID: id}
			}
		}
		return ids, nil
	})
	return path, len(stamped), err
}

// NotUnverifiedError is a message adopt was asked for that is not an
// unverified (imported) translation: a stale one must be reviewed against
// its changed source (translate, or confirm), never adopted.
type NotUnverifiedError struct {
	Catalog, ID string
	Status      i18n.Status
}

func (e *NotUnverifiedError) Error() string {
	return fmt.Sprintf("%s: message %q is %s, not unverified: adopt records the source only for imported translations that have none", e.Catalog, e.ID, e.Status)
}

// Adopt records, for the unverified translations of lang (imported
// without a hash; ids selects some, none means all), the hash of the
// current source, after a reviewer has read them. Stale translations are
// never adopted. It returns the catalog's path and the IDs adopted.
func Adopt(dir, lang string, ids []string) (string, []string, error) {
	return stamp(dir, lang, func(src, cat *i18n.Catalog) ([]string, error) {
		if len(ids) == 0 {
			for _, id := range status.SourceOrder(src) {
				if cat.Messages[id] != nil && i18n.StatusOf(src.Messages[id], cat.Messages[id]) == i18n.Unverified {
					ids = append(ids, id)
				}
			}
			return ids, nil
		}
		for _, id := range ids {
			s, ok := src.Messages[id]
			if !ok {
				return nil, &UnknownMessageError{Catalog: src.Path, ID: id}
			}
			if st := i18n.StatusOf(s, cat.Messages[id]); st != i18n.Unverified {
				return nil, &NotUnverifiedError{Catalog: cat.Path, ID: id, Status: st}
			}
		}
		return ids, nil
	})
}

// stamp sets, under the museum's lock, the hash of the current source on
// the messages pick chooses in lang's catalog, changing no other line.
func stamp(dir, lang string, pick func(src, cat *i18n.Catalog) ([]string, error)) (string, []string, error) {
	if dir == "" {
		return "", nil, errors.New("the embedded sample museum cannot be edited: name a museum directory with --museum")
	}
	unlock, err := lock(dir)
	if err != nil {
		return "", nil, err
	}
	defer unlock()
	atomicfile.Clean(filepath.Join(dir, i18n.Dir)) // leftovers only: no other writer runs now
	p, err := project.Open(dir)
	if err != nil {
		return "", nil, err
	}
	if lang == p.Museum.Source {
		return "", nil, &SourceLanguageError{Lang: lang}
	}
	cat, ok := p.Catalogs[lang]
	if !ok {
		if err := p.BrokenCatalog(lang); err != nil {
			return "", nil, err
		}
		return "", nil, &UnknownLanguageError{Lang: lang, Known: p.Languages()}
	}
	src := p.Catalogs[p.Museum.Source]
	ids, err := pick(src, cat)
	if err != nil {
		return "", nil, err
	}
	hashes := map[string]string{}
	for _, id := range ids {
		hashes[id] = i18n.SourceHash(src.Messages[id])
	}
	path := filepath.Join(p.Dir, filepath.FromSlash(cat.Path))
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	updated, err := i18n.SetHashes(cat.Path, data, hashes)
	if err != nil {
		return "", nil, err
	}
	after, err := i18n.Parse(cat.Path, updated)
	if err != nil {
		return "", nil, &VerifyError{Catalog: cat.Path, Err: fmt.Errorf("the edited catalog would not parse: %v", err)}
	}
	updates := map[string]i18n.Update{}
	for id, h := range hashes {
		updates[id] = i18n.Update{Hash: h, Forms: cat.Messages[id].Forms}
	}
	if err := verify(cat, after, updates); err != nil {
		return "", nil, &VerifyError{Catalog: cat.Path, Err: err}
	}
	if len(hashes) > 0 {
		if err := atomicfile.Write(path, updated, 0o644); err != nil {
			return "", nil, err
		}
	}
	// The source recorded now is what later staleness refers to.
	if _, err := history.Record(p.Dir, src, nil); err != nil {
		return cat.Path, ids, fmt.Errorf("recorded, but %s could not be updated: %w", i18n.HistoryFile, err)
	}
	return cat.Path, ids, nil
}
