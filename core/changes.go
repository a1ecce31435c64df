package core

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Snapshot is the ecosystem as it stood at a review: each partner's score
// and tier, the scorecard's weights and the tier thresholds. The next review
// compares the ecosystem with it to say what changed.
type Snapshot struct {
	Date       time.Time
	Partners   []SnapshotPartner
	Weights    []SnapshotWeight
	Thresholds Thresholds
}

// SnapshotPartner is one partner as it stood at a review.
type SnapshotPartner struct {
	Name   string
	Domain string
	Score  float64
	Tier   Tier
}

// SnapshotWeight is one criterion's weight at a review.
type SnapshotWeight struct {
	Key    string
	Name   string
	Weight float64
}

// key matches a snapshot partner with a partner of the ecosystem, as Merge
// matches rows: by registrable domain, else by normalised name.
func (sp SnapshotPartner) key() string {
	return MatchKey(&Partner{Name: sp.Name, Domain: sp.Domain})
}

// Clone returns a deep copy of the snapshot; nil stays nil.
func (s *Snapshot) Clone() *Snapshot {
	if s == nil {
		return nil
	}
	c := *s
	c.Partners = append([]SnapshotPartner(nil), s.Partners...)
	c.Weights = append([]SnapshotWeight(nil), s.Weights...)
	return &c
}

// TakeSnapshot records the ecosystem as ev scores it, dated day.
func (e *Ecosystem) TakeSnapshot(day time.Time, ev Evaluation) *Snapshot {
	s := &Snapshot{Date: Date(day), Thresholds: e.Thresholds}
	s.Partners = make([]SnapshotPartner, len(e.Partners))
	for i, p := range e.Partners {
		sp := SnapshotPartner{Name: p.Name, Domain: p.Domain}
		if i < len(ev.Results) {
			sp.Score, sp.Tier = ev.Results[i].Score, ev.Results[i].Tier
		}
		s.Partners[i] = sp
	}
	for _, c := range e.Scorecard.Criteria {
		s.Weights = append(s.Weights, SnapshotWeight{Key: c.Key, Name: c.Name, Weight: c.Weight})
	}
	return s
}

// MarkReviewed records a review of the ecosystem on day: the review dates
// move on and LastReview keeps the ecosystem as it stands, so the next review
// can say what changed.
func (e *Ecosystem) MarkReviewed(day time.Time) {
	e.Review.MarkReviewed(day)
	e.LastReview = e.TakeSnapshot(day, e.Evaluate())
}

// Changes is what changed in the ecosystem since a review.
type Changes struct {
	Since            time.Time
	Added            []string // partners new since the review
	Removed          []string // partners gone since the review
	TierMoves        []TierMove
	ScoreChanges     []ScoreChange // partners whose score moved, tier or not
	WeightChanges    []WeightChange
	ThresholdChanged bool
	From, To         Thresholds
}

// TierMove is a partner whose tier changed.
type TierMove struct {
	Partner  string
	From, To Tier
}

// Up says whether the partner moved to a higher tier.
func (m TierMove) Up() bool { return m.To.Rank() < m.From.Rank() }

// ScoreChange is a partner whose score changed.
type ScoreChange struct {
	Partner  string
	From, To float64
}

// WeightChange is a criterion whose weight changed, or that was added or
// removed since the review.
type WeightChange struct {
	Criterion string
	From, To  float64
	Added     bool
	Removed   bool
}

// scoreChangeMin is the smallest score change worth reporting: a hundredth
// of a point is rounding, not a change.
const scoreChangeMin = 0.005

// ChangesSince compares the ecosystem, as ev scores it, with the snapshot of
// the last review. A nil snapshot gives no changes.
func (e *Ecosystem) ChangesSince(s *Snapshot, ev Evaluation) Changes {
	var c Changes
	if s == nil {
		return c
	}
	c.Since = s.Date
	then := make(map[string]SnapshotPartner, len(s.Partners))
	for _, sp := range s.Partners {
		if k := sp.key(); k != "" {
			then[k] = sp
		}
	}
	now := make(map[string]bool, len(e.Partners))
	for i, p := range e.Partners {
		k := MatchKey(p)
		now[k] = true
		sp, ok := then[k]
		if !ok {
			c.Added = append(c.Added, p.Name)
			continue
		}
		if i >= len(ev.Results) {
			continue
		}
		r := ev.Results[i]
		if r.Tier != sp.Tier {
			c.TierMoves = append(c.TierMoves, TierMove{Partner: p.Name, From: sp.Tier, To: r.Tier})
		}
		if math.Abs(r.Score-sp.Score) >= scoreChangeMin {
			c.ScoreChanges = append(c.ScoreChanges, ScoreChange{Partner: p.Name, From: sp.Score, To: r.Score})
		}
	}
	for _, sp := range s.Partners {
		if !now[sp.key()] {
			c.Removed = append(c.Removed, sp.Name)
		}
	}
	was := map[string]SnapshotWeight{}
	for _, w := range s.Weights {
		was[w.Key] = w
	}
	for _, cr := range e.Scorecard.Criteria {
		w, ok := was[cr.Key]
		switch {
		case !ok:
			c.WeightChanges = append(c.WeightChanges, WeightChange{Criterion: cr.Name, To: cr.Weight, Added: true})
		case w.Weight != cr.Weight:
			c.WeightChanges = append(c.WeightChanges, WeightChange{Criterion: cr.Name, From: w.Weight, To: cr.Weight})
		}
		delete(was, cr.Key)
	}
	for _, w := range s.Weights {
		if _, gone := was[w.Key]; gone {
			c.WeightChanges = append(c.WeightChanges, WeightChange{Criterion: w.Name, From: w.Weight, Removed: true})
		}
	}
	if s.Thresholds != (Thresholds{}) && s.Thresholds != e.Thresholds {
		c.ThresholdChanged, c.From, c.To = true, s.Thresholds, e.Thresholds
	}
	sort.SliceStable(c.ScoreChanges, func(a, b int) bool {
		return math.Abs(c.ScoreChanges[a].To-c.ScoreChanges[a].From) > math.Abs(c.ScoreChanges[b].To-c.ScoreChanges[b].From)
	})
	return c
}

// None says whether nothing changed.
func (c Changes) None() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.TierMoves) == 0 &&
		len(c.ScoreChanges) == 0 && len(c.WeightChanges) == 0 && !c.ThresholdChanged
}

// Lines says what changed, one sentence a line, the weights and tiers first
// because they explain the rest. At most limit partners are named per kind
// of change (0 for all); the rest are counted.
func (c Changes) Lines(limit int) []string {
	var out []string
	for _, w := range c.WeightChanges {
		switch {
		case w.Added:
			out = append(out, fmt.Sprintf("Criterion %s added, weight %g.", w.Criterion, w.To))
		case w.Removed:
			out = append(out, fmt.Sprintf("Criterion %s removed (its weight was %g).", w.Criterion, w.From))
		default:
			out = append(out, fmt.Sprintf("Weight of %s: %g → %g.", w.Criterion, w.From, w.To))
		}
	}
	if c.ThresholdChanged {
		out = append(out, fmt.Sprintf("Tier thresholds: %g / %g / %g → %g / %g / %g.",
			c.From.Tier1, c.From.Tier2, c.From.Tier3, c.To.Tier1, c.To.Tier2, c.To.Tier3))
	}
	names := func(verb string, list []string) {
		if len(list) == 0 {
			return
		}
		shown := list
		if limit > 0 && len(shown) > limit {
			shown = shown[:limit]
		}
		s := fmt.Sprintf("%d %s %s: ", len(list), plural(len(list), "partner", "partners"), verb)
		for i, n := range shown {
			if i > 0 {
				s += ", "
			}
			s += n
		}
		if len(shown) < len(list) {
			s += fmt.Sprintf(" and %d more", len(list)-len(shown))
		}
		out = append(out, s+".")
	}
	names("added", c.Added)
	names("removed", c.Removed)
	for i, m := range c.TierMoves {
		if limit > 0 && i == limit {
			out = append(out, fmt.Sprintf("… and %d more tier changes.", len(c.TierMoves)-limit))
			break
		}
		dir := "down"
		if m.Up() {
			dir = "up"
		}
		out = append(out, fmt.Sprintf("%s moved %s: %s → %s.", m.Partner, dir, m.From, m.To))
	}
	if n := len(c.ScoreChanges); n > 0 {
		biggest := c.ScoreChanges[0]
		out = append(out, fmt.Sprintf("%d %s changed score; the biggest change: %s, %.2f → %.2f.",
			n, plural(n, "partner", "partners"), biggest.Partner, biggest.From, biggest.To))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
