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
	ws workspace
	frame
	sources []core.SourceFile
	list    *widget.List
	empty   *widget.Label
	table   *partnerTable
	dups    *duplicatesPanel
}

// discoverActions are what Discover's buttons do, which the window does:
// import a list, open a plan, open account mapping.
type discoverActions struct {
	importList, openPlan, accountOverlap func()
}

func newDiscoverScreen(ws workspace, act discoverActions) *discoverScreen {
	s := &discoverScreen{ws: ws}
	e := func(i int) *core.Partner { return ws.ecosystem().Partners[i] }
	s.table = newPartnerTable(ws, []tableColumn{
		nameColumn(ws),
		textColumn("Website", 190, func(i int) string { return e(i).Website }),
		roleColumn(ws),
		textColumn("Formal", 76, func(i int) string { return yesNo(e(i).Formal) }),
		textColumn("Owner", 150, func(i int) string { return e(i).Owner }),
		textColumn("Region", 110, func(i int) string { return e(i).Region }),
		textColumn("Sources", 260, func(i int) string { return sourceNames(e(i).Sources) }),
	}, 0)

	s.dups = newDuplicatesPanel(ws)
	s.list = listOf(func() []core.SourceFile { return s.sources },
		func() fyne.CanvasObject {
			name := cell("partners-2026-with-a-long-name.xlsx", fyne.TextStyle{})
			name.TextStyle.Bold = true
			rows := widget.NewLabel("120 rows · 118 partners")
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			return container.NewBorder(nil, nil, nil, remove, container.NewVBox(name, rows))
		},
		func(src core.SourceFile, c *fyne.Container) {
			texts := c.Objects[0].(*fyne.Container)
			texts.Objects[0].(*widget.Label).SetText(src.File)
			texts.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d %s · %s", src.Rows, plural(src.Rows, "row", "rows"), partnerCount(src.Partners)))
			c.Objects[1].(*widget.Button).OnTapped = func() { s.confirmRemove(src) }
		})
	s.list.OnSelected = func(widget.ListItemID) { s.list.UnselectAll() }
	s.empty = note("No file imported yet.")
	overlap := container.NewVBox(widget.NewButtonWithIcon("Account overlap…", theme.ViewRefreshIcon(), act.accountOverlap),
		note("Match your accounts with partners' account lists to compute customer overlap, on this computer."))

	importButton := widget.NewButtonWithIcon("Import a list…", theme.FolderOpenIcon(), act.importList)
	importButton.Importance = widget.HighImportance
	openButton := widget.NewButtonWithIcon("Open a plan…", theme.FileIcon(), act.openPlan)
	sources := container.NewBorder(
		container.NewVBox(subheading("Sources"),
			note("Each file imported, with its rows. Removing one takes out the partners that came only from it."),
			s.empty),
		container.NewVBox(container.NewGridWithColumns(2, importButton, openButton),
			note("Or drop .xlsx, .csv, .tsv or .txt files on the window."), overlap),
		nil, nil, s.list)
	side := container.New(&fixedWidth{width: 330}, panel(sources))
	body := container.NewBorder(nil, nil, side, nil, container.NewPadded(
		container.NewBorder(s.dups.banner, nil, nil, nil, tableFrame(s.table, subheading("Partners")))))
	s.box = screenLayout("Discover",
		"Bring in every list that describes your ecosystem: integrations, resellers, agencies, marketplaces, communities. Rows of the same partner beyond doubt are merged, and each keeps where it came from; partners that only look alike are listed to decide.",
		nil, body)
	return s
}

func (s *discoverScreen) refresh() {
	s.sources = s.ws.ecosystem().SourceFiles()
	if len(s.sources) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
	s.dups.refresh()
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
	}, s.ws.window())
}

// removeSource takes a file out of the ecosystem, as an undoable edit.
func (s *discoverScreen) removeSource(file string) {
	removed := 0
	s.ws.editStructure("", func(e *core.Ecosystem) error {
		removed = e.RemoveSource(file)
		return nil
	})
	s.ws.say("Removed %s: %s fewer.", file, partnerCount(removed))
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
