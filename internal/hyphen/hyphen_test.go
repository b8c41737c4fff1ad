package hyphen

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// hyphenated pairs a word with its expected hyphenation.
type hyphenated struct{ lang, word, want string }

// known are checked hyphenations. Unless marked, each was compared with
// LibreOffice's libhyphen (Debian's python3-pyphen on the hyphen-LANG
// .dic files, with the same left/right minimums), whose dictionaries
// are converted from the same TeX patterns; where they differ the
// comment says why and the value is TeX's, cross-checked against
// reference() below (a literal transcription of Liang's algorithm).
var known = []hyphenated{
	// Italian: every break here comes from single-letter patterns
	// such as "1b", "1c", "2'2" and ".a3p2n"-style boundary patterns.
	{"it", "casa", "ca-sa"},
	{"it", "palazzo", "pa-laz-zo"},
	{"it", "autostrada", "au-to-stra-da"},
	{"it", "Roma", "Ro-ma"},
	{"it", "liberazione", "li-be-ra-zio-ne"},
	{"it", "architettura", "ar-chi-tet-tu-ra"},
	{"it", "Rinascimento", "Ri-na-sci-men-to"},
	{"it", "esposizione", "espo-si-zio-ne"},
	{"it", "affresco", "af-fre-sco"},
	// The Italian patterns spell both ' and ’ ("2'2", "2’2"); "1l"
	// allows del-l', "2'2" forbids a hyphen at the apostrophe itself.
	{"it", "dell’occupazione", "del-l’oc-cu-pa-zio-ne"},
	{"it", "dell'occupazione", "del-l'oc-cu-pa-zio-ne"},
	{"it", "dell'acqua", "del-l'ac-qua"},

	{"en-GB", "museum", "mu-seum"},
	{"en-GB", "exhibition", "ex-hib-i-tion"},
	{"en-GB", "hyphenation", "hy-phen-a-tion"},
	{"en-GB", "sculpture", "sculp-ture"},
	{"en-GB", "architecture", "ar-chi-tec-ture"},
	{"en-GB", "collection", "col-lec-tion"},
	{"en-US", "hyphenation", "hy-phen-ation"},
	{"en-US", "exhibition", "ex-hi-bi-tion"},
	{"en-US", "table", "ta-ble"},          // exception list
	{"en-US", "associate", "as-so-ciate"}, // exception list
	{"en-US", "project", "project"},       // exception: never

	{"de", "Donaudampfschifffahrt", "Do-nau-dampf-schiff-fahrt"},
	{"de", "Gemäldegalerie", "Ge-mäl-de-ga-le-rie"},
	{"de", "Kunstgeschichte", "Kunst-ge-schich-te"},
	{"de", "Museumsführer", "Mu-se-ums-füh-rer"},
	{"de", "Straße", "Stra-ße"},
	{"de", "STRASSE", "STRAS-SE"},
	{"de", "Skulptur", "Skulp-tur"},
	// LibreOffice's German .dic comes from another pattern set and
	// gives Ausstel-lung and Bild-hau-e-rei; these are hyph-de-1996's.
	{"de", "Ausstellung", "Aus-stel-lung"},
	{"de", "Bildhauerei", "Bild-haue-rei"},

	{"fr", "l'exposition", "l'ex-po-si-tion"},
	{"fr", "l’exposition", "l’ex-po-si-tion"},
	{"fr", "peinture", "pein-ture"},
	{"fr", "sculpture", "sculp-ture"},
	{"fr", "architecture", "ar-chi-tec-ture"},
	{"fr", "collection", "col-lec-tion"},
	{"fr", "bibliothèque", "bi-blio-thèque"},

	{"es", "exposición", "ex-po-si-ción"},
	{"es", "pintura", "pin-tu-ra"},
	{"es", "escultura", "es-cul-tu-ra"},
	{"es", "arquitectura", "ar-qui-tec-tu-ra"},
	{"es", "biblioteca", "bi-blio-te-ca"},
	{"es", "colección", "co-lec-ción"},

	{"pl", "muzeum", "mu-zeum"},
	{"pl", "wystawa", "wy-sta-wa"},
	{"pl", "malarstwo", "ma-lar-stwo"},
	{"pl", "rzeźba", "rzeź-ba"},
	{"pl", "architektura", "ar-chi-tek-tu-ra"},
	{"pl", "kolekcja", "ko-lek-cja"},
	{"pl", "historia", "hi-sto-ria"},

	{"ru", "музей", "му-зей"},
	{"ru", "выставка", "вы-став-ка"},
	{"ru", "живопись", "жи-во-пись"},
	{"ru", "скульптура", "скульп-ту-ра"},
	{"ru", "архитектура", "ар-хи-тек-ту-ра"},
	{"ru", "коллекция", "кол-лек-ция"},
	{"ru", "электричество", "элек-три-че-ство"},
	{"ru", "бизнесмен", "биз-нес-мен"}, // exception list; patterns give биз-не-смен

	{"el", "μουσείο", "μου-σεί-ο"},
	{"el", "έκθεση", "έκ-θε-ση"},
	{"el", "ζωγραφική", "ζω-γρα-φι-κή"},
	{"el", "γλυπτική", "γλυ-πτι-κή"},
	{"el", "αρχιτεκτονική", "αρ-χι-τε-κτο-νι-κή"},
	{"el", "συλλογή", "συλ-λο-γή"},
	{"el", "ΣΕΙΣΜΟΣ", "ΣΕΙ-ΣΜΟΣ"}, // lowercased with final sigma

	{"nl", "tentoonstelling", "ten-toon-stel-ling"},
	{"nl", "schilderij", "schil-de-rij"},
	{"nl", "beeldhouwkunst", "beeld-houw-kunst"},
	{"pt", "exposição", "ex-po-si-ção"},
	{"pt", "escultura", "es-cul-tura"},
	{"pt", "museu", "mu-seu"},
	{"uk", "музей", "му-зей"},
	{"uk", "живопис", "жи-во-пис"},
	// LibreOffice's Ukrainian .dic is another pattern set; these two
	// are hyph-uk's.
	{"uk", "виставка", "ви-став-ка"},
	{"uk", "скульптура", "скуль-пту-ра"},
	{"cs", "výstava", "vý-stava"},
	{"cs", "malířství", "ma-líř-ství"},
	{"cs", "architektura", "ar-chi-tek-tura"},
	{"sk", "výstava", "vý-stava"},
	{"sk", "maliarstvo", "ma-liar-stvo"},
	{"sk", "architektúra", "ar-chi-tek-túra"},
	{"hu", "kiállítás", "ki-ál-lí-tás"},
	{"hu", "festészet", "fes-té-szet"},
	{"hu", "szobrászat", "szob-rá-szat"},
	{"bg", "изложба", "из-лож-ба"},
	{"bg", "скулптура", "скул-п-ту-ра"},
	{"bg", "архитектура", "ар-хи-тек-ту-ра"},
	{"hr", "izložba", "iz-lož-ba"},
	{"hr", "slikarstvo", "sli-kar-stvo"},
	{"hr", "kiparstvo", "ki-par-stvo"},
	{"sl", "razstava", "raz-sta-va"},
	{"sl", "slikarstvo", "sli-kar-stvo"},
	{"sl", "kiparstvo", "ki-par-stvo"},
	{"sv", "utställning", "ut-ställ-ning"},
	{"sv", "målning", "mål-ning"},
	{"sv", "skulptur", "skulp-tur"},
	{"da", "udstilling", "ud-stil-ling"},
	{"da", "maleri", "ma-le-ri"},
	{"da", "skulptur", "skul-p-tur"},
	{"nb", "utstilling", "ut-stil-ling"},
	{"nb", "maleri", "ma-le-ri"},
	{"no", "skulptur", "skulp-tur"},
	{"nn", "utstilling", "ut-stil-ling"},
	{"lv", "izstāde", "iz-stā-de"},
	{"lv", "glezniecība", "glez-nie-cī-ba"},
	{"lv", "skulptūra", "skul-ptū-ra"},
	{"lt", "paroda", "pa-ro-da"},
	{"lt", "tapyba", "ta-py-ba"},
	{"lt", "skulptūra", "skulp-tū-ra"},
	{"ca", "exposició", "ex-po-si-ció"},
	{"ca", "pintura", "pin-tu-ra"},
	{"ca", "escultura", "es-cul-tu-ra"},
	// Catalan patterns know no apostrophe: the parts are hyphenated
	// apart, never at the apostrophe (libhyphen gives l'-ex-po-si-ció).
	{"ca", "l'exposició", "l'ex-po-si-ció"},
	{"gl", "exposición", "ex-po-si-ción"},
	{"gl", "pintura", "pin-tu-ra"},
	{"gl", "escultura", "es-cul-tu-ra"},
	// No libhyphen dictionary in Debian for these: checked against
	// reference() and the languages' syllable rules.
	{"fi", "näyttely", "näyt-te-ly"},
	{"fi", "maalaus", "maa-laus"},
	{"fi", "veistos", "veis-tos"},
	{"et", "näitus", "näi-tus"},
	{"et", "maalikunst", "maa-li-kunst"},
	{"et", "skulptuur", "skulp-tuur"},
	{"tr", "sergi", "ser-gi"},
	{"tr", "heykel", "hey-kel"},
	{"tr", "kütüphane", "kü-tüp-ha-ne"},
	{"tr", "İstanbul", "İs-tan-bul"}, // Turkish İ lowercases to i
	{"tr", "ISPARTA", "IS-PAR-TA"},   // Turkish I lowercases to ı
	{"eu", "erakusketa", "era-kus-ke-ta"},
	{"eu", "margolaritza", "mar-go-la-ri-tza"},
	{"eu", "eskultura", "es-kul-tu-ra"},

	// Hyphenated compounds and possessives: each part on its own.
	{"de", "Baden-Württemberg", "Ba-den-Würt-tem-berg"},
	{"en-GB", "museum's", "mu-seum's"},
}

func get(t testing.TB, lang string) *Hyphenator {
	t.Helper()
	h, ok := For(language.Make(lang))
	if !ok {
		t.Fatalf("For(%s): no patterns", lang)
	}
	return h
}

func TestKnown(t *testing.T) {
	for _, c := range known {
		t.Run(c.lang+"/"+c.word, func(t *testing.T) {
			h := get(t, c.lang)
			if got := h.Hyphenate(c.word, "-"); got != c.want {
				t.Errorf("%s: Hyphenate(%q) = %q, want %q (points %v)", h.Tag(), c.word, got, c.want, h.Points(c.word))
			}
			checkPoints(t, h, c.word)
		})
	}
}

// checkPoints checks what every result must satisfy: offsets strictly
// inside the word, increasing, and clear of the minimums.
func checkPoints(t testing.TB, h *Hyphenator, word string) {
	t.Helper()
	pts := h.Points(word)
	n := utf8.RuneCountInString(word)
	for i, p := range pts {
		if p <= 0 || p >= n {
			t.Fatalf("Points(%q) = %v: %d not inside (0, %d)", word, pts, p, n)
		}
		if i > 0 && p <= pts[i-1] {
			t.Fatalf("Points(%q) = %v: not increasing", word, pts)
		}
	}
	if !strings.ContainsFunc(word, func(r rune) bool { return !h.isWordRune(r) }) && len(pts) > 0 {
		if pts[0] < h.left || pts[len(pts)-1] > n-h.right {
			t.Fatalf("Points(%q) = %v: breaks the minimums %d/%d", word, pts, h.left, h.right)
		}
	}
}

func TestFor(t *testing.T) {
	for _, c := range []struct {
		tag, want string
	}{
		{"it", "it"}, {"it-CH", "it"},
		{"en", "en-gb"}, {"en-GB", "en-gb"}, {"en-IE", "en-gb"}, {"en-US", "en-us"}, {"en-CA", "en-us"},
		{"de", "de-1996"}, {"de-CH", "de-1996"}, {"de-AT", "de-1996"},
		{"el", "el-monoton"}, {"no", "nb"}, {"nb", "nb"}, {"nn", "nn"},
		{"pt-BR", "pt"}, {"fr-CA", "fr"}, {"sr-Latn", ""}, {"ro", ""}, {"ja", ""}, {"zh-Hans", ""}, {"und", ""},
	} {
		h, ok := For(language.Make(c.tag))
		if got := ""; ok {
			got = h.Tag()
			if got != c.want {
				t.Errorf("For(%s) = %s, want %s", c.tag, got, c.want)
			}
		} else if c.want != "" {
			t.Errorf("For(%s): none, want %s", c.tag, c.want)
		}
	}
}

// TestAllLoad parses every bundled language, from several goroutines at
// once to show the lazy loading is safe, and checks the minimums table
// against the licence headers it cites.
func TestAllLoad(t *testing.T) {
	var wg sync.WaitGroup
	for _, tag := range Languages() {
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				h := get(t, tag)
				if len(h.t.info) == 0 {
					t.Errorf("%s: no patterns", tag)
				}
			}()
		}
	}
	wg.Wait()
	for tag, d := range langs {
		lic, err := files.ReadFile("patterns/hyph-" + tag + ".lic.txt")
		if err != nil {
			t.Errorf("%s: no licence file: %v", tag, err)
			continue
		}
		l, r, ok := typesettingMins(lic)
		if !ok {
			if tag != "lt" { // only "generation" values; see languages.go
				t.Errorf("%s: no typesetting hyphenmins in the header", tag)
			}
			continue
		}
		if l != d.left || r != d.right {
			t.Errorf("%s: table says %d/%d, header says %d/%d", tag, d.left, d.right, l, r)
		}
	}
}

// typesettingMins reads "hyphenmins: typesetting: left: N right: M" out
// of a hyph-utf8 header.
func typesettingMins(hdr []byte) (left, right int, ok bool) {
	sc := bufio.NewScanner(bytes.NewReader(hdr))
	in := false
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(sc.Text(), "%"))
		switch {
		case len(f) == 1 && f[0] == "typesetting:":
			in = true
		case in && len(f) == 2 && f[0] == "left:":
			left = int(f[1][0] - '0')
		case in && len(f) == 2 && f[0] == "right:":
			right = int(f[1][0] - '0')
			return left, right, true
		}
	}
	return 0, 0, false
}

// TestMins shows the minimums at work: the same patterns with 1/1
// allow breaks that the language's minimums remove.
func TestMins(t *testing.T) {
	for _, c := range []struct {
		lang, word, loose, strict string
	}{
		{"it", "opera", "o-pe-ra", "ope-ra"},
		{"it", "ala", "a-la", "ala"},
		{"en-US", "hyphenation", "hy-phen-ation", "hy-phen-ation"},
		{"en-GB", "teacher", "teach-er", "teacher"}, // right min 3
		{"pt", "pintura", "pin-tu-ra", "pin-tura"},  // right min 3
		{"cs", "architektura", "ar-chi-tek-tu-ra", "ar-chi-tek-tura"},
	} {
		h := get(t, c.lang)
		src := langs[h.Tag()]
		loose, err := parse(h.Tag(), &langDef{pat: src.pat, hyp: src.hyp, left: 1, right: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := loose.Hyphenate(c.word, "-"); got != c.loose {
			t.Errorf("%s 1/1: %q, want %q", c.lang, got, c.loose)
		}
		if got := h.Hyphenate(c.word, "-"); got != c.strict {
			t.Errorf("%s %d/%d: %q, want %q", c.lang, h.left, h.right, got, c.strict)
		}
	}
	// Greek typesets with 1/1: a single vowel may stand alone.
	if got := get(t, "el").Hyphenate("μουσείο", "-"); got != "μου-σεί-ο" {
		t.Errorf("el: %q", got)
	}
}

// TestExceptions: the \hyphenation list wins over the patterns, both to
// add breaks and to remove them.
func TestExceptions(t *testing.T) {
	for _, c := range []struct{ lang, word, exc string }{
		{"en-US", "table", "ta-ble"},
		{"en-US", "project", "project"},
		{"en-US", "present", "present"},
		{"ru", "бизнесмен", "биз-нес-мен"},
	} {
		h := get(t, c.lang)
		if got := h.Hyphenate(c.word, "-"); got != c.exc {
			t.Errorf("%s %q: %q, want the exception %q", c.lang, c.word, got, c.exc)
		}
		if ref := join(c.word, reference(t, h, c.word)); ref == c.exc {
			t.Errorf("%s %q: patterns alone already give %q; not a test of exceptions", c.lang, c.word, ref)
		}
	}
}

func TestNoPoints(t *testing.T) {
	for _, c := range []struct{ lang, word, why string }{
		{"it", "3casa", "digit"},
		{"it", "casa2", "digit"},
		{"de", "B2B-Geschäft", "digit"},
		{"it", "Rоma", "Cyrillic о among Latin letters"},
		{"ru", "музeй", "Latin e among Cyrillic letters"},
		{"it", "İstanbul", "lowercase İ is i + U+0307 outside Turkish"},
		{"it", "ca\u00adsa", "soft hyphen: the author chose"},
		{"it", "cafe\u0301s", "not NFC"},
		{"it", "", "empty"},
		{"it", "a", "one letter"},
		{"it", "\xffcasa", "invalid UTF-8"},
		{"it", "--", "no letters"},
	} {
		if pts := get(t, c.lang).Points(c.word); pts != nil {
			t.Errorf("%s %q (%s): %v, want none", c.lang, c.word, c.why, pts)
		}
	}
}

// TestApostrophes: ', ’ and ʼ give the same points in Italian, whose
// patterns spell ' and ’.
func TestApostrophes(t *testing.T) {
	h := get(t, "it")
	want := h.Points("dell'acqua")
	for _, w := range []string{"dell’acqua", "dellʼacqua", "DELL'ACQUA"} {
		if got := h.Points(w); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", w, got, want)
		}
	}
}

// reference is Liang's algorithm transcribed literally, with the
// patterns in a map and every substring looked up, to check the trie
// against. It takes an all-letter lowercase word and ignores
// exceptions.
func reference(t testing.TB, h *Hyphenator, word string) []int {
	t.Helper()
	d := langs[h.Tag()]
	data, err := files.ReadFile("patterns/" + d.pat)
	if err != nil {
		t.Fatal(err)
	}
	pats := map[string][]uint8{}
	for _, f := range strings.Fields(string(data)) {
		p, err := parsePattern(f)
		if err != nil {
			t.Fatal(err)
		}
		if old, ok := pats[p.letters]; ok {
			for i := range old {
				p.vals[i] = max(p.vals[i], old[i])
			}
		}
		pats[p.letters] = p.vals
	}
	lw, _ := h.lower(word)
	w := []rune("." + lw + ".")
	vals := make([]uint8, len(w)+1)
	for i := range w {
		for j := i + 1; j <= len(w); j++ {
			if v, ok := pats[string(w[i:j])]; ok {
				for k, x := range v {
					vals[i+k] = max(vals[i+k], x)
				}
			}
		}
	}
	var out []int
	n := len(w) - 2
	for q := h.left; q <= n-h.right; q++ {
		if vals[q+1]%2 == 1 {
			out = append(out, q)
		}
	}
	return out
}

func join(word string, pts []int) string {
	var b strings.Builder
	for i, r := range []rune(word) {
		if slices.Contains(pts, i) {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestTrieMatchesReference runs both implementations over the test
// words and the benchmark paragraphs.
func TestTrieMatchesReference(t *testing.T) {
	words := map[string][]string{}
	for _, c := range known {
		if !strings.ContainsAny(c.word, "'’-") {
			words[c.lang] = append(words[c.lang], c.word)
		}
	}
	words["it"] = append(words["it"], strings.Fields(paragraphs["it"])...)
	words["de"] = append(words["de"], strings.Fields(paragraphs["de"])...)
	for lang, ws := range words {
		h := get(t, lang)
		for _, w := range ws {
			w = strings.Trim(w, ".,;:")
			lw, _ := h.lower(w)
			if _, exc := h.exceptions[lw]; exc {
				continue
			}
			if got, want := h.Points(w), reference(t, h, w); !slices.Equal(got, want) {
				t.Errorf("%s %q: trie %v, reference %v", lang, w, got, want)
			}
		}
	}
}

var paragraphs = map[string]string{
	"it": `Il palazzo fu costruito nel quindicesimo secolo per volontà della
famiglia Medici e ospita oggi una collezione straordinaria di dipinti,
sculture e arazzi. Durante la liberazione della città le opere furono
nascoste nelle cantine, e dopo la guerra tornarono nelle sale restaurate
dell'antico edificio, dove i visitatori possono ammirarle ogni giorno
seguendo il percorso che attraversa il cortile e la biblioteca monumentale.`,
	"de": `Das Museum wurde im fünfzehnten Jahrhundert als Stadtpalast errichtet
und beherbergt heute eine außergewöhnliche Sammlung von Gemälden,
Skulpturen und Wandteppichen. Während der Befreiung der Stadt wurden die
Kunstwerke in den Kellergewölben versteckt; nach dem Krieg kehrten sie in
die restaurierten Ausstellungsräume zurück, wo die Besucherinnen und
Besucher sie täglich auf dem Rundgang durch die Gemäldegalerie bewundern.`,
}

// BenchmarkPoints reports ns/word on a paragraph of Italian and of
// German (patterns already loaded).
func BenchmarkPoints(b *testing.B) {
	for _, lang := range []string{"it", "de"} {
		b.Run(lang, func(b *testing.B) {
			h := get(b, lang)
			words := strings.Fields(paragraphs[lang])
			for i, w := range words {
				words[i] = strings.Trim(w, ".,;:")
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, w := range words {
					h.Points(w)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
		})
	}
}

// FuzzPoints checks that Points never panics and that its offsets are
// inside the word and increasing, for languages with apostrophes
// (it, fr), final sigma (el), dotless i (tr), exceptions (en-US, ru)
// and large pattern sets (de).
func FuzzPoints(f *testing.F) {
	for _, c := range known {
		f.Add(c.word)
	}
	for _, s := range []string{"", "'", "’’", ".", "..a..", "a'b", "İI", "ΣΣ", "\u0301a", "a\u0301", "\xff", "ß", "ǅemal", "ﬁ"} {
		f.Add(s)
	}
	hs := []*Hyphenator{}
	for _, l := range []string{"it", "fr", "el", "tr", "en-US", "ru", "de"} {
		hs = append(hs, get(f, l))
	}
	f.Fuzz(func(t *testing.T, word string) {
		for _, h := range hs {
			checkPoints(t, h, word)
		}
	})
}

// BenchmarkLoad is the cost of a language's patterns the first time a
// process hyphenates in it (British English, the sample's "en": 8,500
// patterns and exceptions).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse("en-gb", langs["en-gb"]); err != nil {
			b.Fatal(err)
		}
	}
}
