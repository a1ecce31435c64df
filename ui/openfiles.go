package ui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// OpenFiles opens files the way a double-click on them in a file manager
// does (they are the paths on the command line): the first plan workbook
// among them becomes the document, as File › Open makes it, once unsaved
// changes are dealt with; every other spreadsheet opens in the import
// preview, one after the other, as Import… opens it; a file that is missing
// or cannot be read gets the dialog File › Open gives it. It runs on the UI
// goroutine; the channel closes when the document and the first preview
// are shown.
func (w *MainWindow) OpenFiles(paths ...string) <-chan struct{} { return w.openFiles(paths, nil) }

// openFiles is OpenFiles; when none of the files can be read, otherwise,
// when not nil, opens something else in their place.
func (w *MainWindow) openFiles(paths []string, otherwise func() <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	if len(paths) == 0 {
		close(done)
		return done
	}
	today := w.env.now()
	var next <-chan struct{} // set by finish, before job closes
	what := "Reading " + filepath.Base(paths[0]) + "…"
	if len(paths) > 1 {
		what = "Reading " + filepath.Base(paths[0]) + " and the other files…"
	}
	job := w.startJob("Opening", what, func() func() {
		s := w.sortFiles(paths, today)
		return func() {
			for _, f := range s.failed {
				w.showImportError(filepath.Base(f.path), f.err)
			}
			switch {
			case s.plan != "":
				opened := make(chan struct{})
				next = opened
				w.askToSaveOr(func() {
					w.showOpened(s.plan, s.src, s.doc)
					relay(w.Import(s.lists...), opened)
				}, func() { close(opened) })
			case len(s.lists) > 0:
				next = w.Import(s.lists...)
			case otherwise != nil:
				next = otherwise()
			}
		}
	})
	go func() { // touches no widget
		<-job
		if next != nil {
			<-next
		}
		close(done)
	}()
	return done
}

// filesToOpen are the files of OpenFiles sorted: the first plan workbook,
// read; the files to preview; the files that cannot be read, with why.
type filesToOpen struct {
	plan   string
	src    *planbook.Source
	doc    *planbook.Assembly
	lists  []string
	failed []fileError
}

type fileError struct {
	path string
	err  error
}

// sortFiles sorts the files of OpenFiles, off the UI goroutine. Only a
// workbook can be a plan workbook; it is read whole when it is the first,
// and only opened to look when it is not. A text file goes to the preview
// unread, and an encrypted workbook too, where its password is asked.
func (w *MainWindow) sortFiles(paths []string, today time.Time) filesToOpen {
	var s filesToOpen
	for _, path := range paths {
		start := time.Now()
		head, err := fileHead(path)
		if err == nil && !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
			s.lists = append(s.lists, path)
			continue
		}
		f, err := importers.OpenFile(path, importers.Options{})
		switch {
		case err != nil && importers.KindOf(err) == importers.Encrypted:
			s.lists = append(s.lists, path)
			continue
		case err != nil:
			w.logDone("open", path, start, err)
			s.failed = append(s.failed, fileError{path, err})
			continue
		}
		if s.plan != "" || !planbook.Is(f) {
			f.Close()
			s.lists = append(s.lists, path)
			continue
		}
		src, err := planbook.Read(f)
		f.Close()
		if err != nil {
			w.logDone("open", path, start, err)
			s.failed = append(s.failed, fileError{path, err})
			continue
		}
		s.plan, s.src = path, src
		s.doc = planbook.Assemble([]*planbook.Source{src}, today)
		w.logOpened(path, start, src, s.doc)
	}
	if len(s.lists) > 0 {
		w.env.Log.Info("open: to preview", "files", strings.Join(s.lists, ", "))
	}
	return s
}

// fileHead reads the first bytes of a file: enough to tell a workbook (a
// zip archive) from a text file.
func fileHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 4)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return head[:n], nil
}
