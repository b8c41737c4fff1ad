package museum

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // image.DecodeConfig reads JPEG headers
	_ "image/png"  // and PNG headers
	"io/fs"

	"pamphlet/internal/tomlfile"
)

// PlanError is a part's plan that cannot be printed: a file that is not
// there, cannot be read, or is no image the PDF writer can embed.
type PlanError struct {
	Line int    // the line of plan = … in museum.toml
	File string // the path museum.toml gives
	// Problem says what is wrong and what to do.
	Problem string
	Err     error
}

func (e *PlanError) Error() string {
	return fmt.Sprintf("%s:%d: plan = %q: %s", FileName, e.Line, tomlfile.Clip(e.File), e.Problem)
}

func (e *PlanError) Unwrap() error { return e.Err }

// loadPlans reads and checks every part's plan.
func (m *Museum) loadPlans(fsys fs.FS) error {
	for i := range m.Parts {
		p := &m.Parts[i]
		if p.Plan == "" {
			continue
		}
		im, err := readPlan(fsys, p.Plan)
		if err != nil {
			err.Line = p.planLine
			return err
		}
		p.PlanImage = im
	}
	return nil
}

// readPlan reads one image file and checks that it is a PNG or a JPEG
// that the PDF writer embeds (fpdf reads no PNG of 16 bits per channel,
// nor an interlaced one). The error's Line is left for the caller.
func readPlan(fsys fs.FS, file string) (*Image, *PlanError) {
	data, err := fs.ReadFile(fsys, file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &PlanError{File: file, Err: err, Problem: "no such file in the museum's folder: the path is relative to museum.toml; put the image there, or correct the path"}
	case err != nil:
		return nil, &PlanError{File: file, Err: err, Problem: fmt.Sprintf("cannot be read (%v): check the file", err)}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "png" && format != "jpeg" {
		if err == nil {
			err = fmt.Errorf("a %s image", format)
		}
		return nil, &PlanError{File: file, Err: err, Problem: "neither a PNG nor a JPEG image: export the plan as PNG or JPEG"}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, &PlanError{File: file, Problem: "an image with no pixels: export the plan again"}
	}
	if format == "png" && len(data) > 28 { // the IHDR chunk: bit depth at 24, interlace method at 28
		if data[24] > 8 {
			return nil, &PlanError{File: file, Problem: "a PNG of 16 bits per channel, which the PDF writer cannot embed: save it as an 8-bit PNG"}
		}
		if data[28] != 0 {
			return nil, &PlanError{File: file, Problem: "an interlaced PNG, which the PDF writer cannot embed: save it without interlacing"}
		}
	}
	sum := sha256.Sum256(data)
	return &Image{File: file, Format: format, Width: cfg.Width, Height: cfg.Height, Data: data, SHA256: hex.EncodeToString(sum[:])}, nil
}
