package planbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// The Scorecard sheet's layout: the criteria table's header on row 4, its
// rows from row 5, columns Key, Criterion, Description, Weight, Share, Min,
// Max; below it a Total row, a blank row, the "Tier thresholds" heading, a
// header row and one row per tier with its minimum score in column B.
const (
	scHeaderRow = 4
	scTotal     = "Total"
	scFirstRow  = 5
	scWeightCol = "D"
	scMinCol    = "F"
	scMaxCol    = "G"
)

func (b *book) criterionRow(i int) int { return scFirstRow + i }
func (b *book) lastCriterionRow() int  { return scFirstRow + max(len(b.e.Scorecard.Criteria), 1) - 1 }

// scorecardHeader heads the criteria table; the reader finds it by
// scorecardLabels.
var scorecardHeader = []string{"Key", "Criterion", "Description", "Weight", "Share", "Min", "Max", scAliases}

// scAliases heads the other headers a list may give a criterion's column,
// separated by ";".
const scAliases = "Also headed"

var scorecardLabels = []string{"Key", "Weight", "Min", "Max"}

// thresholdsHeading heads the tier thresholds below the criteria; the reader
// finds each threshold by its tier's name in a cell, the minimum score to
// its right.
const thresholdsHeading = "Tier thresholds"

// thresholdRow is the Scorecard row holding the minimum score of tier t.
func (b *book) thresholdRow(t core.Tier) int {
	return b.lastCriterionRow() + 5 + t.Rank()
}

func (b *book) writeScorecard() error {
	s, err := b.titled(SheetScorecard, "Scorecard", "Edit a weight, a scale or a threshold here: every score and tier on the Partners sheet follows when the workbook recalculates.", 22, 24, 70, 10, 10, 8, 8, 40)
	if err != nil {
		return err
	}
	st := b.st
	sc := b.e.Scorecard
	first, last := scFirstRow, b.lastCriterionRow()
	sum := fmt.Sprintf("SUM($%s$%d:$%s$%d)", scWeightCol, first, scWeightCol, last)
	rows := [][]any{
		nil,
		headerCells(st.header, scorecardHeader),
	}
	total := sc.TotalWeight()
	for i, c := range sc.Criteria {
		r := b.criterionRow(i)
		share := 0.0
		if total > 0 {
			share = c.Weight / total
		}
		rows = append(rows, []any{c.Key, c.Name, styled(st.wrap, text(c.Description)), c.Weight,
			excelize.Cell{StyleID: st.share, Formula: fmt.Sprintf("IF(%s>0,%s%d/%s,0)", sum, scWeightCol, r, sum), Value: share},
			c.Min, c.Max, text(strings.Join(c.Aliases, "; "))})
	}
	if len(sc.Criteria) == 0 {
		rows = append(rows, nil)
	}
	rows = append(rows,
		[]any{nil, styled(st.label, scTotal), nil, excelize.Cell{StyleID: st.label, Formula: sum, Value: total}},
		nil,
		[]any{styled(st.section, thresholdsHeading)},
		[]any{styled(st.header, "Tier"), styled(st.header, "Minimum score"), styled(st.header, "Meaning")},
	)
	for _, t := range core.Tiers {
		var min any = b.e.Thresholds.Of(t)
		if t == core.Monitor {
			min = styled(st.note, "below Tier 3")
		}
		rows = append(rows, []any{styled(st.tierCell[t], string(t)), min, t.Description()})
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.flush()
}

func (pr *reader) readScorecard() error {
	sheet := pr.sheetNamed(SheetScorecard)
	if sheet == "" {
		pr.problem(importers.MissingColumn, SheetScorecard, 0, "", "the Scorecard sheet is missing, so the default scorecard and thresholds are used.")
		return nil
	}
	rows, err := pr.rawRows(sheet, 0)
	if err != nil {
		return pr.fail(importers.BadFile, err, "the Scorecard sheet cannot be read: %v", err)
	}
	h, ok := findLabels(rows, scorecardLabels...)
	if !ok {
		pr.problem(importers.NoHeader, sheet, 0, "", "no criteria table (Key, Criterion, Weight, Min, Max) was found, so the default scorecard is used.")
		return nil
	}
	end := pr.readCriteria(sheet, rows, h)
	pr.readThresholds(sheet, rows[end:], end)
	return nil
}

// readCriteria reads the criteria table whose header is rows[h] and returns
// the index of the row after it.
func (pr *reader) readCriteria(sheet string, rows [][]string, h int) int {
	idx := indexHeader(rows[h])
	num := func(r []string, row int, label string, def float64) float64 {
		s := idx.cell(r, label)
		v, ok := number(s)
		if !ok {
			pr.problem(importers.BadValue, sheet, row, idx.column(label), "%q is not a number; %g is used.", s, def)
			return def
		}
		return v
	}
	var sc core.Scorecard
	end := h + 1
	for ; end < len(rows); end++ {
		r := rows[end]
		key, name := idx.cell(r, "Key"), idx.cell(r, "Criterion")
		if key == "" && (name == "" || strings.EqualFold(name, scTotal) || idx.cell(r, "Weight") == "") {
			break
		}
		row := end + 1
		if name == "" {
			name = key
		}
		var c core.Criterion
		if key == "" {
			// A criterion added by hand in Excel: derive its key from its name.
			c = sc.AddCriterion(name, 0)
			sc.Criteria = sc.Criteria[:len(sc.Criteria)-1]
		} else {
			c = core.Criterion{Key: key, Name: name}
		}
		if sc.Index(c.Key) >= 0 {
			pr.problem(importers.Conflict, sheet, row, "", "criterion %q appears twice; the second is skipped.", c.Key)
			continue
		}
		c.Description = idx.cell(r, "Description")
		for _, a := range strings.Split(idx.cell(r, scAliases), ";") {
			if a = strings.TrimSpace(a); a != "" {
				c.Aliases = append(c.Aliases, a)
			}
		}
		c.Weight = num(r, row, "Weight", 0)
		c.Min = num(r, row, "Min", 1)
		c.Max = num(r, row, "Max", 5)
		sc.Criteria = append(sc.Criteria, c)
	}
	if err := sc.Validate(); err != nil {
		pr.problem(importers.BadValue, sheet, 0, "", "the scorecard has a problem: %v.", err)
	}
	if len(sc.Criteria) > 0 {
		pr.e.Scorecard = sc
	}
	return end
}

// readThresholds reads the tier thresholds below the criteria: a cell
// reading "Tier 1", "Tier 2" or "Tier 3" with the minimum score to its
// right. rows[0] is row start+1 of the sheet.
func (pr *reader) readThresholds(sheet string, rows [][]string, start int) {
	th := core.DefaultThresholds()
	found := map[core.Tier]bool{}
	for i, r := range rows {
		for j, c := range r {
			t, ok := core.ParseTier(c)
			if !ok || t == core.Monitor || found[t] || !strings.HasPrefix(fold(c), "tier") {
				continue
			}
			found[t] = true
			s := strings.TrimSpace(importers.Cell(r, j+1))
			v, ok := number(s)
			if !ok {
				pr.problem(importers.BadValue, sheet, start+i+1, importers.ColumnLetter(j+1), "the threshold of %s, %q, is not a number; %g is used.", t, s, th.Of(t))
				break
			}
			th = th.With(t, v)
			break
		}
	}
	for _, t := range []core.Tier{core.Tier1, core.Tier2, core.Tier3} {
		if !found[t] {
			pr.problem(importers.MissingColumn, sheet, 0, "", "no threshold for %s was found; %g is used.", t, th.Of(t))
		}
	}
	if err := th.Validate(); err != nil {
		pr.problem(importers.BadValue, sheet, 0, "", "%v.", err)
	}
	pr.e.Thresholds = th
}
