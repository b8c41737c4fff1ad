package editor

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestChecksAsYouType(t *testing.T) {
	f := newFixture(t)
	w := f.req("POST", "/api/check", Draft{Lang: "pl", ID: "ui.panel_count", Forms: map[string]string{
		"one": "{{.Liczba}} plansza", "few": "{{.Liczba}} plansze", "many": "{{.Liczba}} plansz", "other": "{{.Liczba}} planszy",
	}})
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var out struct{ Findings []Finding }
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	// The words of pamphlet check (README, "4. Check").
	want := []string{
		"the translation lacks {{.Count}}, which the source has: copy it unchanged into the text",
		"the translation has {{.Liczba}}, which the source does not: placeholders must be copied exactly, not translated",
	}
	var got []string
	for _, fd := range out.Findings {
		got = append(got, fd.Message)
	}
	for _, s := range want {
		if !strings.Contains(strings.Join(got, "\n"), s) {
			t.Errorf("missing finding %q; got %q", s, got)
		}
	}
	w = f.req("POST", "/api/check", Draft{Lang: "pl", ID: "floor1.entrance.building.title", Forms: map[string]string{"other": "Budynek\u202e przy Via Tasso 😀"}})
	for _, rule := range []string{`"invisible-controls"`, `"glyphs"`} {
		if !strings.Contains(w.Body.String(), rule) {
			t.Errorf("no %s finding: %s", rule, w.Body)
		}
	}
	w = f.req("POST", "/api/check", Draft{Lang: "pl", ID: "floor1.entrance.building.title", Forms: map[string]string{"other": strings.Repeat("Budynek przy Via Tasso ", 4)}})
	if !strings.Contains(w.Body.String(), `"too-wide"`) {
		t.Errorf("no too-wide finding: %s", w.Body)
	}
}

func TestPreview(t *testing.T) {
	f := newFixture(t)
	const id = "floor1.entrance.building.body"
	m := f.view("pl").message(id)
	var pv Preview
	w := f.req("POST", "/api/preview", Draft{Lang: "pl", ID: id, Forms: m.Translation})
	if err := json.Unmarshal(w.Body.Bytes(), &pv); err != nil || w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if pv.Part != "floor1" || len(pv.Pages) == 0 || pv.PageCount != pv.SavedPageCount || pv.Error != "" {
		t.Fatalf("preview: part %s, %d pages shown, %d/%d, %q", pv.Part, len(pv.Pages), pv.PageCount, pv.SavedPageCount, pv.Error)
	}
	first := strings.Fields(m.Translation["other"])[0]
	if !strings.Contains(pv.Pages[0].SVG, first) || !strings.Contains(pv.Pages[0].SVG, `font-family='&quot;pf-`) {
		t.Errorf("the page does not draw the text in the museum's fonts: %.300s", pv.Pages[0].SVG)
	}
	// A text many times as long pushes the pamphlet onto more pages
	// (a pamphlet grows by whole sheets: four pages at a time).
	long := strings.Repeat(m.Translation["other"]+" ", 30)
	w = f.req("POST", "/api/preview", Draft{Lang: "pl", ID: id, Forms: map[string]string{"other": long}})
	if err := json.Unmarshal(w.Body.Bytes(), &pv); err != nil {
		t.Fatal(err)
	}
	if pv.PageCount <= pv.SavedPageCount || !strings.Contains(pv.Note, "longer") {
		t.Errorf("a long text: %d pages, %d saved, note %q", pv.PageCount, pv.SavedPageCount, pv.Note)
	}
	// Hebrew: set right to left by the typesetter, drawn in visual order.
	w = f.req("POST", "/api/preview", Draft{Lang: "he", ID: "floor1.entrance.building.title", Forms: map[string]string{"other": "הבניין ברחוב ויה טאסו"}})
	if err := json.Unmarshal(w.Body.Bytes(), &pv); err != nil || len(pv.Pages) == 0 {
		t.Fatalf("he: %s", w.Body)
	}
	// A character no font has is the composer's error, not a crash.
	w = f.req("POST", "/api/preview", Draft{Lang: "pl", ID: id, Forms: map[string]string{"other": "😀"}})
	if err := json.Unmarshal(w.Body.Bytes(), &pv); err != nil || pv.Error == "" {
		t.Errorf("an emoji: %s", w.Body)
	}
}

func TestDiff(t *testing.T) {
	got := Diff("Il palazzo di Via Tasso", "Il palazzo di via Tasso 145")
	want := []DiffOp{{"=", "Il palazzo di "}, {"-", "Via"}, {"+", "via"}, {"=", " Tasso"}, {"+", " 145"}}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%q, want %q", got, want)
		}
	}
}

// BenchmarkPreview is one preview as the page asks for it while the
// volunteer types: the pamphlet of the panel's part composed with the
// draft and with the saved text, and its pages drawn as SVG.
func BenchmarkPreview(b *testing.B) {
	f := newFixture(b)
	st, err := f.srv.load()
	if err != nil {
		b.Fatal(err)
	}
	tag, lang, err := st.lang("pl", false)
	if err != nil {
		b.Fatal(err)
	}
	d := Draft{Lang: "pl", ID: "floor2.cell3.montezemolo.body", Forms: map[string]string{"other": "Pułkownik Giuseppe Cordero Lanza di Montezemolo kierował Frontem."}}
	for b.Loop() {
		pv, err := f.srv.preview(st, tag, lang, d)
		if err != nil || len(pv.Pages) == 0 {
			b.Fatal(err, pv)
		}
	}
}
