package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/pdftest"
	"pamphlet/internal/status"
)

// importedLangs are the twelve languages of the imported museum, with a
// word for "room" and "hall" in each, so that every title is text in the
// language's own script.
var importedLangs = []struct{ lang, room, text string }{
	{"it", "Sala", "Testo della sala"},
	{"en", "Room", "Text of room"},
	{"de", "Saal", "Text des Saals"},
	{"fr", "Salle", "Texte de la salle"},
	{"es", "Estancia", "Texto de la estancia"},
	{"nl", "Zaal", "Tekst van zaal"},
	{"pl", "Pokój", "Tekst pokoju"},
	{"ru", "Зал", "Текст зала"},
	{"el", "Αίθουσα", "Κείμενο της αίθουσας"},
	{"ja", "展示室", "展示室の説明"},
	{"ar", "القاعة", "نص القاعة"},
	{"he", "אולם", "טקסט האולם"},
}

// importedMuseum writes a museum as a second, real one brought its own:
// 12 rooms on two storeys, each room one title and one text, explicit
// message IDs that are no prefixes of the structure IDs, and complete
// catalogs in 12 languages with no hash fields.
func importedMuseum(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var m strings.Builder
	m.WriteString("source = \"it\"\nname = \"siena.name\"\npart = \"storey\"\n")
	for s := 1; s <= 2; s++ {
		fmt.Fprintf(&m, "\n[[parts]]\nid = \"storey%d\"\ntitle = \"siena.storey%d.title\"\n", s, s)
		for r := 1; r <= 6; r++ {
			n := (s-1)*6 + r
			fmt.Fprintf(&m, "  [[parts.rooms]]\n  id = \"room%02d\"\n  title = \"siena.room%02d.title\"\n  body = \"siena.room%02d.body\"\n", n, n, n)
		}
	}
	os.WriteFile(filepath.Join(dir, "museum.toml"), []byte(m.String()), 0o644)
	os.Mkdir(filepath.Join(dir, "locales"), 0o755)
	for _, l := range importedLangs {
		var c strings.Builder
		fmt.Fprintf(&c, "[\"siena.name\"]\nother = \"Museo %s\"\n", l.room)
		for s := 1; s <= 2; s++ {
			fmt.Fprintf(&c, "[\"siena.storey%d.title\"]\nother = \"%s %d00\"\n", s, l.room, s)
		}
		for n := 1; n <= 12; n++ {
			fmt.Fprintf(&c, "[\"siena.room%02d.title\"]\nother = \"%s %d\"\n[\"siena.room%02d.body\"]\nother = \"%s %d.\"\n", n, l.room, n, n, l.text, n)
		}
		os.WriteFile(filepath.Join(dir, "locales", l.lang+".toml"), []byte(c.String()), 0o644)
	}
	return dir
}

// TestImportedMuseum: such a museum builds in every language with nothing
// added to its catalogs; every title comes out once, in order; status
// calls the translations unverified (not stale, not 0 % complete);
// --strict says so with the command that helps; adopt makes them
// translated.
func TestImportedMuseum(t *testing.T) {
	dir := importedMuseum(t)
	out := t.TempDir()
	mustRun(t, "build", "--museum", dir, "--out", out)
	for _, l := range importedLangs {
		for s := 1; s <= 2; s++ {
			path := filepath.Join(out, l.lang, fmt.Sprintf("storey%d.pdf", s))
			if l.lang == "ar" || l.lang == "he" {
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s: %v", path, err)
				}
				continue // their text order needs pdftotext: TestPanelTitlesInMuseumOrder covers it
			}
			text := squash(pdftest.Text(t, path))
			pos := 0
			for r := 1; r <= 6; r++ {
				n := (s-1)*6 + r
				title := squash(fmt.Sprintf("%s %d", l.room, n)) + squash(fmt.Sprintf("%s %d.", l.text, n))
				i := strings.Index(text[pos:], title)
				if i < 0 {
					t.Fatalf("%s storey %d: room %d (title and text) not found in order", l.lang, s, n)
				}
				pos += i + len(title)
				if strings.Count(text, squash(fmt.Sprintf("%s %d", l.room, n))+squash(l.text)) > 1 {
					t.Errorf("%s: room %d's title is printed twice", l.lang, n)
				}
			}
		}
	}

	var rep status.Report
	if err := json.Unmarshal([]byte(mustRun(t, "status", "--museum", dir, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	for _, l := range rep.Languages {
		if l.Total.Unverified != 27 || l.Total.Stale != 0 || l.Total.Complete != 100 {
			t.Errorf("%s: %+v, want 27 unverified, none stale, 100%% complete", l.Lang, l.Total)
		}
	}
	code, _, errOut := cli(t, "build", "--museum", dir, "--out", t.TempDir(), "--strict", "--lang", "de")
	if code != 1 || !strings.Contains(errOut, "unverified: imported without a record of its source") || !strings.Contains(errOut, "run pamphlet adopt de --museum "+dir) || strings.Contains(errOut, "translate them") {
		t.Errorf("--strict: exit %d, %s", code, errOut)
	}
	if got := mustRun(t, "adopt", "de", "--museum", dir); !strings.Contains(got, "adopted 27 unverified translation(s) in locales/de.toml") {
		t.Errorf("adopt: %s", got)
	}
	mustRun(t, "build", "--museum", dir, "--out", t.TempDir(), "--strict", "--lang", "de")
	if got := mustRun(t, "adopt", "de", "--museum", dir); !strings.Contains(got, "adopted 0") {
		t.Errorf("adopting again: %s", got)
	}
}

// TestAdoptNeverTouchesStale: a translation whose source changed is not
// adopted, by name or in bulk; only unverified ones are.
func TestAdoptNeverTouchesStale(t *testing.T) {
	dir := copySample(t)
	replaceIn(t, filepath.Join(dir, "locales", "it.toml"), `other = "Ingresso"`, `other = "L’ingresso"`)
	code, _, errOut := cli(t, "adopt", "de", "floor1.entrance.title", "--museum", dir)
	if code != 1 || !strings.Contains(errOut, "is stale, not unverified") {
		t.Errorf("adopting a stale message: exit %d, %s", code, errOut)
	}
	before := read(t, filepath.Join(dir, "locales", "de.toml"))
	if got := mustRun(t, "adopt", "de", "--museum", dir); !strings.Contains(got, "adopted 0") {
		t.Errorf("adopt with nothing unverified: %s", got)
	}
	if read(t, filepath.Join(dir, "locales", "de.toml")) != before {
		t.Error("adopt changed a catalog with nothing to adopt")
	}
}
