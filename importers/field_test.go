package importers

import (
	"testing"

	"partneratlas/core"
)

func TestColumnLetter(t *testing.T) {
	tests := []struct {
		i    int
		want string
	}{{0, "A"}, {2, "C"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}}
	for _, tt := range tests {
		if got := ColumnLetter(tt.i); got != tt.want {
			t.Errorf("ColumnLetter(%d) = %q, want %q", tt.i, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"4", 4, true}, {" 4 ", 4, true}, {"4.0", 4, true}, {"3,5", 3.5, true}, {"1,234.5", 1234.5, true},
		{"1.234,5", 1234.5, true}, {"-2", -2, true}, {"\u00a04\u00a0", 4, true},
		{"high", 0, false}, {"", 0, false}, {"4/5", 0, false}, {"NaN", 0, false}, {"Inf", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestParseYesNo reads the words a formal-partner column holds, in any
// case and spacing, without allocating: the column is read once a row.
func TestParseYesNo(t *testing.T) {
	tests := []struct {
		in      string
		yes, ok bool
	}{
		{"Yes", true, true}, {" YES ", true, true}, {"Formal", true, true}, {"Sí", true, true}, {"✓", true, true},
		{"No", false, true}, {"no-contract", false, true}, {"Nein", false, true}, {"maybe", false, false}, {"", false, false},
		{"a very long answer that is neither yes nor no at all", false, false},
	}
	for _, tt := range tests {
		if yes, ok := ParseYesNo(tt.in); yes != tt.yes || ok != tt.ok {
			t.Errorf("ParseYesNo(%q) = %v, %v; want %v, %v", tt.in, yes, ok, tt.yes, tt.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { ParseYesNo("Formal Partner") }); n != 0 {
		t.Errorf("ParseYesNo allocates %v times a call, want 0", n)
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		name, text, ext string
		want            rune
	}{
		{"comma", "a,b,c\n1,2,3\n", ".csv", ','},
		{"semicolon with decimal commas", "Name;ICP;Overlap\nAcme;3,5;4\nBeta;4,5;2,5\n", ".csv", ';'},
		{"tab", "a\tb\n1\t2\n", ".txt", '\t'},
		{"pipe", "a|b|c\n1|2|3\n", ".txt", '|'},
		{"quoted commas", "Name;Notes\nAcme;\"a, b, c\"\nBeta;\"d, e\"\n", ".csv", ';'},
		{"comment line", "# a, b, c, d, e\nName;Web\nAcme;acme.com\n", ".csv", ';'},
		{"one column", "Name\nAcme\nBeta\n", ".csv", ','},
		{"one column tsv", "Name\nAcme\n", ".tsv", '\t'},
	}
	for _, tt := range tests {
		if got := detectDelimiter([]byte(tt.text), tt.ext); got != tt.want {
			t.Errorf("detectDelimiter(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMapColumns(t *testing.T) {
	header := []string{"Account Name", "Partner Name", "Website", "Domain", " partner_type ", "Shared-ICP", "Country", "Region", ""}
	cols := mapColumns(header, len(header), core.DefaultScorecard(), nil)
	want := []Field{FieldExtra, FieldName, FieldWebsite, FieldExtra, FieldRoles, FieldCriterion, FieldExtra, FieldRegion, FieldExtra}
	for i, c := range cols {
		if c.Field != want[i] {
			t.Errorf("mapColumns: column %s %q = %q, want %q", c.Letter, c.Header, c.Field, want[i])
		}
	}
	if cols[5].Criterion != core.SharedICP || cols[4].Header != "partner_type" || cols[8].ExtraName() != "Column I" {
		t.Errorf("mapColumns: criterion %q, header %q, blank name %q", cols[5].Criterion, cols[4].Header, cols[8].ExtraName())
	}
	// The user's choice wins over the automatic mapping.
	cols = mapColumns(header, len(header), core.DefaultScorecard(), map[int]Column{0: {Field: FieldName}, 3: {Field: FieldCriterion, Criterion: "Customer overlap"}})
	if cols[0].Field != FieldName || cols[1].Field != FieldExtra || cols[3].Criterion != core.CustomerOverlap {
		t.Errorf("mapColumns with user mapping: %v", cols)
	}
	// A field the app does not know, or a criterion it cannot find, keeps the column.
	cols = mapColumns([]string{"Name", "Notes", "Mystery"}, 3, core.DefaultScorecard(), map[int]Column{1: {Field: "colour"}, 2: {Field: FieldCriterion}})
	if cols[1].Field != FieldExtra || cols[2].Field != FieldExtra {
		t.Errorf("mapColumns with unknown choices: %v, want both kept as extras", cols)
	}
}

func TestProblemString(t *testing.T) {
	c := Column{Letter: "C", Header: "Partner Type"}
	p := Problem{Kind: UnknownRole, File: "partners.xlsx", Sheet: "Partners", Row: 12, Column: c.String(), Message: "x"}
	if got, want := p.String(), `partners.xlsx, sheet Partners, row 12, column C "Partner Type": x`; got != want {
		t.Errorf("Problem.String() = %q, want %q", got, want)
	}
}

func TestHeaderSynonyms(t *testing.T) {
	tests := []struct {
		header string
		want   Field
	}{
		{"Company", FieldName}, {"Account Name", FieldName}, {"Site", FieldWebsite}, {"Website URL", FieldWebsite},
		{"Category", FieldRoles}, {"Partner Type", FieldRoles}, {"Contract?", FieldFormal}, {"Mgr", FieldOwner},
		{"Partner Manager", FieldOwner}, {"Territory", FieldRegion}, {"Geography", FieldRegion}, {"Comments", FieldExtra},
	}
	for _, tt := range tests {
		cols := mapColumns([]string{"Partner Name", tt.header}, 2, core.DefaultScorecard(), nil)
		if tt.header == "Company" || tt.header == "Account Name" {
			cols = mapColumns([]string{tt.header}, 1, core.DefaultScorecard(), nil)
			if cols[0].Field != tt.want {
				t.Errorf("mapColumns(%q) = %q, want %q", tt.header, cols[0].Field, tt.want)
			}
			continue
		}
		if cols[1].Field != tt.want {
			t.Errorf("mapColumns(%q) = %q, want %q", tt.header, cols[1].Field, tt.want)
		}
	}
}

func TestParseField(t *testing.T) {
	sc := core.DefaultScorecard()
	tests := []struct {
		in        string
		field     Field
		criterion string
	}{
		{"name", FieldName, ""}, {"Partner name", FieldName, ""}, {"Roles", FieldRoles, ""},
		{"Partner Type", FieldRoles, ""}, {"formal partner", FieldFormal, ""},
		{"Shared ICP", FieldCriterion, core.SharedICP}, {"ICP fit", FieldCriterion, core.SharedICP},
		{"revenue_potential", FieldCriterion, core.RevenuePotential}, {"ignore", FieldIgnore, ""},
		{"keep", FieldExtra, ""}, {"status", FieldStatus, ""}, {"deal id", FieldDealID, ""},
	}
	for _, tt := range tests {
		c, ok := ParseField(tt.in, sc)
		if !ok || c.Field != tt.field || c.Criterion != tt.criterion {
			t.Errorf("ParseField(%q) = %+v, %v; want %s %q", tt.in, c, ok, tt.field, tt.criterion)
		}
	}
	if _, ok := ParseField("wingspan", sc); ok {
		t.Error("a word that names nothing was read as a field")
	}
}
