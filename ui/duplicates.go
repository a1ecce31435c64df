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

// maxDuplicatesShown caps the possible duplicates the review lists at
// once: each decided pair makes room for the next.
const maxDuplicatesShown = 50

// duplicatesPanel is Discover's review of possible duplicates: partners
// kept apart because they are not the same beyond doubt (core.LookAlike).
// A line above the partner table counts them; Review… lists each pair with
// its reason and a one-click Merge or Keep apart. The decision is an
// undoable edit, saved in the workbook, so the next import of the same
// lists follows it.
type duplicatesPanel struct {
	ws     workspace
	banner *fyne.Container // hidden when there is nothing to decide
	text   *widget.Label
	rows   *fyne.Container // the pairs, in the dialog
	dialog *dialog.CustomDialog
	open   bool
	pairs  []core.PossibleDuplicate
	// seen is what pairs were found for: the ecosystem, its partner count
	// and its verdicts. Finding them reads every partner, so it is not done
	// again on a change that cannot add or remove one.
	seen struct {
		e                  *core.Ecosystem
		partners, verdicts int
	}
}

func newDuplicatesPanel(ws workspace) *duplicatesPanel {
	d := &duplicatesPanel{ws: ws}
	d.text = widget.NewLabel("")
	d.text.Importance = widget.WarningImportance
	d.text.Truncation = fyne.TextTruncateEllipsis
	review := widget.NewButtonWithIcon("Review…", theme.VisibilityIcon(), d.showDialog)
	d.banner = container.NewBorder(nil, nil, nil, review, d.text)
	d.banner.Hide()
	d.rows = container.NewVBox()
	return d
}

// refresh finds the pairs again when the partners changed.
func (d *duplicatesPanel) refresh() {
	e := d.ws.ecosystem()
	if d.seen.e == e && d.seen.partners == len(e.Partners) && d.seen.verdicts == len(e.SamePartners) {
		return
	}
	d.seen.e, d.seen.partners, d.seen.verdicts = e, len(e.Partners), len(e.SamePartners)
	d.pairs = e.PossibleDuplicates()
	if len(d.pairs) == 0 {
		d.banner.Hide()
	} else {
		d.text.SetText(fmt.Sprintf("%s of partners may be duplicates: kept apart until you decide.",
			plural(len(d.pairs), "1 pair", formatCount(len(d.pairs))+" pairs")))
		d.banner.Show()
	}
	if d.open {
		d.fill()
	}
}

// showDialog opens the list of pairs.
func (d *duplicatesPanel) showDialog() {
	d.fill()
	intro := widget.NewLabel("These partners look alike but are not the same beyond doubt, so each was kept. Merge the ones that are one partner (the first name stays); keep apart the ones that are two. Each choice can be undone and is saved in the plan, so the next import of the same lists follows it.")
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(intro, nil, nil, nil, newWheelScroll(d.rows))
	d.dialog = dialog.NewCustom("Possible duplicates", "Close", content, d.ws.window())
	d.dialog.SetOnClosed(func() { d.open = false })
	d.dialog.Resize(fyne.NewSize(760, 560))
	d.open = true
	d.dialog.Show()
}

// fill lays out the pairs in the dialog.
func (d *duplicatesPanel) fill() {
	d.rows.RemoveAll()
	if len(d.pairs) == 0 {
		d.rows.Add(widget.NewLabel("None left to decide."))
	}
	for i, pair := range d.pairs {
		if i == maxDuplicatesShown {
			d.rows.Add(note(fmt.Sprintf("… and %s more: each one decided makes room for the next.", formatCount(len(d.pairs)-maxDuplicatesShown))))
			break
		}
		d.rows.Add(d.row(pair))
	}
	d.rows.Refresh()
}

// row is one pair: the names, where each came from, why they look alike,
// and the two buttons.
func (d *duplicatesPanel) row(pair core.PossibleDuplicate) fyne.CanvasObject {
	names := widget.NewLabel(pair.A + "  and  " + pair.B)
	names.TextStyle.Bold = true
	names.Wrapping = fyne.TextWrapWord
	reason := capitalise(pair.Reason)
	if !strings.HasSuffix(reason, "?") && !strings.HasSuffix(reason, ".") {
		reason += "."
	}
	why := widget.NewLabel(fmt.Sprintf("%s %s; %s.", reason, pair.AAt, pair.BAt))
	why.Wrapping = fyne.TextWrapWord
	merge := widget.NewButton("Merge", func() { d.merge(pair) })
	apart := widget.NewButton("Keep apart", func() { d.keepApart(pair) })
	buttons := container.NewHBox(merge, apart)
	return container.NewVBox(container.NewBorder(nil, nil, nil, buttons, names), why, widget.NewSeparator())
}

// merge folds B into A, as an undoable edit.
func (d *duplicatesPanel) merge(pair core.PossibleDuplicate) {
	var conflicts []core.Conflict
	err := d.ws.editStructure("", func(e *core.Ecosystem) error {
		var err error
		conflicts, err = e.MergePartners(pair.A, pair.B)
		return err
	})
	if err != nil {
		d.ws.say("Could not merge: %v.", err)
		return
	}
	msg := fmt.Sprintf("Merged %s into %s.", pair.B, pair.A)
	if len(conflicts) > 0 {
		msg += fmt.Sprintf(" %d %s differed; %s's were kept.", len(conflicts), plural(len(conflicts), "value", "values"), pair.A)
	}
	d.ws.say("%s Edit › Undo takes it back.", msg)
}

// keepApart records that the two are different partners.
func (d *duplicatesPanel) keepApart(pair core.PossibleDuplicate) {
	d.ws.editStructure("", func(e *core.Ecosystem) error {
		e.KeepApart(pair.A, pair.B)
		return nil
	})
	d.ws.say("%s and %s are kept as two partners.", pair.A, pair.B)
}
