package core

import (
	"strings"
)

// Population is where an account stands with the company whose list it is on.
type Population int

// The three populations of an account list. A list without a status column
// is a list of customers.
const (
	Customer    Population = iota // buys today
	Opportunity                   // an open opportunity, with an amount
	Prospect                      // targeted, no open opportunity
)

// String names the population as the app shows it.
func (p Population) String() string {
	switch p {
	case Customer:
		return "Customer"
	case Opportunity:
		return "Open opportunity"
	case Prospect:
		return "Prospect"
	}
	return "Unknown"
}

// populationWords maps the status words CRM exports use to a population.
var populationWords = map[string]Population{
	"customer": Customer, "customers": Customer, "client": Customer, "active": Customer,
	"activecustomer": Customer, "closedwon": Customer, "won": Customer, "paying": Customer,
	"current": Customer, "subscriber": Customer, "renewal": Customer, "existing": Customer,
	"opportunity": Opportunity, "openopportunity": Opportunity, "opp": Opportunity,
	"open": Opportunity, "pipeline": Opportunity, "negotiation": Opportunity,
	"proposal": Opportunity, "qualified": Opportunity, "trial": Opportunity, "poc": Opportunity,
	"prospect": Prospect, "prospects": Prospect, "lead": Prospect, "target": Prospect,
	"mql": Prospect, "sql": Prospect, "new": Prospect, "cold": Prospect, "marketing": Prospect,
	"closedlost": Prospect, "lost": Prospect, "churned": Prospect, "former": Prospect,
}

// ParsePopulation reads a status word such as "Closed Won" or "Lead". Words
// it does not know return false so the caller can report them.
func ParsePopulation(word string) (Population, bool) {
	p, ok := populationWords[foldWord(word)]
	return p, ok
}

// Account is one company on an account list: ours or a partner's.
type Account struct {
	Name string
	// Domains are registrable domains; one account may own several
	// ("mit.edu; alum.mit.edu" gives one entry, "mit.edu").
	Domains    []string
	Population Population
	Amount     float64 // open opportunity value; 0 for other populations
	Row        int     // the row in the list's file (1-based), 0 when unknown
}

// ParseDomains splits a website/domain cell that may hold several addresses
// separated by ";", ",", "|", spaces or line breaks, and reduces each to its
// registrable domain, without repeats.
func ParseDomains(cell string) []string { return AppendDomains(nil, 0, cell) }

// AppendDomains is ParseDomains appending to dst, skipping the domains
// already in dst[start:]: an account's domains so far, when it has several
// website columns. Reading a million accounts, the caller cuts every
// account's domains out of one slab.
func AppendDomains(dst []string, start int, cell string) []string {
	for cell != "" {
		var part string
		part, cell = cutAny(cell, ";,| \t\n\r")
		if part == "" {
			continue
		}
		d := RegistrableDomain(part)
		if d == "" {
			continue
		}
		dup := false
		for _, x := range dst[start:] {
			dup = dup || x == d
		}
		if !dup {
			dst = append(dst, d)
		}
	}
	return dst
}

// AccountList is one company's accounts: ours when Partner is empty, else
// the named partner's. File and Sheet say where the list was read.
//
// A list is not changed once imported: ecosystem clones share it.
type AccountList struct {
	Partner  string
	File     string
	Sheet    string
	Accounts []Account
}

// cutAny slices s around the first of the bytes in seps: the text before it
// and the text after it; all of s and "" when there is none. It walks a
// cell or a name word by word without allocating.
func cutAny(s, seps string) (before, after string) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}
