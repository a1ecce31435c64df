package core

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/publicsuffix"
)

// TestPublicSuffixTablesAreXNets compares the copied tables with those of
// the golang.org/x/net that go.mod names: when x/net is updated, its list
// is newer, and the copy must be made again.
func TestPublicSuffixTablesAreXNets(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/net").Output()
	if err != nil {
		t.Fatalf("go list cannot find golang.org/x/net: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "publicsuffix", "data")
	for _, name := range []string{"children", "nodes", "text"} {
		theirs, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		ours, err := os.ReadFile(filepath.Join("publicsuffix", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ours, theirs) {
			t.Errorf("core/publicsuffix/%s differs from %s: copy x/net's publicsuffix/data again", name, dir)
		}
	}
}

// suffixRules walks the copied tables and returns every name they hold
// ("com", "co.uk", "blogspot.com", "*" rules' parents, exceptions…).
func suffixRules() []string {
	var names []string
	var walk func(lo, hi uint32, parent string)
	walk = func(lo, hi uint32, parent string) {
		for i := lo; i < hi; i++ {
			name := suffixLabel(i)
			if parent != "" {
				name += "." + parent
			}
			names = append(names, name)
			u := uint32(suffixNodes.get(i)>>(suffixNodeTextOffset+suffixNodeTextLength)) >> suffixNodeICANN
			c := suffixChildren.get(u & (1<<suffixNodeChildren - 1))
			walk(c&(1<<suffixChildrenLo-1), (c>>suffixChildrenLo)&(1<<suffixChildrenHi-1), name)
		}
	}
	walk(0, suffixTLDs, "")
	return names
}

// TestPublicSuffixAsXNet holds publicSuffix and RegistrableDomain to x/net's
// PublicSuffix and EffectiveTLDPlusOne on every name of the list, below it
// and beside it, and on names the list does not know.
func TestPublicSuffixAsXNet(t *testing.T) {
	rules := suffixRules()
	if len(rules) < 9000 {
		t.Fatalf("the walk found %d names: it does not read the tables", len(rules))
	}
	hosts := []string{"acme", "acme.zzz", "a..com", "acme.com", "x.acme.local", "xn--bcher-kva.ch", "acme.com.", "k12-acme.co.uk"}
	for _, r := range rules {
		hosts = append(hosts, r, "acme."+r, "shop.acme."+r, "a-b.c."+r, "a..b."+r)
	}
	// RegistrableDomain as it was written on x/net's functions.
	was := func(s string) string {
		d, err := publicsuffix.EffectiveTLDPlusOne(s)
		if err != nil {
			if suffix, icann := publicsuffix.PublicSuffix(s); !icann && suffix == s {
				return s
			}
			return ""
		}
		return d
	}
	parted := 0
	for _, h := range hosts {
		suffix, icann := publicSuffix(h)
		theirSuffix, theirICANN := publicsuffix.PublicSuffix(h)
		if suffix != theirSuffix || icann != theirICANN {
			t.Errorf("publicSuffix(%q) = %q, %v; x/net gives %q, %v", h, suffix, icann, theirSuffix, theirICANN)
		}
		if Host(h) != h {
			continue // RegistrableDomain takes what Host makes of it
		}
		if got, want := RegistrableDomain(h), was(h); got != want {
			t.Errorf("RegistrableDomain(%q) = %q; on x/net's functions it was %q", h, got, want)
		}
		if suffix != h {
			parted++
		}
	}
	if parted < len(rules) {
		t.Errorf("only %d of %d hosts were longer than their suffix", parted, len(hosts))
	}
}

// BenchmarkRegistrableDomain reduces the websites a CRM export holds, as
// the account and partner readers do a million times a file.
func BenchmarkRegistrableDomain(b *testing.B) {
	sites := []string{"https://www.k12-acme-analytics.com/about", "k7-globex.co.uk", "WWW.INITECH.DE", "http://umbrella-labs.io/", "shop.acme.com.au", "hooli.fr"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		RegistrableDomain(sites[i%len(sites)])
	}
}
