package core

import "testing"

func TestSegments(t *testing.T) {
	e := NewEcosystem("Test", today)
	e.Partners = []*Partner{
		{Name: "A", Roles: []Role{Channel}, Values: Values{{SharedICP, 5}, {CustomerOverlap, 1}, {RevenuePotential, 3}}},
		{Name: "B"},
	}
	segs := e.Segments()
	if segs[0] != (Segment{Role: Channel, Influence: Low, ICPAlignment: High, RevenueImpact: Medium}) {
		t.Errorf("segment A = %+v", segs[0])
	}
	if segs[1] != (Segment{Influence: Unknown, ICPAlignment: Unknown, RevenueImpact: Unknown}) {
		t.Errorf("segment B = %+v", segs[1])
	}
	counts := SegmentCounts(segs, func(s Segment) Level { return s.ICPAlignment })
	if counts[Channel][High] != 1 || counts[""][Unknown] != 1 {
		t.Errorf("SegmentCounts = %v", counts)
	}
	rt := e.RoleTierCounts(e.Evaluate())
	if rt[Channel][Tier3] != 1 || rt[""][Monitor] != 1 {
		t.Errorf("RoleTierCounts = %v", rt)
	}
}
