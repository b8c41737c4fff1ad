// Package atomicfile writes files so that a reader, or a crash, sees either
// the old file or the new one, never half of one: the data goes to a
// temporary file beside the target, is flushed to disk, and is renamed over
// the target. A Stage does the same for many files at once, renaming only
// when every one of them was written, so that a failed build writes
// nothing.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// tempSuffix ends the name of every temporary file this package makes, so
// that Clean can tell them from the user's files.
const tempSuffix = ".pamphlet-tmp"

// Write writes data to path atomically. A symbolic link at path is
// followed, so the file it points to is replaced and the link kept; an
// existing file keeps its permissions, a new one gets perm.
func Write(path string, data []byte, perm fs.FileMode) error {
	var s Stage
	if err := s.Add(path, data, perm); err != nil {
		return err
	}
	return s.Commit()
}

// Stage collects files to be written together. Add writes each one to a
// temporary file; Commit renames them all into place; Abort removes them.
// Until Commit, no target is touched. Add may be called from several
// goroutines at once.
type Stage struct {
	mu     sync.Mutex
	staged []staged
	dirs   []string // directories Add created, removed again by Abort
}

type staged struct {
	tmp, target string
	f           *os.File // open, and locked, until renamed or removed
}

// Add writes data to a temporary file beside path (creating path's
// directory if needed), to be renamed over path by Commit.
func (s *Stage) Add(path string, data []byte, perm fs.FileMode) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	if st, err := os.Stat(target); err == nil {
		if !st.Mode().IsRegular() {
			return &NotRegularError{Path: path}
		}
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(target)
	s.mu.Lock()
	err = s.mkdirAll(dir)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	tmp, err := createLocked(dir, "."+filepath.Base(target)+".*"+tempSuffix)
	if err != nil {
		return err
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	s.mu.Lock()
	s.staged = append(s.staged, staged{tmp: name, target: target, f: tmp})
	s.mu.Unlock()
	return nil
}

// createLocked makes a temporary file and takes a lock on it that it
// keeps while open, so that Clean, run by another process, leaves it
// alone. A file Clean removed between its creation and its lock is made
// again.
func createLocked(dir, pattern string) (*os.File, error) {
	for {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		if st, err := os.Stat(f.Name()); err == nil {
			if fst, err := f.Stat(); err == nil && os.SameFile(st, fst) {
				return f, nil
			}
		}
		f.Close() // removed meanwhile: try another name
	}
}

// Commit renames every staged file over its target. It stops at the first
// failure, removing the temporary files not yet renamed.
func (s *Stage) Commit() error {
	for i, f := range s.staged {
		if err := os.Rename(f.tmp, f.target); err != nil {
			s.staged = s.staged[i:]
			s.dirs = nil // some files are in place: their directories stay
			s.Abort()
			return err
		}
		f.f.Close() // written and synced already: closing only drops the lock
	}
	s.staged, s.dirs = nil, nil
	return nil
}

// Abort removes every staged temporary file, and the directories Add
// created for them, leaving the file system as it was.
func (s *Stage) Abort() {
	for _, f := range s.staged {
		os.Remove(f.tmp)
		f.f.Close()
	}
	for i := len(s.dirs) - 1; i >= 0; i-- {
		os.Remove(s.dirs[i]) // only if empty
	}
	s.staged, s.dirs = nil, nil
}

// Len is the number of files staged.
func (s *Stage) Len() int { return len(s.staged) }

func (s *Stage) mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := len(missing) - 1; i >= 0; i-- {
		s.dirs = append(s.dirs, missing[i])
	}
	return nil
}

// resolve follows a symbolic link at path to the file it names.
func resolve(path string) (string, error) {
	st, err := os.Lstat(path)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		// A dangling link: write where it points.
		link, lerr := os.Readlink(path)
		if lerr != nil {
			return "", lerr
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		return link, nil
	}
	return target, err
}

// Clean removes the temporary files that an interrupted write (a killed
// process) left in dir, and returns how many it removed. A temporary file
// that a write in progress holds (another process's build, say) is left
// alone: Stage keeps a lock on each of its files until they are renamed,
// and the kernel drops that lock when the process dies.
func Clean(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), tempSuffix) {
			if removeUnlocked(filepath.Join(dir, e.Name())) {
				n++
			}
		}
	}
	return n, nil
}

// removeUnlocked removes path unless a live Stage holds its lock.
func removeUnlocked(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if !tryLock(f) {
		return false // in use
	}
	return os.Remove(path) == nil
}

// NotRegularError reports a target that exists but is not a regular file
// (a directory, a device), which an atomic write must not replace.
type NotRegularError struct{ Path string }

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s exists and is not a regular file: move it away, then run the command again", e.Path)
}
