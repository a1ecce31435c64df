package exporters

import (
	"fmt"
	"math"
	"sort"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// summaryRows collects the Summary sheet in memory, so the charts, which
// must be added before the sheet is streamed, know the rows they plot.
type summaryRows struct{ rows [][]any }

func (s *summaryRows) add(cells ...any) int {
	s.rows = append(s.rows, cells)
	return len(s.rows)
}

// roleColours colour the role-mix chart; tiers keep their own colours.
var roleColours = map[core.Role]string{
	core.Technology: "#3B5BA9", core.Channel: "#7A4FA0", core.Service: "#2A8C8C",
	core.Marketplace: "#B5577B", core.Influencer: "#D1A02E", "": "#B8BDC6",
}

// scoreBands are the score distribution's buckets: 0–10, 10–20 … 90–100.
const scoreBands = 10

func scoreBand(score float64) int {
	return min(scoreBands-1, max(0, int(math.Floor(score/10))))
}

func (b *book) writeSummary() error {
	st, e, ev := b.st, b.e, b.ev
	var sr summaryRows
	title := "Partner ecosystem"
	if e.Name != "" {
		title += " — " + e.Name
	}
	sr.add(styled(st.title, title))
	sr.add(styled(st.note, fmt.Sprintf("Written by Partner Atlas on %s. Counts by tier, role and score follow the Scorecard sheet when the workbook recalculates.",
		core.Date(b.opt.Today).Format("2 January 2006"))))
	sr.add()

	// Headline figures.
	tierCol, scoreCol := b.partnersColumn(colTier), b.partnersColumn(colScore)
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

	// Review dates.
	sr.add(styled(st.section, "Review"), styled(st.section, nil))
	var last any = "Never"
	if !e.Review.Last.IsZero() {
		last = styled(st.date, e.Review.Last)
	}
	var next any = "Not set"
	if !e.Review.Next.IsZero() {
		next = styled(st.date, e.Review.Next)
	}
	sr.add(styled(st.label, "Last review"), last)
	sr.add(styled(st.label, "Next review"), next)
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

	// Partners per tier.
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

	// Role × tier.
	counts := e.RoleTierCounts(ev)
	head := []any{styled(st.header, "Primary role")}
	for _, t := range core.Tiers {
		head = append(head, styled(st.header, string(t)))
	}
	sr.add(styled(st.section, "Role × tier"))
	roleHead := sr.add(append(head, styled(st.header, "Total"))...)
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
	roleLast := roleHead + len(roles)
	sr.add()

	// Score distribution.
	bands := make([]int, scoreBands)
	for _, res := range ev.Results {
		bands[scoreBand(res.Score)]++
	}
	sr.add(styled(st.section, "Score distribution"), styled(st.section, nil))
	bandHead := sr.add(styled(st.header, "Score"), styled(st.header, "Partners"))
	for k := 0; k < scoreBands; k++ {
		f := fmt.Sprintf(`COUNTIFS(%s,">=%d",%s,"<%d")`, scoreCol, 10*k, scoreCol, 10*(k+1))
		if k == scoreBands-1 {
			f = fmt.Sprintf(`COUNTIF(%s,">=%d")`, scoreCol, 10*k)
		}
		sr.add(fmt.Sprintf("%d–%d", 10*k, 10*(k+1)), excelize.Cell{Formula: f, Value: bands[k]})
	}
	sr.add()

	// Top partners.
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

	// Maturity.
	sr.add(styled(st.section, "Maturity (at export)"), styled(st.section, nil), styled(st.section, nil), styled(st.section, nil))
	sr.add(styled(st.header, "Dimension"), styled(st.header, "Stage held"), styled(st.header, "Rated"), styled(st.header, "Proposed"))
	for _, a := range e.AssessMaturity(ev) {
		var rated any
		if a.Rated.Valid() {
			rated = a.Rated.String()
		}
		sr.add(styled(st.label, string(a.Dimension)), a.Held().String(), rated, a.Proposed.String())
	}

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
	return s.sw.Flush()
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
		points = append(points, excelize.ChartDataPoint{Index: i, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{roleColours[roles[i]]}}})
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
			Name: "Partners", Categories: ref("A", bandHead+1, bandHead+scoreBands), Values: ref("B", bandHead+1, bandHead+scoreBands),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#4C6A8A"}},
		}},
		Legend: excelize.ChartLegend{Position: "none"}, YAxis: noLines,
		Dimension: excelize.ChartDimension{Width: 520, Height: 300},
		Format:    excelize.GraphicOptions{AltText: "Column chart: partners by score band"},
	})
}
