package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"partneratlas/core"
)

// BenchmarkRescoreAfterWeightChange10k measures what the window does on the
// UI goroutine when the user drags a weight with 10,000 partners: the edit
// (joined to the drag's undo step), core.Evaluate, and the redraw of the
// Evaluate screen with its sorted, filtered table. Confidence runs later,
// off the UI goroutine.
func BenchmarkRescoreAfterWeightChange10k(b *testing.B) {
	a := test.NewTempApp(b)
	e := core.NewEcosystem("Bench", today)
	for i := 0; i < 10000; i++ {
		p := &core.Partner{Name: fmt.Sprintf("Partner %05d", i), Roles: []core.Role{core.Roles[i%5]}}
		for j, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, float64(1+(i*(j+3))%5))
		}
		e.Partners = append(e.Partners, p)
	}
	// The real path: confidence waits for the drag to pause; each step
	// restarts its timer, so it does not run inside the loop.
	env := testEnv()
	env.confidenceDelay = time.Second
	w := newMainWindow(a, &Document{Ecosystem: e, Name: "bench"}, env)
	defer w.Window.Close()
	w.Show(stepEvaluate)
	s := w.screens[stepEvaluate].(*evaluateScreen)
	s.rows[0].slider.SetValue(36) // the first pixel of the drag records the undo step
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.rows[0].slider.SetValue(float64(20 + i%60))
	}
	b.StopTimer()
	w.stopConfidence()
}
