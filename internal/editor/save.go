package editor

import (
	"errors"
	"maps"
	"strings"

	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/merge"
	"pamphlet/internal/worksheet"
)

// SaveRequest saves a draft. Shown is the message as the page showed it
// (nil forms: missing), SourceHash the source it was translated from:
// if either is no longer what is on disk, someone else changed it
// meanwhile and the save is refused, so no one's work is overwritten.
type SaveRequest struct {
	Draft
	Shown      map[string]string `json:"shown"`
	ShownHash  string            `json:"shownHash"`
	SourceHash string            `json:"sourceHash"`
}

// SaveResult is what a save did.
type SaveResult struct {
	Catalog  string    `json:"catalog"`
	Created  bool      `json:"created"`
	Outcome  string    `json:"outcome"` // merged, confirmed, unchanged
	Message  *Message  `json:"message"` // the message as it is on disk now
	Findings []Finding `json:"findings"`
	Warning  string    `json:"warning,omitempty"`
}

// ConflictError is a save or confirm refused because the message changed
// on disk after the page showed it. It carries both versions, for the
// page to show side by side.
type ConflictError struct {
	ID    string   `json:"id"`
	Why   string   `json:"why"`
	Disk  *Message `json:"disk"`
	Yours Draft    `json:"yours"`
}

func (e *ConflictError) Error() string { return e.ID + ": " + e.Why }

// conflict compares what the page showed with what is on disk now.
func (s *Server) conflict(st *state, tag language.Tag, lang string, r SaveRequest) error {
	src := st.p.Catalogs[st.p.Museum.Source]
	sm := src.Messages[r.ID]
	cat := st.catalog(tag, lang)
	var now map[string]string
	var nowHash string
	if m := cat.Messages[r.ID]; m != nil {
		now, nowHash = m.Forms, m.Hash
	}
	why := ""
	switch {
	case i18n.SourceHash(sm) != r.SourceHash:
		why = "its source text changed after this page was loaded"
	case !maps.Equal(nonEmpty(now), nonEmpty(r.Shown)) || nowHash != r.ShownHash:
		why = "its translation in " + cat.Path + " changed after this page was loaded (saved from another window, or merged from a worksheet?)"
	default:
		return nil
	}
	hist := s.history(st)
	return &ConflictError{ID: r.ID, Why: why, Disk: s.message(st, sm, cat, hist, "", "", "", ""), Yours: r.Draft}
}

func nonEmpty(f map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range f {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// save writes a draft into the language's catalog through merge.Apply: a
// worksheet of one entry, made as `pamphlet translate` would make it, so
// the catalog comes out byte for byte as translate + merge would leave it.
// The editor checks for a conflict first to give the page both versions;
// merge checks again under the museum's lock, which is what makes it
// safe.
func (s *Server) save(st *state, tag language.Tag, lang string, r SaveRequest) (*SaveResult, error) {
	if s.ReadOnly() {
		return nil, ReadOnlyError{}
	}
	src := st.p.Catalogs[st.p.Museum.Source]
	sm := src.Messages[r.ID]
	if sm == nil {
		return nil, &httpError{code: 404, err: errUnknownMessage(r.ID)}
	}
	if err := s.conflict(st, tag, lang, r); err != nil {
		return nil, err
	}
	entry := worksheet.Entry{
		ID: r.ID, Status: i18n.Missing, SourceHash: r.SourceHash,
		Source: sm.Forms, Translation: map[string]string{},
	}
	if len(nonEmpty(r.Shown)) > 0 {
		entry.Status, entry.Current = i18n.Stale, maps.Clone(r.Shown)
	}
	for f, t := range r.Forms {
		entry.Translation[f] = t
	}
	sheet := &worksheet.Sheet{Lang: lang, Source: st.p.Museum.Source, Entries: []worksheet.Entry{entry}}
	res, err := merge.Apply(s.base.Dir, "the editor's save of "+r.ID, sheet, nil)
	var ce *merge.ConflictError
	if errors.As(err, &ce) {
		fresh, lerr := s.load()
		if lerr != nil {
			return nil, lerr
		}
		why := ce.Conflicts[0].Why
		if strings.Contains(why, "fill in every form") {
			return nil, &httpError{code: 400, err: errors.New(why)}
		}
		fc := fresh.catalog(tag, lang)
		return nil, &ConflictError{ID: r.ID, Why: why, Disk: s.message(fresh, sm, fc, s.history(fresh), "", "", "", ""), Yours: r.Draft}
	}
	if err != nil {
		return nil, err
	}
	out := &SaveResult{Catalog: res.Catalog, Created: res.Created, Findings: []Finding{}}
	switch {
	case len(res.Merged) > 0:
		out.Outcome = "merged"
	case len(res.Confirmed) > 0:
		out.Outcome = "confirmed"
	case len(res.Empty) > 0:
		return nil, &httpError{code: 400, err: errors.New("the translation is empty: nothing to save")}
	default:
		out.Outcome = "unchanged"
	}
	for _, f := range res.Findings {
		out.Findings = append(out.Findings, Finding{Rule: f.Rule, Severity: string(f.Severity), Message: f.Message})
	}
	if res.HistoryErr != nil {
		out.Warning = "cannot update " + i18n.HistoryFile + ": " + res.HistoryErr.Error()
	}
	return out, s.refresh(out, tag, lang, r.ID)
}

// confirm does what `pamphlet confirm LANG ID` does, after checking that
// the translation is still the one the page showed.
func (s *Server) confirm(st *state, tag language.Tag, lang string, r SaveRequest) (*SaveResult, error) {
	if s.ReadOnly() {
		return nil, ReadOnlyError{}
	}
	if st.p.Catalogs[st.p.Museum.Source].Messages[r.ID] == nil {
		return nil, &httpError{code: 404, err: errUnknownMessage(r.ID)}
	}
	if err := s.conflict(st, tag, lang, r); err != nil {
		return nil, err
	}
	path, _, err := merge.Confirm(st.p, lang, []string{r.ID}, false)
	out := &SaveResult{Catalog: path, Outcome: "confirmed", Findings: []Finding{}}
	if err != nil && path == "" {
		return nil, &httpError{code: 400, err: err}
	}
	if err != nil {
		out.Warning = err.Error()
	}
	return out, s.refresh(out, tag, lang, r.ID)
}

// refresh puts the message as it is on disk now into the result.
func (s *Server) refresh(out *SaveResult, tag language.Tag, lang, id string) error {
	st, err := s.load()
	if err != nil {
		return err
	}
	src := st.p.Catalogs[st.p.Museum.Source]
	out.Message = s.message(st, src.Messages[id], st.catalog(tag, lang), s.history(st), "", "", "", "")
	return nil
}
