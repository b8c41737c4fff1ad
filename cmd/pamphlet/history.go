package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"pamphlet"
	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
)

// recordHistory adds the source texts of src that the museum's source
// history (i18n.HistoryFile) does not know yet, so that a translation that
// goes stale later can be shown with the Italian it was made from. It
// writes only into a real museum directory, never into the embedded
// sample, and only appends. A failure is a warning: reading a status must
// not fail because the history cannot be written.
func recordHistory(dir string, src *i18n.Catalog, extra []*i18n.Message, stderr io.Writer) *i18n.History {
	if dir == "" {
		// The embedded sample carries its history; it is read-only.
		h, err := i18n.LoadHistory(pamphlet.Sample)
		if err != nil {
			h = i18n.NewHistory()
		}
		h.Add(src)
		return h
	}
	path := filepath.Join(dir, filepath.FromSlash(i18n.HistoryFile))
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "pamphlet: warning: %s: %v (the old Italian of stale translations cannot be shown)\n", i18n.HistoryFile, err)
		return i18n.NewHistory()
	}
	h, err := i18n.ParseHistory(i18n.HistoryFile, data)
	if err != nil {
		fmt.Fprintf(stderr, "pamphlet: warning: %v (not updating it)\n", err)
		return i18n.NewHistory()
	}
	var added []*i18n.Message
	for _, m := range extra {
		if a := h.Remember(m); a != nil {
			added = append(added, a)
		}
	}
	added = append(added, h.Add(src)...)
	if len(added) == 0 {
		return h
	}
	if err := atomicfile.Write(path, i18n.AppendHistory(data, added), 0o644); err != nil {
		fmt.Fprintf(stderr, "pamphlet: warning: cannot update %s: %v\n", i18n.HistoryFile, err)
	}
	return h
}
