package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/pdftest"
	"pamphlet/internal/project"
)

// TestRouteSample: the embedded Liberation Route builds one pamphlet for
// the whole route per language, its stops numbered in each language's
// own words ("Stop 3", "Station 3", "見どころ3"), and nothing in it speaks
// of floors.
func TestRouteSample(t *testing.T) {
	out := t.TempDir()
	mustRun(t, "build", "--sample", "route", "--out", out)
	p, err := project.Open(project.SamplePrefix + "route")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Museum.Parts) != 6 {
		t.Fatalf("%d stops, want 6", len(p.Museum.Parts))
	}
	for _, lang := range p.Languages() {
		t.Run(lang, func(t *testing.T) {
			text := pdftest.Text(t, filepath.Join(out, lang, "route.pdf"))
			for n := 1; n <= len(p.Museum.Parts); n++ {
				stop := strings.ReplaceAll(furnitureText(t, lang, "ui.part.stop"), "{{.Number}}", strconv.Itoa(n))
				if !strings.Contains(comparable(lang, text), comparable(lang, stop)) {
					t.Errorf("%q not found", stop)
				}
			}
			for _, floor := range []string{furnitureText(t, lang, "ui.kind.floor"), "floor"} {
				if strings.Contains(strings.ToLower(squash(text)), strings.ToLower(squash(floor))) {
					t.Errorf("the route speaks of floors: %q", floor)
				}
			}
		})
	}
	mustRun(t, "check", "--sample", "route")
	mustRun(t, "status", "--sample", "route", "--min-complete", "100")
	if code, _, errOut := cli(t, "build", "--sample", "route", "--floor", "via_tasso", "--out", t.TempDir()); code != 2 || !strings.Contains(errOut, "whole museum") {
		t.Errorf("--floor on a whole-route museum: exit %d, %s", code, errOut)
	}
	if code, _, errOut := cli(t, "build", "--sample", "nope"); code != 1 || !strings.Contains(errOut, "route") {
		t.Errorf("unknown sample: exit %d, %s", code, errOut)
	}
}
