package tomlfile

import (
	"strconv"
	"strings"
)

// Entry is one key of a TOML document, where it is written.
type Entry struct {
	// Key is the full dotted path of the key, as the decoder sees it:
	// table headers and dotted keys expanded, quotes removed, no array
	// indexes (["floors", "rooms", "id"]).
	Key []string
	// Local is the key as written on its line, relative to its table
	// (["hash"] under ["floor1.title"]).
	Local []string
	// Elem is the same path with the index of every array of tables and
	// array element: "floors[0].rooms[2].id", "floors[0].rooms[2].panels[1]".
	Elem string
	// Line is the 1-based line the key (or array element) is written on.
	Line int
	// Value is the value of a string key or string array element, decoded;
	// empty for other values and for table headers.
	Value string
	// Header reports a table or array-of-tables header; Array one of an
	// array of tables ([[…]]).
	Header, Array bool
	// Top reports a statement of the document itself: a header, or a
	// key = value line, not a key inside an inline table or an array.
	Top bool
	// End is the last line of the statement's value (a multi-line string
	// or array spans several); the line itself for a header.
	End int
	// String reports a value that is a string.
	String bool
}

// Index is the keys of a document in the order they are written. The TOML
// decoder reports values but not where they stand; the Index tells, so an
// error can name the real line of a key instead of the first line that
// happens to contain the word.
type Index struct{ Entries []Entry }

// Line returns the line of the first entry whose Key is key, or 0.
func (ix *Index) Line(key ...string) int {
	for _, e := range ix.Entries {
		if equal(e.Key, key) {
			return e.Line
		}
	}
	return 0
}

// ElemLine returns the line of the entry whose Elem is elem, or 0.
func (ix *Index) ElemLine(elem string) int {
	for _, e := range ix.Entries {
		if e.Elem == elem {
			return e.Line
		}
	}
	return 0
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Locate scans a TOML document for its keys. It understands comments,
// basic and literal strings, multi-line strings, arrays over several
// lines and inline tables. It does not validate: run it on documents the
// decoder accepted, or accept that a malformed one is located as well as
// it can be.
func Locate(data []byte) *Index {
	s := &scanner{src: string(data), line: 1, arrays: map[string]int{}}
	s.document()
	return &Index{Entries: s.out}
}

type scanner struct {
	src    string
	pos    int
	line   int
	out    []Entry
	table  []string       // current table path
	elem   string         // current table path with array indexes
	arrays map[string]int // array-of-tables path (with parent indexes) → count so far
}

func (s *scanner) peek() byte {
	if s.pos < len(s.src) {
		return s.src[s.pos]
	}
	return 0
}

func (s *scanner) next() byte {
	c := s.src[s.pos]
	s.pos++
	if c == '\n' {
		s.line++
	}
	return c
}

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

// space skips blanks, and also newlines and comments when nl is set.
func (s *scanner) space(nl bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '\n' && nl:
			s.next()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.next() != '\n' {
	}
}

func (s *scanner) document() {
	for {
		s.space(true)
		if s.eof() {
			return
		}
		line := s.line
		if s.peek() == '[' {
			s.next()
			array := s.peek() == '['
			if array {
				s.next()
			}
			key := s.key()
			s.skipLine()
			s.table = key
			s.elem = s.elemOf(key, array)
			s.out = append(s.out, Entry{Key: key, Elem: s.elem, Line: line, Header: true, Array: array, Top: true, End: line})
			continue
		}
		key := s.key()
		if len(key) == 0 {
			s.skipLine()
			continue
		}
		s.space(false)
		if s.peek() != '=' {
			s.skipLine()
			continue
		}
		s.next()
		at := len(s.out)
		s.keyValue(s.table, s.elem, key, line)
		s.out[at].Top, s.out[at].End = true, s.line
		s.skipLine()
	}
}

// elemOf is the indexed path of a table header: each prefix that is an
// array of tables gets the index of its current element.
func (s *scanner) elemOf(key []string, array bool) string {
	var b strings.Builder
	for i, k := range key {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(k)
		prefix := b.String()
		if i == len(key)-1 && array {
			n := s.arrays[prefix]
			s.arrays[prefix] = n + 1
			b.WriteString("[" + strconv.Itoa(n) + "]")
		} else if n, ok := s.arrays[prefix]; ok {
			b.WriteString("[" + strconv.Itoa(n-1) + "]")
		}
	}
	return b.String()
}

// keyValue records key (relative to table) and scans its value.
func (s *scanner) keyValue(table []string, elem string, key []string, line int) {
	full := append(append([]string{}, table...), key...)
	path := strings.Join(key, ".")
	if elem != "" {
		path = elem + "." + path
	}
	s.space(false)
	e := Entry{Key: full, Local: key, Elem: path, Line: line}
	switch s.peek() {
	case '"', '\'':
		e.Value, e.String = s.str(), true
		s.out = append(s.out, e)
	case '[':
		s.out = append(s.out, e)
		s.array(full, path)
	case '{':
		s.out = append(s.out, e)
		s.inlineTable(full, path)
	default:
		s.out = append(s.out, e)
		for !s.eof() && !strings.ContainsRune(",]}\n#", rune(s.peek())) {
			s.next()
		}
	}
}

func (s *scanner) array(key []string, elem string) {
	s.next() // [
	for i := 0; ; i++ {
		s.space(true)
		if s.eof() {
			return
		}
		if s.peek() == ']' {
			s.next()
			return
		}
		line := s.line
		el := elem + "[" + strconv.Itoa(i) + "]"
		switch s.peek() {
		case '"', '\'':
			s.out = append(s.out, Entry{Key: key, Elem: el, Line: line, Value: s.str()})
		case '[':
			s.array(key, el)
		case '{':
			s.inlineTable(key, el)
		default:
			for !s.eof() && !strings.ContainsRune(",]\n#", rune(s.peek())) {
				s.next()
			}
		}
		s.space(true)
		if s.peek() == ',' {
			s.next()
		}
	}
}

func (s *scanner) inlineTable(table []string, elem string) {
	s.next() // {
	for {
		s.space(true)
		if s.eof() {
			return
		}
		if s.peek() == '}' {
			s.next()
			return
		}
		line := s.line
		key := s.key()
		s.space(false)
		if len(key) == 0 || s.peek() != '=' {
			// Malformed: give up on this table.
			for !s.eof() && s.peek() != '}' && s.peek() != '\n' {
				s.next()
			}
			continue
		}
		s.next()
		s.keyValue(table, elem, key, line)
		s.space(true)
		if s.peek() == ',' {
			s.next()
		}
	}
}

// key reads a dotted key of bare and quoted parts, stopping before '=' or
// a header's closing bracket.
func (s *scanner) key() []string {
	var parts []string
	for {
		s.space(false)
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			parts = append(parts, s.str())
		case isBare(c):
			start := s.pos
			for !s.eof() && isBare(s.peek()) {
				s.next()
			}
			parts = append(parts, s.src[start:s.pos])
		default:
			return parts
		}
		s.space(false)
		if s.peek() != '.' {
			return parts
		}
		s.next()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// str reads a basic, literal or multi-line string and returns its value.
func (s *scanner) str() string {
	q := s.next()
	multi := strings.HasPrefix(s.src[s.pos:], string([]byte{q, q}))
	if multi {
		s.next()
		s.next()
		if s.peek() == '\n' {
			s.next()
		} else if strings.HasPrefix(s.src[s.pos:], "\r\n") {
			s.next()
			s.next()
		}
	}
	closer := strings.Repeat(string(q), 3)
	var b strings.Builder
	for !s.eof() {
		// A run of bytes that are neither the quote, a backslash nor a
		// newline is copied at once.
		if n := plainRun(s.src[s.pos:], q); n > 0 {
			b.WriteString(s.src[s.pos : s.pos+n])
			s.pos += n
			continue
		}
		c := s.peek()
		if multi && strings.HasPrefix(s.src[s.pos:], closer) {
			s.next()
			s.next()
			s.next()
			// Up to two more quotes belong to the string.
			for i := 0; i < 2 && s.peek() == q; i++ {
				b.WriteByte(s.next())
			}
			return b.String()
		}
		if !multi && (c == q || c == '\n') {
			if c == q {
				s.next()
			}
			return b.String()
		}
		if q == '"' && c == '\\' {
			s.next()
			if s.eof() {
				break
			}
			b.WriteString(s.escape(multi))
			continue
		}
		b.WriteByte(s.next())
	}
	return b.String()
}

// plainRun is how many bytes at the start of src a string copies as
// they are: up to the first quote q, backslash or newline (newlines are
// counted by next, one at a time).
func plainRun(src string, q byte) int {
	for i := 0; i < len(src); i++ {
		if c := src[i]; c == q || c == '\\' || c == '\n' {
			return i
		}
	}
	return len(src)
}

func (s *scanner) escape(multi bool) string {
	c := s.next()
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case 'b':
		return "\b"
	case 'f':
		return "\f"
	case 'e':
		return "\x1b"
	case 'u', 'U':
		n := 4
		if c == 'U' {
			n = 8
		}
		if s.pos+n <= len(s.src) {
			if v, err := strconv.ParseUint(s.src[s.pos:s.pos+n], 16, 32); err == nil {
				s.pos += n
				return string(rune(v))
			}
		}
		return ""
	case '\n', ' ', '\t', '\r':
		if multi { // a line-ending backslash trims the whitespace after it
			for !s.eof() && strings.ContainsRune(" \t\r\n", rune(s.peek())) {
				s.next()
			}
			return ""
		}
	}
	return string(c)
}
