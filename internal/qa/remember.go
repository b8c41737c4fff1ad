package qa

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"pamphlet/i18n"
	"pamphlet/internal/atomicfile"
	"pamphlet/internal/fingerprint"
)

// A check of a museum whose files have not changed finds what it found
// before, and a catalog that has not changed (nor the source catalog,
// nor the museum's other files) has the findings it had. Like `go
// test`'s cache, the last check is kept, one small file per museum, in
// the user's cache folder (os.UserCacheDir: ~/.cache/pamphlet/check on
// Linux), safe to delete; one that cannot be read, or was written by
// another program, is ignored, and a cache folder that cannot be written
// only means the next check runs in full.

// remembered is one museum's last check.
type remembered struct {
	Key      string  `json:"key"`    // the program and every file of the museum
	Common   string  `json:"common"` // the program and the files that are no catalogs
	Result   *Result `json:"result"`
	Catalogs Earlier `json:"catalogs"`
}

// Recalled is what check remembers of one museum (see Recall).
type Recalled struct {
	// Result is the last check's result, if the program and every file
	// of the museum are as they were; else nil.
	Result *Result

	dir, key, common string
	earlier          Earlier
}

// Recall returns what check remembers of the museum in dir ("" or
// "sample:NAME" for an embedded sample), fingerprinted before the check
// reads anything.
func Recall(dir string) *Recalled {
	r := &Recalled{dir: dir}
	file := r.file()
	if file == "" {
		return r
	}
	where := dir
	files, common := "embedded", "embedded"
	if dir != "" && !strings.HasPrefix(dir, "sample:") {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return r
		}
		where = abs
		// The folder but its catalogs, then each catalog: every file is
		// read once.
		var catalogs []string
		if list, err := i18n.List(os.DirFS(abs)); err == nil {
			for _, f := range list {
				catalogs = append(catalogs, filepath.Join(abs, filepath.FromSlash(f.Path)))
			}
		}
		var ok bool
		if common, ok = fingerprint.Folder(abs, catalogs); !ok {
			return r
		}
		files = common
		for _, c := range catalogs {
			sum, err := fingerprint.File(c)
			if err != nil {
				return r
			}
			files += "\n" + c + " " + sum
		}
	}
	sum := func(s string) string {
		h := sha256.Sum256([]byte(fingerprint.Program() + "\n" + where + "\n" + s))
		return hex.EncodeToString(h[:])
	}
	r.key, r.common = sum(files), sum(common)
	data, err := os.ReadFile(file)
	if err != nil {
		return r
	}
	var m remembered
	if json.Unmarshal(data, &m) != nil || m.Result == nil || m.Result.Schema != SchemaVersion {
		return r
	}
	if m.Key == r.key {
		r.Result = m.Result
	}
	if m.Common == r.common {
		r.earlier = m.Catalogs
	}
	return r
}

// Check checks in, the museum Recall fingerprinted, checking again only
// the catalogs that changed since the last check (CheckAgain), and
// remembers the result for the next.
func (r *Recalled) Check(in *Input) *Result {
	res, next := CheckAgain(in, r.common, r.earlier)
	if r.key == "" {
		return res
	}
	data, err := json.Marshal(remembered{Key: r.key, Common: r.common, Result: res, Catalogs: next})
	if err != nil || os.MkdirAll(filepath.Dir(r.file()), 0o755) != nil {
		return res
	}
	atomicfile.Write(r.file(), data, 0o644) // best effort: see above
	return res
}

// file is where the museum's last check is kept, "" if the user has no
// cache folder.
func (r *Recalled) file() string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	where := r.dir
	if abs, err := filepath.Abs(r.dir); err == nil && r.dir != "" && !strings.HasPrefix(r.dir, "sample:") {
		where = abs
	}
	name := sha256.Sum256([]byte(where))
	return filepath.Join(cache, "pamphlet", "check", hex.EncodeToString(name[:8])+".json")
}
