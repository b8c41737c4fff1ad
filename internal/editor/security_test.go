package editor

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

func TestTokenRequired(t *testing.T) {
	f := newFixture(t)
	for name, edit := range map[string]func(*http.Request){
		"no token": func(r *http.Request) {
			q := r.URL.Query()
			q.Del("token")
			r.URL.RawQuery = q.Encode()
		},
		"wrong token": func(r *http.Request) {
			q := r.URL.Query()
			q.Set("token", strings.Repeat("0", len(f.srv.Token())))
			r.URL.RawQuery = q.Encode()
		},
		"wrong cookie": func(r *http.Request) {
			q := r.URL.Query()
			q.Del("token")
			r.URL.RawQuery = q.Encode()
			r.AddCookie(&http.Cookie{Name: cookieName(testPort), Value: "nope"})
		},
	} {
		for _, path := range []string{"/", "/api/museum?lang=pl", "/fonts.css"} {
			if w := f.req("GET", path, nil, edit); w.Code != http.StatusForbidden {
				t.Errorf("%s: GET %s: %d, want 403", name, path, w.Code)
			}
		}
		if w := f.req("POST", "/api/save", map[string]any{"lang": "pl"}, edit); w.Code != http.StatusForbidden {
			t.Errorf("%s: POST /api/save: %d, want 403", name, w.Code)
		}
	}
	// The first load sets the cookie; later requests need only it.
	w := f.req("GET", "/", nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "<script src=\"/static/app.js\">") {
		t.Fatalf("GET /?token=…: %d", w.Code)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Value != f.srv.Token() || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie: %+v", cookies)
	}
	w = f.req("GET", "/api/museum?lang=pl", nil, func(r *http.Request) {
		q := r.URL.Query()
		q.Del("token")
		r.URL.RawQuery = q.Encode()
		r.AddCookie(cookies[0])
	})
	if w.Code != 200 {
		t.Errorf("with the cookie: %d", w.Code)
	}
}

func TestHostChecked(t *testing.T) {
	f := newFixture(t)
	for _, host := range []string{"evil.example", "evil.example:4242", "127.0.0.1", "127.0.0.1:4243", "localhost.evil.example:4242", "[::1]:4242", "0.0.0.0:4242"} {
		w := f.req("GET", "/api/museum?lang=pl", nil, func(r *http.Request) { r.Host = host })
		if w.Code != http.StatusMisdirectedRequest {
			t.Errorf("Host %s: %d, want 421", host, w.Code)
		}
	}
	for _, host := range []string{"127.0.0.1:4242", "localhost:4242"} {
		if w := f.req("GET", "/api/museum?lang=pl", nil, func(r *http.Request) { r.Host = host }); w.Code != 200 {
			t.Errorf("Host %s: %d, want 200", host, w.Code)
		}
	}
}

func TestCrossOriginRefused(t *testing.T) {
	f := newFixture(t)
	v := f.view("pl")
	m := v.message("floor1.entrance.building.title")
	before := f.read("locales/pl.toml")
	body := saveReq("pl", m, map[string]string{"other": "Podrobione"})
	for name, edit := range map[string]func(*http.Request){
		"cross-site fetch": func(r *http.Request) {
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			r.Header.Set("Origin", "http://evil.example")
		},
		"old browser, foreign Origin": func(r *http.Request) {
			r.Header.Del("Sec-Fetch-Site")
			r.Header.Set("Origin", "http://evil.example")
		},
	} {
		for _, path := range []string{"/api/save", "/api/confirm", "/api/check"} {
			if w := f.req("POST", path, body, edit); w.Code != http.StatusForbidden {
				t.Errorf("%s: POST %s: %d, want 403", name, path, w.Code)
			}
		}
	}
	if !bytes.Equal(before, f.read("locales/pl.toml")) {
		t.Fatal("a refused request changed the catalog")
	}
}

func TestPathTraversalRefused(t *testing.T) {
	f := newFixture(t)
	secret := string(f.read("locales/pl.toml")[:60])
	for _, path := range []string{
		"/static/../locales/pl.toml",
		"/static/..%2flocales%2fpl.toml",
		"/static/%2e%2e/%2e%2e/museum.toml",
		"/fonts/..%2f..%2flocales%2fpl.toml",
		"/fonts/%2e%2e%2fmuseum.toml",
		"/fonts/../museum.toml",
		"/locales/pl.toml",
		"/museum.toml",
		"//etc/passwd",
		"/static/app.js/../../../etc/passwd",
		"/pdf?lang=../locales/pl&id=museum.name",
		"/pdf?lang=pl%2f..%2f..&id=museum.name",
		"/api/museum?lang=..%2f..%2fetc%2fpasswd",
		"/api/museum?lang=pl&pivot=../../museum",
	} {
		w := f.req("GET", path, nil)
		if w.Code == 200 || strings.Contains(w.Body.String(), secret) || strings.Contains(w.Body.String(), "root:") {
			t.Errorf("GET %s: %d, %.80q", path, w.Code, w.Body.String())
		}
	}
	// The language of a write is validated too.
	for _, lang := range []string{"../it", "pl/../../x", "pl.toml", "it", "", "x-private", "und"} {
		before := f.read("locales/pl.toml")
		w := f.req("POST", "/api/save", SaveRequest{Draft: Draft{Lang: lang, ID: "museum.name", Forms: map[string]string{"other": "x"}}})
		if w.Code != http.StatusBadRequest {
			t.Errorf("save in %q: %d %s, want 400", lang, w.Code, w.Body)
		}
		if !bytes.Equal(before, f.read("locales/pl.toml")) {
			t.Fatal("changed")
		}
	}
}

func TestBodyCapped(t *testing.T) {
	f := newFixture(t)
	big := []byte(`{"lang":"pl","id":"museum.name","forms":{"other":"` + strings.Repeat("a", MaxBody+10) + `"}}`)
	for _, path := range []string{"/api/check", "/api/preview", "/api/save"} {
		if w := f.req("POST", path, big); w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s with %d bytes: %d, want 413", path, len(big), w.Code)
		}
	}
}

func TestReadOnlySample(t *testing.T) {
	srv, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, srv: srv, h: srv.Handler(testPort)}
	v := f.view("de")
	if !v.ReadOnly {
		t.Error("the embedded sample is not read-only")
	}
	m := v.message("museum.name")
	w := f.req("POST", "/api/save", saveReq("de", m, map[string]string{"other": "x"}))
	if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "pamphlet init") {
		t.Errorf("save into the sample: %d %s", w.Code, w.Body)
	}
	if w := f.req("POST", "/api/preview", Draft{Lang: "de", ID: "museum.name", Forms: map[string]string{"other": "x"}}); w.Code != 200 {
		t.Errorf("preview of the sample: %d", w.Code)
	}
}
