package build

import (
	"encoding/json"
	"path/filepath"
	"time"
)

// ReportSchema is Report.Schema. It changes only when a field changes
// meaning or disappears; fields may be added.
const ReportSchema = 1

// Report is the JSON written by `pamphlet build --report FILE`, for CI.
// Its schema is documented in docs/ci/README.md.
type Report struct {
	Schema    int            `json:"schema"`
	Museum    string         `json:"museum"`
	Shard     string         `json:"shard,omitempty"` // "K/N" when only a shard was built
	OK        bool           `json:"ok"`
	Error     string         `json:"error,omitempty"`
	Pamphlets []ReportedFile `json:"pamphlets"`
}

// ReportedFile is one output file of the report.
type ReportedFile struct {
	Lang         string   `json:"lang"`
	Part         string   `json:"part"`
	Layout       string   `json:"layout"` // "" for the museum's own layout
	Path         string   `json:"path"`
	Pages        int      `json:"pages"` // pages, or sheet sides when imposed
	Imposed      bool     `json:"imposed"`
	Bytes        int      `json:"bytes"`
	SHA256       string   `json:"sha256"`
	Status       Status   `json:"status"`
	Warnings     []string `json:"warnings"`
	Milliseconds float64  `json:"ms"`
}

// NewReport describes a build's results; err is the build's error, if any.
func NewReport(museum string, shard Shard, results []Result, err error) *Report {
	r := &Report{Schema: ReportSchema, Museum: museum, Shard: shard.String(), OK: err == nil, Pamphlets: []ReportedFile{}}
	if err != nil {
		r.Error = err.Error()
	}
	for _, res := range results {
		w := res.Warnings
		if w == nil {
			w = []string{}
		}
		r.Pamphlets = append(r.Pamphlets, ReportedFile{
			Lang: res.Lang, Part: res.Floor, Layout: trimDash(res.Layout), Path: filepath.ToSlash(res.Path),
			Pages: res.Pages, Imposed: res.Imposed, Bytes: res.Bytes, SHA256: res.SHA256,
			Status: res.Status, Warnings: w, Milliseconds: float64(res.Duration) / float64(time.Millisecond),
		})
	}
	return r
}

func trimDash(s string) string {
	if len(s) > 0 && s[0] == '-' {
		return s[1:]
	}
	return s
}

// JSON is the report, indented, with a final newline.
func (r *Report) JSON() []byte {
	data, _ := json.MarshalIndent(r, "", "  ")
	return append(data, '\n')
}
