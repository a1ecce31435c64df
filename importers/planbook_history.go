package importers

import (
	"strings"

	"partneratlas/core"
)

// planHistory is the sheet exporters write with the last review's snapshot.
const planHistory = "History"

// readHistory restores the snapshot of the last review from the History
// sheet, when there is one: the review date, the thresholds, the weights and
// each partner's score and tier. A sheet that cannot be read is reported and
// left out; the plan itself is unaffected.
func (pr *planReader) readHistory() {
	sheet := planSheet(pr.f, planHistory)
	if sheet == "" {
		return
	}
	rows, err := planRows(pr.f, sheet, 0)
	if err != nil {
		pr.problem(BadFile, sheet, 0, "", "the History sheet cannot be read (%v); what changed since the last review starts afresh.", err)
		return
	}
	snap := &core.Snapshot{}
	if v, ok := planLabelled(rows, "reviewed on"); ok {
		d, ok := planDate(v)
		if !ok {
			pr.problem(BadValue, sheet, 0, "", "the review date %q cannot be read; it is left empty.", v)
		}
		snap.Date = d
	}
	for _, th := range []struct {
		label string
		dst   *float64
	}{{"tier 1 threshold", &snap.Thresholds.Tier1}, {"tier 2 threshold", &snap.Thresholds.Tier2}, {"tier 3 threshold", &snap.Thresholds.Tier3}} {
		if v, ok := planLabelled(rows, th.label); ok {
			if n, ok := planNumber(v); ok {
				*th.dst = n
			}
		}
	}
	if h, ok := planFindHeader(rows, "key", "criterion", "weight"); ok {
		idx := planIndex(rows[h])
		for i := h + 1; i < len(rows) && !planBlank(rows[i]); i++ {
			r := rows[i]
			w, ok := planNumber(planCell(r, idx["weight"]))
			if !ok {
				pr.problem(BadValue, sheet, i+1, planColumn(idx["weight"], "Weight"), "the weight %q is not a number; the criterion is left out of the history.", planCell(r, idx["weight"]))
				continue
			}
			snap.Weights = append(snap.Weights, core.SnapshotWeight{
				Key: strings.TrimSpace(planCell(r, idx["key"])), Name: strings.TrimSpace(planCell(r, idx["criterion"])), Weight: w})
		}
	}
	if h, ok := planFindHeader(rows, "partner", "score", "tier"); ok {
		idx := planIndex(rows[h])
		dom, hasDomain := idx["domain"]
		for i := h + 1; i < len(rows); i++ {
			r := rows[i]
			if planBlank(r) {
				continue
			}
			sp := core.SnapshotPartner{Name: strings.TrimSpace(planCell(r, idx["partner"]))}
			if hasDomain {
				sp.Domain = strings.TrimSpace(planCell(r, dom))
			}
			if v, ok := planNumber(planCell(r, idx["score"])); ok {
				sp.Score = v
			}
			if t, ok := core.ParseTier(planCell(r, idx["tier"])); ok {
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
