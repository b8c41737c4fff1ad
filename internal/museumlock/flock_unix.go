//go:build unix

package museumlock

import (
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lock takes an exclusive flock on path, creating the file if needed.
// flock locks belong to an open file description, so two goroutines of
// one process exclude each other as two processes do.
func lock(path string, timeout time.Duration) (func(), error) {
	deadline := time.Now().Add(timeout)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			// The file may have been deleted or replaced between our open
			// and our lock (someone tidying locales/): a lock on a file
			// that is no longer at path excludes nobody. Try again.
			if same(f, path) {
				f.Truncate(0)
				f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
				return func() {
					syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
					f.Close()
				}, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return nil, &os.PathError{Op: "flock", Path: path, Err: err}
		}
		if time.Now().After(deadline) {
			return nil, &TimeoutError{Path: path, Waited: timeout, PID: holder(path)}
		}
		// Poll with jitter, so that waiters do not wake in lockstep.
		time.Sleep(5*time.Millisecond + rand.N(20*time.Millisecond))
	}
}

func same(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// holder is the process ID the lock's last holder wrote into the file.
func holder(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return pid
}
