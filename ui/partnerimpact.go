package ui

import (
	"cmp"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// partnerImpact is the Partners tab of Activate & measure: each partner's
// sourced and influenced figures in a sortable table; the scorecard's
// revenue potential set from the revenue partners bring, with a partner's
// typed value kept where the user says so (as customer overlap is set from
// account lists); and the backtest of the scorecard against what partners
// brought.
type partnerImpact struct {
	s        *activateScreen
	table    *partnerTable
	every    *widget.Check // list every partner, not only those with deals
	credit   *widget.Label // what the credit model credits
	loop     *widget.Check
	loopNote *widget.Label
	chosen   *widget.Label
	typed    *widget.Check
	backtest *widget.Label
	selected int // the partner chosen in the table, -1 for none
	setting  bool
	box      fyne.CanvasObject
}

func newPartnerImpact(s *activateScreen) *partnerImpact {
	v := &partnerImpact{s: s, selected: -1}
	ws := s.ws
	sourced := func(tf *core.Twofold) *core.Figures { return &tf.Sourced }
	influenced := func(tf *core.Twofold) *core.Figures { return &tf.Influenced }
	figure := func(title string, side func(*core.Twofold) *core.Figures, get func(f *core.Figures) float64, format func(float64) string) tableColumn {
		width := float32(7*len([]rune(title)) + 56)
		return v.figureColumn(title, width, func(tf *core.Twofold) float64 { return get(side(tf)) }, format)
	}
	revenue := func(f *core.Figures) float64 { return f.Revenue }
	pipeline := func(f *core.Figures) float64 { return f.Pipeline }
	winRate := func(f *core.Figures) float64 { return f.WinRate }
	deals := func(f *core.Figures) float64 { return float64(f.Deals) }
	won := func(f *core.Figures) float64 { return float64(f.Won) }
	// The revenue first, where it shows without scrolling; each figure of
	// both sides beside each other.
	name := nameColumn(ws)
	name.width = 200
	cols := []tableColumn{name, tierColumn(ws),
		figure("Sourced revenue", sourced, revenue, formatAmount),
		figure("Influenced revenue", influenced, revenue, formatAmount),
		figure("Sourced pipeline", sourced, pipeline, formatAmount),
		figure("Influenced pipeline", influenced, pipeline, formatAmount),
		figure("Sourced win rate", sourced, winRate, formatRate),
		figure("Influenced win rate", influenced, winRate, formatRate),
		figure("Sourced deals", sourced, deals, formatAmount),
		figure("Sourced won", sourced, won, formatAmount),
		figure("Influenced deals", influenced, deals, formatAmount),
		figure("Influenced won", influenced, won, formatAmount),
		roleColumn(ws),
		tableColumn{title: "Revenue potential", width: 140, numeric: true, text: func(i int) string {
			if x, ok := ws.ecosystem().Partners[i].Value(core.RevenuePotential); ok {
				return formatNumber(x)
			}
			return noFigure
		}},
		textColumn("Potential from", 130, func(i int) string { return potentialFrom(ws.ecosystem(), i) }),
	}
	v.table = newPartnerTable(ws, cols, 2) // sourced revenue, highest first
	v.table.filter = func(i int) bool {
		if v.every.Checked {
			return true
		}
		tf, ok := v.twofold(i)
		return ok && tf.Sourced.Deals+tf.Influenced.Deals > 0
	}
	v.table.onSelect = func(i int) {
		v.selected = i
		v.showChosen()
	}
	v.every = widget.NewCheck("Every partner, also those without deals", func(bool) { v.table.refresh() })
	v.credit = note("")

	v.loop = widget.NewCheck("Set it from measured revenue", v.setLoop)
	v.loopNote = note("")
	v.chosen = widget.NewLabel("Choose a partner in the table to keep its typed value.")
	v.chosen.Wrapping = fyne.TextWrapWord
	v.typed = widget.NewCheck("Keep its typed value", v.setTyped)
	v.backtest = widget.NewLabel("")
	v.backtest.Wrapping = fyne.TextWrapWord

	loop := container.NewVBox(subheading("Closing the loop: revenue potential"), v.loop, v.loopNote, widget.NewSeparator(), v.chosen, v.typed)
	backtest := container.NewVBox(subheading("Does the scorecard predict revenue?"), v.backtest)
	side := panel(newWheelScroll(container.NewVBox(loop, widget.NewSeparator(), backtest)))
	head := container.NewVBox(container.NewBorder(nil, nil, subheading("What each partner brings"), v.every), v.credit)
	main := container.NewBorder(container.NewBorder(head, nil, nil, v.table.count), nil, nil, nil, v.table.view)
	v.box = besideTable("partners", container.NewPadded(main), side, 0.72)
	return v
}

// figureColumn is a numeric column of a partner's figures.
func (v *partnerImpact) figureColumn(title string, width float32, get func(tf *core.Twofold) float64, format func(float64) string) tableColumn {
	value := func(i int) (float64, bool) {
		tf, ok := v.twofold(i)
		if !ok {
			return 0, false
		}
		return get(&tf), true
	}
	return tableColumn{title: title, width: width, numeric: true,
		text: func(i int) string {
			if x, ok := value(i); ok {
				return format(x)
			}
			return "…"
		},
		compare: func(a, b int) int {
			x, _ := value(a)
			y, _ := value(b)
			return cmp.Compare(x, y)
		}}
}

// twofold is what partner i of the document brought, from the last
// measure; false while the partners measured are not those of the document
// (a partner was added or removed and the new figures are on their way).
func (v *partnerImpact) twofold(i int) (core.Twofold, bool) {
	m := v.s.m
	if m == nil || len(m.impact.Partners) != len(v.s.ws.ecosystem().Partners) || i < 0 || i >= len(m.impact.Partners) {
		return core.Twofold{}, false
	}
	return m.impact.Partners[i], true
}

// potentialFrom says where partner i's revenue potential comes from.
func potentialFrom(e *core.Ecosystem, i int) string {
	p := e.Partners[i]
	switch {
	case e.Deals == nil || !e.Deals.RevenueFromDeals:
		return "Typed value"
	case e.UsesTypedRevenue(p.Name):
		return "Typed, kept"
	case e.Deals.RevenuePotential.FromData[core.NormaliseName(p.Name)]:
		return "Deals"
	}
	return "Typed (no deals)"
}

func (v *partnerImpact) reset() {
	v.selected = -1
	v.table.table.UnselectAll()
}

// show draws the figures of m.
func (v *partnerImpact) show(m *measured) {
	e := v.s.ws.ecosystem()
	if e.Deals != nil {
		v.credit.SetText(creditNote(e.Deals.Model))
	}
	v.table.refresh()
	v.setting = true
	defer func() { v.setting = false }()
	hasCriterion := e.Scorecard.Index(core.RevenuePotential) >= 0
	v.loop.SetChecked(e.Deals != nil && e.Deals.RevenueFromDeals)
	if hasCriterion {
		v.loop.Enable()
		v.loopNote.SetText("The scorecard's revenue potential then comes from what each partner brought in the window, sourced and influenced: 1 for no revenue, 2 to 5 by quarter among the partners with revenue. Partners without deals, and those you keep typed, keep the typed value.")
	} else {
		v.loop.Disable()
		v.loopNote.SetText("The scorecard has no Revenue potential criterion to set: add it back on the Evaluate screen.")
	}
	v.showChosen()
	v.backtest.SetText(backtestText(m))
}

// showChosen shows the chosen partner's revenue potential and where it
// comes from, with the switch to keep the typed value.
func (v *partnerImpact) showChosen() {
	e := v.s.ws.ecosystem()
	if v.selected < 0 || v.selected >= len(e.Partners) {
		v.chosen.SetText("Choose a partner in the table to keep its typed value.")
		v.typed.Disable()
		return
	}
	p := e.Partners[v.selected]
	value := noFigure
	if x, ok := p.Value(core.RevenuePotential); ok {
		value = formatNumber(x)
	}
	v.chosen.SetText(fmt.Sprintf("%s: revenue potential %s (%s).", p.Name, value, strings.ToLower(potentialFrom(e, v.selected))))
	v.setting = true
	v.typed.SetChecked(e.UsesTypedRevenue(p.Name))
	v.setting = false
	if e.Deals != nil && e.Deals.RevenueFromDeals {
		v.typed.Enable()
	} else {
		v.typed.Disable()
	}
}

// setLoop switches revenue potential between the typed values and the
// measured revenue, as one step the user can undo.
func (v *partnerImpact) setLoop(on bool) {
	if v.setting {
		return
	}
	today := v.s.ws.today()
	_ = v.s.ws.edit("", func(e *core.Ecosystem) error {
		e.SetRevenueFromDeals(on, today)
		return nil
	})
	if on {
		v.s.ws.say("Revenue potential now comes from the revenue each partner brought.")
	} else {
		v.s.ws.say("Revenue potential is the typed value again for every partner.")
	}
}

// setTyped keeps the chosen partner's typed revenue potential, or gives it
// the measured one again.
func (v *partnerImpact) setTyped(typed bool) {
	e := v.s.ws.ecosystem()
	if v.setting || v.selected < 0 || v.selected >= len(e.Partners) {
		return
	}
	name := e.Partners[v.selected].Name
	today := v.s.ws.today()
	_ = v.s.ws.edit("", func(e *core.Ecosystem) error {
		e.UseTypedRevenue(name, typed, today)
		return nil
	})
}

// backtestText says in words what the backtest shows: the verdict, then
// the revenue and win rate of each tier.
func backtestText(m *measured) string {
	if m == nil {
		return "Measuring…"
	}
	bt := m.impact.Backtest
	lines := []string{bt.Verdict(), ""}
	for _, t := range core.Tiers {
		y, ok := bt.Tiers[t]
		if !ok {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %s, revenue %s, win rate %s.", t, partnerCount(y.Partners), formatShort(y.Revenue), formatRate(y.WinRate)))
	}
	lines = append(lines, "", "Revenue is what the tier's partners sourced and influenced, as credited; the win rate is that of the deals they sourced or influenced. The rank correlation compares the partners' scores with their revenue.")
	return strings.Join(lines, "\n")
}
