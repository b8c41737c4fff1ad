//go:build unix

package museumlock

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func museum(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLockExcludesGoroutines(t *testing.T) {
	dir := museum(t)
	var inside, most atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			unlock, err := Lock(dir)
			if err != nil {
				t.Error(err)
				return
			}
			if n := inside.Add(1); n > most.Load() {
				most.Store(n)
			}
			time.Sleep(5 * time.Millisecond)
			inside.Add(-1)
			unlock()
		})
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d holders at once, want 1", most.Load())
	}
}

func TestLockTimesOut(t *testing.T) {
	dir := museum(t)
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockTimeout(dir, 50*time.Millisecond)
	var te *TimeoutError
	if !errors.As(err, &te) || te.PID != os.Getpid() || !strings.Contains(err.Error(), "locales/.lock") {
		t.Fatalf("err = %v, want a TimeoutError naming the lock file and this process", err)
	}
	unlock()
	unlock2, err := LockTimeout(dir, 50*time.Millisecond)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	unlock2()
}

// TestLockDiesWithItsProcess: a process killed while holding the lock
// (SIGKILL: no deferred unlock runs) leaves the museum unlocked.
func TestLockDiesWithItsProcess(t *testing.T) {
	if dir := os.Getenv("MUSEUMLOCK_HOLD"); dir != "" {
		if _, err := Lock(dir); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	dir := museum(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockDiesWithItsProcess$")
	cmd.Env = append(os.Environ(), "MUSEUMLOCK_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked\n" {
		t.Fatalf("child: %q, %v", buf, err)
	}
	if _, err := LockTimeout(dir, 20*time.Millisecond); err == nil {
		t.Fatal("took the lock while the child held it")
	}
	cmd.Process.Kill()
	cmd.Wait()
	unlock, err := LockTimeout(dir, 5*time.Second)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	unlock()
	if _, err := os.Stat(filepath.Join(dir, "locales", ".lock")); err != nil {
		t.Errorf("lock file: %v", err)
	}
}
