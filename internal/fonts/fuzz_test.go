package fonts

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParseFace: whatever bytes sit in a museum's fonts/ folder, loading
// them never panics: parseFace returns a one-line FontError naming the
// file, or a face whose lookups work and which the PDF writer embeds or
// refuses with a FontError. The seeds (testdata/fuzz/FuzzParseFace:
// truncated bundled fonts, and a whole DejaVu Serif) run with every `go
// test`; `go test -fuzz FuzzParseFace ./internal/fonts` explores more.
func FuzzParseFace(f *testing.F) {
	// The seeds are the small damaged fonts under testdata/fuzz; inputs
	// are capped at 64 KiB. A whole bundled font as a seed makes every
	// mutation a megabyte that fpdf parses and the fuzzer minimises for
	// minutes; the truncation scan (TestDamagedFonts) covers whole fonts.
	const file = "fonts/fuzz.ttf"
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 64<<10 {
			return
		}
		isFontError := func(err error) bool {
			var fe *FontError
			return errors.As(err, &fe) && fe.File == file && strings.HasPrefix(err.Error(), file+": ") && !strings.Contains(err.Error(), "\n")
		}
		face, err := parseFace("fuzz", file, raw)
		if err != nil {
			if !isFontError(err) {
				t.Fatalf("error %q, want a one-line FontError naming %s", err, file)
			}
			return
		}
		for _, r := range "Aa0 €\u0627\u05d0\u4e00\uac00\uffff" {
			face.Has(r)
			face.Advance(r)
		}
		if gid, ok := face.Font().NominalGlyph('A'); ok {
			face.RuneForGlyph(gid)
		}
		// fpdf prints its own parse errors; keep them out of the log.
		if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
			stdout := os.Stdout
			os.Stdout = null
			defer func() { os.Stdout = stdout; null.Close() }()
		}
		if err := checkEmbed(face.file); err != nil && !isFontError(err) {
			t.Fatalf("test-embed: error %q, want a one-line FontError naming %s", err, file)
		}
	})
}
