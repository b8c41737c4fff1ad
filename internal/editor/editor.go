// Package editor is the local web editor of `pamphlet edit`: a page on
// 127.0.0.1 where a volunteer translates a museum's texts one by one,
// with the source, a pivot language, the curator's note, the live checks
// of `pamphlet check` and the panel as it will print beside each text.
//
// It adds no second way of writing a catalog: a save is a one-message
// worksheet handed to merge.Apply (the same lock, plan, checks and
// text-preserving atomic write as `pamphlet merge`), a confirm is
// merge.Confirm, the checks are qa.Check and the preview is the real
// composer's page model drawn as SVG. The server is for one person on one
// machine: it binds to loopback, wants a per-session token on every
// request, refuses foreign Host headers (DNS rebinding) and cross-origin
// writes, and never maps a request path onto the file system.
package editor

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/page"
	"pamphlet/internal/project"
)

// MaxBody caps every request body: a message is a few kilobytes at most.
const MaxBody = 1 << 20

// Server is one editing session on one museum.
type Server struct {
	// base is the museum as opened at start: its structure, layout and
	// fonts are fixed for the session; catalogs are re-read on every
	// request, so the page always works from what is on disk.
	base  *project.Project
	token string
	fonts map[string]*page.Font // by page.Font.Name, the only files served besides the embedded assets
}

// ReadOnlyError is a save asked of the embedded sample, which has no
// directory to write into.
type ReadOnlyError struct{}

func (ReadOnlyError) Error() string {
	return "the embedded sample museum is read-only: copy it with pamphlet init DIR, then run pamphlet edit --museum DIR"
}

// LanguageError is a language code a request may not use.
type LanguageError struct {
	Lang, Why string
}

func (e *LanguageError) Error() string { return fmt.Sprintf("language %q: %s", e.Lang, e.Why) }

// New opens the museum in dir ("" for the embedded sample, read-only) for
// editing.
func New(dir string) (*Server, error) {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		dir = abs
	}
	p, err := project.Open(dir)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	// The page serves the font files themselves: read them all now
	// (project.Open reads none), refusing a damaged one at start.
	if err := p.Fonts.Ready(); err != nil {
		return nil, err
	}
	s := &Server{base: p, token: hex.EncodeToString(b), fonts: map[string]*page.Font{}}
	for _, f := range p.Fonts.Faces {
		s.fonts[f.Embed.Name] = f.Embed
	}
	return s, nil
}

// Token is the session's secret: the URL printed at start carries it, and
// every request must present it (as ?token=, or the cookie the first page
// load sets).
func (s *Server) Token() string { return s.token }

// ReadOnly reports whether saves are refused (the embedded sample).
func (s *Server) ReadOnly() bool { return s.base.Dir == "" }

// Name is how messages refer to the museum.
func (s *Server) Name() string { return s.base.Name() }

// Languages lists the museum's catalogs now on disk, source first.
func (s *Server) Languages() ([]string, error) {
	st, err := s.load()
	if err != nil {
		return nil, err
	}
	return st.languages(), nil
}

// state is the museum as on disk at one request: the session's structure
// and fonts, the catalogs read now.
type state struct {
	p *project.Project // a shallow copy of base with the catalogs of now
}

func (st *state) languages() []string { return st.p.Languages() }

// load re-reads the catalogs. A broken catalog is left out (the editor
// cannot show or save it; check names it), except the source's, without
// which nothing works.
func (s *Server) load() (*state, error) {
	cats, broken, err := i18n.LoadEach(s.base.FS)
	if err != nil {
		return nil, err
	}
	for _, b := range broken {
		if b.File.Lang == s.base.Museum.Source {
			return nil, b.Err
		}
	}
	if _, ok := cats[s.base.Museum.Source]; !ok {
		return nil, fmt.Errorf("%s/%s.toml: the source catalog is gone", i18n.Dir, s.base.Museum.Source)
	}
	p := *s.base
	p.Catalogs, p.Broken = cats, broken
	return &state{p: &p}, nil
}

// raw reads a catalog's bytes as they are on disk now.
func (st *state) raw(path string) ([]byte, error) { return fs.ReadFile(st.p.FS, path) }

// lang validates a language code from a request: a BCP 47 tag, canonical
// as the catalogs name it, one of the museum's translations or, when
// allowNew, a printable language being started. It returns the canonical
// tag.
func (st *state) lang(code string, allowNew bool) (language.Tag, string, error) {
	if code == "" {
		return language.Und, "", &LanguageError{Lang: code, Why: "no language given"}
	}
	if len(code) > 35 || strings.ContainsAny(code, "/\\.") {
		return language.Und, "", &LanguageError{Lang: code, Why: "not a BCP 47 language tag"}
	}
	tag, err := language.Parse(code)
	if err != nil {
		return language.Und, "", &LanguageError{Lang: code, Why: "not a BCP 47 language tag"}
	}
	canon := tag.String()
	if canon == st.p.Museum.Source {
		return tag, canon, &LanguageError{Lang: code, Why: "the source language: its texts are the originals"}
	}
	if _, ok := st.p.Catalogs[canon]; ok {
		return tag, canon, nil
	}
	if st.p.BrokenCatalog(canon) != nil {
		return tag, canon, &LanguageError{Lang: code, Why: fmt.Sprintf("its catalog cannot be read (%v): fix it first (pamphlet check names the line)", st.p.BrokenCatalog(canon))}
	}
	if !allowNew {
		return tag, canon, &LanguageError{Lang: code, Why: "the museum has no catalog for it"}
	}
	if err := i18n.Printable(tag); err != nil {
		return tag, canon, &LanguageError{Lang: code, Why: err.Error()}
	}
	return tag, canon, nil
}

// catalog is lang's catalog, or an empty one for a language being
// started (nothing is written until the first save).
func (st *state) catalog(tag language.Tag, lang string) *i18n.Catalog {
	if c, ok := st.p.Catalogs[lang]; ok {
		return c
	}
	return &i18n.Catalog{Lang: tag, Path: i18n.Dir + "/" + lang + ".toml", Messages: map[string]*i18n.Message{}}
}

// httpError is an error with the status a handler answers it with.
type httpError struct {
	code int
	err  error
}

func (e *httpError) Error() string { return e.err.Error() }
func (e *httpError) Unwrap() error { return e.err }

func httpStatus(err error) int {
	var he *httpError
	var le *LanguageError
	var ro ReadOnlyError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he.code
	case errors.As(err, &mb):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, &le):
		return http.StatusBadRequest
	case errors.As(err, &ro):
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}
