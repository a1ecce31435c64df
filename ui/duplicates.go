package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// maxDuplicatesShown caps the possible duplicates Discover lists at once:
// each decided pair makes room for the next.
const maxDuplicatesShown = 50

// duplicatesPanel is Discover's list of possible duplicates: partners kept
// apart because they are not the same beyond doubt (core.LookAlike), each
// with its reason and a one-click Merge or Keep apart. The decision is an
// undoable edit, saved in the workbook, so the next import of the same
// lists follows it.
type duplicatesPanel struct {
	ws    workspace
	box   *fyne.Container // hidden when there is nothing to decide
	title *widget.Label
	rows  *fyne.Container
	pairs []core.PossibleDuplicate
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
	d.title = subheading("Possible duplicates")
	d.rows = container.NewVBox()
	d.box = container.NewBorder(container.NewVBox(d.title,
		note("Kept apart because they are not the same partner beyond doubt. Merge the ones that are one partner; the choice is saved in the plan.")),
		nil, nil, nil, container.NewVScroll(d.rows))
	d.box.Hide()
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
	d.show()
}

// show lays out the pairs found.
func (d *duplicatesPanel) show() {
	d.rows.RemoveAll()
	if len(d.pairs) == 0 {
		d.box.Hide()
		return
	}
	d.title.SetText(fmt.Sprintf("Possible duplicates (%s)", formatCount(len(d.pairs))))
	for i, pair := range d.pairs {
		if i == maxDuplicatesShown {
			d.rows.Add(note(fmt.Sprintf("… and %s more: each one decided makes room for the next.", formatCount(len(d.pairs)-maxDuplicatesShown))))
			break
		}
		d.rows.Add(d.row(pair))
	}
	d.box.Show()
	d.rows.Refresh()
}

// row is one pair: the names, where each came from, why they look alike,
// and the two buttons.
func (d *duplicatesPanel) row(pair core.PossibleDuplicate) fyne.CanvasObject {
	names := widget.NewLabel(pair.A + " ↔ " + pair.B)
	names.TextStyle.Bold = true
	names.Wrapping = fyne.TextWrapWord
	why := widget.NewLabel(fmt.Sprintf("%s. %s, %s.", capitalise(pair.Reason), pair.AAt, pair.BAt))
	why.Wrapping = fyne.TextWrapWord
	why.Importance = widget.LowImportance
	merge := widget.NewButton("Merge", func() { d.merge(pair) })
	apart := widget.NewButton("Keep apart", func() { d.keepApart(pair) })
	return container.NewVBox(names, why, container.NewGridWithColumns(2, merge, apart), widget.NewSeparator())
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
