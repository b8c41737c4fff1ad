package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"pamphlet/internal/tomlfile"
)

// HistoryFile is the source memory of a museum: every source text
// pamphlet has seen, keyed by its SourceHash.
//
// A translation records only the hash of the source it was made from, and
// a hash cannot be turned back into text. When a curator edits a plaque,
// the volunteer who updates the translation needs to see what changed:
// the old source beside the new. So the commands that read the catalogs
// (status, check, translate, merge) add every source text they have not
// seen before to this file, and `pamphlet translate` looks the old text
// up by the stale translation's hash. Entries are only ever appended,
// never changed or removed; keep the file in version control beside the
// catalogs. Its name starts with a dot so that it is not taken for a
// catalog (LoadAll skips such names).
//
// Each entry is a table named by the hash, holding the message ID it was
// seen under and its forms, like a message:
//
//	["sha1-0a1b…"]
//	id = "floor1.cell2.calendar.body"
//	other = "Il calendario inciso sul muro …"
const HistoryFile = Dir + "/.source-history.toml"

// History is the parsed source memory.
type History struct {
	entries map[string]*Message
}

// NewHistory returns an empty history.
func NewHistory() *History { return &History{entries: map[string]*Message{}} }

// LoadHistory reads HistoryFile from a museum; a museum without one has
// an empty history.
func LoadHistory(fsys fs.FS) (*History, error) {
	data, err := fs.ReadFile(fsys, HistoryFile)
	if errors.Is(err, fs.ErrNotExist) {
		return NewHistory(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", HistoryFile, err)
	}
	return ParseHistory(HistoryFile, data)
}

// ParseHistory reads a history file. An entry whose text does not match
// its hash (edited by hand) is an error: it would show a volunteer an
// source text that no translation was made from.
func ParseHistory(path string, data []byte) (*History, error) {
	var raw map[string]map[string]string
	if _, err := toml.Decode(string(data), &raw); err != nil {
		if line, msg, ok := tomlfile.Syntax(err); ok {
			return nil, &ParseError{Path: path, Line: line, Msg: "malformed source history: " + msg}
		}
		return nil, &ParseError{Path: path, Msg: "malformed source history: " + tomlfile.Clip(err.Error())}
	}
	lines := keyLines(data)
	h := NewHistory()
	for hash, fields := range raw {
		m := &Message{ID: fields["id"], Forms: map[string]string{}, Line: lines[hash]}
		for k, v := range fields {
			switch {
			case k == "id":
			case isForm(k):
				m.Forms[k] = v
			default:
				return nil, &ParseError{Path: path, Line: lines[hash], Msg: fmt.Sprintf("entry %q: unknown key %q", hash, k)}
			}
		}
		if got := SourceHash(m); got != hash {
			return nil, &ParseError{Path: path, Line: lines[hash], Msg: fmt.Sprintf("entry %q: its text does not match its hash (was it edited by hand? restore it from version control)", hash)}
		}
		h.entries[hash] = m
	}
	return h, nil
}

// Lookup returns the source text recorded under a hash.
func (h *History) Lookup(hash string) (*Message, bool) {
	m, ok := h.entries[hash]
	return m, ok
}

// Len is the number of texts remembered.
func (h *History) Len() int { return len(h.entries) }

// Add remembers the current text of every message of a source catalog
// and returns the ones it did not know, in the catalog's line order.
func (h *History) Add(src *Catalog) []*Message {
	ids := src.IDs()
	sort.SliceStable(ids, func(i, j int) bool { return src.Messages[ids[i]].Line < src.Messages[ids[j]].Line })
	var added []*Message
	for _, id := range ids {
		if m := h.Remember(src.Messages[id]); m != nil {
			added = append(added, m)
		}
	}
	return added
}

// Remember adds one source message (its ID and forms) and returns the
// copy stored, or nil if its hash was already known.
func (h *History) Remember(m *Message) *Message {
	hash := SourceHash(m)
	if _, ok := h.entries[hash]; ok || len(m.Forms) == 0 {
		return nil
	}
	c := &Message{ID: m.ID, Forms: map[string]string{}}
	for k, v := range m.Forms {
		c.Forms[k] = v
	}
	h.entries[hash] = c
	return c
}

// AppendHistory returns a history file's text with entries appended at
// the end; everything already there is kept byte for byte. An empty file
// gets an explanatory header first.
func AppendHistory(data []byte, added []*Message) []byte {
	var b strings.Builder
	b.Write(data)
	if len(data) == 0 {
		b.WriteString(historyHeader)
	}
	if len(data) > 0 && !strings.HasSuffix(string(data), "\n") {
		b.WriteString("\n")
	}
	for _, m := range added {
		b.WriteString("\n" + header(SourceHash(m)))
		b.WriteString("id = " + Quote(m.ID) + "\n")
		for _, f := range PluralForms {
			if t, ok := m.Forms[f]; ok {
				b.WriteString(f + " = " + Quote(t) + "\n")
			}
		}
	}
	return []byte(b.String())
}

const historyHeader = `# .source-history.toml — every source text pamphlet has recorded, by hash.
#
# A translation records the hash of the source text it was made from. When
# the source of a plaque changes, ` + "`pamphlet translate`" + ` looks that hash up here
# to show the volunteer the old source beside the new one. pamphlet only ever
# appends to this file. Do not edit it; keep it in version control.
`
