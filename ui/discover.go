package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// discoverScreen brings the lists in: Import, the files imported so far
// with their row counts (each removable), and every partner found.
type discoverScreen struct {
	w       *MainWindow
	box     fyne.CanvasObject
	sources []core.SourceFile
	list    *widget.List
	empty   *widget.Label
	table   *partnerTable
	// More holds views other steps add below the sources, such as account
	// mapping.
	more *fyne.Container
}

func newDiscoverScreen(w *MainWindow) *discoverScreen {
	s := &discoverScreen{w: w}
	e := func(i int) *core.Partner { return w.doc.Ecosystem.Partners[i] }
	s.table = newPartnerTable(w, []tableColumn{
		nameColumn(w),
		textColumn("Website", 190, func(i int) string { return e(i).Website }),
		roleColumn(w),
		textColumn("Formal", 76, func(i int) string { return yesNo(e(i).Formal) }),
		textColumn("Owner", 150, func(i int) string { return e(i).Owner }),
		textColumn("Region", 110, func(i int) string { return e(i).Region }),
		textColumn("Sources", 260, func(i int) string { return sourceNames(e(i).Sources) }),
	}, 0)

	s.list = widget.NewList(
		func() int { return len(s.sources) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("partners-2026-with-a-long-name.xlsx")
			name.Truncation = fyne.TextTruncateEllipsis
			name.TextStyle.Bold = true
			rows := widget.NewLabel("120 rows · 118 partners")
			rows.Importance = widget.LowImportance
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			return container.NewBorder(nil, nil, nil, remove, container.NewVBox(name, rows))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.sources) {
				return
			}
			src := s.sources[id]
			c := o.(*fyne.Container)
			texts := c.Objects[0].(*fyne.Container)
			texts.Objects[0].(*widget.Label).SetText(src.File)
			texts.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d %s · %s", src.Rows, plural(src.Rows, "row", "rows"), partnerCount(src.Partners)))
			c.Objects[1].(*widget.Button).OnTapped = func() { s.confirmRemove(src) }
		})
	s.list.OnSelected = func(widget.ListItemID) { s.list.UnselectAll() }
	s.empty = note("No file imported yet.")
	s.more = container.NewVBox(newOverlapButton(w))

	importButton := widget.NewButtonWithIcon("Import a list…", theme.FolderOpenIcon(), w.showImportDialog)
	importButton.Importance = widget.HighImportance
	openButton := widget.NewButtonWithIcon("Open a plan…", theme.FileIcon(), w.Open)
	sources := container.NewBorder(
		container.NewVBox(subheading("Sources"),
			note("Each file imported, with its rows. Removing one takes out the partners that came only from it."),
			s.empty),
		container.NewVBox(container.NewGridWithColumns(2, importButton, openButton),
			note("Or drop .xlsx, .csv, .tsv or .txt files on the window."), s.more),
		nil, nil, s.list)
	side := container.New(&fixedWidth{width: 330}, panel(sources))
	body := container.NewBorder(nil, nil, side, nil, container.NewPadded(tableFrame(s.table, subheading("Partners"))))
	s.box = screenLayout("Discover",
		"Bring in every list that describes your ecosystem: integrations, resellers, agencies, marketplaces, communities. Rows of the same partner are merged by web domain or name, and each keeps where it came from.",
		nil, body)
	return s
}

func (s *discoverScreen) content() fyne.CanvasObject { return s.box }

func (s *discoverScreen) reset() {}

func (s *discoverScreen) refresh() {
	s.sources = s.w.doc.Ecosystem.SourceFiles()
	if len(s.sources) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
	s.table.refresh()
}

// confirmRemove asks before taking a source out of the ecosystem.
func (s *discoverScreen) confirmRemove(src core.SourceFile) {
	msg := fmt.Sprintf("%s came only from %s and will be removed.", partnerCount(src.Only), src.File)
	if shared := src.Partners - src.Only; shared > 0 {
		msg += fmt.Sprintf("\n%s also came from other files: they stay, without this source.", partnerCount(shared))
	}
	msg += "\n\nYou can undo this with Edit › Undo."
	dialog.ShowConfirm("Remove "+src.File+"?", msg, func(ok bool) {
		if ok {
			s.removeSource(src.File)
		}
	}, s.w.Window)
}

// removeSource takes a file out of the ecosystem, as an undoable edit.
func (s *discoverScreen) removeSource(file string) {
	removed := 0
	s.w.editStructure("", func(e *core.Ecosystem) error {
		removed = e.RemoveSource(file)
		return nil
	})
	s.w.setMessage("Removed %s: %s fewer.", file, partnerCount(removed))
}

// sourceNames lists the files a partner came from, each once.
func sourceNames(src []core.Source) string {
	var names []string
	for _, s := range src {
		found := false
		for _, n := range names {
			found = found || n == s.File
		}
		if !found {
			names = append(names, s.File)
		}
	}
	return strings.Join(names, ", ")
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
