package editor

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"pamphlet/internal/pdfdraw"
)

//go:embed assets
var assets embed.FS

// static are the embedded files the page loads, by URL path. A fixed map,
// not a file server: no request path is ever joined onto a directory.
var static = map[string]struct{ file, kind string }{
	"/":               {"assets/index.html", "text/html; charset=utf-8"},
	"/static/app.js":  {"assets/app.js", "text/javascript; charset=utf-8"},
	"/static/app.css": {"assets/app.css", "text/css; charset=utf-8"},
}

// Handler serves the editor on 127.0.0.1:port (or localhost:port, for the
// Host check), with every defence of guard.
func (s *Server) Handler(port int) http.Handler {
	mux := http.NewServeMux()
	for path, a := range static {
		pattern := "GET " + path
		if path == "/" {
			pattern = "GET /{$}"
		}
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			data, err := assets.ReadFile(a.file)
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			w.Header().Set("Content-Type", a.kind)
			w.Header().Set("Cache-Control", "no-store")
			w.Write(data)
		})
	}
	mux.HandleFunc("GET /fonts.css", s.fontsCSS)
	mux.HandleFunc("GET /fonts/{name}", s.font)
	mux.HandleFunc("GET /api/museum", s.handleView)
	mux.HandleFunc("POST /api/check", s.post(func(st *state, d SaveRequest) (any, error) {
		tag, lang, err := st.lang(d.Lang, true)
		if err != nil {
			return nil, err
		}
		f, err := s.check(st, tag, lang, d.Draft)
		return map[string]any{"findings": f}, err
	}))
	mux.HandleFunc("POST /api/preview", s.post(func(st *state, d SaveRequest) (any, error) {
		tag, lang, err := st.lang(d.Lang, true)
		if err != nil {
			return nil, err
		}
		return s.preview(st, tag, lang, d.Draft)
	}))
	mux.HandleFunc("POST /api/save", s.post(func(st *state, d SaveRequest) (any, error) {
		tag, lang, err := st.lang(d.Lang, true)
		if err != nil {
			return nil, err
		}
		return s.save(st, tag, lang, d)
	}))
	mux.HandleFunc("POST /api/confirm", s.post(func(st *state, d SaveRequest) (any, error) {
		tag, lang, err := st.lang(d.Lang, false)
		if err != nil {
			return nil, err
		}
		return s.confirm(st, tag, lang, d)
	}))
	mux.HandleFunc("GET /pdf", s.pdf)
	return s.guard(port, mux)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// fail answers an error as JSON {"error": …}, with both versions for a
// conflict.
func fail(w http.ResponseWriter, err error) {
	var ce *ConflictError
	if errors.As(err, &ce) {
		writeJSON(w, http.StatusConflict, map[string]any{"error": ce.Error(), "conflict": ce})
		return
	}
	writeJSON(w, httpStatus(err), map[string]any{"error": err.Error()})
}

// post decodes a JSON body (capped by guard) and answers the handler's
// result as JSON.
func (s *Server) post(h func(*state, SaveRequest) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			fail(w, &httpError{code: http.StatusUnsupportedMediaType, err: errors.New("send JSON")})
			return
		}
		var req SaveRequest
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				fail(w, err)
				return
			}
			fail(w, &httpError{code: 400, err: fmt.Errorf("a malformed request: %v", err)})
			return
		}
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			fail(w, err)
			return
		}
		st, err := s.load()
		if err != nil {
			fail(w, err)
			return
		}
		out, err := h(st, req)
		if err != nil {
			fail(w, err)
			return
		}
		writeJSON(w, 200, out)
	}
}

func (s *Server) handleView(w http.ResponseWriter, r *http.Request) {
	st, err := s.load()
	if err != nil {
		fail(w, err)
		return
	}
	q := r.URL.Query()
	code := q.Get("lang")
	if code == "" {
		langs := st.languages()
		if len(langs) < 2 {
			fail(w, &httpError{code: 400, err: errors.New("the museum has no translation yet: start a language")})
			return
		}
		code = langs[1]
	}
	tag, lang, err := st.lang(code, true)
	if err != nil {
		fail(w, err)
		return
	}
	v, err := s.view(st, tag, lang, q.Get("pivot"))
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, 200, v)
}

// fontsCSS declares every font of the museum's font set, so the preview's
// SVG text and the text boxes draw with the faces the PDF embeds.
func (s *Server) fontsCSS(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	names := make([]string, 0, len(s.fonts))
	for n := range s.fonts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(&b, "@font-face { font-family: %s; src: url(\"/fonts/%s\") format(\"truetype\"); font-display: block; }\n", cssFont(n), url.PathEscape(n))
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	io.WriteString(w, b.String())
}

// font serves one font of the set, by its name, from memory.
func (s *Server) font(w http.ResponseWriter, r *http.Request) {
	f, ok := s.fonts[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "font/ttf")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.Data))
}

// pdf draws the whole pamphlet of a part, as the catalogs on disk print
// it (under the preview's policy), for the page's "open the PDF" button.
func (s *Server) pdf(w http.ResponseWriter, r *http.Request) {
	st, err := s.load()
	if err != nil {
		fail(w, err)
		return
	}
	tag, lang, err := st.lang(r.URL.Query().Get("lang"), true)
	if err != nil {
		fail(w, err)
		return
	}
	id := r.URL.Query().Get("id")
	if st.p.Catalogs[st.p.Museum.Source].Messages[id] == nil {
		fail(w, &httpError{code: 404, err: errUnknownMessage(id)})
		return
	}
	doc, part, err := s.compose(st, tag, lang, id, nil)
	if err != nil {
		fail(w, &httpError{code: 422, err: err})
		return
	}
	var buf bytes.Buffer
	if err := pdfdraw.Write(&buf, doc, pdfdraw.Options{Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Creator: "pamphlet edit"}); err != nil {
		fail(w, &httpError{code: 422, err: err})
		return
	}
	w.Header().Del("Content-Security-Policy") // the browser's PDF viewer runs its own scripts
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", lang+"-"+part+".pdf"))
	w.Write(buf.Bytes())
}
