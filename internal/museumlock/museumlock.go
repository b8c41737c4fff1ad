// Package museumlock serializes the commands that write a museum's
// catalogs or its source history (merge, confirm, and any later writer),
// so that two volunteers merging at once cannot overwrite each other's
// work: each one takes the museum's lock, re-reads the catalogs from disk,
// plans, writes, and only then lets the next one in.
//
// The lock is an OS file lock (flock) on locales/.lock. The kernel drops it
// when the process holding it exits, however it exits, so a crash never
// leaves a museum locked; the file itself stays behind, and is harmless:
// its name starts with "." so it is never taken for a catalog.
package museumlock

import (
	"fmt"
	"path/filepath"
	"time"

	"pamphlet/i18n"
)

// File is the lock file's slash path in a museum directory.
const File = i18n.Dir + "/.lock"

// DefaultTimeout is how long Lock waits for another command to finish.
// A merge holds the lock only while it reads the museum, plans and writes
// one catalog and the history (its checks run after); waiting a minute
// means the holder is stuck, or a disk is failing, and the user should
// hear so rather than wait on.
const DefaultTimeout = time.Minute

// TimeoutError is a lock that another process held for the whole wait.
type TimeoutError struct {
	Path   string        // the lock file
	Waited time.Duration // how long Lock waited
	PID    int           // the process that took the lock last, 0 if unknown
}

func (e *TimeoutError) Error() string {
	who := "another pamphlet command"
	if e.PID > 0 {
		who = fmt.Sprintf("another pamphlet command (process %d)", e.PID)
	}
	return fmt.Sprintf("%s: %s has been writing this museum's catalogs for %s, and still holds the lock", e.Path, who, e.Waited.Round(time.Second))
}

// Lock takes the lock of the museum in dir, waiting up to DefaultTimeout
// for another command to release it. unlock releases it; call it once the
// catalogs and the history are written.
func Lock(dir string) (unlock func(), err error) {
	return LockTimeout(dir, DefaultTimeout)
}

// LockTimeout is Lock with another wait.
func LockTimeout(dir string, timeout time.Duration) (unlock func(), err error) {
	return lock(filepath.Join(dir, filepath.FromSlash(File)), timeout)
}
