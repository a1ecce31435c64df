package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// The colours of the three categories a deal counts in, the same in every
// chart: sourced in full, influenced only lighter, no partner grey.
var (
	sourcedColour    = hexColour("#2563EB")
	influencedColour = hexColour("#93C5FD")
	noPartnerColour  = hexColour("#9CA3AF")
	// segmentSample stands for a segment's own colour in the legends of
	// the charts by tier, role and partner: full for sourced, light for
	// influenced.
	segmentSample = hexColour("#6B7280")
)

// influencedTint is how much lighter the influenced part of a bar is than
// the sourced part.
const influencedTint = 0.55

// topPartners is how many partners the Top partners chart shows.
const topPartners = 10

// dashboard is the Impact tab: the headline figures in tiles, each with its
// formula and how many deals it rests on (Fyne has no tooltips: a note
// under each figure says it), and the charts of revenue by tier, by role,
// by partner and by quarter.
type dashboard struct {
	ws    workspace
	tiles struct {
		sourcedPipeline, influencedPipeline, sourcedRevenue, influencedRevenue *kpiTile
		winRate, cycle, acv, nrr                                               *kpiTile
	}
	byTier, byRole, top, quarters *stackedChart
	box                           fyne.CanvasObject
}

// kpiTile is one headline figure: what it is, its value, a line that
// compares or counts, and a note with its formula.
type kpiTile struct {
	title, value, line, note *widget.Label
	box                      fyne.CanvasObject
}

func newKPITile(title string) *kpiTile {
	k := &kpiTile{title: widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	k.title.Truncation = fyne.TextTruncateEllipsis
	k.value = widget.NewLabelWithStyle(noFigure, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	k.value.SizeName = theme.SizeNameSubHeadingText
	k.value.Truncation = fyne.TextTruncateEllipsis
	k.line = widget.NewLabel("")
	k.line.Wrapping = fyne.TextWrapWord
	k.note = widget.NewLabel("")
	k.note.Wrapping = fyne.TextWrapWord
	k.note.SizeName = theme.SizeNameCaptionText
	info := container.NewVBox(container.NewPadded(container.NewGridWrap(fyne.NewSize(12, 12), widget.NewIcon(theme.InfoIcon()))))
	k.box = panel(lines(k.title, k.value, k.line, container.NewBorder(nil, nil, info, nil, tight(k.note))))
	return k
}

// set shows a tile's value, its line and its note.
func (k *kpiTile) set(value, line, note string) {
	k.value.SetText(value)
	k.line.SetText(line)
	k.note.SetText(note)
}

func newDashboard(ws workspace) *dashboard {
	d := &dashboard{ws: ws}
	t := &d.tiles
	t.sourcedPipeline = newKPITile("Sourced pipeline")
	t.influencedPipeline = newKPITile("Influenced pipeline")
	t.sourcedRevenue = newKPITile("Sourced revenue")
	t.influencedRevenue = newKPITile("Influenced revenue")
	t.winRate = newKPITile("Win rate, partners vs none")
	t.cycle = newKPITile("Sales cycle, partners vs none")
	t.acv = newKPITile("Average ACV")
	t.nrr = newKPITile("NRR, partner vs other accounts")
	tiles := container.NewGridWithColumns(4,
		t.sourcedPipeline.box, t.influencedPipeline.box, t.sourcedRevenue.box, t.influencedRevenue.box,
		t.winRate.box, t.cycle.box, t.acv.box, t.nrr.box)

	d.byTier = newStackedChart(false, formatShort)
	d.byRole = newStackedChart(true, formatShort)
	d.top = newStackedChart(true, formatShort)
	d.top.empty = "No partner has won revenue in the window."
	d.quarters = newStackedChart(false, formatShort)
	d.quarters.empty = "No deal was won in the window."
	segments := legend(legendItem{segmentSample, "Sourced"}, legendItem{tint(segmentSample, influencedTint), "Influenced"})
	chart := func(title string, key fyne.CanvasObject, c fyne.CanvasObject, height float32) fyne.CanvasObject {
		head := container.NewBorder(nil, nil, subheading(title), key)
		return panel(container.NewBorder(head, nil, nil, nil, container.New(&minHeight{height: height}, c)))
	}
	row1 := container.NewGridWithColumns(2,
		chart("Revenue by tier", segments, d.byTier, 220),
		chart("Revenue by role (primary)", legend(legendItem{segmentSample, "Sourced"}, legendItem{tint(segmentSample, influencedTint), "Influenced"}), d.byRole, 220))
	row2 := container.NewGridWithColumns(2,
		chart("Top partners by revenue", legend(legendItem{segmentSample, "Sourced"}, legendItem{tint(segmentSample, influencedTint), "Influenced"}), d.top, 280),
		chart("Revenue won per quarter", legend(legendItem{sourcedColour, "Sourced"}, legendItem{influencedColour, "Influenced only"},
			legendItem{noPartnerColour, "No partner"}), d.quarters, 280))
	d.box = newWheelScroll(container.NewVBox(tiles, row1, row2))
	return d
}

// show draws the figures of m; nil shows dashes until they arrive.
func (d *dashboard) show(m *measured) {
	t := &d.tiles
	all := []*kpiTile{t.sourcedPipeline, t.influencedPipeline, t.sourcedRevenue, t.influencedRevenue, t.winRate, t.cycle, t.acv, t.nrr}
	if m == nil {
		for _, k := range all {
			k.set(noFigure, "", "")
		}
		for _, c := range []*stackedChart{d.byTier, d.byRole, d.top, d.quarters} {
			c.set(nil)
		}
		return
	}
	imp := m.impact
	sp, io, np := imp.Sourced, imp.InfluencedOnly, imp.NoPartner
	t.sourcedPipeline.set(formatShort(sp.Pipeline), openDeals(sp.Open),
		"Open deals a partner sourced, created in the window.")
	t.influencedPipeline.set(formatShort(io.Pipeline), openDeals(io.Open),
		"Open deals with partners attached, none sourcing.")
	t.sourcedRevenue.set(formatShort(sp.Revenue), wonDeals(sp.Won),
		"Won deals a partner sourced, closed in the window.")
	t.influencedRevenue.set(formatShort(io.Revenue), wonDeals(io.Won),
		"Won deals with partners attached, none sourcing.")
	wp := imp.WithPartner
	t.winRate.set(formatRate(wp.WinRate)+" vs "+formatRate(np.WinRate),
		fmt.Sprintf("With partners vs without: %s · sourced %s · influenced %s", times(imp.Lift.WinRate), formatRate(sp.WinRate), formatRate(io.WinRate)),
		fmt.Sprintf("Won ÷ (won + lost); %s closed with partners, %s without.", formatCount(wp.Won+wp.Lost), formatCount(np.Won+np.Lost)))
	t.cycle.set(formatDays(wp.MedianCycleDays)+" vs "+formatDays(np.MedianCycleDays),
		fmt.Sprintf("With partners vs without: %s · sourced %s · influenced %s", shorter(imp.Lift.CycleDays), formatDays(sp.MedianCycleDays), formatDays(io.MedianCycleDays)),
		fmt.Sprintf("Median days from creation to close of the won deals; %s won with partners, %s without.", formatCount(wp.Won), formatCount(np.Won)))
	t.acv.set(formatShort(imp.All.ACV),
		fmt.Sprintf("Sourced %s · influenced %s · none %s", formatShort(sp.ACV), formatShort(io.ACV), formatShort(np.ACV)),
		fmt.Sprintf("Amount ÷ contract years (else the amount), mean of %s won.", formatCount(imp.All.Won)))
	r := imp.Retention
	from := "the deals' types"
	if r.FromRevenueFile {
		from = "the account revenue file"
	}
	t.nrr.set(formatRate(r.Partner.Rate)+" vs "+formatRate(r.Other.Rate),
		fmt.Sprintf("%s partner %s · %s other", formatCount(r.Partner.Accounts), plural(r.Partner.Accounts, "account", "accounts"), formatCount(r.Other.Accounts)),
		"(Start + expansion - contraction - churn) ÷ start ARR, from "+from+".")

	d.byTier.set(d.tierStacks(imp))
	d.byRole.set(roleStacks(imp))
	d.top.set(d.partnerStacks(m))
	var quarters []stack
	for _, q := range imp.Quarters {
		quarters = append(quarters, stack{label: q.Label, parts: []float64{q.Sourced, q.InfluencedOnly, q.NoPartner},
			colours: []color.Color{sourcedColour, influencedColour, noPartnerColour}})
	}
	d.quarters.set(quarters)
}

// twofoldStack is a segment's bar: sourced revenue in the segment's colour,
// influenced revenue lighter.
func twofoldStack(label string, tf *core.Twofold, c color.Color) stack {
	s := stack{label: label, parts: []float64{0, 0}, colours: []color.Color{c, tint(c, influencedTint)}}
	if tf != nil {
		s.parts = []float64{tf.Sourced.Revenue, tf.Influenced.Revenue}
	}
	return s
}

func (d *dashboard) tierStacks(imp *core.Impact) []stack {
	var out []stack
	for _, t := range core.Tiers {
		out = append(out, twofoldStack(string(t), imp.Tiers[t], tierColour(t)))
	}
	return out
}

func roleStacks(imp *core.Impact) []stack {
	var out []stack
	for _, r := range core.Roles {
		out = append(out, twofoldStack(r.Label(), imp.Roles[r], roleColour(r)))
	}
	if tf := imp.Roles[""]; tf != nil {
		out = append(out, twofoldStack("No role", tf, roleColour("")))
	}
	return out
}

// partnerStacks are the partners that brought the most revenue, sourced and
// influenced, in their tier's colour.
func (d *dashboard) partnerStacks(m *measured) []stack {
	imp := m.impact
	revenue := func(i int) float64 { return imp.Partners[i].Sourced.Revenue + imp.Partners[i].Influenced.Revenue }
	var idx []int
	for i := range imp.Partners {
		if revenue(i) > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(revenue(b), revenue(a)) })
	results := d.ws.evaluation().Results
	var out []stack
	for _, i := range idx[:min(len(idx), topPartners)] {
		c := color.Color(segmentSample)
		if i < len(results) && len(results) == len(m.eco.Partners) {
			c = tierColour(results[i].Tier)
		}
		out = append(out, twofoldStack(m.eco.Partners[i].Name, &imp.Partners[i], c))
	}
	return out
}

func openDeals(n int) string { return "from " + formatCount(n) + " open " + plural(n, "deal", "deals") }
func wonDeals(n int) string  { return "from " + formatCount(n) + " won " + plural(n, "deal", "deals") }

// times writes a lift of rates: "1.40× as often".
func times(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return noFigure
	}
	return fmt.Sprintf("%.2f× as often", r)
}

// shorter writes a lift of cycles, in days: "12 days shorter".
func shorter(days float64) string {
	switch {
	case math.IsNaN(days) || math.IsInf(days, 0):
		return noFigure
	case math.Round(days) == 0:
		return "as long"
	case days > 0:
		return fmt.Sprintf("%.0f %s shorter", days, plural(int(math.Round(days)), "day", "days"))
	}
	return fmt.Sprintf("%.0f %s longer", -days, plural(int(math.Round(-days)), "day", "days"))
}

// minHeight lays its objects out over the whole space, at least height
// high: a chart that needs room to read.
type minHeight struct{ height float32 }

func (m *minHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, m.height)
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (m *minHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
