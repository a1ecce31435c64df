package importers

import (
	"fmt"
	"strings"

	"partneratlas/core"
)

// Fields of a deal export, beyond FieldWebsite, FieldAmount and FieldOwner.
const (
	FieldDealID       Field = "deal id"
	FieldDealName     Field = "deal name"
	FieldAccount      Field = "account"
	FieldStage        Field = "stage"
	FieldDealStatus   Field = "deal status" // won / lost / open where an export keeps it apart from the stage
	FieldCreated      Field = "created"
	FieldClosed       Field = "closed"
	FieldCurrency     Field = "currency"
	FieldDealType     Field = "deal type"
	FieldTerm         Field = "contract term"
	FieldLeadSource   Field = "lead source"
	FieldSourcedBy    Field = "sourced by"
	FieldInfluencedBy Field = "influenced by" // several columns may hold influencers
	FieldPartnerRole  Field = "partner role"  // a row's partner sourced or influenced (one row per deal and partner)
	FieldShare        Field = "partner share" // the export's percentage for the row's partner
)

// DealFields lists the fields a deal column can map to, in the order the
// preview offers them.
var DealFields = []Field{FieldDealID, FieldDealName, FieldAccount, FieldWebsite, FieldStage, FieldDealStatus,
	FieldCreated, FieldClosed, FieldAmount, FieldCurrency, FieldOwner, FieldDealType, FieldTerm, FieldLeadSource,
	FieldSourcedBy, FieldInfluencedBy, FieldPartnerRole, FieldShare, FieldExtra, FieldIgnore}

// dealSynonyms are the headers of Salesforce opportunity reports, HubSpot,
// Pipedrive and Dynamics deal exports and hand-made sheets; a lower rank is
// a stronger claim on the field.
var dealSynonyms = map[string]synonym{}

func init() {
	add := func(f Field, headers ...string) { addSynonyms(dealSynonyms, f, headers...) }
	add(FieldDealID, "Opportunity ID", "Deal ID", "Record ID", "Opportunity Id 18", "Opportunity Number", "Deal Number", "ID")
	add(FieldDealName, "Opportunity Name", "Deal Name", "Deal Title", "Opportunity", "Deal", "Title", "Topic", "Name")
	add(FieldAccount, "Account Name", "Company Name", "Associated Company", "Organization", "Organisation", "Potential Customer",
		"Customer", "Company", "Account", "Client")
	add(FieldWebsite, "Website", "Account Website", "Company Domain Name", "Company Domain", "Domain", "Organization Website", "URL")
	add(FieldStage, "Stage", "Deal Stage", "Opportunity Stage", "Pipeline Stage", "Sales Stage", "Stage Name")
	add(FieldDealStatus, "Status", "Deal Status", "Opportunity Status", "Status Reason", "State", "Won/Lost", "Outcome")
	add(FieldCreated, "Created Date", "Create Date", "Deal Created", "Deal created on", "Created On", "Created", "Opened", "Open Date", "Date Created")
	add(FieldClosed, "Close Date", "Closed Date", "Actual Close Date", "Deal closed on", "Won Time", "Won Date", "Close Time", "Closed On", "Closed",
		"Expected Close Date", "Est. Close Date", "Estimated Close Date")
	add(FieldAmount, "Amount", "Deal Amount", "Opportunity Amount", "Amount (converted)", "Deal Value", "Value", "Est. Revenue",
		"Estimated Revenue", "Actual Revenue", "Total Contract Value", "TCV", "Revenue", "Annual Contract Value", "ACV", "Expected Revenue")
	add(FieldCurrency, "Currency", "Opportunity Currency", "Deal Currency", "Amount Currency", "Currency Code")
	add(FieldOwner, "Opportunity Owner", "Deal Owner", "Owner", "Sales Rep", "Account Executive", "Salesperson")
	add(FieldDealType, "Type", "Deal Type", "Opportunity Type", "Business Type", "Sale Type")
	add(FieldTerm, "Contract Term (Months)", "Contract Term", "Term (Months)", "Term", "Contract Length", "Contract Duration", "Duration (Months)")
	add(FieldLeadSource, "Lead Source", "Original Source", "Deal Source", "Opportunity Source", "Source", "Origin", "Channel")
	add(FieldSourcedBy, "Primary Partner", "Sourcing Partner", "Sourced By", "Partner Account", "Referral Partner", "Source Partner",
		"Originating Partner", "Partner Sourced", "Referring Partner", "Reseller", "Partner Name", "Partner")
	add(FieldInfluencedBy, "Influencing Partners", "Influencing Partner", "Influenced By", "Influencers", "Influencer",
		"Partner Influence", "Associated Partners", "Other Partners", "Co-sell Partners", "Co-Selling Partners", "Partners")
	add(FieldPartnerRole, "Partner Role", "Attribution Role", "Role", "Partner Type", "Primary")
	add(FieldShare, "Partner Share", "Attribution Percent", "Attribution Percentage", "Partner Percent", "Partner Percentage",
		"Credit Percent", "Share Percent", "Share")
}

// influencerColumn says whether a header names one of several influencer
// columns: "Influencing Partner 2", "Influencer 3", "Partner 2".
func influencerColumn(h string) bool {
	f := strings.TrimRight(fold(h), "0123456789")
	if f == fold(h) {
		return false
	}
	for _, p := range []string{"influencingpartner", "influencer", "influencedby", "copartner", "partner", "cosellpartner"} {
		if f == p {
			return true
		}
	}
	return false
}

// DealsResult is a deal export read: where the table was found, how its
// columns map, the deals and the problems.
type DealsResult struct {
	Table
	Deals []core.Deal
	// Currencies are the currencies the amounts are in, the most common
	// first; empty when the export names none.
	Currencies []string
}

// ReadDeals reads a deal export (opportunities, deals) from an .xlsx
// workbook or a text file: see ReadDealList.
func ReadDeals(path string, opt Options) (*DealsResult, error) {
	return readPath(path, opt, ReadDealList)
}

// ReadDealList reads the deals of f, with the same sheet and header
// detection as a partner list, knowing the headers of the common CRM
// exports. Stages map to won, lost or open by their words (core.ParseOutcome;
// a status column, where the export has one, decides first); a stage it
// does not know is reported and counts as open. Dates are read in the
// column's own order: day first when some first field exceeds 12, month
// first when some second field does; a column that says neither is reported.
// Amounts are read as people write them ("$12,500.00", "EUR 12 500"). The
// sourcing partner, the influencing partners (one delimited cell or several
// columns) and the export's percentages are kept as the export names them;
// an export with one row per deal and partner (a deal ID repeated, a
// partner role per row) is folded into one deal. No deal is dropped: a row
// without a name, amount or date is kept and reported.
func ReadDealList(f *File, opt Options) (*DealsResult, error) {
	return readAgain(f, opt, readDealList)
}

// readDealList is ReadDealList, read once.
func readDealList(f *File, opt Options) (res *DealsResult, err error) {
	defer recovered(f.Name, &err)
	res = &DealsResult{}
	t, err := f.start(opt, func(cells []string) headerFit { return dealFit(cells, opt.Columns) }, "deals", &res.Table)
	if err != nil {
		return nil, err
	}
	defer t.close()
	dr := newDealReader(res, opt, t)
	if dr.col[FieldStage] < 0 && dr.col[FieldDealStatus] < 0 && dr.col[FieldAmount] < 0 {
		e := fail(MissingColumn, f.Name, nil, "no column holds the deals' stages or amounts. The header (row %d) has: %s. Name the columns Stage and Amount (or Deal Stage, Opportunity Stage, Deal Value), or choose them in the import preview.", t.header.row, headerList(t.header.cells))
		e.Sheet, e.Row = t.sheet, t.header.row
		return res, e
	}
	if err := t.each(dr.row); err != nil {
		res.Problems = append(res.Problems, Problem{Kind: BadFile, File: f.Name, Sheet: t.sheet,
			Message: fmt.Sprintf("%s could not be read further (%v); the rows before were imported.", t.what, err)})
	}
	dr.finish()
	return res, nil
}

// dealFit rates a row as the header of a deal export: it must name a stage,
// a status or an amount.
func dealFit(cells []string, user map[int]Column) headerFit {
	cols, _ := dealColumns(cells, user)
	var fit headerFit
	for _, c := range cols {
		switch c.Field {
		case FieldExtra, FieldIgnore:
			continue
		case FieldStage, FieldDealStatus, FieldAmount:
			fit.name = true
		}
		fit.fields++
	}
	return fit
}

// dealColumns maps a header row, numbered influencer columns included.
func dealColumns(header []string, user map[int]Column) ([]Column, []int) {
	cols := make([]Column, len(header))
	ranks := make([]int, len(header))
	for i := range header {
		h := cleanHeader(header[i])
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h, Field: FieldExtra}
		key := fold(h)
		if strings.Contains(h, "%") {
			key += "percent" // "Partner %" is a share, not the partner
		}
		if s, ok := dealSynonyms[key]; ok && h != "" {
			cols[i].Field, ranks[i] = s.field, s.rank
		} else if influencerColumn(h) {
			cols[i].Field = FieldInfluencedBy
		}
	}
	for i, u := range user {
		if i < len(cols) && u.Field != "" {
			cols[i].Field, ranks[i] = u.Field, -1
		}
	}
	return cols, ranks
}
