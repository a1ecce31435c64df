//go:build unix

package importers

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, so a
// benchmark can report its work apart from what other processes take.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
