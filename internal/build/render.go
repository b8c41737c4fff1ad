package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/compose"
	"pamphlet/internal/impose"
	"pamphlet/internal/layout"
	"pamphlet/internal/page"
	"pamphlet/internal/pdfdraw"
	"pamphlet/internal/project"
	"pamphlet/internal/resolve"
)

// buildOne composes, imposes and draws one pamphlet (and its booklet when
// asked), and stages each file.
func buildOne(p *project.Project, comp *compose.Composer, lay *layout.Layout, j *job, opt Options, stage *atomicfile.Stage) ([]Result, error) {
	doc, err := comp.Compose(j.pamphlet)
	if err != nil {
		return nil, locate(p, j.lang, j.floor, err)
	}
	if lay.Imposition == "trifold" {
		if doc, err = impose.Trifold(doc, lay.Trifold.FoldIn*layout.PointsPerMM); err != nil {
			return nil, fmt.Errorf("%s, %s: %w", j.lang, j.floor, err)
		}
	}
	draw := func(d *page.Document, name string, imposed bool) (Result, error) {
		d = impose.PrintMarks(d, opt.Bleed, opt.CropMarks)
		var buf bytes.Buffer
		if err := pdfdraw.Write(&buf, d, pdfdraw.Options{Date: opt.Date, Creator: "pamphlet"}); err != nil {
			return Result{}, fmt.Errorf("%s, %s: %w", j.lang, j.floor, err)
		}
		r := Result{
			Lang: j.lang, Floor: j.floor, Layout: opt.Suffix,
			Path:  filepath.Join(opt.Out, j.lang, name),
			Pages: len(d.Pages), Imposed: imposed, Bytes: buf.Len(),
			SHA256: sum(buf.Bytes()), Status: Built, Warnings: j.warnings,
		}
		return r, stage.Add(r.Path, buf.Bytes(), 0o644)
	}
	r, err := draw(doc, j.floor+opt.Suffix+".pdf", lay.Imposition != "")
	if err != nil || !opt.Booklet {
		return []Result{r}, err
	}
	sheets, err := impose.Booklet(doc)
	if err != nil {
		return nil, err
	}
	b, err := draw(sheets, j.floor+opt.Suffix+"-booklet.pdf", true)
	return []Result{r, b}, err
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// locate prefixes a composition error with the catalog file and line of
// the message it concerns, so a volunteer can go straight there.
func locate(p *project.Project, lang, floor string, err error) error {
	cat := p.Catalogs[lang]
	where := cat.Path
	var te *compose.TextError
	if errors.As(err, &te) {
		where = cat.Where(te.ID)
		err = fmt.Errorf("message %s (%s, %s): %w", te.ID, lang, floor, te.Err)
	} else {
		err = fmt.Errorf("%s, %s: %w", lang, floor, err)
	}
	if p.Dir != "" {
		where = filepath.Join(p.Dir, where)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// warnings lists what a reader of the pamphlet would notice: texts that
// are printed in another language than the pamphlet's, and translations
// printed although their source changed since.
func warnings(pam *resolve.Pamphlet) []string {
	var missing, stale int
	for _, t := range pam.Texts() {
		switch {
		case t.Status == i18n.Missing:
			missing++
		case t.Status == i18n.Stale:
			stale++
		}
	}
	var out []string
	if missing > 0 {
		out = append(out, fmt.Sprintf("%d text(s) printed in another language (not translated yet)", missing))
	}
	if stale > 0 {
		out = append(out, fmt.Sprintf("%d translation(s) printed although their source changed since", stale))
	}
	return out
}
