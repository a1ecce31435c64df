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
	return w.PreviewImport(fileURIs(paths)...)
}

// ImportDeals previews the import of the deal exports at paths, one after
// the other, as Import deals… does with the file the user picks. See
// PreviewDeals.
func (w *MainWindow) ImportDeals(paths ...string) <-chan struct{} {
	return w.PreviewDeals(fileURIs(paths)...)
}

func fileURIs(paths []string) []fyne.URI {
	uris := make([]fyne.URI, len(paths))
	for i, p := range paths {
		uris[i] = storage.NewFileURI(p)
	}
	return uris
}

// PreviewImport reads each file off the UI goroutine and shows, before
// anything is merged, what the import will do: the sheet, the header row,
// each column's mapping (changeable), the first rows as they will be read,
// and every problem. Import in the preview merges the file into the plan.
// Files dropped while a preview is open wait their turn. The channel closes
// when the first file's preview (or its error) is shown.
func (w *MainWindow) PreviewImport(uris ...fyne.URI) <-chan struct{} {
	return w.startPreview(uris, false)
}

// PreviewDeals is PreviewImport for deal exports: the preview maps the
// columns to the fields of a deal, lists the problems (unknown stages,
// ambiguous dates, blank amounts), and Import adds the deals to the plan,
// replacing those of an export of the same name imported before.
func (w *MainWindow) PreviewDeals(uris ...fyne.URI) <-chan struct{} {
	return w.startPreview(uris, true)
}

func (w *MainWindow) startPreview(uris []fyne.URI, deals bool) <-chan struct{} {
	if len(uris) == 0 {
		return closed()
	}
	queued := make([]queuedFile, len(uris))
	for i, u := range uris {
		queued[i] = queuedFile{uri: u, deals: deals}
	}
	if w.preview != nil && w.preview.open {
		w.preview.queue = append(w.preview.queue, queued...)
		return closed()
	}
	p := &importPreview{w: w, queue: queued}
	w.preview = p
	return p.next()
}

// queuedFile is a file waiting for its preview: a partner list, or a deal
// export when deals is set.
type queuedFile struct {
	uri   fyne.URI
	deals bool
}

// readURI reads one file for a document: through its path when it is a
// local file, else through the storage API.
func readURI(uri fyne.URI, opt importers.Options) (*planbook.Source, error) {
	return readThrough(uri, func(path string) (*planbook.Source, error) { return planbook.ReadFile(path, opt) },
		func(name string, data []byte) (*planbook.Source, error) { return planbook.ReadData(name, data, opt) })
}

// readDealsURI reads a deal export, as readURI reads a partner list.
func readDealsURI(uri fyne.URI, opt importers.Options) (*importers.DealsResult, error) {
	return readThrough(uri, func(path string) (*importers.DealsResult, error) { return importers.ReadDeals(path, opt) },
		func(name string, data []byte) (*importers.DealsResult, error) {
			f, err := importers.Open(name, data, opt)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return importers.ReadDealList(f, opt)
		})
}

// readThrough reads uri with byPath when it is a local file, else with
// byData on what the storage API reads of it.
func readThrough[T any](uri fyne.URI, byPath func(path string) (T, error), byData func(name string, data []byte) (T, error)) (T, error) {
	if uri.Scheme() == "file" {
		return byPath(uri.Path())
	}
	data, err := readAll(uri)
	if err != nil {
		var none T
		return none, err
	}
	return byData(uri.Name(), data)
}

// readAll reads a file that is not a local one through the storage API.
func readAll(uri fyne.URI) ([]byte, error) {
	r, err := storage.Reader(uri)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", uri.Name(), err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", uri.Name(), err)
	}
	return data, nil
}

// canPreview says whether an import error still describes the sheet, so
// the user can fix the mapping or the header row in the preview.
func canPreview(found bool, err error) bool {
	k := importers.KindOf(err)
	return found && (err == nil || k == importers.MissingColumn || k == importers.NoHeader)
}
