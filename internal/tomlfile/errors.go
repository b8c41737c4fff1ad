package tomlfile

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxQuote is how much of a user's text an error message may echo: enough
// to recognise the place, never a whole paragraph (or a whole file, as the
// TOML decoder's messages can when a string is left open).
const MaxQuote = 60

// Clip cuts s at its first line break and to MaxQuote characters, marking
// a cut with "…", so that whatever a user wrote can be quoted in a one-line
// error.
func Clip(s string) string {
	cut := false
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s, cut = s[:i], true
	}
	if utf8.RuneCountInString(s) > MaxQuote {
		s, cut = string([]rune(s)[:MaxQuote]), true
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if cut {
		s += "…"
	}
	return s
}

// maxMessage bounds the TOML decoder's own wording: its messages are short,
// but they quote keys and values, which a user can make as long as they like.
const maxMessage = 2 * MaxQuote

// Syntax reports whether err is the TOML decoder's syntax error, and if so
// its line and its message made fit for one line of ours: cut at the first
// line break (the decoder quotes raw text, a broken multi-line string
// included) and to a bounded length.
func Syntax(err error) (line int, msg string, ok bool) {
	var perr toml.ParseError
	if !errors.As(err, &perr) {
		return 0, "", false
	}
	msg = perr.Message
	if i := strings.IndexAny(msg, "\r\n"); i >= 0 {
		msg = strings.TrimSpace(msg[:i]) + " …"
	}
	if utf8.RuneCountInString(msg) > maxMessage {
		msg = string([]rune(msg)[:maxMessage]) + "…"
	}
	return max(perr.Position.Line, 1), strings.ToValidUTF8(msg, "\uFFFD"), true
}

// TypeError is a key whose value is of the wrong kind for it: a text where
// a number belongs, a number where a list belongs, nan where a whole number
// belongs.
type TypeError struct {
	File string
	Line int
	Key  string // dotted: "styles.body.grey"
	Want string // in words: "a whole number"
	Got  string // in words, with the value: "the number NaN"
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("%s:%d: %s: expected %s, got %s", e.File, e.Line, e.Key, e.Want, e.Got)
}

// decodeError is the wording of the TOML decoder for a value that does not
// fit its Go field: `toml: line 29 (last key "styles.body.grey"):
// incompatible types: TOML value has type float64; destination has type
// integer`. The decoder returns it as a plain fmt error, so its parts are
// read back from the text; its line is that of the key's last occurrence,
// which in an array of tables is not the wrong one.
var decodeError = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "((?:[^"\\]|\\.)*)"\): incompatible types: TOML value has type ([^;]+); destination has type (.+)$`)

// typeError rewords the decoder's type mismatch as a *TypeError, or
// returns nil for any other error.
func typeError(path string, data []byte, err error) error {
	m := decodeError.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	key, _ := strconv.Unquote(`"` + m[1] + `"`)
	want := wantWords(m[3])
	parts := splitDotted(key)
	var tree map[string]any
	_, _ = toml.Decode(string(data), &tree)
	ix := Locate(data)
	line, got := 0, typeWords(m[2])
	// The first occurrence of the key whose value has the decoder's type:
	// in museum.toml, floors.rooms.panels is written once per room.
	for _, e := range ix.Entries {
		if e.Header || strings.HasSuffix(e.Elem, "]") || !equal(e.Key, parts) { // not an array element
			continue
		}
		if line == 0 {
			line = e.Line
		}
		if v, ok := at(tree, e.Elem); ok && hasType(v, m[2], want == "a list in [brackets]") {
			line, got = e.Line, valueWords(v, m[2])
			break
		}
	}
	return &TypeError{File: path, Line: max(line, 1), Key: Clip(key), Want: want, Got: got}
}

// splitDotted splits the decoder's dotted key, whose parts are quoted
// where they need it.
func splitDotted(k string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && quoted && i+1 < len(k):
			i++
			cur.WriteByte(k[i])
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, cur.String())
}

// at finds the value at an Entry's Elem path ("floors[0].rooms[2].panels")
// in a decoded tree.
func at(tree map[string]any, elem string) (any, bool) {
	var v any = tree
	for _, part := range strings.Split(elem, ".") {
		name, idx, _ := strings.Cut(part, "[")
		t, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = t[name]; !ok {
			return nil, false
		}
		for idx != "" {
			var n string
			n, idx, _ = strings.Cut(idx, "]")
			idx = strings.TrimPrefix(idx, "[")
			i, err := strconv.Atoi(n)
			if err != nil {
				return nil, false
			}
			switch a := v.(type) {
			case []map[string]any:
				if i >= len(a) {
					return nil, false
				}
				v = a[i]
			case []any:
				if i >= len(a) {
					return nil, false
				}
				v = a[i]
			default:
				return nil, false
			}
		}
	}
	return v, true
}

// hasType reports whether v, or an element of the array v, has the type
// the decoder named (fmtType: "int64", "float64", "string", "[]any" …).
// Where a list is wanted, the type is that of the value itself: a list of
// texts is right for panels, whatever the decoder says of a text.
func hasType(v any, typ string, wantList bool) bool {
	if fmt.Sprintf("%T", v) == strings.ReplaceAll(typ, "any", "interface {}") || goType(v) == typ {
		return true
	}
	if a, ok := v.([]any); ok && !wantList {
		for _, el := range a {
			if goType(el) == typ {
				return true
			}
		}
	}
	return false
}

func goType(v any) string {
	switch v.(type) {
	case []any:
		return "[]any"
	case map[string]any:
		return "map[string]any"
	case []map[string]any:
		return "[]map[string]any"
	}
	return fmt.Sprintf("%T", v)
}

// wantWords names the Go destination kind the way the README does.
func wantWords(dst string) string {
	switch {
	case strings.HasPrefix(dst, "int"), strings.HasPrefix(dst, "uint"):
		return "a whole number"
	case strings.HasPrefix(dst, "float"):
		return "a number"
	case dst == "string":
		return "a text in double quotes"
	case dst == "bool":
		return "true or false"
	case dst == "slice", dst == "array", strings.HasPrefix(dst, "[]"):
		return "a list in [brackets]"
	case dst == "map", dst == "struct", strings.HasPrefix(dst, "map"):
		return "a table"
	}
	return "another kind of value"
}

// typeWords names a TOML value's kind when the value itself is not found.
func typeWords(typ string) string {
	switch {
	case typ == "int64":
		return "a whole number"
	case typ == "float64":
		return "a number with a decimal point"
	case typ == "string":
		return "a text"
	case typ == "bool":
		return "true or false"
	case strings.HasPrefix(typ, "[]"):
		return "a list"
	case strings.HasPrefix(typ, "map"):
		return "a table"
	case strings.Contains(typ, "time") || strings.Contains(typ, "Local"):
		return "a date or time"
	}
	return Clip(typ)
}

// valueWords describes the value the user wrote, quoting it.
func valueWords(v any, typ string) string {
	if a, ok := v.([]any); ok && goType(v) != typ {
		for _, el := range a {
			if goType(el) == typ {
				return valueWords(el, typ) + " in the list"
			}
		}
	}
	switch x := v.(type) {
	case int64:
		return "the whole number " + strconv.FormatInt(x, 10)
	case float64:
		switch {
		case math.IsNaN(x):
			return "nan (not a number)"
		case math.IsInf(x, 0):
			return "inf (infinity)"
		case x == math.Trunc(x) && math.Abs(x) < 1e15:
			return "the number " + strconv.FormatFloat(x, 'g', -1, 64) + " written with a decimal point or exponent (write " + strconv.FormatFloat(x, 'f', -1, 64) + ")"
		}
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return "the text " + strconv.Quote(Clip(x))
	case bool:
		return strconv.FormatBool(x)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date or time"
	}
	return typeWords(typ)
}
