package importers

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"partneratlas/core"
)

// The real lists below come from ../shared/data/accounts; see
// testdata/README.md for their origin and licence.

func TestReadAccountsRealLists(t *testing.T) {
	tests := []struct {
		file            string
		rows, companies int
		multiDomain     int
		problems        int
	}{
		// 503 securities of 500 companies: Alphabet, Fox and News Corp are
		// listed under two share classes ("Fox Corporation (Class A)").
		{"sp500-constituents.csv", 503, 500, 0, 0},
		// 5,571 lines: the header, 5,569 listings and a "File Creation
		// Time" footer without a company name (reported). 4,679 distinct
		// Company Name cells; 4 more fold together once normalised
		// ("Inc" and "Inc.", a trailing space).
		{"nasdaq-listed-symbols.csv", 5569, 4675, 0, 1},
		// 10,251 organisations; 281 have several ";"-separated domains, 8
		// more a web page on another domain. Those sharing a domain or a
		// name (73 repeated names) are one company: 9,852. A campus named
		// "University of Alaska - Anchorage" is not the university by its
		// name alone (48 were, when " - " cut every name), only by a shared
		// domain.
		{"world-universities.csv", 10251, 9852, 289, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := ReadAccounts("testdata/"+tt.file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			multi := 0
			for _, a := range res.List.Accounts {
				if len(a.Domains) > 1 {
					multi++
				}
				if a.Population != core.Customer {
					t.Fatalf("%s: a list without a status column gave %v", a.Name, a.Population)
				}
			}
			if got := len(res.List.Accounts); got != tt.rows {
				t.Errorf("accounts = %d, want %d", got, tt.rows)
			}
			if got := core.IndexAccounts(res.List.Accounts).Companies(); got != tt.companies {
				t.Errorf("companies = %d, want %d", got, tt.companies)
			}
			if multi != tt.multiDomain {
				t.Errorf("accounts with several domains = %d, want %d", multi, tt.multiDomain)
			}
			if len(res.Problems) != tt.problems {
				t.Errorf("problems = %v, want %d", res.Problems, tt.problems)
			}
		})
	}
}

// TestOverlapSP500Nasdaq matches the S&P 500 (names only) against the Nasdaq
// listings.
//
// Expected: 156 shared companies, 142 on the normalised name and 14 fuzzy
// matches on a distinctive word, proposed for review. How it was checked:
//
//   - By hand, on a sample: 20 S&P rows drawn at random (seed 5) and looked
//     up with grep in nasdaq-listed-symbols.csv. They are 19 companies (News
//     Corp Class A and B). 10 are listed on Nasdaq: Moderna, CoStar Group,
//     PTC, Expand Energy, Seagate Technology, News Corp, Keurig Dr Pepper,
//     Host Hotels & Resorts, T. Rowe Price and C.H. Robinson. The match
//     finds the first 9 by name ("Seagate Technology" = "Seagate Technology
//     Holdings PLC", "T. Rowe Price" = "T. Rowe Price Group, Inc." once the
//     legal and group forms go) and proposes C.H. Robinson, which Nasdaq
//     calls "C.H. Robinson Worldwide, Inc.", as a fuzzy match on "c h
//     robinson", which starts no other name on either list. The 9 others
//     (Oracle, Disney, PSEG, Vertiv, Alexandria, Rockwell Automation,
//     Corning, American Express, United Rentals) are not on Nasdaq, and
//     nothing matched them.
//   - In full, by ticker: 160 S&P rows have a symbol on the Nasdaq list,
//     157 companies (Alphabet, Fox and News Corp twice). 156 are matched;
//     every one of the 156 pairs has the same ticker on both sides (no false
//     match; core's TestMatchingRealLists counts it on every build). The 14
//     fuzzy ones are brand names against full names (fuzzyNasdaq). The one
//     missed is Honeywell ("Honeywell Technologies", "Honeywell
//     International Inc."), whose first word starts "Honeywell Aerospace" on
//     both lists too. "Target Corporation" is not proposed for "Target
//     Hospitality Corp.": a name written with its legal form is no brand
//     that a longer legal name could stand beside.
func TestOverlapSP500Nasdaq(t *testing.T) {
	sp, err := ReadAccounts("testdata/sp500-constituents.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	nq, err := ReadAccounts("testdata/nasdaq-listed-symbols.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := core.IndexAccounts(sp.List.Accounts)
	o := ix.OverlapWith("Nasdaq", nq.List.Accounts, nil)
	ix.Explain(&o, nq.List.Accounts)
	if o.SharedCompanies() != 156 || o.ByKind[core.MatchName] != 142 || o.ByKind[core.MatchFuzzy] != 14 ||
		o.Counts[core.BothCustomers] != 156 {
		t.Errorf("shared = %d, by kind %v, want 156: 142 by name, 14 fuzzy", o.SharedCompanies(), o.ByKind)
	}
	want := map[string]string{
		"Moderna": "Moderna, Inc.", "Seagate Technology": "Seagate Technology Holdings PLC",
		"T. Rowe Price": "T. Rowe Price Group, Inc.", "News Corp (Class A)": "News Corporation",
		"Cooper Companies (The)": "The Cooper Companies, Inc.",
	}
	fuzzy := map[string]string{}
	for k, v := range fuzzyNasdaq {
		fuzzy[k] = v
	}
	for _, s := range o.Shared {
		if w, ok := want[s.Ours]; ok {
			if s.Theirs != w {
				t.Errorf("%s matched %q, want %q", s.Ours, s.Theirs, w)
			}
			delete(want, s.Ours)
		}
		switch s.Kind {
		case core.MatchName:
			if s.Reason == "" || s.Confidence != core.NameConfidence {
				t.Errorf("match %+v lacks a reason or confidence", s)
			}
		case core.MatchFuzzy:
			w, ok := fuzzy[s.Ours]
			if !ok || s.Theirs != w {
				t.Errorf("fuzzy match %q ~ %q, want %q", s.Ours, s.Theirs, w)
			}
			delete(fuzzy, s.Ours)
			// a proposal: pending, less sure than a name match, saying
			// which word the names share
			if s.Decision != core.Pending || s.Confidence < 0.6 || s.Confidence >= core.NameConfidence ||
				!strings.Contains(s.Reason, "distinctive") || !strings.Contains(s.Reason, strconv.Quote(s.Key)) ||
				!strings.Contains(s.Reason, strconv.Quote(s.Ours)) || !strings.Contains(s.Reason, strconv.Quote(s.Theirs)) {
				t.Errorf("fuzzy match %+v: want pending, confidence 0.60–0.90, a reason naming both and the word", s)
			}
		default:
			t.Errorf("match %+v: kind %s", s, s.Kind)
		}
		if s.Ours == "Oracle Corporation" || s.Ours == "Target Corporation" {
			t.Errorf("%s matched %s", s.Ours, s.Theirs)
		}
	}
	if len(want) > 0 || len(fuzzy) > 0 {
		t.Errorf("not matched: %v, fuzzy %v", want, fuzzy)
	}
	// The customer overlap criterion: 156 of Nasdaq's 4,675 companies (all
	// customers, no status column) are ours: 3.3 %, under 5 % → 2.
	if s := core.OverlapScore(o); s != 2 {
		t.Errorf("OverlapScore = %v, want 2", s)
	}
}

// fuzzyNasdaq are the S&P 500's names that match a Nasdaq listing only by
// the distinctive word they start with, and the listing, each checked by
// its ticker: a brand beside its legal name.
var fuzzyNasdaq = map[string]string{
	"Amazon":               "Amazon.com, Inc.",
	"Casey's":              "Caseys General Stores, Inc.",
	"C.H. Robinson":        "C.H. Robinson Worldwide, Inc.",
	"Cisco":                "Cisco Systems, Inc.",
	"Coinbase":             "Coinbase Global, Inc.",
	"Cognizant":            "Cognizant Technology Solutions Corporation",
	"Costco":               "Costco Wholesale Corporation",
	"Domino's":             "Domino's Pizza Inc",
	"GE HealthCare":        "GE HealthCare Technologies Inc.",
	"J.B. Hunt":            "J.B. Hunt Transport Services, Inc.",
	"Old Dominion":         "Old Dominion Freight Line, Inc.",
	"Supermicro":           "Super Micro Computer, Inc.",
	"Take-Two Interactive": "Take-Two Interactive Software, Inc.",
	"Willis Towers Watson": "Willis Towers Watson Public Limited Company",
}

// TestOverlapUniversitiesDomains matches a partner's list written by hand
// against the universities list: each row names a university differently
// and gives one of its other domains, checked with grep in
// world-universities.csv.
func TestOverlapUniversitiesDomains(t *testing.T) {
	u, err := ReadAccounts("testdata/world-universities.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	partner := "Account,Website,Stage\n" +
		"Wroclaw Business Academy,https://student.wab.edu.pl/login,Customer\n" + // 2nd of student.wab.edu.pl;wab.edu.pl
		"Kharkiv Uni,univer.kharkov.ua,Lead\n" + // 3rd domain of Kharkiv National University
		"Portsmouth University,https://www.myport.ac.uk,Customer\n" + // port.ac.uk;myport.ac.uk;…
		"UPMC,upmc.com,Closed Won\n" + // upmc.edu;upmc.com
		"Georgia Regents,gru.edu,Customer\n" + // Augusta University: augusta.edu;gru.edu
		"Augusta University,augusta.edu,Customer\n" + // two companies to them, one to us: counts once
		"Hellenic College of Noah,,Customer\n" + // name only
		"Nowhere Institute,nowhere.example,Customer\n"
	res, err := readData("partner.csv", []byte(partner), Options{}, ReadAccountList)
	if err != nil {
		t.Fatal(err)
	}
	ix := core.IndexAccounts(u.List.Accounts)
	o := ix.OverlapWith("Partner", res.List.Accounts, nil)
	if o.Companies != 8 || o.ByKind[core.MatchDomain] != 5 || o.ByKind[core.MatchName] != 1 || o.Counts[core.BothCustomers] != 5 || o.Counts[core.OurCustomerTheirProspect] != 1 {
		t.Errorf("companies %d, by kind %v, counts %v; want 8 companies, 5 by domain, 1 by name, 5 both customers, 1 their prospect", o.Companies, o.ByKind, o.Counts)
	}
}

func TestReadAccountsColumns(t *testing.T) {
	csv := "Exported from CRM 2026-03-01\n" +
		"Account Name;Website;Account Status;Opportunity Amount;Owner\n" +
		"Acme Corp;\"acme.com; www.acme.co.uk\";Customer;;Dana\n" +
		"Globex;https://globex.io/about;Open Opportunity;$1,337.00;Lee\n" +
		"Initech;initech.de;Pipeline;1.234,56 €;Lee\n" +
		"Hooli;;Wholesale;;Kim\n" +
		"Vandelay;;Wholesale;;Kim\n" +
		"Soylent;soylent.com;Opportunity;lots;Kim\n" +
		";;;;\n" +
		";;Customer;;\n"
	res, err := readData("crm.csv", []byte(csv), Options{}, ReadAccountList)
	if err != nil {
		t.Fatal(err)
	}
	if res.HeaderRow != 2 || res.Delimiter != ';' {
		t.Errorf("header row %d, delimiter %q", res.HeaderRow, res.Delimiter)
	}
	got := map[string]core.Account{}
	for _, a := range res.List.Accounts {
		got[a.Name] = a
	}
	tests := []struct {
		name    string
		domains string
		pop     core.Population
		amount  float64
	}{
		{"Acme Corp", "[acme.com acme.co.uk]", core.Customer, 0},
		{"Globex", "[globex.io]", core.Opportunity, 1337},
		{"Initech", "[initech.de]", core.Opportunity, 1234.56},
		{"Hooli", "[]", core.Prospect, 0},
		{"Soylent", "[soylent.com]", core.Opportunity, 0},
	}
	for _, tt := range tests {
		a, ok := got[tt.name]
		if !ok {
			t.Errorf("%s not read", tt.name)
			continue
		}
		if d := strings.Join(a.Domains, " "); "["+d+"]" != tt.domains || a.Population != tt.pop || a.Amount != tt.amount {
			t.Errorf("%s = [%s] %v %v, want %s %v %v", tt.name, d, a.Population, a.Amount, tt.domains, tt.pop, tt.amount)
		}
	}
	var msgs []string
	for _, p := range res.Problems {
		msgs = append(msgs, p.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`crm.csv, row 6, column C "Account Status": the status "Wholesale" is not one Partner Atlas knows (2 rows have it)`,
		`crm.csv, row 8, column D "Opportunity Amount": "lots" is not an amount`,
		`crm.csv, row 10, column A "Account Name": this row has no company name and no website`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}

func TestReadAccountsWorkbookAndErrors(t *testing.T) {
	data := workbook(t, sheet{name: "Accounts", rows: [][]any{{"Company", "Domain", "Status", "Amount"},
		{"Acme", "acme.com;acme.de", "Prospect", nil}, {"Globex", "globex.io", "Opportunity", 5000}}})
	res, err := readData("accounts.xlsx", data, Options{}, ReadAccountList)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.List.Accounts) != 2 || res.List.Sheet != "Accounts" || res.List.Accounts[1].Amount != 5000 || len(res.List.Accounts[0].Domains) != 2 {
		t.Errorf("read %+v", res.List)
	}
	for _, tt := range []struct {
		name, data string
		kind       Kind
	}{
		{"empty.csv", "  \n", Empty},
		{"nonames.csv", "Region,Revenue\nEMEA,3\n", MissingColumn},
		{"picture.csv", "\x89PNG\r\n\x1a\n\x00\x00", BadFile},
	} {
		if _, err := readData(tt.name, []byte(tt.data), Options{}, ReadAccountList); KindOf(err) != tt.kind {
			t.Errorf("reading account list %s = %v, want kind %s", tt.name, err, tt.kind)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"$1,337.00", 1337, true}, {"1.234,56", 1234.56, true}, {"1.234,56 €", 1234.56, true},
		{"EUR 12500", 12500, true}, {"(1,000)", -1000, true}, {"12.5k", 12500, true}, {"n/a", 0, false},
	}
	for _, tt := range tests {
		if got, ok := ParseNumber(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRecords: rows are numbered as a spreadsheet opening the file numbers
// them, one a record, blank lines included, however many lines a quoted cell
// spans; a CR LF inside quotes reads as LF.
func TestRecords(t *testing.T) {
	src := newRecords("a,\"b,\"\"c\"\"\",d\r\n\"multi\r\nline\",x\n\nlast", ',')
	var got []string
	var rows []int
	for {
		rec, row, err := src.next()
		if err != nil {
			break
		}
		got = append(got, strings.Join(rec, "|"))
		rows = append(rows, row)
	}
	want := []string{`a|b,"c"|d`, "multi\nline|x", "", "last"}
	if strings.Join(got, "/") != strings.Join(want, "/") {
		t.Errorf("records = %q, want %q", got, want)
	}
	if fmt.Sprint(rows) != "[1 2 3 4]" {
		t.Errorf("rows = %v, want [1 2 3 4]", rows)
	}
}

func TestReadSurvey(t *testing.T) {
	tests := []struct {
		name, data string
		customers  int
		first      core.ToolReach
	}{
		{"cell.csv", "Customer,Tech Stack\nAcme,Salesforce; Slack; HubSpot\nGlobex,\"Slack, Zoom\"\nInitech,Slack\nAcme Inc.,Zoom\n",
			3, core.ToolReach{Tool: "Slack", Customers: 3, Reach: 1}},
		{"columns.csv", "Company,Salesforce,Slack,Zoom,Region\nAcme,yes,x,,EMEA\nGlobex,no,1,true,US\nInitech,,0,,US\nHooli,,TRUE,,\n",
			4, core.ToolReach{Tool: "Slack", Customers: 3, Reach: 0.75}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readData(tt.name, []byte(tt.data), Options{}, ReadSurveyTable)
			if err != nil {
				t.Fatal(err)
			}
			if res.Survey.Customers != tt.customers || res.Survey.Tools[0] != tt.first {
				t.Errorf("survey = %d customers, first %+v; want %d, %+v", res.Survey.Customers, res.Survey.Tools[0], tt.customers, tt.first)
			}
		})
	}
	if _, err := readData("x.csv", []byte("Customer,Region\nAcme,EMEA\n"), Options{}, ReadSurveyTable); KindOf(err) != MissingColumn {
		t.Errorf("a survey without tools: %v, want %s", err, MissingColumn)
	}
}

// TestReadAccountsSizedOnce reads account workbooks of several sizes,
// without a dimension (excelize's stream writer writes none) and with one:
// the accounts come in one slice sized at once from the sheet's size or its
// dimension, not grown by doubling or joined from chunks, and no larger
// than a tenth or so beyond what is needed.
func TestReadAccountsSizedOnce(t *testing.T) {
	for _, n := range []int{3, 500, 20_000} {
		var b strings.Builder
		b.WriteString("Account Name,Website,Status\n")
		for i := range n {
			fmt.Fprintf(&b, "Company %d Inc,company%d.example.com,Customer\n", i, i)
		}
		path := csvAsXLSX(t, []byte(b.String()), filepath.Join(t.TempDir(), "accounts.xlsx"))
		res, err := ReadAccounts(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := res.List.Accounts
		if len(got) != n {
			t.Fatalf("%d rows: %d accounts read", n, len(got))
		}
		if n >= 500 && (cap(got) > n*5/4 || cap(got) < n) {
			t.Errorf("%d rows: the accounts' slice holds %d, want about %d", n, cap(got), n)
		}
	}
}

// TestAccountListLeavesItsFile: nothing an account list's result holds may
// point into the text of its file (its accounts are copies; its headers and
// sample are copied when the read ends): a kept result would keep the whole
// file, and two hundred partners' lists matched as they were read held 216
// MB of files that way, through their headers alone.
func TestAccountListLeavesItsFile(t *testing.T) {
	for _, tt := range []struct{ name, csv string }{
		{"accounts.csv", "Account Name,Website,Status,Amount\nAcme Corp,https://WWW.Acme.com/x,Customer,\n" +
			"Globex,globex.com; globex.co.uk,Open opportunity,\"$12,500\"\nInitech,,Opportunity,lots\nUmbrella,umbrella.io,Lead,\n"},
		{"no-name.csv", "Website,Status\nacme.com,Customer\n"}, // no company names
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(tt.name, []byte(tt.csv), Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := f.text
			res, err := ReadAccountList(f, Options{})
			if res == nil {
				t.Fatalf("no result (%v)", err)
			}
			inside := func(s string) bool {
				p, b := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
				return len(s) > 0 && p >= b && p < b+uintptr(len(text))
			}
			var held []string
			for _, c := range res.Columns {
				held = append(held, c.Header, c.Letter, c.Criterion)
			}
			for _, row := range res.Sample {
				held = append(held, row...)
			}
			for _, p := range res.Problems {
				held = append(held, p.File, p.Sheet, p.Column, p.Message)
			}
			for _, a := range res.List.Accounts {
				held = append(held, a.Name)
				held = append(held, a.Domains...)
			}
			if len(res.Columns) == 0 || (tt.name == "accounts.csv" && len(res.Sample) == 0) {
				t.Fatalf("%d columns and %d sample rows (%v): the test checks too little", len(res.Columns), len(res.Sample), err)
			}
			for _, s := range held {
				if inside(s) {
					t.Errorf("%q points into the file's text", s)
				}
			}
		})
	}
}

// TestUnknownStatusesInRowOrder: the unknown status words are reported in
// the order of their first rows, the same at every read; they came in the
// order of a Go map, so the Import log sheet changed from one save to the
// next.
func TestUnknownStatusesInRowOrder(t *testing.T) {
	csv := "Account Name,Status\nA,Beta\nB,Alpha\nC,Customer\nD,Gamma\nE,Beta\nF,Delta\n"
	want := []int{2, 3, 5, 7}
	for range 20 {
		f, err := Open("accounts.csv", []byte(csv), Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := ReadAccountList(f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var rows []int
		for _, p := range res.Problems {
			if strings.Contains(p.Message, "is not one Partner Atlas knows") {
				rows = append(rows, p.Row)
			}
		}
		if fmt.Sprint(rows) != fmt.Sprint(want) {
			t.Fatalf("unknown statuses reported at rows %v, want %v", rows, want)
		}
	}
}
