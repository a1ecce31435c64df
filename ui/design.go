package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// designScreen is the play library by segment (role) × tier: pick a cell of
// the matrix, see its plays in a dense sortable table (or every segment's),
// and add, edit or remove them with their owner, cadence and KPI.
type designScreen struct {
	ws workspace
	frame
	matrix *fyne.Container
	role   core.Role
	tier   core.Tier
	title  *widget.Label
	who    *widget.Label
	every  *widget.Check // the table lists the plays of every segment
	table  *widget.Table
	cols   []tableColumn // over indexes into Ecosystem.Plays
	fitted map[int]float32
	sort   int   // the column the plays are sorted by
	desc   bool  // sorted from the last
	plays  []int // indexes into Ecosystem.Plays of the rows shown, in order
	chosen int   // index into Ecosystem.Plays of the play being edited; -1 for none
	shown  int   // the play the editor holds, -2 before the first
	// picking is set while the table's selection follows the play being
	// edited, so that it is not taken for a click.
	picking bool

	kind                      *widget.Select
	name, owner, cadence, kpi *widget.Entry
	save, remove              *widget.Button
	problem                   *widget.Label
}

func newDesignScreen(ws workspace) *designScreen {
	s := &designScreen{ws: ws, role: core.Technology, tier: core.Tier1, chosen: -1, shown: -2, sort: -1, fitted: map[int]float32{}}
	s.matrix = container.NewGridWithColumns(len(core.Tiers) + 1)
	// The plays' title and counts are cut short rather than widen the
	// window: beside the matrix of a 100,000-partner plan ("4 plays ·
	// 10,192" a button) they would push it past a 1280-pixel screen.
	s.title = subheading("")
	s.title.Truncation = fyne.TextTruncateEllipsis
	s.who = widget.NewLabel("")
	s.who.Truncation = fyne.TextTruncateEllipsis
	s.who.Truncation = fyne.TextTruncateEllipsis
	s.every = widget.NewCheck("Plays of every segment", func(bool) { s.refresh() })
	s.cols = s.playColumns()
	s.table = widget.NewTable(
		func() (int, int) { return len(s.plays), len(s.cols) },
		func() fyne.CanvasObject { return cell("Joint product roadmap review", fyne.TextStyle{}) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(s.plays) || id.Col >= len(s.cols) {
				l.SetText("")
				return
			}
			l.SetText(s.cols[id.Col].text(s.plays[id.Row]))
		})
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject { return newHeaderCell(s.sortBy) }
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		h := o.(*headerCell)
		if id.Col < 0 || id.Col >= len(s.cols) {
			h.set(-1, "", false, false, false)
			return
		}
		h.set(id.Col, s.cols[id.Col].title, false, id.Col == s.sort, s.desc)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if !s.picking && id.Row >= 0 && id.Row < len(s.plays) {
			s.edit(s.plays[id.Row])
		}
	}
	for i, c := range s.cols {
		s.fitted[i] = columnWidth(c, 0)
		s.table.SetColumnWidth(i, s.fitted[i])
	}

	var types []string
	for _, t := range core.PlayTypes {
		types = append(types, string(t))
	}
	s.kind = widget.NewSelect(types, nil)
	s.name, s.owner, s.cadence, s.kpi = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.name.SetPlaceHolder("What the play is, e.g. Quarterly joint webinar")
	s.owner.SetPlaceHolder("Who runs it")
	s.cadence.SetPlaceHolder("How often, e.g. Quarterly")
	s.kpi.SetPlaceHolder("How success is measured")
	s.save = widget.NewButtonWithIcon("Save play", theme.DocumentSaveIcon(), s.savePlay)
	s.save.Importance = widget.HighImportance
	s.remove = widget.NewButtonWithIcon("Remove play", theme.DeleteIcon(), s.removePlay)
	add := widget.NewButtonWithIcon("New play", theme.ContentAddIcon(), func() { s.edit(-1) })
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Type", s.kind),
		widget.NewFormItem("Play", s.name),
		widget.NewFormItem("Owner", s.owner),
		widget.NewFormItem("Cadence", s.cadence),
		widget.NewFormItem("KPI", s.kpi),
	)
	editor := container.NewVBox(subheading("Play"), form, container.NewHBox(s.save, s.remove, add), s.problem)

	left := container.NewVBox(subheading("Plays · partners per segment and tier"), s.matrix)
	// The matrix above the editor on the left, the plays table the whole
	// height on the right, so that as many plays show as the screen allows.
	side := newWheelScroll(container.NewVBox(left, panel(editor)))
	plays := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, s.every, s.title), s.who), nil, nil, nil, s.table)
	body := besideTable("design", side, container.NewPadded(plays), 0.45)
	s.box = screenLayout("Design",
		"Programs and plays for each segment and tier: engagement, enablement, co-marketing and co-sell, each with an owner, a cadence and a KPI.",
		nil, body)
	return s
}

// playColumns are the columns of the plays table: the play first, where
// the eye looks for it, then what the Plays sheet of the workbook holds.
func (s *designScreen) playColumns() []tableColumn {
	play := func(i int) core.Play { return s.ws.ecosystem().Plays[i] }
	return []tableColumn{
		{title: "Play", width: 360, text: func(i int) string { return play(i).Name }},
		{title: "Type", text: func(i int) string { return string(play(i).Type) }, compare: func(a, b int) int {
			return cmp.Compare(slices.Index(core.PlayTypes, play(a).Type), slices.Index(core.PlayTypes, play(b).Type))
		}},
		{title: "Owner", text: func(i int) string { return dash(play(i).Owner) }},
		{title: "Cadence", text: func(i int) string { return dash(play(i).Cadence) }},
		{title: "KPI", width: 360, text: func(i int) string { return dash(play(i).KPI) }},
		{title: "Segment", text: func(i int) string { return play(i).Role.Label() }, compare: func(a, b int) int {
			return cmp.Compare(slices.Index(core.Roles, play(a).Role), slices.Index(core.Roles, play(b).Role))
		}},
		{title: "Tier", text: func(i int) string { return string(play(i).Tier) }, compare: func(a, b int) int {
			return cmp.Compare(play(a).Tier.Rank(), play(b).Tier.Rank())
		}},
	}
}

// sortBy sorts the plays by column col; a second tap reverses the order.
func (s *designScreen) sortBy(col int) {
	if col == s.sort {
		s.desc = !s.desc
	} else {
		s.sort, s.desc = col, false
	}
	s.refresh()
}

// showPlays lists the plays of the chosen segment, or of every segment,
// sorted, and keeps the play being edited selected.
func (s *designScreen) showPlays() {
	e := s.ws.ecosystem()
	s.plays = s.plays[:0]
	for i, p := range e.Plays {
		if s.every.Checked || (p.Role == s.role && p.Tier == s.tier) {
			s.plays = append(s.plays, i)
		}
	}
	if s.sort >= 0 && s.sort < len(s.cols) {
		c := s.cols[s.sort]
		slices.SortStableFunc(s.plays, func(a, b int) int {
			r := 0
			if c.compare != nil {
				r = c.compare(a, b)
			} else {
				r = strings.Compare(strings.ToLower(c.text(a)), strings.ToLower(c.text(b)))
			}
			if s.desc {
				r = -r
			}
			return r
		})
	}
	// The widths of every play, so that a change of segment does not move
	// the columns.
	n := min(len(e.Plays), measuredRows)
	for i, c := range s.cols {
		if w := columnWidth(c, n); w != s.fitted[i] {
			s.fitted[i] = w
			s.table.SetColumnWidth(i, w)
		}
	}
	s.table.Refresh()
	s.picking = true
	defer func() { s.picking = false }()
	if row := slices.Index(s.plays, s.chosen); row >= 0 {
		s.table.Select(widget.TableCellID{Row: row, Col: 0})
	} else {
		s.table.UnselectAll()
	}
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (s *designScreen) reset() { s.chosen, s.shown = -1, -2 }

func (s *designScreen) refresh() {
	e := s.ws.ecosystem()
	counts := e.RoleTierCounts(*s.ws.evaluation())
	s.matrix.RemoveAll()
	s.matrix.Add(widget.NewLabelWithStyle("Segment", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, t := range core.Tiers {
		s.matrix.Add(widget.NewLabelWithStyle(string(t), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	for _, r := range core.Roles {
		s.matrix.Add(widget.NewLabel(r.Label()))
		for _, t := range core.Tiers {
			r, t := r, t
			n := len(core.PlaysFor(e.Plays, r, t))
			b := widget.NewButton(fmt.Sprintf("%d %s · %s", n, plural(n, "play", "plays"), formatCount(counts[r][t])), func() { s.choose(r, t) })
			if r == s.role && t == s.tier {
				b.Importance = widget.HighImportance
			} else if n == 0 && counts[r][t] > 0 {
				b.Importance = widget.WarningImportance
			}
			s.matrix.Add(b)
		}
	}
	s.matrix.Refresh()

	if s.chosen >= len(e.Plays) {
		s.chosen = -1
	}
	s.showPlays()
	if s.every.Checked {
		s.title.SetText("Plays of every segment")
		s.who.SetText(fmt.Sprintf("%d %s · a new play goes to %s partners in %s.", len(s.plays), plural(len(s.plays), "play", "plays"), s.role.Label(), s.tier))
	} else {
		s.title.SetText(fmt.Sprintf("%s partners in %s", s.role.Label(), s.tier))
		s.who.SetText(fmt.Sprintf("%s in this segment · %d %s.",
			partnerCount(counts[s.role][s.tier]), len(s.plays), plural(len(s.plays), "play", "plays")))
	}
	if s.chosen != s.shown {
		s.showPlay()
	}
}

// choose shows the plays of a segment and tier.
func (s *designScreen) choose(r core.Role, t core.Tier) {
	s.role, s.tier, s.chosen = r, t, -1
	s.refresh()
	s.showPlay()
}

// edit puts play i (-1 for a new one) into the editor.
func (s *designScreen) edit(i int) {
	s.chosen = i
	if i < 0 {
		s.picking = true
		s.table.UnselectAll()
		s.picking = false
	}
	s.showPlay()
}

func (s *designScreen) showPlay() {
	s.shown = s.chosen
	p := core.Play{Type: core.Engagement}
	if s.chosen >= 0 {
		p = s.ws.ecosystem().Plays[s.chosen]
		s.save.SetText("Save play")
		s.remove.Enable()
	} else {
		s.save.SetText("Add play")
		s.remove.Disable()
	}
	s.kind.SetSelected(string(p.Type))
	s.name.SetText(p.Name)
	s.owner.SetText(p.Owner)
	s.cadence.SetText(p.Cadence)
	s.kpi.SetText(p.KPI)
	s.problem.SetText("")
}

// savePlay writes the editor into the chosen play, or adds it to the
// segment when it is new.
func (s *designScreen) savePlay() {
	p := core.Play{Role: s.role, Tier: s.tier, Type: core.PlayType(s.kind.Selected),
		Name: strings.TrimSpace(s.name.Text), Owner: strings.TrimSpace(s.owner.Text),
		Cadence: strings.TrimSpace(s.cadence.Text), KPI: strings.TrimSpace(s.kpi.Text)}
	chosen := s.chosen
	err := s.ws.edit("", func(e *core.Ecosystem) error {
		if err := p.Validate(); err != nil {
			return err
		}
		if chosen >= 0 && chosen < len(e.Plays) {
			p.Role, p.Tier = e.Plays[chosen].Role, e.Plays[chosen].Tier
			e.Plays[chosen] = p
			return nil
		}
		e.Plays = append(e.Plays, p)
		chosen = len(e.Plays) - 1
		return nil
	})
	if err != nil {
		s.problem.SetText(capitalise(err.Error()) + ".")
		return
	}
	s.chosen, s.shown = chosen, chosen
	s.save.SetText("Save play")
	s.remove.Enable()
	s.refresh()
	s.ws.say("Saved the play %s.", p.Name)
}

func (s *designScreen) removePlay() {
	i := s.chosen
	if i < 0 {
		return
	}
	name := ""
	s.ws.edit("", func(e *core.Ecosystem) error {
		name = e.Plays[i].Name
		e.Plays = append(e.Plays[:i:i], e.Plays[i+1:]...)
		return nil
	})
	s.chosen = -1
	s.refresh()
	s.showPlay()
	s.ws.say("Removed the play %s (Undo brings it back).", name)
}
