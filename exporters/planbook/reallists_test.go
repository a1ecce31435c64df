package planbook_test

import (
	"encoding/csv"
	"partneratlas/internal/fixtures"
	"path/filepath"
	"strings"
	"testing"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// readCSV reads a testdata file with encoding/csv, to work out what a test
// expects without the code under test.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	recs := fixtures.CSV(t, filepath.Join("testdata", name))
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestRealListsKeepEveryCompany reads real lists of organisations as partner
// lists and checks that the merge keeps every distinct one, counted
// independently: the S&P 500 by CIK (a company's share classes are one
// partner, nothing else merges), and 1,500 universities with their domains
// (divisions on subdomains of others, names shared across countries: none is
// another). Before the merge rule of issue 11, rows of the second vanished
// into others.
func TestRealListsKeepEveryCompany(t *testing.T) {
	t.Run("S&P 500 by CIK", func(t *testing.T) {
		rows := readCSV(t, "sp500-constituents.csv")
		cik := map[string]bool{}
		for _, r := range rows {
			cik[r["CIK"]] = true
		}
		src, err := planbook.ReadFile(filepath.Join("testdata", "sp500-constituents.csv"),
			importers.Options{Columns: map[int]importers.Column{1: {Field: importers.FieldName}}})
		if err != nil {
			t.Fatal(err)
		}
		doc := planbook.Assemble([]*planbook.Source{src}, today)
		if got := len(doc.Ecosystem.Partners); got != len(cik) {
			t.Errorf("%d partners from %d rows, want %d companies (distinct CIKs)", got, len(rows), len(cik))
		}
		merged := 0
		for _, p := range doc.Merged {
			if p.Kind == importers.Merged {
				merged++
			}
		}
		if merged != len(rows)-len(cik) {
			t.Errorf("%d lines name a merged row, want %d: %v", merged, len(rows)-len(cik), doc.Merged)
		}
	})
	t.Run("1,500 universities", func(t *testing.T) {
		all := readCSV(t, "world-universities.csv")[:1500]
		var b strings.Builder
		w := csv.NewWriter(&b)
		_ = w.Write([]string{"Partner", "Website", "Country"})
		distinct := map[[2]string]bool{}
		subdomains := 0
		for _, r := range all {
			domain := strings.Split(r["domains"], ";")[0]
			_ = w.Write([]string{r["name"], domain, r["country"]})
			distinct[[2]string{strings.ToLower(r["name"]), domain}] = true
			if core.Host(domain) != core.RegistrableDomain(domain) {
				subdomains++
			}
		}
		w.Flush()
		if subdomains < 20 {
			t.Fatalf("only %d divisions on subdomains: the sample does not test them", subdomains)
		}
		src, err := planbook.ReadData("universities.csv", []byte(b.String()), importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc := planbook.Assemble([]*planbook.Source{src}, today)
		if got := len(doc.Ecosystem.Partners); got != len(distinct) {
			for _, p := range doc.Merged {
				if p.Kind == importers.Merged {
					t.Log(p)
				}
			}
			t.Errorf("%d partners from %d distinct organisations", got, len(distinct))
		}
	})
}
