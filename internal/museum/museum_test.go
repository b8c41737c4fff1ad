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
	for _, r := range m.RequiredMessages() {
		ids = append(ids, r.ID)
	}
	want := "museum.name museum.subtitle floor1.title floor1.intro floor1.entrance.title floor1.entrance.building.title floor1.entrance.building.body visitor.heading visitor.address.label visitor.address.text"
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
		{"bad panel prefix", `panels = ["floor1.entrance.building"]`, `panels = ["floor2.building"]`, `panel ID "floor2.building" must start with "floor1.entrance."`},
		{"bad id", `id = "floor1"`, `id = "Floor 1"`, `floor ID "Floor 1"`},
		{"duplicate", `panels = ["floor1.entrance.building"]`, `panels = ["floor1.entrance.building", "floor1.entrance.building"]`, "used twice"},
		{"no name", `name = "museum.name"`, ``, "missing `name`"},
		{"bad policy", `[visitor]`, "[policy]\nmissing = \"maybe\"\n[visitor]", `policy.missing = "maybe"`},
		{"line number", `panels = ["floor1.entrance.building"]`, `panels = ["floor1.entrance.BAD"]`, "museum.toml:14:"},
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
