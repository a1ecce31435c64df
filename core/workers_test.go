package core

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestInParallelGivesOnePieceAtATime: work is given every piece once, one
// piece a call, on one core as on many. On one core it was given the whole
// range in one call, and matching, which reads a piece as one list, matched
// only the first partner's list (TestMatchListsOnOneCore).
func TestInParallelGivesOnePieceAtATime(t *testing.T) {
	for _, procs := range []int{1, 4} {
		for _, tt := range []struct{ n, piece int }{{10, 3}, {10, 1}, {10, 10}, {10, 20}, {1, 1}} {
			t.Run(fmt.Sprintf("%d cores, %d in pieces of %d", procs, tt.n, tt.piece), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				var mu sync.Mutex
				var got [][2]int
				inParallel(tt.n, tt.piece, func(lo, hi int) {
					mu.Lock()
					got = append(got, [2]int{lo, hi})
					mu.Unlock()
				})
				slices.SortFunc(got, func(a, b [2]int) int { return a[0] - b[0] })
				var want [][2]int
				for lo := 0; lo < tt.n; lo += tt.piece {
					want = append(want, [2]int{lo, min(tt.n, lo+tt.piece)})
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("work was given %v, want %v", got, want)
				}
			})
		}
	}
}

// TestMatchListsOnOneCore: on a machine of one core (or a container given
// one), every partner's list is matched, as one by one.
func TestMatchListsOnOneCore(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ours := AccountList{Accounts: accountsNamed([]string{"Acme Corporation", "Globex", "Initech", "Umbrella Corp"})}
	lists := []AccountList{
		{Partner: "First", Accounts: accountsNamed([]string{"ACME Corp."})},
		{Partner: "Second", Accounts: accountsNamed([]string{"Globex Inc", "Initech"})},
		{Partner: "Third", Accounts: accountsNamed([]string{"Umbrella Corporation"})},
	}
	got := MatchLists(&ours, lists, nil)
	ix := IndexAccounts(ours.Accounts)
	for i, l := range lists {
		want := ix.OverlapWith(l.Partner, l.Accounts, nil)
		ix.Explain(&want, l.Accounts)
		want.Matches = nil
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("%s: MatchLists gives %q with %d shared, one by one %d shared", l.Partner, got[i].Partner, got[i].SharedCompanies(), want.SharedCompanies())
		}
	}
}

// TestInParallelGivesAPanicToTheCaller: a panic in a piece comes out on the
// caller's goroutine, with the worker's stack, where the caller can recover
// it (a reader turns it into a damaged file, the app logs it); it ended the
// whole process from the worker before. No worker is left behind.
func TestInParallelGivesAPanicToTheCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	before := runtime.NumGoroutine()
	var got any
	func() {
		defer func() { got = recover() }()
		inParallel(100, 1, func(lo, _ int) {
			if lo == 37 {
				panic("piece 37 is damaged")
			}
		})
	}()
	if text := fmt.Sprint(got); !strings.Contains(text, "piece 37 is damaged") || !strings.Contains(text, "workers_test.go") {
		t.Fatalf("the caller recovered %q; want the panic with the worker's stack", text)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}
