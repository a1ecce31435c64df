package planbook

import (
	"partneratlas/core"
	"partneratlas/exporters/planbook/planbooktest"
)

// testToday is the date of the workbooks the tests write.
var testToday = planbooktest.Today

// bigEcosystem has n generated partners for benchmarks.
func bigEcosystem(n int) *core.Ecosystem { return planbooktest.Big(n, testToday) }
