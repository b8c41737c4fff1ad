package editor

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/i18n"
)

// tableOf splits a catalog into what comes before the message's table,
// the table, and what follows it.
func tableOf(t *testing.T, data []byte, id string) (before, table, after string) {
	t.Helper()
	s := string(data)
	h := "[" + i18n.Quote(id) + "]\n"
	i := strings.Index(s, h)
	if i < 0 {
		t.Fatalf("no table %s", h)
	}
	j := strings.Index(s[i+len(h):], "\n[")
	if j < 0 {
		return s[:i], s[i:], ""
	}
	end := i + len(h) + j + 1
	return s[:i], s[i:end], s[end:]
}

func TestSaveRoundTrip(t *testing.T) {
	f := newFixture(t)
	const id = "floor1.entrance.building.body"
	v := f.view("pl")
	m := v.message(id)
	if m == nil || m.Status != "translated" {
		t.Fatalf("%s: %+v", id, m)
	}
	old := f.read("locales/pl.toml")
	b0, tab0, a0 := tableOf(t, old, id)
	text := "Nowy tekst \"w cudzysłowie\"\ni druga linia — z ąęółżź."
	w := f.req("POST", "/api/save", saveReq("pl", m, map[string]string{"other": text}))
	if w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	var res SaveResult
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Outcome != "merged" || res.Message.Status != "translated" || res.Message.Translation["other"] != text {
		t.Fatalf("result: %+v", res)
	}
	now := f.read("locales/pl.toml")
	b1, tab1, a1 := tableOf(t, now, id)
	if b0 != b1 || a0 != a1 {
		t.Fatal("lines outside the saved message changed")
	}
	if tab0 == tab1 {
		t.Fatal("the message did not change")
	}
	cat, err := i18n.Parse("locales/pl.toml", now)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := i18n.Parse("locales/it.toml", f.read("locales/it.toml"))
	if got := cat.Messages[id]; got.Text() != text || got.Hash != i18n.SourceHash(src.Messages[id]) {
		t.Fatalf("on disk: %+v", got)
	}
	before, _ := i18n.Parse("locales/pl.toml", old)
	for mid, bm := range before.Messages {
		if mid != id && (cat.Messages[mid] == nil || cat.Messages[mid].Text() != bm.Text() || cat.Messages[mid].Hash != bm.Hash) {
			t.Errorf("%s changed", mid)
		}
	}
	// Saving the same text again changes nothing.
	m2 := f.view("pl").message(id)
	w = f.req("POST", "/api/save", saveReq("pl", m2, map[string]string{"other": text}))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"outcome":"unchanged"`) {
		t.Fatalf("again: %d %s", w.Code, w.Body)
	}
	if !bytes.Equal(now, f.read("locales/pl.toml")) {
		t.Fatal("saving the same text changed the file")
	}
}

func TestConcurrentChangeRefused(t *testing.T) {
	f := newFixture(t)
	const id = "floor1.entrance.building.title"
	m := f.view("pl").message(id) // the page is loaded …
	// … then someone else saves another translation of the message.
	path := filepath.Join(f.dir, "locales", "pl.toml")
	data := f.read("locales/pl.toml")
	edited := bytes.Replace(data, []byte(`"`+m.Translation["other"]+`"`), []byte(`"Kamienica przy Via Tasso"`), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("test setup: text not found")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	w := f.req("POST", "/api/save", saveReq("pl", m, map[string]string{"other": "Mój budynek"}))
	if w.Code != http.StatusConflict {
		t.Fatalf("save over a change on disk: %d %s, want 409", w.Code, w.Body)
	}
	var out struct {
		Error    string
		Conflict ConflictError
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Conflict.Disk.Translation["other"] != "Kamienica przy Via Tasso" || out.Conflict.Yours.Forms["other"] != "Mój budynek" {
		t.Errorf("both versions: %+v", out.Conflict)
	}
	if !bytes.Equal(edited, f.read("locales/pl.toml")) {
		t.Fatal("a refused save changed the catalog")
	}
	// So is a save against a source that changed after the page loaded.
	m = f.view("pl").message(id)
	src := filepath.Join(f.dir, "locales", "it.toml")
	sdata := f.read("locales/it.toml")
	if err := os.WriteFile(src, bytes.Replace(sdata, []byte(`"`+m.Source["other"]+`"`), []byte(`"Il palazzo di via Tasso 145"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	w = f.req("POST", "/api/save", saveReq("pl", m, map[string]string{"other": "Mój budynek"}))
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "source text changed") {
		t.Fatalf("save against an old source: %d %s", w.Code, w.Body)
	}
}

func TestConfirmStale(t *testing.T) {
	f := newFixture(t)
	const id = "floor1.entrance.building.title"
	src := filepath.Join(f.dir, "locales", "it.toml")
	sdata := f.read("locales/it.toml")
	if err := os.WriteFile(src, bytes.Replace(sdata, []byte(`"Il palazzo di Via Tasso"`), []byte(`"Il palazzo di via Tasso"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	m := f.view("pl").message(id)
	if m.Status != "stale" || len(m.Diff) == 0 {
		t.Fatalf("after a source change: %+v", m)
	}
	before := f.read("locales/pl.toml")
	w := f.req("POST", "/api/confirm", saveReq("pl", m, nil))
	if w.Code != 200 {
		t.Fatalf("confirm: %d %s", w.Code, w.Body)
	}
	if m := f.view("pl").message(id); m.Status != "translated" {
		t.Fatalf("after confirm: %s", m.Status)
	}
	b0, _, a0 := tableOf(t, before, id)
	b1, _, a1 := tableOf(t, f.read("locales/pl.toml"), id)
	if b0 != b1 || a0 != a1 {
		t.Fatal("confirm changed other lines")
	}
}

func TestNewLanguage(t *testing.T) {
	f := newFixture(t)
	v := f.view("sv")
	if !v.New || len(v.Messages) == 0 {
		t.Fatalf("a new language: new=%v, %d messages", v.New, len(v.Messages))
	}
	for _, m := range v.Messages {
		if m.Status != "missing" {
			t.Fatalf("%s: %s", m.ID, m.Status)
		}
	}
	m := v.message("floor1.entrance.building.title")
	w := f.req("POST", "/api/save", saveReq("sv", m, map[string]string{"other": "Byggnaden på Via Tasso"}))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"created":true`) {
		t.Fatalf("first save: %d %s", w.Code, w.Body)
	}
	if !strings.Contains(string(f.read("locales/sv.toml")), "Byggnaden på Via Tasso") {
		t.Fatal("not written")
	}
}
