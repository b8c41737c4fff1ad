package i18n

import (
	"fmt"
	"strconv"
	"strings"
)

// SetHashes rewrites the `hash` line of the given messages in a catalog's
// text and changes nothing else: comments, order, spacing and every other
// message stay byte for byte as the volunteer left them. A message without
// a hash line gets one right under its table header.
//
// Only messages written as their own table (["floor1.cell2.title"]) can
// be stamped; the error names any other.
func SetHashes(path string, data []byte, hashes map[string]string) ([]byte, error) {
	lines := strings.SplitAfter(string(data), "\n")
	var out strings.Builder
	done := map[string]bool{}
	current := "" // ID of the table being read, if it is one we stamp
	inserted := false
	for _, line := range lines {
		s := strings.TrimSpace(line)
		if strings.HasPrefix(s, "[") && !strings.HasPrefix(s, "[[") {
			current, inserted = "", false
			if end := strings.LastIndex(s, "]"); end > 0 {
				id := strings.Join(splitKey(s[1:end]), ".")
				if _, ok := hashes[id]; ok {
					current = id
					done[id] = true
					out.WriteString(line)
					if !strings.HasSuffix(line, "\n") {
						out.WriteString("\n")
					}
					out.WriteString("hash = " + strconv.Quote(hashes[id]) + "\n")
					inserted = true
					continue
				}
			}
		}
		if current != "" && inserted {
			if eq := strings.Index(s, "="); eq > 0 && strings.TrimSpace(s[:eq]) == "hash" {
				continue // replaced by the line written under the header
			}
		}
		out.WriteString(line)
	}
	var missing []string
	for id := range hashes {
		if !done[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: cannot set the hash of %s: write each message as its own table, e.g. [%q]", path, strings.Join(missing, ", "), missing[0])
	}
	return []byte(out.String()), nil
}
