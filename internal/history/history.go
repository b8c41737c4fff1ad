// Package history keeps a museum's source memory (i18n.HistoryFile): every
// source text seen when a translation was merged or confirmed, so that a
// translation that goes stale later can be shown beside the source it was
// made from. Only the commands that write catalogs (merge, confirm) add
// to it, holding the museum's lock (museumlock) as they do, so that two of
// them never append at once; reading commands load it and never write
// into the museum.
package history

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"pamphlet"
	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
)

// Load returns the museum's history with the current source texts added
// in memory, for showing old source texts. It writes nothing. dir is the
// museum directory, or "" for the embedded sample.
func Load(dir string, src *i18n.Catalog) (*i18n.History, error) {
	var (
		h   *i18n.History
		err error
	)
	if dir == "" {
		h, err = i18n.LoadHistory(pamphlet.Sample)
	} else {
		var data []byte
		data, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(i18n.HistoryFile)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			h, err = i18n.NewHistory(), nil
		case err == nil:
			h, err = i18n.ParseHistory(i18n.HistoryFile, data)
		}
	}
	if err != nil {
		return i18n.NewHistory(), err
	}
	h.Add(src)
	return h, nil
}

// Record appends to the museum's history file the texts of src, and the
// extra source messages (those a worksheet was made from), that it does
// not know yet. Entries are only ever appended. It returns how many were
// added. The caller holds the museum's lock (museumlock): Record reads
// the file and writes it back, and two at once would lose one's entries.
func Record(dir string, src *i18n.Catalog, extra []*i18n.Message) (int, error) {
	path := filepath.Join(dir, filepath.FromSlash(i18n.HistoryFile))
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	h, err := i18n.ParseHistory(i18n.HistoryFile, data)
	if err != nil {
		return 0, err
	}
	var added []*i18n.Message
	for _, m := range extra {
		if a := h.Remember(m); a != nil {
			added = append(added, a)
		}
	}
	added = append(added, h.Add(src)...)
	if len(added) == 0 {
		return 0, nil
	}
	return len(added), atomicfile.Write(path, i18n.AppendHistory(data, added), 0o644)
}
