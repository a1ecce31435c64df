package core

import (
	"reflect"
	"strings"
	"testing"
)

func TestMissingCriteria(t *testing.T) {
	e := NewEcosystem("t", measureToday)
	for i := 0; i < 4; i++ {
		p := &Partner{Name: string(rune('A' + i))}
		// No list held Shared ICP; one partner lacks Product alignment.
		p.SetValue(CustomerOverlap, 5)
		p.SetValue(RevenuePotential, 5)
		if i > 0 {
			p.SetValue(ProductAlignment, 5)
		}
		e.Partners = append(e.Partners, p)
	}
	m := e.MissingCriteria()
	if len(m) != 2 || m[0].Criterion.Key != SharedICP || !m[0].NoColumn() || m[0].Partners != 4 ||
		m[1].Criterion.Key != ProductAlignment || m[1].NoColumn() || m[1].Partners != 1 {
		t.Fatalf("missing = %+v", m)
	}
	for _, want := range []string{"Shared ICP (35% of the score)", "any of the 4 partners", `--column "HEADER=Shared ICP"`} {
		if !strings.Contains(m[0].String(), want) {
			t.Errorf("%q does not say %q", m[0], want)
		}
	}
	if got := e.MissingValues(e.Partners[0]); strings.Join(got, ",") != "Shared ICP,Product alignment" {
		t.Errorf("missing values of A = %v", got)
	}
	// A partner rated 5 on every criterion the file has scores 65 (the
	// 35 missing points): the report must say why.
	ev := e.Evaluate()
	if s := ev.Results[1].Score; s != 65 {
		t.Errorf("score = %v, want 65", s)
	}
	// The counts the evaluation made say the same; an evaluation of an
	// older list is not trusted.
	if got := e.MissingCriteriaIn(ev); !reflect.DeepEqual(got, m) {
		t.Errorf("MissingCriteriaIn = %+v, want %+v", got, m)
	}
	e.Partners = append(e.Partners, &Partner{Name: "E"})
	if got := e.MissingCriteriaIn(ev); !reflect.DeepEqual(got, e.MissingCriteria()) || len(got) != 4 || got[0].Of != 5 {
		t.Errorf("MissingCriteriaIn(an older evaluation) = %+v, want counted afresh", got)
	}
}

func TestFindByAlias(t *testing.T) {
	sc := DefaultScorecard()
	for header, key := range map[string]string{"ICP fit": SharedICP, "ICP": SharedICP, "Customer fit": SharedICP,
		"Overlap": CustomerOverlap, "Product fit": ProductAlignment, "Revenue opportunity": RevenuePotential} {
		if c, ok := sc.Find(header); !ok || c.Key != key {
			t.Errorf("Find(%q) = %v, %v; want %s", header, c.Key, ok, key)
		}
	}
}
