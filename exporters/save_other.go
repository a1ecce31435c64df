//go:build !windows

package exporters

import (
	"errors"
	"syscall"
)

// isDiskFull says whether err means no space is left.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// isInUse says whether err means another program holds the file. Unix has no
// mandatory locks, so only a busy file or device says so.
func isInUse(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.ETXTBSY)
}
