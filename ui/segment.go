package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// Role filter choices besides the five roles.
const (
	allRoles    = "All roles"
	withoutRole = "Without a role"
	noRole      = "— none —"
)

// segmentScreen gives every partner its roles: the partners (those without
// a role first), counts per role, the role × tier grid, and an editor for
// the selected partner's primary and other roles.
type segmentScreen struct {
	ws workspace
	frame
	table  *partnerTable
	split  *container.Split // the table, and the panel beside it
	filter *widget.Select
	counts *fyne.Container
	grid   *fyne.Container

	// The editor of the selected partner.
	selected *widget.Label
	primary  *widget.Select
	others   *widget.CheckGroup
	editor   *fyne.Container
	setting  bool
}

func newSegmentScreen(ws workspace) *segmentScreen {
	s := &segmentScreen{ws: ws}
	s.table = newPartnerTable(ws, []tableColumn{
		nameColumn(ws), roleColumn(ws), otherRolesColumn(ws), tierColumn(ws), scoreColumn(ws),
		textColumn("Owner", 150, func(i int) string { return ws.ecosystem().Partners[i].Owner }),
	}, 0)
	s.table.first = func(i int) bool { return len(ws.ecosystem().Partners[i].Roles) == 0 }
	s.table.filter = s.keep
	s.table.onSelect = func(int) { s.showEditor() }

	options := []string{allRoles, withoutRole}
	for _, r := range core.Roles {
		options = append(options, r.Label())
	}
	s.filter = widget.NewSelect(options, func(string) { s.table.refresh() })
	s.filter.Selected = allRoles

	s.counts = container.NewHBox()
	s.grid = container.NewVBox()

	s.selected = widget.NewLabelWithStyle("Select a partner in the table", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.selected.Wrapping = fyne.TextWrapWord
	roleOptions := []string{noRole}
	var labels []string
	for _, r := range core.Roles {
		roleOptions = append(roleOptions, r.Label())
		labels = append(labels, r.Label())
	}
	s.primary = widget.NewSelect(roleOptions, func(v string) { s.setPrimary(v) })
	s.others = widget.NewCheckGroup(labels, func(v []string) { s.setOthers(v) })
	s.editor = container.NewVBox(s.selected,
		widget.NewLabel("Primary role"), s.primary,
		widget.NewLabel("Other roles"), s.others)

	side := container.NewVBox(subheading("Partners per role and tier"), s.grid, widget.NewSeparator(), s.editor)
	filterBar := container.NewHBox(widget.NewLabel("Show"), s.filter)
	s.split = besideTable("segment", container.NewPadded(tableFrame(s.table, filterBar)), panel(newWheelScroll(side)), 0.66)
	s.box = screenLayout("Segment",
		"Give every partner a primary role, and other roles where it plays several: technology, channel, service, marketplace, influencer. Partners without a role come first.",
		s.counts, s.split)
	return s
}

// keep is the role filter.
func (s *segmentScreen) keep(i int) bool {
	p := s.ws.ecosystem().Partners[i]
	switch v := s.filter.Selected; v {
	case allRoles, "":
		return true
	case withoutRole:
		return len(p.Roles) == 0
	default:
		r, _ := core.ParseRole(v)
		return p.HasRole(r)
	}
}

func (s *segmentScreen) refresh() {
	e := s.ws.ecosystem()
	counts := e.RoleTierCounts(*s.ws.evaluation())
	total := func(r core.Role) int {
		n := 0
		for _, c := range counts[r] {
			n += c
		}
		return n
	}
	s.counts.RemoveAll()
	for _, r := range core.Roles {
		s.counts.Add(countChip(r.Label(), total(r)))
	}
	s.counts.Add(countChip("Without a role", e.WithoutRole()))
	s.counts.Refresh()

	s.grid.RemoveAll()
	row := func(first fyne.CanvasObject, rest ...fyne.CanvasObject) {
		h := first.MinSize().Height
		r := container.NewHBox(container.NewGridWrap(fyne.NewSize(112, h), first))
		for _, o := range rest {
			r.Add(container.NewGridWrap(fyne.NewSize(42, h), o))
		}
		s.grid.Add(r)
	}
	head := []fyne.CanvasObject{}
	for _, t := range core.Tiers {
		head = append(head, widget.NewLabelWithStyle(shortTier(t), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	head = append(head, widget.NewLabelWithStyle("All", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	row(widget.NewLabelWithStyle("Role", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), head...)
	for _, r := range append(append([]core.Role(nil), core.Roles...), "") {
		label := r.Label()
		if r == "" {
			label = "None"
		}
		var cells []fyne.CanvasObject
		for _, t := range core.Tiers {
			cells = append(cells, numberLabel(counts[r][t]))
		}
		row(widget.NewLabel(label), append(cells, numberLabel(total(r)))...)
	}
	s.grid.Refresh()
	s.table.refresh()
	s.showEditor()
}

// shortTier names a tier in a narrow column: T1, T2, T3, Mon.
func shortTier(t core.Tier) string {
	switch t {
	case core.Tier1:
		return "T1"
	case core.Tier2:
		return "T2"
	case core.Tier3:
		return "T3"
	}
	return "Mon."
}

func numberLabel(n int) *widget.Label {
	l := widget.NewLabel(fmt.Sprint(n))
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// countChip is a label and its count, as the top of a screen shows them.
func countChip(label string, n int) fyne.CanvasObject {
	num := widget.NewLabelWithStyle(fmt.Sprint(n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewHBox(container.New(layout.NewCustomPaddedLayout(0, 0, 0, -8), widget.NewLabel(label)), num)
}

// showEditor shows the selected partner's roles in the editor.
func (s *segmentScreen) showEditor() {
	e := s.ws.ecosystem()
	i := s.table.selected
	s.setting = true
	defer func() { s.setting = false }()
	if i < 0 || i >= len(e.Partners) {
		s.selected.SetText("Select a partner in the table to set its roles.")
		s.primary.Disable()
		s.others.Disable()
		return
	}
	p := e.Partners[i]
	s.selected.SetText(p.Name)
	s.primary.Enable()
	s.others.Enable()
	if r := p.PrimaryRole(); r != "" {
		s.primary.SetSelected(r.Label())
	} else {
		s.primary.SetSelected(noRole)
	}
	var others []string
	for _, r := range p.OtherRoles() {
		others = append(others, r.Label())
	}
	s.others.SetSelected(others)
}

// setPrimary makes the chosen role the selected partner's primary role.
func (s *segmentScreen) setPrimary(v string) {
	i := s.table.selected
	if s.setting || i < 0 {
		return
	}
	r, _ := core.ParseRole(v) // "— none —" gives ""
	s.ws.edit("", func(e *core.Ecosystem) error {
		p := e.Partners[i]
		if r == "" {
			p.Roles = nil
			return nil
		}
		p.SetPrimaryRole(r)
		return nil
	})
}

// setOthers sets the selected partner's other roles; the primary stays first.
func (s *segmentScreen) setOthers(labels []string) {
	i := s.table.selected
	if s.setting || i < 0 {
		return
	}
	s.ws.edit("", func(e *core.Ecosystem) error {
		p := e.Partners[i]
		roles := []core.Role{}
		if pr := p.PrimaryRole(); pr != "" {
			roles = append(roles, pr)
		}
		var others []core.Role
		for _, l := range labels {
			if r, ok := core.ParseRole(l); ok && r != p.PrimaryRole() {
				others = append(others, r)
			}
		}
		core.SortRoles(others)
		if len(roles) == 0 && len(others) > 0 {
			// A partner needs a primary role before others: the first becomes it.
			roles, others = others[:1], others[1:]
		}
		p.Roles = append(roles, others...)
		return nil
	})
}
