package importers

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"partneratlas/core"
)

// sheet is a worksheet to write in a test workbook.
type sheet struct {
	name   string
	hidden bool
	rows   [][]any
	// formulas are set after the rows, by cell ("C3": "2+2"), with no
	// saved result, as programs that leave calculation to Excel write them.
	formulas map[string]string
}

// workbook writes an .xlsx with excelize and returns its bytes.
func workbook(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		for cell, formula := range s.formulas {
			if err := f.SetCellFormula(s.name, cell, formula); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// partnerSheet is a partner list as people keep them: a title and a note
// above the header, odd headers, blank rows, multi-role cells, an unknown
// role, a bad and an out-of-scale score, overrides with and without a
// reason, two columns with one header and one without a header.
var partnerSheet = [][]any{
	{"Partner list – FY2026"},
	{"", "", "Owner: partnerships team"},
	{},
	{"Company", "Site", "Category", "Other Roles", "Signed", "PAM", "Territory", "Shared ICP", "Customer overlap", "product-alignment", "REVENUE POTENTIAL", "Tier Override", "Override Reason", "Notes", "Notes", "", "Since"},
	{"Acme Analytics", "https://www.acme-analytics.com/partners", "Technology; Marketplace", "", "yes", "Dana Lee", "EMEA", 5, 4, "4.0", " 3 ", "", "", "Top integration", "renewal Q3", "x1", "2021"},
	{"Brightpath Consulting", "brightpath.co.uk", "Agency", "Reseller", "", "Sam Ortiz", "UK&I", 4, "3,5", 3, 4, "Tier 1", "Board asked", "", "", "", ""},
	{},
	{"Cloudmart", "cloudmart.io", "App Store", "", "No", "", "Global", 3, 5, 2, 4, "T2", "", "listing", "", "", ""},
	{"Northwind", "northwind-resellers.com", "Wholesale", "", "maybe", "", "NA", "high", 9, 3, 1, "", "", "", "", "", ""},
	{"", "orphan.net", "Technology"},
	{"Zenith Data", "zenith-data.com", "ISV, Community", "", "TRUE", "Priya Nair", "APAC", 4, 4, 5, 5, "", "", "", "", "", ""},
}

func TestReadPartnerWorkbook(t *testing.T) {
	data := workbook(t,
		sheet{name: "Read me", rows: [][]any{{"This workbook lists our partners."}, {"See the Partners sheet."}}},
		sheet{name: "Partners", rows: partnerSheet},
		// A hidden sheet with a better-looking table is never chosen by default.
		sheet{name: "Old", hidden: true, rows: [][]any{{"Partner Name", "Website", "Partner Type", "Owner", "Region"}, {"Ghost", "ghost.com", "Channel", "x", "y"}}},
	)
	res, err := Read("partners.xlsx", data, Options{})
	if err != nil {
		t.Fatalf("Read(partners.xlsx) error = %v", err)
	}
	if res.Sheet != "Partners" || res.HeaderRow != 4 || res.Rows != 6 || len(res.Partners) != 5 {
		t.Fatalf("Read(partners.xlsx) sheet %q, header %d, rows %d, partners %d; want Partners, 4, 6, 5", res.Sheet, res.HeaderRow, res.Rows, len(res.Partners))
	}
	if strings.Join(res.HiddenSheets, ",") != "Old" {
		t.Errorf("hidden sheets = %v, want [Old]", res.HiddenSheets)
	}
	wantFields := []Field{FieldName, FieldWebsite, FieldRoles, FieldOtherRoles, FieldFormal, FieldOwner, FieldRegion,
		FieldCriterion, FieldCriterion, FieldCriterion, FieldCriterion, FieldOverride, FieldOverrideReason, FieldExtra, FieldExtra, FieldExtra, FieldExtra}
	for i, c := range res.Columns {
		if i < len(wantFields) && c.Field != wantFields[i] {
			t.Errorf("column %s %q field = %q, want %q", c.Letter, c.Header, c.Field, wantFields[i])
		}
	}

	acme := findPartner(res, "Acme Analytics")
	if acme == nil {
		t.Fatal("Acme Analytics missing")
	}
	if acme.Domain != "acme-analytics.com" || acme.Owner != "Dana Lee" || acme.Region != "EMEA" || !acme.Formal {
		t.Errorf("Acme = %+v", acme)
	}
	if got := core.FormatRoles(acme.Roles); got != "Technology; Marketplace" {
		t.Errorf("Acme roles = %q, want primary Technology then Marketplace", got)
	}
	wantValues := map[string]float64{core.SharedICP: 5, core.CustomerOverlap: 4, core.ProductAlignment: 4, core.RevenuePotential: 3}
	for k, v := range wantValues {
		if valueOf(acme, k) != v {
			t.Errorf("Acme %s = %v, want %v", k, valueOf(acme, k), v)
		}
	}
	var cols []string
	for _, x := range acme.Extras {
		cols = append(cols, x.Column+"="+x.Value)
	}
	if got, want := strings.Join(cols, "|"), "Notes=Top integration|Notes (2)=renewal Q3|Column P=x1|Since=2021"; got != want {
		t.Errorf("Acme extras = %s, want %s (in column order)", got, want)
	}
	if acme.Sources[0] != (core.Source{File: "partners.xlsx", Sheet: "Partners", Row: 5}) {
		t.Errorf("Acme source = %v", acme.Sources[0])
	}

	bp := findPartner(res, "Brightpath Consulting")
	if valueOf(bp, core.CustomerOverlap) != 3.5 || core.FormatRoles(bp.Roles) != "Service; Channel" || !bp.Formal {
		t.Errorf("Brightpath overlap %v, roles %v, formal %v; want 3.5 (decimal comma), Service; Channel, formal (blank)", valueOf(bp, core.CustomerOverlap), bp.Roles, bp.Formal)
	}
	if bp.Override != core.Tier1 || bp.OverrideReason != "Board asked" {
		t.Errorf("Brightpath override = %q %q", bp.Override, bp.OverrideReason)
	}
	if len(bp.Extras) != 4 {
		t.Errorf("Brightpath extras = %v, want all 4 extra columns even when empty", bp.Extras)
	}

	cm := findPartner(res, "Cloudmart")
	if cm.Formal || cm.Override != "" || cm.PrimaryRole() != core.Marketplace {
		t.Errorf("Cloudmart formal %v, override %q, role %q; want informal, no override (no reason), marketplace", cm.Formal, cm.Override, cm.PrimaryRole())
	}

	nw := findPartner(res, "Northwind")
	if len(nw.Roles) != 0 || !nw.Formal {
		t.Errorf("Northwind roles %v formal %v; want no role guessed, formal kept", nw.Roles, nw.Formal)
	}
	if _, ok := nw.Value(core.SharedICP); ok {
		t.Errorf("Northwind shared ICP = %v, want empty (\"high\" is no number)", valueOf(nw, core.SharedICP))
	}
	if valueOf(nw, core.CustomerOverlap) != 9 {
		t.Errorf("Northwind overlap = %v, want 9 kept", valueOf(nw, core.CustomerOverlap))
	}
	zen := findPartner(res, "Zenith Data")
	if core.FormatRoles(zen.Roles) != "Technology; Influencer" {
		t.Errorf("Zenith roles = %v", zen.Roles)
	}

	// The problems, each with its place.
	want := []struct {
		kind   Kind
		row    int
		column string
		text   string
	}{
		{BadValue, 8, `L "Tier Override"`, "no reason"},
		{UnknownRole, 9, `C "Category"`, `"Wholesale" in column C "Category" is not a role Partner Atlas knows. Use one of: Technology, Channel, Service, Marketplace, Influencer (or words like Reseller, ISV, Agency, App Store, Community).`},
		{BadValue, 9, `E "Signed"`, `"maybe" is not yes or no`},
		{BadValue, 9, `H "Shared ICP"`, `"high" is not a number`},
		{BadValue, 9, `I "Customer overlap"`, "outside the scale"},
		{BadValue, 10, `A "Company"`, "no partner name"},
	}
	for _, w := range want {
		found := false
		for _, p := range res.Problems {
			if p.Kind == w.kind && p.Row == w.row && p.Column == w.column && p.Sheet == "Partners" && p.File == "partners.xlsx" && strings.Contains(p.Message, w.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s problem at row %d column %s saying %q; problems:\n%s", w.kind, w.row, w.column, w.text, problemList(res))
		}
	}
	if len(res.Problems) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(res.Problems), len(want), problemList(res))
	}
}

func problemList(res *Result) string {
	var b strings.Builder
	for _, p := range res.Problems {
		fmt.Fprintf(&b, "  [%s] %s\n", p.Kind, p)
	}
	return b.String()
}

// TestReadLibreOfficeWorkbook reads a partner list LibreOffice wrote (see
// testdata/README.md) and checks it gives what its source CSV gives.
func TestReadLibreOfficeWorkbook(t *testing.T) {
	x, err := ReadFile("testdata/partners-libreoffice.xlsx", Options{})
	if err != nil {
		t.Fatalf("ReadFile(partners-libreoffice.xlsx) error = %v", err)
	}
	c, err := ReadFile("testdata/partners-libreoffice.csv", Options{})
	if err != nil {
		t.Fatalf("ReadFile(partners-libreoffice.csv) error = %v", err)
	}
	if x.Sheet != "partners-libreoffice" || x.HeaderRow != 3 || x.Rows != 8 || len(x.Partners) != 7 {
		t.Fatalf("xlsx sheet %q, header %d, rows %d, partners %d; want partners-libreoffice, 3, 8, 7", x.Sheet, x.HeaderRow, x.Rows, len(x.Partners))
	}
	if len(c.Partners) != len(x.Partners) || len(c.Problems) != len(x.Problems) {
		t.Fatalf("csv gives %d partners, %d problems; xlsx %d, %d", len(c.Partners), len(c.Problems), len(x.Partners), len(x.Problems))
	}
	for i, p := range x.Partners {
		q := c.Partners[i]
		if p.Name != q.Name || p.Domain != q.Domain || core.FormatRoles(p.Roles) != core.FormatRoles(q.Roles) ||
			p.Formal != q.Formal || p.Owner != q.Owner || fmt.Sprint(p.Values) != fmt.Sprint(q.Values) || p.Sources[0].Row != q.Sources[0].Row {
			t.Errorf("partner %d: xlsx %+v, csv %+v", i, *p, *q)
		}
	}
	sg := findPartner(x, "Société Générale Services")
	if sg == nil || valueOf(sg, core.SharedICP) != 3.5 || sg.Domain != "societe-generale-services.fr" {
		t.Errorf("Société Générale Services = %+v", sg)
	}
	if got := extra(t, sg, "Signed On"); got == "" {
		t.Errorf("Signed On of Société Générale Services is empty, want the date as shown")
	}
	if n := len(problemsOf(x, UnknownRole)); n != 1 {
		t.Errorf("unknown role problems = %d, want 1:\n%s", n, problemList(x))
	}
}

func TestReadPartnerCSV(t *testing.T) {
	latin, err := charmap.Windows1252.NewEncoder().String("Partner Name;Website;Type;Shared ICP;Customer Overlap\r\nSociété Générale;societegenerale.fr;Reseller;3,5;4\r\nCafé Crème GmbH;https://cafe-creme.de;Agentur;4;2,25\r\n")
	if err != nil {
		t.Fatal(err)
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("Partner\tWebsite URL\tRole\r\nÆsir Labs\taesir.io\tTechnology\r\n東京 Partners\ttokyo.co.jp\tChannel\r\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		data     string
		opt      Options
		delim    rune
		enc      string
		partners []string
		check    func(t *testing.T, res *Result)
	}{
		{name: "windows-1252.csv", data: latin, delim: ';', enc: "windows-1252", partners: []string{"Société Générale", "Café Crème GmbH"}, check: func(t *testing.T, res *Result) {
			p := res.Partners[0]
			if valueOf(p, core.SharedICP) != 3.5 || p.PrimaryRole() != core.Channel || p.Domain != "societegenerale.fr" {
				t.Errorf("Société Générale = %+v", p)
			}
			if valueOf(res.Partners[1], core.CustomerOverlap) != 2.25 {
				t.Errorf("Café Crème overlap = %v, want 2.25", valueOf(res.Partners[1], core.CustomerOverlap))
			}
			if len(problemsOf(res, UnknownRole)) != 1 {
				t.Errorf("problems:\n%s\nwant \"Agentur\" reported as an unknown role", problemList(res))
			}
		}},
		{name: "utf16.txt", data: utf16le, delim: '\t', enc: "utf-16le", partners: []string{"Æsir Labs", "東京 Partners"}, check: func(t *testing.T, res *Result) {
			if res.Partners[1].Domain != "tokyo.co.jp" || res.Partners[1].PrimaryRole() != core.Channel {
				t.Errorf("東京 Partners = %+v", res.Partners[1])
			}
		}},
		{name: "comments.csv", data: "# exported 2026-01-05, by CRM\n# do not edit\nAccount Name,Website,Partner Type,Formal Partner\nAcme,acme.com,Technology,n\n\n\nBeta,beta.io,\"Channel, Service\",1\n",
			delim: ',', enc: "utf-8", partners: []string{"Acme", "Beta"}, check: func(t *testing.T, res *Result) {
				if res.HeaderRow != 3 || res.Partners[1].Sources[0].Row != 7 {
					t.Errorf("header %d, Beta at %v; want header 3, Beta at row 7 (blank lines count)", res.HeaderRow, res.Partners[1].Sources)
				}
				if res.Partners[0].Formal || !res.Partners[1].Formal || len(res.Partners[1].Roles) != 2 {
					t.Errorf("partners = %+v %+v", *res.Partners[0], *res.Partners[1])
				}
			}},
		{name: "pipes.txt", data: "Name|Domain|Notes\nAcme|acme.com|a, b; c\nBeta|beta.io|\"x|y\"\n", delim: '|', enc: "utf-8", partners: []string{"Acme", "Beta"}, check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[1], "Notes"); got != "x|y" {
				t.Errorf("Beta notes = %q, want x|y", got)
			}
		}},
		{name: "multiline.csv", data: "Partner,Notes,Region\r\n\"Acme\",\"line one\r\nline two\",EMEA\r\nBeta,,NA\r\n", delim: ',', enc: "utf-8", partners: []string{"Acme", "Beta"}, check: func(t *testing.T, res *Result) {
			if res.Partners[1].Sources[0].Row != 3 || res.Partners[0].Region != "EMEA" {
				t.Errorf("Beta at %v, Acme region %q; want row 3 and EMEA", res.Partners[1].Sources, res.Partners[0].Region)
			}
		}},
		{name: "vendors.csv", data: "Vendor,URL,Kind,Skip me\nAcme,acme.com,Technology,secret\n", opt: Options{Columns: map[int]Column{0: {Field: FieldName}, 2: {Field: FieldRoles}, 3: {Field: FieldIgnore}}},
			delim: ',', enc: "utf-8", partners: []string{"Acme"}, check: func(t *testing.T, res *Result) {
				p := res.Partners[0]
				if p.PrimaryRole() != core.Technology || len(p.Extras) != 0 || p.Domain != "acme.com" {
					t.Errorf("Acme = %+v; want technology, no extras (Skip me ignored)", *p)
				}
			}},
		{name: "header-row.csv", data: "Name,Website\nIgnored,ignored.com\nCompany,Site\nAcme,acme.com\n", opt: Options{HeaderRow: 3}, delim: ',', enc: "utf-8", partners: []string{"Acme"}},
		{name: "renamed-criterion.csv", data: "Partner,Reach\nAcme,4\n", opt: Options{Scorecard: core.Scorecard{Criteria: []core.Criterion{{Key: "reach", Name: "Reach", Weight: 1, Min: 0, Max: 10}}}},
			delim: ',', enc: "utf-8", partners: []string{"Acme"}, check: func(t *testing.T, res *Result) {
				if valueOf(res.Partners[0], "reach") != 4 {
					t.Errorf("Acme reach = %v, want 4", res.Partners[0].Values)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.name, []byte(tt.data), tt.opt)
			if err != nil {
				t.Fatalf("Read(%q) error = %v", tt.name, err)
			}
			if res.Delimiter != tt.delim || res.Encoding != tt.enc {
				t.Errorf("Read(%q) delimiter %q, encoding %q; want %q, %q", tt.name, res.Delimiter, res.Encoding, tt.delim, tt.enc)
			}
			var names []string
			for _, p := range res.Partners {
				names = append(names, p.Name)
			}
			if strings.Join(names, "|") != strings.Join(tt.partners, "|") {
				t.Errorf("Read(%q) partners = %q, want %q", tt.name, names, tt.partners)
			}
			if tt.check != nil && len(res.Partners) == len(tt.partners) {
				tt.check(t, res)
			}
		})
	}
}

func TestFormalWithoutColumn(t *testing.T) {
	res, err := Read("p.csv", []byte("Name\nAcme\n"), Options{})
	if err != nil || len(res.Partners) != 1 || !res.Partners[0].Formal {
		t.Fatalf("Read(no formal column) = %v, %v; want Acme formal", res, err)
	}
}

func TestProblemCap(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Name,Shared ICP\n")
	rows := maxProblemsPerKind + 700
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, "P%d,lots\n", i)
	}
	res, err := Read("many.csv", b.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	bad := problemsOf(res, BadValue)
	if len(bad) != maxProblemsPerKind+1 || !strings.Contains(bad[len(bad)-1].Message, "700 more") {
		t.Errorf("bad value problems = %d, last %q; want %d listed and a count of 700 more", len(bad), bad[len(bad)-1].Message, maxProblemsPerKind+1)
	}
	if len(res.Partners) != rows {
		t.Errorf("partners = %d, want %d", len(res.Partners), rows)
	}
}

// TestCriterionHeadersByAlias: columns headed as people head them ("ICP
// fit", "Overlap", "Product fit", "Revenue opportunity") map to the
// scorecard's criteria. Before, they were kept as extra columns without a
// word and every partner counted the minimum.
func TestCriterionHeadersByAlias(t *testing.T) {
	data := "Partner,Website,Type,ICP fit,Overlap,Product fit,Revenue opportunity\n" +
		"Cobalt CRM,cobaltcrm.io,Technology,5,5,5,5\n" +
		"Keystone Resellers,keystone.example,Channel,4,3,2,1\n"
	res, err := Read("partners.csv", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"", "", "", core.SharedICP, core.CustomerOverlap, core.ProductAlignment, core.RevenuePotential}
	for i, c := range res.Columns {
		if c.Criterion != want[i] || (want[i] != "" && c.Field != FieldCriterion) {
			t.Errorf("column %s maps to %s %q, want criterion %q", c, c.Field, c.Criterion, want[i])
		}
	}
	if v, _ := res.Partners[0].Value(core.SharedICP); v != 5 {
		t.Errorf("Cobalt CRM's Shared ICP = %v, want 5", v)
	}
}

// TestProposesTheNameColumn: a list whose names sit under a header no
// synonym knows is refused with the likeliest column by its content and
// the exact --column to type; categories, numbers and websites are never
// proposed.
func TestProposesTheNameColumn(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"vendor", "Vendor,Category,Site,Score\nAcme Analytics,Technology,acme.io,4\nGlobex,Channel,globex.com,3\nInitech,Technology,initech.com,5\nUmbrella Corp,Service,umbrella.example,2\n",
			`column A "Vendor", whose cells are distinct names such as "Acme Analytics" and "Globex"` + `: choose it as the partner name in the import preview, or on the command line add --column "Vendor=name".`},
		{"technology", "Tier,Technology,Spend\n1,Snowflake,1200\n2,Databricks,900\n1,dbt Labs,300\n",
			`column B "Technology"`},
		{"nothing like names", "Tier,Spend\n1,1200\n2,900\n", "Rename the column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("list.csv", []byte(tt.data), Options{})
			if KindOf(err) != MissingColumn || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant one of kind %s saying %q", err, MissingColumn, tt.want)
			}
		})
	}
}

// TestHandEditedRows: rows as people leave them after pasting from a
// browser into a CSV. A short row whose cell holds tabs is split on them
// and reported (before, the partner lost its website and role); a name
// cell holding a website fills the empty website, with a warning.
func TestHandEditedRows(t *testing.T) {
	data := "Partner Name,Website,Partner Type\n" +
		"Cobalt CRM,cobaltcrm.io,Technology\n" +
		"Keystone Resellers\tkeystone.example\tChannel\n" +
		"https://www.helix-consulting.example,,Service\n"
	res, err := Read("partners.csv", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := res.Partners[1]
	if k.Name != "Keystone Resellers" || k.Domain != "keystone.example" || k.PrimaryRole() != core.Channel {
		t.Errorf("the tabbed row gave %+v", k)
	}
	h := res.Partners[2]
	if h.Domain != "helix-consulting.example" || h.PrimaryRole() != core.Service {
		t.Errorf("the name-as-website row gave %+v", h)
	}
	text := problemText(res.Problems)
	for _, want := range []string{"row 3: this row had 1 cells but the header has 3, and its cells held tabs", "row 4, column A \"Partner Name\": the partner name \"https://www.helix-consulting.example\" looks like a website"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
}

// valueOf is p's value for a criterion, 0 when it has none.
func valueOf(p *core.Partner, key string) float64 {
	v, _ := p.Value(key)
	return v
}

// TestOutsideScaleAsFmtWrote holds outsideScale to the fmt sentence it
// replaced, for the numbers a scale and a cell can hold.
func TestOutsideScaleAsFmtWrote(t *testing.T) {
	numbers := []float64{0, math.Copysign(0, -1), 1, 5, 10, 100, 0.5, -3, 1e-5, 0.0001, 123456, 1e21, 1e20, 2.5e-7,
		1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, v := range []string{"0.5", "80%", "", "\"7\"", "1,5"} {
		for _, label := range []string{"Customer overlap", "", "Fit & reach"} {
			for i, lo := range numbers {
				hi, counted := numbers[(i+3)%len(numbers)], numbers[(i+7)%len(numbers)]
				want := fmt.Sprintf("%s is outside the scale of %s (%g to %g). It was kept, and the score counts it as %g.", v, label, lo, hi, counted)
				if got := outsideScale(v, label, lo, hi, counted); got != want {
					t.Errorf("outsideScale(%q, %q, %g, %g, %g) =\n%s\nwant\n%s", v, label, lo, hi, counted, got, want)
				}
			}
		}
	}
}
