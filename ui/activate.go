package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// activateScreen is the sixth step, Activate & measure: what partners bring
// in, measured from the deals of the CRM exports imported, over the window
// and credit model chosen above the tabs (Impact: the figures and charts;
// Partners: each partner's figures, the revenue potential set from them and
// the backtest; Deals: every deal with its attribution, the exports and the
// partner names to fix; Rules: the attribution rules in words), and the
// ecosystem at a glance with its review cycle (Ecosystem & review). Without
// deals, the Impact tab says how to import them.
type activateScreen struct {
	ws workspace
	frame
	importDeals func()

	tabs                                       *container.AppTabs
	impactTab, partnersTab, dealsTab, rulesTab *container.TabItem
	ecosystemTab                               *container.TabItem
	impactBody                                 *fyne.Container // the empty state or the dashboard
	empty                                      fyne.CanvasObject
	controls                                   *fyne.Container // the window and the credit model

	window       *widget.Select
	since, until *widget.DateEntry
	custom       *fyne.Container // since and until, for a custom window
	model        *widget.Select
	summary      *widget.Label // what the figures rest on
	setting      bool          // the controls are being set from the document

	run measureRun
	m   *measured // the figures shown; nil before the first measure

	dash     *dashboard
	partners *partnerImpact
	deals    *dealsView
	rules    *widget.RichText
	rulesMD  string // the markdown the rules show

	// The Ecosystem & review tab.
	tiers, roles, score *barChart
	last, next          *widget.Label
	mark                *widget.Button
	changesTitle        *widget.Label
	changes             *widget.Label
}

// Titles of the window and credit model choices.
var (
	windowChoices []string
	modelChoices  []string
)

func init() {
	for _, k := range core.WindowKinds {
		windowChoices = append(windowChoices, k.String())
	}
	for _, m := range core.CreditModels {
		modelChoices = append(modelChoices, m.String())
	}
}

func newActivateScreen(ws workspace, importDeals func()) *activateScreen {
	s := &activateScreen{ws: ws, importDeals: importDeals}
	s.dash = newDashboard(ws)
	s.partners = newPartnerImpact(s)
	s.deals = newDealsView(s)
	s.rules = widget.NewRichTextFromMarkdown("")
	s.rules.Wrapping = fyne.TextWrapWord

	s.buildControls()
	s.empty = s.buildEmptyState()
	s.impactBody = container.NewStack(s.empty)
	s.impactTab = container.NewTabItem("Impact", s.impactBody)
	s.partnersTab = container.NewTabItem("Partners", s.partners.box)
	s.dealsTab = container.NewTabItem("Deals", s.deals.box)
	s.rulesTab = container.NewTabItem("Attribution rules", newWheelScroll(container.NewPadded(s.rules)))
	s.ecosystemTab = container.NewTabItem("Ecosystem & review", newWheelScroll(s.buildEcosystem()))
	s.tabs = container.NewAppTabs(s.impactTab, s.partnersTab, s.dealsTab, s.rulesTab, s.ecosystemTab)

	s.box = screenLayout("Activate & measure",
		"What partners bring in, from the CRM exports you already have, and the review cycle that keeps the ecosystem current.",
		s.controls, s.tabs)
	return s
}

// buildControls builds the row above the tabs: the window, with its dates
// when custom, the credit model, and what the figures rest on.
func (s *activateScreen) buildControls() {
	s.window = widget.NewSelect(windowChoices, func(choice string) {
		if s.setting {
			return
		}
		k, _ := core.ParseWindowKind(choice)
		s.editDeals("", func(b *core.DealBook) { b.Window.Kind = k })
		s.ws.say("The figures are now measured over %s.", s.ws.ecosystem().Deals.Window.Label(s.ws.today()))
	})
	s.since = widget.NewDateEntry()
	s.since.SetPlaceHolder("no start")
	s.since.OnChanged = func(t *time.Time) { s.setBound(t, true) }
	s.until = widget.NewDateEntry()
	s.until.SetPlaceHolder("no end")
	s.until.OnChanged = func(t *time.Time) { s.setBound(t, false) }
	date := func(e *widget.DateEntry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(160, e.MinSize().Height), e)
	}
	s.custom = container.NewHBox(widget.NewLabel("from"), date(s.since), widget.NewLabel("to"), date(s.until))
	s.custom.Hide()
	s.model = widget.NewSelect(modelChoices, func(choice string) {
		if s.setting {
			return
		}
		m, _ := core.ParseCreditModel(choice)
		s.editDeals("", func(b *core.DealBook) { b.Model = m })
		s.ws.say("Partners are now credited: %s.", strings.ToLower(m.String()))
	})
	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	wide := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	row := container.NewHBox(widget.NewLabel("Window"), wide(s.window, 160), s.custom, widget.NewSeparator(),
		widget.NewLabel("Credit"), wide(s.model, 250))
	s.controls = container.NewVBox(row, s.summary)
}

// buildEmptyState is what the Impact tab shows before any deal is imported.
func (s *activateScreen) buildEmptyState() fyne.CanvasObject {
	title := subheading("No deals yet")
	text := note("Import an opportunity or deal export (.xlsx or .csv) as Salesforce, HubSpot, Pipedrive or Dynamics write it, or a sheet of your own with the account, stage, amount, dates and the partners on each deal, to see which partners, roles and tiers bring in pipeline and revenue.")
	imp := widget.NewButtonWithIcon("Import deals…", theme.FolderOpenIcon(), s.importDeals)
	imp.Importance = widget.HighImportance
	body := container.NewVBox(widget.NewIcon(theme.InfoIcon()), title, text, container.NewCenter(imp))
	return container.NewCenter(container.New(&fixedWidth{width: 560}, panel(body)))
}

// buildEcosystem is the Ecosystem & review tab: partners per tier, role mix
// and score distribution drawn in the app; the review dates with Mark as
// reviewed; and what changed since the last review.
func (s *activateScreen) buildEcosystem() fyne.CanvasObject {
	s.tiers, s.roles, s.score = newBarChart(false), newBarChart(true), newBarChart(false)
	s.last = widget.NewLabel("")
	s.next = widget.NewLabel("")
	s.mark = widget.NewButtonWithIcon("Mark as reviewed today", theme.ConfirmIcon(), s.markReviewed)
	s.mark.Importance = widget.HighImportance
	s.changesTitle = subheading("What changed since the last review")
	s.changes = widget.NewLabel("")
	s.changes.Wrapping = fyne.TextWrapWord

	chart := func(title string, c *barChart) fyne.CanvasObject {
		return panel(container.NewBorder(subheading(title), nil, nil, nil, c))
	}
	charts := container.NewGridWithColumns(3,
		chart("Partners per tier", s.tiers), chart("Role mix (primary role)", s.roles), chart("Score distribution", s.score))
	review := panel(container.NewVBox(subheading("Review"),
		note("Review the ecosystem at least twice a year. Marking a review keeps the plan as it stands, to compare the next review with."),
		container.NewHBox(s.last, widget.NewSeparator(), s.next), container.NewHBox(s.mark)))
	changes := panel(container.NewBorder(s.changesTitle, nil, nil, nil, newWheelScroll(s.changes)))
	bottom := container.NewBorder(nil, nil, container.New(&fixedWidth{width: 470}, review), nil, changes)
	return container.NewBorder(nil, bottom, nil, nil, charts)
}

func (s *activateScreen) reset() {
	s.deals.reset()
	s.partners.reset()
}

func (s *activateScreen) refresh() {
	s.refreshEcosystem()
	s.refreshControls()
	s.measure()
	s.partners.table.refresh() // the search box filters the partners
}

// showImpact brings the Impact tab forward, as after an import of deals.
func (s *activateScreen) showImpact() { s.tabs.Select(s.impactTab) }

// hasDeals says whether the document has deals to measure.
func (s *activateScreen) hasDeals() bool {
	b := s.ws.ecosystem().Deals
	return b != nil && len(b.Deals) > 0
}

// refreshControls sets the window and the credit model from the document,
// and shows the dashboard, or the empty state when there are no deals.
func (s *activateScreen) refreshControls() {
	tabs := []*container.TabItem{s.partnersTab, s.dealsTab, s.rulesTab}
	if !s.hasDeals() {
		s.impactBody.Objects = []fyne.CanvasObject{s.empty}
		s.impactBody.Refresh()
		if s.controls.Visible() {
			s.controls.Hide()
			s.box.Refresh() // the head is shorter without them
		}
		if sel := s.tabs.Selected(); sel != s.impactTab && sel != s.ecosystemTab {
			s.tabs.Select(s.impactTab)
		}
		for _, t := range tabs {
			s.tabs.DisableItem(t)
		}
		return
	}
	if s.impactBody.Objects[0] != s.dash.box {
		s.impactBody.Objects = []fyne.CanvasObject{s.dash.box}
		s.impactBody.Refresh()
	}
	for _, t := range tabs {
		s.tabs.EnableItem(t)
	}
	if !s.controls.Visible() {
		s.controls.Show()
		s.box.Refresh()
	}
	b := s.ws.ecosystem().Deals
	s.setting = true
	defer func() { s.setting = false }()
	s.window.SetSelected(b.Window.Kind.String())
	s.model.SetSelected(b.Model.String())
	if b.Window.Kind != core.Custom {
		s.custom.Hide()
		return
	}
	s.custom.Show()
	setDate(s.since, b.Window.Since)
	setDate(s.until, b.Window.Until)
}

// setDate shows t in a date entry, or nothing when t is zero, unless the
// entry already shows that date (the user may be typing it).
func setDate(e *widget.DateEntry, t time.Time) {
	switch {
	case t.IsZero() && e.Date != nil:
		e.SetDate(nil)
	case !t.IsZero() && (e.Date == nil || !e.Date.Equal(t)):
		e.SetDate(&t)
	}
}

// setBound sets the custom window's first (since) or last day from a date
// entry; nil leaves that end open.
func (s *activateScreen) setBound(t *time.Time, since bool) {
	if s.setting {
		return
	}
	var day time.Time
	if t != nil {
		day = core.Date(*t)
	}
	key := "deals until"
	if since {
		key = "deals since"
	}
	s.editDeals(key, func(b *core.DealBook) {
		b.Window.Kind = core.Custom
		if since {
			b.Window.Since = day
		} else {
			b.Window.Until = day
		}
	})
}

// editDeals changes how the deals are measured as one step the user can
// undo (key as for workspace.edit). When the scorecard's revenue potential
// follows the deals, it follows the change too.
func (s *activateScreen) editDeals(key string, change func(b *core.DealBook)) {
	today := s.ws.today()
	_ = s.ws.edit(key, func(e *core.Ecosystem) error {
		if e.Deals == nil {
			return fmt.Errorf("there are no deals to measure")
		}
		change(e.Deals)
		e.ApplyMeasuredRevenue(today)
		return nil
	})
}

// show draws the figures measured last.
func (s *activateScreen) show() {
	m := s.m
	switch {
	case !s.hasDeals():
		s.summary.SetText("")
	case m == nil:
		s.summary.SetText("Measuring the deals…")
	default:
		s.summary.SetText(s.restsOn(m))
	}
	s.dash.show(m)
	s.partners.show(m)
	s.deals.show(m)
	if md := s.rulesText(m); md != s.rulesMD {
		s.rulesMD = md
		s.rules.ParseMarkdown(md)
	}
}

// restsOn says what the figures rest on: the deals in the window, the
// attach rate, the currency, the names to fix.
func (s *activateScreen) restsOn(m *measured) string {
	imp := m.impact
	parts := []string{fmt.Sprintf("The figures rest on %s of %s · %s", formatCount(imp.All.Deals), dealCount(imp.Deals),
		m.eco.Deals.Window.Label(s.ws.today()))}
	parts = append(parts, "attach rate "+formatRate(imp.AttachRate))
	switch len(m.currencies) {
	case 0:
	case 1:
		parts = append(parts, "amounts in "+m.currencies[0])
	default:
		parts = append(parts, "amounts added up as written, in "+strings.Join(m.currencies, ", ")+": convert them to one currency in the export")
	}
	if n := len(imp.Unmatched); n > 0 {
		parts = append(parts, fmt.Sprintf("%d partner %s to fix (Deals tab)", n, plural(n, "name", "names")))
	}
	return strings.Join(parts, " · ")
}

// refreshEcosystem draws the Ecosystem & review tab.
func (s *activateScreen) refreshEcosystem() {
	e, ev := s.ws.ecosystem(), s.ws.evaluation()
	var tiers []bar
	for _, t := range core.Tiers {
		tiers = append(tiers, bar{label: string(t), value: ev.Counts[t], colour: tierColour(t)})
	}
	s.tiers.set(tiers)

	counts := map[core.Role]int{}
	for _, p := range e.Partners {
		counts[p.PrimaryRole()]++
	}
	var roles []bar
	for _, r := range append(append([]core.Role(nil), core.Roles...), "") {
		label := r.Label()
		if r == "" {
			if counts[r] == 0 {
				continue
			}
			label = "No role"
		}
		roles = append(roles, bar{label: label, value: counts[r], colour: roleColour(r)})
	}
	s.roles.set(roles)

	var score []bar
	width := 100.0 / core.ScoreBands
	for i, n := range ev.ScoreDistribution() {
		low := float64(i) * width
		score = append(score, bar{label: fmt.Sprint(int(low)), value: n,
			colour: tierColour(e.Thresholds.For(low + width - 0.01))})
	}
	s.score.set(score)

	rv := e.Review
	if rv.Last.IsZero() {
		s.last.SetText("Last review: never")
	} else {
		s.last.SetText("Last review: " + formatDate(rv.Last))
	}
	switch {
	case rv.Next.IsZero():
		s.next.SetText("Next review: not planned")
		s.next.Importance = widget.MediumImportance
	case rv.Overdue(s.ws.today()):
		s.next.SetText("Next review: " + formatDate(rv.Next) + " — overdue")
		s.next.Importance = widget.DangerImportance
	default:
		s.next.SetText("Next review: " + formatDate(rv.Next))
		s.next.Importance = widget.MediumImportance
	}
	s.next.TextStyle.Bold = true
	s.next.Refresh()

	if e.LastReview == nil {
		s.changesTitle.SetText("What changed since the last review")
		s.changes.SetText("No review has been marked yet. Mark this one as reviewed: the next review will show which partners came and went, which moved tier, and which weights changed.")
		return
	}
	s.changesTitle.SetText("What changed since the review of " + formatDate(e.LastReview.Date))
	ch := e.ChangesSince(e.LastReview, *ev)
	if ch.None() {
		s.changes.SetText("Nothing has changed since then.")
		return
	}
	s.changes.SetText("• " + strings.Join(ch.Lines(8), "\n• "))
}

// markReviewed records today's review and keeps the plan as it stands.
func (s *activateScreen) markReviewed() {
	today := s.ws.today()
	s.ws.edit("", func(e *core.Ecosystem) error {
		e.MarkReviewed(today)
		return nil
	})
	s.ws.say("Marked as reviewed on %s; the next review is due %s.", formatDate(today), formatDate(s.ws.ecosystem().Review.Next))
}
