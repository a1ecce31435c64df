//go:build windows

package exporters

import (
	"errors"
	"syscall"
)

// Windows error codes a save can meet.
const (
	errorSharingViolation = syscall.Errno(32)  // ERROR_SHARING_VIOLATION: Excel has the file open
	errorLockViolation    = syscall.Errno(33)  // ERROR_LOCK_VIOLATION
	errorHandleDiskFull   = syscall.Errno(39)  // ERROR_HANDLE_DISK_FULL
	errorDiskFull         = syscall.Errno(112) // ERROR_DISK_FULL
	errorUserMappedFile   = syscall.Errno(1224)
)

// isDiskFull says whether err means no space is left.
func isDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}

// isInUse says whether err means another program holds the file: on Windows,
// renaming over a workbook Excel has open fails with a sharing violation.
func isInUse(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation) || errors.Is(err, errorUserMappedFile)
}
