// Package fingerprint tells whether the program or a museum's files have
// changed since a command last ran: a command whose inputs are as they
// were can give its last answer again (the build's and check's caches).
package fingerprint

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
)

// File is the sha256 of a file's bytes, in hex.
func File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// The most a folder may hold for Folder to read it through: a museum's
// catalogs, plans and fonts come to a few megabytes.
const (
	MaxBytes = 64 << 20
	MaxFiles = 5000
)

var (
	programOnce sync.Once
	program     string
)

// Program identifies the running program: its module version and VCS
// revision when it was built from a clean checkout, else the Go build ID
// the linker wrote into the executable (a hash of the linked program,
// embedded files included), else a hash of the executable itself, so
// that a changed program never reuses what the old one made.
func Program() string {
	programOnce.Do(func() {
		if bi, ok := debug.ReadBuildInfo(); ok {
			var rev string
			modified := true
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value == "true"
				}
			}
			if rev != "" && !modified {
				program = bi.Main.Version + " " + rev
				return
			}
			if v := bi.Main.Version; v != "" && v != "(devel)" {
				program = v
				return
			}
		}
		if exe, err := os.Executable(); err == nil {
			if id := goBuildID(exe); id != "" {
				program = "buildid " + id
				return
			}
			if s, err := File(exe); err == nil {
				program = "exe " + s
				return
			}
		}
		program = "unknown"
	})
	return program
}

// Folder hashes the path, size and bytes of every file under dir. Files
// and folders whose names begin with a dot (.git) are left out, and so
// are the paths in skip (an output folder, a report); everything else
// counts, read by the command or not, so that no input it may come to
// read is missed. A folder linked into dir is not walked, and a folder
// of more than MaxBytes or MaxFiles (photographs, an archive kept beside
// the museum) is not read through: ok is then false, and the folder
// cannot be fingerprinted — the command then does its work in full,
// reading only what it needs.
func Folder(dir string, skip []string) (sum string, ok bool) {
	var skipAbs []string
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			skipAbs = append(skipAbs, a)
		}
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	ok = true
	bytes, files := int64(0), 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") || slices.Contains(skipAbs, path) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := os.Stat(path) // through a link: its target
		if err != nil {
			return err
		}
		if info.IsDir() { // a linked folder: not walked, so not fingerprinted
			ok = false
			return filepath.SkipAll
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		bytes, files = bytes+info.Size(), files+1
		if bytes > MaxBytes || files > MaxFiles {
			ok = false
			return filepath.SkipAll
		}
		rel, _ := filepath.Rel(root, path)
		sum, err := File(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %d %s\n", filepath.ToSlash(rel), info.Size(), sum)
		return nil
	})
	if err != nil || !ok {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// goBuildID reads the build ID the Go linker writes into an ELF
// executable, as its note ".note.go.buildid" (name "Go", type 4), or ""
// when it has none: reading it costs a few kilobytes where hashing the
// executable costs its 36 MB.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	order := f.ByteOrder
	namesz, descsz, typ := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if namesz != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(len(note)) < 16+uint64(descsz) {
		return ""
	}
	return string(note[16 : 16+descsz])
}
