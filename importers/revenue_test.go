package importers

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// bySite is an expected figure of a row without a name, named by its
// website.
func bySite(r core.AccountRevenue) core.AccountRevenue {
	r.Account, r.Website = "", r.Account
	return r
}

// rev is one expected figure.
func rev(account, day string, arr float64) core.AccountRevenue {
	return core.AccountRevenue{Account: account, Date: date(day), ARR: arr}
}

// wantProblem is a problem a read must report: its kind, row, the start of
// its column ("D" or `D "ARR"`) and words of its message.
type revenueProblem struct {
	kind   Kind
	row    int
	column string
	words  string
}

// TestReadAccountRevenue reads each export shape and checks every figure,
// written out by hand from the file, and every problem.
func TestReadAccountRevenue(t *testing.T) {
	tests := []struct {
		file       string
		path       func(*testing.T) string // a file the test writes; nil: testdata/file
		header     int
		rows       int // data rows read
		wide, mrr  bool
		currencies string
		want       []core.AccountRevenue
		problems   []revenueProblem
	}{
		// ChartMogul: one row per customer and month end, MRR and ARR
		// both there (ARR counts), "Company" over "Name"; AMD's first
		// month has only its MRR, 500 × 12.
		{file: "account-revenue-chartmogul.csv", header: 1, rows: 22, mrr: true, currencies: "USD",
			want: []core.AccountRevenue{
				rev("Abbott Laboratories", "2025-12-31", 10000), rev("AbbVie", "2025-12-31", 20000), rev("Accenture", "2025-12-31", 30000),
				rev("Adobe Inc.", "2025-12-31", 8000), rev("Aflac", "2025-12-31", 5000),
				rev("Abbott Laboratories", "2026-01-31", 10000), rev("AbbVie", "2026-01-31", 20000), rev("Accenture", "2026-01-31", 30000),
				rev("Adobe Inc.", "2026-01-31", 8000), rev("Aflac", "2026-01-31", 6000),
				rev("Abbott Laboratories", "2026-02-28", 12000), rev("AbbVie", "2026-02-28", 20000), rev("Accenture", "2026-02-28", 24000),
				rev("Adobe Inc.", "2026-02-28", 8000), rev("Advanced Micro Devices", "2026-02-28", 6000), rev("Aflac", "2026-02-28", 6000),
				rev("Abbott Laboratories", "2026-03-31", 15000), rev("AbbVie", "2026-03-31", 0), rev("Accenture", "2026-03-31", 24000),
				rev("Adobe Inc.", "2026-03-31", 8000), rev("Advanced Micro Devices", "2026-03-31", 6000), rev("Aflac", "2026-03-31", 6000),
			}},
		// Stripe's MRR per subscriber per month: one column per month,
		// MRR by the file's name; Albemarle's blanks after its figures
		// are 0, Align's before them nothing; the subscriber without a
		// name is left out; Alliant Energy's two customers add up.
		{file: "account-revenue-stripe-mrr-per-subscriber.csv", header: 1, rows: 6, wide: true, mrr: true, currencies: "USD",
			want: []core.AccountRevenue{
				rev("Akamai Technologies", "2025-10-31", 24000), rev("Akamai Technologies", "2025-11-30", 24000),
				rev("Akamai Technologies", "2025-12-31", 30000), rev("Akamai Technologies", "2026-01-31", 30000),
				rev("Albemarle Corporation", "2025-10-31", 18000), rev("Albemarle Corporation", "2025-11-30", 18000),
				rev("Albemarle Corporation", "2025-12-31", 0), rev("Albemarle Corporation", "2026-01-31", 0),
				rev("Align Technology", "2025-12-31", 9600), rev("Align Technology", "2026-01-31", 9600),
				rev("Alliant Energy", "2025-10-31", 15000), rev("Alliant Energy", "2025-11-30", 15000),
				rev("Alliant Energy", "2025-12-31", 15000), rev("Alliant Energy", "2026-01-31", 15000),
			},
			problems: []revenueProblem{
				{BadValue, 5, `C "customer_name"`, "no account name and no website"},
				{Conflict, 7, "", "4 figures, from this row on, repeat an account and a date"},
				{BadValue, 0, "", "1 row was left out"},
			}},
		// A sheet kept by hand: a title line, semicolons, day-first dates,
		// euros written three ways, the website when the name is blank,
		// 31 February, "tbd", a row with nothing to name it and a total.
		{file: "account-revenue-handmade.csv", header: 2, rows: 11, currencies: "EUR",
			want: []core.AccountRevenue{
				rev("Amazon", "2025-12-31", 50000), rev("Amazon", "2026-03-31", 65000),
				rev("Amcor", "2025-12-31", 12500), rev("Amcor", "2026-03-31", 0),
				bySite(rev("ameren.com", "2025-12-31", 9000.5)), bySite(rev("ameren.com", "2026-03-31", 9000.5)),
				rev("American Express", "2025-12-31", 40000),
			},
			problems: []revenueProblem{
				{BadValue, 9, `C "As of"`, `"31/02/2026" is not a date or a period`},
				{BadValue, 11, `D "ARR"`, `"tbd" is not an amount`},
				{BadValue, 12, `A "Customer"`, "no account name and no website"},
				{BadValue, 6, `D "ARR"`, "1 row has no ARR or MRR; it counts as 0"},
				{BadValue, 0, "", "3 rows were left out"},
			}},
		// Saved by LibreOffice Calc: a title, a blank row, then one column
		// per fiscal year and quarter in three spellings; AIG's blank Q3
		// after its figures is 0, American Tower's blank FY2024 before
		// them nothing; "n/a" is left out.
		{file: "account-revenue-quarters.xlsx", header: 3, rows: 3, wide: true, currencies: "USD",
			want: []core.AccountRevenue{
				rev("American Electric Power", "2024-12-31", 100000), rev("American Electric Power", "2025-12-31", 120000),
				rev("American Electric Power", "2026-03-31", 120000), rev("American Electric Power", "2026-06-30", 130000),
				rev("American Electric Power", "2026-09-30", 130000),
				rev("American International Group", "2024-12-31", 80000), rev("American International Group", "2025-12-31", 80000),
				rev("American International Group", "2026-03-31", 60000), rev("American International Group", "2026-06-30", 60000),
				rev("American International Group", "2026-09-30", 0),
				rev("American Tower", "2025-12-31", 40000), rev("American Tower", "2026-03-31", 45000), rev("American Tower", "2026-09-30", 50000),
			},
			problems: []revenueProblem{
				{BadValue, 3, "", "were read as ARR, annual figures"},
				{BadValue, 6, `E "2026 Q2"`, `"n/a" is not an amount`},
				{BadValue, 0, "", "1 figure was left out"},
			}},
		// A Salesforce report saved as a workbook by excelize: real date
		// cells at each month's start under "Month" (each stands for its
		// month, dated at its end), numbers with a dollar format, "ARR
		// (USD)". The date cells reach the reader as excelize shows the
		// built-in short date, 01-01-26: their order is inferred like a
		// text file's, so the column is said to be ambiguous although the
		// cells are dates; the month starts read right.
		{file: "salesforce-arr.xlsx", path: writeSalesforceARR, header: 1, rows: 6, currencies: "USD",
			want: []core.AccountRevenue{
				rev("Ametek", "2026-01-31", 36000), rev("Amgen", "2026-01-31", 48000), rev("Amphenol", "2026-01-31", 12000),
				rev("Ametek", "2026-02-28", 36000), rev("Amgen", "2026-02-28", 54000), rev("Amphenol", "2026-02-28", 0),
			},
			problems: []revenueProblem{{BadValue, 0, `C "Month"`, "read month first"}}},
		// A sheet made by hand in Excel: the months are date cells in
		// the header, two shown as Jan-26 (each the month, dated at its
		// end), two as 03-01-26 (each that day, read month first as both
		// fall on the 1st).
		{file: "month-cells.xlsx", path: writeMonthCells, header: 1, rows: 2, wide: true,
			want: []core.AccountRevenue{
				rev("Apple Inc.", "2026-01-31", 100), rev("Apple Inc.", "2026-02-28", 200),
				rev("Apple Inc.", "2026-03-01", 300), rev("Apple Inc.", "2026-04-01", 400),
				rev("Aptiv", "2026-01-31", 10), rev("Aptiv", "2026-02-28", 20), rev("Aptiv", "2026-03-01", 30),
				rev("Aptiv", "2026-04-01", 0), // blank after its figures: gone
			},
			problems: []revenueProblem{
				{BadValue, 1, "", "dates in the header could be day first or month first"},
				{BadValue, 1, "", "(Jan-26 to 04-01-26) were read as ARR"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := "testdata/" + tt.file
			if tt.path != nil {
				path = tt.path(t)
			}
			res, err := ReadAccountRevenue(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.HeaderRow != tt.header || res.Table.Rows != tt.rows || res.Wide != tt.wide || res.FromMRR != tt.mrr ||
				strings.Join(res.Currencies, ",") != tt.currencies {
				t.Errorf("header %d, rows %d, wide %v, MRR %v, currencies %v; want %d, %d, %v, %v, %s",
					res.HeaderRow, res.Table.Rows, res.Wide, res.FromMRR, res.Currencies, tt.header, tt.rows, tt.wide, tt.mrr, tt.currencies)
			}
			checkRevenue(t, res.Rows, tt.want)
			checkRevenueProblems(t, res.Problems, tt.problems)
		})
	}
}

func checkRevenue(t *testing.T, got, want []core.AccountRevenue) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d figures, want %d:\n%s", len(got), len(want), revenueText(got))
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Account != w.Account || g.Website != w.Website || !g.Date.Equal(w.Date) || math.Abs(g.ARR-w.ARR) > 1e-9 {
			t.Errorf("figure %d = %s %s %v, want %s %s %v", i, g.Account, g.Date.Format("2006-01-02"), g.ARR,
				w.Account, w.Date.Format("2006-01-02"), w.ARR)
		}
	}
}

func revenueText(rows []core.AccountRevenue) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s %s %v\n", r.Account, r.Date.Format("2006-01-02"), r.ARR)
	}
	return b.String()
}

func checkRevenueProblems(t *testing.T, got []Problem, want []revenueProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", problemText(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.kind || g.Row != w.row || !strings.HasPrefix(g.Column, w.column) || (w.column == "" && g.Column != "") ||
			!strings.Contains(g.Message, w.words) {
			t.Errorf("problem %d = %s %q\nwant %s at row %d, column %q, saying %q", i, g.Kind, g, w.kind, w.row, w.column, w.words)
		}
	}
}

// writeSalesforceARR writes a workbook as a Salesforce report exported to
// Excel looks: dates as date cells, amounts as numbers.
func writeSalesforceARR(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 164, CustomNumFmt: ptr(`"$"#,##0.00`)})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Account Name", "Account Owner", "Month", "ARR (USD)"},
		{"Ametek", "Ana Ruiz", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 36000},
		{"Amgen", "Ben Ito", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 48000},
		{"Amphenol", "Ana Ruiz", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 12000.0},
		{"Ametek", "Ana Ruiz", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), 36000},
		{"Amgen", "Ben Ito", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), 54000},
		{"Amphenol", "Ana Ruiz", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), 0},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			_ = f.SetCellStyle("Sheet1", fmt.Sprintf("C%d", i+1), fmt.Sprintf("C%d", i+1), dateStyle)
			_ = f.SetCellStyle("Sheet1", fmt.Sprintf("D%d", i+1), fmt.Sprintf("D%d", i+1), money)
		}
	}
	path := filepath.Join(t.TempDir(), "salesforce-arr.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func ptr[T any](v T) *T { return &v }

// writeMonthCells writes a wide sheet whose period headers are date cells.
func writeMonthCells(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	month := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	rows := [][]any{
		{"Customer", month(1), month(2), month(3), month(4)},
		{"Apple Inc.", 100, 200, 300, 400},
		{"Aptiv", 10, 20, 30, nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	mmmyy, _ := f.NewStyle(&excelize.Style{NumFmt: 17})
	short, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	_ = f.SetCellStyle("Sheet1", "B1", "C1", mmmyy)
	_ = f.SetCellStyle("Sheet1", "D1", "E1", short)
	path := filepath.Join(t.TempDir(), "month-cells.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRevenueShapes reads the headers other tools write, in a few rows
// each, and the layouts' edge cases.
func TestRevenueShapes(t *testing.T) {
	tests := []struct {
		name, text string
		opt        Options
		want       []core.AccountRevenue
		problems   []revenueProblem
	}{
		{"ChargeBee MRR only", "Customer Id,Customer Company,Customer Email,Period End,MRR,Currency Code\n" +
			"16CHtK,Apple Inc.,ap@apple.com,2026-01-31,\"$2,500.00\",USD\n16CHtL,Aptiv,it@aptiv.com,2026-01-31,$750.50,USD\n",
			Options{}, []core.AccountRevenue{rev("Apple Inc.", "2026-01-31", 30000), rev("Aptiv", "2026-01-31", 9006)}, nil},
		{"Salesforce snapshot, US dates", "Account Name,Snapshot Date,Annual Recurring Revenue\n" +
			"Aon plc,3/31/2026,\"120,000\"\nAPA Corporation,12/31/2025,\"80,000\"\n",
			Options{}, []core.AccountRevenue{rev("Aon plc", "2026-03-31", 120000), rev("APA Corporation", "2025-12-31", 80000)}, nil},
		{"periods in a period column", "Account,Quarter,Recurring Revenue\n" +
			"AppLovin,Q1 2026,1000\nAppLovin,2026 Q2,1100\nAppLovin,Q3-26,1200\nAppLovin,FY2025,900\nAppLovin,Mar 2026,1000\nAppLovin,Week 12,5\n",
			Options{}, []core.AccountRevenue{rev("AppLovin", "2026-03-31", 2000), rev("AppLovin", "2026-06-30", 1100),
				rev("AppLovin", "2026-09-30", 1200), rev("AppLovin", "2025-12-31", 900)},
			[]revenueProblem{
				{BadValue, 7, `B "Quarter"`, `"Week 12" is not a date or a period`},
				{Conflict, 6, "", "1 figure, from this row on, repeats an account and a date"},
				{BadValue, 0, "", "1 row was left out"},
			}},
		// A column of month starts, none past the 12th: read day first
		// (each the 1st of a month), and said to be a guess.
		{"ambiguous month starts", "Company,Date,ARR\nApplied Materials,01/02/2026,10\nApplied Materials,01/03/2026,20\n",
			Options{}, []core.AccountRevenue{rev("Applied Materials", "2026-02-01", 10), rev("Applied Materials", "2026-03-01", 20)},
			[]revenueProblem{{BadValue, 0, `B "Date"`, "read day first"}}},
		{"month column of dates", "Customer,Month,ARR\nArch Capital Group,2026-01-01,10\nArch Capital Group,15 Feb 2026,20\n",
			Options{}, []core.AccountRevenue{rev("Arch Capital Group", "2026-01-31", 10), rev("Arch Capital Group", "2026-02-28", 20)}, nil},
		{"negative and currencies", "Account,Date,ARR\nArcher Daniels Midland,2026-01-31,(1200)\nAmgen,2026-01-31,\"€ 1.000,00\"\nAmetek,2026-01-31,$900\n",
			Options{}, []core.AccountRevenue{rev("Amgen", "2026-01-31", 1000), rev("Ametek", "2026-01-31", 900)},
			[]revenueProblem{
				{BadValue, 2, `C "ARR"`, `"(1200)" is negative`},
				{BadValue, 0, "", "2 currencies (EUR, USD)"},
				{BadValue, 0, "", "1 row was left out"},
			}},
		{"wide months with MRR in the headers", "Account,Jan 2026 MRR,Feb 2026 MRR,Segment\nAptiv,100,110,Mid\n",
			Options{}, []core.AccountRevenue{rev("Aptiv", "2026-01-31", 1200), rev("Aptiv", "2026-02-28", 1320)}, nil},
		{"wide, the user says MRR", "Account,March 2026,April 2026\nAptiv,100,\n",
			Options{Columns: map[int]Column{1: {Field: FieldMRR}, 2: {Field: FieldMRR}}},
			[]core.AccountRevenue{rev("Aptiv", "2026-03-31", 1200), rev("Aptiv", "2026-04-30", 0)}, nil},
		{"wide, a column left out by the user", "Account,2026-01,2026-02\nAptiv,100,200\n",
			Options{Columns: map[int]Column{1: {Field: FieldIgnore}}},
			[]core.AccountRevenue{rev("Aptiv", "2026-02-28", 200)},
			[]revenueProblem{{BadValue, 1, "", "were read as ARR"}}},
		{"wide, two columns of one day", "Account,Q4 2025,FY2025,Q1 2026\nAptiv,10,40,12\n",
			Options{}, []core.AccountRevenue{rev("Aptiv", "2025-12-31", 10), rev("Aptiv", "2026-03-31", 12)},
			[]revenueProblem{
				{BadValue, 1, `C "FY2025"`, `same day as column B "Q4 2025"`},
				{BadValue, 1, "", "were read as ARR"},
			}},
		{"wide, day-first dates in the header", "Account,31/01/2026,28/02/2026,Total\nAptiv,10,12,22\nTotal,10,12,22\n",
			Options{}, []core.AccountRevenue{rev("Aptiv", "2026-01-31", 10), rev("Aptiv", "2026-02-28", 12)},
			[]revenueProblem{{BadValue, 1, "", "were read as ARR"}}},
		{"a date column the user chose", "Account,Booked On,ARR\nAptiv,2026-01-31,10\n",
			Options{Columns: map[int]Column{1: {Field: FieldPeriod}}},
			[]core.AccountRevenue{rev("Aptiv", "2026-01-31", 10)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readData("revenue.csv", []byte(tt.text), tt.opt, ReadAccountRevenueList)
			if err != nil {
				t.Fatal(err)
			}
			checkRevenue(t, res.Rows, tt.want)
			checkRevenueProblems(t, res.Problems, tt.problems)
		})
	}
}

// TestRevenueMissingColumns: a file that is no revenue file is refused, with
// its header and what to name the columns.
func TestRevenueMissingColumns(t *testing.T) {
	tests := []struct {
		name, text string
		lacks      []string
	}{
		{"a partner list", "Partner Name,Website,Tier\nAcme,acme.com,1\n", []string{"the accounts' names", "the dates or periods", "the ARR or MRR"}},
		{"no amounts", "Account,Date,Owner\nAptiv,2026-01-31,Ana\n", []string{"the ARR or MRR"}},
		{"no dates", "Customer,ARR,MRR\nAptiv,1200,100\n", []string{"the dates or periods"}},
		{"no account", "Website,Date,ARR\naptiv.com,2026-01-31,1200\n", []string{"the accounts' names"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readData("revenue.csv", []byte(tt.text), Options{}, ReadAccountRevenueList)
			if KindOf(err) != MissingColumn {
				t.Fatalf("err = %v, want a missing column", err)
			}
			msg := err.Error()
			header := strings.SplitN(tt.text, "\n", 2)[0]
			for _, h := range strings.Split(header, ",") {
				if !strings.Contains(msg, quote(h)) {
					t.Errorf("message does not list the header %q: %s", h, msg)
				}
			}
			for _, l := range tt.lacks {
				if !strings.Contains(msg, l) {
					t.Errorf("message does not say it lacks %q: %s", l, msg)
				}
			}
			if !strings.Contains(msg, "Name the columns Account, Date and ARR") || !strings.Contains(msg, "row 1") {
				t.Errorf("message does not say what to name the columns: %s", msg)
			}
			if res == nil || len(res.Columns) != strings.Count(header, ",")+1 {
				t.Errorf("no columns for the preview: %+v", res)
			}
		})
	}
}

// TestPeriodEnd reads the periods people write, each dated at its end.
func TestPeriodEnd(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when it is no period
	}{
		{"2026-03", "2026-03-31"}, {"2026/3", "2026-03-31"}, {"03/2026", "2026-03-31"}, {"2.2028", "2028-02-29"},
		{"Mar 2026", "2026-03-31"}, {"March 2026", "2026-03-31"}, {"march, 2026", "2026-03-31"}, {"Sept 2025", "2025-09-30"},
		{"Feb-26", "2026-02-28"}, {"2026 Feb", "2026-02-28"},
		{"Q1 2026", "2026-03-31"}, {"2026 Q1", "2026-03-31"}, {"Q1-26", "2026-03-31"}, {"q4'25", "2025-12-31"},
		{"2026-Q2", "2026-06-30"}, {"2026Q3", "2026-09-30"}, {"1Q26", "2026-03-31"}, {"3Q 2026", "2026-09-30"},
		{"Quarter 2 2026", "2026-06-30"}, {"FY2026 Q1", "2026-03-31"},
		{"H1 2026", "2026-06-30"}, {"2025 H2", "2025-12-31"},
		{"FY2025", "2025-12-31"}, {"FY 2025", "2025-12-31"}, {"FY25", "2025-12-31"}, {"CY2024", "2024-12-31"}, {"2025", "2025-12-31"},
		{"", ""}, {"Total", ""}, {"Q5 2026", ""}, {"Q1", ""}, {"03-26", ""}, {"26", ""}, {"13/2026", ""}, {"2026-13", ""},
		{"2025-2026", ""}, {"Mar Q1 2026", ""}, {"Q1 H1 2026", ""}, {"1200", ""}, {"Week 12 2026", ""}, {"2026-03-31", ""},
		{"Mär 2026", ""},
	}
	for _, tt := range tests {
		got, ok := periodEnd(tt.in)
		if ok != (tt.want != "") || (ok && !got.Equal(date(tt.want))) {
			t.Errorf("periodEnd(%q) = %v, %v; want %q", tt.in, got.Format("2006-01-02"), ok, tt.want)
		}
	}
}

// TestRevenueDate: a date is itself, or the end of the period its column
// names.
func TestRevenueDate(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		g     grain
		want  string
	}{
		{"2026-02-14", MonthFirst, asIs, "2026-02-14"},
		{"2026-02-14", MonthFirst, monthGrain, "2026-02-28"},
		{"2026-02-14", MonthFirst, quarterGrain, "2026-03-31"},
		{"2026-11-14", MonthFirst, quarterGrain, "2026-12-31"},
		{"2026-02-14", MonthFirst, yearGrain, "2026-12-31"},
		{"03/04/2026", MonthFirst, asIs, "2026-03-04"},
		{"03/04/2026", DayFirst, asIs, "2026-04-03"},
		{"46112", MonthFirst, asIs, "2026-03-31"}, // a spreadsheet serial
		{"Q2 2026", DayFirst, monthGrain, "2026-06-30"},
	}
	for _, tt := range tests {
		got, ok := revenueDate(tt.in, tt.order, tt.g)
		if !ok || !got.Equal(date(tt.want)) {
			t.Errorf("revenueDate(%q, %v, %v) = %v, %v; want %s", tt.in, tt.order, tt.g, got.Format("2006-01-02"), ok, tt.want)
		}
	}
}

// TestRevenueRetention feeds the ChartMogul file into core with deals
// written by hand, and checks net revenue retention against figures worked
// out by hand from the file.
func TestRevenueRetention(t *testing.T) {
	res, err := ReadAccountRevenue("testdata/account-revenue-chartmogul.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := core.NewEcosystem("Retention", date("2026-04-15"))
	for _, name := range []string{"Keystone Resellers", "Helix Consulting"} {
		e.Partners = append(e.Partners, &core.Partner{Name: name, Roles: []core.Role{core.Channel}, Formal: true})
	}
	// Abbott was sourced by Keystone, Accenture ("ACCENTURE plc" in the
	// CRM) influenced by Helix, AMD sourced by Keystone but new in
	// February; AbbVie ("AbbVie") and Adobe ("Adobe", "Adobe Inc." in the
	// file) came without partners; Aflac has no deal.
	deal := func(id, account string, typ core.DealType, amount float64, closed, sourced string, infl ...string) core.Deal {
		return core.Deal{ID: id, Account: account, Outcome: core.Won, Type: typ, Amount: amount, Created: date(closed).AddDate(0, -2, 0),
			Closed: date(closed), Sourced: sourced, Influencers: infl}
	}
	e.AddDeals("crm.csv", []core.Deal{
		deal("D1", "Abbott Laboratories", core.NewBusiness, 10000, "2025-06-30", "Keystone Resellers"),
		deal("D2", "ACCENTURE plc", core.Expansion, 5000, "2026-02-10", "", "Helix Consulting"),
		deal("D3", "AbbVie", core.NewBusiness, 20000, "2025-03-01", ""),
		deal("D4", "Adobe", core.NewBusiness, 8000, "2025-09-01", ""),
		deal("D5", "Advanced Micro Devices", core.NewBusiness, 6000, "2026-02-03", "Keystone Resellers"),
	})
	e.Deals.Revenue = res.Rows
	tests := []struct {
		name         string
		window       core.Window
		partner, oth core.NRR
	}{
		// Start: the 31 Dec figures. Partners: Abbott 10,000 → 15,000
		// (+5,000), Accenture 30,000 → 24,000 (−6,000): 39,000 / 40,000.
		// Others: AbbVie 20,000 → 0 (churn), Adobe 8,000 → 8,000, Aflac
		// 5,000 → 6,000 (+1,000): 14,000 / 33,000. AMD has no start.
		{"all", core.Window{},
			core.NRR{Accounts: 2, Start: 40000, Expansion: 5000, Contraction: 6000, Rate: 39000.0 / 40000},
			core.NRR{Accounts: 3, Start: 33000, Expansion: 1000, Churn: 20000, Rate: 14000.0 / 33000}},
		{"first quarter", core.Window{Kind: core.Custom, Since: date("2026-01-01"), Until: date("2026-03-31")},
			core.NRR{Accounts: 2, Start: 40000, Expansion: 5000, Contraction: 6000, Rate: 39000.0 / 40000},
			core.NRR{Accounts: 3, Start: 33000, Expansion: 1000, Churn: 20000, Rate: 14000.0 / 33000}},
		// Start: the 31 Jan figures; Aflac is 6,000 throughout.
		{"since February", core.Window{Kind: core.Custom, Since: date("2026-02-01"), Until: date("2026-03-31")},
			core.NRR{Accounts: 2, Start: 40000, Expansion: 5000, Contraction: 6000, Rate: 39000.0 / 40000},
			core.NRR{Accounts: 3, Start: 34000, Churn: 20000, Rate: 14000.0 / 34000}},
		// Start: the 28 Feb figures. Partners: Abbott 12,000 → 15,000,
		// Accenture 24,000 flat, AMD 6,000 flat: 45,000 / 42,000.
		{"March", core.Window{Kind: core.Custom, Since: date("2026-03-01"), Until: date("2026-03-31")},
			core.NRR{Accounts: 3, Start: 42000, Expansion: 3000, Rate: 45000.0 / 42000},
			core.NRR{Accounts: 3, Start: 34000, Churn: 20000, Rate: 14000.0 / 34000}},
		// Up to the end of January: Accenture has not shrunk yet.
		{"January", core.Window{Kind: core.Custom, Since: date("2026-01-01"), Until: date("2026-01-31")},
			core.NRR{Accounts: 2, Start: 40000, Rate: 1},
			core.NRR{Accounts: 3, Start: 33000, Expansion: 1000, Rate: 34000.0 / 33000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.Deals.Window = tt.window
			m := e.Measure(e.Evaluate(), date("2026-04-15"))
			if m == nil || !m.Retention.FromRevenueFile {
				t.Fatalf("retention not from the revenue file: %+v", m)
			}
			for _, c := range []struct {
				what      string
				got, want core.NRR
			}{{"partner", m.Retention.Partner, tt.partner}, {"other", m.Retention.Other, tt.oth}} {
				g, w := c.got, c.want
				if g.Accounts != w.Accounts || g.Start != w.Start || g.Expansion != w.Expansion || g.Contraction != w.Contraction ||
					g.Churn != w.Churn || math.Abs(g.Rate-w.Rate) > 1e-12 {
					t.Errorf("%s NRR = %+v, want %+v", c.what, g, w)
				}
			}
		})
	}
}

// revenueCSV writes a ChartMogul-shaped export of n rows: n/12 customers,
// one row per month end of 2025, amounts written "12,345.00".
func revenueCSV(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 110)
	b.WriteString("Customer UUID,Name,Company,Email,Status,Date,MRR,ARR,Currency\n")
	customers := (n + 11) / 12
	for i := 0; i < n; i++ {
		c, m := i%customers, i/customers
		end := time.Date(2025, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC)
		arr := float64(1200 * (1 + (c*7919+m*31)%400))
		fmt.Fprintf(&b, "cus_%08d,Buyer %d,Company %d Inc.,buyer%d@company%d.com,Active,%s,\"%s\",\"%s\",USD\n",
			c, c, c, c, c, end.Format("2006-01-02"), money(arr/12), money(arr))
	}
	return b.Bytes()
}

// money writes x as "12,345.00".
func money(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	whole, cents := s[:len(s)-3], s[len(s)-3:]
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return whole + cents
}

// TestRevenueCSVGenerator checks the benchmark's file reads whole.
func TestRevenueCSVGenerator(t *testing.T) {
	res, err := readData("revenue.csv", revenueCSV(1200), Options{}, ReadAccountRevenueList)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1200 || len(res.Problems) != 0 || res.Rows[0].Account != "Company 0 Inc." ||
		!res.Rows[0].Date.Equal(date("2025-01-31")) || res.Rows[0].ARR != 1200 {
		t.Errorf("%d figures, first %+v, problems:\n%s", len(res.Rows), res.Rows[0], problemText(res.Problems))
	}
}

// BenchmarkReadAccountRevenue100k reads a 100,000-row revenue CSV.
func BenchmarkReadAccountRevenue100k(b *testing.B) {
	data := revenueCSV(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := readData("revenue.csv", data, Options{}, ReadAccountRevenueList)
		if err != nil || len(res.Rows) != 100_000 {
			b.Fatalf("%v, %d figures", err, len(res.Rows))
		}
	}
}
