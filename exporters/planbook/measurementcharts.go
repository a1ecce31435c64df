package planbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// The Measurement sheet's drop-down lists and its charts, added before the
// sheet is streamed.

// measureValidations offers the credit models in a list, and the outcomes
// for each stage.
func (b *book) measureValidations(modelRow, stagesHead, stages int) error {
	models := make([]string, len(core.CreditModels))
	for i, m := range core.CreditModels {
		models[i] = m.String()
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("B%d", modelRow)
	if err := dv.SetDropList(models); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not a credit model", "Pick one of the three models.")
	if err := b.f.AddDataValidation(SheetMeasurement, dv); err != nil {
		return err
	}
	if stages == 0 {
		return nil
	}
	dv = excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("B%d:B%d", stagesHead+1, stagesHead+stages)
	if err := dv.SetDropList([]string{core.Won.String(), core.Lost.String(), core.Open.String()}); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not an outcome", "Pick Won, Lost or Open.")
	return b.f.AddDataValidation(SheetMeasurement, dv)
}

// chartColumns are where the three charts of the Measurement sheet start.
var chartColumns = []string{"A", "E", "J"}

// measureCharts adds the native charts: revenue by tier and by role,
// stacked sourced over influenced, and revenue per quarter by category.
func (b *book) measureCharts(at, tierHead, tiers, roleHead, roles, quarterHead, quarters int) error {
	ref := func(c string, r1, r2 int) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", SheetMeasurement, c, r1, c, r2)
	}
	font := excelize.Font{Color: inkColour, Size: 12, Bold: true}
	titled := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &font}}}
	}
	revenue := func(side int) string { return col(1 + side*len(figureHeaders) + 5) }
	sourcedFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#5B4BB7"}}
	influencedFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E39B3B"}}
	noneFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#9AA5B1"}}
	stacked := func(title string, head, n int, alt string) *excelize.Chart {
		return &excelize.Chart{
			Type: excelize.ColStacked, Title: titled(title),
			Series: []excelize.ChartSeries{
				{Name: ref(revenue(0), head, head), Categories: ref("A", head+1, head+n), Values: ref(revenue(0), head+1, head+n), Fill: sourcedFill},
				{Name: ref(revenue(1), head, head), Categories: ref("A", head+1, head+n), Values: ref(revenue(1), head+1, head+n), Fill: influencedFill},
			},
			Legend: excelize.ChartLegend{Position: "bottom"}, YAxis: excelize.ChartAxis{MajorGridLines: true},
			Dimension: excelize.ChartDimension{Width: 480, Height: 320},
			Format:    excelize.GraphicOptions{AltText: alt},
		}
	}
	tierChart := stacked("Revenue by tier", tierHead, tiers, "Stacked column chart: revenue each tier's partners sourced and influenced")
	roleChart := stacked("Revenue by role", roleHead, roles, "Stacked column chart: revenue each role's partners sourced and influenced")
	// Side by side: the first column is as wide as two and a half of the
	// others, a chart as five of them.
	for i, c := range []*excelize.Chart{tierChart, roleChart} {
		if err := b.f.AddChart(SheetMeasurement, fmt.Sprintf("%s%d", chartColumns[i], at), c); err != nil {
			return err
		}
	}
	if quarters == 0 {
		return nil
	}
	var series []excelize.ChartSeries
	for i, fill := range []excelize.Fill{sourcedFill, influencedFill, noneFill} {
		c := col(1 + i)
		series = append(series, excelize.ChartSeries{Name: ref(c, quarterHead, quarterHead),
			Categories: ref("A", quarterHead+1, quarterHead+quarters), Values: ref(c, quarterHead+1, quarterHead+quarters), Fill: fill})
	}
	return b.f.AddChart(SheetMeasurement, fmt.Sprintf("%s%d", chartColumns[2], at), &excelize.Chart{
		Type: excelize.ColStacked, Title: titled("Revenue won per quarter"), Series: series,
		Legend: excelize.ChartLegend{Position: "bottom"}, YAxis: excelize.ChartAxis{MajorGridLines: true},
		Dimension: excelize.ChartDimension{Width: 480, Height: 320},
		Format:    excelize.GraphicOptions{AltText: "Stacked column chart: revenue won each quarter, sourced, influenced only and without a partner"},
	})
}
