package worksheet

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/tomlfile"
)

// ParseError points at the place in a worksheet a volunteer must fix;
// it is worded like a catalog's errors.
type ParseError = i18n.ParseError

// Parse reads a filled-in worksheet. It is strict about the fields
// pamphlet relies on (id, source_hash, the language) and about misspelt
// keys (a "translaton" would otherwise be silently ignored), and lenient
// about what is only there to be read (where, description, the texts).
func Parse(path string, data []byte) (*Sheet, error) {
	var raw struct {
		Worksheet map[string]any   `toml:"worksheet"`
		Message   []map[string]any `toml:"message"`
	}
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		if line, msg, ok := tomlfile.Syntax(err); ok {
			return nil, &ParseError{Path: path, Line: line, Msg: "the file is not valid TOML any more: " + msg + " (a missing or extra double quote is the usual cause; write \\\" for a quote inside a text)"}
		}
		return nil, &ParseError{Path: path, Line: 0, Msg: "not a worksheet: " + tomlfile.Clip(err.Error())}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &ParseError{Path: path, Line: 0, Msg: fmt.Sprintf("unknown key %q: a worksheet has only [worksheet] and [[message]] blocks", tomlfile.Clip(und[0].String()))}
	}
	if raw.Worksheet == nil {
		return nil, &ParseError{Path: path, Line: 0, Msg: "no [worksheet] table: this is not a worksheet made by `pamphlet translate`"}
	}
	lines := messageLines(data)
	s := &Sheet{}
	for k, v := range raw.Worksheet {
		str, ok := v.(string)
		switch k {
		case "format":
			if n, ok := v.(int64); !ok || n != Format {
				return nil, &ParseError{Path: path, Line: 0, Msg: fmt.Sprintf("[worksheet] format = %s: this pamphlet reads format %d; make a new worksheet with `pamphlet translate`", tomlfile.Clip(fmt.Sprint(v)), Format)}
			}
			continue
		case "language":
			s.Lang = str
		case "source_language":
			s.Source = str
		case "pivot_language":
			s.Pivot = str
		default:
			return nil, &ParseError{Path: path, Line: 0, Msg: fmt.Sprintf("[worksheet]: unknown key %q", tomlfile.Clip(k))}
		}
		if !ok {
			return nil, &ParseError{Path: path, Line: 0, Msg: fmt.Sprintf("[worksheet] %s must be a string", k)}
		}
	}
	if _, err := language.Parse(s.Lang); err != nil || s.Lang == "" {
		return nil, &ParseError{Path: path, Line: 0, Msg: fmt.Sprintf("[worksheet] language = %q is not a language tag", s.Lang)}
	}
	seen := map[string]int{}
	for i, msg := range raw.Message {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		e := Entry{Source: map[string]string{}, Translation: map[string]string{}}
		fail := func(format string, args ...any) error {
			return &ParseError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
		}
		for k, v := range msg {
			if k == "todo" {
				b, ok := v.(bool)
				if !ok {
					return nil, fail("todo must be true or false (or delete the line)")
				}
				e.Todo = b
				continue
			}
			str, ok := v.(string)
			if !ok {
				return nil, fail("%q must be a text in double quotes", tomlfile.Clip(k))
			}
			base, form := splitField(k)
			switch {
			case k == "id":
				e.ID = str
			case k == "status":
				e.Status = i18n.Status(str)
			case k == "where", k == "description":
			case k == "source_hash":
				e.SourceHash = str
			case base == "source" && form != "":
				e.Source[form] = str
			case base == "translation" && form != "":
				e.Translation[form] = str
			case base == "current" && form != "":
				if e.Current == nil {
					e.Current = map[string]string{}
				}
				e.Current[form] = str
			case (base == "pivot" || base == "old_source") && form != "":
			default:
				return nil, fail("unknown key %q (the text goes in `translation`)", tomlfile.Clip(k))
			}
		}
		if e.ID == "" {
			return nil, fail("a [[message]] without its id line: put it back as it was")
		}
		if e.SourceHash == "" {
			return nil, fail("message %q has no source_hash line: put it back as it was", tomlfile.Clip(e.ID))
		}
		if prev, dup := seen[e.ID]; dup {
			return nil, fail("message %q appears twice (also at line %d): keep one", tomlfile.Clip(e.ID), prev)
		}
		seen[e.ID] = line
		s.Entries = append(s.Entries, e)
	}
	return s, nil
}

// splitField splits "translation_few" into ("translation", "few") and
// "translation" into ("translation", "other").
func splitField(k string) (base, form string) {
	for _, f := range i18n.PluralForms {
		if strings.HasSuffix(k, "_"+f) && f != "other" {
			return strings.TrimSuffix(k, "_"+f), f
		}
	}
	return k, "other"
}

// messageLines finds the line of each [[message]] header, so errors can
// point at the block.
func messageLines(data []byte) []int {
	var out []int
	for _, e := range tomlfile.Locate(data).Entries {
		if e.Header && len(e.Key) == 1 && e.Key[0] == "message" {
			out = append(out, e.Line)
		}
	}
	return out
}
