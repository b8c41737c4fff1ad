package main

import (
	"bytes"
	"path/filepath"
	"testing"
)

// copySample makes a museum directory of the sample's own files
// (museum.toml, the catalogs, the source history) the way a user does,
// with `pamphlet init`; layouts and fonts come from the bundle.
func copySample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "museum")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("pamphlet init: exit %d: %s", code, stderr.String())
	}
	return dir
}
