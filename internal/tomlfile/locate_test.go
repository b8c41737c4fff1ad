package tomlfile

import (
	"strings"
	"testing"
)

const doc = `# museum.toml — name is mentioned in this comment
source = "it"
name = "museum.name"   # the subtitle = comment
subtitle = """
a multi-line string
name = "not a key"
"""

[policy]
missing = 'fail'

[[floors]]
id = "floor1"
  [[floors.rooms]]
  id = "floor1.a"
  panels = [
    "floor1.a.x",   # first
    "floor1.a.y",
  ]
  [[floors.rooms]]
  id = "floor1.b"
  panels = ["floor1.b.x"]
[[floors]]
id = "floor2"
typo = 1

["floor1.cell2.title"]
other = "Il calendario"

[_meta.ignore]
"a.b" = { rules = ["identical"], reason = "a name" }
`

func TestLocate(t *testing.T) {
	ix := Locate([]byte(doc))
	for _, tc := range []struct {
		key  string
		line int
	}{
		{"name", 3},
		{"subtitle", 4},
		{"policy", 9},
		{"policy.missing", 10},
		{"floors.id", 13},
		{"floors.rooms.id", 15},
		{"floors.typo", 25},
		{"floor1.cell2.title", 27},
		{"floor1.cell2.title.other", 28},
		{"_meta.ignore.a.b.reason", 31},
	} {
		key := strings.Split(tc.key, ".")
		if tc.key == "floor1.cell2.title" || strings.HasPrefix(tc.key, "floor1.cell2.title.") {
			key = append([]string{"floor1.cell2.title"}, key[3:]...)
		}
		if strings.HasPrefix(tc.key, "_meta.ignore.a.b") {
			key = []string{"_meta", "ignore", "a.b", "reason"}
		}
		if got := ix.Line(key...); got != tc.line {
			t.Errorf("Line(%q) = %d, want %d", tc.key, got, tc.line)
		}
	}
	for _, tc := range []struct {
		elem  string
		line  int
		value string
	}{
		{"floors[0].id", 13, "floor1"},
		{"floors[0].rooms[1].id", 21, "floor1.b"},
		{"floors[0].rooms[0].panels[1]", 18, "floor1.a.y"},
		{"floors[0].rooms[1].panels[0]", 22, "floor1.b.x"},
		{"floors[1].id", 24, "floor2"},
		{"policy.missing", 10, "fail"},
	} {
		if got := ix.ElemLine(tc.elem); got != tc.line {
			t.Errorf("ElemLine(%q) = %d, want %d", tc.elem, got, tc.line)
		}
		for _, e := range ix.Entries {
			if e.Elem == tc.elem && e.Value != tc.value {
				t.Errorf("%s: value %q, want %q", tc.elem, e.Value, tc.value)
			}
		}
	}
	if got := ix.Line("not"); got != 0 {
		t.Errorf("a key inside a multi-line string was found at line %d", got)
	}
}

func TestDecodeReportsUnknownKeyAtItsLine(t *testing.T) {
	var v struct {
		Name   string `toml:"name"`
		Floors []struct {
			ID string `toml:"id"`
		} `toml:"floors"`
	}
	data := "# name and typo in a comment\nname = \"x\"\n[[floors]]\nid = \"a\"\n[[floors]]\nid = \"b\"\ntypo = 2\n"
	err := Decode("museum.toml", []byte(data), &v)
	if err == nil || !strings.HasPrefix(err.Error(), "museum.toml:7: unknown key \"floors.typo\"") {
		t.Errorf("err = %v, want museum.toml:7: unknown key \"floors.typo\"…", err)
	}
}

func FuzzLocate(f *testing.F) {
	f.Add(doc)
	f.Add("a = \"\"\"\nx\\\n  y\"\"\"\nb = '''\n'''\n")
	f.Fuzz(func(t *testing.T, s string) {
		ix := Locate([]byte(s))
		lines := strings.Count(s, "\n") + 1
		for _, e := range ix.Entries {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("entry %v at line %d of %d", e.Key, e.Line, lines)
			}
		}
	})
}
