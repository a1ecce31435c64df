// Package core is the domain of Partner Atlas: partners, roles, the weighted
// scorecard, tiers, segments, plays, maturity and review cadence.
//
// core is pure Go. It imports no other package of the project and no UI or
// spreadsheet library, and it does no file I/O, so every rule the app applies
// can be tested with plain unit tests and every number the app shows is
// computed here.
package core
