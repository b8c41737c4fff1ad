package i18n

import (
	"fmt"
	"pamphlet/internal/tomlfile"
	"sort"
	"strings"
)

// SetHashes rewrites the `hash` line of the given messages in a catalog's
// text and changes nothing else: comments, order, spacing and every other
// message stay byte for byte as the volunteer left them. A message without
// a hash line gets one right under its table header. It reads the text
// with the same table scanner as SetMessages, so a line that merely looks
// like `hash = …` inside a multi-line string is text, not a field.
//
// Only messages written as their own table (["floor1.cell2.title"]) can
// be stamped; the error names any other.
func SetHashes(path string, data []byte, hashes map[string]string) ([]byte, error) {
	lines := splitLines(string(data))
	eol := lineEnd(data)
	replace := map[int]string{} // line → its replacement
	drop := map[int]bool{}
	after := map[int][]string{} // header line → hash line inserted after it
	done := map[string]bool{}
	for _, t := range scanTables(lines) {
		h, ok := hashes[t.id]
		if t.id == "" || !ok || done[t.id] {
			continue
		}
		done[t.id] = true
		line := "hash = " + Quote(h) + eol
		found := false
		for _, f := range t.fields {
			if f.key != "hash" {
				continue
			}
			if !found {
				replace[f.start] = line
				found = true
			} else {
				drop[f.start] = true
			}
			for j := f.start + 1; j < f.end; j++ {
				drop[j] = true
			}
		}
		if !found {
			after[t.start] = []string{line}
		}
	}
	var missing []string
	for id := range hashes {
		if !done[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("%s: cannot set the hash of %s: write each message as its own table, e.g. [%q]", path, strings.Join(missing, ", "), missing[0])
	}
	return rewrite(lines, replace, drop, after, eol), nil
}

// Update is the new content of one message for SetMessages: the text of
// each plural form and the hash of the source text it was translated from.
type Update struct {
	Hash  string
	Forms map[string]string
}

// SetMessages writes translations into a catalog's text and changes
// nothing else, in the way SetHashes does: comments, blank lines, order
// and every message not named stay byte for byte as they were.
//
// A message that already has its own table keeps its header, description
// and comments; its hash and text lines (zero … other) are replaced by the
// update's, where its first such line stood. A message the file lacks is
// inserted as a new table right after the nearest message that precedes it
// in order (the source catalog's order), so that a file grown by merges
// still reads in the order of the visit; with none before it, before the
// first message, or, in a file without messages, at the end (ahead of a
// trailing [_meta] table). Messages not in order go last.
//
// Only messages written as their own table can be replaced; the error
// names any other. The caller should parse the result before writing it.
func SetMessages(path string, data []byte, updates map[string]Update, order []string) ([]byte, error) {
	text := string(data)
	lines := splitLines(text)
	tables := scanTables(lines)
	eol := lineEnd(data)
	block := func(s string) string { return strings.ReplaceAll(s, "\n", eol) }

	// Which IDs the file defines in some other way (dotted keys, nested
	// tables): those cannot be edited in place.
	existing := map[string]*tableSpan{}
	firstMessage, metaTail := -1, -1
	for i := range tables {
		t := &tables[i]
		if t.meta {
			if metaTail < 0 {
				metaTail = t.start
			}
			continue
		}
		metaTail = -1 // a message after [_meta]: _meta is not the tail
		if t.id != "" {
			existing[t.id] = t
			if firstMessage < 0 {
				firstMessage = t.start
			}
		}
	}
	if len(data) > 0 {
		var other []string
		if c, err := Parse(path, data); err == nil {
			for id := range updates {
				if _, ok := c.Messages[id]; ok && existing[id] == nil {
					other = append(other, id)
				}
			}
		}
		if len(other) > 0 {
			sort.Strings(other)
			return nil, fmt.Errorf("%s: cannot rewrite %s: write each message as its own table, e.g. [%q]", path, strings.Join(other, ", "), other[0])
		}
	}

	// replace[i] replaces line i; insertAfter[i] goes after line i
	// (i = -1: before the first line).
	replace := map[int]string{}
	drop := map[int]bool{}
	insertAfter := map[int][]string{}
	for id, u := range updates {
		t := existing[id]
		if t == nil {
			continue
		}
		at := -1
		for _, f := range t.fields {
			if f.key == "hash" || isForm(f.key) {
				if at < 0 {
					at = f.start
				}
				for j := f.start; j < f.end; j++ {
					drop[j] = true
				}
			}
		}
		fields := block(fieldLines(u))
		if at < 0 {
			// No text yet: put it after the last field (or the header).
			last := t.start
			if n := len(t.fields); n > 0 {
				last = t.fields[n-1].end - 1
			}
			insertAfter[last] = append(insertAfter[last], fields)
			continue
		}
		delete(drop, at)
		replace[at] = fields
	}

	// New messages, anchored after their predecessor in order.
	tail := len(lines) - 1
	if metaTail >= 0 {
		// Before the trailing [_meta] tables and the comments that
		// introduce them.
		tail = metaTail - 1
		for tail >= 0 {
			if s := strings.TrimSpace(lines[tail]); s != "" && s[0] != '#' {
				break
			}
			tail--
		}
	}
	anchorOf := map[string]int{}
	placed := map[string]bool{}
	prev := ""
	newOnes := map[string]bool{}
	for id := range updates {
		if existing[id] == nil {
			newOnes[id] = true
		}
	}
	for _, id := range order {
		if newOnes[id] && !placed[id] {
			at := tail
			switch {
			case prev != "" && existing[prev] != nil:
				at = existing[prev].contentEnd
			case prev != "":
				at = anchorOf[prev]
			case firstMessage >= 0:
				at = firstMessage - 1
			}
			anchorOf[id] = at
			placed[id] = true
			insertAfter[at] = append(insertAfter[at], block("\n"+header(id)+fieldLines(updates[id])))
		}
		if existing[id] != nil || placed[id] {
			prev = id
		}
	}
	var rest []string
	for id := range newOnes {
		if !placed[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		insertAfter[tail] = append(insertAfter[tail], block("\n"+header(id)+fieldLines(updates[id])))
	}

	return rewrite(lines, replace, drop, insertAfter, eol), nil
}

// splitLines splits a text into lines that keep their line endings.
func splitLines(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// rewrite applies line edits to a text's lines: replace[i] stands in for
// line i, drop[i] removes it, the blocks of insertAfter[i] follow it
// (insertAfter[-1]: before the first line). Every other line is kept byte
// for byte; a block after a last line with no line ending gets eol first.
func rewrite(lines []string, replace map[int]string, drop map[int]bool, insertAfter map[int][]string, eol string) []byte {
	var out strings.Builder
	emit := func(blocks []string) {
		for _, b := range blocks {
			if s := out.String(); len(s) > 0 && !strings.HasSuffix(s, "\n") {
				out.WriteString(eol)
			}
			out.WriteString(b)
		}
	}
	emit(insertAfter[-1])
	for i, line := range lines {
		switch {
		case replace[i] != "":
			out.WriteString(replace[i])
		case drop[i]:
		default:
			out.WriteString(line)
		}
		emit(insertAfter[i])
	}
	return []byte(out.String())
}

// lineEnd is the text's line ending, so that the lines an edit writes into
// a file saved with CRLF (Notepad) end as its others do.
func lineEnd(data []byte) string {
	if i := strings.IndexByte(string(data), '\n'); i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

func header(id string) string { return "[" + Quote(id) + "]\n" }

// fieldLines renders an update as TOML lines: the hash first, then the
// forms in CLDR order.
func fieldLines(u Update) string {
	var b strings.Builder
	b.WriteString("hash = " + Quote(u.Hash) + "\n")
	for _, f := range PluralForms {
		if t, ok := u.Forms[f]; ok {
			b.WriteString(f + " = " + Quote(t) + "\n")
		}
	}
	return b.String()
}

func isForm(key string) bool {
	for _, f := range PluralForms {
		if key == f {
			return true
		}
	}
	return false
}

// tableSpan is one [table] of a catalog's text.
type tableSpan struct {
	id         string // message ID if the header names one directly, else ""
	meta       bool   // a [_meta…] table
	start      int    // line of the header
	contentEnd int    // last line that belongs to a field (or the header)
	fields     []fieldSpan
}

// fieldSpan is one key = value of a table, over lines [start, end): a
// multi-line string spans several.
type fieldSpan struct {
	key        string
	start, end int
}

// scanTables finds the tables of a catalog and their fields. It reads the
// text as TOML does, not line by line: a line inside a multi-line string
// (one that says `hash = "…"`, or `[table]`, or `"""` escaped as `\"""`),
// inside an array or an inline table spread over several lines, or after
// a comment, is part of its value, never a field or a header of its own.
func scanTables(lines []string) []tableSpan {
	var tables []tableSpan
	var cur *tableSpan
	for _, st := range tomlfile.Locate([]byte(strings.Join(lines, ""))).Entries {
		if !st.Top {
			continue
		}
		start, end := st.Line-1, st.End // 0-based lines [start, end)
		if st.Header {
			t := tableSpan{start: start, contentEnd: start}
			if len(st.Key) > 0 {
				t.meta = st.Key[0] == MetaKey
				if !t.meta && !st.Array {
					t.id = strings.Join(st.Key, ".")
				}
			}
			tables = append(tables, t)
			cur = &tables[len(tables)-1]
			continue
		}
		own := st.Local // the field as written under its table
		f := fieldSpan{start: start, end: end}
		if len(own) == 1 {
			f.key = strings.ToLower(own[0])
		} else {
			f.key = strings.Join(own, ".")
		}
		if cur != nil {
			cur.fields = append(cur.fields, f)
			cur.contentEnd = f.end - 1
			if len(own) != 1 || !reservedKeys[f.key] || !st.String {
				cur.id = "" // a nested message or a value go-i18n does not read as a field
			}
		}
	}
	return tables
}

// Quote writes s as a TOML basic string, on one line. strconv.Quote is not enough:
// its \x escapes are not TOML.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
