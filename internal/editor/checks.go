package editor

import (
	"golang.org/x/text/language"

	"pamphlet/i18n"
	"pamphlet/internal/qa"
	"pamphlet/internal/status"
)

// Finding is a check's result as the page shows it: the words of
// `pamphlet check`, without the file and line (the volunteer is looking
// at the text itself).
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Draft is a text being typed: the forms of one message of one language.
type Draft struct {
	Lang  string            `json:"lang"`
	ID    string            `json:"id"`
	Forms map[string]string `json:"forms"`
}

// filled reports whether any form of the draft has text.
func (d Draft) filled() bool {
	for _, t := range d.Forms {
		if t != "" {
			return true
		}
	}
	return false
}

// edited returns the catalog's bytes with the draft in place of the
// message, written by the same text-preserving edit a merge uses, so the
// checks see exactly the file a save would write.
func (st *state) edited(tag language.Tag, lang string, d Draft) (path string, data []byte, err error) {
	src := st.p.Catalogs[st.p.Museum.Source]
	cat := st.catalog(tag, lang)
	path = cat.Path
	if _, ok := st.p.Catalogs[lang]; ok {
		if data, err = st.raw(path); err != nil {
			return "", nil, err
		}
	}
	forms := map[string]string{}
	for f, t := range d.Forms {
		if t != "" {
			forms[f] = t
		}
	}
	if len(forms) == 0 {
		return path, data, nil
	}
	up := map[string]i18n.Update{d.ID: {Hash: i18n.SourceHash(src.Messages[d.ID]), Forms: forms}}
	data, err = i18n.SetMessages(path, data, up, status.SourceOrder(src))
	return path, data, err
}

// check runs the rules of `pamphlet check` on a copy of the language's
// catalog holding the draft, and returns what they find about that
// message. Only the source and that catalog are checked: the rules
// compare each catalog with the source alone.
func (s *Server) check(st *state, tag language.Tag, lang string, d Draft) ([]Finding, error) {
	src := st.p.Catalogs[st.p.Museum.Source]
	if src.Messages[d.ID] == nil {
		return nil, &httpError{code: 404, err: errUnknownMessage(d.ID)}
	}
	// An empty draft is a message not translated yet, not a finding.
	if !d.filled() {
		return []Finding{}, nil
	}
	path, data, err := st.edited(tag, lang, d)
	if err != nil {
		return nil, err
	}
	srcData, err := st.raw(src.Path)
	if err != nil {
		return nil, err
	}
	in := &qa.Input{Museum: st.p.Museum, Files: map[string][]byte{src.Path: srcData}, Fonts: st.p.Fonts, Layout: st.p.Layout}
	if data != nil {
		in.Files[path] = data
	}
	out := []Finding{}
	for _, f := range qa.Check(in).Findings {
		if f.ID == d.ID && f.Lang == lang {
			out = append(out, Finding{Rule: f.Rule, Severity: string(f.Severity), Message: f.Message})
		}
	}
	return out, nil
}

type unknownMessageError string

func (e unknownMessageError) Error() string {
	return "no message " + string(e) + " in the source catalog"
}

func errUnknownMessage(id string) error { return unknownMessageError(id) }
