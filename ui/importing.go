package ui

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// Import previews the import of the files at paths, one after the other,
// as the Import dialog does with the file the user picks. See PreviewImport.
func (w *MainWindow) Import(paths ...string) <-chan struct{} {
	uris := make([]fyne.URI, len(paths))
	for i, p := range paths {
		uris[i] = storage.NewFileURI(p)
	}
	return w.PreviewImport(uris...)
}

// PreviewImport reads each file off the UI goroutine and shows, before
// anything is merged, what the import will do: the sheet, the header row,
// each column's mapping (changeable), the first rows as they will be read,
// and every problem. Import in the preview merges the file into the plan.
// Files dropped while a preview is open wait their turn. The channel closes
// when the first file's preview (or its error) is shown.
func (w *MainWindow) PreviewImport(uris ...fyne.URI) <-chan struct{} {
	if len(uris) == 0 {
		return closed()
	}
	if w.preview != nil && w.preview.open {
		w.preview.queue = append(w.preview.queue, uris...)
		return closed()
	}
	p := &importPreview{w: w, queue: uris}
	w.preview = p
	return p.next()
}

// readURI reads one file for a document: through its path when it is a
// local file, else through the storage API.
func readURI(uri fyne.URI, opt importers.Options) (*planbook.Source, error) {
	if uri.Scheme() == "file" {
		return planbook.ReadFile(uri.Path(), opt)
	}
	r, err := storage.Reader(uri)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", uri.Name(), err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", uri.Name(), err)
	}
	return planbook.ReadData(uri.Name(), data, opt)
}

// canPreview says whether an import error still describes the sheet, so
// the user can fix the mapping or the header row in the preview.
func canPreview(res *planbook.Source, err error) bool {
	k := importers.KindOf(err)
	return res != nil && (err == nil || k == importers.MissingColumn || k == importers.NoHeader)
}
