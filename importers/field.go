package importers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"partneratlas/core"
)

// Field is what a column of the import holds.
type Field string

// The fields a column can map to.
const (
	FieldName           Field = "name"
	FieldWebsite        Field = "website"
	FieldRoles          Field = "roles"
	FieldOtherRoles     Field = "other roles"
	FieldFormal         Field = "formal partner"
	FieldOwner          Field = "owner"
	FieldRegion         Field = "region"
	FieldCriterion      Field = "criterion"
	FieldOverride       Field = "tier override"
	FieldOverrideReason Field = "override reason"
	FieldExtra          Field = "extra"  // kept as an extra column
	FieldIgnore         Field = "ignore" // dropped; only the user chooses this
)

// Fields lists the fields a user can pick for a column in the preview, in
// the order the preview offers them.
var Fields = []Field{FieldName, FieldWebsite, FieldRoles, FieldOtherRoles, FieldFormal,
	FieldOwner, FieldRegion, FieldCriterion, FieldOverride, FieldOverrideReason, FieldExtra, FieldIgnore}

// fieldLabels are the fields as the import preview names them.
var fieldLabels = map[Field]string{
	FieldName:           "Partner name",
	FieldWebsite:        "Website",
	FieldRoles:          "Roles (primary first)",
	FieldOtherRoles:     "Other roles",
	FieldFormal:         "Formal partner (yes / no)",
	FieldOwner:          "Owner",
	FieldRegion:         "Region",
	FieldOverride:       "Tier override",
	FieldOverrideReason: "Override reason",
	FieldExtra:          "Keep as extra column",
	FieldIgnore:         "Ignore (leave out)",
}

// FieldLabel names a field as the import preview offers it ("Partner
// name"), the field itself when it has no label of its own.
func FieldLabel(f Field) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	return string(f)
}

// ParseField reads a field as a person names it: the preview's label
// ("Partner name", "Roles"), the field ("name", "deal id"), a header that
// names it ("Partner Type"), or a criterion of sc by name, key or alias.
// ok is false when s names nothing.
func ParseField(s string, sc core.Scorecard) (Column, bool) {
	key := fold(s)
	if key == "" {
		return Column{}, false
	}
	if c, ok := sc.Find(s); ok {
		return Column{Field: FieldCriterion, Criterion: c.Key}, true
	}
	for f, l := range fieldLabels {
		if key == fold(l) || key == fold(strings.Split(l, " (")[0]) {
			return Column{Field: f}, true
		}
	}
	for _, fs := range [][]Field{Fields, DealFields, AccountFields, RevenueFields} {
		for _, f := range fs {
			if key == fold(string(f)) {
				return Column{Field: f}, true
			}
		}
	}
	if syn, ok := synonyms[key]; ok {
		return Column{Field: syn.field}, true
	}
	switch key {
	case "keep", "extra", "extracolumn":
		return Column{Field: FieldExtra}, true
	case "skip", "ignore", "leaveout", "none":
		return Column{Field: FieldIgnore}, true
	}
	return Column{}, false
}

// Column is one column of the table being imported and what it maps to.
type Column struct {
	Index  int    // 0-based
	Letter string // "A", "B", … "AA", as a spreadsheet names it
	Header string // the header text as written, trimmed; "" when blank
	Field  Field
	// Criterion is the criterion key when Field is FieldCriterion.
	Criterion string
}

// claim gives column i its field when no column holds the field yet (at is
// -1) or when i's header names the field more strongly (a lower rank: the
// first of equals keeps it); the column that loses is kept as an extra
// column. at is where a reader keeps the field's column: readers of account
// lists, deals and revenue read one column for each of these fields.
func claim(cols []Column, ranks []int, i int, at *int) {
	switch {
	case *at < 0:
		*at = i
	case ranks[i] < ranks[*at]:
		cols[*at].Field = FieldExtra
		*at = i
	default:
		cols[i].Field = FieldExtra
	}
}

// String names the column as problems do: `C "Partner Type"`, or `F` when
// the header is blank.
func (c Column) String() string {
	if c.Header == "" {
		return c.Letter
	}
	return c.Letter + " " + quote(c.Header)
}

// ExtraName is the name an unmapped column gets among a partner's extras:
// its header, or "Column F" when the header is blank.
func (c Column) ExtraName() string {
	if c.Header == "" {
		return "Column " + c.Letter
	}
	return c.Header
}

// synonym is a header that names a field; a lower rank is a stronger claim,
// so "Partner Name" wins over "Company" when a sheet has both.
type synonym struct {
	field Field
	rank  int
}

// synonyms maps folded headers to fields.
var synonyms = map[string]synonym{}

// addSynonyms adds headers to m as names of field f, the first the
// strongest.
func addSynonyms(m map[string]synonym, f Field, headers ...string) {
	for i, h := range headers {
		m[fold(h)] = synonym{f, i}
	}
}

func init() {
	add := func(f Field, headers ...string) { addSynonyms(synonyms, f, headers...) }
	add(FieldName, "Partner Name", "Partner", "Partner Company", "Company Name", "Company",
		"Account Name", "Account", "Organisation Name", "Organization Name", "Organisation",
		"Organization", "Name", "Company Legal Name", "Legal Name", "Security", "Security Name")
	add(FieldWebsite, "Website URL", "Website", "Web Site", "Partner Website", "Company Website",
		"Homepage", "Domain", "Company Domain", "Site", "URL", "Web")
	add(FieldRoles, "Primary Role", "Partner Role", "Role", "Roles", "Partner Type", "Partner Category",
		"Type", "Category")
	add(FieldOtherRoles, "Other Roles", "Other Role", "Secondary Roles", "Secondary Role", "Additional Roles")
	add(FieldFormal, "Formal Partner", "Formal", "Has Contract", "Contract", "Contracted",
		"Under Contract", "Signed")
	add(FieldOwner, "Partner Owner", "Partner Manager", "Partner Account Manager", "PAM",
		"Account Owner", "Owner", "Partner Mgr", "Manager", "Mgr", "Channel Manager", "Alliance Manager",
		"Relationship Owner")
	add(FieldRegion, "Region", "Territory", "Geo", "Geography", "Country", "Market")
	add(FieldOverride, "Tier Override", "Override")
	add(FieldOverrideReason, "Override Reason", "Reason")
}

// fold lowers s and keeps only its letters and digits, so "Partner-Name",
// "partner name" and "PARTNER_NAME" compare equal.
func fold(s string) string { return string(appendFolded(make([]byte, 0, len(s)), s)) }

// appendFolded appends fold(s) to dst, for a caller that compares it
// without keeping it (a yes/no column read a million times).
func appendFolded(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			dst = append(dst, byte(r))
		case r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r+'a'-'A'))
		case r >= 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// autoField maps a header to a field: a known synonym first, then a
// criterion of the scorecard by name or key. It returns FieldExtra when
// nothing matches. rank orders competing claims on one field.
func autoField(header string, sc core.Scorecard) (f Field, criterion string, rank int) {
	key := fold(header)
	if key == "" {
		return FieldExtra, "", 0
	}
	if s, ok := synonyms[key]; ok {
		return s.field, "", s.rank
	}
	if c, ok := sc.Find(header); ok {
		return FieldCriterion, c.Key, 0
	}
	return FieldExtra, "", 0
}

// ColumnLetter names a 0-based column index as a spreadsheet does: 0 → "A",
// 26 → "AA".
func ColumnLetter(i int) string {
	var b [8]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// mapColumns builds the columns of a header row: automatic mapping, then the
// user's changes from opt.Columns. When two columns claim the same field, the
// stronger synonym keeps it (the user's choice is strongest) and the other
// becomes an extra, so nothing is lost.
func mapColumns(header []string, width int, sc core.Scorecard, user map[int]Column) []Column {
	for i := range user {
		if i >= width {
			width = i + 1
		}
	}
	if len(header) > width {
		width = len(header)
	}
	cols := make([]Column, width)
	ranks := make([]int, width)
	for i := range cols {
		h := ""
		if i < len(header) {
			h = cleanHeader(header[i])
		}
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h}
		cols[i].Field, cols[i].Criterion, ranks[i] = autoField(h, sc)
		if u, ok := user[i]; ok && u.Field != "" {
			cols[i].Field, cols[i].Criterion, ranks[i] = userField(u, h, sc)
		}
	}
	// One column per field (per criterion for criteria): the best rank wins,
	// the first of equal ranks.
	best := map[string]int{}
	for i, c := range cols {
		if c.Field == FieldExtra || c.Field == FieldIgnore {
			continue
		}
		k := string(c.Field) + "\x00" + c.Criterion
		if j, ok := best[k]; !ok || ranks[i] < ranks[j] {
			best[k] = i
		}
	}
	for i, c := range cols {
		if c.Field == FieldExtra || c.Field == FieldIgnore {
			continue
		}
		if best[string(c.Field)+"\x00"+c.Criterion] != i {
			cols[i].Field, cols[i].Criterion = FieldExtra, ""
		}
	}
	return cols
}

// userField resolves the user's choice for a column with header h: a
// criterion is named by key or name (the header when none is given); a field
// Partner Atlas does not know keeps the column as an extra.
func userField(u Column, h string, sc core.Scorecard) (Field, string, int) {
	known := false
	for _, f := range Fields {
		known = known || f == u.Field
	}
	switch {
	case !known:
		return FieldExtra, "", 0
	case u.Field != FieldCriterion:
		return u.Field, "", -1
	}
	for _, name := range []string{u.Criterion, h} {
		if c, ok := sc.Find(name); ok {
			return FieldCriterion, c.Key, -1
		}
	}
	if u.Criterion != "" {
		return FieldCriterion, u.Criterion, -1
	}
	return FieldExtra, "", 0
}

// cleanHeader trims a header cell: spaces, line breaks and a stray byte
// order mark.
func cleanHeader(s string) string {
	s = strings.TrimSpace(strings.Trim(s, "\ufeff"))
	if isErrorValue(s) {
		return "" // "#NAME?" is a failed formula, not a column called Name
	}
	return s
}

// quote writes s in double quotes for a message, without Go escapes.
func quote(s string) string { return "\u0022" + s + "\u0022" }
