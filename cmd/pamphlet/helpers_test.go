package main

import (
	"bytes"
	"fmt"
	"os"
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
	if code := run([]string{"init", "--sample", "via-tasso", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("pamphlet init: exit %d: %s", code, stderr.String())
	}
	return dir
}

// furnitureText is one of the tool's own words in a language, as the
// bundled furniture has it.
func furnitureText(t testing.TB, lang, id string) string {
	t.Helper()
	c := furniture.Shared().Catalog(lang)
	if c == nil || c.Messages[id] == nil {
		t.Fatalf("the furniture has no %s in %s", id, lang)
	}
	return c.Messages[id].Text()
}

// ownCount gives the museum's source catalog its own wording of the
// cover's panel count, a plural message (museums may word the tool's
// texts themselves), so that a test can edit a number-dependent message.
func ownCount(t testing.TB, dir string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, "locales", "it.toml"), os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fmt.Fprint(f, "\n[\"ui.panel_count\"]\ndescription = \"Cover line: how many panels this floor's pamphlet covers. {{.Count}} is a number.\"\none = \"{{.Count}} pannello\"\nmany = \"{{.Count}} di pannelli\"\nother = \"{{.Count}} pannelli\"\n")
}
