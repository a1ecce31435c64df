package core

import "maps"

// Derived says, for a criterion whose values can come from data (customer
// overlap from account lists, revenue potential from deals), which partners
// keep the value the user typed and which take the data's, and the typed
// values to give back when the user switches back. Partners are keyed by
// NormaliseName.
type Derived struct {
	// Typed holds the partners that keep the value typed by the user.
	Typed map[string]bool
	// FromData holds the partners whose value is the data's now, and
	// TypedValues the values they had before it replaced them (absent:
	// none).
	FromData    map[string]bool
	TypedValues map[string]float64
}

// Clone returns a copy whose maps can be changed without touching d.
func (d Derived) Clone() Derived {
	return Derived{Typed: maps.Clone(d.Typed), FromData: maps.Clone(d.FromData), TypedValues: maps.Clone(d.TypedValues)}
}

// UsesTyped says whether the partner named name keeps its typed value.
func (d Derived) UsesTyped(name string) bool { return d.Typed[NormaliseName(name)] }

// set gives p the data's value v for criterion, unless p keeps its typed
// value. The value p had before the data's first is kept, to give back.
func (d *Derived) set(p *Partner, criterion string, v float64) {
	key := NormaliseName(p.Name)
	if d.Typed[key] {
		return
	}
	if !d.FromData[key] {
		if old, ok := p.Value(criterion); ok {
			if d.TypedValues == nil {
				d.TypedValues = map[string]float64{}
			}
			d.TypedValues[key] = old
		}
		if d.FromData == nil {
			d.FromData = map[string]bool{}
		}
		d.FromData[key] = true
	}
	p.SetValue(criterion, v)
}

// keepTyped switches p to the value the user typed: the value from before
// the data's comes back, or none. The caller sets the data's value again
// when the user switches back (see set).
func (d *Derived) keepTyped(p *Partner, criterion string, typed bool) {
	key := NormaliseName(p.Name)
	if !typed {
		delete(d.Typed, key)
		return
	}
	if d.Typed == nil {
		d.Typed = map[string]bool{}
	}
	d.Typed[key] = true
	if d.FromData[key] {
		d.giveBack(p, criterion, key)
	}
}

// forget drops p, which has no data any more: it gets back the value it had
// before the data's, if it had the data's.
func (d *Derived) forget(p *Partner, criterion string) {
	key := NormaliseName(p.Name)
	if d.FromData[key] {
		d.giveBack(p, criterion, key)
	}
	delete(d.Typed, key)
}

// giveBack gives p the value typed before the data's, or none.
func (d *Derived) giveBack(p *Partner, criterion, key string) {
	if v, ok := d.TypedValues[key]; ok {
		p.SetValue(criterion, v)
	} else {
		p.ClearValue(criterion)
	}
	delete(d.TypedValues, key)
	delete(d.FromData, key)
}
