package exporters

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// SaveKind sorts why a save failed, so the ui can say what to do: choose
// another folder, free some space, close the file in the other program.
type SaveKind string

// The kinds of save failure.
const (
	ReadOnly  SaveKind = "read only"  // the file or its folder cannot be written
	DiskFull  SaveKind = "disk full"  // no space left (or over quota)
	InUse     SaveKind = "in use"     // another program has the file open and locked (Windows)
	NoFolder  SaveKind = "no folder"  // the folder does not exist (a drive unplugged, a folder renamed)
	NotAFile  SaveKind = "not a file" // the name is a folder or a device
	SaveOther SaveKind = "save failed"
)

// SaveError is a save that failed. The file that was there before is
// untouched, and the work is still in memory.
//
// It carries the facts (the kind, the file, the cause); each front end says
// what to do in its own words: the app offers Save As, the command line
// another -o. Error returns a plain sentence naming the file; errors.Is
// matches the sentinel of its kind (ErrReadOnly, ErrDiskFull, ErrInUse,
// ErrNoFolder) and the underlying cause; errors.As gives the *SaveError.
type SaveError struct {
	Kind SaveKind
	Path string // the file being saved
	Err  error  // the cause, for the log
}

// Error says what happened to which file, and that the file as it was is
// unchanged.
func (e *SaveError) Error() string {
	if e.Path == "" {
		return string(e.Kind)
	}
	name, dir := filepath.Base(e.Path), filepath.Dir(e.Path)
	var why string
	switch e.Kind {
	case DiskFull:
		why = "the disk is full"
	case InUse:
		why = "it is open in another program"
	case ReadOnly:
		why = fmt.Sprintf("the file or the folder %s is read-only", dir)
	case NoFolder:
		why = fmt.Sprintf("the folder %s does not exist", dir)
	case NotAFile:
		why = "that name is a folder or a device, not a file"
	default:
		why = fmt.Sprint(plainCause(e.Err))
	}
	return fmt.Sprintf("could not save %s: %s. The file as it was before is unchanged.", name, why)
}

func (e *SaveError) Unwrap() error { return e.Err }

// Is matches the sentinel of the error's kind.
func (e *SaveError) Is(target error) bool {
	s, ok := target.(*SaveError)
	return ok && s.Path == "" && s.Err == nil && s.Kind == e.Kind
}

// Sentinels for errors.Is(err, exporters.ErrDiskFull) and friends.
var (
	ErrReadOnly = &SaveError{Kind: ReadOnly}
	ErrDiskFull = &SaveError{Kind: DiskFull}
	ErrInUse    = &SaveError{Kind: InUse}
	ErrNoFolder = &SaveError{Kind: NoFolder}
)

// SaveKindOf returns the kind of a save error, or "" for other errors.
func SaveKindOf(err error) SaveKind {
	var e *SaveError
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// saveError classifies err, met while saving path.
func saveError(path string, err error) error {
	var se *SaveError
	if errors.As(err, &se) {
		return err
	}
	e := &SaveError{Kind: SaveOther, Path: path, Err: err}
	switch {
	case isDiskFull(err):
		e.Kind = DiskFull
	case isInUse(err):
		e.Kind = InUse
	case errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS):
		e.Kind = ReadOnly
	case errors.Is(err, os.ErrNotExist):
		e.Kind = NoFolder
	}
	return e
}

// plainCause drops the operation and path an os error carries.
func plainCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// saveAtomic writes a file through write so that path holds either its old
// content or the whole new one, never half of it, even if the program or the
// machine stops midway: the bytes go to a temporary file in the same folder,
// which is synced and then renamed over path, and the folder is synced so
// that the rename itself is on disk. The temporary file is removed on any
// error. An existing file keeps its permissions; a read-only one is not
// written over. Errors are *SaveError.
func saveAtomic(path string, write func(io.Writer) error) error {
	return saveAtomicMode(path, 0o644, write)
}

// saveAtomicMode is saveAtomic with mode for a new file (a file saved over
// keeps its own): 0600 for a secret.
func saveAtomicMode(path string, mode os.FileMode, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return &SaveError{Kind: NotAFile, Path: path}
		}
		mode = st.Mode().Perm()
		if mode&0o200 == 0 {
			return saveError(path, &os.PathError{Op: "save", Path: path, Err: os.ErrPermission})
		}
	} else if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			err = &os.PathError{Op: "save", Path: dir, Err: os.ErrNotExist}
		}
		return saveError(path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+base+"-*.tmp")
	if err != nil {
		return saveError(path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return saveError(path, err)
	}
	if err = bw.Flush(); err != nil {
		return saveError(path, err)
	}
	if err = tmp.Chmod(mode); err != nil && !strings.Contains(err.Error(), "not supported") {
		return saveError(path, err)
	}
	if err = tmp.Sync(); err != nil {
		return saveError(path, err)
	}
	if err = tmp.Close(); err != nil {
		return saveError(path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return saveError(path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries to disk, so that a rename survives a
// power cut. Where folders cannot be synced (Windows), it does nothing.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
