package ui

import (
	"cmp"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
	"partneratlas/importers"
)

// followScore is the override choice that lets the score decide the tier.
const followScore = "Follow the score"

// prioritizeScreen tiers the partners: the thresholds, one table per tier
// with its count, the 10–20 band check, each partner's tier confidence and
// ties, and an override with its required reason.
type prioritizeScreen struct {
	ws workspace
	frame
	table      *partnerTable
	split      *container.Split // the table, and the panel beside it
	tier       core.Tier        // the tier shown; "" for all
	tabs       *fyne.Container
	thresholds map[core.Tier]*widget.Entry
	thProblem  *widget.Label
	band       *widget.Label

	selected   *widget.Label
	detail     *widget.Label
	override   *widget.Select
	reason     *widget.Entry
	apply      *widget.Button
	overrideOK *widget.Label
	detailFor  int // the partner whose override the editor shows
}

func newPrioritizeScreen(ws workspace) *prioritizeScreen {
	s := &prioritizeScreen{ws: ws, thresholds: map[core.Tier]*widget.Entry{}, detailFor: -1}
	res := func(i int) core.Result { return ws.evaluation().Results[i] }
	s.table = newPartnerTable(ws, []tableColumn{
		{title: "Rank", width: 80, numeric: true,
			text: func(i int) string {
				if res(i).Tied {
					return fmt.Sprintf("=%d", res(i).Rank)
				}
				return fmt.Sprint(res(i).Rank)
			},
			compare: func(a, b int) int { return cmp.Compare(res(a).Rank, res(b).Rank) }},
		nameColumn(ws), scoreColumn(ws), tierColumn(ws), confidenceColumn(ws),
		textColumn("Score gives", 110, func(i int) string { return string(res(i).Computed) }),
		textColumn("Override reason", 300, func(i int) string { return ws.ecosystem().Partners[i].OverrideReason }),
	}, 0)
	s.table.sortDesc = false
	s.table.filter = func(i int) bool { return s.tier == "" || res(i).Tier == s.tier }
	s.table.onSelect = func(int) { s.showDetail() }

	s.tabs = container.NewHBox()
	s.band = widget.NewLabel("")
	s.band.Wrapping = fyne.TextWrapWord
	th := container.NewHBox(widget.NewLabel("Lowest score of"))
	for _, t := range []core.Tier{core.Tier1, core.Tier2, core.Tier3} {
		t := t
		e := widget.NewEntry()
		e.OnChanged = func(v string) { s.setThreshold(t, v) }
		s.thresholds[t] = e
		th.Add(widget.NewLabelWithStyle(string(t), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		th.Add(container.NewGridWrap(fyne.NewSize(64, e.MinSize().Height), e))
	}
	th.Add(widget.NewLabel("· below Tier 3 is Monitor"))
	s.thProblem = widget.NewLabel("")
	s.thProblem.Importance = widget.DangerImportance
	s.thProblem.Hide()

	s.selected = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.selected.Wrapping = fyne.TextWrapWord
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	options := []string{followScore}
	for _, t := range core.Tiers {
		options = append(options, string(t))
	}
	s.override = widget.NewSelect(options, nil)
	s.reason = widget.NewMultiLineEntry()
	s.reason.SetPlaceHolder("Why this tier? (required)")
	s.reason.Wrapping = fyne.TextWrapWord
	s.reason.SetMinRowsVisible(3)
	s.apply = widget.NewButton("Apply override", s.applyOverride)
	s.apply.Importance = widget.HighImportance
	s.overrideOK = widget.NewLabel("")
	s.overrideOK.Wrapping = fyne.TextWrapWord

	side := container.NewVBox(subheading("Selected partner"), s.selected, s.detail, widget.NewSeparator(),
		subheading("Override the tier"), note("An override keeps its reason, so whoever reads the plan knows why the score was not followed."),
		s.override, s.reason, s.apply, s.overrideOK)
	top := container.NewVBox(container.NewHBox(th, s.thProblem), s.band, s.tabs)
	s.split = besideTable("prioritize", container.NewPadded(tableFrame(s.table, nil)), panel(newWheelScroll(side)), 0.68)
	s.box = screenLayout("Prioritize",
		"Tiers follow the score: Tier 1 (strategic), Tier 2, Tier 3 and Monitor. Confidence is the share of weight changes of ±20 % under which a partner keeps its tier; “=” marks a tie.",
		top, s.split)
	return s
}

func (s *prioritizeScreen) refresh() {
	e := s.ws.ecosystem()
	focused := s.ws.window().Canvas().Focused()
	for _, t := range []core.Tier{core.Tier1, core.Tier2, core.Tier3} {
		if en := s.thresholds[t]; en != focused {
			if v := formatNumber(e.Thresholds.Of(t)); en.Text != v {
				en.OnChanged, en.Text = nil, v
				en.Refresh()
				t := t
				en.OnChanged = func(v string) { s.setThreshold(t, v) }
			}
		}
	}
	ev := s.ws.evaluation()
	s.band.SetText(ev.Band.Message)
	if ev.Band.InBand || len(e.Partners) == 0 {
		s.band.Importance = widget.SuccessImportance
	} else {
		s.band.Importance = widget.WarningImportance
	}
	s.band.Refresh()

	s.tabs.RemoveAll()
	tab := func(label string, t core.Tier) {
		b := widget.NewButton(label, func() {
			s.tier = t
			s.refresh()
		})
		if s.tier == t {
			b.Importance = widget.HighImportance
		}
		s.tabs.Add(b)
	}
	tab("All · "+formatCount(len(e.Partners)), "")
	for _, t := range core.Tiers {
		tab(fmt.Sprintf("%s · %s", t, formatCount(ev.Counts[t])), t)
	}
	s.tabs.Refresh()
	s.table.refresh()
	s.showDetail()
}

// showTier shows the table of one tier ("" for all).
func (s *prioritizeScreen) showTier(t core.Tier) {
	s.tier = t
	s.refresh()
}

func (s *prioritizeScreen) setThreshold(t core.Tier, v string) {
	x, ok := importers.ParseNumber(v)
	if !ok {
		return
	}
	err := s.ws.edit("threshold "+string(t), func(e *core.Ecosystem) error {
		th := e.Thresholds.With(t, x)
		if err := th.Validate(); err != nil {
			return err
		}
		e.Thresholds = th
		return nil
	})
	if err != nil {
		s.thProblem.SetText(capitalise(err.Error()) + ".")
		s.thProblem.Show()
		return
	}
	s.thProblem.Hide()
}

// showDetail shows the selected partner's score, tier, confidence and
// override.
func (s *prioritizeScreen) showDetail() {
	e := s.ws.ecosystem()
	i := s.table.selected
	if i < 0 || i >= len(e.Partners) {
		s.selected.SetText("Select a partner in the table.")
		s.detail.SetText("")
		s.override.Disable()
		s.reason.Disable()
		s.apply.Disable()
		return
	}
	p, r := e.Partners[i], s.ws.evaluation().Results[i]
	s.selected.SetText(p.Name)
	var b strings.Builder
	fmt.Fprintf(&b, "Score %s gives %s.", formatScore(r.Score), r.Computed)
	missing := e.MissingValues(p)
	if c, ok := s.ws.evaluation().ConfidenceOf(i); ok && len(missing) == 0 {
		fmt.Fprintf(&b, " Confidence %.0f%%: it keeps this tier under %.0f%% of weight changes.", 100*c, 100*c)
	}
	if r.Tied {
		fmt.Fprintf(&b, "\nRank %d, tied with partners within %.1f points.", r.Rank, core.TieBand)
	} else {
		fmt.Fprintf(&b, "\nRank %d.", r.Rank)
	}
	if len(missing) > 0 {
		fmt.Fprintf(&b, "\n%s. The score counts %s as the lowest, so the tier may be too low: type the %s in Evaluate.",
			core.IncompleteText(missing), plural(len(missing), "it", "them"), plural(len(missing), "value", "values"))
	}
	if p.Override != "" {
		fmt.Fprintf(&b, "\nOverridden to %s: %s", p.Override, p.OverrideReason)
	}
	s.detail.SetText(b.String())
	s.override.Enable()
	s.reason.Enable()
	s.apply.Enable()
	if s.override.Selected == "" || s.detailFor != i {
		if p.Override != "" {
			s.override.SetSelected(string(p.Override))
		} else {
			s.override.SetSelected(followScore)
		}
		s.reason.SetText(p.OverrideReason)
		s.overrideOK.SetText("")
		s.detailFor = i
	}
}

// applyOverride fixes the selected partner's tier, or lets the score decide
// again; an override without a reason is refused and says why.
func (s *prioritizeScreen) applyOverride() {
	i := s.table.selected
	if i < 0 {
		return
	}
	t := core.Tier(s.override.Selected)
	if s.override.Selected == followScore {
		t = ""
	}
	err := s.ws.edit("", func(e *core.Ecosystem) error {
		return e.Partners[i].SetOverride(t, s.reason.Text)
	})
	if err != nil {
		s.overrideOK.Importance = widget.DangerImportance
		s.overrideOK.SetText(capitalise(err.Error()) + ": type why in the box above.")
		s.ws.window().Canvas().Focus(s.reason)
		return
	}
	s.overrideOK.Importance = widget.SuccessImportance
	if t == "" {
		s.overrideOK.SetText("The score decides the tier again.")
	} else {
		s.overrideOK.SetText(fmt.Sprintf("%s is now %s.", s.ws.ecosystem().Partners[i].Name, t))
	}
}
