package core

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"partneratlas/internal/fixtures"
	"slices"
	"strings"
	"testing"
	"time"
)

// readUniversities reads the world universities list (name and domains)
// with encoding/csv, as a list of accounts; every third is a customer and
// every seventh an open opportunity, so every population is filled.
func readUniversities(t testing.TB) []Account {
	t.Helper()
	recs := fixtures.CSV(t, "../importers/testdata/world-universities.csv")
	var out []Account
	for i, r := range recs[1:] {
		a := Account{Name: r[0], Domains: ParseDomains(r[1]), Row: i + 2, Population: Prospect}
		switch {
		case i%7 == 0:
			a.Population, a.Amount = Opportunity, float64(1000+i)
		case i%3 == 0:
			a.Population = Customer
		}
		out = append(out, a)
	}
	return out
}

// namesOf turns rows of a real list into accounts known by name only,
// every other one a customer.
func namesOf(rows []listRow) []Account {
	out := make([]Account, len(rows))
	for i, r := range rows {
		out[i] = Account{Name: r.name, Row: i + 2, Population: Prospect}
		if i%2 == 0 {
			out[i].Population = Customer
		}
	}
	return out
}

// exactOverlap is plain overlap's result restricted to its exact matches
// (domain and name): what a private overlap can find.
func exactOverlap(ours, theirs []Account) Overlap {
	o := IndexAccounts(ours).OverlapWith("p", theirs, nil)
	x := Overlap{Companies: o.Companies, Customers: o.Customers, ByKind: map[MatchKind]int{}}
	ix := IndexAccounts(ours)
	for _, m := range o.Matches {
		if m.Kind == MatchFuzzy {
			continue
		}
		x.Counts[m.Population]++
		x.ByKind[m.Kind]++
		c := ix.canon[m.Ours]
		if ix.pop[c] == Opportunity {
			x.Pipeline += ix.amt[c]
		}
	}
	return x
}

// exchange runs the three steps in memory, through the file format.
func exchange(t testing.TB, ours, theirs []Account, mode PrivateMode, pops bool) (Overlap, []byte, []byte) {
	t.Helper()
	x := exchangeAll(t, ours, theirs, mode, pops)
	return x.finished, x.files[0], x.files[1]
}

// exchanged is what exchangeAll saw: the requester's overlap, the
// answering side's from the result, and the three files.
type exchanged struct {
	finished, result Overlap
	files            [3][]byte // request, answer, result
}

// exchangeAll runs the four steps in memory, every file and state through
// its format: request, answer, finish with a result, read the result.
func exchangeAll(t testing.TB, ours, theirs []Account, mode PrivateMode, pops bool) exchanged {
	t.Helper()
	ctx := context.Background()
	var x exchanged
	through := func(i int, f *PrivateFile) *PrivateFile {
		var b bytes.Buffer
		if _, err := f.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		x.files[i] = b.Bytes()
		back, err := ReadPrivateFile(bytes.NewReader(b.Bytes()), PrivateLimits{MaxEntries: DefaultMaxEntries})
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	req, st, err := MakePrivateRequest(ctx, ours, PrivateRequestOptions{Mode: mode, From: "Requester Ltd", SharePopulations: pops})
	if err != nil {
		t.Fatal(err)
	}
	reqBack := through(0, req)
	ans, ast, err := AnswerPrivateRequest(ctx, reqBack, theirs, PrivateAnswerOptions{From: "Answerer GmbH", SharePopulations: pops})
	if err != nil {
		t.Fatal(err)
	}
	ansBack := through(1, ans)
	var state bytes.Buffer
	if _, err := st.WriteTo(&state); err != nil {
		t.Fatal(err)
	}
	stBack, err := ReadPrivateState(&state)
	if err != nil {
		t.Fatal(err)
	}
	var res *PrivateFile
	if x.finished, res, err = FinishPrivateOverlapWithResult(ctx, stBack, reqBack, ansBack, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	resBack := through(2, res)
	state.Reset()
	if _, err := ast.WriteTo(&state); err != nil {
		t.Fatal(err)
	}
	astBack, err := ReadPrivateAnswerState(&state)
	if err != nil {
		t.Fatal(err)
	}
	if x.result, err = ReadPrivateResult(astBack, ansBack, resBack); err != nil {
		t.Fatal(err)
	}
	return x
}

// TestPrivateOverlapEqualsPlain checks, on real lists, that each mode
// finds what plain overlap finds by domain and by name.
func TestPrivateOverlapEqualsPlain(t *testing.T) {
	sp := namesOf(readList(t, "sp500-constituents.csv", "Security", "Symbol", ""))
	nasdaq := namesOf(readList(t, "nasdaq-listed-symbols.csv", "Company Name", "Symbol", ""))
	old := namesOf(readList(t, "sp500-2016-names.csv", "Name", "Symbol", ""))
	unis := readUniversities(t)
	lists := []struct {
		name         string
		ours, theirs []Account
	}{
		{"S&P 500 against Nasdaq", sp, nasdaq},
		{"Nasdaq against S&P 500", nasdaq, sp},
		{"S&P 500 of 2016 against today's", old, sp},
		{"universities, two overlapping halves", unis[:6000], unis[4000:]},
	}
	for _, l := range lists {
		want := exactOverlap(l.ours, l.theirs)
		if want.SharedCompanies() == 0 {
			t.Fatalf("%s: plain overlap shares nothing; the test proves nothing", l.name)
		}
		for _, mode := range []PrivateMode{PrivateCounts, PrivateMatches} {
			t.Run(l.name+"/"+string(mode), func(t *testing.T) {
				x := exchangeAll(t, l.ours, l.theirs, mode, true)
				got := x.finished
				checkResult(t, x.result, x.finished, mode)
				if got.Companies != want.Companies || got.Customers != want.Customers {
					t.Errorf("companies, customers = %d, %d, want %d, %d", got.Companies, got.Customers, want.Companies, want.Customers)
				}
				if got.Counts != want.Counts {
					t.Errorf("counts = %v, want %v", got.Counts, want.Counts)
				}
				for _, k := range []MatchKind{MatchDomain, MatchName} {
					if got.ByKind[k] != want.ByKind[k] {
						t.Errorf("by %s = %d, want %d", k, got.ByKind[k], want.ByKind[k])
					}
				}
				if mode == PrivateMatches && got.Pipeline != want.Pipeline {
					t.Errorf("pipeline = %v, want %v", got.Pipeline, want.Pipeline)
				}
				if mode == PrivateMatches && len(got.Shared) != got.SharedCompanies() {
					t.Errorf("%d shared accounts written out, want %d", len(got.Shared), got.SharedCompanies())
				}
				if mode == PrivateCounts && len(got.Shared) != 0 {
					t.Errorf("counts mode wrote out %d shared accounts, want none", len(got.Shared))
				}
				if !strings.HasPrefix(got.Method, "computed privately") || !strings.Contains(got.Method, "fuzzy") {
					t.Errorf("Method = %q, want it to say computed privately and why fuzzy matches are missing", got.Method)
				}
			})
		}
	}
}

// checkResult checks that what the answering side learnt from a result is
// what the requester learnt, seen from the other side: the same shared
// companies by the same keys; per population both ways in counts mode;
// which of its own companies in matches mode, by its own populations only
// (a matches request never sends the requester's).
func checkResult(t *testing.T, got, finished Overlap, mode PrivateMode) {
	t.Helper()
	want := finished.Counts
	want[OurCustomerTheirProspect], want[TheirCustomerOurProspect] = want[TheirCustomerOurProspect], want[OurCustomerTheirProspect]
	if mode == PrivateMatches { // theirs read as prospects
		want = [4]int{0, want[BothCustomers] + want[OurCustomerTheirProspect], 0, want[TheirCustomerOurProspect] + want[BothProspects]}
	}
	if got.Counts != want {
		t.Errorf("result: counts %v, want %v (the requester's %v, from the other side)", got.Counts, want, finished.Counts)
	}
	for _, k := range []MatchKind{MatchDomain, MatchName} {
		if got.ByKind[k] != finished.ByKind[k] {
			t.Errorf("result: by %s = %d, want %d", k, got.ByKind[k], finished.ByKind[k])
		}
	}
	if mode == PrivateCounts && len(got.Shared) != 0 {
		t.Errorf("result: counts mode wrote out %d shared accounts, want none", len(got.Shared))
	}
	if mode == PrivateMatches && len(got.Shared) != got.SharedCompanies() {
		t.Errorf("result: %d shared accounts written out, want %d", len(got.Shared), got.SharedCompanies())
	}
	if !slices.IsSortedFunc(got.Shared, func(a, b SharedAccount) int { return a.OurRow - b.OurRow }) {
		t.Error("result: shared accounts not in the order of the list's rows")
	}
}

// TestPrivateResultRefusals checks that a result is read only with the
// answer it completes and that answer's record: a result of another
// exchange, an answer or a request given as a result, a record of another
// answer, and an edited result are each refused by kind.
func TestPrivateResultRefusals(t *testing.T) {
	ctx := context.Background()
	sp := namesOf(readList(t, "sp500-constituents.csv", "Security", "Symbol", ""))
	type run struct {
		req, ans, res *PrivateFile
		ast           *PrivateAnswerState
	}
	exchangeOnce := func() run {
		req, st, err := MakePrivateRequest(ctx, sp[:200], PrivateRequestOptions{Mode: PrivateMatches})
		if err != nil {
			t.Fatal(err)
		}
		ans, ast, err := AnswerPrivateRequest(ctx, req, sp[100:300], PrivateAnswerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, res, err := FinishPrivateOverlapWithResult(ctx, st, req, ans, nil, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return run{req, ans, res, ast}
	}
	a, b := exchangeOnce(), exchangeOnce()
	if _, err := ReadPrivateResult(a.ast, a.ans, a.res); err != nil {
		t.Fatalf("the right pairing is refused: %v", err)
	}
	var edited bytes.Buffer
	a.res.WriteTo(&edited)
	raw := edited.Bytes()
	raw[len(raw)-5] ^= 1
	tests := []struct {
		name string
		read func() error
		want PrivateErrorKind
	}{
		{"result of another exchange", func() error { _, err := ReadPrivateResult(a.ast, a.ans, b.res); return err }, PrivatePairing},
		{"record of another answer", func() error { _, err := ReadPrivateResult(b.ast, a.ans, a.res); return err }, PrivatePairing},
		{"the answer given as the result", func() error { _, err := ReadPrivateResult(a.ast, a.ans, a.ans); return err }, PrivatePairing},
		{"the request given as the answer", func() error { _, err := ReadPrivateResult(a.ast, a.req, a.res); return err }, PrivatePairing},
		{"no record", func() error { _, err := ReadPrivateResult(nil, a.ans, a.res); return err }, PrivatePairing},
		{"an edited result", func() error { _, err := ReadPrivateFile(bytes.NewReader(raw), PrivateLimits{}); return err }, PrivateDamaged},
	}
	for _, tt := range tests {
		err := tt.read()
		if got := PrivateErrorKindOf(err); got != tt.want {
			t.Errorf("%s: kind %q (%v), want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestPrivateOverlapCases checks, on small lists made for it, the shapes
// of company plain matching folds: a company of two names, a partner's
// company with no name or with its match on its second website, two of
// theirs reaching one of ours by domain and by name.
func TestPrivateOverlapCases(t *testing.T) {
	acc := func(name string, pop Population, domains ...string) Account {
		return Account{Name: name, Domains: domains, Population: pop}
	}
	tests := []struct {
		name         string
		ours, theirs []Account
		shared       int
		surest       bool // the domain match counts, where plain counts the first in their list
	}{
		{"one company of two names", []Account{acc("Alphabet Inc.", Customer, "abc.xyz"), acc("Google", Customer, "abc.xyz")},
			[]Account{acc("Google LLC", Customer)}, 1, false},
		{"their company without a name", []Account{acc("Initech", Prospect, "initech.io")},
			[]Account{acc("", Customer, "initech.io")}, 1, false},
		{"their second website", []Account{acc("Hooli", Customer, "hooli.xyz")},
			[]Account{acc("Hooli Holdings XYZ", Prospect, "hooli.com", "hooli.xyz")}, 1, false},
		{"two of theirs reach one of ours, by domain first", []Account{acc("Davis & Elkins College", Customer, "wvnet.edu")},
			[]Account{acc("Eastern WV College", Prospect, "wvnet.edu"), acc("Davis and Elkins College", Customer, "dewv.edu")}, 1, false},
		// Plain matching counts the first of theirs in their list; their
		// order never travels, so the private overlap counts the surest.
		{"two of theirs reach one of ours, by name first", []Account{acc("Davis & Elkins College", Customer, "wvnet.edu")},
			[]Account{acc("Davis and Elkins College", Customer, "dewv.edu"), acc("Eastern WV College", Prospect, "wvnet.edu")}, 1, true},
		{"nothing shared", []Account{acc("Umbrella", Customer)}, []Account{acc("Wayne Enterprises", Customer, "wayne.com")}, 0, false},
	}
	for _, tt := range tests {
		want := exactOverlap(tt.ours, tt.theirs)
		if want.SharedCompanies() != tt.shared {
			t.Fatalf("%s: plain overlap shares %d, the case expects %d", tt.name, want.SharedCompanies(), tt.shared)
		}
		for _, mode := range []PrivateMode{PrivateCounts, PrivateMatches} {
			t.Run(tt.name+"/"+string(mode), func(t *testing.T) {
				got, _, _ := exchange(t, tt.ours, tt.theirs, mode, true)
				if tt.surest {
					if got.SharedCompanies() != want.SharedCompanies() || got.ByKind[MatchDomain] != 1 || got.Counts[OurCustomerTheirProspect] != 1 {
						t.Errorf("private = %v %v, want the same number shared, by the domain match", got.Counts, got.ByKind)
					}
					return
				}
				if got.Counts != want.Counts || got.ByKind[MatchDomain] != want.ByKind[MatchDomain] || got.ByKind[MatchName] != want.ByKind[MatchName] ||
					got.Companies != want.Companies || got.Customers != want.Customers {
					t.Errorf("private = %v %v (%d, %d), plain = %v %v (%d, %d)", got.Counts, got.ByKind, got.Companies, got.Customers,
						want.Counts, want.ByKind, want.Companies, want.Customers)
				}
			})
		}
	}
}

// TestPrivateCountsWidth checks that a counts request pads its entries to
// the widest company's keys, at most MaxCountsWidth, and says how many
// companies it cut.
func TestPrivateCountsWidth(t *testing.T) {
	wide := Account{Name: "Acme", Domains: []string{"acme.com", "acme.de", "acme.fr", "acme.it", "acme.es"}}
	tests := []struct {
		name      string
		accounts  []Account
		width     int
		truncated int
	}{
		{"names only", []Account{{Name: "Acme"}, {Name: "Initech"}}, 2, 0},
		{"a name and two websites", []Account{{Name: "Acme", Domains: []string{"acme.com", "acme.de"}}, {Name: "Initech"}}, 3, 0},
		{"a company of six keys", []Account{wide, {Name: "Initech"}}, MaxCountsWidth, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, st, err := MakePrivateRequest(context.Background(), tt.accounts, PrivateRequestOptions{Mode: PrivateCounts})
			if err != nil {
				t.Fatal(err)
			}
			if st.Width != tt.width || st.Truncated != tt.truncated {
				t.Errorf("width, truncated = %d, %d, want %d, %d", st.Width, st.Truncated, tt.width, tt.truncated)
			}
			for i, e := range req.Ours {
				if len(e.Keys) != tt.width {
					t.Errorf("entry %d has %d keys, want %d", i, len(e.Keys), tt.width)
				}
			}
		})
	}
}

// TestPrivateFilesHoldNoAccount checks that neither file holds any key in
// the clear, nor an unsalted hash of one, and that two requests of one
// list share no blinded value.
func TestPrivateFilesHoldNoAccount(t *testing.T) {
	unis := readUniversities(t)
	ours, theirs := unis[:700], unis[400:1100]
	for _, mode := range []PrivateMode{PrivateCounts, PrivateMatches} {
		t.Run(string(mode), func(t *testing.T) {
			x := exchangeAll(t, ours, theirs, mode, true)
			o, req, ans, res := x.finished, x.files[0], x.files[1], x.files[2]
			if o.SharedCompanies() == 0 {
				t.Fatal("nothing shared: the test proves nothing")
			}
			var secrets []string
			for _, list := range [][]Account{ours, theirs} {
				for _, a := range list {
					secrets = append(secrets, a.Name, NormaliseName(a.Name), string(keyMessage(MatchName, NormaliseName(a.Name))))
					for _, d := range a.Domains {
						secrets = append(secrets, d, string(keyMessage(MatchDomain, d)))
					}
				}
			}
			for _, s := range secrets {
				forms := []string{}
				if len(s) >= 6 { // shorter strings turn up by chance in random bytes
					forms = append(forms, s)
				}
				for _, sum := range [][]byte{md5Of(s), sha1Of(s), sha256Of(s)} {
					forms = append(forms, string(sum), hex.EncodeToString(sum), strings.ToUpper(hex.EncodeToString(sum)),
						base64.StdEncoding.EncodeToString(sum), base64.RawURLEncoding.EncodeToString(sum))
				}
				for _, f := range forms {
					if bytes.Contains(req, []byte(f)) || bytes.Contains(ans, []byte(f)) || bytes.Contains(res, []byte(f)) {
						t.Fatalf("a file holds %q (from key %q)", f, s)
					}
				}
			}
			_, req2, _ := exchange(t, ours, theirs, mode, true)
			first := map[string]bool{}
			for _, e := range bodyOf(t, req) {
				for _, k := range e.Keys {
					first[string(k[:])] = true
				}
			}
			for _, e := range bodyOf(t, req2) {
				for _, k := range e.Keys {
					if first[string(k[:])] {
						t.Fatal("two requests of the same list share a blinded value")
					}
				}
			}
		})
	}
}

func md5Of(s string) []byte    { h := md5.Sum([]byte(s)); return h[:] }
func sha1Of(s string) []byte   { h := sha1.Sum([]byte(s)); return h[:] }
func sha256Of(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }

func bodyOf(t *testing.T, file []byte) []BlindedAccount {
	t.Helper()
	f, err := ReadPrivateFile(bytes.NewReader(file), PrivateLimits{})
	if err != nil {
		t.Fatal(err)
	}
	return append(f.Ours, f.Theirs...)
}

// resealed returns file with its checksum made right again after an
// edit, as a deliberate forger would: what the checksum cannot catch must
// be caught by the pairing and the values.
func resealed(t *testing.T, file []byte) []byte {
	t.Helper()
	i := bytes.Index(file, []byte("Checksum: "))
	j := i + bytes.IndexByte(file[i:], '\n') + 2
	return append(append(append([]byte{}, file[:i]...), []byte("Checksum: "+checksum(file[:i], file[j:])+"\n\n")...), file[j:]...)
}

// TestPrivateOverlapRefusals checks that a damaged, edited, reordered,
// replayed, mispaired or foreign-version file is refused by kind, with a
// message that says what happened.
func TestPrivateOverlapRefusals(t *testing.T) {
	ctx := context.Background()
	sp := namesOf(readList(t, "sp500-constituents.csv", "Security", "Symbol", ""))
	make1 := func(mode PrivateMode) (*PrivateState, []byte) {
		req, st, err := MakePrivateRequest(ctx, sp[:200], PrivateRequestOptions{Mode: mode, From: "Us", SharePopulations: true})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		req.WriteTo(&b)
		return st, b.Bytes()
	}
	answer := func(req []byte) []byte {
		f, err := ReadPrivateFile(bytes.NewReader(req), PrivateLimits{})
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := AnswerPrivateRequest(ctx, f, sp[100:300], PrivateAnswerOptions{From: "Them", SharePopulations: true})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		a.WriteTo(&b)
		return b.Bytes()
	}
	st, req := make1(PrivateMatches)
	ans := answer(req)
	_, req2 := make1(PrivateMatches)
	ans2 := answer(req2)
	_, countsReq := make1(PrivateCounts)
	head, err := ReadPrivateFile(bytes.NewReader(req), PrivateLimits{})
	if err != nil {
		t.Fatal(err)
	}
	n := head.Header.Entries
	entriesLine := []byte(fmt.Sprintf("Entries: %d\n", n))
	bodyAt := bytes.Index(req, []byte("\n\n")) + 2
	ansBodyAt := bytes.Index(ans, []byte("\n\n")) + 2
	edit := func(b []byte, at int, fn func([]byte)) []byte {
		c := append([]byte{}, b...)
		fn(c[at:])
		return c
	}
	entry := 2 + ElementSize // one key per entry on a names-only list
	swap := func(b []byte) {
		tmp := append([]byte{}, b[:entry]...)
		copy(b, b[entry:2*entry])
		copy(b[entry:], tmp)
	}
	identity := edit(req, bodyAt, func(b []byte) { clear(b[2 : 2+ElementSize]) })
	theirIdentity := edit(ans, ansBodyAt+n*entry, func(b []byte) { clear(b[2 : 2+ElementSize]) })
	tests := []struct {
		name     string
		req, ans []byte
		st       *PrivateState
		limits   PrivateLimits
		kind     PrivateErrorKind
		says     string
	}{
		{"request cut short", req[:len(req)-100], ans, st, PrivateLimits{}, PrivateDamaged, "cut short"},
		{"request cut in its header", req[:40], ans, st, PrivateLimits{}, PrivateDamaged, "header"},
		{"answer cut short", req, ans[:ansBodyAt+500], st, PrivateLimits{}, PrivateDamaged, "cut short"},
		{"a byte of the request edited", edit(req, bodyAt+40, func(b []byte) { b[0] ^= 1 }), ans, st, PrivateLimits{}, PrivateDamaged, "checksum"},
		{"a byte of the answer edited", req, edit(ans, ansBodyAt+40, func(b []byte) { b[0] ^= 1 }), st, PrivateLimits{}, PrivateDamaged, "checksum"},
		{"the answer's entries reordered", req, edit(ans, ansBodyAt, swap), st, PrivateLimits{}, PrivateDamaged, "checksum"},
		{"the header's count edited", bytes.Replace(req, entriesLine, []byte(fmt.Sprintf("Entries: %d\n", n-1)), 1), ans, st, PrivateLimits{}, PrivateDamaged, ""},
		{"the header's lines reordered", bytes.Replace(req, []byte("File: request\n"), []byte(""), 1), ans, st, PrivateLimits{}, PrivateDamaged, "reordered"},
		{"something appended", append(append([]byte{}, req...), 'x'), ans, st, PrivateLimits{}, PrivateDamaged, "longer"},
		{"not a .pao file", []byte("Name,Website\nAcme,acme.com\n"), ans, st, PrivateLimits{}, PrivateDamaged, "not a private overlap file"},
		{"a request of a newer version", bytes.Replace(req, []byte("Format: 1"), []byte("Format: 2"), 1), ans, st, PrivateLimits{}, PrivateVersion, "format 2"},
		{"an answer of an older version", req, bytes.Replace(ans, []byte("Format: 1"), []byte("Format: 0"), 1), st, PrivateLimits{}, PrivateVersion, "older version"},
		{"an answer to another request", req, ans2, st, PrivateLimits{}, PrivatePairing, "another request"},
		{"a request made on another computer", req2, ans2, st, PrivateLimits{}, PrivatePairing, "not made on this computer"},
		{"the request and the answer swapped", ans, req, st, PrivateLimits{}, PrivatePairing, "give the request"},
		{"an answer finished twice", req, ans, st.Forget(time.Now()), PrivateLimits{}, PrivateReplayed, "finished once"},
		{"a resealed request with a neutral value", resealed(t, identity), nil, st, PrivateLimits{}, PrivateRefused, "neutral"},
		{"a resealed answer with a neutral value", req, resealed(t, theirIdentity), st, PrivateLimits{}, PrivateRefused, "neutral"},
		{"a resealed answer with a value off the curve", req, resealed(t, edit(ans, ansBodyAt+n*entry, func(b []byte) { b[2+ElementSize-1] = 0xff })), st, PrivateLimits{}, PrivateRefused, "not a blinded key"},
		{"a request over the limit", req, nil, st, PrivateLimits{MaxEntries: 150}, PrivateTooLarge, fmt.Sprintf("%d entries", n)},
		{"a matches request answered counts only", req, []byte("counts-only"), st, PrivateLimits{}, PrivateRefused, "counts only"},
		{"a counts request answered counts only", countsReq, []byte("counts-only"), st, PrivateLimits{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := func() error {
				r, err := ReadPrivateFile(bytes.NewReader(tt.req), tt.limits)
				if err != nil {
					return err
				}
				if tt.ans == nil || string(tt.ans) == "counts-only" {
					_, _, err := AnswerPrivateRequest(ctx, r, sp[:10], PrivateAnswerOptions{CountsOnly: tt.ans != nil})
					return err
				}
				a, err := ReadPrivateFile(bytes.NewReader(tt.ans), PrivateLimits{})
				if err != nil {
					return err
				}
				_, err = FinishPrivateOverlap(ctx, tt.st, r, a, nil)
				return err
			}()
			if tt.kind == "" {
				if err != nil {
					t.Errorf("err = %v, want none", err)
				}
				return
			}
			if got := PrivateErrorKindOf(err); got != tt.kind {
				t.Fatalf("error = %v (kind %q), want kind %q", err, got, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error = %q, want it to say %q", err, tt.says)
			}
		})
	}
}

// TestPrivateRequestRefusesOddShapes checks that the answering side
// refuses a counts request whose entries differ in width or carry a tag
// that is no population: after the shuffle either would single an entry
// out.
func TestPrivateRequestRefusesOddShapes(t *testing.T) {
	ctx := context.Background()
	unis := readUniversities(t)[:300]
	req, _, err := MakePrivateRequest(ctx, unis, PrivateRequestOptions{Mode: PrivateCounts, SharePopulations: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(f *PrivateFile)
	}{
		{"an entry narrower", func(f *PrivateFile) { f.Ours[3].Keys = f.Ours[3].Keys[:1] }},
		{"a tag that is no population", func(f *PrivateFile) { f.Ours[3].Tag = 7 }},
		{"a tag where populations are not shared", func(f *PrivateFile) { f.Header.Populations = false }},
		{"an answer given as a request", func(f *PrivateFile) { f.Header.File = FileAnswer }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := *req
			f.Ours = append([]BlindedAccount{}, req.Ours...)
			tt.edit(&f)
			if err := CheckPrivateRequest(&f, PrivateAnswerOptions{}); PrivateErrorKindOf(err) != PrivateRefused {
				t.Errorf("CheckPrivateRequest = %v, want a refusal", err)
			}
		})
	}
	if err := CheckPrivateRequest(req, PrivateAnswerOptions{}); err != nil {
		t.Errorf("CheckPrivateRequest(well-formed) = %v, want nil", err)
	}
}

// TestPrivateOverlapCancel checks that a cancelled step stops with the
// context's error.
func TestPrivateOverlapCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := MakePrivateRequest(ctx, readUniversities(t)[:2000], PrivateRequestOptions{Mode: PrivateCounts})
	if err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("MakePrivateRequest(cancelled) = %v, want context canceled", err)
	}
}

// privateBenchAccounts makes n accounts with a name and a website each; from
// on, so two lists made with from 0 and n/2 share half of them.
func privateBenchAccounts(n, from int) []Account {
	out := make([]Account, n)
	for i := range out {
		k := from + i
		out[i] = Account{Name: fmt.Sprintf("Company %d Labs", k), Domains: []string{fmt.Sprintf("company%d.com", k)}, Row: i + 2}
		if k%3 == 0 {
			out[i].Population = Prospect
		}
	}
	return out
}

// BenchmarkPrivateOverlap100k times each step on 100,000 accounts a side
// (a name and a website each, half of them shared), and reports the file
// sizes. Run it with -benchtime=1x: one step is seconds long.
func BenchmarkPrivateOverlap100k(b *testing.B) {
	ctx := context.Background()
	ours, theirs := privateBenchAccounts(100_000, 0), privateBenchAccounts(100_000, 50_000)
	for _, mode := range []PrivateMode{PrivateCounts, PrivateMatches} {
		var req, ans, res *PrivateFile
		var st *PrivateState
		var ast *PrivateAnswerState
		steps := []struct {
			name string
			run  func() (*PrivateFile, error)
		}{
			{"request", func() (f *PrivateFile, err error) {
				req, st, err = MakePrivateRequest(ctx, ours, PrivateRequestOptions{Mode: mode, SharePopulations: true})
				return req, err
			}},
			{"answer", func() (f *PrivateFile, err error) {
				ans, ast, err = AnswerPrivateRequest(ctx, req, theirs, PrivateAnswerOptions{SharePopulations: true})
				return ans, err
			}},
			{"finish", func() (f *PrivateFile, err error) {
				var o Overlap
				if o, res, err = FinishPrivateOverlapWithResult(ctx, st, req, ans, nil, time.Time{}); err == nil && o.SharedCompanies() != 50_000 {
					err = fmt.Errorf("shared = %d, want 50000", o.SharedCompanies())
				}
				return res, err
			}},
			{"result", func() (*PrivateFile, error) {
				o, err := ReadPrivateResult(ast, ans, res)
				if err == nil && o.SharedCompanies() != 50_000 {
					err = fmt.Errorf("the result shares %d, want 50000", o.SharedCompanies())
				}
				return nil, err
			}},
		}
		for _, step := range steps {
			b.Run(string(mode)+"/"+step.name, func(b *testing.B) {
				var f *PrivateFile
				for b.Loop() {
					var err error
					if f, err = step.run(); err != nil {
						b.Fatal(err)
					}
				}
				if f != nil { // the file this step writes
					var buf bytes.Buffer
					f.WriteTo(&buf)
					b.ReportMetric(float64(buf.Len())/1e6, "MB-file")
				}
			})
		}
	}
}

// TestPrivateHeaderFrom checks that a name typed into From cannot forge a
// header line nor push the header past what a reader accepts.
func TestPrivateHeaderFrom(t *testing.T) {
	tests := []struct{ from, want string }{
		{"Acme Analytics", "Acme Analytics"},
		{"Acme\nFormat: 2\r\nMode: matches", "Acme Format: 2 Mode: matches"},
		{strings.Repeat("é", 70_000), strings.Repeat("é", maxHeaderValue/2)},
	}
	for _, tt := range tests {
		req, _, err := MakePrivateRequest(context.Background(), []Account{{Name: "Acme"}}, PrivateRequestOptions{Mode: PrivateCounts, From: tt.from})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		req.WriteTo(&b)
		got, err := ReadPrivateFile(&b, PrivateLimits{})
		if err != nil || got.Header.From != tt.want || got.Header.Mode != PrivateCounts {
			t.Errorf("From %.20q reads back as %.40q, %v (%v), want %.40q", tt.from, got.Header.From, got.Header.Mode, err, tt.want)
		}
	}
}

// FuzzReadPrivateFile checks that no file, however damaged, makes the
// reader panic, and that what it accepts writes back byte for byte.
func FuzzReadPrivateFile(f *testing.F) {
	ctx := context.Background()
	accounts := []Account{{Name: "Acme", Domains: []string{"acme.com"}}, {Name: "Initech"}}
	req, _, err := MakePrivateRequest(ctx, accounts, PrivateRequestOptions{Mode: PrivateCounts, From: "Us", SharePopulations: true})
	if err != nil {
		f.Fatal(err)
	}
	ans, _, err := AnswerPrivateRequest(ctx, req, accounts, PrivateAnswerOptions{From: "Them", SharePopulations: true})
	if err != nil {
		f.Fatal(err)
	}
	for _, pf := range []*PrivateFile{req, ans} {
		var b bytes.Buffer
		pf.WriteTo(&b)
		f.Add(b.Bytes())
	}
	f.Add([]byte(privateMagic + "\nFormat: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := ReadPrivateFile(bytes.NewReader(data), PrivateLimits{MaxEntries: 1000})
		if err != nil {
			if PrivateErrorKindOf(err) == "" {
				t.Fatalf("error without a kind: %v", err)
			}
			return
		}
		var b bytes.Buffer
		pf.Header.Checksum = ""
		pf.WriteTo(&b)
		if !bytes.Equal(b.Bytes(), data) {
			t.Fatalf("read then written, the file changed:\n%q\n%q", data, b.Bytes())
		}
	})
}

// TestPreparedAnswerAnswersOnce checks that an answer prepared before the
// request is accepted finds what a whole answer finds, and answers once.
func TestPreparedAnswerAnswersOnce(t *testing.T) {
	ctx := context.Background()
	sp := namesOf(readList(t, "sp500-constituents.csv", "Security", "Symbol", ""))
	req, st, err := MakePrivateRequest(ctx, sp[:300], PrivateRequestOptions{Mode: PrivateMatches})
	if err != nil {
		t.Fatal(err)
	}
	prep, err := PrepareAnswer(ctx, sp[200:], PrivateAnswerOptions{SharePopulations: true})
	if err != nil {
		t.Fatal(err)
	}
	ans, ast, err := prep.Answer(ctx, req, PrivateAnswerOptions{SharePopulations: true})
	if err != nil {
		t.Fatal(err)
	}
	want := exactOverlap(sp[:300], sp[200:]).SharedCompanies()
	o, res, err := FinishPrivateOverlapWithResult(ctx, st, req, ans, nil, time.Time{})
	if err != nil || o.SharedCompanies() != want || want == 0 {
		t.Fatalf("finished from a prepared answer: %d shared, %v; want %d", o.SharedCompanies(), err, want)
	}
	if back, err := ReadPrivateResult(ast, ans, res); err != nil || back.SharedCompanies() != want {
		t.Errorf("the result of a prepared answer: %d shared, %v; want %d", back.SharedCompanies(), err, want)
	}
	if _, _, err := prep.Answer(ctx, req, PrivateAnswerOptions{}); PrivateErrorKindOf(err) != PrivateReplayed {
		t.Errorf("a prepared answer used twice: %v, want it refused", err)
	}
}

// BenchmarkPrivateAnswerPrepared100k times what is left of the answer step
// at 100,000 companies a side once our half was prepared while the user
// read the request (the app's way), and the preparing apart.
func BenchmarkPrivateAnswerPrepared100k(b *testing.B) {
	ctx := context.Background()
	ours, theirs := privateBenchAccounts(100_000, 0), privateBenchAccounts(100_000, 50_000)
	req, _, err := MakePrivateRequest(ctx, ours, PrivateRequestOptions{Mode: PrivateCounts, SharePopulations: true})
	if err != nil {
		b.Fatal(err)
	}
	opt := PrivateAnswerOptions{SharePopulations: true}
	var prep *PreparedAnswer
	b.Run("prepare", func(b *testing.B) {
		for b.Loop() {
			if prep, err = PrepareAnswer(ctx, theirs, opt); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("answer", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := prep.Answer(ctx, req, opt); err != nil {
				b.Fatal(err)
			}
		}
	})
}
