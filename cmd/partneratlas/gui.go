//go:build !ci

package main

import (
	"fyne.io/fyne/v2/app"

	"partneratlas/ui"
)

// AppID is the app's unique ID, as FyneApp.toml gives it.
const AppID = "io.partneratlas.app"

// runGUI opens the window and returns when it closes. With files, it
// previews their import into a new plan; else it reopens the plan saved
// last or, on first start, the sample ecosystem.
func runGUI(files []string) int {
	a := app.NewWithID(AppID)
	a.SetIcon(ui.Icon())
	w := ui.NewMainWindow(a, nil)
	a.Lifecycle().SetOnStarted(func() { w.Start(files) })
	w.ShowAndRun()
	return 0
}
