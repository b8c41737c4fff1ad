package typeset

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"

	"pamphlet"
	"pamphlet/internal/fonts"
	"pamphlet/internal/layout"
	"pamphlet/internal/page"
)

// sampleBodies returns the running texts (room and panel bodies, floor
// introductions) of the sample museum's catalog for lang, in ID order.
func sampleBodies(t testing.TB, lang string) []string {
	t.Helper()
	data, err := pamphlet.Sample.ReadFile(path.Join("locales", lang+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]any
	if err := toml.Unmarshal(data, &cat); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range cat {
		if strings.HasSuffix(id, ".body") || strings.HasSuffix(id, ".intro") {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var out []string
	for _, id := range ids {
		m, ok := cat[id].(map[string]any)
		if !ok {
			continue
		}
		if s, ok := m["other"].(string); ok && s != "" {
			out = append(out, s)
		}
	}
	if len(out) < 10 {
		t.Fatalf("%s: only %d body texts in the sample", lang, len(out))
	}
	return out
}

func sampleLayout(t testing.TB, name string) *layout.Layout {
	t.Helper()
	l, err := layout.Load(pamphlet.Sample, name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// faceOf finds the face of s's "text" chain a run is drawn with.
func faceOf(t testing.TB, s *Setter, r page.Run) *fonts.Face {
	for _, f := range s.chains["text"] {
		if f.Embed == r.Font {
			return f
		}
	}
	t.Fatalf("run %q: font %s is not in the text chain", r.Text, r.Font.Name)
	return nil
}

// spaceRatios measures, from the drawn positions alone, every word space
// of a line as a multiple of the space's natural width: a run that ends
// in a space is followed by the next run at its X, and the distance
// beyond the run's own width is what justification added or took.
func spaceRatios(t testing.TB, s *Setter, l Line) []float64 {
	var out []float64
	for i := 0; i+1 < len(l.Runs); i++ {
		r := l.Runs[i]
		rs := []rune(r.Text)
		last := rs[len(rs)-1]
		if last != ' ' && last != 0x00A0 {
			continue
		}
		natural := advance(faceOf(t, s, r), []rune{last}, r.Size)
		moved := l.Runs[i+1].X - (r.X + r.Width)
		out = append(out, (natural+moved)/natural)
	}
	return out
}

// letterSpaced reports a line whose letters were spaced out: a run that
// does not end in a space followed by one further on than its width.
func letterSpaced(l Line) bool {
	for i := 0; i+1 < len(l.Runs); i++ {
		r := l.Runs[i]
		if !strings.HasSuffix(r.Text, " ") && !strings.HasSuffix(r.Text, "\u00a0") && l.Runs[i+1].X-(r.X+r.Width) > 1e-6 {
			return true
		}
	}
	return false
}

// hyphenated reports whether a line ends with a hyphen: one the breaker
// added at a hyphenation point, or one of the text.
func hyphenated(l Line) bool {
	return strings.HasSuffix(l.Text(), "-") || strings.HasSuffix(l.Logical, "-") || strings.HasSuffix(l.Logical, "\u2010")
}

// checkParagraph checks what every justified paragraph must satisfy and
// returns, of its lines but the last, how many have all their spaces
// within 0.8–1.5 times the natural width, and how many lines there are.
func checkParagraph(t *testing.T, s *Setter, text string, lines []Line, width float64) (good, total int) {
	t.Helper()
	run := 0
	var logical []string
	for i, l := range lines {
		logical = append(logical, l.Logical)
		if l.Width > width+1e-6 {
			t.Errorf("overfull line %q: %.2f pt on a %.2f pt measure", l.Text(), l.Width, width)
		}
		if hyphenated(l) {
			run++
			if run > hyphenRun {
				t.Errorf("%d consecutive hyphenated lines, ending with %q", run, l.Text())
			}
		} else {
			run = 0
		}
		ratios := spaceRatios(t, s, l)
		if i == len(lines)-1 {
			for _, r := range ratios {
				if r > 1+1e-9 || r < 0.8-1e-9 {
					t.Errorf("last line %q has a space of %.2f times its width: it must be ragged, never stretched (and shrunk no further than 0.8)", l.Text(), r)
				}
			}
			continue
		}
		total++
		if len(ratios) > 0 && math.Abs(l.Width-width) > 0.01 {
			t.Errorf("justified line %q is %.2f pt wide, not the measure %.2f", l.Text(), l.Width, width)
		}
		ok := true
		for _, r := range ratios {
			if r < 0.8-1e-9 || r > 1.5+1e-9 {
				ok = false
			}
		}
		if ok {
			good++
		} else if testing.Verbose() {
			t.Logf("outlier %.2f: %q", ratios, l.Text())
		}
	}
	if strip(strings.Join(logical, "")) != strip(text) {
		t.Errorf("lines lose or repeat text:\n%q\nwant\n%q", strings.Join(logical, "|"), text)
	}
	return good, total
}

var justifiedLanguages = []string{"it", "en", "de", "fr", "es", "nl", "pt", "pl", "ru", "uk", "el"}

// TestWordSpacesSample sets every body text of the sample justified and
// hyphenated at the body size and measure of the A5 layout: in at
// least 98 % of the lines (the last of each paragraph aside) every word
// space stays within 0.8–1.5 times its natural width.
func TestWordSpacesSample(t *testing.T) {
	for _, name := range []string{"a5"} {
		l := sampleLayout(t, name)
		body := l.Styles["body"]
		for _, lang := range justifiedLanguages {
			t.Run(name+"/"+lang, func(t *testing.T) {
				s := setter(t, lang)
				good, total, hyph, tracked := 0, 0, 0, 0
				for _, text := range sampleBodies(t, lang) {
					lines, err := s.Set(text, body.Family, body.Size, l.MeasurePt(), Paragraph{Justify: true, Hyphenate: true})
					if err != nil {
						t.Fatal(err)
					}
					g, n := checkParagraph(t, s, text, lines, l.MeasurePt())
					good, total = good+g, total+n
					for _, ln := range lines {
						if hyphenated(ln) {
							hyph++
						}
						if letterSpaced(ln) {
							tracked++
						}
					}
				}
				share := float64(good) / float64(total)
				t.Logf("%-7s %-2s %4d justified lines, %5.1f %% with every space within 0.8–1.5×, %4.1f %% hyphenated, %4.1f %% letter-spaced",
					name, lang, total, 100*share, 100*float64(hyph)/float64(total), 100*float64(tracked)/float64(total))
				if share < 0.98 {
					t.Errorf("only %.1f %% of %d lines keep their spaces within 0.8–1.5×", 100*share, total)
				}
			})
		}
	}
}

var _ = fmt.Sprint
var _ = unicode.IsSpace

// TestLargePrintLineLength: large print averages at most 55 characters a
// line (the last line of each paragraph aside) in every alphabetic
// language of the sample, set as the large layout sets its body.
func TestLargePrintLineLength(t *testing.T) {
	l := sampleLayout(t, "large")
	body := l.Styles["body"]
	para := Paragraph{Justify: l.Text.Justify(), Hyphenate: l.Text.Hyphenate}
	for _, lang := range append(justifiedLanguages, "he", "ar") {
		s := setter(t, lang)
		chars, lines := 0, 0
		for _, text := range sampleBodies(t, lang) {
			ls, err := s.Set(text, body.Family, body.Size, l.MeasurePt(), para)
			if err != nil {
				t.Fatal(err)
			}
			for _, ln := range ls[:len(ls)-1] {
				chars += len([]rune(ln.Logical))
				lines++
			}
		}
		avg := float64(chars) / float64(lines)
		t.Logf("large %-2s %5.1f characters a line over %d lines", lang, avg, lines)
		if avg > 55 {
			t.Errorf("%s: large print averages %.1f characters a line, more than 55", lang, avg)
		}
	}
}

// setLines sets text justified (and hyphenated when hy) and returns the
// lines' drawn texts.
func setLines(t *testing.T, lang, text string, width float64, p Paragraph) []Line {
	t.Helper()
	lines, err := setter(t, lang).Set(text, "text", 10, width, p)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestKnuthPlass sets known paragraphs at many measures: no line is
// wider than the measure, every line but the last is flush, the last is
// not stretched, no more than two consecutive lines end in a hyphen, and
// no text is lost or repeated.
func TestKnuthPlass(t *testing.T) {
	cases := []struct{ lang, text string }{
		{"en", sampleBodies(t, "en")[0]},
		{"de", "Die Sicherheitspolizei und der Sicherheitsdienst unterhielten in der Via Tasso ihr Hauptquartier. Widerstandskämpferinnen und Widerstandskämpfer, Gewerkschafter, Offiziere und Geistliche wurden hier verhört und gefoltert; viele wurden in den Fosse Ardeatine erschossen."},
		{"fr", sampleBodies(t, "fr")[1]},
		{"ru", sampleBodies(t, "ru")[2]},
	}
	for _, c := range cases {
		s := setter(t, c.lang)
		for width := 280.0; width <= 420; width += 20 {
			t.Run(fmt.Sprintf("%s/%.0f", c.lang, width), func(t *testing.T) {
				lines := setLines(t, c.lang, c.text, width, Paragraph{Justify: true, Hyphenate: true})
				checkParagraph(t, s, c.text, lines, width)
				for _, ln := range lines {
					// Badness bounded: no space beyond 0.8–2.5 times its
					// width even at the narrowest of these measures.
					for _, r := range spaceRatios(t, s, ln) {
						if r < 0.8-1e-9 || r > 2.5 {
							t.Errorf("line %q: a space of %.2f times its width", ln.Text(), r)
						}
					}
				}
			})
		}
	}
}

// hyphenRun is the rule README and justify.go state: no more than two
// lines in a row end with a hyphen. It is written out here rather than
// read from maxHyphenLines, so that raising the breaker's limit turns
// the tests red instead of raising what they accept.
const hyphenRun = 2

// TestHyphenLimit: long words on narrow measures, where a breaker free
// to hyphenate ends three lines or more running with a hyphen (with
// maxHyphenLines raised to 3, every case, justified and ragged, does so
// at some measure; raised to 20, up to 20 lines run). No more than
// hyphenRun lines in a row end with a hyphen, no line is overfull and no
// text is lost; and some lines are hyphenated, or the case tests nothing.
func TestHyphenLimit(t *testing.T) {
	cases := []struct {
		lang, text string
		from, to   float64 // measures, points, at 10 pt
	}{
		{"de", "Widerstandskämpferinnen Gewerkschaftsvertreter Kriegsgefangenenlager Staatssicherheitsdienst Untersuchungsgefängnis Verwaltungsangestellte Sicherheitspolizei Nachrichtenübermittlung Eisenbahnverbindungen Befreiungsbewegungen.", 60, 200},
		{"it", "Interrogatori particolarmente drammatici caratterizzavano quotidianamente l’organizzazione repressiva dell’amministrazione tedesca; deportazioni, fucilazioni, rappresaglie indiscriminate colpivano inesorabilmente antifascisti, sindacalisti, militari, ecclesiastici, intellettuali.", 50, 200},
		{"en", "Extraordinarily comprehensive interrogations characterised the administration; deportations, executions, indiscriminate reprisals systematically targeted antifascists, internationalists, trade unionists, ecclesiastics, intellectuals, communications specialists.", 50, 200},
	}
	for _, c := range cases {
		for _, p := range []Paragraph{{Justify: true, Hyphenate: true}, {Hyphenate: true}} {
			t.Run(fmt.Sprintf("%s/justify=%v", c.lang, p.Justify), func(t *testing.T) {
				s := setter(t, c.lang)
				hyphens := 0
				for width := c.from; width <= c.to; width += 3 {
					lines, err := s.Set(c.text, "text", 10, width, p)
					if err != nil {
						t.Fatal(err)
					}
					run := 0
					var logical string
					for _, l := range lines {
						logical += l.Logical
						if l.Width > width+1e-6 {
							t.Errorf("width %.0f: overfull %q", width, l.Text())
						}
						if !hyphenated(l) {
							run = 0
							continue
						}
						hyphens++
						if run++; run > hyphenRun {
							t.Errorf("width %.0f: %d hyphenated lines in a row, ending with %q", width, run, l.Text())
						}
					}
					if strip(logical) != strip(c.text) {
						t.Errorf("width %.0f: lines lose or repeat text: %q", width, logical)
					}
				}
				if hyphens == 0 {
					t.Error("no line is hyphenated at any measure")
				}
			})
		}
	}
}

// TestOverlongWordJustified: a word wider than the measure is cut, never
// dropped, when justified and hyphenated too.
func TestOverlongWordJustified(t *testing.T) {
	text := "Ein Sicherheitspolizeiundsicherheitsdienstgebäude steht."
	for _, p := range []Paragraph{{Justify: true}, {Justify: true, Hyphenate: true}, {Hyphenate: true}} {
		lines := setLines(t, "de", text, 50, p)
		var joined string
		for _, l := range lines {
			if l.Width > 50+1e-6 {
				t.Errorf("%+v: line %q overflows: %.1f pt", p, l.Text(), l.Width)
			}
			joined += l.Logical
		}
		if strip(joined) != strip(text) {
			t.Errorf("%+v: text %q", p, joined)
		}
	}
}

// widthBetween returns a measure on which prefix fits on a line and
// prefix+rest does not.
func widthBetween(t *testing.T, lang, prefix, rest string) float64 {
	s := setter(t, lang)
	a, _ := s.Measure(prefix, "text", 10)
	b, _ := s.Measure(prefix+rest, "text", 10)
	return (a + b) / 2
}

// TestExplicitHyphen: a hyphen of the text is a break; Portuguese and
// Polish repeat it at the start of the next line, English does not. The
// repeated hyphen is drawn but is not part of the logical text.
func TestExplicitHyphen(t *testing.T) {
	cases := []struct {
		lang, prefix, rest, second string
	}{
		{"en", "in Baden-", "Württemberg", "Württemberg"},
		{"de", "in Baden-", "Württemberg", "Württemberg"},
		{"pt", "um guarda-", "chuva", "-chuva"},
		{"pl", "w Bielsku-", "Białej", "-Białej"},
	}
	for _, c := range cases {
		w := widthBetween(t, c.lang, c.prefix, c.rest)
		for _, p := range []Paragraph{{}, {Justify: true}} {
			lines := setLines(t, c.lang, c.prefix+c.rest, w, p)
			if len(lines) != 2 || lines[0].Text() != c.prefix || lines[1].Text() != c.second || lines[1].Logical != c.rest {
				var got []string
				for _, l := range lines {
					got = append(got, l.Text()+" ("+l.Logical+")")
				}
				t.Errorf("%s %+v: lines %q, want %q then %q", c.lang, p, got, c.prefix, c.second)
			}
		}
	}
}

// TestHyphenation: a word breaks at a hyphenation point, with a hyphen
// drawn and not in the logical text; without Hyphenate it does not.
func TestHyphenation(t *testing.T) {
	text := "Die Widerstandskämpferinnen"
	s := setter(t, "de")
	word, _ := s.Measure("Widerstandskämpferinnen", "text", 10)
	part, _ := s.Measure("Die Widerstands-", "text", 10)
	w := max(word, part) + 1
	lines := setLines(t, "de", text, w, Paragraph{Justify: true, Hyphenate: true})
	if len(lines) != 2 || !strings.HasSuffix(lines[0].Text(), "-") || strings.HasSuffix(lines[0].Logical, "-") {
		t.Errorf("hyphenated: %q / %q", lines[0].Text(), lines[0].Logical)
	}
	lines = setLines(t, "de", text, w, Paragraph{Justify: true})
	if lines[0].Text() != "Die" {
		t.Errorf("unhyphenated: first line %q, want Die", lines[0].Text())
	}
}

// TestLanguageRules: each language rule of the break tailorings, set at
// every measure from narrow (but wider than what a rule binds) to wide, ragged and justified; each case
// fails when its rule is taken out of breakOpportunities.
func TestLanguageRules(t *testing.T) {
	oneLetter := func(words ...string) func(Line, bool) string {
		return func(l Line, last bool) string {
			f := strings.Fields(l.Logical)
			if !last && len(f) > 0 && slices.Contains(words, f[len(f)-1]) {
				return "ends with the one-letter word " + f[len(f)-1]
			}
			return ""
		}
	}
	noStart := func(set string) func(Line, bool) string {
		return func(l Line, _ bool) string {
			if r := []rune(strings.TrimSpace(l.Logical)); len(r) > 0 && strings.ContainsRune(set, r[0]) {
				return fmt.Sprintf("starts with %q", r[0])
			}
			return ""
		}
	}
	noEnd := func(set string) func(Line, bool) string {
		return func(l Line, last bool) string {
			if r := []rune(strings.TrimSpace(l.Logical)); !last && len(r) > 0 && strings.ContainsRune(set, r[len(r)-1]) {
				return fmt.Sprintf("ends with %q", r[len(r)-1])
			}
			return ""
		}
	}
	keeps := func(units ...string) func(Line, bool) string {
		return func(l Line, _ bool) string {
			for _, u := range units {
				for i := 1; i < len([]rune(u)); i++ {
					head := string([]rune(u)[:i])
					if strings.HasSuffix(l.Logical, head) && !strings.HasSuffix(l.Logical, u) {
						return "splits " + u
					}
				}
			}
			return ""
		}
	}
	cases := []struct {
		name, lang, text string
		bad              func(Line, bool) string
	}{
		{"pl one-letter words", "pl", "Więźniów trzymano w celach i w piwnicach, a potem z Rzymu wywożono ich o świcie do obozów w Niemczech i w Austrii, u granicy.", oneLetter("w", "i", "a", "z", "o", "u")},
		{"cs one-letter words", "cs", "Vězni byli drženi v celách a v suterénu, s nadějí k návratu i s obavou o rodinu, u výslechu a v tichu.", oneLetter("v", "a", "s", "k", "i", "o", "u")},
		{"ru one-letter words", "ru", "Заключённых держали в камерах и в подвалах, а потом к утру с конвоем увозили в лагеря у границы и в Германию.", oneLetter("в", "и", "а", "к", "с", "у", "о")},
		{"uk one-letter words", "uk", "В'язнів тримали в камерах і в підвалах, а потім з конвоєм у табори й до Німеччини, у вагонах.", oneLetter("в", "і", "а", "з", "у", "й", "о")},
		{"fr spaces before ; : ! ?", "fr", "Les prisonniers écrivaient : « Courage ! » ; d’autres gravaient des dates ; certains priaient : pourquoi ? Ils attendaient ; ils espéraient !", noStart(";:!?»")},
		{"fr space after «", "fr", "Ils écrivaient « Courage » et « Vive l’Italie » sur les murs, « Adieu maman » aussi, et « Nous reviendrons ».", noEnd("«")},
		{"ja wave dash and middle dot", "ja", "開館時間は９時～１７時、１９４３年～１９４４年の記録・写真・手紙を展示し、ローマ・ナポリ・ミラノの資料もあります。", noStart("～〜・")},
		{"zh middle dot", "zh-Hans", "展览介绍了朱塞佩·科尔代罗·兰扎·迪·蒙泰泽莫洛和布鲁诺·布奥齐等人的生平与事迹。", noStart("·")},
		{"ja dates", "ja", "1943年9月11日、ドイツ軍はローマを占領し、1944年6月4日まで支配しました。1944年3月24日には虐殺がありました。", keeps("9月11日", "6月4日", "3月24日")},
		{"zh dates", "zh-Hans", "1943年9月11日，德军占领了罗马，一直统治到1944年6月4日。1944年3月24日发生了屠杀。", keeps("9月11日", "6月4日", "3月24日")},
		{"ko particles after quotes", "ko", "벽에는 ‘가족에게’라는 글과 ‘용기를’이라는 글, (SS)의 기록과 「감옥」은 남아 있습니다.", noStart("은의라이")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for width := 100.0; width <= 300; width += 2 {
				for _, p := range []Paragraph{{}, {Justify: true}, {Justify: true, Hyphenate: true}} {
					lines := setLines(t, c.lang, c.text, width, p)
					for i, l := range lines {
						if msg := c.bad(l, i == len(lines)-1); msg != "" {
							t.Fatalf("width %.0f %+v: line %q %s", width, p, l.Logical, msg)
						}
					}
				}
			}
		})
	}
}

// TestCJKSpacing: Japanese justified flush to the measure, adjacent
// full-width marks compressed, a quarter em beside Latin and digits.
func TestCJKSpacing(t *testing.T) {
	s := setter(t, "ja")
	text := "監房の壁には、囚人たちが刻んだ日付や名前、「家族への別れ」。の言葉が残っています。私たちはそれを読み、忘れないことを誓います。"
	for width := 100.0; width <= 260; width += 7 {
		lines := setLines(t, "ja", text, width, Paragraph{Justify: true})
		for i, l := range lines[:len(lines)-1] {
			if math.Abs(l.Width-width) > 0.01 {
				t.Errorf("width %.0f: line %d %q is %.2f pt, not flush", width, i+1, l.Text(), l.Width)
			}
			// A closing mark at the end keeps its ink inside the
			// measure and its blank half outside.
			last := l.Runs[len(l.Runs)-1]
			if end := last.X + last.Width; endsWithAny(l.Logical, "、", "。", "」") && math.Abs(end-width-5) > 0.01 {
				t.Errorf("width %.0f: line %d %q ends with a closing mark whose box ends at %.2f pt, want %.2f", width, i+1, l.Text(), end, width+5)
			}
		}
		if last := lines[len(lines)-1]; last.Width > width-1 && len([]rune(last.Logical)) < 5 {
			t.Errorf("width %.0f: the last line %q is stretched", width, last.Text())
		}
	}
	// 」。 : the closing bracket loses the blank half it has on its right.
	l := setLines(t, "ja", "「別れ」。", 500, Paragraph{})[0]
	var xs []float64
	for _, r := range l.Runs {
		xs = append(xs, r.X)
	}
	// 。 ends the line: its blank half lies past the line's measured end.
	if got, want := l.Width, 4.0*10.0; math.Abs(got-want) > 0.01 {
		t.Errorf("「別れ」。 is %.2f pt wide, want %.2f (」 compressed by half an em, and 。 at the line's end)", got, want)
	}
	if last := l.Runs[len(l.Runs)-1]; math.Abs(last.X+last.Width-l.Width-5) > 0.01 {
		t.Errorf("「別れ」。: the last run ends at %.2f pt, want the line's %.2f + half an em", last.X+last.Width, l.Width)
	}
	// A quarter em between digits or Latin and kana or kanji.
	plain, _ := s.Measure("年から", "text", 10)
	digits, _ := s.Measure("1943", "text", 10)
	both, _ := s.Measure("1943年から", "text", 10)
	if math.Abs(both-(plain+digits+2.5)) > 0.01 {
		t.Errorf("1943年から is %.2f pt, want %.2f (a quarter em between 3 and 年)", both, plain+digits+2.5)
	}
	_ = xs
}

func endsWithAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
