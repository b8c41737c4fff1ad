package main

import (
	"io"
	"os"
	"testing"
)

// benchRun runs the CLI in-process, as a whole command: flag parsing,
// project loading and the command's work, without the process start.
func benchRun(b *testing.B, args ...string) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 0 {
			b.Fatalf("pamphlet %v: exit %d", args, code)
		}
	}
}

// BenchmarkStatus is `pamphlet status` on the embedded sample (target:
// 50 ms for the whole process).
func BenchmarkStatus(b *testing.B) { benchRun(b, "status") }

// BenchmarkCheck is `pamphlet check` on the embedded sample after a
// change: every iteration finds no remembered result (qa.Remembered) and
// checks every catalog.
func BenchmarkCheck(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	b.ReportAllocs()
	for b.Loop() {
		os.RemoveAll(os.Getenv("XDG_CACHE_HOME"))
		if code := run([]string{"check"}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("pamphlet check: exit %d", code)
		}
	}
}

// BenchmarkCheckUnchanged is `pamphlet check` on the embedded sample as
// it was at the last check, which gives the same findings at once
// (target: 50 ms for the whole process).
func BenchmarkCheckUnchanged(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	benchRun(b, "check")
}

// BenchmarkTranslate is `pamphlet translate de`, which draws nothing and
// so should parse no font.
func BenchmarkTranslate(b *testing.B) {
	benchRun(b, "translate", "de", "--out", b.TempDir()+"/de.toml")
}

// BenchmarkBuildOne is `pamphlet build --lang en --floor floor1 --force`,
// the one-pamphlet build set against bench/barefpdf (target: 2× its
// whole-process time). Process-wide caches (the tool's own catalogs,
// its version) carry over between iterations, as they cannot in a
// process; the fonts and catalogs are loaded anew each time.
func BenchmarkBuildOne(b *testing.B) {
	benchRun(b, "build", "--lang", "en", "--floor", "floor1", "--force", "--out", b.TempDir())
}

// BenchmarkNoopBuild is `pamphlet build` of the whole sample into a
// folder that holds its last build, nothing changed: every pamphlet is
// unchanged and none is drawn (target: 5% of a full build).
func BenchmarkNoopBuild(b *testing.B) {
	out := b.TempDir()
	if code := run([]string{"build", "--out", out}, io.Discard, io.Discard); code != 0 {
		b.Fatalf("the first build: exit %d", code)
	}
	benchRun(b, "build", "--out", out)
}
