package museum

import (
	"strings"
	"testing"
)

const valid = `source = "it"
name = "museum.name"
subtitle = "museum.subtitle"

[visitor]
heading = "visitor.heading"
items = ["visitor.address"]

[[floors]]
id = "floor1"

  [[floors.rooms]]
  id = "floor1.entrance"
  panels = ["floor1.entrance.building"]
`

func TestParse(t *testing.T) {
	m, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if m.Layout != "a5" || m.Policy.Missing != "fail" || m.Policy.Stale != "use" {
		t.Errorf("defaults not applied: %+v", m)
	}
	var ids []string
	for _, r := range m.Texts() {
		ids = append(ids, r.ID)
	}
	want := "museum.name museum.subtitle floor1.title floor1.intro floor1.entrance.title floor1.entrance.body floor1.entrance.building.title floor1.entrance.building.body visitor.heading visitor.address.label visitor.address.text"
	if strings.Join(ids, " ") != want {
		t.Errorf("required messages:\n%s\nwant\n%s", strings.Join(ids, " "), want)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"malformed", `source = "it"`, `source = "it`, "museum.toml:1: malformed TOML"},
		{"unknown key", `source = "it"`, `source = "it"` + "\ncolour = 1", `unknown key "colour"`},
		{"bad id", `id = "floor1"`, `id = "Floor 1"`, `museum.toml:10: floor ID "Floor 1"`},
		{"bad kind", `source = "it"`, "source = \"it\"\npart = \"level\"", `museum.toml:2: part = "level": use one of floor, storey, wing, stop, site, section`},
		{"bad scope", `source = "it"`, "source = \"it\"\npamphlet = \"all\"", `museum.toml:2: pamphlet = "all"`},
		{"room id twice", `id = "floor1.entrance"`, `id = "floor1"`, `museum.toml:13: room ID "floor1" is used twice (it is also a floor)`},
		{"both parts and floors", `[[floors]]`, "[[parts]]\nid = \"x\"\n[[floors]]", "both [[parts]] and [[floors]]"},
		{"item kind", `items = ["visitor.address"]`, `items = [{kind = "adress", text = "a.text"}]`, `museum.toml:7: kind = "adress": use one of address`},
		{"item without text", `items = ["visitor.address"]`, `items = [{kind = "address"}]`, `museum.toml:7: a visitor item needs its text`},
		{"panel table typo", `panels = ["floor1.entrance.building"]`, `panels = [{id = "p", bdy = "x"}]`, `unknown key "bdy"`},
		{"duplicate", `panels = ["floor1.entrance.building"]`, `panels = ["floor1.entrance.building", "floor1.entrance.building"]`, "used twice"},
		{"no name", `name = "museum.name"`, ``, "missing `name`"},
		{"bad policy", `[visitor]`, "[policy]\nmissing = \"maybe\"\n[visitor]", `policy.missing = "maybe"`},
		{"line number", `panels = ["floor1.entrance.building"]`, `panels = ["floor1.entrance.B D"]`, "museum.toml:14:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(strings.Replace(valid, c.from, c.to, 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestExplicitIDsAndFreeStructure: every text can name its message, the
// structure IDs need no prefixes, a room may have a text of its own, and
// optional texts are marked so.
func TestExplicitIDsAndFreeStructure(t *testing.T) {
	m, err := Parse([]byte(`source = "de"
name = "siena.name"
part = "stop"
pamphlet = "whole"

[[parts]]
id = "one"
title = "siena.s1.title"
  [[parts.rooms]]
  id = "room01"
  title = "siena.r1.title"
  body = "siena.r1.body"
  [[parts.rooms]]
  id = "room02"
  panels = [{id = "p1", body = "siena.p1.text", plaque = "12"}, "p2"]

[visitor]
items = [{kind = "hours", text = "siena.hours"}, {text = "siena.note"}]
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range m.Texts() {
		s := x.ID
		if x.Optional {
			s += "?"
		}
		if x.Furniture {
			s += "*"
		}
		got = append(got, s)
	}
	want := "siena.name siena.s1.title one.intro? siena.r1.title siena.r1.body room02.title room02.body? p1.title? siena.p1.text p2.title? p2.body ui.visitor.heading* ui.visitor.hours* siena.hours siena.note"
	if strings.Join(got, " ") != want {
		t.Errorf("texts:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if m.Kind != Stop || m.Scope != ScopeWhole || !m.IsNumbered() || m.Parts[0].Number != "1" {
		t.Errorf("kind %s, scope %s, numbered %v, number %q", m.Kind, m.Scope, m.IsNumbered(), m.Parts[0].Number)
	}
	if m.Parts[0].Rooms[1].Panels[0].Plaque != "12" {
		t.Error("plaque number lost")
	}
}

// TestRoomWithNothingToPrint: a room with neither panels nor a body of
// its own must have its derived body, never be silently dropped.
func TestRoomWithNothingToPrint(t *testing.T) {
	m, err := Parse([]byte("name = \"n\"\n[[floors]]\nid = \"f\"\n[[floors.rooms]]\nid = \"r\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range m.Texts() {
		if x.ID == "r.body" && x.Optional {
			t.Error("the body of a room without panels is optional")
		}
	}
}
