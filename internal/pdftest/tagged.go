package pdftest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Elem is a structure element as pdfcpu reads it from the file.
type Elem struct {
	Role  string
	Lang  string
	Alt   string // the text alternative (/Alt), which every Figure has
	Kids  []*Elem
	Marks []PageMark // its own marked content, in the order of /K
}

// PageMark is one MCID on one page (0-based).
type PageMark struct{ Page, MCID int }

// Walk calls f for e and every element under it, in the order of the
// tree (reading order).
func (e *Elem) Walk(f func(*Elem)) {
	f(e)
	for _, k := range e.Kids {
		k.Walk(f)
	}
}

// OutlineItem is one bookmark.
type OutlineItem struct {
	Title string
	Level int
	Page  int // 0-based page it opens on
}

// Tagged is what a tagged PDF says about its own accessibility.
type Tagged struct {
	Marked          bool   // /MarkInfo <</Marked true>>
	DisplayDocTitle bool   // /ViewerPreferences
	Direction       string // /ViewerPreferences /Direction, "" when absent
	XMP             []byte
	Root            *Elem // the root's only kid: the Document element
	Outline         []OutlineItem
}

// ReadTagged reads the structure tree of path with pdfcpu and checks
// that it fits the pages, failing t with every mismatch: each page has
// /StructParents and an entry in the /ParentTree that names, for each
// MCID, the element whose /K holds it; every MCID in a page's content is
// in the tree and the other way round; and no text object (BT … ET) and
// no path is outside marked content (a /Tag <<…>> BDC or /Artifact BMC).
func ReadTagged(t testing.TB, path string) *Tagged {
	t.Helper()
	ctx := readContext(t, path)
	xt := ctx.XRefTable
	root, err := xt.Catalog()
	if err != nil {
		t.Fatalf("%s: no catalog: %v", path, err)
	}
	tg := &Tagged{}
	if mi, _ := xt.DereferenceDict(root["MarkInfo"]); mi != nil {
		b, _ := mi["Marked"].(types.Boolean)
		tg.Marked = bool(b)
	}
	if vp, _ := xt.DereferenceDict(root["ViewerPreferences"]); vp != nil {
		b, _ := vp["DisplayDocTitle"].(types.Boolean)
		tg.DisplayDocTitle = bool(b)
		if n, ok := vp["Direction"].(types.Name); ok {
			tg.Direction = string(n)
		}
	}
	if sd, _, err := xt.DereferenceStreamDict(root["Metadata"]); err == nil && sd != nil {
		if err := sd.Decode(); err == nil {
			tg.XMP = sd.Content
		}
	}

	pages := make([]types.IndirectRef, ctx.PageCount)
	pageIndex := map[int]int{}
	for i := range pages {
		_, ref, _, err := xt.PageDict(i+1, false)
		if err != nil || ref == nil {
			t.Fatalf("%s: page %d: %v", path, i+1, err)
		}
		pages[i] = *ref
		pageIndex[ref.ObjectNumber.Value()] = i
	}

	str, err := xt.DereferenceDict(root["StructTreeRoot"])
	if err != nil || str == nil {
		t.Errorf("%s: no /StructTreeRoot", path)
		return tg
	}
	owner := map[PageMark]int{} // which element (by object number) holds each MCID
	var walk func(ref types.IndirectRef, depth int) *Elem
	walk = func(ref types.IndirectRef, depth int) *Elem {
		d, err := xt.DereferenceDict(ref)
		if err != nil || d == nil || depth > 50 {
			t.Errorf("%s: structure element %v unreadable", path, ref)
			return &Elem{}
		}
		e := &Elem{}
		if s, ok := d["S"].(types.Name); ok {
			e.Role = string(s)
		}
		if l, ok := d["Lang"]; ok {
			e.Lang = text(xt, l)
		}
		if a, ok := d["Alt"]; ok {
			e.Alt = text(xt, a)
		}
		if e.Role == "Figure" && strings.TrimSpace(e.Alt) == "" {
			t.Errorf("%s: a Figure without /Alt text: a screen reader has nothing to say for it", path)
		}
		pg := -1
		if r, ok := d["Pg"].(types.IndirectRef); ok {
			pg = pageIndex[r.ObjectNumber.Value()]
		}
		kids := d["K"]
		arr, ok := kids.(types.Array)
		if !ok {
			arr = types.Array{kids}
		}
		for _, k := range arr {
			switch k := k.(type) {
			case types.Integer:
				if pg < 0 {
					t.Errorf("%s: %s holds MCID %d but has no /Pg", path, e.Role, k)
				}
				m := PageMark{pg, int(k)}
				e.Marks = append(e.Marks, m)
				owner[m] = ref.ObjectNumber.Value()
			case types.IndirectRef:
				kd, _ := xt.DereferenceDict(k)
				if kd["Type"] == types.Name("MCR") {
					r, _ := kd["Pg"].(types.IndirectRef)
					id, _ := kd["MCID"].(types.Integer)
					m := PageMark{pageIndex[r.ObjectNumber.Value()], int(id)}
					e.Marks = append(e.Marks, m)
					owner[m] = ref.ObjectNumber.Value()
					continue
				}
				if p, ok := kd["P"].(types.IndirectRef); !ok || p.ObjectNumber != ref.ObjectNumber {
					t.Errorf("%s: a kid of %s does not name it as its /P", path, e.Role)
				}
				e.Kids = append(e.Kids, walk(k, depth+1))
			case types.Dict:
				r, ok := k["Pg"].(types.IndirectRef)
				p := pg
				if ok {
					p = pageIndex[r.ObjectNumber.Value()]
				}
				id, _ := k["MCID"].(types.Integer)
				m := PageMark{p, int(id)}
				e.Marks = append(e.Marks, m)
				owner[m] = ref.ObjectNumber.Value()
			case nil:
			default:
				t.Errorf("%s: %s has a kid of type %T", path, e.Role, k)
			}
		}
		return e
	}
	if k, ok := str["K"].(types.Array); ok && len(k) == 1 {
		if r, ok := k[0].(types.IndirectRef); ok {
			tg.Root = walk(r, 0)
		}
	} else if r, ok := str["K"].(types.IndirectRef); ok {
		tg.Root = walk(r, 0)
	}
	if tg.Root == nil {
		t.Errorf("%s: the structure tree has no single root element", path)
		return tg
	}

	parents := map[int]types.Array{}
	if pt, _ := xt.DereferenceDict(str["ParentTree"]); pt != nil {
		nums, _ := xt.DereferenceArray(pt["Nums"])
		for i := 0; i+1 < len(nums); i += 2 {
			n, _ := nums[i].(types.Integer)
			a, _ := xt.DereferenceArray(nums[i+1])
			parents[int(n)] = a
		}
	} else {
		t.Errorf("%s: no /ParentTree", path)
	}

	inContent := map[PageMark]bool{}
	for i := range pages {
		pd, _, _, _ := xt.PageDict(i+1, false)
		sp, ok := pd["StructParents"].(types.Integer)
		if !ok {
			t.Errorf("%s: page %d has no /StructParents", path, i+1)
			continue
		}
		content, err := xt.PageContent(pd, i+1)
		if err != nil {
			t.Errorf("%s: page %d: %v", path, i+1, err)
			continue
		}
		mcids, problems := scanContent(content)
		for _, p := range problems {
			t.Errorf("%s: page %d: %s", path, i+1, p)
		}
		arr, ok := parents[int(sp)]
		if !ok {
			t.Errorf("%s: page %d: /StructParents %d is not in the /ParentTree", path, i+1, sp)
		}
		for _, id := range mcids {
			m := PageMark{i, id}
			inContent[m] = true
			own, ok := owner[m]
			if !ok {
				t.Errorf("%s: page %d: MCID %d is in no structure element", path, i+1, id)
				continue
			}
			if id >= len(arr) {
				t.Errorf("%s: page %d: MCID %d has no /ParentTree entry", path, i+1, id)
				continue
			}
			if r, ok := arr[id].(types.IndirectRef); !ok || r.ObjectNumber.Value() != own {
				t.Errorf("%s: page %d: the /ParentTree names another element for MCID %d", path, i+1, id)
			}
		}
	}
	for m := range owner {
		if !inContent[m] {
			t.Errorf("%s: the tree names MCID %d on page %d, which the page lacks", path, m.MCID, m.Page+1)
		}
	}
	tg.Outline = readOutline(t, xt, root, pageIndex)
	return tg
}

// text decodes a PDF text string (PDFDocEncoding or UTF-16BE).
func text(xt *model.XRefTable, o types.Object) string {
	o, _ = xt.Dereference(o)
	var s string
	switch v := o.(type) {
	case types.StringLiteral:
		b, err := types.Unescape(v.Value())
		if err != nil {
			return v.Value()
		}
		s = string(b)
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return ""
		}
		s = string(b)
	}
	if strings.HasPrefix(s, "\xfe\xff") {
		return decodeUTF16([]byte(s[2:]))
	}
	return s
}

func readOutline(t testing.TB, xt *model.XRefTable, root types.Dict, pageIndex map[int]int) []OutlineItem {
	ol, _ := xt.DereferenceDict(root["Outlines"])
	if ol == nil {
		return nil
	}
	var out []OutlineItem
	var walk func(first types.Object, level int)
	walk = func(first types.Object, level int) {
		for n := 0; first != nil && n < 10000; n++ {
			d, _ := xt.DereferenceDict(first)
			if d == nil {
				return
			}
			it := OutlineItem{Title: text(xt, d["Title"]), Level: level, Page: -1}
			if dest, _ := xt.DereferenceArray(d["Dest"]); len(dest) > 0 {
				if r, ok := dest[0].(types.IndirectRef); ok {
					it.Page = pageIndex[r.ObjectNumber.Value()]
				}
			}
			out = append(out, it)
			walk(d["First"], level+1)
			first = d["Next"]
		}
	}
	walk(ol["First"], 0)
	return out
}

// scanContent lists the MCIDs a content stream marks, in order, and
// what it draws outside marked content: a text object or a path painted
// at nesting depth 0.
func scanContent(c []byte) (mcids []int, problems []string) {
	var stack []string
	var operands []string
	for _, tok := range lex(c) {
		if !isOperator(tok) {
			operands = append(operands, tok)
			continue
		}
		switch tok {
		case "BDC", "BMC":
			tag := ""
			for _, o := range operands {
				if strings.HasPrefix(o, "/") {
					tag = o
					break
				}
			}
			if tok == "BDC" && tag != "/Artifact" {
				for i, o := range operands {
					if o == "/MCID" && i+1 < len(operands) {
						if n, err := strconv.Atoi(operands[i+1]); err == nil {
							mcids = append(mcids, n)
						}
					}
				}
			}
			stack = append(stack, tag)
		case "EMC":
			if len(stack) == 0 {
				problems = append(problems, "EMC without BDC/BMC")
			} else {
				stack = stack[:len(stack)-1]
			}
		case "BT", "S", "f", "F", "B", "b", "s", "f*", "B*", "b*", "Do", "sh":
			if len(stack) == 0 {
				problems = append(problems, fmt.Sprintf("%s outside marked content (untagged content)", tok))
			}
		}
		operands = operands[:0]
	}
	if len(stack) != 0 {
		problems = append(problems, "marked content left open")
	}
	return mcids, problems
}

func isOperator(tok string) bool {
	if tok == "" || tok == "<<" || tok == ">>" || tok == "[" || tok == "]" {
		return false
	}
	switch c := tok[0]; {
	case c == '/' || c == '(' || c == '<' || c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return false
	}
	return tok != "true" && tok != "false" && tok != "null"
}

// lex splits a content stream into tokens: strings (literal, with
// nested parentheses and escapes, and hex) whole, names, numbers,
// dictionary and array brackets, operators.
func lex(c []byte) []string {
	var out []string
	for i := 0; i < len(c); {
		ch := c[i]
		switch {
		case ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t' || ch == '\f' || ch == 0:
			i++
		case ch == '%':
			for i < len(c) && c[i] != '\n' && c[i] != '\r' {
				i++
			}
		case ch == '(':
			j, depth := i+1, 1
			for j < len(c) && depth > 0 {
				switch c[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
				j++
			}
			out = append(out, string(c[i:j]))
			i = j
		case ch == '<' && i+1 < len(c) && c[i+1] == '<', ch == '>' && i+1 < len(c) && c[i+1] == '>':
			out = append(out, string(c[i:i+2]))
			i += 2
		case ch == '<':
			j := bytes.IndexByte(c[i:], '>')
			if j < 0 {
				j = len(c) - i - 1
			}
			out = append(out, string(c[i:i+j+1]))
			i += j + 1
		case ch == '[' || ch == ']' || ch == '{' || ch == '}':
			out = append(out, string(ch))
			i++
		default:
			j := i + 1
			for j < len(c) && !strings.ContainsRune(" \n\r\t\f\x00()<>[]{}/%", rune(c[j])) {
				j++
			}
			out = append(out, string(c[i:j]))
			i = j
		}
	}
	return out
}

// XMPProperty returns the text of the first element named local in the
// namespace ns of an XMP packet, failing t when the packet is not
// well-formed XML.
func XMPProperty(t testing.TB, xmp []byte, ns, local string) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(xmp))
	var in bool
	var val strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("XMP is not well-formed XML: %v", err)
			}
			return ""
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Space == ns && tk.Name.Local == local {
				in = true
			}
		case xml.EndElement:
			if in && tk.Name.Space == ns && tk.Name.Local == local {
				return strings.TrimSpace(val.String())
			}
		case xml.CharData:
			if in {
				val.Write(tk)
			}
		}
	}
}

// StructText is `pdfinfo -struct-text`: the structure tree as poppler
// prints it, each element's role and then its text, indented by depth.
func StructText(t testing.TB, path string) string {
	t.Helper()
	RequireTool(t, "pdfinfo", "the structure tree as poppler reads it")
	out, err := exec.Command("pdfinfo", "-struct-text", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text %s: %v", path, err)
	}
	return string(out)
}
