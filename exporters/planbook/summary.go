package planbook

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// sheetRows collects a sheet in memory (the Summary, the Measurement), so
// the charts, which must be added before the sheet is streamed, know the
// rows they plot.
type sheetRows struct{ rows [][]any }

func (s *sheetRows) add(cells ...any) int {
	s.rows = append(s.rows, cells)
	return len(s.rows)
}

// The Summary's title and the labels the reader finds the review dates by.
const (
	summaryTitle = "Partner ecosystem"
	summaryLast  = "Last review"
	summaryNext  = "Next review"
)

// writeSummary writes the Summary sheet: headline figures, review dates,
// partners per tier, role × tier, the score distribution, the top partners
// and the maturity stages, with native charts beside them.
func (b *book) writeSummary() error {
	st, e := b.st, b.e
	var sr sheetRows
	title := summaryTitle
	if e.Name != "" {
		title += " — " + e.Name
	}
	sr.add(styled(st.title, title))
	sr.add(styled(st.note, fmt.Sprintf("Written by Partner Atlas on %s. Counts by tier, role and score follow the Scorecard sheet when the workbook recalculates.",
		core.Date(b.opt.Today).Format("2 January 2006"))))
	sr.add()
	b.summaryHeadline(&sr)
	b.summaryReview(&sr)
	tierRow := b.summaryTiers(&sr)
	roleHead, roleLast := b.summaryRoles(&sr, tierRow)
	bandHead := b.summaryScores(&sr)
	b.summaryTop(&sr)
	b.summaryMaturity(&sr)
	if err := b.summaryCharts(tierRow, roleHead, roleLast, bandHead); err != nil {
		return err
	}
	s, err := b.stream(SheetSummary, 30, 14, 12, 12, 12, 10)
	if err != nil {
		return err
	}
	if err := s.addAll(sr.rows); err != nil {
		return err
	}
	return s.flush()
}

// summaryHeadline writes the headline figures.
func (b *book) summaryHeadline(sr *sheetRows) {
	st, e, ev := b.st, b.e, b.ev
	tierCol := b.partnersColumn(colTier)
	formal, incomplete := 0, 0
	for i, p := range e.Partners {
		if p.Formal {
			formal++
		}
		if !ev.Results[i].Complete {
			incomplete++
		}
	}
	n := len(e.Partners)
	sr.add(styled(st.section, "Headline"), styled(st.section, nil))
	sr.add(styled(st.label, "Partners"), excelize.Cell{Formula: fmt.Sprintf("COUNTA(%s)-1", b.partnersColumn(colPartner)), Value: n})
	sr.add(styled(st.label, "Formal partners (contract)"), excelize.Cell{Formula: fmt.Sprintf(`COUNTIF(%s,"Yes")`, b.partnersColumn(colFormal)), Value: formal})
	sr.add(styled(st.label, "Influencers without a contract"), excelize.Cell{Formula: fmt.Sprintf(`COUNTIF(%s,"No")`, b.partnersColumn(colFormal)), Value: n - formal})
	top := ev.Counts[core.Tier1] + ev.Counts[core.Tier2]
	sr.add(styled(st.label, "Tier 1 + Tier 2"), excelize.Cell{Formula: fmt.Sprintf(`COUNTIF(%s,"Tier 1")+COUNTIF(%s,"Tier 2")`, tierCol, tierCol), Value: top})
	sr.add(styled(st.label, "Top-tier band"), ev.Band.Message)
	sr.add(styled(st.label, "Scores with a missing value"), incomplete)
	sr.add()
}

// summaryReview writes the review dates and whether the review is due.
func (b *book) summaryReview(sr *sheetRows) {
	st, e := b.st, b.e
	sr.add(styled(st.section, "Review"), styled(st.section, nil))
	var last any = "Never"
	if !e.Review.Last.IsZero() {
		last = styled(st.date, e.Review.Last)
	}
	var next any = "Not set"
	if !e.Review.Next.IsZero() {
		next = styled(st.date, e.Review.Next)
	}
	sr.add(styled(st.label, summaryLast), last)
	sr.add(styled(st.label, summaryNext), next)
	status := "Not scheduled"
	if !e.Review.Next.IsZero() {
		days := int(e.Review.Next.Sub(core.Date(b.opt.Today)).Hours() / 24)
		switch {
		case e.Review.Overdue(b.opt.Today):
			status = fmt.Sprintf("Overdue by %d days", -days)
		case days == 0:
			status = "Due today"
		default:
			status = fmt.Sprintf("Due in %d days", days)
		}
	}
	sr.add(styled(st.label, "Review status"), status)
	sr.add()
}

// summaryTiers writes the partners per tier and returns each tier's row.
func (b *book) summaryTiers(sr *sheetRows) map[core.Tier]int {
	st, ev := b.st, b.ev
	tierCol := b.partnersColumn(colTier)
	n := len(b.e.Partners)
	sr.add(styled(st.section, "Partners per tier"), styled(st.section, nil), styled(st.section, nil))
	tierHead := sr.add(styled(st.header, "Tier"), styled(st.header, "Partners"), styled(st.header, "Share"))
	tierRow := map[core.Tier]int{}
	for _, t := range core.Tiers {
		r := len(sr.rows) + 1
		share := 0.0
		if n > 0 {
			share = float64(ev.Counts[t]) / float64(n)
		}
		tierRow[t] = sr.add(styled(st.tierCell[t], string(t)),
			excelize.Cell{Formula: fmt.Sprintf(`COUNTIF(%s,"%s")`, tierCol, t), Value: ev.Counts[t]},
			excelize.Cell{StyleID: st.share, Formula: fmt.Sprintf(`IF(SUM($B$%d:$B$%d)>0,B%d/SUM($B$%d:$B$%d),0)`,
				tierHead+1, tierHead+len(core.Tiers), r, tierHead+1, tierHead+len(core.Tiers)), Value: share})
	}
	sr.add()
	return tierRow
}

// summaryRoles writes the role × tier counts and returns the rows of its
// header and of its last role.
func (b *book) summaryRoles(sr *sheetRows, tierRow map[core.Tier]int) (roleHead, roleLast int) {
	st := b.st
	tierCol := b.partnersColumn(colTier)
	counts := b.e.RoleTierCounts(b.ev)
	head := []any{styled(st.header, "Primary role")}
	for _, t := range core.Tiers {
		head = append(head, styled(st.header, string(t)))
	}
	sr.add(styled(st.section, "Role × tier"))
	roleHead = sr.add(append(head, styled(st.header, "Total"))...)
	roleCol := b.partnersColumn(colPrimary)
	roles := append([]core.Role(nil), core.Roles...)
	if len(counts[""]) > 0 {
		roles = append(roles, "")
	}
	for _, r := range roles {
		rr := len(sr.rows) + 1
		label := r.Label()
		if r == "" {
			label = "No role yet"
		}
		row := []any{styled(st.label, label)}
		total := 0
		for j, t := range core.Tiers {
			c := col(j + 1)
			f := fmt.Sprintf(`COUNTIFS(%s,"%s",%s,"%s")`, roleCol, r.Label(), tierCol, t)
			if r == "" {
				// Partners without a role: the tier's total less the roles.
				f = fmt.Sprintf("$B$%d-SUM(%s%d:%s%d)", tierRow[t], c, roleHead+1, c, roleHead+len(core.Roles))
			}
			row = append(row, excelize.Cell{Formula: f, Value: counts[r][t]})
			total += counts[r][t]
		}
		row = append(row, excelize.Cell{Formula: fmt.Sprintf("SUM(B%d:E%d)", rr, rr), Value: total})
		sr.add(row...)
	}
	roleLast = roleHead + len(roles)
	sr.add()
	return roleHead, roleLast
}

// summaryScores writes the score distribution and returns its header row.
func (b *book) summaryScores(sr *sheetRows) int {
	st := b.st
	scoreCol := b.partnersColumn(colScore)
	bands := b.ev.ScoreDistribution()
	sr.add(styled(st.section, "Score distribution"), styled(st.section, nil))
	bandHead := sr.add(styled(st.header, "Score"), styled(st.header, "Partners"))
	width := 100 / core.ScoreBands
	for k := 0; k < core.ScoreBands; k++ {
		f := fmt.Sprintf(`COUNTIFS(%s,">=%d",%s,"<%d")`, scoreCol, width*k, scoreCol, width*(k+1))
		if k == core.ScoreBands-1 {
			f = fmt.Sprintf(`COUNTIF(%s,">=%d")`, scoreCol, width*k)
		}
		sr.add(fmt.Sprintf("%d–%d", width*k, width*(k+1)), excelize.Cell{Formula: f, Value: bands[k]})
	}
	sr.add()
	return bandHead
}

// summaryTop writes the ten best-scored partners, as they stand at export.
func (b *book) summaryTop(sr *sheetRows) {
	st, e, ev := b.st, b.e, b.ev
	n := len(e.Partners)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, c int) bool { return ev.Results[order[a]].Score > ev.Results[order[c]].Score })
	sr.add(styled(st.section, "Top partners (at export)"), styled(st.section, nil), styled(st.section, nil), styled(st.section, nil), styled(st.section, nil))
	sr.add(styled(st.header, "Rank"), styled(st.header, "Partner"), styled(st.header, "Primary role"), styled(st.header, "Score"), styled(st.header, "Tier"))
	for _, i := range order[:min(10, n)] {
		res := ev.Results[i]
		p := e.Partners[i]
		sr.add(res.Rank, text(p.Name), text(p.PrimaryRole().Label()), styled(st.score, res.Score), styled(st.tierCell[res.Tier], string(res.Tier)))
	}
	sr.add()
}

// summaryMaturity writes the stage held per dimension, as at export.
func (b *book) summaryMaturity(sr *sheetRows) {
	st := b.st
	sr.add(styled(st.section, "Maturity (at export)"), styled(st.section, nil), styled(st.section, nil), styled(st.section, nil))
	sr.add(styled(st.header, "Dimension"), styled(st.header, "Stage held"), styled(st.header, "Rated"), styled(st.header, "Proposed"))
	for _, a := range b.e.AssessMaturity(b.ev) {
		var rated any
		if a.Rated.Valid() {
			rated = a.Rated.String()
		}
		sr.add(styled(st.label, string(a.Dimension)), a.Held().String(), rated, a.Proposed.String())
	}
}

// summaryCharts adds the native charts beside the Summary's tables: partners
// per tier, role mix and score distribution. They plot the Summary's own
// cells, so they follow a recalculation.
func (b *book) summaryCharts(tierRow map[core.Tier]int, roleHead, roleLast, bandHead int) error {
	ref := func(c string, r1, r2 int) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", SheetSummary, c, r1, c, r2)
	}
	font := excelize.Font{Color: inkColour, Size: 12, Bold: true}
	titled := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &font}}}
	}
	noLines := excelize.ChartAxis{MajorGridLines: true}
	var tierSeries []excelize.ChartSeries
	for _, t := range core.Tiers {
		r := tierRow[t]
		tierSeries = append(tierSeries, excelize.ChartSeries{
			Name:       ref("A", r, r),
			Categories: ref("A", r, r),
			Values:     ref("B", r, r),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{t.Colour()}},
		})
	}
	if err := b.f.AddChart(SheetSummary, "H3", &excelize.Chart{
		Type: excelize.Col, Series: tierSeries, Title: titled("Partners per tier"),
		Legend: excelize.ChartLegend{Position: "bottom"}, YAxis: noLines,
		Dimension: excelize.ChartDimension{Width: 520, Height: 300},
		Format:    excelize.GraphicOptions{AltText: "Column chart: number of partners in each tier"},
	}); err != nil {
		return err
	}
	var points []excelize.ChartDataPoint
	roles := append(append([]core.Role(nil), core.Roles...), "")
	for i := 0; i < roleLast-roleHead; i++ {
		points = append(points, excelize.ChartDataPoint{Index: i, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{roles[i].Colour()}}})
	}
	if err := b.f.AddChart(SheetSummary, "H20", &excelize.Chart{
		Type: excelize.Pie, Title: titled("Role mix (primary role)"),
		Series: []excelize.ChartSeries{{
			Name: "Partners", Categories: ref("A", roleHead+1, roleLast), Values: ref("F", roleHead+1, roleLast),
			DataPoint: points,
		}},
		Legend:    excelize.ChartLegend{Position: "right"},
		PlotArea:  excelize.ChartPlotArea{ShowPercent: true},
		Dimension: excelize.ChartDimension{Width: 520, Height: 300},
		Format:    excelize.GraphicOptions{AltText: "Pie chart: partners by primary role"},
	}); err != nil {
		return err
	}
	return b.f.AddChart(SheetSummary, "H37", &excelize.Chart{
		Type: excelize.Col, Title: titled("Score distribution"),
		Series: []excelize.ChartSeries{{
			Name: "Partners", Categories: ref("A", bandHead+1, bandHead+core.ScoreBands), Values: ref("B", bandHead+1, bandHead+core.ScoreBands),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#4C6A8A"}},
		}},
		Legend: excelize.ChartLegend{Position: "none"}, YAxis: noLines,
		Dimension: excelize.ChartDimension{Width: 520, Height: 300},
		Format:    excelize.GraphicOptions{AltText: "Column chart: partners by score band"},
	})
}

// readSummary reads the review dates from the Summary sheet, and the
// ecosystem's name from its title when the About sheet did not give it.
func (pr *reader) readSummary() {
	sheet := pr.sheetNamed(SheetSummary)
	if sheet == "" {
		return
	}
	rows, _ := pr.rawRows(sheet, 0)
	if pr.e.Name == "" && len(rows) > 0 {
		t := strings.TrimSpace(importers.Cell(rows[0], 0))
		if rest, ok := strings.CutPrefix(t, summaryTitle+" — "); ok {
			pr.e.Name = strings.TrimSpace(rest)
		}
	}
	for _, l := range []struct {
		label string
		dst   *time.Time
	}{{summaryLast, &pr.e.Review.Last}, {summaryNext, &pr.e.Review.Next}} {
		v, ok := labelled(rows, l.label)
		if !ok {
			continue
		}
		d, ok := date(v)
		if !ok {
			pr.problem(importers.BadValue, sheet, 0, "", "the %s date %q cannot be read; it is left empty.", strings.ToLower(l.label), v)
		}
		*l.dst = d
	}
}
