package pdfdraw

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"pamphlet"
	"pamphlet/internal/page"
	"pamphlet/internal/pdftest"
)

// TestSubsetEmbedsWhatTheWholeFontWould: fpdf, handed the document's
// subset of a font (sfnt.Subset), embeds the same font program as when
// it is handed the whole file and draws the same text — every glyph,
// composite glyphs' components included — for every bundled font.
func TestSubsetEmbedsWhatTheWholeFontWould(t *testing.T) {
	cases := []struct{ file, text string }{
		{"fonts/DejaVuSans.ttf", "Via Tasso 145, Ça fête: Ǻ ǻ ḯ Ṏ ő — Ελληνικά, Русский, ĳ ﬁ"},
		{"fonts/DejaVuSerif.ttf", "Museo storico della Liberazione: Ĉ ǖ Ǿ ẫ Ϋ Ё"},
		{"fonts/DejaVuSans-Bold.ttf", "Piano terra — Ǆ ǅ Ḱ"},
		{"fonts/NanumSquareR.ttf", "로마 해방 역사 박물관 1944년 6월 4일"},
		{"fonts/WenQuanYiMicroHei.ttf", "ローマ解放歴史博物館（タッソ通り）、一九四四年"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			raw, err := pamphlet.Sample.ReadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			f := &page.Font{Name: "f", File: c.file, Data: raw}
			d := doc(f, 420, 595)
			d.Pages[0].Lines[0].Runs[0].Text = c.text
			var got bytes.Buffer
			if err := Write(&got, d, Options{}); err != nil {
				t.Fatal(err)
			}
			whole := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 420, Ht: 595}})
			whole.AddUTF8FontFromBytes("f", "", bytes.Clone(raw))
			whole.AddPage()
			whole.SetFont("f", "", 10)
			whole.Text(10, 50, c.text)
			var want bytes.Buffer
			if err := whole.Output(&want); err != nil {
				t.Fatal(err)
			}
			progs := map[string][]byte{}
			for name, data := range map[string][]byte{"subset": got.Bytes(), "whole": want.Bytes()} {
				path := filepath.Join(dir, filepath.Base(c.file)+"-"+name+".pdf")
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				embedded := pdftest.FontPrograms(t, path)
				if len(embedded) != 1 {
					t.Fatalf("%s: %d embedded fonts, want 1", name, len(embedded))
				}
				for _, p := range embedded {
					progs[name] = withoutChecksumAdjustment(t, p)
				}
			}
			if !bytes.Equal(progs["subset"], progs["whole"]) {
				t.Errorf("the embedded program differs: %d bytes from the subset, %d from the whole font", len(progs["subset"]), len(progs["whole"]))
			}
		})
	}
}

// withoutChecksumAdjustment zeroes head's checkSumAdjustment, which fpdf
// derives from the one in the file it is handed.
func withoutChecksumAdjustment(t *testing.T, font []byte) []byte {
	font = bytes.Clone(font)
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := font[12+16*i:]
		if string(rec[:4]) == "head" {
			off := int(binary.BigEndian.Uint32(rec[8:]))
			copy(font[off+8:off+12], []byte{0, 0, 0, 0})
			copy(rec[4:8], []byte{0, 0, 0, 0}) // head's own checksum covers it
			return font
		}
	}
	t.Fatal("no head table in the embedded font")
	return nil
}
