package planbook

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// The labels of the Measurement sheet's rules, which the reader finds them
// by, and the headers of its tables.
const (
	measureTitle      = "Activate & measure: what partners bring in"
	ruleModel         = "Credit model"
	ruleWindow        = "Window"
	ruleSince         = "Since"
	ruleUntil         = "Until"
	ruleRevenue       = "Revenue potential from measured revenue"
	ruleDealRows      = "Deal rows in this workbook"
	ruleExports       = "Deal exports"
	totalsAll         = "All deals"
	partnerRevenue    = "Brought (sourced + influenced revenue)"
	partnerCriterion  = "Criterion"
	revenueFrom       = "Revenue potential from"
	revenueTyped      = "Typed value"
	revenueFromDeals  = "Deals"
	fixWritten        = "Name as the exports write it"
	fixPartner        = "Means partner"
	unmatchedName     = "Name on the deals"
	stageHeader       = "Stage"
	stageOutcome      = "Outcome"
	dealRowsLeftOut   = "No: totals only"
	dealRowsIncluded  = "Yes"
	nrrFromDealTypes  = "the deals' types"
	nrrFromRevenue    = "the account revenue file"
	measureFirstWidth = 40
)

// writeMeasurement writes the Measurement sheet: the rules, the totals, the
// figures per tier, role and partner, the quarters, the stages, the names
// that match no partner and the user's fixes, with native charts of
// revenue by tier, role and quarter.
func (b *book) writeMeasurement(m *core.Impact, l *dealLayout, stages []string, outcome map[string]core.Outcome) error {
	st, db := b.st, b.e.Deals
	var sr sheetRows
	sr.add(styled(st.title, measureTitle))
	how := "The figures are live formulas over the Deals sheet: change a deal's stage, amount, dates or partners there, or the rules below, and they follow."
	if !b.formulas {
		how = "The deal rows were left out of this workbook, so the figures are the totals as Partner Atlas measured them; they do not change with edits."
	}
	sr.add(styled(st.note, fmt.Sprintf("%s Written by Partner Atlas on %s.", how, core.Date(b.opt.Today).Format("2 January 2006"))))
	sr.add()
	sr.add(styled(st.section, "Rules"), styled(st.section, nil))
	modelRow := sr.add(styled(st.label, ruleModel), db.Model.String(), styled(st.note, db.Model.Explain()))
	since, until := db.Window.Range(b.opt.Today)
	sr.add(styled(st.label, ruleWindow), db.Window.Kind.String(), styled(st.note, "This year and Last 12 months are the dates below on the day the workbook was written; change them to measure another period."))
	dateOr := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return styled(st.date, t)
	}
	sinceRow := sr.add(styled(st.label, ruleSince), dateOr(since), styled(st.note, "Blank: from the first deal."))
	untilRow := sr.add(styled(st.label, ruleUntil), dateOr(until), styled(st.note, "Blank: to the last deal."))
	sr.add(styled(st.label, ruleRevenue), YesNo(db.RevenueFromDeals))
	rowsText := dealRowsIncluded
	if !b.formulas {
		rowsText = dealRowsLeftOut
	}
	sr.add(styled(st.label, ruleDealRows), rowsText)
	sr.add(styled(st.label, ruleExports), strings.Join(db.Files, "; "))
	for _, rule := range core.MeasurementRules(m != nil && m.Retention.FromRevenueFile) {
		sr.add(nil, styled(st.note, rule))
	}
	sr.add()
	if m == nil {
		// A book without deals (left out, or all removed) keeps its rules.
		b.measureNames(&sr, nil)
		return b.streamMeasurement(sr, modelRow, sinceRow, untilRow, 0, nil)
	}

	sr.add(styled(st.section, "Totals"), styled(st.section, nil))
	sr.add(headerCells(st.header, append([]string{""}, figureHeaders...))...)
	totals := map[string]int{}
	for _, t := range []struct {
		label string
		set   dealSet
		f     core.Figures
	}{
		{totalsAll, allSet(), m.All},
		{core.SourcedDeal.String(), categorySet(core.SourcedDeal), m.Sourced},
		{core.InfluencedOnly.String(), categorySet(core.InfluencedOnly), m.InfluencedOnly},
		{core.NoPartner.String(), categorySet(core.NoPartner), m.NoPartner},
	} {
		r := len(sr.rows) + 1
		totals[t.label] = r
		sr.add(append([]any{styled(st.label, t.label)}, b.figureCells(t.set, r, 1, t.f)...)...)
	}
	sr.add()
	b.measureKeyFigures(&sr, m, totals)
	// Room for the charts, side by side.
	chartRow := len(sr.rows) + 1
	for i := 0; i < 17; i++ {
		sr.add()
	}
	tierHead, tierRows := b.measureSegments(&sr, m, l, true)
	roleHead, roleRows := b.measureSegments(&sr, m, l, false)
	b.measurePartners(&sr, m, l)
	quarterHead, quarters := b.measureQuarters(&sr, m)
	stagesHead := b.measureStages(&sr, stages, outcome)
	b.measureNames(&sr, m)
	if err := b.measureCharts(chartRow, tierHead, tierRows, roleHead, roleRows, quarterHead, quarters); err != nil {
		return err
	}
	return b.streamMeasurement(sr, modelRow, sinceRow, untilRow, stagesHead, stages)
}

// streamMeasurement names the rules' cells for the formulas, adds the
// lists to choose from and writes the sheet's rows.
func (b *book) streamMeasurement(sr sheetRows, modelRow, sinceRow, untilRow, stagesHead int, stages []string) error {
	if b.formulas {
		for name, r := range map[string]int{nameModel: modelRow, nameSince: sinceRow, nameUntil: untilRow} {
			if err := b.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: abs(SheetMeasurement, "B", r)}); err != nil {
				return err
			}
		}
		if len(stages) > 0 {
			if err := b.f.SetDefinedName(&excelize.DefinedName{Name: nameStages,
				RefersTo: fmt.Sprintf("%s:$B$%d", abs(SheetMeasurement, "A", stagesHead+1), stagesHead+len(stages))}); err != nil {
				return err
			}
		}
	}
	if err := b.measureValidations(modelRow, stagesHead, len(stages)); err != nil {
		return err
	}
	widths := []float64{measureFirstWidth}
	for i := 0; i < 2*len(figureHeaders)+8; i++ {
		widths = append(widths, 13)
	}
	s, err := b.stream(SheetMeasurement, widths...)
	if err != nil {
		return err
	}
	if err := s.addAll(sr.rows); err != nil {
		return err
	}
	return s.flush()
}

// measureKeyFigures writes the attach rate, the lift of partner deals over
// the others and net revenue retention.
func (b *book) measureKeyFigures(sr *sheetRows, m *core.Impact, totals map[string]int) {
	st := b.st
	nan := func(v float64) any {
		if math.IsNaN(v) {
			return ""
		}
		return v
	}
	fig := func(label string, i int) string { return cell(1+i, totals[label]) }
	s, in, none, all := core.SourcedDeal.String(), core.InfluencedOnly.String(), core.NoPartner.String(), totalsAll
	const deals, won, lost, median, average = 0, 1, 2, 7, 8
	wonPartner := fmt.Sprintf("(%s+%s)", fig(s, won), fig(in, won))
	closedPartner := fmt.Sprintf("(%s+%s+%s+%s)", fig(s, won), fig(in, won), fig(s, lost), fig(in, lost))
	wonAmount := func(label string) string { return fmt.Sprintf("%s*%s", fig(label, average), fig(label, won)) }
	partnerCycle := fmt.Sprintf(`IFERROR(MEDIAN(IF((%s=TRUE)*(%s="%s")*ISNUMBER(%s)*(%s<>"%s"),%s)),"")`,
		dc(dealMeasured), dc(dealOutcome), core.Won, dc(dealCycle), dc(dealCategory), core.NoPartner, dc(dealCycle))
	rows := []struct {
		label, formula string
		value          any
		style          int
		note           string
	}{
		{"Attach rate", fmt.Sprintf(`IF(%s>0,(%s+%s)/%s,"")`, fig(all, deals), fig(s, deals), fig(in, deals), fig(all, deals)),
			nan(m.AttachRate), st.percent, "Deals with a partner attached ÷ all deals."},
		{"Win rate with partners ÷ without", fmt.Sprintf(`IFERROR(IF(%s>0,(%s/%s)/%s,""),"")`, fig(none, 6), wonPartner, closedPartner, fig(none, 6)),
			nan(m.Lift.WinRate), st.score, "The win rate of sourced and influenced deals over that of deals without a partner."},
		{"Won deal size with partners ÷ without", fmt.Sprintf(`IFERROR(IF(AND(%s>0,%s>0),((IF(%s>0,%s,0)+IF(%s>0,%s,0))/%s)/%s,""),"")`,
			wonPartner, fig(none, won), fig(s, won), wonAmount(s), fig(in, won), wonAmount(in), wonPartner, fig(none, average)),
			nan(m.Lift.DealSize), st.score, "The average won deal with a partner over the average won deal without one."},
		{"Days shorter with partners", fmt.Sprintf(`IFERROR(%s-%s,"")`, fig(none, median), partnerCycle),
			nan(m.Lift.CycleDays), st.score, "The median cycle without a partner minus the median cycle with one."},
	}
	sr.add(styled(st.section, "Partners against the baseline"), styled(st.section, nil))
	for _, k := range rows {
		c := excelize.Cell{StyleID: k.style, Value: k.value}
		r := len(sr.rows) + 1
		if b.formulas {
			c.Formula = k.formula
			if strings.Contains(k.formula, "MEDIAN(IF(") {
				b.arrays[SheetMeasurement] = append(b.arrays[SheetMeasurement], cell(1, r))
			}
		}
		sr.add(styled(st.label, k.label), c, styled(st.note, k.note))
	}
	from := nrrFromDealTypes
	if m.Retention.FromRevenueFile {
		from = nrrFromRevenue
	}
	sr.add()
	sr.add(styled(st.section, "Net revenue retention"), styled(st.section, nil))
	sr.add(nil, styled(st.note, fmt.Sprintf("(starting ARR + expansion − contraction − churn) ÷ starting ARR, from %s, worked out by Partner Atlas when the workbook was written: these figures do not follow edits. Partner accounts are those with a deal a partner sourced or influenced.", from)))
	sr.add(headerCells(st.header, []string{"", "Accounts", "Starting ARR", "Expansion", "Contraction", "Churn", "NRR"})...)
	for _, n := range []struct {
		label string
		nrr   core.NRR
	}{{"Partner accounts", m.Retention.Partner}, {"Other accounts", m.Retention.Other}} {
		sr.add(styled(st.label, n.label), n.nrr.Accounts, styled(st.money, n.nrr.Start), styled(st.money, n.nrr.Expansion),
			styled(st.money, n.nrr.Contraction), styled(st.money, n.nrr.Churn), styled(st.percent, nan(n.nrr.Rate)))
	}
	sr.add()
}

// measureSegments writes the figures of each tier (or role) and returns
// the header's row and the number of rows.
func (b *book) measureSegments(sr *sheetRows, m *core.Impact, l *dealLayout, tiers bool) (head, n int) {
	st := b.st
	title, first := "By role (primary role)", "Role"
	labels := roleLabels()
	if tiers {
		title, first, labels = "By tier", "Tier", tierLabels()
	}
	sr.add(styled(st.section, title), styled(st.section, nil))
	sr.add(nil, styled(st.note, "A segment sources a deal its sourcing partner belongs to and influences a deal one of its partners influences, once however many of them; its pipeline and revenue are its partners' credits."))
	headers := append(append([]string{first}, sideHeaders("Sourced")...), sideHeaders("Influenced")...)
	if tiers {
		headers = append(headers, "Revenue (sourced + influenced)", "Win rate (sourced or influenced)")
	}
	head = sr.add(headerCells(st.header, headers)...)
	for i, label := range labels {
		var tf core.Twofold
		if tiers {
			if x := m.Tiers[core.Tiers[i]]; x != nil {
				tf = *x
			}
		} else if x := m.Roles[core.Roles[i]]; x != nil {
			tf = *x
		}
		r := len(sr.rows) + 1
		sourced, influenced := l.segmentSets(label, tiers)
		cells := append([]any{styled(st.label, label)}, b.segmentCells(sourced, influenced, r, tf)...)
		if tiers {
			y := m.Backtest.Tiers[core.Tiers[i]]
			rev := excelize.Cell{StyleID: st.money, Value: y.Revenue}
			rate := excelize.Cell{StyleID: st.percent, Value: ""}
			if !math.IsNaN(y.WinRate) {
				rate.Value = y.WinRate
			}
			if b.formulas {
				f := func(side, i int) string { return cell(1+side*len(figureHeaders)+i, r) }
				rev.Formula = fmt.Sprintf("%s+%s", f(0, 5), f(1, 5))
				won := fmt.Sprintf("(%s+%s)", f(0, 1), f(1, 1))
				rate.Formula = fmt.Sprintf(`IF(%s+%s+%s>0,%s/(%s+%s+%s),"")`, won, f(0, 2), f(1, 2), won, won, f(0, 2), f(1, 2))
			}
			cells = append(cells, rev, rate)
		}
		sr.add(cells...)
	}
	sr.add()
	return head, len(labels)
}

// measurePartners writes every partner's figures, the most revenue first,
// the ranks the backtest correlates, and where its revenue potential comes
// from; then the backtest.
func (b *book) measurePartners(sr *sheetRows, m *core.Impact, l *dealLayout) {
	st, e, db := b.st, b.e, b.e.Deals
	sr.add(styled(st.section, "Per partner"), styled(st.section, nil))
	sr.add(nil, styled(st.note, db.Model.Explain()))
	headers := append(append(append([]string{colPartner, colPrimary, colTier, colScore}, sideHeaders("Sourced")...), sideHeaders("Influenced")...),
		partnerRevenue, "Score rank", "Revenue rank", revenueFrom, revenueTyped, partnerCriterion)
	head := sr.add(headerCells(st.header, headers)...)
	order := make([]int, len(e.Partners))
	brought := make([]float64, len(e.Partners))
	for i := range order {
		order[i] = i
		brought[i] = m.Partners[i].Sourced.Revenue + m.Partners[i].Influenced.Revenue
	}
	sort.SliceStable(order, func(a, c int) bool { return brought[order[a]] > brought[order[c]] })
	first, last := head+1, head+max(1, len(order))
	const figs = 4 // the first figure column
	broughtCol, scoreRankCol, revenueRankCol := figs+2*len(figureHeaders), figs+2*len(figureHeaders)+1, figs+2*len(figureHeaders)+2
	criterionCol := len(headers) - 1
	colRange := func(c int) string { return fmt.Sprintf("$%s$%d:$%s$%d", col(c), first, col(c), last) }
	scoreRanks, revenueRanks := core.Ranks(b.scores()), core.Ranks(brought)
	for _, i := range order {
		p := e.Partners[i]
		r := len(sr.rows) + 1
		name := cell(0, r)
		criterion := cell(criterionCol, r)
		sourced, influenced := l.partnerSets(name, criterion)
		lookupCell := func(what string, v any, style int) any {
			c := excelize.Cell{Value: v, StyleID: style}
			if b.formulas {
				c.Formula = lookup(name, what)
				if what == colScore {
					c.Formula = fmt.Sprintf(`IFERROR(INDEX(%s,MATCH(%s,%s,0)),"")`, tableColumn(partnersTbl, colScore), escapeCriterion(name), tableColumn(partnersTbl, colPartner))
				}
			}
			return c
		}
		cells := []any{text(p.Name), lookupCell(colPrimary, p.PrimaryRole().Label(), 0), lookupCell(colTier, b.partnerTier(i), 0),
			lookupCell(colScore, b.ev.Results[i].Score, st.score)}
		cells = append(cells, b.figureCells(sourced, r, figs, m.Partners[i].Sourced)...)
		cells = append(cells, b.figureCells(influenced, r, figs+len(figureHeaders), m.Partners[i].Influenced)...)
		rank := func(c int, ranks []float64) any {
			out := excelize.Cell{Value: ranks[i], StyleID: st.score}
			if b.formulas {
				out.Formula = fmt.Sprintf("_xlfn.RANK.AVG(%s,%s,1)", cell(c, r), colRange(c))
			}
			return out
		}
		total := excelize.Cell{Value: brought[i], StyleID: st.money}
		if b.formulas {
			total.Formula = fmt.Sprintf("%s+%s", cell(figs+5, r), cell(figs+len(figureHeaders)+5, r))
		}
		from, typed := any(nil), any(nil)
		key := core.NormaliseName(p.Name)
		switch {
		case db.RevenuePotential.Typed[key]:
			from = revenueTyped
		case db.RevenuePotential.FromData[key]:
			from = revenueFromDeals
			if v, ok := db.RevenuePotential.TypedValues[key]; ok {
				typed = v
			}
		}
		crit := excelize.Cell{Value: "=" + criterionText(p.Name)}
		if b.formulas {
			crit.Formula = `"="&` + escapeCriterion(name)
		}
		cells = append(cells, total, rank(3, scoreRanks), rank(broughtCol, revenueRanks), from, typed, crit)
		sr.add(cells...)
	}
	if len(order) == 0 {
		sr.add()
	}
	sr.add()
	bt := m.Backtest
	corr := excelize.Cell{Value: "", StyleID: st.score}
	if !math.IsNaN(bt.RankCorrelation) {
		corr.Value = bt.RankCorrelation
	}
	if b.formulas {
		corr.Formula = fmt.Sprintf(`IF(AND(COUNT(%s)>=3,SUM(%s)>0),IFERROR(CORREL(%s,%s),""),"")`,
			colRange(scoreRankCol), colRange(broughtCol), colRange(scoreRankCol), colRange(revenueRankCol))
	}
	sr.add(styled(st.section, "Does the scorecard predict what partners bring?"), styled(st.section, nil))
	sr.add(styled(st.label, "Rank correlation of score with revenue"), corr,
		styled(st.note, "Spearman's ρ: the correlation of the partners' score ranks with their revenue ranks (sourced + influenced). 1: the scorecard ranks partners as their revenue does; 0: it says nothing."))
	sr.add(styled(st.label, "Verdict"), bt.Verdict())
	sr.add()
}

// scores are the partners' scores, in the ecosystem's order.
func (b *book) scores() []float64 {
	out := make([]float64, len(b.ev.Results))
	for i, r := range b.ev.Results {
		out[i] = r.Score
	}
	return out
}

// criterionText is a name as a COUNTIFS criterion matching itself only.
func criterionText(s string) string {
	return strings.NewReplacer("~", "~~", "*", "~*", "?", "~?").Replace(s)
}

// measureQuarters writes the revenue won per quarter, by category, and
// returns the header's row and the number of quarters. The rows run over
// every quarter of the book's won deals, not only the window's, so a
// window changed in the spreadsheet finds its quarters.
func (b *book) measureQuarters(sr *sheetRows, m *core.Impact) (head, n int) {
	st := b.st
	sr.add(styled(st.section, "Revenue per quarter"), styled(st.section, nil))
	cats := []core.Category{core.SourcedDeal, core.InfluencedOnly, core.NoPartner}
	head = sr.add(headerCells(st.header, []string{"Quarter", cats[0].String(), cats[1].String(), cats[2].String()})...)
	byLabel := map[string]core.Quarter{}
	for _, q := range m.Quarters {
		byLabel[q.Label] = q
	}
	first, last := math.MaxInt, math.MinInt
	for _, d := range b.e.Deals.Deals {
		if d.Outcome == core.Won && d.Type.Sale() && !d.Closed.IsZero() {
			k := d.Closed.Year()*4 + (int(d.Closed.Month())-1)/3
			first, last = min(first, k), max(last, k)
		}
	}
	for k := first; k <= last; k++ {
		y, n := k/4, k%4+1
		q := byLabel[core.QuarterLabel(y, n)]
		from := fmt.Sprintf("DATE(%d,%d,1)", y, 3*n-2)
		to := fmt.Sprintf("DATE(%d,%d,1)", y, 3*n+1) // DATE rolls month 13 over to January
		cells := []any{core.QuarterLabel(y, n)}
		for i, v := range []float64{q.Sourced, q.InfluencedOnly, q.NoPartner} {
			c := excelize.Cell{StyleID: st.money, Value: v}
			if b.formulas {
				c.Formula = fmt.Sprintf(`SUMIFS(%s,%s,%s,%s,"%s",%s,">="&%s,%s,"<"&%s)`, dc(dealAmount), measured, outcomeIs(core.Won),
					dc(dealCategory), cats[i], dc(dealClosed), from, dc(dealClosed), to)
			}
			cells = append(cells, c)
		}
		sr.add(cells...)
	}
	sr.add()
	return head, max(0, last-first+1)
}

// measureStages writes the stages and the outcome each stands for, which
// the Deals sheet's Outcome column looks up, and returns the header's row.
func (b *book) measureStages(sr *sheetRows, stages []string, outcome map[string]core.Outcome) int {
	st := b.st
	sr.add(styled(st.section, "Stages"), styled(st.section, nil))
	sr.add(nil, styled(st.note, "The outcome each stage of the exports stands for. Change one (Won, Lost or Open) and every deal at that stage follows."))
	head := sr.add(headerCells(st.header, []string{stageHeader, stageOutcome})...)
	for _, s := range stages {
		sr.add(s, outcome[s].String())
	}
	sr.add()
	return head
}

// measureNames writes the partner names on deals that match no partner,
// and the fixes the user made.
func (b *book) measureNames(sr *sheetRows, m *core.Impact) {
	st, db := b.st, b.e.Deals
	switch {
	case m == nil:
	case len(m.Unmatched) == 0:
		sr.add(styled(st.section, "Partner names on deals that match no partner"), styled(st.section, nil))
		sr.add(nil, styled(st.note, "None: every partner named on a deal is a partner of the ecosystem."))
	default:
		sr.add(styled(st.section, "Partner names on deals that match no partner"), styled(st.section, nil))
		sr.add(nil, styled(st.note, "Their deals count as sourced or influenced, but for no partner of the ecosystem. Fix them in Partner Atlas, or add a line to the fixes below."))
		sr.add(headerCells(st.header, []string{unmatchedName, "Deals", "Did you mean"})...)
		for _, u := range m.Unmatched {
			sr.add(u.Name, u.Deals, text(u.Suggestion))
		}
	}
	sr.add()
	sr.add(styled(st.section, "Name fixes"), styled(st.section, nil))
	sr.add(nil, styled(st.note, "A partner name as the deal exports write it (once normalised: lower case, without legal forms), and the partner it means. Partner Atlas applies them to every deal export it imports."))
	sr.add(headerCells(st.header, []string{fixWritten, fixPartner})...)
	keys := make([]string, 0, len(db.Aliases))
	for k := range db.Aliases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sr.add(k, db.Aliases[k])
	}
}

// readMeasurement restores the rules of the deal book from the Measurement
// sheet: the credit model, the window, whether revenue potential comes from
// the deals and for which partners, whether deal rows are kept, and the
// user's name fixes. exported is the day the workbook was written, which
// the window's relative kinds were worked out on.
func (pr *reader) readMeasurement(exported time.Time) *core.DealBook {
	sheet := pr.sheetNamed(SheetMeasurement)
	if sheet == "" {
		return nil
	}
	rows, err := pr.rawRows(sheet, 0)
	if err != nil {
		pr.problem(importers.BadFile, sheet, 0, "", "the Measurement sheet cannot be read (%v), so the attribution rules and window were not restored.", err)
		return nil
	}
	b := &core.DealBook{}
	if v, ok := labelled(rows, ruleModel); ok {
		if b.Model, ok = core.ParseCreditModel(v); !ok {
			pr.problem(importers.BadValue, sheet, 0, "", "the credit model %q is not one Partner Atlas knows; deals are credited with the whole amount.", v)
		}
	}
	if v, ok := labelled(rows, ruleWindow); ok {
		b.Window.Kind, _ = core.ParseWindowKind(v)
	}
	var since, until time.Time
	for _, d := range []struct {
		label string
		dst   *time.Time
	}{{ruleSince, &since}, {ruleUntil, &until}} {
		if v, ok := labelled(rows, d.label); ok {
			t, ok := date(v)
			if !ok {
				pr.problem(importers.BadValue, sheet, 0, "", "the %s date %q cannot be read; the window is left open at that end.", strings.ToLower(d.label), v)
			}
			*d.dst = t
		}
	}
	// The relative kinds stand when their dates are those of the day the
	// workbook was written; dates changed in Excel make a custom window.
	if s, u := b.Window.Range(exported); b.Window.Kind == core.Custom || exported.IsZero() || !s.Equal(since) || !u.Equal(until) {
		if b.Window.Kind != core.AllTime || !since.IsZero() || !until.IsZero() {
			b.Window = core.Window{Kind: core.Custom, Since: since, Until: until}
		}
	}
	if v, ok := labelled(rows, ruleRevenue); ok {
		b.RevenueFromDeals = fold(v) == "yes"
	}
	if v, ok := labelled(rows, ruleDealRows); ok {
		b.LeaveDealsOut = fold(v) == fold(dealRowsLeftOut)
	}
	if h, ok := findLabels(rows, fixWritten, fixPartner); ok {
		idx := indexHeader(rows[h])
		for _, r := range rows[h+1:] {
			if importers.IsBlank(r) {
				break
			}
			written, partner := idx.cell(r, fixWritten), idx.cell(r, fixPartner)
			if key := core.NormaliseName(written); key != "" && partner != "" {
				if b.Aliases == nil {
					b.Aliases = map[string]string{}
				}
				b.Aliases[key] = partner
			}
		}
	}
	if h, ok := findLabels(rows, colPartner, revenueFrom, revenueTyped); ok {
		idx := indexHeader(rows[h])
		for _, r := range rows[h+1:] {
			if importers.IsBlank(r) {
				break
			}
			key := core.NormaliseName(idx.cell(r, colPartner))
			if key == "" {
				continue
			}
			d := &b.RevenuePotential
			switch fold(idx.cell(r, revenueFrom)) {
			case fold(revenueTyped):
				if d.Typed == nil {
					d.Typed = map[string]bool{}
				}
				d.Typed[key] = true
			case fold(revenueFromDeals):
				if d.FromData == nil {
					d.FromData = map[string]bool{}
				}
				d.FromData[key] = true
				if v, ok := number(idx.cell(r, revenueTyped)); ok {
					if d.TypedValues == nil {
						d.TypedValues = map[string]float64{}
					}
					d.TypedValues[key] = v
				}
			}
		}
	}
	return b
}
