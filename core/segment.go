package core

// RoleTierCounts counts partners by primary role and tier. Partners without
// a role count under the empty role "".
func (e *Ecosystem) RoleTierCounts(ev Evaluation) map[Role]map[Tier]int {
	out := map[Role]map[Tier]int{}
	for i, p := range e.Partners {
		r := p.PrimaryRole()
		if out[r] == nil {
			out[r] = map[Tier]int{}
		}
		out[r][ev.Results[i].Tier]++
	}
	return out
}

// Level is a partner's position on one segmentation dimension.
type Level string

// The levels of a dimension; Unknown when the value behind it is missing.
const (
	High    Level = "High"
	Medium  Level = "Medium"
	Low     Level = "Low"
	Unknown Level = "Unknown"
)

// Levels lists the levels from High to Unknown.
var Levels = []Level{High, Medium, Low, Unknown}

// Segment is a partner's place on the four segmentation dimensions of
// DESIGN.md: role, influence (customer reach), ICP alignment and revenue
// impact.
type Segment struct {
	Role          Role
	Influence     Level
	ICPAlignment  Level
	RevenueImpact Level
}

// levelOf places a criterion value in thirds of its scale: the top third is
// High, the bottom third Low.
func levelOf(s Scorecard, p *Partner, key string) Level {
	i := s.Index(key)
	if i < 0 {
		return Unknown
	}
	v, ok := p.Value(key)
	if !ok {
		return Unknown
	}
	x := s.Criteria[i].normalise(v)
	switch {
	case x >= 2.0/3:
		return High
	case x > 1.0/3:
		return Medium
	}
	return Low
}

// Segments places every partner on the four dimensions. Influence is the
// partner's reach in the tech-stack survey when the survey names it (see
// HighReach), else read from customer overlap; ICP alignment from shared ICP
// and revenue impact from revenue potential; a scorecard without one of
// these leaves that dimension Unknown.
func (e *Ecosystem) Segments() []Segment {
	out := make([]Segment, len(e.Partners))
	reach := e.reachByPartner()
	for i, p := range e.Partners {
		out[i] = Segment{
			Role:          p.PrimaryRole(),
			Influence:     e.influence(p, reach),
			ICPAlignment:  levelOf(e.Scorecard, p, SharedICP),
			RevenueImpact: levelOf(e.Scorecard, p, RevenuePotential),
		}
	}
	return out
}

// SegmentCounts counts partners per role and level of one dimension, picked
// by dim (for example func(s Segment) Level { return s.Influence }).
func SegmentCounts(segs []Segment, dim func(Segment) Level) map[Role]map[Level]int {
	out := map[Role]map[Level]int{}
	for _, s := range segs {
		if out[s.Role] == nil {
			out[s.Role] = map[Level]int{}
		}
		out[s.Role][dim(s)]++
	}
	return out
}

// influence is the partner's reach in the survey when known, else its
// customer overlap.
func (e *Ecosystem) influence(p *Partner, reach map[string]float64) Level {
	if r, ok := reach[p.Name]; ok {
		return reachLevel(r)
	}
	return levelOf(e.Scorecard, p, CustomerOverlap)
}
