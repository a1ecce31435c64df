package importers

import "partneratlas/core"

// partnerSlabs carves partners, sources, extras, roles and criterion values
// from larger arrays, so that a big import makes a few large allocations
// instead of several small ones per row. Each partner gets a slice capped at its own length, so
// appending to it never writes into a neighbour.
type partnerSlabs struct {
	pSlab []core.Partner
	sSlab []core.Source
	xSlab []core.Extra
	rSlab []core.Role
	vSlab core.Values
}

func (t *partnerSlabs) newPartner() *core.Partner {
	if len(t.pSlab) == 0 {
		t.pSlab = make([]core.Partner, 256)
	}
	p := &t.pSlab[0]
	t.pSlab = t.pSlab[1:]
	return p
}

func (t *partnerSlabs) newSources(s core.Source) []core.Source {
	if len(t.sSlab) == 0 {
		t.sSlab = make([]core.Source, 256)
	}
	t.sSlab[0] = s
	out := t.sSlab[0:1:1]
	t.sSlab = t.sSlab[1:]
	return out
}

func (t *partnerSlabs) newExtras(n int) []core.Extra {
	if n == 0 {
		return nil
	}
	if len(t.xSlab) < n {
		t.xSlab = make([]core.Extra, max(n, 256*n))
	}
	out := t.xSlab[0:0:n]
	t.xSlab = t.xSlab[n:]
	return out
}

func (t *partnerSlabs) newRoles(a, b []core.Role) []core.Role {
	n := len(a) + len(b)
	if n == 0 {
		return nil
	}
	if len(t.rSlab) < n {
		t.rSlab = make([]core.Role, max(n, 1024))
	}
	out := t.rSlab[0:0:n]
	t.rSlab = t.rSlab[n:]
	out = append(out, a...)
	for _, r := range b {
		dup := false
		for _, x := range out {
			dup = dup || x == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out[:len(out):len(out)]
}

// newValues is an empty list of criterion values with room for n.
func (t *partnerSlabs) newValues(n int) core.Values {
	if len(t.vSlab) < n {
		t.vSlab = make(core.Values, max(n, 256*n))
	}
	out := t.vSlab[0:0:n]
	t.vSlab = t.vSlab[n:]
	return out
}
