package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// designScreen is the play library by segment (role) × tier: pick a cell of
// the matrix, see its plays, and add, edit or remove them with their owner,
// cadence and KPI.
type designScreen struct {
	ws workspace
	frame
	matrix *fyne.Container
	role   core.Role
	tier   core.Tier
	title  *widget.Label
	who    *widget.Label
	list   *widget.List
	plays  []int // indexes into Ecosystem.Plays of the selected segment
	chosen int   // index into Ecosystem.Plays of the play being edited; -1 for none
	shown  int   // the play the editor holds, -2 before the first

	kind                      *widget.Select
	name, owner, cadence, kpi *widget.Entry
	save, remove              *widget.Button
	problem                   *widget.Label
}

func newDesignScreen(ws workspace) *designScreen {
	s := &designScreen{ws: ws, role: core.Technology, tier: core.Tier1, chosen: -1, shown: -2}
	s.matrix = container.NewGridWithColumns(len(core.Tiers) + 1)
	s.title = subheading("")
	s.who = note("")
	s.list = widget.NewList(
		func() int { return len(s.plays) },
		func() fyne.CanvasObject {
			name := cell("Joint product roadmap review with an executive sponsor", fyne.TextStyle{Bold: true})
			meta := widget.NewLabel("Engagement · Partner manager · Monthly · KPI")
			meta.Importance = widget.LowImportance
			meta.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, meta)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.plays) {
				return
			}
			p := s.ws.ecosystem().Plays[s.plays[id]]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(p.Name)
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · owner %s · %s · KPI: %s", p.Type, dash(p.Owner), dash(p.Cadence), dash(p.KPI)))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.plays) {
			s.edit(s.plays[id])
		}
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

	left := container.NewVBox(subheading("Plays per segment and tier"), note("Pick a cell to see and edit its plays."), s.matrix)
	plays := container.NewBorder(container.NewVBox(s.title, s.who), nil, nil, nil, s.list)
	right := container.NewVSplit(plays, panel(newWheelScroll(editor)))
	right.Offset = 0.4
	body := container.NewBorder(nil, nil, container.New(&fixedWidth{width: 520}, newWheelScroll(left)), nil, container.NewPadded(right))
	s.box = screenLayout("Design",
		"Programs and plays for each segment and tier: engagement, enablement, co-marketing and co-sell, each with an owner, a cadence and a KPI.",
		nil, body)
	return s
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
			b := widget.NewButton(fmt.Sprintf("%d %s · %d", n, plural(n, "play", "plays"), counts[r][t]), func() { s.choose(r, t) })
			if r == s.role && t == s.tier {
				b.Importance = widget.HighImportance
			} else if n == 0 && counts[r][t] > 0 {
				b.Importance = widget.WarningImportance
			}
			s.matrix.Add(b)
		}
	}
	s.matrix.Refresh()

	s.plays = s.plays[:0]
	for i, p := range e.Plays {
		if p.Role == s.role && p.Tier == s.tier {
			s.plays = append(s.plays, i)
		}
	}
	s.title.SetText(fmt.Sprintf("%s partners in %s", s.role.Label(), s.tier))
	s.who.SetText(fmt.Sprintf("%s in this segment · %d %s. Each button reads plays · partners.",
		partnerCount(counts[s.role][s.tier]), len(s.plays), plural(len(s.plays), "play", "plays")))
	s.list.Refresh()
	if s.chosen >= len(e.Plays) {
		s.chosen = -1
	}
	if s.chosen != s.shown {
		s.showPlay()
	}
}

// choose shows the plays of a segment and tier.
func (s *designScreen) choose(r core.Role, t core.Tier) {
	s.role, s.tier, s.chosen = r, t, -1
	s.list.UnselectAll()
	s.refresh()
	s.showPlay()
}

// edit puts play i (-1 for a new one) into the editor.
func (s *designScreen) edit(i int) {
	s.chosen = i
	if i < 0 {
		s.list.UnselectAll()
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
	s.list.UnselectAll()
	s.refresh()
	s.showPlay()
	s.ws.say("Removed the play %s (Undo brings it back).", name)
}
