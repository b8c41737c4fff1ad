package main

import (
	"bytes"
	"pamphlet/internal/furniture"
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

// furnitureText is one of the tool's own words in a language, as the
// bundled furniture has it.
func furnitureText(t *testing.T, lang, id string) string {
	t.Helper()
	cats, err := furniture.Shared()
	if err != nil {
		t.Fatal(err)
	}
	c := cats[lang]
	if c == nil || c.Messages[id] == nil {
		t.Fatalf("the furniture has no %s in %s", id, lang)
	}
	return c.Messages[id].Text()
}
