package planbook

import (
	"partneratlas/core"
	"partneratlas/importers"
)

// The History sheet holds the ecosystem as it stood at the last review, so
// that the app can say what changed since after a reopen. Its layout: a
// title, a note, the review date labelled "Reviewed on" on row 4, the
// thresholds labelled on rows 5–7, then the weights table (Key, Criterion,
// Weight) and, below it, the partners table (Partner, Domain, Score, Tier).
// The reader finds each by its labels.
const historyReviewed = "Reviewed on"

var (
	historyThresholds = map[core.Tier]string{core.Tier1: "Tier 1 threshold", core.Tier2: "Tier 2 threshold", core.Tier3: "Tier 3 threshold"}
	historyWeights    = []string{"Key", "Criterion", "Weight"}
	historyPartners   = []string{"Partner", "Domain", "Score", "Tier"}
)

// writeHistory writes the History sheet when the ecosystem has been
// reviewed; else it writes nothing.
func (b *book) writeHistory() error {
	snap := b.e.LastReview
	if snap == nil {
		return nil
	}
	if _, err := b.f.NewSheet(SheetHistory); err != nil {
		return err
	}
	s, err := b.titled(SheetHistory, "History: the last review", "The ecosystem as it stood when it was last marked as reviewed. Partner Atlas compares the plan with it to show what changed since.", 36, 30, 14, 12)
	if err != nil {
		return err
	}
	st := b.st
	rows := [][]any{
		nil,
		{styled(st.label, historyReviewed), styled(st.date, snap.Date)},
		{styled(st.label, historyThresholds[core.Tier1]), snap.Thresholds.Tier1},
		{styled(st.label, historyThresholds[core.Tier2]), snap.Thresholds.Tier2},
		{styled(st.label, historyThresholds[core.Tier3]), snap.Thresholds.Tier3},
		nil,
		headerCells(st.header, historyWeights),
	}
	for _, w := range snap.Weights {
		rows = append(rows, []any{text(w.Key), text(w.Name), w.Weight})
	}
	rows = append(rows, nil,
		headerCells(st.header, historyPartners))
	for _, p := range snap.Partners {
		rows = append(rows, []any{text(p.Name), text(p.Domain), styled(st.score, p.Score), text(string(p.Tier))})
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.flush()
}

// readHistory restores the snapshot of the last review from the History
// sheet, when there is one: the review date, the thresholds, the weights and
// each partner's score and tier. A sheet that cannot be read is reported and
// left out; the plan itself is unaffected.
func (pr *reader) readHistory() {
	sheet := pr.sheetNamed(SheetHistory)
	if sheet == "" {
		return
	}
	rows, err := pr.rawRows(sheet, 0)
	if err != nil {
		pr.problem(importers.BadFile, sheet, 0, "", "the History sheet cannot be read (%v); what changed since the last review starts afresh.", err)
		return
	}
	snap := &core.Snapshot{}
	if v, ok := labelled(rows, historyReviewed); ok {
		d, ok := date(v)
		if !ok {
			pr.problem(importers.BadValue, sheet, 0, "", "the review date %q cannot be read; it is left empty.", v)
		}
		snap.Date = d
	}
	for t, label := range historyThresholds {
		if v, ok := labelled(rows, label); ok {
			if n, ok := number(v); ok {
				snap.Thresholds = snap.Thresholds.With(t, n)
			}
		}
	}
	if h, ok := findLabels(rows, historyWeights...); ok {
		idx := indexHeader(rows[h])
		for i := h + 1; i < len(rows) && !importers.IsBlank(rows[i]); i++ {
			r := rows[i]
			w, ok := number(idx.cell(r, "Weight"))
			if !ok {
				pr.problem(importers.BadValue, sheet, i+1, idx.column("Weight"), "the weight %q is not a number; the criterion is left out of the history.", idx.cell(r, "Weight"))
				continue
			}
			snap.Weights = append(snap.Weights, core.SnapshotWeight{Key: idx.cell(r, "Key"), Name: idx.cell(r, "Criterion"), Weight: w})
		}
	}
	if h, ok := findLabels(rows, "Partner", "Score", "Tier"); ok {
		idx := indexHeader(rows[h])
		for i := h + 1; i < len(rows); i++ {
			r := rows[i]
			if importers.IsBlank(r) {
				continue
			}
			sp := core.SnapshotPartner{Name: idx.cell(r, "Partner"), Domain: idx.cell(r, "Domain")}
			if v, ok := number(idx.cell(r, "Score")); ok {
				sp.Score = v
			}
			if t, ok := core.ParseTier(idx.cell(r, "Tier")); ok {
				sp.Tier = t
			}
			if sp.Name == "" && sp.Domain == "" {
				continue
			}
			snap.Partners = append(snap.Partners, sp)
		}
	}
	pr.e.LastReview = snap
}
