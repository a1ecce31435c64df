package planbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// The headers of the Deals sheet's table. The columns up to the source are
// the deals as imported, with their partners resolved; the columns after
// are formulas that the Measurement sheet sums, so a deal changed in Excel
// (its stage, amount, dates or partners) changes the figures.
const (
	dealID          = "Deal ID"
	dealName        = "Deal"
	dealAccount     = "Account"
	dealWebsite     = "Website"
	dealStage       = "Stage"
	dealOutcome     = "Outcome"
	dealCreated     = "Created"
	dealClosed      = "Closed"
	dealAmount      = "Amount"
	dealCurrency    = "Currency"
	dealType        = "Type"
	dealTerm        = "Term (months)"
	dealOwner       = "Owner"
	dealLeadSource  = "Lead source"
	dealSourcedBy   = "Sourced by"
	dealSourcedPart = "Sourced share"
	dealSource      = "Source"

	dealACV         = "ACV"
	dealPartners    = "Partners"
	dealCategory    = "Category"
	dealMeasuredOn  = "Measured on"
	dealMeasured    = "Measured"
	dealCycle       = "Cycle days"
	dealSourcedCred = "Sourced credit"
	dealSourcerRole = "Sourcing role"
	dealSourcerTier = "Sourcing tier"
	dealInflRoles   = "Influencing roles"
	dealInflTiers   = "Influencing tiers"
)

// influencedBy, shareOf and creditOf head the columns of the k-th
// influencing partner (from 1).
func influencedBy(k int) string { return fmt.Sprintf("Influenced by %d", k) }
func shareOf(k int) string      { return fmt.Sprintf("Share %d", k) }
func creditOf(k int) string     { return fmt.Sprintf("Credit %d", k) }

// roleOf and tierOf head the role and tier of the k-th influencing
// partner, looked up on the Partners sheet.
func roleOf(k int) string { return fmt.Sprintf("Influencer %d role", k) }
func tierOf(k int) string { return fmt.Sprintf("Influencer %d tier", k) }

// dealLayout places the Deals table's columns: as many influencer columns
// as the deal with the most influencers needs (at least one).
type dealLayout struct {
	headers     []string
	at          map[string]int
	influencers int
	rows        int // data rows (at least 1, as a table needs one)
	// formulas are the formulas of the deal rows, once written.
	formulas map[string]*template
}

func newDealLayout(influencers, deals int) *dealLayout {
	l := &dealLayout{at: map[string]int{}, influencers: max(1, influencers), rows: max(1, deals)}
	add := func(h ...string) {
		for _, x := range h {
			l.at[x] = len(l.headers)
			l.headers = append(l.headers, x)
		}
	}
	add(dealID, dealName, dealAccount, dealWebsite, dealStage, dealOutcome, dealCreated, dealClosed, dealAmount,
		dealCurrency, dealType, dealTerm, dealOwner, dealLeadSource, dealSourcedBy, dealSourcedPart)
	for k := 1; k <= l.influencers; k++ {
		add(influencedBy(k), shareOf(k))
	}
	add(dealSource, dealACV, dealPartners, dealCategory, dealMeasuredOn, dealMeasured, dealCycle, dealSourcedCred)
	for k := 1; k <= l.influencers; k++ {
		add(creditOf(k))
	}
	add(dealSourcerRole, dealSourcerTier)
	for k := 1; k <= l.influencers; k++ {
		add(roleOf(k), tierOf(k))
	}
	add(dealInflRoles, dealInflTiers)
	return l
}

// ref is the cell of column h in row r, relative.
func (l *dealLayout) ref(h string, r int) string { return cell(l.at[h], r) }

// tableColumn is the whole data column h as a structured reference: Deals[Amount].
func tableColumn(table, h string) string {
	return table + "[" + structuredEscape.Replace(h) + "]"
}

// structuredEscape escapes the characters a structured reference's column
// name cannot hold as they are.
var structuredEscape = strings.NewReplacer("'", "''", "[", "'[", "]", "']", "#", "'#")

// dc is a column of the Deals table.
func dc(h string) string { return tableColumn(dealsTable, h) }

// The defined names the formulas use for the rules on the Measurement
// sheet, and the table names.
const (
	nameModel   = "CreditModel"
	nameSince   = "MeasureSince"
	nameUntil   = "MeasureUntil"
	nameStages  = "StageOutcomes"
	dealsTable  = "Deals"
	partnersTbl = "Partners"
)

// escapeCriterion is the formula text that makes the value of cell a a
// COUNTIFS or MATCH criterion matching itself only: wildcards escaped.
func escapeCriterion(a string) string {
	return fmt.Sprintf(`SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(%s,"~","~~"),"*","~*"),"?","~?")`, a)
}

// lookup is the formula text of what column of the Partners table says of
// the partner named in cell a: "" when no partner has that name.
func lookup(a, what string) string {
	return fmt.Sprintf(`IFERROR(INDEX(%s,MATCH(%s,%s,0))&"","")`, tableColumn(partnersTbl, what), escapeCriterion(a), tableColumn(partnersTbl, colPartner))
}

// sharedFormulas are the formulas of the deal rows, one template a column:
// each is written once, as a shared formula, and moved to every row (a
// hundred thousand deals).
func (l *dealLayout) sharedFormulas() map[string]*template {
	if l.formulas == nil {
		l.formulas = map[string]*template{}
		for h := range l.dealFormulas(1) {
			t := rowTemplate(func(r int) string { return l.dealFormulas(r)[h] })
			l.formulas[h] = &t
		}
	}
	return l.formulas
}

// dealFormulas are the formulas of deal row r.
func (l *dealLayout) dealFormulas(r int) map[string]string {
	c := func(h string) string { return l.ref(h, r) }
	f := map[string]string{}
	f[dealACV] = fmt.Sprintf(`IF(AND(ISNUMBER(%s),%s>0),%s*12/%s,%s)`, c(dealTerm), c(dealTerm), c(dealAmount), c(dealTerm), c(dealAmount))
	count := []string{fmt.Sprintf("(LEN(%s)>0)", c(dealSourcedBy))}
	for k := 1; k <= l.influencers; k++ {
		count = append(count, fmt.Sprintf("(LEN(%s)>0)", c(influencedBy(k))))
	}
	f[dealPartners] = strings.Join(count, "+")
	f[dealCategory] = fmt.Sprintf(`IF(LEN(%s)>0,"%s",IF(%s>0,"%s","%s"))`, c(dealSourcedBy), core.SourcedDeal, c(dealPartners), core.InfluencedOnly, core.NoPartner)
	f[dealMeasuredOn] = fmt.Sprintf(`IF(%s="%s",%s,%s)`, c(dealOutcome), core.Open, c(dealCreated), c(dealClosed))
	on := c(dealMeasuredOn)
	f[dealMeasured] = fmt.Sprintf(`AND(%s<>"%s",%s<>"%s",OR(AND(LEN(%s)=0,LEN(%s)=0),AND(ISNUMBER(%s),OR(LEN(%s)=0,INT(%s)>=%s),OR(LEN(%s)=0,INT(%s)<=%s))))`,
		c(dealType), core.Churn, c(dealType), core.Contraction, nameSince, nameUntil, on, nameSince, on, nameSince, nameUntil, on, nameUntil)
	f[dealCycle] = fmt.Sprintf(`IF(AND(%s="%s",ISNUMBER(%s),ISNUMBER(%s)),IF(INT(%s)>=INT(%s),INT(%s)-INT(%s),""),"")`,
		c(dealOutcome), core.Won, c(dealCreated), c(dealClosed), c(dealClosed), c(dealCreated), c(dealClosed), c(dealCreated))
	// The share each partner is credited with, under the model named on
	// the Measurement sheet; with the export's percentages, partners
	// without one split what the others leave.
	shares := []string{c(dealSourcedPart)}
	for k := 1; k <= l.influencers; k++ {
		shares = append(shares, c(shareOf(k)))
	}
	given := "SUM(" + strings.Join(shares, ",") + ")"
	without := fmt.Sprintf("MAX(1,%s-COUNT(%s))", c(dealPartners), strings.Join(shares, ","))
	credit := func(name, share string) string {
		return fmt.Sprintf(`IF(LEN(%s)=0,0,%s*IF(%s="%s",1/%s,IF(%s="%s",IF(ISNUMBER(%s),%s,MAX(0,1-%s)/%s),1)))`,
			name, c(dealAmount), nameModel, core.SplitEvenly, c(dealPartners), nameModel, core.ExportShares, share, share, given, without)
	}
	f[dealSourcedCred] = credit(c(dealSourcedBy), c(dealSourcedPart))
	for k := 1; k <= l.influencers; k++ {
		f[creditOf(k)] = credit(c(influencedBy(k)), c(shareOf(k)))
	}
	f[dealSourcerRole] = lookup(c(dealSourcedBy), colPrimary)
	f[dealSourcerTier] = lookup(c(dealSourcedBy), colTier)
	// Each segment an influencer belongs to, between "; ", so that a
	// segment counts the deal once however many of its partners are on it.
	roles, tiers := []string{`"; "`}, []string{`"; "`}
	for k := 1; k <= l.influencers; k++ {
		f[roleOf(k)] = lookup(c(influencedBy(k)), colPrimary)
		f[tierOf(k)] = lookup(c(influencedBy(k)), colTier)
		roles = append(roles, c(roleOf(k)), `"; "`)
		tiers = append(tiers, c(tierOf(k)), `"; "`)
	}
	f[dealInflRoles] = strings.Join(roles, "&")
	f[dealInflTiers] = strings.Join(tiers, "&")
	return f
}

// stageOutcomes are the stages of the deals, each with the outcome its
// deals have: the Stages table of the Measurement sheet, by which the
// Outcome column follows a stage changed in Excel. A deal whose outcome is
// not its stage's (a status column decided it) keeps its outcome written
// as a value.
func stageOutcomes(deals []core.Deal) (stages []string, outcome map[string]core.Outcome) {
	outcome = map[string]core.Outcome{}
	votes := map[string]map[core.Outcome]int{}
	for i := range deals {
		s := deals[i].Stage
		if s == "" {
			continue
		}
		if votes[s] == nil {
			votes[s] = map[core.Outcome]int{}
			stages = append(stages, s)
		}
		votes[s][deals[i].Outcome]++
	}
	for _, s := range stages {
		best, n := core.Open, -1
		for _, o := range core.Outcomes {
			if votes[s][o] > n {
				best, n = o, votes[s][o]
			}
		}
		outcome[s] = best
	}
	return stages, outcome
}

// dealRowsFit says whether the deals fit a sheet; they are left out (the
// totals only) when they do not.
func dealRowsFit(n int) bool { return n < excelize.TotalRows }

// writeDeals writes the Deals sheet: one row per deal, its partners as
// resolved, the formulas the Measurement sheet sums.
func (b *book) writeDeals(m *core.Impact, l *dealLayout, outcome map[string]core.Outcome) error {
	deals := b.e.Deals.Deals
	widths := make([]float64, len(l.headers))
	for i, h := range l.headers {
		widths[i] = max(10, min(24, float64(len(h))+3))
	}
	for h, w := range map[string]float64{dealID: 14, dealName: 30, dealAccount: 26, dealWebsite: 22, dealStage: 18,
		dealSourcedBy: 24, dealSource: 34, dealInflRoles: 24, dealInflTiers: 24} {
		widths[l.at[h]] = w
	}
	for k := 1; k <= l.influencers; k++ {
		widths[l.at[influencedBy(k)]] = 24
	}
	s, err := b.stream(SheetDeals, widths...)
	if err != nil {
		return err
	}
	if err := s.freeze(true); err != nil {
		return err
	}
	if err := s.add(headerCells(b.st.header, l.headers)...); err != nil {
		return err
	}
	s.startBody()
	row := make([]any, len(l.headers))
	shared, last := l.sharedFormulas(), len(deals)+1
	for i := range deals {
		d := &deals[i]
		at := m.Attributions[i]
		r := i + 2
		clear(row)
		set := func(h string, v any) { row[l.at[h]] = v }
		set(dealID, text(d.ID))
		set(dealName, text(d.Name))
		set(dealAccount, text(d.Account))
		set(dealWebsite, text(d.Website))
		set(dealStage, text(d.Stage))
		if o, ok := outcome[d.Stage]; ok && o == d.Outcome {
			set(dealOutcome, excelize.Cell{Formula: fmt.Sprintf(`IFERROR(VLOOKUP(%s,%s,2,FALSE),"%s")`, l.ref(dealStage, r), nameStages, core.Open), Value: d.Outcome.String()})
		} else {
			set(dealOutcome, d.Outcome.String())
		}
		set(dealCreated, b.dateCell(d.Created))
		set(dealClosed, b.dateCell(d.Closed))
		set(dealAmount, styled(b.st.amount, d.Amount))
		set(dealCurrency, text(d.Currency))
		set(dealType, text(string(d.Type)))
		if d.TermMonths > 0 {
			set(dealTerm, d.TermMonths)
		}
		set(dealOwner, text(d.Owner))
		set(dealLeadSource, text(d.LeadSource))
		k := 0
		var sourcerRole, sourcerTier string
		inflRoles, inflTiers := "; ", "; "
		var credits [2][]float64  // sourced, each influencer
		var roles, tiers []string // of each influencer
		for _, c := range at.Credits {
			name := c.Name
			if c.Partner >= 0 {
				name = b.e.Partners[c.Partner].Name
			}
			share, hasShare := d.Shares[c.Name]
			if c.Sourced {
				set(dealSourcedBy, text(name))
				if hasShare {
					set(dealSourcedPart, styled(b.st.share, share))
				}
				credits[0] = append(credits[0], d.Amount*c.Share)
				sourcerRole, sourcerTier = b.partnerRole(c.Partner), b.partnerTier(c.Partner)
				continue
			}
			k++
			set(influencedBy(k), text(name))
			if hasShare {
				set(shareOf(k), styled(b.st.share, share))
			}
			credits[1] = append(credits[1], d.Amount*c.Share)
			roles, tiers = append(roles, b.partnerRole(c.Partner)), append(tiers, b.partnerTier(c.Partner))
			inflRoles += roles[k-1] + "; "
			inflTiers += tiers[k-1] + "; "
		}
		for ; k < l.influencers; k++ {
			inflRoles += "; "
			inflTiers += "; "
		}
		set(dealSource, text(SourcesText([]core.Source{d.Source})))
		formula := func(h string, v any, style int) {
			set(h, sharedCell{t: shared[h], last: last, value: v, style: style})
		}
		formula(dealACV, d.ACV(), b.st.amount)
		formula(dealPartners, len(at.Credits), 0)
		formula(dealCategory, at.Category.String(), 0)
		on := d.Closed
		if d.Outcome == core.Open {
			on = d.Created
		}
		var onValue any
		if !on.IsZero() {
			onValue = on
		}
		formula(dealMeasuredOn, onValue, b.st.date)
		in, _ := m.InWindow(d)
		formula(dealMeasured, in && d.Type.Sale(), 0)
		var cycle any = ""
		if c, ok := d.CycleDays(); ok && d.Outcome == core.Won {
			cycle = c
		}
		formula(dealCycle, cycle, 0)
		sum := 0.0
		for _, v := range credits[0] {
			sum += v
		}
		formula(dealSourcedCred, sum, b.st.amount)
		for j := 1; j <= l.influencers; j++ {
			v := 0.0
			if j <= len(credits[1]) {
				v = credits[1][j-1]
			}
			formula(creditOf(j), v, b.st.amount)
		}
		formula(dealSourcerRole, sourcerRole, 0)
		formula(dealSourcerTier, sourcerTier, 0)
		for j := 1; j <= l.influencers; j++ {
			role, tier := "", ""
			if j <= len(roles) {
				role, tier = roles[j-1], tiers[j-1]
			}
			formula(roleOf(j), role, 0)
			formula(tierOf(j), tier, 0)
		}
		formula(dealInflRoles, inflRoles, 0)
		formula(dealInflTiers, inflTiers, 0)
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if len(deals) == 0 {
		if err := s.add(); err != nil {
			return err
		}
	}
	if err := s.sw.AddTable(&excelize.Table{
		Range:          fmt.Sprintf("A1:%s", cell(len(l.headers)-1, l.rows+1)),
		Name:           dealsTable,
		StyleName:      "TableStyleLight9",
		ShowRowStripes: boolPtr(true),
	}); err != nil {
		return err
	}
	return s.flush()
}

// partnerRole and partnerTier are what the formulas of the Deals sheet look
// up for partner i (-1: a name that matches no partner): its primary role
// and its tier as the Partners sheet writes them.
func (b *book) partnerRole(i int) string {
	if i < 0 {
		return ""
	}
	return b.e.Partners[i].PrimaryRole().Label()
}

func (b *book) partnerTier(i int) string {
	if i < 0 || i >= len(b.ev.Results) {
		return ""
	}
	return string(b.ev.Results[i].Tier)
}

// dateCell is a date cell, or no cell for a zero time.
func (b *book) dateCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return styled(b.st.date, t)
}

// readDeals restores the deals from the Deals sheet, each export's deals
// under its file name in the order the files were imported. Partners are
// read as the sheet names them (resolved when the workbook was written),
// outcomes as the Outcome column says (its formula's cached value), so a
// deal changed in Excel comes back changed.
func (pr *reader) readDeals(b *core.DealBook) {
	sheet := pr.sheetNamed(SheetDeals)
	if sheet == "" {
		return
	}
	rows, err := pr.rows(sheet)
	if err != nil {
		pr.problem(importers.BadFile, sheet, 0, "", "the Deals sheet cannot be read (%v), so the deals were not restored.", err)
		return
	}
	defer rows.Close()
	var idx header
	var deals []core.Deal
	n := 0
	for rows.Next() {
		n++
		r, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			pr.problem(importers.BadFile, sheet, n, "", "the Deals sheet could not be read past this row (%v); the deals above were restored.", err)
			break
		}
		if idx == nil {
			if n > headerScan {
				break
			}
			if _, ok := findLabels([][]string{r}, dealID, dealStage, dealAmount, dealSourcedBy); ok {
				idx = indexHeader(r)
			}
			continue
		}
		if importers.IsBlank(r) {
			continue
		}
		if d, ok := pr.readDeal(sheet, idx, r, n); ok {
			deals = append(deals, d)
		}
	}
	if idx == nil {
		pr.problem(importers.NoHeader, sheet, 0, "", "the Deals sheet has no table headed Deal ID, Stage, Amount, Sourced by, so the deals were not restored.")
		return
	}
	// Each export's deals under its own name, in the order first seen:
	// importing the export again then replaces them.
	var files []string
	byFile := map[string][]core.Deal{}
	for _, d := range deals {
		if _, ok := byFile[d.Source.File]; !ok {
			files = append(files, d.Source.File)
		}
		byFile[d.Source.File] = append(byFile[d.Source.File], d)
	}
	for _, f := range files {
		b.Deals = append(b.Deals, byFile[f]...)
		b.Files = append(b.Files, f)
	}
}

// readDeal reads one row of the Deals table (row n of the sheet).
func (pr *reader) readDeal(sheet string, idx header, r []string, n int) (core.Deal, bool) {
	cellOf := func(h string) string { return idx.cell(r, h) }
	d := core.Deal{ID: cellOf(dealID), Name: cellOf(dealName), Account: cellOf(dealAccount), Website: cellOf(dealWebsite),
		Stage: cellOf(dealStage), Currency: cellOf(dealCurrency), Owner: cellOf(dealOwner), LeadSource: cellOf(dealLeadSource)}
	if d.ID == "" && d.Name == "" && d.Account == "" && cellOf(dealAmount) == "" {
		return d, false
	}
	switch fold(cellOf(dealOutcome)) {
	case "won":
		d.Outcome = core.Won
	case "lost":
		d.Outcome = core.Lost
	case "open":
		d.Outcome = core.Open
	default:
		d.Outcome, _ = core.ParseOutcome(d.Stage)
	}
	for _, x := range []struct {
		h   string
		dst *time.Time
	}{{dealCreated, &d.Created}, {dealClosed, &d.Closed}} {
		if v := cellOf(x.h); v != "" {
			t, ok := dealDate(v)
			if !ok {
				pr.problem(importers.BadValue, sheet, n, idx.column(x.h), "%q is not a date; the deal has no %s date.", v, strings.ToLower(x.h))
			}
			*x.dst = t
		}
	}
	if v := cellOf(dealAmount); v != "" {
		a, ok := number(v)
		if !ok {
			pr.problem(importers.BadValue, sheet, n, idx.column(dealAmount), "%q is not an amount; the deal counts as 0.", v)
		}
		d.Amount = a
	}
	d.Type, _ = core.ParseDealType(cellOf(dealType))
	if v := cellOf(dealTerm); v != "" {
		d.TermMonths, _ = number(v)
	}
	share := func(name, h string) {
		if v := cellOf(h); v != "" {
			if x, ok := number(v); ok {
				if d.Shares == nil {
					d.Shares = map[string]float64{}
				}
				d.Shares[name] = x
			}
		}
	}
	d.Sourced = cellOf(dealSourcedBy)
	if d.Sourced != "" {
		share(d.Sourced, dealSourcedPart)
	}
	for k := 1; ; k++ {
		if _, ok := idx[fold(influencedBy(k))]; !ok {
			break
		}
		if name := cellOf(influencedBy(k)); name != "" {
			d.Influencers = append(d.Influencers, name)
			share(name, shareOf(k))
		}
	}
	if src := parseSources(cellOf(dealSource)); len(src) > 0 {
		d.Source = src[0]
	} else {
		d.Source = core.Source{File: pr.file, Sheet: sheet, Row: n}
	}
	return d, true
}

// dealDate reads a date cell of the Deals sheet to the second: a date
// serial, or a date typed as text.
func dealDate(s string) (time.Time, bool) {
	if v, err := parseFloat(s); err == nil {
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return time.Time{}, false
		}
		return t.Round(time.Second), true
	}
	return date(s)
}

// parseFloat reads a number as a cell stores it.
func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		err = fmt.Errorf("not a number: %q", s)
	}
	return v, err
}
