package core

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func acct(name, domains string, pop Population, amount float64) Account {
	return Account{Name: name, Domains: ParseDomains(domains), Population: pop, Amount: amount}
}

func TestOverlapWith(t *testing.T) {
	ours := IndexAccounts([]Account{
		acct("Acme Corporation", "https://www.acme.com", Customer, 0),
		acct("ACME Corp.", "acme.com", Prospect, 0), // a duplicate of the first
		acct("Globex", "", Opportunity, 50000),
		acct("Initech LLC", "initech.io", Prospect, 0),
		acct("Umbrella Health", "", Customer, 0),
		acct("Stark Industries International", "", Opportunity, 20000),
		acct("Wayne Enterprises", "wayne.com", Customer, 0),
	})
	theirList := []Account{
		acct("Acme", "shop.acme.com", Customer, 0),             // domain → both customers
		acct("The Globex Company", "", Customer, 0),            // name → their customer, our opportunity
		acct("Initech", "initech.io; initech.de", Prospect, 0), // domain → both prospects
		acct("Umbrella Wealth", "", Customer, 0),               // not similar enough
		acct("Stark Industries Intl", "", Prospect, 0),         // fuzzy
		acct("Wayne Enterprises Inc", "", Prospect, 0),         // name → our customer, their prospect
		acct("Wayne Enterprises", "", Prospect, 0),             // duplicate on their list
	}
	theirs := IndexAccounts(theirList)
	if ours.Companies() != 6 || theirs.Companies() != 6 {
		t.Fatalf("companies = %d, %d; want 6, 6", ours.Companies(), theirs.Companies())
	}
	o := ours.OverlapWith("Partner", theirList, nil)
	want := [4]int{1, 1, 1, 2}
	if o.Counts != want {
		t.Errorf("counts = %v, want %v", o.Counts, want)
	}
	if o.Pipeline != 70000 {
		t.Errorf("pipeline = %v, want 70000", o.Pipeline)
	}
	if o.ByKind[MatchDomain] != 2 || o.ByKind[MatchName] != 2 || o.ByKind[MatchFuzzy] != 1 {
		t.Errorf("by kind = %v", o.ByKind)
	}
	if o.Companies != 6 || o.Customers != 3 {
		t.Errorf("companies %d customers %d", o.Companies, o.Customers)
	}
	for _, m := range o.Matches {
		if m.Reason(ours.Accounts, theirs.Accounts) == "" || m.Confidence <= 0 {
			t.Errorf("match %+v has no reason or confidence", m)
		}
		if m.Kind == MatchFuzzy && (m.Confidence >= NameConfidence || m.Similarity < FuzzySimilarity) {
			t.Errorf("fuzzy match %+v", m)
		}
	}
	// Rejecting the fuzzy match removes it.
	d := Decisions{FuzzyKey("Stark Industries International", "Stark Industries Intl"): Rejected}
	o2 := ours.OverlapWith("Partner", theirList, d)
	if o2.ByKind[MatchFuzzy] != 0 || o2.Pipeline != 50000 {
		t.Errorf("after rejecting: %v, pipeline %v", o2.ByKind, o2.Pipeline)
	}
	// 2 of their 3 customers are ours or our prospects: 67 % → 5.
	if s := OverlapScore(o); s != 5 {
		t.Errorf("OverlapScore = %v, want 5", s)
	}
}

func TestOverlapScore(t *testing.T) {
	tests := []struct {
		customers, shared int
		want              float64
	}{{100, 0, 1}, {100, 4, 2}, {100, 5, 3}, {100, 14, 3}, {100, 15, 4}, {100, 30, 5}, {0, 0, 1}}
	for _, tt := range tests {
		o := Overlap{Customers: tt.customers, Companies: tt.customers}
		o.Counts[BothCustomers] = tt.shared
		if got := OverlapScore(o); got != tt.want {
			t.Errorf("OverlapScore(%d of %d) = %v, want %v", tt.shared, tt.customers, got, tt.want)
		}
	}
}

// TestSimilarity: the letter-pair similarity of two names, and their
// similarity once expanded (FuzzyScore), whose loose keys must then agree.
func TestSimilarity(t *testing.T) {
	tests := []struct {
		score  func(a, b string) float64
		a, b   string
		lo, hi float64
		loose  bool // the loose keys agree
	}{
		{Similarity, "acme", "acme", 1, 1, false},
		{Similarity, "umbrella health", "umbrella wealth", 0.8, 0.9, false},
		{Similarity, "", "", 1, 1, false},
		{Similarity, "abc", "xyz", 0, 0, false},
		{FuzzyScore, "stark industries international", "stark industries intl", 1, 1, true},
		{FuzzyScore, "university of leeds", "leeds university", 0.85, 0.95, true},
		{FuzzyScore, "acme widgets", "acme widget", 1, 1, true},
		{FuzzyScore, "j b hunt transport", "jb hunt transport", 1, 1, true}, // initials joined
		{FuzzyScore, "amazoncom", "amazon com", 1, 1, true},
	}
	for _, tt := range tests {
		if s := tt.score(tt.a, tt.b); s < tt.lo || s > tt.hi {
			t.Errorf("similarity of %q and %q = %.3f, want %.2f–%.2f", tt.a, tt.b, s, tt.lo, tt.hi)
		}
		if tt.loose && looseKey(tt.a) != looseKey(tt.b) {
			t.Errorf("looseKey(%q) = %q, looseKey(%q) = %q", tt.a, looseKey(tt.a), tt.b, looseKey(tt.b))
		}
	}
}

func TestParseDomains(t *testing.T) {
	got := fmt.Sprint(ParseDomains("mit.edu; https://alum.mit.edu/x, www.csail.mit.edu n/a"))
	if got != "[mit.edu]" {
		t.Errorf("ParseDomains = %s", got)
	}
}

// syntheticAccounts makes n accounts with company-like names and domains.
func syntheticAccounts(rng *rand.Rand, n, universe int) []Account {
	words := []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Massive", "Dynamic", "Blue", "Northern", "Pacific", "Atlas", "Summit"}
	forms := []string{"Inc", "LLC", "Ltd", "Corporation", "GmbH", "", "", "S.A."}
	out := make([]Account, n)
	for i := range out {
		k := rng.IntN(universe)
		name := fmt.Sprintf("%s %s %d %s", words[k%len(words)], words[(k/len(words))%len(words)], k, forms[rng.IntN(len(forms))])
		a := Account{Name: name, Population: Population(rng.IntN(3))}
		if rng.IntN(3) > 0 {
			a.Domains = []string{fmt.Sprintf("%s%d.com", words[k%len(words)], k)}
		}
		if a.Population == Opportunity {
			a.Amount = float64(1000 * (1 + rng.IntN(100)))
		}
		out[i] = a
	}
	return out
}

// TestMatchListsAsOneByOne matches lists with MatchLists, which prepares the
// first partners' lists while ours is indexed and matches the rest on every
// core, and one by one with OverlapWith and Explain: the overlaps are the
// same whichever lists were prepared early, including a list that is empty
// and one larger than ours.
func TestMatchListsAsOneByOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ours := syntheticAccounts(rng, 120_000, 200_000)
	lists := make([]AccountList, 40)
	for i := range lists {
		n := 1_500 + rng.IntN(1_000)
		switch i {
		case 7:
			n = 0
		case 31:
			n = 150_000
		}
		lists[i] = AccountList{Partner: fmt.Sprint("Partner ", i), Accounts: syntheticAccounts(rng, n, 400_000)}
	}
	decisions := Decisions{}
	got := MatchLists(&AccountList{Accounts: ours}, lists, decisions)
	ix := IndexAccounts(ours)
	for i, l := range lists {
		want := ix.OverlapWith(l.Partner, l.Accounts, decisions)
		ix.Explain(&want, l.Accounts)
		want.Matches = nil
		if !reflect.DeepEqual(got[i], want) {
			t.Fatalf("%s: MatchLists gives %d shared %v, one by one %d shared %v", l.Partner,
				got[i].SharedCompanies(), got[i].Counts, want.SharedCompanies(), want.Counts)
		}
		if i == 0 && want.SharedCompanies() == 0 {
			t.Fatal("the lists share nothing: the test compares nothing")
		}
	}
}

// TestMatchReadAsMatchLists: lists read as they are matched (MatchRead, as
// the CLI matches files) give the overlaps MatchLists gives on the lists
// held, each list read once; a failure returns the error of the first list
// that failed in the order of the lists, ours first, whichever goroutine
// met it first, and no list after one that failed early is read.
func TestMatchReadAsMatchLists(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ours := AccountList{File: "ours.csv", Accounts: syntheticAccounts(rng, 60_000, 100_000)}
	lists := make([]AccountList, 30)
	for i := range lists {
		lists[i] = AccountList{Partner: fmt.Sprint("Partner ", i), Accounts: syntheticAccounts(rng, 1_000+rng.IntN(2_000), 200_000)}
	}
	want := MatchLists(&ours, lists, nil)
	type failing struct {
		list  int
		after time.Duration // the read fails after this long
	}
	for _, tt := range []struct {
		name      string
		oursFails bool
		fail      []failing
		want      string
		readUpTo  int // no list after it is read; -1: every list is
	}{
		{name: "none", readUpTo: -1},
		{name: "a list read while ours is indexed", fail: []failing{{3, 0}}, want: "list 3", readUpTo: 3},
		{name: "the later of two fails first", fail: []failing{{27, 30 * time.Millisecond}, {29, 0}}, want: "list 27", readUpTo: -1},
		{name: "ours and a list", oursFails: true, fail: []failing{{0, 0}}, want: "ours"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			reads := make([]atomic.Int32, len(lists))
			readOurs := func() (AccountList, error) {
				time.Sleep(50 * time.Millisecond) // as a file takes time: the first lists are read meanwhile
				if tt.oursFails {
					return AccountList{}, errors.New("ours")
				}
				return ours, nil
			}
			read := func(i int) (AccountList, error) {
				reads[i].Add(1)
				for _, f := range tt.fail {
					if f.list == i {
						time.Sleep(f.after)
						return AccountList{}, fmt.Errorf("list %d", i)
					}
				}
				return lists[i], nil
			}
			ix, got, err := MatchRead(readOurs, len(lists), read, nil)
			for i := range reads {
				if n := reads[i].Load(); n > 1 || (tt.readUpTo >= 0 && i > tt.readUpTo && n > 0) || (tt.want == "" && n != 1) {
					t.Errorf("list %d was read %d times", i, n)
				}
			}
			if tt.want != "" {
				if err == nil || err.Error() != tt.want || ix != nil || got != nil {
					t.Fatalf("MatchRead gives %v, %d overlaps, error %v; want the error %q", ix, len(got), err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatal("MatchRead's overlaps differ from MatchLists'")
			}
			if c, w := ix.Companies(), IndexAccounts(ours.Accounts).Companies(); c != w {
				t.Errorf("our index counts %d companies, want %d", c, w)
			}
		})
	}
}

// BenchmarkOverlapMatching1Mx200x10k matches 200 partner lists of 10,000
// accounts against our 1,000,000 as the app and the CLI do (MatchLists:
// normalising, indexing and explaining included, reading files not).
func BenchmarkOverlapMatching1Mx200x10k(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	ours := syntheticAccounts(rng, 1_000_000, 2_000_000)
	lists := make([]AccountList, 200)
	for i := range lists {
		lists[i] = AccountList{Partner: fmt.Sprint("Partner ", i), Accounts: syntheticAccounts(rng, 10_000, 2_000_000)}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		shared := 0
		for _, o := range MatchLists(&AccountList{Accounts: ours}, lists, nil) {
			shared += o.SharedCompanies()
		}
		if shared == 0 {
			b.Fatal("no overlap")
		}
	}
}

// BenchmarkIndexAccounts1M prepares our list of 1,000,000 accounts: the
// part of account mapping that does not split across partner lists.
func BenchmarkIndexAccounts1M(b *testing.B) {
	ours := syntheticAccounts(rand.New(rand.NewPCG(7, 7)), 1_000_000, 2_000_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		IndexAccounts(ours)
	}
}

// TestReasonAsFmtWrote holds Reason, written without fmt for speed, to the
// sentences fmt.Sprintf wrote, on names that quoting has to escape.
func TestReasonAsFmtWrote(t *testing.T) {
	ours := []Account{{Name: `Acme "Cloud" Inc.`}, {Name: "Société Générale"}, {Name: "bad \xff byte\ttab"}, {Name: `back\slash ~ tilde`}, {Name: "del\x7f and space "}}
	theirs := []Account{{Name: "ACME Cloud"}, {Name: "Societe Generale SA"}, {Name: ""}, {Name: "Plain Name, Inc. (US) !#$%&'*+"}, {Name: "\x1fUnit"}}
	was := func(m Match) string {
		switch m.Kind {
		case MatchDomain:
			return fmt.Sprintf("Same website domain %s", m.Key)
		case MatchName:
			return fmt.Sprintf("Same company name once case, accents, punctuation and legal forms are set aside (%q)", m.Key)
		}
		if m.sharedWord {
			what, it := "word", "it"
			if strings.Contains(m.Key, " ") {
				what, it = "words", "them"
			}
			return fmt.Sprintf("%q and %q share the distinctive %s %q (no other name on either list starts with %s): check and accept or reject",
				ours[m.Ours].Name, theirs[m.Theirs].Name, what, m.Key, it)
		}
		return fmt.Sprintf("Similar names %q and %q (similarity %.2f): check and accept or reject",
			ours[m.Ours].Name, theirs[m.Theirs].Name, m.Similarity)
	}
	for _, m := range []Match{
		{Kind: MatchDomain, Key: "acme.com"},
		{Kind: MatchName, Key: "acme cloud"},
		{Kind: MatchName, Key: `o"reilly \ media`},
		{Kind: MatchName, Key: "o reilly ~ media"},
		{Kind: MatchName, Key: "tab\there"},
		{Kind: MatchName, Key: "x\x7f"},
		{Kind: MatchName, Key: "münchen"},
		{Kind: MatchName, Key: ""},
		{Kind: MatchFuzzy, Ours: 3, Theirs: 3, Key: `back\slash`, sharedWord: true},
		{Kind: MatchFuzzy, Ours: 4, Theirs: 4, Similarity: 0.61},
		{Kind: MatchFuzzy, Ours: 3, Theirs: 4, Key: "plain name", sharedWord: true},
		{Kind: MatchFuzzy, Ours: 0, Theirs: 0, Key: "acme", sharedWord: true},
		{Kind: MatchFuzzy, Ours: 1, Theirs: 1, Key: "societe generale", sharedWord: true},
		{Kind: MatchFuzzy, Ours: 2, Theirs: 2, Similarity: 0.875},
		{Kind: MatchFuzzy, Ours: 1, Theirs: 0, Similarity: 0.005},
		{Kind: MatchFuzzy, Ours: 0, Theirs: 1, Similarity: 1},
		{Kind: MatchFuzzy, Ours: 0, Theirs: 1, Similarity: math.NaN()},
	} {
		if got, want := m.Reason(ours, theirs), was(m); got != want {
			t.Errorf("%+v:\n got %s\nwant %s", m, got, want)
		}
	}
}
