package planbook

import (
	"partneratlas/core"
	"partneratlas/importers"
)

// The headers of the Account revenue sheet, written when an account
// revenue file was imported: net revenue retention comes from it.
const (
	revenueAccount = "Account"
	revenueWebsite = "Website"
	revenueDate    = "Date"
	revenueARR     = "ARR"
)

// writeRevenue writes the account revenue file's rows, so that reopening
// the workbook measures retention as before.
func (b *book) writeRevenue() error {
	rows := b.e.Deals.Revenue
	s, err := b.titled(SheetRevenue, "Account revenue", "The account revenue file imported: each account's annual recurring revenue on a date. Net revenue retention on the Measurement sheet comes from it.", 34, 26, 14, 16)
	if err != nil {
		return err
	}
	if err := s.add(headerCells(b.st.header, []string{revenueAccount, revenueWebsite, revenueDate, revenueARR})...); err != nil {
		return err
	}
	s.startBody()
	for _, r := range rows {
		if err := s.add(text(r.Account), text(r.Website), b.dateCell(r.Date), styled(b.st.amount, r.ARR)); err != nil {
			return err
		}
	}
	return s.flush()
}

// readRevenue restores the account revenue rows.
func (pr *reader) readRevenue(b *core.DealBook) {
	sheet, rows, h, idx, ok := pr.table(SheetRevenue, "",
		"the Account revenue sheet cannot be read (%v), so net revenue retention comes from the deals' types.",
		"the Account revenue sheet has no table headed Account, Date, ARR, so net revenue retention comes from the deals' types.",
		revenueAccount, revenueDate, revenueARR)
	if !ok {
		return
	}
	for k, r := range rows[h+1:] {
		if importers.IsBlank(r) {
			continue
		}
		row := h + k + 2
		d, okDate := dealDate(idx.cell(r, revenueDate))
		arr, okARR := number(idx.cell(r, revenueARR))
		if !okDate || d.IsZero() || !okARR {
			pr.problem(importers.BadValue, sheet, row, "", "this row has no readable date or ARR; it was left out.")
			continue
		}
		b.Revenue = append(b.Revenue, core.AccountRevenue{Account: idx.cell(r, revenueAccount), Website: idx.cell(r, revenueWebsite), Date: d, ARR: arr})
	}
}
