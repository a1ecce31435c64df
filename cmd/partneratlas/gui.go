//go:build !ci

package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2/app"

	"partneratlas/ui"
)

// AppID is the app's unique ID, as FyneApp.toml gives it.
const AppID = "io.partneratlas.app"

// runGUI opens the window, with the sample ecosystem or, when files are
// given, importing them, and returns when it closes.
func runGUI(files []string) int {
	a := app.NewWithID(AppID)
	a.SetIcon(ui.Icon())
	doc, err := ui.SampleDocument(time.Now())
	if err != nil {
		fmt.Fprintf(os.Stderr, "partneratlas: the sample ecosystem did not load (%v); starting empty.\n", err)
		doc = ui.NewDocument(time.Now())
	}
	if len(files) > 0 {
		doc = ui.NewDocument(time.Now()) // the first file replaces it
	}
	w := ui.NewMainWindow(a, doc)
	a.Lifecycle().SetOnStarted(func() {
		w.Import(files...)
	})
	w.ShowAndRun()
	return 0
}
