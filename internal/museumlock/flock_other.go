//go:build !unix

package museumlock

import (
	"errors"
	"time"
)

// ErrUnsupported: this system has no flock. Writing catalogs without the
// lock could lose a volunteer's work, so the writers refuse instead.
var ErrUnsupported = errors.New("locking a museum's catalogs is not supported on this system yet")

func lock(path string, timeout time.Duration) (func(), error) { return nil, ErrUnsupported }
