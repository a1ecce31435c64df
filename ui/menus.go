package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// shortcut is Ctrl (Cmd on macOS) with a key, and Shift when shift is set.
func shortcut(key fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

// mainMenu is the menu bar: File, Edit, Go and Help. The driver runs a menu
// item's shortcut wherever the focus is.
func (w *MainWindow) mainMenu() *fyne.MainMenu {
	item := func(label string, action func(), sc fyne.Shortcut) *fyne.MenuItem {
		i := fyne.NewMenuItem(label, action)
		i.Shortcut = sc
		return i
	}
	w.recentMenu = fyne.NewMenu("Open recent")
	recent := fyne.NewMenuItem("Open recent", nil)
	recent.ChildMenu = w.recentMenu
	w.fillRecentMenu()
	quit := fyne.NewMenuItem("Quit", w.confirmClose)
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ, false)
	file := fyne.NewMenu("File",
		item("New", w.New, shortcut(fyne.KeyN, false)),
		item("Open…", w.Open, shortcut(fyne.KeyO, false)),
		fyne.NewMenuItem("Open sample", w.OpenSample),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Save", func() { w.Save(nil) }, shortcut(fyne.KeyS, false)),
		item("Save as…", func() { w.SaveAs(nil) }, shortcut(fyne.KeyS, true)),
		fyne.NewMenuItemSeparator(),
		item("Import…", w.showImportDialog, shortcut(fyne.KeyI, false)),
		item("Import deals…", w.showImportDealsDialog, shortcut(fyne.KeyD, true)),
		item("Export CSV…", w.showExportCSVDialog, shortcut(fyne.KeyE, true)),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("Edit",
		// The driver reports Ctrl+Z as fyne.ShortcutUndo, and matches menu
		// shortcuts by name.
		item("Undo", w.Undo, &fyne.ShortcutUndo{}),
		item("Redo", w.Redo, shortcut(fyne.KeyZ, true)),
		fyne.NewMenuItemSeparator(),
		item("Find partners", func() { w.Window.Canvas().Focus(w.toolbar.search) }, shortcut(fyne.KeyF, false)),
	)
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}
	var steps []*fyne.MenuItem
	for s := stepDiscover; s < numSteps; s++ {
		s := s
		steps = append(steps, item(stepTitles[s], func() { w.Show(s) }, shortcut(keys[s], false)))
	}
	help := fyne.NewMenu("Help", fyne.NewMenuItem("About "+Title, w.showAbout))
	return fyne.NewMainMenu(file, edit, fyne.NewMenu("Go", steps...), help)
}

// addShortcuts adds Ctrl+Y as a second Redo, as on Windows.
func (w *MainWindow) addShortcuts() {
	w.Window.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { w.Redo() })
}

// recentKey is the preference that lists the files opened or saved last,
// newest first.
const recentKey = "recentFiles"

// maxRecent is how many files Open recent lists.
const maxRecent = 8

// RecentFiles lists the plan workbooks opened or saved last, newest first.
func (w *MainWindow) RecentFiles() []string {
	return w.app.Preferences().StringList(recentKey)
}

// addRecent puts path at the top of the recent files.
func (w *MainWindow) addRecent(path string) {
	list := []string{path}
	for _, p := range w.RecentFiles() {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	w.app.Preferences().SetStringList(recentKey, list)
	w.fillRecentMenu()
}

func (w *MainWindow) fillRecentMenu() {
	if w.recentMenu == nil {
		return
	}
	w.recentMenu.Items = nil
	for _, p := range w.RecentFiles() {
		p := p
		w.recentMenu.Items = append(w.recentMenu.Items, fyne.NewMenuItem(filepath.Base(p)+"  —  "+filepath.Dir(p), func() { w.OpenPath(p) }))
	}
	if len(w.recentMenu.Items) == 0 {
		none := fyne.NewMenuItem("No recent files", nil)
		none.Disabled = true
		w.recentMenu.Items = append(w.recentMenu.Items, none)
	}
	w.recentMenu.Refresh()
}
