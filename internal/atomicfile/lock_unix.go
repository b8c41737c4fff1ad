//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on a file this process just made.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// tryLock reports whether no one holds a lock on f (and takes it).
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
