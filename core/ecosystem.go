package core

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Ecosystem is the whole document the user works on and the workbook holds:
// the partners and every choice made about them.
type Ecosystem struct {
	Name       string
	Partners   []*Partner
	Scorecard  Scorecard
	Thresholds Thresholds
	Plays      []Play
	Maturity   Maturity
	Review     Review
	// LastReview is the ecosystem as it stood at the last review, for what
	// changed since; nil until a review is marked.
	LastReview *Snapshot
	// Accounts is the account mapping (customer overlap) and the tech-stack
	// survey; nil when no account list or survey was imported.
	Accounts *AccountMap
	// Deals are the deals of the CRM exports imported, with how they are
	// credited and measured; nil when none was imported.
	Deals *DealBook
	// SamePartners are the user's verdicts on partners that look alike:
	// applied again when the same lists are imported.
	SamePartners SamePartners
	// PrivateRequests are the private overlap requests whose state (their
	// secret) the user chose to keep in this plan rather than only on this
	// computer, so that the answer can be opened wherever the plan goes.
	PrivateRequests []*PrivateState
}

// NewEcosystem returns an empty ecosystem with the default scorecard,
// thresholds, play library and review cadence.
func NewEcosystem(name string, today time.Time) *Ecosystem {
	return &Ecosystem{
		Name:       name,
		Scorecard:  DefaultScorecard(),
		Thresholds: DefaultThresholds(),
		Plays:      DefaultPlays(),
		Maturity:   NewMaturity(),
		Review:     NewReview(today),
	}
}

// TieBand is how close two scores must be to count as a tie: partners within
// half a point of each other are not meaningfully ranked apart.
const TieBand = 0.5

// Result is what the scorecard says of one partner.
type Result struct {
	Score    float64
	Complete bool // every criterion had a value
	Computed Tier // the tier the score gives
	Tier     Tier // the tier that holds: the override when there is one
	// Rank is the position by score, 1 for the best; partners in a tie share
	// the rank of the first of them.
	Rank int
	Tied bool
}

// Evaluation is the scorecard applied to every partner, in the order of
// Ecosystem.Partners.
type Evaluation struct {
	Results []Result
	Counts  map[Tier]int
	Band    BandCheck
	// Missing counts, for each criterion of the scorecard, the partners
	// without a value for it (see MissingCriteriaIn).
	Missing []int
	// Confidence is each partner's tier confidence (see TierConfidence),
	// nil until it has been worked out: it costs far more than the rest, so
	// the app computes it off the screen's goroutine and a report once.
	Confidence []float64
}

// ConfidenceOf returns partner i's tier confidence and whether it is known.
func (ev Evaluation) ConfidenceOf(i int) (float64, bool) {
	if i < len(ev.Confidence) {
		return ev.Confidence[i], true
	}
	return 0, false
}

// ScoreBands is the number of bands of the score distribution: 0–10,
// 10–20 … 90–100.
const ScoreBands = 10

// ScoreBand is the band of the score distribution a score falls in, 0 for
// 0–10 up to ScoreBands-1 for 90–100 (100 included).
func ScoreBand(score float64) int {
	return min(ScoreBands-1, max(0, int(math.Floor(score/(100/ScoreBands)))))
}

// ScoreDistribution counts the partners in each score band.
func (ev Evaluation) ScoreDistribution() [ScoreBands]int {
	var bands [ScoreBands]int
	for _, r := range ev.Results {
		bands[ScoreBand(r.Score)]++
	}
	return bands
}

// Evaluate scores, tiers and ranks every partner. It is cheap enough to run
// on every keystroke: about a millisecond for 10,000 partners. A large list
// is scored on every core (a weight dragged over 100,000 partners re-scores
// them at each step of the drag).
func (e *Ecosystem) Evaluate() Evaluation {
	n := len(e.Partners)
	criteria := len(e.Scorecard.Criteria)
	ev := Evaluation{Results: make([]Result, n), Counts: map[Tier]int{}, Missing: make([]int, criteria)}
	piece := perCore(n, 20_000)
	missing := make([]int, criteria*((n+max(piece, 1)-1)/max(piece, 1))) // one count per criterion and piece
	inParallel(n, piece, func(lo, hi int) {
		counts := missing[lo/piece*criteria:][:criteria]
		for i := lo; i < hi; i++ {
			p, r := e.Partners[i], &ev.Results[i]
			r.Score, r.Complete = e.Scorecard.score(p, counts)
			r.Computed = e.Thresholds.For(r.Score)
			r.Tier = r.Computed
			if p.Override != "" {
				r.Tier = p.Override
			}
		}
	})
	for k, m := range missing {
		ev.Missing[k%criteria] += m
	}
	for i := range ev.Results {
		ev.Counts[ev.Results[i].Tier]++
	}
	rankByScore(ev.Results)
	ev.Band = CheckBand(ev.Counts)
	return ev
}

// rankByScore sets Rank and Tied: sorted by score, a partner within TieBand
// of the one before it ties with it. It returns the partners' positions in
// rank order.
func rankByScore(results []Result) []int {
	order := rankOrder(results)
	for pos, i := range order {
		if pos > 0 {
			prev := &results[order[pos-1]]
			if prev.Score-results[i].Score < TieBand {
				results[i].Rank = prev.Rank
				results[i].Tied = true
				prev.Tied = true
				continue
			}
		}
		results[i].Rank = pos + 1
	}
	return order
}

// scoreSteps is how many scores Score can give: hundredths from 0 to 100.
const scoreSteps = 100*100 + 1

// rankOrder is the partners' positions by score, highest first, equal
// scores in the partners' order (a stable sort's order). Scores are
// hundredths from 0 to 100, so it counts them into one bucket per
// hundredth: linear, where a comparison sort took 13 ms of the 70 a weight
// step took at 100,000 partners. A score Score cannot give (set by hand,
// out of range) sorts them instead.
func rankOrder(results []Result) []int {
	bucket := make([]int32, len(results))
	starts := make([]int, scoreSteps+1)
	for i, r := range results {
		k := math.Round(r.Score * 100)
		if !(k >= 0 && k < scoreSteps) || k/100 != r.Score {
			return sortedOrder(results)
		}
		bucket[i] = int32(scoreSteps - 1 - int(k)) // the highest score first
		starts[bucket[i]+1]++
	}
	for b := 1; b <= scoreSteps; b++ {
		starts[b] += starts[b-1]
	}
	order := make([]int, len(results))
	for i, b := range bucket {
		order[starts[b]] = i
		starts[b]++
	}
	return order
}

// sortedOrder is rankOrder by comparison: score and position pairs sorted,
// a third of the time of sort.SliceStable.
func sortedOrder(results []Result) []int {
	type entry struct {
		score float64
		i     int
	}
	entries := make([]entry, len(results))
	for i := range entries {
		entries[i] = entry{results[i].Score, i}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	order := make([]int, len(entries))
	for pos, e := range entries {
		order[pos] = e.i
	}
	return order
}

// Clone returns a deep copy of the ecosystem, for undo and for saving in the
// background while the user keeps editing.
func (e *Ecosystem) Clone() *Ecosystem {
	c := *e
	// The partners are copied in slabs, on every core: the app copies the
	// document before each edit it can undo, and one by one 100,000
	// partners took 80–200 ms of the UI's time.
	c.Partners = cloneEvery(e.Partners)
	c.Scorecard = e.Scorecard.Clone()
	c.Plays = append([]Play(nil), e.Plays...)
	c.Maturity = e.Maturity.Clone()
	c.Accounts = e.Accounts.Clone()
	c.Deals = e.Deals.Clone()
	c.SamePartners = e.SamePartners.Clone()
	c.PrivateRequests = slices.Clone(e.PrivateRequests) // states are replaced, never changed in place
	c.LastReview = e.LastReview.Clone()
	return &c
}

// ExtraColumns lists the headers of every unmapped column across partners, in
// the order they first appear, so an export can give each its own column.
func (e *Ecosystem) ExtraColumns() []string {
	var cols []string
	seen := map[string]bool{}
	for _, p := range e.Partners {
		for _, x := range p.Extras {
			if !seen[x.Column] {
				seen[x.Column] = true
				cols = append(cols, x.Column)
			}
		}
	}
	return cols
}

// WithoutRole counts partners that have no role yet.
func (e *Ecosystem) WithoutRole() int {
	n := 0
	for _, p := range e.Partners {
		if len(p.Roles) == 0 {
			n++
		}
	}
	return n
}
