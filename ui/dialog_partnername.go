package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// partnerNameFix is the dialog that maps a partner name written on deals,
// which matches none of the partners, to the partner it means: the partners
// to choose from, narrowed by what the user types, the suggestion chosen
// first.
type partnerNameFix struct {
	written string
	names   []string // every partner, sorted
	filter  *widget.Entry
	choice  *widget.Select
	dialog  *dialog.FormDialog
}

// showPartnerNameFix opens the dialog for u over the workspace's window;
// chosen is called with the partner the user maps the name to.
func showPartnerNameFix(ws workspace, u core.Unmatched, chosen func(partner string)) *partnerNameFix {
	f := &partnerNameFix{written: u.Name}
	for _, p := range ws.ecosystem().Partners {
		f.names = append(f.names, p.Name)
	}
	slices.SortFunc(f.names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	f.choice = widget.NewSelect(f.names, nil)
	f.choice.PlaceHolder = "Choose the partner"
	if u.Suggestion != "" {
		f.choice.SetSelected(u.Suggestion)
	}
	f.filter = widget.NewEntry()
	f.filter.SetPlaceHolder("Type to narrow the list")
	f.filter.OnChanged = f.narrow
	what := widget.NewLabel(fmt.Sprintf("“%s”, on %s", u.Name, dealCount(u.Deals)))
	what.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel("Its deals will count for the partner you choose, here and in the workbook. Edit › Undo takes it back.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	items := []*widget.FormItem{
		widget.NewFormItem("Written on deals", what),
		widget.NewFormItem("Find", f.filter),
		widget.NewFormItem("Partner", f.choice),
		widget.NewFormItem("", hint),
	}
	f.dialog = dialog.NewForm("Which partner is this?", "Map to this partner", "Cancel", items, func(ok bool) {
		if ok && f.choice.Selected != "" {
			chosen(f.choice.Selected)
		}
	}, ws.window())
	f.dialog.Resize(fyne.NewSize(560, 300))
	f.dialog.Show()
	return f
}

// narrow offers the partners whose name holds text, keeping the choice
// when it is still among them.
func (f *partnerNameFix) narrow(text string) {
	q := strings.ToLower(strings.TrimSpace(text))
	var names []string
	for _, n := range f.names {
		if q == "" || strings.Contains(strings.ToLower(n), q) {
			names = append(names, n)
		}
	}
	f.choice.Options = names
	if len(names) == 1 {
		f.choice.SetSelected(names[0])
	} else if !slices.Contains(names, f.choice.Selected) {
		f.choice.ClearSelected()
	}
	f.choice.Refresh()
}
