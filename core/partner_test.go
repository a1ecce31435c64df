package core

import (
	"fmt"
	"reflect"
	"testing"
)

// TestCloneAllIndependent checks that partners cloned together share no
// storage: an append to one clone's roles, sources or extras, or a change
// to its values, reaches neither its neighbour nor the original.
func TestCloneAllIndependent(t *testing.T) {
	orig := []*Partner{
		{Name: "A", Roles: []Role{Technology}, Sources: []Source{{File: "a.csv", Row: 2}}, Extras: []Extra{{Column: "Note", Value: "x"}}, Values: Values{{"fit", 1}}},
		{Name: "B", Roles: []Role{Channel, Service}, Sources: []Source{{File: "b.csv", Row: 3}}},
		{Name: "C", Roles: []Role{}},
	}
	clones := cloneAll(orig)
	clones[0].Roles = append(clones[0].Roles, Marketplace)
	clones[0].Sources = append(clones[0].Sources, Source{File: "z.csv"})
	clones[0].Extras = append(clones[0].Extras, Extra{Column: "Other"})
	clones[0].SetValue("fit", 5)
	if !reflect.DeepEqual(clones[1].Roles, []Role{Channel, Service}) || clones[1].Sources[0].File != "b.csv" {
		t.Errorf("an append to one clone reached the next: %+v", clones[1])
	}
	if len(orig[0].Roles) != 1 || len(orig[0].Sources) != 1 || len(orig[0].Extras) != 1 || valueOf(orig[0], "fit") != 1 {
		t.Errorf("a change to a clone reached the original: %+v", orig[0])
	}
	if clones[2].Roles != nil || clones[1].Values != nil || clones[1].Extras != nil {
		t.Errorf("empty fields did not stay empty as Clone always left them: %+v, %+v", clones[1], clones[2])
	}
	if one := orig[1].Clone(); !reflect.DeepEqual(one, clones[1]) {
		t.Errorf("Clone = %+v, cloneAll gives %+v", one, clones[1])
	}
}

// valueOf is p's value for a criterion, 0 when it has none.
func valueOf(p *Partner, key string) float64 {
	v, _ := p.Value(key)
	return v
}

// TestValuesKeepOneValuePerKey checks that values set in any order, over a
// list written in any order, keep one value per key, in key order when set.
func TestValuesKeepOneValuePerKey(t *testing.T) {
	p := &Partner{}
	for _, kv := range []CriterionValue{{"reach", 1}, {"fit", 2}, {"reach", 3}, {"arr", 4}} {
		p.SetValue(kv.Key, kv.Value)
	}
	if want := (Values{{"arr", 4}, {"fit", 2}, {"reach", 3}}); !reflect.DeepEqual(p.Values, want) {
		t.Errorf("values = %v, want %v", p.Values, want)
	}
	q := &Partner{Values: Values{{"reach", 1}, {"fit", 2}}} // as a literal writes them
	q.SetValue("fit", 5)
	q.SetValue("arr", 6)
	if v, ok := q.Value("fit"); !ok || v != 5 || len(q.Values) != 3 {
		t.Errorf("values = %v, want fit 5 and three values", q.Values)
	}
	q.ClearValue("fit")
	q.ClearValue("reach")
	q.ClearValue("arr")
	if q.Values != nil {
		t.Errorf("values after clearing every one = %#v, want nil", q.Values)
	}
}

// TestSourceStringAsFmtWrote holds Source's String, now written by
// AppendText, to the Sprintf sentences it replaced.
func TestSourceStringAsFmtWrote(t *testing.T) {
	for _, s := range []Source{{}, {File: "a.csv", Row: 2}, {File: "b.xlsx", Sheet: "Partners", Row: 1_048_576}, {File: "ü.xlsx", Sheet: "%d", Row: -3}} {
		want := fmt.Sprintf("%s, sheet %s, row %d", s.File, s.Sheet, s.Row)
		if s.Sheet == "" {
			want = fmt.Sprintf("%s, row %d", s.File, s.Row)
		}
		if got := s.String(); got != want {
			t.Errorf("%#v: got %q, want %q", s, got, want)
		}
	}
}
