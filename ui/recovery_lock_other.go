//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package ui

import "os"

// lockFile opens the lock file at path. Where files cannot be locked, a
// session's lock is always free: a second window of the app at once could
// offer the first one's work as if the first had stopped.
func lockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}
