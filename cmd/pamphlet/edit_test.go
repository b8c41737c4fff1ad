package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/editor"
)

// fillOne writes text into the translation field form ("" for other) of
// message id in a worksheet, as a volunteer would in a text editor.
func fillOne(t *testing.T, ws, id string, forms map[string]string) {
	t.Helper()
	s := read(t, ws)
	start := strings.Index(s, "id = \""+id+"\"\n")
	if start < 0 {
		t.Fatalf("%s lacks %s", ws, id)
	}
	end := strings.Index(s[start:], "[[message]]")
	if end < 0 {
		end = len(s)
	} else {
		end += start
	}
	block := s[start:end]
	for form, text := range forms {
		key := "translation"
		if form != "other" {
			key += "_" + form
		}
		q, _ := json.Marshal(text)
		if !strings.Contains(block, key+" = \"\"\n") {
			t.Fatalf("%s: no empty %s", id, key)
		}
		block = strings.Replace(block, key+" = \"\"\n", key+" = "+string(q)+"\n", 1)
	}
	if err := os.WriteFile(ws, []byte(s[:start]+block+s[end:]), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editorSave saves one message through the editor's handler, as the page
// does: it loads the language, then posts the draft against what it saw.
func editorSave(t *testing.T, h http.Handler, token, lang, id string, forms map[string]string) {
	t.Helper()
	do := func(method, path string, body []byte) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "http://127.0.0.1:1/"+path+"token="+token, bytes.NewReader(body))
		r.Host = "127.0.0.1:1"
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := do("GET", "api/museum?lang="+lang+"&", nil)
	var v editor.View
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	for _, m := range v.Messages {
		if m.ID != id {
			continue
		}
		body, _ := json.Marshal(editor.SaveRequest{Draft: editor.Draft{Lang: lang, ID: id, Forms: forms}, Shown: m.Translation, ShownHash: m.Hash, SourceHash: m.SourceHash})
		if w := do("POST", "api/save?", body); w.Code != 200 {
			t.Fatalf("save %s: %d %s", id, w.Code, w.Body)
		}
		return
	}
	t.Fatalf("no message %s", id)
}

// TestEditorSaveEqualsTranslateMerge: a catalog the editor saves is byte
// for byte the one the same edits give through pamphlet translate and
// pamphlet merge, source history included: a new language's first
// message (the file is created), then a plural one inserted in source
// order.
func TestEditorSaveEqualsTranslateMerge(t *testing.T) {
	edits := []struct {
		id    string
		forms map[string]string
	}{
		{"floor1.cell2.calendar.title", map[string]string{"other": "Wydrapany kalendarz"}},
		{"ui.panel_count", map[string]string{"one": "{{.Count}} plansza", "few": "{{.Count}} plansze", "many": "{{.Count}} plansz", "other": "{{.Count}} planszy"}},
		{"floor1.entrance.building.title", map[string]string{"other": "Budynek przy Via Tasso"}},
	}
	viaMerge, viaEditor := copySample(t), copySample(t)
	ownCount(t, viaMerge)
	ownCount(t, viaEditor)
	for _, d := range []string{viaMerge, viaEditor} {
		if err := os.Remove(filepath.Join(d, "locales", "pl.toml")); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range edits {
		ws := filepath.Join(t.TempDir(), "ws.toml")
		mustRun(t, "translate", "pl", "--museum", viaMerge, "--out", ws)
		fillOne(t, ws, e.id, e.forms)
		if out := mustRun(t, "merge", ws, "--museum", viaMerge); !strings.Contains(out, "merged 1 translation") {
			t.Fatalf("edit %d: %s", i, out)
		}
	}
	srv, err := editor.New(viaEditor)
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler(1)
	for _, e := range edits {
		editorSave(t, h, srv.Token(), "pl", e.id, e.forms)
	}
	for _, f := range []string{"locales/pl.toml", "locales/.source-history.toml"} {
		a, b := read(t, filepath.Join(viaMerge, f)), read(t, filepath.Join(viaEditor, f))
		if a != b {
			t.Errorf("%s differs:\n--- translate + merge\n%s\n--- editor\n%s", f, a, b)
		}
	}
}
