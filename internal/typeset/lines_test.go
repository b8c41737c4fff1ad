package typeset

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"pamphlet"
	"pamphlet/internal/fonts"
)

var (
	fontsOnce sync.Once
	fontSet   *fonts.Set
	fontErr   error
)

// setter returns a Setter with the bundled fonts' "text" chain for lang.
func setter(t testing.TB, lang string) *Setter {
	t.Helper()
	fontsOnce.Do(func() { fontSet, fontErr = fonts.Load(pamphlet.Sample) })
	if fontErr != nil {
		t.Fatal(fontErr)
	}
	tag := language.MustParse(lang)
	chains := map[string][]*fonts.Face{}
	for _, fam := range fontSet.Families() {
		c, err := fontSet.Chain(tag, fam)
		if err != nil {
			t.Fatal(err)
		}
		chains[fam] = c
	}
	return NewSetter(tag, chains)
}

// lineBreakCases are one fixed paragraph per script, set in the "text"
// family at 10 pt on a 150 pt measure. want is each line as drawn, in
// visual (left-to-right) order; for Arabic that is the joined
// presentation forms, written here as their NFKC-folded letters.
var lineBreakCases = []struct {
	lang, text string
	want       []string
}{
	{"it", "Il palazzo di Via Tasso 145 è un comune edificio d’abitazione, con appartamenti disposti su più piani.", []string{
		"Il palazzo di Via Tasso 145 è",
		"un comune edificio",
		"d’abitazione, con",
		"appartamenti disposti su più",
		"piani.",
	}},
	{"el", "Το κτίριο στον αριθμό 145 της οδού Τάσο είναι μια συνηθισμένη πολυκατοικία.", []string{
		"Το κτίριο στον αριθμό 145",
		"της οδού Τάσο είναι μια",
		"συνηθισμένη πολυκατοικία.",
	}},
	{"ru", "Дом номер 145 на Виа Тассо — обычный жилой дом с квартирами на нескольких этажах.", []string{
		"Дом номер 145 на Виа",
		"Тассо — обычный жилой",
		"дом с квартирами на",
		"нескольких этажах.",
	}},
	{"he", "הבניין בוויה טאסו 145 (Via Tasso) שימש בשנים 1943–1944 כבית כלא של ה־SS.", []string{
		// "(Via" ends the first line: the opening bracket, at an RTL
		// level, is mirrored and drawn right of the word it opens.
		"Via) 145 וסאט היווב ןיינבה",
		"1944–1943 םינשב שמיש (Tasso",
		".SS־ה לש אלכ תיבכ",
	}},
	{"ar", "أصبح المبنى في شارع تاسو 145 (Via Tasso) سجنا لقوات SS بين عامي 1943 و1944.", []string{
		"145 وسات عراش يف ىنبملا حبصأ",
		"نيب SS تاوقل انجس (Via Tasso)",
		".1944و 1943 يماع",
	}},
	{"ja", "ローマ解放歴史博物館は、1943年から1944年まで「SS」の監獄でした。", []string{
		"ローマ解放歴史博物館は、",
		// A quarter em between the digits and the kanji (1943 年)
		// pushes の over.
		"1943年から1944年まで「SS」",
		"の監獄でした。",
	}},
	{"zh-Hans", "塔索街145号的这栋楼房，在1943年至1944年间是党卫军的监狱。", []string{
		"塔索街145号的这栋楼房，在",
		"1943年至1944年间是党卫军的",
		"监狱。",
	}},
	{"ko", "로마 해방 역사 박물관은 1943년부터 1944년까지 감옥이었습니다.", []string{
		"로마 해방 역사 박물관은",
		"1943년부터 1944년까지",
		"감옥이었습니다.",
	}},
}

func TestLineBreaks(t *testing.T) {
	for _, c := range lineBreakCases {
		t.Run(c.lang, func(t *testing.T) {
			lines, err := setter(t, c.lang).Lines(c.text, "text", 10, 150, AlignStart)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range lines {
				drawn := l.Text()
				if c.lang == "ar" {
					drawn = norm.NFKC.String(drawn)
				}
				got = append(got, drawn)
				if l.Width > 150+1e-6 {
					t.Errorf("line %q is %.1f pt wide, more than the 150 pt measure", l.Text(), l.Width)
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			// Nothing dropped, nothing duplicated: the lines' logical
			// texts, joined, are the paragraph less the spaces it broke at.
			var logical []string
			for _, l := range lines {
				logical = append(logical, l.Logical)
			}
			if strip(strings.Join(logical, "")) != strip(c.text) {
				t.Errorf("lines lose or repeat text:\n%q\nwant\n%q", strings.Join(logical, "|"), c.text)
			}
		})
	}
}

func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestKinsoku sets a paragraph of Japanese at many widths: a line never
// starts with closing punctuation nor ends with an opening bracket, and
// no character is lost, whatever the width.
func TestKinsoku(t *testing.T) {
	text := "監房の壁には、囚人たちが刻んだ日付や名前、「家族への別れ」の言葉が残っています。私たちはそれを読み、忘れないことを誓います。"
	s := setter(t, "ja")
	for width := 40.0; width <= 200; width += 3 {
		lines, err := s.Lines(text, "text", 10, width, AlignStart)
		if err != nil {
			t.Fatal(err)
		}
		var joined strings.Builder
		for i, l := range lines {
			r := []rune(l.Text())
			if i > 0 && strings.ContainsRune("。、」』）", r[0]) {
				t.Errorf("width %.0f: line %d starts with %q", width, i+1, r[0])
			}
			if i < len(lines)-1 && strings.ContainsRune("「『（", r[len(r)-1]) {
				t.Errorf("width %.0f: line %d ends with %q", width, i+1, r[len(r)-1])
			}
			joined.WriteString(l.Logical)
		}
		if joined.String() != text {
			t.Fatalf("width %.0f: text changed:\n%s\n%s", width, joined.String(), text)
		}
	}
}

// TestOverlongWord: a word wider than the measure is cut between
// characters, never dropped and never overflowing.
func TestOverlongWord(t *testing.T) {
	text := "Sicherheitspolizeiundsicherheitsdienst"
	lines, err := setter(t, "de").Lines(text, "text", 10, 60, AlignStart)
	if err != nil {
		t.Fatal(err)
	}
	var joined string
	for _, l := range lines {
		if l.Width > 60+1e-6 {
			t.Errorf("line %q overflows: %.1f pt", l.Text(), l.Width)
		}
		joined += l.Logical
	}
	if joined != text || len(lines) < 3 {
		t.Errorf("got %d lines %q", len(lines), joined)
	}
}

// TestArabicJoining checks the drawn code points: contextual forms from
// Arabic Presentation Forms-B and the lam-alef ligature.
func TestArabicJoining(t *testing.T) {
	cases := []struct{ text, want string }{
		// بيت: beh initial, yeh medial, teh final; drawn right to left.
		{"بيت", "\uFE96\uFEF4\uFE91"},
		// لا: the lam-alef ligature, one glyph for two letters.
		{"لا", "\uFEFB"},
		// سلام: seen initial, lam-alef final ligature, meem isolated.
		// (an isolated form is drawn as the base letter: the font maps
		// both code points to one glyph, and extraction then needs no
		// normalization).
		{"سلام", "\u0645\uFEFC\uFEB3"},
		// Dal and alef do not join leftwards, so دار is three isolated letters.
		{"دار", "\u0631\u0627\u062F"},
	}
	s := setter(t, "ar")
	for _, c := range cases {
		lines, err := s.Lines(c.text, "text", 10, 500, AlignStart)
		if err != nil {
			t.Fatal(err)
		}
		if got := lines[0].Text(); got != c.want {
			t.Errorf("%s: drawn %+q, want %+q", c.text, got, c.want)
		}
		if lines[0].Logical != c.text {
			t.Errorf("%s: logical text %q", c.text, lines[0].Logical)
		}
	}
}

// TestMixedDirections: numbers, dates and Latin names inside RTL text keep
// their own order, and brackets are mirrored.
func TestMixedDirections(t *testing.T) {
	cases := []struct{ lang, text, want string }{
		{"he", "בשנת 1944 (יוני)", "(ינוי) 1944 תנשב"},
		{"he", "ויה טאסו (Via Tasso 145)", "(Via Tasso 145) וסאט היו"},
		{"he", "בין 1943–1944", "1944–1943 ןיב"},
		{"it", "Il museo (מוזיאון) di Roma", "Il museo (ןואיזומ) di Roma"},
	}
	for _, c := range cases {
		lines, err := setter(t, c.lang).Lines(c.text, "text", 10, 1000, AlignStart)
		if err != nil {
			t.Fatal(err)
		}
		if got := lines[0].Text(); got != c.want {
			t.Errorf("%s: drawn %q, want %q", c.text, got, c.want)
		}
	}
}

// TestRTLAlignment: right-to-left paragraphs end at the right edge.
func TestRTLAlignment(t *testing.T) {
	lines, err := setter(t, "he").Lines("שלום", "text", 10, 200, AlignStart)
	if err != nil {
		t.Fatal(err)
	}
	l := lines[0]
	last := l.Runs[len(l.Runs)-1]
	if end := last.X + last.Width; end < 199.99 || end > 200.01 {
		t.Errorf("RTL line ends at %.2f, want the right edge 200", end)
	}
}

func TestFontFallbackPerRune(t *testing.T) {
	// Japanese text with a Hebrew word: the Hebrew comes from DejaVu Sans,
	// the rest from WenQuanYi.
	lines, err := setter(t, "ja").Lines("博物館 שלום 1944", "text", 10, 1000, AlignStart)
	if err != nil {
		t.Fatal(err)
	}
	faces := map[string]string{}
	for _, r := range lines[0].Runs {
		faces[r.Text] = r.Font.Name
	}
	if faces["םולש"] != "dejavu-sans" {
		t.Errorf("Hebrew run drawn with %v", faces)
	}
	for text, face := range faces {
		if strings.Contains(text, "博物館") && face != "wqy-microhei" {
			t.Errorf("kanji drawn with %s", face)
		}
	}
}

func TestUndrawableCharacters(t *testing.T) {
	cases := []struct{ lang, text, want string }{
		{"en", "A visit 😀", "U+1F600"},
		{"en", "An ancient 𐌀 letter", "U+10300"},
		{"en", "Javanese ꦄ", "U+A984"},
		{"en", "bell\a", "U+0007"},
	}
	for _, c := range cases {
		_, err := setter(t, c.lang).Lines(c.text, "text", 10, 200, AlignStart)
		var ge *GlyphError
		if !errors.As(err, &ge) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want a GlyphError naming %s", c.text, err, c.want)
		}
	}
}

func BenchmarkLinesLatin(b *testing.B) {
	s := setter(b, "it")
	text := strings.Repeat("Il palazzo di Via Tasso 145 è un comune edificio d’abitazione, con appartamenti disposti su più piani. ", 4)
	for b.Loop() {
		if _, err := s.Lines(text, "text", 9.5, 300, AlignStart); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLinesArabic(b *testing.B) {
	s := setter(b, "ar")
	text := strings.Repeat("أصبح المبنى في شارع تاسو 145 سجنا لقوات SS بين عامي 1943 و1944. ", 4)
	for b.Loop() {
		if _, err := s.Lines(text, "text", 9.5, 300, AlignStart); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMayBeShapedCoversShapedScripts: the quick test Drawable uses to skip
// shaping never rules out a rune shapedScript would shape.
func TestMayBeShapedCoversShapedScripts(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if _, ok := shapedScript(r); ok && !mayBeShaped(r) {
			t.Fatalf("U+%04X is shaped, but mayBeShaped rules it out", r)
		}
	}
}

// TestDrawableAgreesWithSet: Drawable refuses exactly what Set refuses,
// with the same error, for texts that set, characters no font has,
// controls, characters past the BMP, and Arabic and Hebrew, which
// Drawable shapes as Set does.
func TestDrawableAgreesWithSet(t *testing.T) {
	cases := []struct{ lang, text string }{
		{"it", "Via Tasso 145"},
		{"it", "Via\u0007Tasso"},
		{"it", "emoji 😀"},
		{"ja", "ローマ解放歴史博物館"},
		{"ar", "قَدْ نُفِّذَ"},
		{"ar", "محلَّ and Latin"},
		{"he", "בְּרֵאשִׁ֖ית"}, // a cantillation mark no bundled font has
		{"he", "שָׁלוֹם"},
		{"ko", "해방 역사 박물관 ᄀᄀ"},
		{"el", "Ελληνικά \U000F0000"},
		{"ru", ""},
	}
	for _, c := range cases {
		s := setter(t, c.lang)
		for _, fam := range []string{"text", "strong"} {
			_, setErr := s.Set(c.text, fam, 10, 300, Paragraph{Justify: true, Hyphenate: true})
			err := s.Drawable(c.text, fam)
			if (err == nil) != (setErr == nil) || err != nil && err.Error() != setErr.Error() {
				t.Errorf("%s %q in %s: Drawable says %v, Set says %v", c.lang, c.text, fam, err, setErr)
			}
		}
	}
}
