package planbook

import (
	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// styles holds the style IDs the workbook uses.
type styles struct {
	title, note, section, header, label     int
	score, percent, share, date, wrap, held int
	amount, money                           int
	tierBlock, tierCell                     map[core.Tier]int
}

const (
	inkColour   = "#1F2933"
	noteColour  = "#5F6B7A"
	headerFill  = "#E4E8EE"
	heldFill    = "#D6EFE4"
	heldBorder  = "#1B7F5F"
	scoreFormat = "0.00"
	dateFormat  = "yyyy-mm-dd"
)

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	st := &styles{tierBlock: map[core.Tier]int{}, tierCell: map[core.Tier]int{}}
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	scoreFmt, dateFmt, shareFmt := scoreFormat, dateFormat, "0.0%"
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: inkColour}})
	st.note = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: noteColour}})
	st.section = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: inkColour},
		Border: []excelize.Border{{Type: "bottom", Color: inkColour, Style: 1}}})
	st.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}},
		Border: []excelize.Border{{Type: "bottom", Color: noteColour, Style: 1}}})
	st.label = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.score = mk(&excelize.Style{CustomNumFmt: &scoreFmt})
	st.percent = mk(&excelize.Style{NumFmt: 9})
	st.share = mk(&excelize.Style{CustomNumFmt: &shareFmt})
	amountFmt, moneyFmt := "#,##0.00", "#,##0"
	st.amount = mk(&excelize.Style{CustomNumFmt: &amountFmt})
	st.money = mk(&excelize.Style{CustomNumFmt: &moneyFmt})
	st.date = mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	st.wrap = mk(&excelize.Style{Alignment: top})
	st.held = mk(&excelize.Style{Alignment: top, Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{heldFill}},
		Border: []excelize.Border{
			{Type: "left", Color: heldBorder, Style: 2}, {Type: "right", Color: heldBorder, Style: 2},
			{Type: "top", Color: heldBorder, Style: 2}, {Type: "bottom", Color: heldBorder, Style: 2}}})
	for _, t := range core.Tiers {
		st.tierBlock[t] = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "#FFFFFF"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{t.Colour()}}})
		st.tierCell[t] = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: t.Colour()}})
	}
	return st, err
}
