package planbook_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"partneratlas/core"
	"partneratlas/exporters/planbook/planbooktest"
)

// TestPrivateRequestsKeptInPlan checks that the private overlap requests a
// user keeps in the plan come back whole from the workbook (a matches state
// of thousands of companies spans many cells), beside the verdicts on
// look-alikes, and that the answer then opens from the reopened plan.
func TestPrivateRequestsKeptInPlan(t *testing.T) {
	ctx := context.Background()
	var ours []core.Account
	for i := range 3000 {
		ours = append(ours, core.Account{Name: fmt.Sprintf("Société %d Ünïcode Labs", i), Domains: []string{fmt.Sprintf("labs%d.example", i)}, Row: i + 2})
	}
	e := planbooktest.Ecosystem(today)
	e.SamePartners = core.SamePartners{core.PairKey("Acme", "ACME Corp"): true}
	var reqs []*core.PrivateFile
	for _, mode := range []core.PrivateMode{core.PrivateMatches, core.PrivateCounts} {
		req, st, err := core.MakePrivateRequest(ctx, ours, core.PrivateRequestOptions{Mode: mode, From: "Us", List: "ours.csv"})
		if err != nil {
			t.Fatal(err)
		}
		e.KeepPrivateRequest(st)
		reqs = append(reqs, req)
	}
	got, res := reopen(t, save(t, e, "plan.xlsx"))
	if len(res.Problems) > 0 {
		t.Errorf("problems: %v", res.Problems)
	}
	if !reflect.DeepEqual(got.PrivateRequests, e.PrivateRequests) {
		t.Fatalf("kept requests: %d back, want %d, or they differ", len(got.PrivateRequests), len(e.PrivateRequests))
	}
	if !reflect.DeepEqual(got.SamePartners, e.SamePartners) {
		t.Errorf("verdicts = %v, want %v", got.SamePartners, e.SamePartners)
	}
	for i, req := range reqs {
		ans, _, err := core.AnswerPrivateRequest(ctx, req, ours[1000:1500], core.PrivateAnswerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		o, err := core.FinishPrivateOverlap(ctx, got.PrivateRequest(req.Header.RequestID), req, ans, nil)
		if err != nil || o.SharedCompanies() != 500 {
			t.Errorf("request %d finished from the reopened plan: %d shared, %v; want 500", i, o.SharedCompanies(), err)
		}
	}
	// A plan without kept requests writes no such section.
	e.PrivateRequests = nil
	if got, _ := reopen(t, save(t, e, "plan2.xlsx")); got.PrivateRequests != nil {
		t.Errorf("requests read from a plan that kept none: %v", got.PrivateRequests)
	}
}
