package qa

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"pamphlet/internal/atomicfile"
	"pamphlet/internal/fingerprint"
)

// A check of a museum whose files have not changed finds what it found
// before. Like `go test`'s cache, the last result is kept, one small
// file per museum, in the user's cache folder (os.UserCacheDir:
// ~/.cache/pamphlet/check on Linux), safe to delete; one that cannot be
// read, or was written by another program, is ignored, and a cache
// folder that cannot be written only means the next check runs in full.

// remembered is one museum's last result.
type remembered struct {
	Key    string  `json:"key"`
	Result *Result `json:"result"`
}

// Remembered returns the result Check gave when it last ran on the
// museum in dir ("" or "sample:NAME" for an embedded sample), if the
// program and every file of the museum folder (fingerprint.Folder) are
// as they were then, and the key to Remember a new result by ("" when
// the folder cannot be fingerprinted: nothing is then remembered).
func Remembered(dir string) (*Result, string) {
	key, file := rememberKey(dir)
	if key == "" {
		return nil, ""
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, key
	}
	var r remembered
	if json.Unmarshal(data, &r) != nil || r.Key != key || r.Result == nil || r.Result.Schema != SchemaVersion {
		return nil, key
	}
	return r.Result, key
}

// Remember keeps res as the result of checking the museum in dir, under
// the key Remembered gave before the check read anything.
func Remember(dir, key string, res *Result) {
	if key == "" {
		return
	}
	_, file := rememberKey(dir)
	data, err := json.Marshal(remembered{Key: key, Result: res})
	if err != nil || os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	atomicfile.Write(file, data, 0o644) // best effort: see above
}

// rememberKey is the key of the museum in dir as it is now, and the file
// its result is kept in.
func rememberKey(dir string) (key, file string) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", ""
	}
	where, files := dir, "embedded"
	if dir != "" && !strings.HasPrefix(dir, "sample:") {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", ""
		}
		var ok bool
		if files, ok = fingerprint.Folder(abs, nil); !ok {
			return "", ""
		}
		where = abs
	}
	name := sha256.Sum256([]byte(where))
	sum := sha256.Sum256([]byte(fingerprint.Program() + "\n" + where + "\n" + files))
	return hex.EncodeToString(sum[:]), filepath.Join(cache, "pamphlet", "check", hex.EncodeToString(name[:8])+".json")
}
