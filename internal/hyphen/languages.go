package hyphen

import (
	"sort"
	"sync"

	"golang.org/x/text/language"
)

// langDef says which embedded files make up one language and the
// hyphenmin values TeX typesets it with.
//
// left and right are \lefthyphenmin and \righthyphenmin as the
// "hyphenmins: typesetting:" block in the header of the language's
// hyph-LANG.tex states them (hyph-utf8 as shipped in Debian's
// texlive-lang-* 2022.20230122-1; each header is copied into
// patterns/hyph-LANG.lic.txt). Where the header gives only
// "generation" values, src says where the value comes from instead.
type langDef struct {
	pat   string // patterns/hyph-*.pat.txt
	hyp   string // patterns/hyph-*.hyp.txt, or "" when there are no exceptions
	left  int
	right int
	src   string // where left/right come from

	once sync.Once
	h    *Hyphenator
}

// langs is keyed by the hyph-utf8 tag. Romanian (hyph-ro) is not
// bundled: its header says "licence: text: [None]", so redistribution
// is not granted (see patterns/README.md).
var langs = map[string]*langDef{
	"bg":         {pat: "hyph-bg.pat.txt", left: 2, right: 2, src: "hyph-bg.tex typesetting"},
	"ca":         {pat: "hyph-ca.pat.txt", hyp: "hyph-ca.hyp.txt", left: 2, right: 2, src: "hyph-ca.tex typesetting"},
	"cs":         {pat: "hyph-cs.pat.txt", hyp: "hyph-cs.hyp.txt", left: 2, right: 3, src: "hyph-cs.tex typesetting"},
	"da":         {pat: "hyph-da.pat.txt", left: 2, right: 2, src: "hyph-da.tex typesetting"},
	"de-1996":    {pat: "hyph-de-1996.pat.txt", left: 2, right: 2, src: "hyph-de-1996.tex typesetting"},
	"el-monoton": {pat: "hyph-el-monoton.pat.txt", left: 1, right: 1, src: "hyph-el-monoton.tex typesetting"},
	"en-gb":      {pat: "hyph-en-gb.pat.txt", hyp: "hyph-en-gb.hyp.txt", left: 2, right: 3, src: "hyph-en-gb.tex typesetting"},
	"en-us":      {pat: "hyph-en-us.pat.txt", hyp: "hyph-en-us.hyp.txt", left: 2, right: 3, src: "hyph-en-us.tex typesetting"},
	"es":         {pat: "hyph-es.pat.txt", left: 2, right: 2, src: "hyph-es.tex typesetting"},
	"et":         {pat: "hyph-et.pat.txt", left: 2, right: 3, src: "hyph-et.tex typesetting"},
	"eu":         {pat: "hyph-eu.pat.txt", left: 2, right: 2, src: "hyph-eu.tex typesetting"},
	"fi":         {pat: "hyph-fi.pat.txt", left: 2, right: 2, src: "hyph-fi.tex typesetting"},
	"fr":         {pat: "hyph-fr.pat.txt", left: 2, right: 2, src: "hyph-fr.tex typesetting"},
	"gl":         {pat: "hyph-gl.pat.txt", left: 2, right: 2, src: "hyph-gl.tex typesetting"},
	"hr":         {pat: "hyph-hr.pat.txt", left: 2, right: 2, src: "hyph-hr.tex typesetting"},
	"hu":         {pat: "hyph-hu.pat.txt", left: 2, right: 2, src: "hyph-hu.tex typesetting"},
	"it":         {pat: "hyph-it.pat.txt", left: 2, right: 2, src: "hyph-it.tex typesetting"},
	// hyph-lt.tex states only "generation: 2/2"; its description adds
	// "\lefthyphenmin and \righthyphenmin have to be at least 2".
	"lt": {pat: "hyph-lt.pat.txt", left: 2, right: 2, src: "hyph-lt.tex generation + description"},
	"lv": {pat: "hyph-lv.pat.txt", left: 2, right: 2, src: "hyph-lv.tex typesetting"},
	// hyph-nb and hyph-nn both \input hyph-no.tex; their pat.txt files
	// are byte-identical, so only hyph-nb.pat.txt is shipped.
	"nb": {pat: "hyph-nb.pat.txt", hyp: "hyph-nb.hyp.txt", left: 2, right: 2, src: "hyph-nb.tex typesetting"},
	"nn": {pat: "hyph-nb.pat.txt", hyp: "hyph-nn.hyp.txt", left: 2, right: 2, src: "hyph-nn.tex typesetting"},
	"nl": {pat: "hyph-nl.pat.txt", hyp: "hyph-nl.hyp.txt", left: 2, right: 2, src: "hyph-nl.tex typesetting"},
	"pl": {pat: "hyph-pl.pat.txt", hyp: "hyph-pl.hyp.txt", left: 2, right: 2, src: "hyph-pl.tex typesetting"},
	"pt": {pat: "hyph-pt.pat.txt", hyp: "hyph-pt.hyp.txt", left: 2, right: 3, src: "hyph-pt.tex typesetting"},
	"ru": {pat: "hyph-ru.pat.txt", hyp: "hyph-ru.hyp.txt", left: 2, right: 2, src: "hyph-ru.tex typesetting"},
	"sk": {pat: "hyph-sk.pat.txt", hyp: "hyph-sk.hyp.txt", left: 2, right: 3, src: "hyph-sk.tex typesetting"},
	"sl": {pat: "hyph-sl.pat.txt", left: 2, right: 2, src: "hyph-sl.tex typesetting"},
	"sv": {pat: "hyph-sv.pat.txt", left: 2, right: 2, src: "hyph-sv.tex typesetting"},
	"tr": {pat: "hyph-tr.pat.txt", left: 2, right: 2, src: "hyph-tr.tex typesetting"},
	"uk": {pat: "hyph-uk.pat.txt", left: 2, right: 2, src: "hyph-uk.tex typesetting"},
}

// britishRegions are the regions whose English follows British
// spelling, for which the en-GB patterns fit better than en-US ones.
var britishRegions = map[string]bool{
	"GB": true, "IE": true, "AU": true, "NZ": true, "ZA": true, "IN": true, "MT": true,
}

// key maps a tag to the hyph-utf8 tag of the patterns that serve it.
//
// English: plain "en" gets en-GB patterns, because the pamphlets are
// written for European museums whose English copy follows British
// spelling, and the en-GB set (MIT) was built from a British word list;
// only an explicit US (or other non-British) region gets Knuth's en-US
// patterns. German always gets the 1996 (reformed) orthography, which
// Swiss and Austrian German also follow; Greek gets monotonic patterns;
// Norwegian "no" is Bokmål.
func key(tag language.Tag) string {
	base, conf := tag.Base()
	if conf != language.Exact {
		return "" // "und" guesses English; hyphenate nothing rather than guess
	}
	switch b := base.String(); b {
	case "en":
		if r, conf := tag.Region(); conf == language.Exact && !britishRegions[r.String()] {
			return "en-us"
		}
		return "en-gb"
	case "de":
		return "de-1996"
	case "el":
		return "el-monoton"
	case "no":
		return "nb"
	default:
		return b
	}
}

// For returns the hyphenator for tag's language, loading and parsing its
// patterns on first use. It reports false when no patterns are bundled
// for the language (Romanian, for one, whose licence is unclear).
func For(tag language.Tag) (*Hyphenator, bool) {
	d, ok := langs[key(tag)]
	if !ok {
		return nil, false
	}
	d.once.Do(func() { d.h = load(key(tag), d) })
	return d.h, true
}

// Languages lists the hyph-utf8 tags of the bundled pattern sets.
func Languages() []string {
	out := make([]string, 0, len(langs))
	for k := range langs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
