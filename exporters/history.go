package exporters

// SheetHistory is the sheet holding the ecosystem as it stood at the last
// review, so that the app can say what changed since after a reopen.
const SheetHistory = "History"

// The History sheet's layout: a title, a note, the review date labelled
// "Reviewed on" on row 4, the thresholds labelled on rows 5–7, then the
// weights table (Key, Criterion, Weight) and, below it, the partners table
// (Partner, Domain, Score, Tier). The reader finds each by its labels.

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
	s, err := b.stream(SheetHistory, 36, 30, 14, 12)
	if err != nil {
		return err
	}
	st := b.st
	rows := [][]any{
		{styled(st.title, "History: the last review")},
		{styled(st.note, "The ecosystem as it stood when it was last marked as reviewed. Partner Atlas compares the plan with it to show what changed since.")},
		nil,
		{styled(st.label, "Reviewed on"), styled(st.date, snap.Date)},
		{styled(st.label, "Tier 1 threshold"), snap.Thresholds.Tier1},
		{styled(st.label, "Tier 2 threshold"), snap.Thresholds.Tier2},
		{styled(st.label, "Tier 3 threshold"), snap.Thresholds.Tier3},
		nil,
		{styled(st.header, "Key"), styled(st.header, "Criterion"), styled(st.header, "Weight")},
	}
	for _, w := range snap.Weights {
		rows = append(rows, []any{text(w.Key), text(w.Name), w.Weight})
	}
	rows = append(rows, nil,
		[]any{styled(st.header, "Partner"), styled(st.header, "Domain"), styled(st.header, "Score"), styled(st.header, "Tier")})
	for _, p := range snap.Partners {
		rows = append(rows, []any{text(p.Name), text(p.Domain), styled(st.score, p.Score), text(string(p.Tier))})
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.sw.Flush()
}
