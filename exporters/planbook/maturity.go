package planbook

import (
	"strings"

	"partneratlas/core"
	"partneratlas/importers"
)

// matHeaderRow is the header row of the maturity matrix; the five dimensions
// follow it.
const matHeaderRow = 4

// The labels by which the reader finds the matrix and the user's ratings.
const (
	matDimension = "Dimension"
	matRated     = "Rated stage"
)

func (b *book) writeMaturity() error {
	s, err := b.titled(SheetMaturity, "Maturity matrix", "The framed cell of each row is the stage held: your rating, else the stage the data supports. Type a stage (1, 2, 3 or its name) under Rated stage to rate a dimension.", 20, 40, 40, 40, 22, 22, 50, 50)
	if err != nil {
		return err
	}
	st := b.st
	rows := [][]any{
		nil,
	}
	head := []string{matDimension}
	for _, stg := range core.Stages {
		head = append(head, stg.String())
	}
	rows = append(rows, headerCells(st.header, append(head, matRated, "Proposed stage", "Evidence", "Next step")))
	for _, a := range b.e.AssessMaturity(b.ev) {
		row := []any{styled(st.label, string(a.Dimension))}
		for _, stg := range core.Stages {
			style := st.wrap
			if stg == a.Held() {
				style = st.held
			}
			row = append(row, styled(style, a.Dimension.StageText(stg)))
		}
		var rated any
		if a.Rated.Valid() {
			rated = a.Rated.String()
		}
		row = append(row, styled(st.wrap, rated), styled(st.wrap, a.Proposed.String()), styled(st.wrap, a.Evidence), styled(st.wrap, a.NextStep))
		rows = append(rows, row)
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.flush()
}

func (pr *reader) readMaturity() {
	sheet, rows, h, idx, ok := pr.table(SheetMaturity, "",
		"the Maturity matrix sheet cannot be read (%v); no stage is rated.",
		"no Dimension and Rated stage columns were found; no stage is rated.",
		matDimension, matRated)
	if !ok {
		return
	}
	for i := h + 1; i < len(rows); i++ {
		name := fold(idx.cell(rows[i], matDimension))
		for _, d := range core.Dimensions {
			if name != fold(string(d)) {
				continue
			}
			s := strings.TrimSpace(idx.cell(rows[i], matRated))
			st, ok := core.ParseStage(s)
			if !ok {
				pr.problem(importers.BadValue, sheet, i+1, idx.column(matRated), "%q is not a stage (1 Undefined, 2 Emerging, 3 Strategic ecosystem); %s is left unrated.", s, d)
			}
			pr.e.Maturity.Rate(d, st)
		}
	}
}
