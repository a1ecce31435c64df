package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
	"partneratlas/importers"
)

// evaluateScreen is the weighted scorecard: the criteria with their weights
// (a slider and an entry each, shown as a share of the total) and scales,
// and the partners with each criterion's value editable in the table.
// Scores and tiers follow every keystroke and every drag.
type evaluateScreen struct {
	ws workspace
	frame
	table *partnerTable
	split *container.Split // the scorecard, and the table beside it
	panel *wheelScroll     // the scorecard's scroll

	rows      []*criterionRow
	criteria  *fyne.Container
	total     *widget.Label
	problem   *widget.Label
	missing   *widget.Label // the criteria partners have no value for, said first
	newName   *widget.Entry
	signature string // the criteria the table's columns were built for
}

// criterionRow edits one criterion of the scorecard.
type criterionRow struct {
	key          string
	name, weight *widget.Entry
	min, max     *widget.Entry
	slider       *widget.Slider
	share        *widget.Label
	remove       *widget.Button
	box          fyne.CanvasObject
	setting      bool
}

func newEvaluateScreen(ws workspace) *evaluateScreen {
	s := &evaluateScreen{ws: ws}
	s.table = newPartnerTable(ws, nil, 0)
	s.criteria = container.NewVBox()
	s.total = widget.NewLabel("")
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Hide()
	s.missing = widget.NewLabel("")
	s.missing.Wrapping = fyne.TextWrapWord
	s.missing.Hide()
	s.newName = widget.NewEntry()
	s.newName.SetPlaceHolder("New criterion, e.g. Co-sell readiness")
	s.newName.OnSubmitted = func(string) { s.addCriterion() }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), s.addCriterion)

	editor := container.NewVBox(s.missing, subheading("Scorecard"),
		note("Weights are relative: each shows as its share of the total. Values run on each criterion's scale; a missing value counts as the lowest and the score shows in italics."),
		s.criteria, s.total, s.problem, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, add, s.newName))
	s.panel = newWheelScroll(editor)
	s.split = besideTable("evaluate", panel(s.panel),
		container.NewPadded(tableFrame(s.table, subheading("Type a value in a cell to score a partner"))), 0.34)
	s.box = screenLayout("Evaluate",
		"Score every partner on a weighted scorecard instead of gut feel. Drag a weight or type a value: scores and tiers update at once.",
		nil, s.split)
	return s
}

func (s *evaluateScreen) reset() { s.signature = "\x00" }

// criteriaSignature names the criteria by key and name, so the screen knows
// when to rebuild its rows and columns.
func criteriaSignature(sc core.Scorecard) string {
	var b strings.Builder
	for _, c := range sc.Criteria {
		b.WriteString(c.Key + "\x01" + c.Name + "\x02")
	}
	return b.String()
}

func (s *evaluateScreen) refresh() {
	e := s.ws.ecosystem()
	sc := e.Scorecard
	if sig := criteriaSignature(sc); sig != s.signature {
		s.signature = sig
		s.rebuild(sc)
	}
	for i, row := range s.rows {
		if i < len(sc.Criteria) {
			row.show(s.ws.window(), sc.Criteria[i], sc.Share(i))
		}
	}
	s.total.SetText(fmt.Sprintf("Weights add up to %s; shares are of that total.", formatNumber(sc.TotalWeight())))
	if err := sc.Validate(); err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
	} else {
		s.problem.Hide()
	}
	s.showMissing(e.MissingCriteriaIn(*s.ws.evaluation()))
	s.table.refresh()
}

// showMissing says, above the scorecard, which criteria partners have no
// value for (see missingSentences), in red when a criterion has no value
// at all: only this says why the tiers are low.
func (s *evaluateScreen) showMissing(missing []core.MissingCriterion) {
	lines := missingSentences(missing, "in the import preview", "type the values in the table")
	if len(lines) == 0 {
		s.missing.Hide()
		return
	}
	s.missing.Importance = widget.MediumImportance
	if missing[0].NoColumn() {
		s.missing.Importance = widget.DangerImportance
	}
	s.missing.SetText(strings.Join(lines, "\n"))
	s.missing.Show()
}

// missingSentences says in at most two sentences what core.MissingCriteria
// found: the criteria no partner has a value for, with their weights (no
// column held them: every partner counts the minimum), then those some
// partners lack. mapWhere says where a column is mapped, fill where the
// values can be typed.
func missingSentences(missing []core.MissingCriterion, mapWhere, fill string) []string {
	var none, some []string
	of := 0
	for _, m := range missing {
		of = m.Of
		if m.NoColumn() {
			none = append(none, fmt.Sprintf("%s (%.0f%% of the score)", m.Criterion.Name, 100*m.Share))
		} else {
			some = append(some, fmt.Sprintf("%s (%s)", m.Criterion.Name, partnerCount(m.Partners)))
		}
	}
	var out []string
	if len(none) > 0 {
		out = append(out, fmt.Sprintf("No column holds %s: each of the %s counts the minimum on %s, so scores and tiers are lower than they should be. Map the column that holds %s %s, or %s.",
			joinAnd(none), partnerCount(of), plural(len(none), "it", "them"), plural(len(none), "it", "each"), mapWhere, fill))
	}
	if len(some) > 0 {
		out = append(out, "Missing values: "+strings.Join(some, ", ")+". They count the minimum; the blank cells of the table are the ones to fill.")
	}
	return out
}

// joinAnd joins words as a sentence lists them: "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// rebuild makes one editor row and one table column per criterion. A row
// whose criterion is being typed into is kept, so the entry keeps focus.
func (s *evaluateScreen) rebuild(sc core.Scorecard) {
	old := map[string]*criterionRow{}
	for _, r := range s.rows {
		old[r.key] = r
	}
	s.rows = s.rows[:0]
	s.criteria.RemoveAll()
	for _, c := range sc.Criteria {
		r := old[c.Key]
		if r == nil {
			r = s.newCriterionRow(c.Key)
		}
		s.rows = append(s.rows, r)
		s.criteria.Add(r.box)
	}
	s.criteria.Refresh()

	ws := s.ws
	cols := []tableColumn{nameColumn(ws), scoreColumn(ws), tierColumn(ws)}
	for _, c := range sc.Criteria {
		key := c.Key
		cols = append(cols, tableColumn{title: c.Name, width: 104, numeric: true, kind: cellInput,
			text: func(i int) string {
				if v, ok := ws.ecosystem().Partners[i].Value(key); ok {
					return formatNumber(v)
				}
				return ""
			},
			compare: func(a, b int) int {
				va, oka := ws.ecosystem().Partners[a].Value(key)
				vb, okb := ws.ecosystem().Partners[b].Value(key)
				if !oka {
					va = math.Inf(-1)
				}
				if !okb {
					vb = math.Inf(-1)
				}
				switch {
				case va < vb:
					return -1
				case va > vb:
					return 1
				}
				return 0
			},
			edit: func(i int, text string) { s.setValue(i, key, text) },
		})
	}
	s.table.setColumns(cols)
}

func (s *evaluateScreen) newCriterionRow(key string) *criterionRow {
	r := &criterionRow{key: key}
	r.name = widget.NewEntry()
	r.name.OnChanged = func(v string) {
		if r.setting || strings.TrimSpace(v) == "" {
			return
		}
		s.ws.edit("name "+key, func(e *core.Ecosystem) error {
			if i := e.Scorecard.Index(key); i >= 0 {
				e.Scorecard.Criteria[i].Name = strings.TrimSpace(v)
			}
			return nil
		})
	}
	r.slider = widget.NewSlider(0, 100)
	r.slider.Step = 1
	r.slider.OnChanged = func(v float64) {
		if !r.setting {
			s.setWeight(key, v)
		}
	}
	r.weight = numberEntry()
	r.weight.OnChanged = func(v string) {
		if r.setting {
			return
		}
		if x, ok := importers.ParseNumber(v); ok && x >= 0 {
			s.setWeight(key, x)
		}
	}
	r.share = widget.NewLabel("100 %")
	r.share.Alignment = fyne.TextAlignTrailing
	r.share.TextStyle.Bold = true
	scale := func(isMax bool) *widget.Entry {
		e := numberEntry()
		e.OnChanged = func(v string) {
			x, ok := importers.ParseNumber(v)
			if r.setting || !ok {
				return
			}
			s.ws.edit("scale "+key, func(e *core.Ecosystem) error {
				if i := e.Scorecard.Index(key); i >= 0 {
					if isMax {
						e.Scorecard.Criteria[i].Max = x
					} else {
						e.Scorecard.Criteria[i].Min = x
					}
				}
				return nil
			})
		}
		return e
	}
	r.min, r.max = scale(false), scale(true)
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.removeCriterion(key) })
	weightBox := container.NewGridWrap(fyne.NewSize(64, r.weight.MinSize().Height), r.weight)
	shareBox := container.NewGridWrap(fyne.NewSize(64, r.share.MinSize().Height), r.share)
	scaleBox := container.NewHBox(widget.NewLabel("Scale"),
		container.NewGridWrap(fyne.NewSize(56, r.min.MinSize().Height), r.min), widget.NewLabel("to"),
		container.NewGridWrap(fyne.NewSize(56, r.max.MinSize().Height), r.max))
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, r.remove, r.name),
		container.NewBorder(nil, nil, nil, container.NewHBox(weightBox, shareBox), r.slider),
		scaleBox, widget.NewSeparator())
	return r
}

// show puts a criterion's values into its row, leaving alone an entry the
// user is typing in.
func (r *criterionRow) show(win fyne.Window, c core.Criterion, share float64) {
	r.setting = true
	defer func() { r.setting = false }()
	focused := win.Canvas().Focused()
	set := func(e *widget.Entry, v string) {
		if e != focused && e.Text != v {
			e.SetText(v)
		}
	}
	set(r.name, c.Name)
	set(r.weight, formatNumber(c.Weight))
	set(r.min, formatNumber(c.Min))
	set(r.max, formatNumber(c.Max))
	r.slider.Max = math.Max(100, c.Weight)
	if r.slider.Value != c.Weight {
		r.slider.SetValue(c.Weight)
	}
	r.share.SetText(fmt.Sprintf("%.0f %%", 100*share))
}

// setWeight changes a criterion's weight; a drag or a typed number is one
// undo step.
func (s *evaluateScreen) setWeight(key string, v float64) {
	s.ws.edit("weight "+key, func(e *core.Ecosystem) error {
		if i := e.Scorecard.Index(key); i >= 0 {
			e.Scorecard.Criteria[i].Weight = v
		}
		return nil
	})
}

// setValue records what the user typed as a partner's value: a number sets
// it, an empty cell clears it, anything else is ignored until it is a number.
func (s *evaluateScreen) setValue(i int, key, text string) {
	text = strings.TrimSpace(text)
	v, ok := importers.ParseNumber(text)
	if text != "" && !ok {
		return
	}
	s.ws.edit(fmt.Sprintf("value %d %s", i, key), func(e *core.Ecosystem) error {
		if i >= len(e.Partners) {
			return fmt.Errorf("no partner %d", i)
		}
		if text == "" {
			e.Partners[i].ClearValue(key)
		} else {
			e.Partners[i].SetValue(key, v)
		}
		return nil
	})
}

func (s *evaluateScreen) addCriterion() {
	name := strings.TrimSpace(s.newName.Text)
	if name == "" {
		s.ws.window().Canvas().Focus(s.newName)
		return
	}
	s.ws.editStructure("", func(e *core.Ecosystem) error {
		e.Scorecard.AddCriterion(name, 10)
		return nil
	})
	s.newName.SetText("")
	s.ws.say("Added the criterion %s with a weight of 10; type each partner's value in its column.", name)
}

func (s *evaluateScreen) removeCriterion(key string) {
	name := key
	err := s.ws.editStructure("", func(e *core.Ecosystem) error {
		i := e.Scorecard.Index(key)
		if i < 0 {
			return fmt.Errorf("no criterion %s", key)
		}
		if len(e.Scorecard.Criteria) == 1 {
			return fmt.Errorf("the scorecard needs at least one criterion")
		}
		name = e.Scorecard.Criteria[i].Name
		e.Scorecard.RemoveCriterion(key)
		return nil
	})
	if err != nil {
		s.ws.say("%s.", capitalise(err.Error()))
		return
	}
	s.ws.say("Removed the criterion %s; the partners' values are kept (Undo brings it back).", name)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
