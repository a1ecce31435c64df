package planbook

import (
	"fmt"
	"sort"

	"partneratlas/core"
)

func (b *book) writePlan() error {
	s, err := b.titled(SheetPlan, "Tiered plan", "For each tier and segment: its partners and the plays that run for them. Tiers are those at export; edit plays on the Plays sheet.", 36, 16, 40, 24, 34, 34)
	if err != nil {
		return err
	}
	s.startBody()
	st := b.st
	type key struct {
		t core.Tier
		r core.Role
	}
	groups := map[key][]int{}
	for i, p := range b.e.Partners {
		k := key{b.ev.Results[i].Tier, p.PrimaryRole()}
		groups[k] = append(groups[k], i)
	}
	roles := append(append([]core.Role(nil), core.Roles...), "")
	for _, t := range core.Tiers {
		for _, r := range roles {
			idx := groups[key{t, r}]
			if len(idx) == 0 {
				continue
			}
			sort.SliceStable(idx, func(a, c int) bool { return b.ev.Results[idx[a]].Score > b.ev.Results[idx[c]].Score })
			seg := r.Label()
			if r == "" {
				seg = "No role yet"
			}
			n := fmt.Sprintf("%d partners", len(idx))
			if len(idx) == 1 {
				n = "1 partner"
			}
			blk := st.tierBlock[t]
			if err := s.addAll([][]any{
				nil,
				{styled(blk, fmt.Sprintf("%s · %s", t, seg)), styled(blk, n), styled(blk, t.Description()), styled(blk, nil), styled(blk, nil), styled(blk, nil)},
				{styled(st.header, "Partner"), styled(st.header, "Score"), styled(st.header, "Owner"), styled(st.header, "Region")},
			}); err != nil {
				return err
			}
			for _, i := range idx {
				p := b.e.Partners[i]
				if err := s.add(text(p.Name), styled(st.score, b.ev.Results[i].Score), text(p.Owner), text(p.Region)); err != nil {
					return err
				}
			}
			if err := s.add(styled(st.header, "Play"), styled(st.header, "Type"), styled(st.header, "Owner"),
				styled(st.header, "Cadence"), styled(st.header, "KPI")); err != nil {
				return err
			}
			plays := core.PlaysFor(b.e.Plays, r, t)
			if len(plays) == 0 {
				if err := s.add(styled(st.note, "No plays for this segment and tier yet: add them on the Plays sheet.")); err != nil {
					return err
				}
			}
			for _, pl := range plays {
				if err := s.add(styled(st.wrap, pl.Name), string(pl.Type), text(pl.Owner), text(pl.Cadence), styled(st.wrap, text(pl.KPI))); err != nil {
					return err
				}
			}
		}
	}
	return s.flush()
}
