package history

import (
	"os"
	"path/filepath"
	"testing"

	"pamphlet/i18n"
)

func catalog(t *testing.T, text string) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Parse("locales/it.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadWritesNothingRecordAppends(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "locales"), 0o755)
	path := filepath.Join(dir, filepath.FromSlash(i18n.HistoryFile))
	v1 := catalog(t, "[\"a\"]\nother = \"uno\"\n")
	v2 := catalog(t, "[\"a\"]\nother = \"due\"\n")

	h, err := Load(dir, v1)
	if err != nil || h.Len() != 1 {
		t.Fatalf("Load: %d texts, %v", h.Len(), err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("Load wrote the history file")
	}
	if n, err := Record(dir, v1, nil); n != 1 || err != nil {
		t.Fatalf("Record v1: %d, %v", n, err)
	}
	first, _ := os.ReadFile(path)
	if n, err := Record(dir, v1, nil); n != 0 || err != nil {
		t.Fatalf("Record v1 again: %d, %v; want nothing added", n, err)
	}
	if n, err := Record(dir, v2, nil); n != 1 || err != nil {
		t.Fatalf("Record v2: %d, %v", n, err)
	}
	second, _ := os.ReadFile(path)
	if string(second[:len(first)]) != string(first) {
		t.Error("Record changed what was already in the file")
	}
	h, err = Load(dir, v2)
	if err != nil || h.Len() != 2 {
		t.Fatalf("Load after two versions: %d texts, %v", h.Len(), err)
	}
	if _, ok := h.Lookup(i18n.SourceHash(v1.Messages["a"])); !ok {
		t.Error("the old text is not remembered")
	}
}
