package planbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// playsHeader heads the Plays sheet, an Excel Table of the play library;
// the reader finds it by Segment, Tier and Play.
var playsHeader = []string{"Segment", "Tier", "Type", "Play", "Owner", "Cadence", "KPI"}

func (b *book) writePlays() error {
	s, err := b.stream(SheetPlays, 14, 10, 14, 50, 22, 22, 40)
	if err != nil {
		return err
	}
	if err := s.freeze(false); err != nil {
		return err
	}
	if err := s.add(headerCells(0, playsHeader)...); err != nil {
		return err
	}
	for _, p := range b.e.Plays {
		if err := s.add(text(p.Role.Label()), text(string(p.Tier)), text(string(p.Type)), text(p.Name),
			text(p.Owner), text(p.Cadence), text(p.KPI)); err != nil {
			return err
		}
	}
	if len(b.e.Plays) == 0 {
		if err := s.add(); err != nil {
			return err
		}
	}
	if err := s.sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:G%d", max(1, len(b.e.Plays))+1),
		Name: "Plays", StyleName: "TableStyleMedium2", ShowRowStripes: boolPtr(true)}); err != nil {
		return err
	}
	return s.flush()
}

func (pr *reader) readPlays() {
	sheet, rows, h, idx, ok := pr.table(SheetPlays,
		"the Plays sheet is missing, so the default play library is used.",
		"the Plays sheet cannot be read (%v); the default play library is used.",
		"no play table (Segment, Tier, Type, Play …) was found; the default play library is used.",
		"Segment", "Tier", "Play")
	if !ok {
		return
	}
	plays := []core.Play{}
	for i := h + 1; i < len(rows); i++ {
		r := rows[i]
		if importers.IsBlank(r) {
			continue
		}
		role, ok := core.ParseRole(idx.cell(r, "Segment"))
		if !ok {
			pr.problem(importers.UnknownRole, sheet, i+1, idx.column("Segment"), "%q is not a segment (one of the five roles); the play is skipped.", idx.cell(r, "Segment"))
			continue
		}
		tier, ok := core.ParseTier(idx.cell(r, "Tier"))
		if !ok {
			pr.problem(importers.BadValue, sheet, i+1, idx.column("Tier"), "%q is not a tier; the play is skipped.", idx.cell(r, "Tier"))
			continue
		}
		typ, ok := core.ParsePlayType(idx.cell(r, "Type"))
		if !ok {
			typ = core.PlayType(idx.cell(r, "Type"))
		}
		pl := core.Play{Role: role, Tier: tier, Type: typ, Name: idx.cell(r, "Play"), Owner: idx.cell(r, "Owner"),
			Cadence: idx.cell(r, "Cadence"), KPI: idx.cell(r, "KPI")}
		if err := pl.Validate(); err != nil {
			pr.problem(importers.BadValue, sheet, i+1, "", "%v; the play is skipped.", err)
			continue
		}
		plays = append(plays, pl)
	}
	pr.e.Plays = plays
}
