package i18n

import (
	"errors"
	"testing"
	"testing/fstest"
)

func TestList(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("")}
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  []File
		err   any
	}{
		{
			name:  "catalogs, not bookkeeping",
			files: fstest.MapFS{"locales/it.toml": file, "locales/zh-hans.toml": file, "locales/.source-history.toml": file, "locales/_draft.toml": file, "locales/notes.txt": file},
			want:  []File{{"locales/it.toml", "it"}, {"locales/zh-hans.toml", "zh-Hans"}},
		},
		{
			name:  "two files for one language",
			files: fstest.MapFS{"locales/en.toml": file, "locales/EN.toml": file},
			err:   new(*DuplicateLanguageError),
		},
		{
			name:  "a catalog name that is a folder",
			files: fstest.MapFS{"locales/de.toml/x": file, "locales/it.toml": file},
			err:   new(*NotAFileError),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := List(tc.files)
			if tc.err != nil {
				if err == nil || !errors.As(err, tc.err) {
					t.Fatalf("err = %v, want %T", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("got %v, want %v", got[i], tc.want[i])
				}
			}
		})
	}
	if (File{"locales/zh-hans.toml", "zh-Hans"}).Canonical() || !(File{"locales/zh-Hans.toml", "zh-Hans"}).Canonical() {
		t.Error("Canonical")
	}
}
