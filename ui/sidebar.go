package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// step is one entry of the sidebar: the six steps of the workflow and the
// maturity matrix.
type step int

// The steps, in the order of the sidebar.
const (
	stepDiscover step = iota
	stepSegment
	stepEvaluate
	stepPrioritize
	stepDesign
	stepActivate
	stepMaturity
	numSteps
)

var stepTitles = [numSteps]string{
	stepDiscover:   "1  Discover",
	stepSegment:    "2  Segment",
	stepEvaluate:   "3  Evaluate",
	stepPrioritize: "4  Prioritize",
	stepDesign:     "5  Design",
	stepActivate:   "6  Activate & measure",
	stepMaturity:   "Maturity matrix",
}

// screen is the main pane of one step.
type screen interface {
	// content returns the screen's widgets, built once.
	content() fyne.CanvasObject
	// refresh redraws the screen from the window's document.
	refresh()
	// reset forgets what the screen holds of the old document (a selection,
	// rows built per criterion) after the document was replaced.
	reset()
}

// newSidebar lists the steps, each with a one-line status.
func (w *MainWindow) newSidebar() *widget.List {
	l := widget.NewList(
		func() int { return int(numSteps) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("Activate & measure")
			title.TextStyle.Bold = true
			status := cell("40 partners · 4 without a role", fyne.TextStyle{})
			return container.NewVBox(title, container.New(layout.NewCustomPaddedLayout(-12, 0, 0, 0), status))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			title := box.Objects[0].(*widget.Label)
			status := box.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
			setCell(title, stepTitles[id], title.Alignment, title.TextStyle, title.Importance)
			text, warn := w.stepStatus(step(id))
			importance := widget.MediumImportance
			if warn {
				importance = widget.WarningImportance
			}
			setCell(status, text, status.Alignment, status.TextStyle, importance)
		})
	l.OnSelected = func(id widget.ListItemID) {
		if step(id) != w.current {
			w.Show(step(id))
		}
	}
	return l
}

// stepStatus is the one-line status of a step, from core, and whether it
// asks for attention.
func (w *MainWindow) stepStatus(s step) (string, bool) {
	if w.doc == nil {
		return "", false
	}
	e, ev := w.doc.Ecosystem, &w.ev
	n := len(e.Partners)
	switch s {
	case stepDiscover:
		files := len(e.SourceFiles())
		return fmt.Sprintf("%s · %d %s", partnerCount(n), files, plural(files, "source", "sources")), n == 0
	case stepSegment:
		missing := e.WithoutRole()
		return fmt.Sprintf("%s · %s without a role", partnerCount(n), formatCount(missing)), missing > 0
	case stepEvaluate:
		incomplete := 0
		for _, r := range ev.Results {
			if !r.Complete {
				incomplete++
			}
		}
		if err := e.Scorecard.Validate(); err != nil {
			return "Scorecard needs fixing", true
		}
		return fmt.Sprintf("%d criteria · %s not fully scored", len(e.Scorecard.Criteria), formatCount(incomplete)), incomplete > 0
	case stepPrioritize:
		b := ev.Band
		switch {
		case n == 0:
			return "No partners to tier yet", false
		case b.InBand:
			return fmt.Sprintf("Tier 1 + 2: %s · in the %d–%d band", formatCount(b.Top), core.TopTierMin, core.TopTierMax), false
		case b.Top < core.TopTierMin:
			return fmt.Sprintf("Tier 1 + 2: %s · below %d", formatCount(b.Top), core.TopTierMin), true
		default:
			return fmt.Sprintf("Tier 1 + 2: %s · above %d", formatCount(b.Top), core.TopTierMax), true
		}
	case stepDesign:
		segs := map[[2]string]bool{}
		for _, p := range e.Plays {
			segs[[2]string{string(p.Role), string(p.Tier)}] = true
		}
		return fmt.Sprintf("%d plays · %d segments", len(e.Plays), len(segs)), len(e.Plays) == 0
	case stepActivate:
		rv := e.Review
		if e.Deals == nil || len(e.Deals.Deals) == 0 {
			switch {
			case rv.Next.IsZero():
				return "No review planned", false
			case rv.Overdue(w.env.now()):
				return "Review overdue since " + formatDate(rv.Next), true
			}
			return "Next review " + formatDate(rv.Next), false
		}
		deals := dealCount(len(e.Deals.Deals))
		switch {
		case rv.Next.IsZero():
			return deals + " · no review planned", false
		case rv.Overdue(w.env.now()):
			return deals + " · review overdue", true
		}
		return deals + " · review " + formatDate(rv.Next), false
	case stepMaturity:
		rated := len(e.Maturity.Ratings)
		return fmt.Sprintf("%d of %d dimensions rated", rated, len(core.Dimensions)), rated == 0
	}
	return "", false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
