package core

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Partner is one company, platform, service firm or community in the
// ecosystem, with everything the app knows of it.
type Partner struct {
	Name    string
	Website string
	// Domain is the registrable domain of Website ("bbc.co.uk"), the key that
	// merges the same partner across files.
	Domain string
	// Roles holds the primary role first, then the other roles.
	Roles []Role
	// Formal says the partner has a contract. Partners that only influence
	// customers belong to the ecosystem too, with Formal false.
	Formal bool
	Owner  string
	Region string
	// Sources names every file and row this partner came from.
	Sources []Source
	// Values holds the criterion values by criterion key; a criterion with no
	// value is absent.
	Values Values
	// Override, when set, replaces the tier the score gives; OverrideReason
	// says why, and is required.
	Override       Tier
	OverrideReason string
	// Extras are the columns of the import that the app did not map, in the
	// order they came, kept so that nothing the user had is dropped.
	//
	// Sources and Extras are never changed in place, only replaced or
	// appended to: copies of a partner share them (Clone).
	Extras []Extra
}

// Source is where a partner row came from.
type Source struct {
	File  string
	Sheet string // empty for CSV files
	Row   int    // 1-based, as a spreadsheet numbers rows
}

// String writes a source as a person reads it: "partners.xlsx, sheet Partners, row 4".
func (s Source) String() string {
	b, _ := s.AppendText(nil)
	return string(b)
}

// AppendText appends what String says to b, so that a merge's hundred
// thousand messages can be written into one buffer (encoding.TextAppender).
func (s Source) AppendText(b []byte) ([]byte, error) {
	b = append(b, s.File...)
	if s.Sheet != "" {
		b = append(append(b, ", sheet "...), s.Sheet...)
	}
	return strconv.AppendInt(append(b, ", row "...), int64(s.Row), 10), nil
}

// Extra is one unmapped cell: the column's header and the cell's text.
type Extra struct {
	Column string
	Value  string
}

// PrimaryRole is the partner's first role, or "" when it has none.
func (p *Partner) PrimaryRole() Role {
	if len(p.Roles) == 0 {
		return ""
	}
	return p.Roles[0]
}

// OtherRoles are the partner's roles after the primary one.
func (p *Partner) OtherRoles() []Role {
	if len(p.Roles) < 2 {
		return nil
	}
	return p.Roles[1:]
}

// HasRole says whether r is among the partner's roles.
func (p *Partner) HasRole(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// SetPrimaryRole makes r the primary role, keeping the others after it.
func (p *Partner) SetPrimaryRole(r Role) {
	roles := []Role{r}
	for _, x := range p.Roles {
		if x != r {
			roles = append(roles, x)
		}
	}
	if r == "" {
		roles = roles[1:]
	}
	p.Roles = roles
}

// CriterionValue is one of a partner's criterion values.
type CriterionValue struct {
	Key   string // the criterion's key
	Value float64
}

// Values are a partner's criterion values, one at most per criterion key,
// in the order of the keys (so two partners with the same values have
// equal lists, however the values came). A scorecard has a handful of criteria,
// so a short list serves better than a map: one allocation per partner
// where a map took several, one copy to clone, and no hashing to score (at
// 100,000 partners the maps were a third of reading a list and of merging
// it).
type Values []CriterionValue

// Get returns the value for a criterion key and whether there is one.
func (vs Values) Get(key string) (float64, bool) {
	for i := range vs {
		if vs[i].Key == key {
			return vs[i].Value, true
		}
	}
	return 0, false
}

// Value returns the partner's value for a criterion and whether it has one.
func (p *Partner) Value(key string) (float64, bool) { return p.Values.Get(key) }

// SetValue records a criterion value.
func (p *Partner) SetValue(key string, v float64) {
	for i := range p.Values { // a literal's list may be in any order
		if p.Values[i].Key == key {
			p.Values[i].Value = v
			return
		}
	}
	p.Values = append(p.Values, CriterionValue{})
	i := len(p.Values) - 1
	for ; i > 0 && p.Values[i-1].Key > key; i-- { // insertion into a handful
		p.Values[i] = p.Values[i-1]
	}
	p.Values[i] = CriterionValue{key, v}
}

// ClearValue removes a criterion value, so the partner counts as incomplete.
func (p *Partner) ClearValue(key string) {
	p.Values = slices.DeleteFunc(p.Values, func(v CriterionValue) bool { return v.Key == key })
	if len(p.Values) == 0 {
		p.Values = nil
	}
}

// Extra returns the value of an unmapped column, matched case-insensitively.
func (p *Partner) Extra(column string) (string, bool) {
	for _, e := range p.Extras {
		if strings.EqualFold(e.Column, column) {
			return e.Value, true
		}
	}
	return "", false
}

// SetOverride fixes the partner's tier by hand. A reason is required, so
// that whoever reads the plan later knows why the score was not followed.
func (p *Partner) SetOverride(t Tier, reason string) error {
	if t == "" {
		p.Override, p.OverrideReason = "", ""
		return nil
	}
	if !t.Valid() {
		return fmt.Errorf("%q is not a tier", string(t))
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("overriding %s to %s needs a reason", p.Name, t)
	}
	p.Override, p.OverrideReason = t, reason
	return nil
}

// Clone returns a deep copy, so an edit can be undone.
func (p *Partner) Clone() *Partner {
	return cloneAll([]*Partner{p})[0]
}

// cloneAll clones partners with a few allocations for all of them: the
// structs in one slab, their roles and values in one backing array each
// (each clone's slice capped at its length, so that an append to one copies
// rather than writing into the next). Sources and extras, which nothing
// changes in place (see Partner), are shared, capped: they were most of
// the bytes. Merge clones the rows it is not given, and the app the
// document before each edit; one by one, that was most of their time.
func cloneAll(ps []*Partner) []*Partner {
	var roles, values int
	for _, p := range ps {
		roles, values = roles+len(p.Roles), values+len(p.Values)
	}
	slab := make([]Partner, len(ps))
	out := make([]*Partner, len(ps))
	r, v := make([]Role, 0, roles), make(Values, 0, values)
	for i, p := range ps {
		c := &slab[i]
		*c = *p
		c.Roles, r = carve(r, p.Roles)
		c.Values, v = carve(v, p.Values)
		c.Sources, c.Extras = capped(p.Sources), capped(p.Extras)
		out[i] = c
	}
	return out
}

// capped is s capped at its length, so that an append to it copies; nil
// when s is empty.
func capped[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s[:len(s):len(s)]
}

// carve appends src to the backing array into and returns the copy, capped
// at its length, and what is left of into. An empty src gives nil, as
// append([]T(nil), src...) does.
func carve[T any](into, src []T) (copied, rest []T) {
	if len(src) == 0 {
		return nil, into
	}
	n := len(into)
	into = append(into, src...)
	return into[n:len(into):len(into)], into
}
