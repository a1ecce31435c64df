package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"partneratlas/importers"
)

// encodingChoice is the import preview's choice of a text file's encoding:
// detection cannot tell every encoding from another (a list saved in Mac
// Roman reads as valid Windows-1252, its accents wrong), and the warning of
// a guessed encoding sends the user here. A workbook has none to choose.
type encodingChoice struct {
	box    *fyne.Container
	sel    *widget.Select
	byName map[string]string // label by encoding name
	name   map[string]string // encoding name by label
}

// newEncodingChoice builds the choice; chosen is told the name of the
// encoding the user picks.
func newEncodingChoice(chosen func(name string)) *encodingChoice {
	c := &encodingChoice{byName: map[string]string{}, name: map[string]string{}}
	var labels []string
	for _, e := range importers.TextEncodings {
		c.byName[e.Name], c.name[e.Label] = e.Label, e.Name
		labels = append(labels, e.Label)
	}
	c.sel = widget.NewSelect(labels, func(label string) {
		if name, ok := c.name[label]; ok {
			chosen(name)
		}
	})
	c.box = container.NewHBox(widget.NewSeparator(), widget.NewLabel("Encoding"),
		container.New(&fixedWidth{width: selectWidth(labels)}, c.sel))
	c.box.Hide()
	return c
}

// show shows the encoding a text file was read in, enc; "" (a workbook)
// hides the choice.
func (c *encodingChoice) show(enc string) {
	if enc == "" {
		c.box.Hide()
		return
	}
	label := c.label(enc)
	if _, ok := c.name[label]; !ok { // detected, not one offered
		c.name[label] = enc
		c.sel.Options = append(c.sel.Options, label)
	}
	c.sel.Selected = label // not SetSelected: showing a read is no choice
	c.sel.Refresh()
	c.box.Show()
}

// label is what a person calls encoding enc ("Mac Roman" for macintosh),
// enc itself for one the choice does not offer.
func (c *encodingChoice) label(enc string) string {
	if l, ok := c.byName[enc]; ok {
		return l
	}
	return enc
}
