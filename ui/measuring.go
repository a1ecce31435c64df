package ui

import (
	"cmp"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"partneratlas/core"
)

// measured is what the dashboard shows, worked out off the UI goroutine: a
// copy of the ecosystem as it was measured (the partner and deal numbers of
// the figures refer to it, whatever the user changes meanwhile), what core
// measured, and what the screen shows beside: the deals of each export and
// the currencies the amounts are in.
type measured struct {
	eco    *core.Ecosystem
	impact *core.Impact
	files  []exportDeals
	// currencies are the currencies the deals name, the most common first.
	currencies []string
}

// exportDeals is an export imported and how many deals it holds.
type exportDeals struct {
	file  string
	deals int
}

// measureDeals measures the deals of eco, which nobody else touches, on the
// day today with the tiers of ev. It runs off the UI goroutine.
func measureDeals(eco *core.Ecosystem, ev core.Evaluation, today time.Time) *measured {
	m := &measured{eco: eco, impact: eco.Measure(ev, today)}
	b := eco.Deals
	perFile := make(map[string]int, len(b.Files))
	currencies := map[string]int{}
	for i := range b.Deals {
		d := &b.Deals[i]
		perFile[d.Source.File]++
		if d.Currency != "" {
			currencies[d.Currency]++
		}
	}
	for _, f := range b.Files {
		m.files = append(m.files, exportDeals{file: f, deals: perFile[f]})
	}
	for c := range currencies {
		m.currencies = append(m.currencies, c)
	}
	slices.SortFunc(m.currencies, func(a, b string) int {
		if r := cmp.Compare(currencies[b], currencies[a]); r != 0 {
			return r
		}
		return cmp.Compare(a, b)
	})
	return m
}

// measureRun is the measuring of the deals off the UI goroutine, as
// confidenceRun is for tier confidence: gen numbers the runs asked for, and
// a result that arrives after a newer run was asked for is dropped. key is
// what the last run was asked to measure, so a redraw that changed nothing
// of the document (a search, tier confidence arriving) does not measure
// again.
type measureRun struct {
	gen  int
	key  measureKey
	busy bool // a run is under way
}

// measureKey names a state of the document to measure: which ecosystem, at
// which of its changes, on which day (the window of "this year" moves).
type measureKey struct {
	eco     *core.Ecosystem
	version int
	today   time.Time
}

// measure measures the deals again when the document changed since the
// last run: a copy of the ecosystem is measured off the UI goroutine (a
// million deals take half a second), and the figures are shown through
// fyne.Do when they arrive, unless a newer run was asked for meanwhile.
// Until then the screen shows the figures it has.
func (s *activateScreen) measure() {
	e := s.ws.ecosystem()
	key := measureKey{eco: e, version: s.ws.version(), today: core.Date(s.ws.today())}
	if key == s.run.key {
		return
	}
	s.run.key = key
	s.run.gen++
	gen := s.run.gen
	if !s.hasDeals() {
		s.m, s.run.busy = nil, false
		s.show()
		return
	}
	snapshot := e.Clone()
	ev := *s.ws.evaluation() // its results are replaced, never changed in place
	today := s.ws.today()
	s.run.busy = true
	if s.m != nil {
		s.summary.SetText("Measuring again… " + s.restsOn(s.m))
	} else {
		s.show()
	}
	s.ws.inBackground(func() {
		m := measureDeals(snapshot, ev, today)
		fyne.Do(func() {
			if gen != s.run.gen {
				return
			}
			s.m, s.run.busy = m, false
			s.show()
		})
	})
}
