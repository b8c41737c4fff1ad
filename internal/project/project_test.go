package project

import "testing"

// BenchmarkOpen is the cost every command pays before any work: opening
// the embedded sample (museum.toml, 16 catalogs, fonts, layout).
func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Open(""); err != nil {
			b.Fatal(err)
		}
	}
}
