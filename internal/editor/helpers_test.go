package editor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet"
)

// testPort is the port the handlers under test believe they listen on.
const testPort = 4242

const origin = "http://127.0.0.1:4242"

// sampleCopy writes the sample's own files (museum.toml, the catalogs,
// the source history) to a new museum directory, as pamphlet init does;
// layouts and fonts come from the bundle.
func sampleCopy(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "museum")
	err := fs.WalkDir(pamphlet.Sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(p == "museum.toml" || strings.HasPrefix(p, "locales/")) {
			return err
		}
		data, err := fs.ReadFile(pamphlet.Sample, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	ownCount(t, dir)
	return dir
}

type fixture struct {
	t   testing.TB
	dir string
	srv *Server
	h   http.Handler
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	dir := sampleCopy(t)
	srv, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, dir: dir, srv: srv, h: srv.Handler(testPort)}
}

// req sends a request as the page would (right Host, token, same
// origin); edit changes it first, to play an attacker.
func (f *fixture) req(method, path string, body any, edit ...func(*http.Request)) *httptest.ResponseRecorder {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	r := httptest.NewRequest(method, "http://127.0.0.1:4242"+path+sep+"token="+f.srv.Token(), rd)
	r.Host = "127.0.0.1:4242"
	if method == http.MethodPost {
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Origin", origin)
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for _, e := range edit {
		e(r)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// view loads the page's data for lang.
func (f *fixture) view(lang string) *View {
	f.t.Helper()
	w := f.req("GET", "/api/museum?lang="+lang, nil)
	if w.Code != 200 {
		f.t.Fatalf("GET /api/museum?lang=%s: %d %s", lang, w.Code, w.Body)
	}
	var v View
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		f.t.Fatal(err)
	}
	return &v
}

func (v *View) message(id string) *Message {
	for _, m := range v.Messages {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// saveReq is the save the page sends for m with the new forms.
func saveReq(lang string, m *Message, forms map[string]string) SaveRequest {
	return SaveRequest{Draft: Draft{Lang: lang, ID: m.ID, Forms: forms}, Shown: m.Translation, ShownHash: m.Hash, SourceHash: m.SourceHash}
}

func (f *fixture) read(rel string) []byte {
	f.t.Helper()
	data, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(rel)))
	if err != nil {
		f.t.Fatal(err)
	}
	return data
}

// ownCount gives the museum's source catalog its own wording of the
// cover's panel count, a plural message (museums may word the tool's
// texts themselves), so that a test can edit a number-dependent message.
func ownCount(t testing.TB, dir string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, "locales", "it.toml"), os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fmt.Fprint(f, "\n[\"ui.panel_count\"]\ndescription = \"Cover line: how many panels this floor's pamphlet covers. {{.Count}} is a number.\"\none = \"{{.Count}} pannello\"\nmany = \"{{.Count}} di pannelli\"\nother = \"{{.Count}} pannelli\"\n")
}
