package importers

import "slices"

// A big worksheet's rows are read before its facts (merged cells,
// dimension, formulas without a result: sheetFacts) are known, so that its
// XML is unpacked once instead of twice; the facts come with the end of the
// rows (sheetReader.readEarly, lateFacts). When they change the table
// (merged cells over the header or down the rows, a dimension past Excel's
// limits, a damaged part), the table is read again with the facts known
// (readAgain): spreadsheets that merge cells are the small ones people lay
// out by hand, not the exports of a million rows.

// factsLate carries the facts of a sheet from a reading that learned them
// after its rows to the reading that follows.
type factsLate struct {
	sheet string
	facts sheetFacts
	set   bool
}

// factsKnown is a scan of facts already known.
func factsKnown(facts sheetFacts) *factsScan {
	fs := &factsScan{done: make(chan struct{}), stop: make(chan struct{}), facts: facts}
	close(fs.done)
	return fs
}

// settle takes the facts of a sheet whose rows were read early, once its
// rows are read or the reader has left them: facts are then the sheet's
// whole facts, and late holds them when they differ from those the table
// was read with in what changes a table.
func (t *found) settle() {
	if t.early == nil {
		return
	}
	used, facts := t.facts, t.early.lateFacts()
	t.facts, t.early = facts, nil
	if facts.err != nil || facts.dimension != used.dimension || !slices.Equal(facts.merges, used.merges) {
		*t.late = factsLate{sheet: t.sheet, facts: facts, set: true}
	}
}

// readAgain reads f with read, and once more, the facts known, when the
// first reading learned its sheet's facts after the rows and they change
// the table (see settle).
func readAgain[R any](f *File, opt Options, read func(*File, Options) (R, error)) (R, error) {
	opt.late, opt.known = &factsLate{}, nil
	res, err := read(f, opt)
	if opt.late.set {
		opt.known, opt.late = opt.late, nil
		return read(f, opt)
	}
	return res, err
}
