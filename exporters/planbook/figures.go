package planbook

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// This file builds the formulas of the Measurement sheet's figures: which
// deals of the Deals table make a set (a category, a partner's sourced or
// influenced deals, a segment's) and the ten figures of a set as COUNTIFS,
// SUMIFS and MEDIAN(IF()) over it.

// figureHeaders head the ten figures of a set of deals, in the order of
// core.Figures.
var figureHeaders = []string{"Deals", "Won", "Lost", "Open", "Pipeline", "Revenue", "Win rate",
	"Median cycle (days)", "Average won deal", "ACV"}

// sideHeaders are figureHeaders for one side, "Sourced" or "Influenced".
func sideHeaders(side string) []string {
	out := make([]string, len(figureHeaders))
	for i, h := range figureHeaders {
		out[i] = side + ": " + strings.ToLower(h[:1]) + h[1:]
	}
	return out
}

// dealSet tells the formulas which deals make a set: a deal is in it when
// one of the ways holds (the ways never hold together for one deal), each
// way a list of COUNTIFS criteria and the column credited to the set.
// cond is the same set as an array condition, for the median. pipeline
// and revenue, when set, replace the sums of the credit columns.
type dealSet struct {
	ways []way
	cond string
}

type way struct {
	criteria []string // "range,criterion" pieces
	credit   string   // the column summed for pipeline and revenue
}

// measured restricts a COUNTIFS or SUMIFS to the deals of the window that
// are sales.
var measured = dc(dealMeasured) + ",TRUE"

func (s dealSet) count(extra ...string) string {
	terms := make([]string, len(s.ways))
	for i, w := range s.ways {
		terms[i] = "COUNTIFS(" + strings.Join(append(append([]string{measured}, extra...), w.criteria...), ",") + ")"
	}
	return strings.Join(terms, "+")
}

func (s dealSet) sum(column func(way) string, extra ...string) string {
	terms := make([]string, len(s.ways))
	for i, w := range s.ways {
		terms[i] = "SUMIFS(" + strings.Join(append(append([]string{column(w), measured}, extra...), w.criteria...), ",") + ")"
	}
	return strings.Join(terms, "+")
}

// outcomeIs is a criterion on the Outcome column.
func outcomeIs(o core.Outcome) string { return fmt.Sprintf(`%s,"%s"`, dc(dealOutcome), o) }

// figureCells are the ten cells of a set's figures in row r, from column
// first: live formulas over the Deals sheet with f's values cached, or f's
// values alone when the workbook has no deal rows. arrays collects the
// cells that are array formulas.
func (b *book) figureCells(set dealSet, r, first int, f core.Figures) []any {
	at := func(i int) string { return cell(first+i, r) }
	amount := func(way) string { return dc(dealAmount) }
	credit := func(w way) string { return w.credit }
	acv := func(way) string { return dc(dealACV) }
	nan := func(v float64) any {
		if math.IsNaN(v) {
			return ""
		}
		return v
	}
	cond := "1"
	if set.cond != "" {
		cond = set.cond
	}
	formulas := []string{
		set.count(),
		set.count(outcomeIs(core.Won)),
		set.count(outcomeIs(core.Lost)),
		set.count(outcomeIs(core.Open)),
		set.sum(credit, outcomeIs(core.Open)),
		set.sum(credit, outcomeIs(core.Won)),
		fmt.Sprintf(`IF(%s+%s>0,%s/(%s+%s),"")`, at(1), at(2), at(1), at(1), at(2)),
		fmt.Sprintf(`IFERROR(MEDIAN(IF((%s=TRUE)*(%s="%s")*ISNUMBER(%s)*(%s),%s)),"")`, dc(dealMeasured), dc(dealOutcome), core.Won, dc(dealCycle), cond, dc(dealCycle)),
		fmt.Sprintf(`IF(%s>0,(%s)/%s,"")`, at(1), set.sum(amount, outcomeIs(core.Won)), at(1)),
		fmt.Sprintf(`IF(%s>0,(%s)/%s,"")`, at(1), set.sum(acv, outcomeIs(core.Won)), at(1)),
	}
	values := []any{f.Deals, f.Won, f.Lost, f.Open, f.Pipeline, f.Revenue, nan(f.WinRate), nan(f.MedianCycleDays), nan(f.AverageWonDeal), nan(f.ACV)}
	styles := []int{0, 0, 0, 0, b.st.money, b.st.money, b.st.percent, b.st.score, b.st.money, b.st.money}
	out := make([]any, len(values))
	for i, v := range values {
		c := excelize.Cell{StyleID: styles[i], Value: v}
		if b.formulas {
			c.Formula = formulas[i]
			if i == 7 {
				b.arrays[SheetMeasurement] = append(b.arrays[SheetMeasurement], at(i))
			}
		}
		out[i] = c
	}
	return out
}

// categorySet is the deals of one category of the ecosystem's totals.
func categorySet(c core.Category) dealSet {
	return dealSet{ways: []way{{criteria: []string{fmt.Sprintf(`%s,"%s"`, dc(dealCategory), c)}, credit: dc(dealAmount)}},
		cond: fmt.Sprintf(`(%s="%s")`, dc(dealCategory), c)}
}

// allSet is every deal measured.
func allSet() dealSet { return dealSet{ways: []way{{credit: dc(dealAmount)}}} }

// partnerSets are the deals the partner in cell name sourced and
// influenced; criterion is the cell holding its name as a criterion.
func (l *dealLayout) partnerSets(name, criterion string) (sourced, influenced dealSet) {
	sourced = dealSet{ways: []way{{criteria: []string{dc(dealSourcedBy) + "," + criterion}, credit: dc(dealSourcedCred)}},
		cond: fmt.Sprintf(`(%s=%s)`, dc(dealSourcedBy), name)}
	var any []string
	for k := 1; k <= l.influencers; k++ {
		influenced.ways = append(influenced.ways, way{criteria: []string{dc(influencedBy(k)) + "," + criterion}, credit: dc(creditOf(k))})
		any = append(any, fmt.Sprintf(`(%s=%s)`, dc(influencedBy(k)), name))
	}
	influenced.cond = "((" + strings.Join(any, "+") + ")>0)"
	return sourced, influenced
}

// segmentSets are the deals a segment (a role or a tier, label as the
// Partners sheet writes it) sourced and influenced: by the role or tier
// columns of the Deals sheet, a deal once however many of the segment's
// partners are on it, credited with all their credits.
func (l *dealLayout) segmentSets(label string, tier bool) (sourced, influenced dealSet) {
	src, joined, each := dealSourcerRole, dealInflRoles, roleOf
	if tier {
		src, joined, each = dealSourcerTier, dealInflTiers, tierOf
	}
	sourced = dealSet{ways: []way{{criteria: []string{fmt.Sprintf(`%s,"%s"`, dc(src), label)}, credit: dc(dealSourcedCred)}},
		cond: fmt.Sprintf(`(%s="%s")`, dc(src), label)}
	influenced = dealSet{ways: []way{{criteria: []string{fmt.Sprintf(`%s,"*; %s; *"`, dc(joined), label)}}},
		cond: fmt.Sprintf(`ISNUMBER(FIND("; %s; ",%s))`, label, dc(joined))}
	// The credits of the segment's partners: one SUMIFS per influencer
	// column; the count above counts the deal once.
	var credits []way
	for k := 1; k <= l.influencers; k++ {
		credits = append(credits, way{criteria: []string{fmt.Sprintf(`%s,"%s"`, dc(each(k)), label)}, credit: dc(creditOf(k))})
	}
	influenced.ways[0].credit = "" // see segmentCells
	return sourced, dealSet{ways: append(influenced.ways, credits...), cond: influenced.cond}
}

// segmentCells are a segment's twenty figures: the influenced set's first
// way counts the deals, the others carry the credits.
func (b *book) segmentCells(sourced, influenced dealSet, r int, tf core.Twofold) []any {
	out := b.figureCells(sourced, r, 1, tf.Sourced)
	count := dealSet{ways: influenced.ways[:1], cond: influenced.cond}
	credits := dealSet{ways: influenced.ways[1:]}
	cells := b.figureCells(count, r, 1+len(figureHeaders), tf.Influenced)
	if b.formulas {
		credit := func(w way) string { return w.credit }
		for i, o := range []core.Outcome{core.Open, core.Won} {
			c := cells[4+i].(excelize.Cell)
			c.Formula = credits.sum(credit, outcomeIs(o))
			cells[4+i] = c
		}
	}
	return append(out, cells...)
}
