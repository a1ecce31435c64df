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

// activateScreen is the dashboard: partners per tier, role mix and score
// distribution drawn in the app; the review dates with Mark as reviewed;
// and what changed since the last review.
type activateScreen struct {
	ws workspace
	frame
	tiers, roles, score *barChart
	last, next          *widget.Label
	mark                *widget.Button
	changesTitle        *widget.Label
	changes             *widget.Label
}

func newActivateScreen(ws workspace) *activateScreen {
	s := &activateScreen{ws: ws, tiers: newBarChart(false), roles: newBarChart(true), score: newBarChart(false)}
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
		s.last, s.next, container.NewHBox(s.mark)))
	changes := panel(container.NewBorder(s.changesTitle, nil, nil, nil, container.NewVScroll(s.changes)))
	bottom := container.NewBorder(nil, nil, container.New(&fixedWidth{width: 380}, review), nil, changes)
	body := container.NewGridWithRows(2, charts, bottom)
	s.box = screenLayout("Activate & measure",
		"The ecosystem at a glance, and the review cycle that keeps it current.", nil, body)
	return s
}

func (s *activateScreen) refresh() {
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
