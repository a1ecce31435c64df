package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// fileRepository is everything Fyne's own "file" repository can do; the
// wrapper below must offer the same, or Fyne would think files cannot be
// listed, copied or moved.
type fileRepository interface {
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.DeleteAllRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// untouchedUntilWritten wraps the "file" repository so that opening a file
// for writing creates or empties nothing until the first byte is written.
//
// Why: Fyne's save dialog opens the chosen file for writing (os.Create,
// which empties it) before it hands it over. The app then saves through a
// temporary file and a rename, so that a failed save leaves the previous
// file whole; but by then the dialog would already have emptied it — and if
// the user chose one of the spreadsheets they imported and then declined to
// replace it, that spreadsheet would be lost. The app only takes the path
// from the dialog's writer and never writes through it.
type untouchedUntilWritten struct{ fileRepository }

// Writer returns a writer that opens the file on its first Write.
func (r untouchedUntilWritten) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyFileWriter{uri: u, open: r.fileRepository.Writer}, nil
}

// lazyFileWriter opens its file only when something is written.
type lazyFileWriter struct {
	uri  fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyFileWriter) URI() fyne.URI { return l.uri }

func (l *lazyFileWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open(l.uri)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyFileWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

// protectFilesFromSaveDialogs installs untouchedUntilWritten over the
// driver's "file" repository, once.
func protectFilesFromSaveDialogs() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := r.(untouchedUntilWritten); done {
		return
	}
	if full, ok := r.(fileRepository); ok {
		repository.Register("file", untouchedUntilWritten{full})
	}
}
