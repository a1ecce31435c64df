package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// roleColour tells the roles apart in the role mix; the tier colours stay
// for tiers.
var roleColour = map[core.Role]color.NRGBA{
	core.Technology:  {R: 0x5B, G: 0x4B, B: 0xB7, A: 0xFF},
	core.Channel:     {R: 0x1F, G: 0x8A, B: 0x9E, A: 0xFF},
	core.Service:     {R: 0xB5, G: 0x4A, B: 0x7A, A: 0xFF},
	core.Marketplace: {R: 0x6E, G: 0x8B, B: 0x2E, A: 0xFF},
	core.Influencer:  {R: 0xD0, G: 0x6B, B: 0x3A, A: 0xFF},
	"":               {R: 0x9A, G: 0x9A, B: 0x9A, A: 0xFF},
}

// scoreBands is the number of bands of the score distribution, ten points
// each.
const scoreBands = 10

// activateScreen is the dashboard: partners per tier, role mix and score
// distribution drawn in the app; the review dates with Mark as reviewed;
// and what changed since the last review.
type activateScreen struct {
	w                   *MainWindow
	box                 fyne.CanvasObject
	tiers, roles, score *barChart
	last, next          *widget.Label
	mark                *widget.Button
	changesTitle        *widget.Label
	changes             *widget.Label
}

func newActivateScreen(w *MainWindow) *activateScreen {
	s := &activateScreen{w: w, tiers: newBarChart(false), roles: newBarChart(true), score: newBarChart(false)}
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

func (s *activateScreen) content() fyne.CanvasObject { return s.box }

func (s *activateScreen) reset() {}

func (s *activateScreen) refresh() {
	e, ev := s.w.doc.Ecosystem, s.w.ev
	var tiers []bar
	for _, t := range core.Tiers {
		tiers = append(tiers, bar{label: string(t), value: ev.Counts[t], colour: tierColours[t]})
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
		roles = append(roles, bar{label: label, value: counts[r], colour: roleColour[r]})
	}
	s.roles.set(roles)

	bands := make([]int, scoreBands)
	for _, r := range ev.Results {
		b := min(int(r.Score/(100/scoreBands)), scoreBands-1)
		bands[max(b, 0)]++
	}
	var score []bar
	for i, n := range bands {
		low := float64(i * 100 / scoreBands)
		score = append(score, bar{label: fmt.Sprint(int(low)), value: n,
			colour: tierColours[e.Thresholds.For(low+100/scoreBands-0.01)]})
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
	case rv.Overdue(s.w.now()):
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
	ch := e.ChangesSince(e.LastReview, ev.Evaluation)
	if ch.None() {
		s.changes.SetText("Nothing has changed since then.")
		return
	}
	s.changes.SetText("• " + strings.Join(ch.Lines(8), "\n• "))
}

// markReviewed records today's review and keeps the plan as it stands.
func (s *activateScreen) markReviewed() {
	today := s.w.now()
	s.w.edit("", func(e *core.Ecosystem) error {
		e.MarkReviewed(today)
		return nil
	})
	s.w.setMessage("Marked as reviewed on %s; the next review is due %s.", formatDate(today), formatDate(s.w.doc.Ecosystem.Review.Next))
}
