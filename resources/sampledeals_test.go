package resources_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
	"partneratlas/internal/fixtures"
	"partneratlas/resources"
)

// The sample deal export is written by generateSampleDeals below, not by
// hand: TestGenerateSampleDeals fails when resources/sample-deals.csv is not
// what the generator writes, and rewrites it when PARTNERATLAS_WRITE_SAMPLE=1
// is set:
//
//	PARTNERATLAS_WRITE_SAMPLE=1 CGO_ENABLED=0 go test -tags ci -run TestGenerateSampleDeals ./resources/
//
// Its customer accounts are company names from the S&P 500 constituents list,
// importers/testdata/sp500-constituents.csv (datasets/s-and-p-500-companies
// @ 56509dd, data/constituents.csv, licence PDDL; copied byte for byte from
// ../shared/data/accounts, see importers/testdata/README.md). Its partners
// are the 40 sample partners of sample-partners.csv, written the way a CRM
// holds them.

// sampleAccountsFile is the account list the sample's customers come from.
const sampleAccountsFile = "../importers/testdata/sp500-constituents.csv"

// The export: a Salesforce opportunity report ("Export Details", CSV) run on
// sampleExportDay over the two years before it, in US dates.
var (
	sampleFirstDay  = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	sampleExportDay = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
)

// sampleHeader is the report's header, as Salesforce names the columns.
var sampleHeader = []string{"Opportunity ID", "Opportunity Name", "Account Name", "Stage", "Amount Currency", "Amount",
	"Created Date", "Close Date", "Type", "Lead Source", "Opportunity Owner", "Primary Partner", "Influencing Partners",
	"Contract Term (Months)"}

// The Salesforce values the sample writes.
const (
	typeNew       = "New Business"
	typeUpsell    = "Existing Business - Upsell"
	typeRenewal   = "Renewal"
	typeDowngrade = "Existing Business - Downgrade"
	typeChurn     = "Churn"

	stageWon  = "Closed Won"
	stageLost = "Closed Lost"
)

// openStages are Salesforce's default open stages, in the order a deal
// moves through them.
var openStages = []string{"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"}

// Outcomes of a sample deal, as the generator decides them.
type sampleOutcome int

const (
	outcomeOpen sampleOutcome = iota
	outcomeWon
	outcomeLost
)

// Categories of a sample deal, as the attribution rules will put it: sourced
// when it names a sourcing partner (or names one partner and its lead source
// says partner), influenced only when it names partners but none sourcing.
type sampleCategory int

const (
	categoryNone sampleCategory = iota
	categorySourced
	categoryInfluenced
)

// samplePartner is a sample partner as the generator sees it: how likely it
// is to source or influence a deal, from its type and its criteria values in
// sample-partners.csv.
type samplePartner struct {
	Name string
	Kind string  // channel, technology, service, marketplace, influencer
	Fit  float64 // mean of the criteria values given, 1–5
	// sources and influences weigh how often the partner sources or
	// influences a deal: the kind's propensity times Fit to the fourth, so
	// the strongest partners bring most of the deals.
	sources, influences float64
	// writtenAs is how the CRM writes the partner on one deal in every
	// (see sampleWritten).
	writtenAs string
	every     int
}

// sampleKinds give, per word of the Partner Type column, the kind of partner
// and how likely it is to source and to influence a deal.
var sampleKinds = map[string]struct {
	kind                string
	sources, influences float64
}{
	"reseller": {"channel", 1.0, 0.2}, "var": {"channel", 1.0, 0.2}, "distributor": {"channel", 0.8, 0.1},
	"si": {"service", 0.7, 0.8}, "consultancy": {"service", 0.6, 0.9}, "agency": {"service", 0.4, 0.6},
	"integration": {"technology", 0.25, 1.0}, "isv": {"technology", 0.3, 0.9}, "technology": {"technology", 0.2, 0.9},
	"cloud marketplace": {"marketplace", 0.7, 0.2}, "app store": {"marketplace", 0.5, 0.3}, "marketplace": {"marketplace", 0.5, 0.3},
	"community": {"influencer", 0, 0.8}, "analyst": {"influencer", 0, 0.9}, "podcast": {"influencer", 0, 0.5}, "creator": {"influencer", 0, 0.5},
}

// sampleWritten are the partners the CRM writes otherwise on some deals,
// and on one deal in how many, starting with the first. The legal forms
// still match once normalised; the misspelling and the short name match no
// partner (unmatched) and get a "did you mean".
var sampleWritten = map[string]struct {
	as        string
	every     int
	unmatched bool
}{
	"Cobalt CRM":                      {"Cobalt CRM, Inc.", 4, false},
	"Brightline Data":                 {"Brightline Data Inc.", 3, false},
	"Helix Consulting":                {"Helix Consulting LLC", 4, false},
	"Meridian Distribution":           {"Meridian Distribution Ltd", 2, false},
	"Southern Cross Systems":          {"Southern Cross Systems Pty Ltd", 2, false},
	"Redwood Implementation Partners": {"Redwood Implementation Partners, LLC", 3, false},
	"Keystone Resellers":              {"Keystone Resselers", 4, true},
	"Stackshelf App Store":            {"Stackshelf", 2, true},
}

// sampleUnknown is a reseller that sells Northwind on a few deals but is not
// in the partner list: its name matches no partner.
var sampleUnknown = samplePartner{Name: "Pacific Rim Resellers", Kind: "channel", Fit: 3.25, sources: 3.25 * 3.25 * 3.25 * 3.25}

// sampleOwners are Northwind's account executives; each account has one.
var sampleOwners = []string{"Ana Ruiz", "Ben Ito", "Chloe Martin", "Dev Patel", "Erin Walsh", "Femi Adeyemi", "Grace Lindholm"}

// sampleProducts name the new-business deals.
var sampleProducts = []string{"Platform", "Embedded", "Self-serve BI", "Finance BI", "Rollout", "Pilot",
	"Sales BI", "Dashboards", "Data hub", "Ops BI"}

// sampleDeal is one opportunity of the sample export, with what the
// generator knows of it: its outcome, category and annual value.
type sampleDeal struct {
	ID, Name, Account, Stage, Type, LeadSource, Owner string
	Created, Closed                                   time.Time
	Amount, ACV                                       float64
	Term                                              int
	Primary                                           string   // as written
	Influencers                                       []string // as written
	Outcome                                           sampleOutcome
	Category                                          sampleCategory
	// Partners are the sample partners attached (the unknown reseller as
	// itself), the sourcing one first when there is one.
	Partners []*samplePartner
	account  *sampleAccount
}

// Sale says whether the deal sells: all but churn and downgrade.
func (d *sampleDeal) Sale() bool { return d.Type != typeChurn && d.Type != typeDowngrade }

// row writes the deal as the report does.
func (d *sampleDeal) row() []string {
	return []string{d.ID, d.Name, d.Account, d.Stage, "USD", usd(d.Amount), usDate(d.Created), usDate(d.Closed), d.Type,
		d.LeadSource, d.Owner, d.Primary, strings.Join(d.Influencers, "; "), strconv.Itoa(d.Term)}
}

// sampleExport is the generated export and the generator's own books.
type sampleExport struct {
	CSV   []byte
	Deals []*sampleDeal
	// Unmatched counts the deals that carry each partner name matching no
	// partner of the sample.
	Unmatched map[string]int
}

// sampleAccount is a customer account.
type sampleAccount struct {
	Name  string
	Owner string
	Size  float64 // multiplies the account's deal sizes
	// Partnered says a partner sourced or influenced some of the
	// account's new business.
	Partnered bool
}

// generateSampleDeals writes the sample deal export: new business over two
// years, growing, with partners attached to about a third of it; for each
// new customer, upsells, and renewals at the end of each term, some lost
// (churn) or renewed smaller (downgrade). Partner deals win more often, are
// larger and close faster, the more so the better the partner fits; partner
// customers expand more and churn less.
func generateSampleDeals(accountNames []string, partners []*samplePartner) *sampleExport {
	r := rand.New(rand.NewPCG(2026, 9))
	g := &sampleGenerator{r: r, partners: partners, unmatched: map[string]int{}, carried: map[string]float64{},
		decks: map[string][]float64{}, mentions: map[string]int{}}
	unknown := sampleUnknown
	g.sourcing = append(slices.Clone(partners), &unknown)

	names := slices.Clone(accountNames)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	names = names[:200]
	for _, n := range names {
		g.accounts = append(g.accounts, &sampleAccount{Name: n, Owner: sampleOwners[r.IntN(len(sampleOwners))],
			Size: math.Exp(r.NormFloat64() * 0.25)})
	}
	span := sampleExportDay.Sub(sampleFirstDay).Hours() / 24
	for range 490 {
		// More new business each month: the density of creation days
		// rises over the two years.
		day := int(span * math.Pow(r.Float64(), 0.8))
		g.newBusiness(g.accounts[r.IntN(len(g.accounts))], sampleFirstDay.AddDate(0, 0, day), float64(day)/span)
	}
	// Then what follows each new customer, which depends on whether the
	// account works with partners at all.
	newBusiness := slices.Clone(g.deals)
	for _, d := range newBusiness {
		if d.Category != categoryNone {
			d.account.Partnered = true
		}
	}
	for _, d := range newBusiness {
		if d.Outcome == outcomeWon {
			g.customer(d.account, d)
		}
	}
	slices.SortStableFunc(g.deals, func(a, b *sampleDeal) int { return a.Created.Compare(b.Created) })
	for i, d := range g.deals {
		d.ID = sampleID(i)
		for _, n := range append([]string{d.Primary}, d.Influencers...) {
			if n != "" && g.isUnmatched(n) {
				g.unmatched[n]++
			}
		}
	}
	rows := [][]string{sampleHeader}
	for _, d := range g.deals {
		rows = append(rows, d.row())
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		panic(err) // a bytes.Buffer takes every write
	}
	return &sampleExport{CSV: buf.Bytes(), Deals: g.deals, Unmatched: g.unmatched}
}

// sampleGenerator holds the generator's state.
type sampleGenerator struct {
	r         *rand.Rand
	partners  []*samplePartner
	sourcing  []*samplePartner // the partners and the unknown reseller
	accounts  []*sampleAccount
	deals     []*sampleDeal
	unmatched map[string]int
	carried   map[string]float64   // the odds carried over (see settle)
	decks     map[string][]float64 // see draw
	mentions  map[string]int       // how many deals name each partner so far (see write)
}

// isUnmatched says whether a name as written matches no sample partner.
func (g *sampleGenerator) isUnmatched(name string) bool {
	if name == sampleUnknown.Name {
		return true
	}
	for _, w := range sampleWritten {
		if w.as == name {
			return w.unmatched
		}
	}
	return false
}

// pick chooses a partner from list by weight, leaving out those in not.
func (g *sampleGenerator) pick(list []*samplePartner, weight func(*samplePartner) float64, not []*samplePartner) *samplePartner {
	total := 0.0
	for _, p := range list {
		if !slices.Contains(not, p) {
			total += weight(p)
		}
	}
	x := g.r.Float64() * total
	for _, p := range list {
		if slices.Contains(not, p) {
			continue
		}
		if x -= weight(p); x < 0 {
			return p
		}
	}
	return list[len(list)-1]
}

// write is how the CRM writes partner p on one deal.
func (g *sampleGenerator) write(p *samplePartner) string {
	n := g.mentions[p.Name]
	g.mentions[p.Name]++
	if p.writtenAs != "" && n%p.every == 0 {
		return p.writtenAs
	}
	return p.Name
}

// roundTo rounds x to a multiple of step, at least step.
func roundTo(x, step float64) float64 { return max(step, math.Round(x/step)*step) }

// cycleDays draws the sales cycle of deal d around median days.
func (g *sampleGenerator) cycleDays(d *sampleDeal, median float64) int {
	x := g.draw(fmt.Sprint("cycle ", d.Type, d.Category), normalCards)
	return int(min(360, max(12, math.Round(median*math.Exp(x*0.4)))))
}

// settle sets a deal's close date, stage and outcome: the deal closes cycle
// days after creation, won with probability win; one that would close after
// the export is still open, at the stage its progress reaches, with its
// expected close date. The draws carry over from deal to deal of one type,
// category and odds (to a tenth), so that each wins its odds on a few dozen
// deals instead of drifting with the seed.
func (g *sampleGenerator) settle(d *sampleDeal, cycle int, win float64) {
	d.Closed = d.Created.AddDate(0, 0, cycle)
	if d.Closed.After(sampleExportDay) {
		done := sampleExportDay.Sub(d.Created).Hours() / 24 / float64(cycle)
		d.Outcome, d.Stage = outcomeOpen, openStages[min(len(openStages)-1, int(done*float64(len(openStages))))]
		return
	}
	side := fmt.Sprint(d.Type, d.Category, int(win*10))
	g.carried[side] += win
	if threshold := 1 - g.r.Float64(); g.carried[side] >= threshold {
		g.carried[side]--
		d.Outcome, d.Stage = outcomeWon, stageWon
	} else {
		d.Outcome, d.Stage = outcomeLost, stageLost
	}
}

// attach writes the partners of a deal and its category: src sources it
// (nil: none), infl influence it.
func (g *sampleGenerator) attach(d *sampleDeal, src *samplePartner, infl []*samplePartner) {
	switch {
	case src != nil && len(infl) == 0 && src.Kind != "marketplace" && g.r.Float64() < 0.1:
		// Some reps leave Primary Partner empty and type the partner
		// under Influencing Partners; the lead source still says partner.
		d.Influencers = []string{g.write(src)}
		d.LeadSource = "Partner Referral"
	case src != nil:
		d.Primary = g.write(src)
		d.LeadSource = "Partner Referral"
		if src.Kind == "marketplace" {
			d.LeadSource = "Marketplace"
		}
	}
	for _, p := range infl {
		d.Influencers = append(d.Influencers, g.write(p))
	}
	if src != nil {
		d.Partners = append(d.Partners, src)
		d.Category = categorySourced
	} else if len(infl) > 0 {
		d.Category = categoryInfluenced
	}
	d.Partners = append(d.Partners, infl...)
}

// leadSource is the lead source of a deal no partner sourced: none of these
// says partner, so a single influencer stays an influencer.
func (g *sampleGenerator) leadSource() string {
	x := g.r.Float64()
	switch {
	case x < 0.35:
		return "Web"
	case x < 0.55:
		return "Outbound"
	case x < 0.7:
		return "Webinar"
	case x < 0.82:
		return "Trade Show"
	case x < 0.92:
		return "Phone Inquiry"
	}
	return "Advertisement"
}

// draw deals the next card of the deck named name, shuffling a fresh deck
// made by fill when it is empty. Drawing sizes and terms from decks
// instead of one by one keeps each kind of deal near the shape the
// parameters give it, so a few dozen deals tell the story the parameters
// intend whatever the seed.
func (g *sampleGenerator) draw(name string, fill func() []float64) float64 {
	d := g.decks[name]
	if len(d) == 0 {
		d = fill()
		g.r.Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
	}
	g.decks[name] = d[1:]
	return d[0]
}

// termCards are contract terms in months: 65% one year, 20% two, 15% three.
func termCards() []float64 {
	var c []float64
	for k := range 20 {
		c = append(c, float64(12*(1+min(1, k/13)+min(1, k/17))))
	}
	return c
}

// normalCards are 24 standard normal values spread evenly by probability.
func normalCards() []float64 {
	var c []float64
	for k := range 24 {
		c = append(c, math.Sqrt2*math.Erfinv(2*(float64(k)+0.5)/24-1))
	}
	return c
}

// newBusiness adds a new-business deal on account a created on day, at
// progress 0–1 through the two years (partners are attached more often as
// the ecosystem grows).
func (g *sampleGenerator) newBusiness(a *sampleAccount, day time.Time, progress float64) {
	d := &sampleDeal{Account: a.Name, Owner: a.Owner, Type: typeNew, Created: day, account: a,
		Name: a.Name + " - " + sampleProducts[g.r.IntN(len(sampleProducts))]}
	var src *samplePartner
	var infl []*samplePartner
	if g.r.Float64() < 0.25+0.18*progress {
		if g.r.Float64() < 0.62 {
			src = g.pick(g.sourcing, func(p *samplePartner) float64 { return p.sources }, nil)
			switch x := g.r.Float64(); {
			case x < 0.08:
				infl = append(infl, g.pick(g.partners, influence, []*samplePartner{src}))
				fallthrough
			case x < 0.32:
				infl = append(infl, g.pick(g.partners, influence, append([]*samplePartner{src}, infl...)))
			}
		} else {
			infl = append(infl, g.pick(g.partners, influence, nil))
			if g.r.Float64() < 0.25 {
				infl = append(infl, g.pick(g.partners, influence, infl))
			}
		}
	}
	g.attach(d, src, infl)
	if d.LeadSource == "" {
		d.LeadSource = g.leadSource()
	}
	// The fit of the deal's partners drives its size, odds and speed: the
	// sourcing partner's fully, an influencer's half.
	fit := 0.0
	switch {
	case src != nil:
		fit = src.Fit
	case len(infl) > 0:
		fit = 1.5 + infl[0].Fit/2
	}
	win, cycle, size := 0.24, 95.0, 1.0
	if fit > 0 {
		win, cycle, size = 0.08+0.08*fit, 90-5*fit, 0.85+0.07*fit
	}
	g.settle(d, g.cycleDays(d, cycle), win)
	// Terms and sizes are drawn from decks per category and outcome, so
	// that the deals won on each side have the shape the parameters give.
	side := fmt.Sprint(d.Category, d.Outcome)
	d.Term = int(g.draw("term "+side, termCards))
	d.ACV = roundTo(28000*a.Size*size*math.Exp(g.draw("size "+side, normalCards)*0.4), 500)
	d.Amount = d.ACV * float64(d.Term) / 12
	g.deals = append(g.deals, d)
}

// influence weighs how often a partner influences a deal.
func influence(p *samplePartner) float64 { return p.influences }

// customer adds what follows a won new-business deal nb on account a:
// upsells in each term's first year, then a renewal at the end of each term
// until the export, lost (churn) or renewed smaller (downgrade) now and
// then. Accounts that work with partners expand more and churn less.
func (g *sampleGenerator) customer(a *sampleAccount, nb *sampleDeal) {
	resold := nb.Category == categorySourced &&
		(nb.Partners[0].Kind == "channel" || nb.Partners[0].Kind == "marketplace")
	expand, churn, shrink := 0.35, 0.25, 0.2
	if a.Partnered {
		expand, churn, shrink = 0.6, 0.1, 0.1
	}
	arr := nb.ACV
	start, months := nb.Closed, nb.Term
	for {
		end := start.AddDate(0, months, 0)
		// Upsells in this term's first year.
		for k := 0; k < 2 && g.r.Float64() < expand/float64(k+1); k++ {
			created := start.AddDate(0, 0, 45+g.r.IntN(200))
			if created.After(sampleExportDay) {
				break
			}
			up := &sampleDeal{Account: a.Name, Owner: a.Owner, Type: typeUpsell, Created: created, Term: 12,
				Name: fmt.Sprintf("%s - Upsell: %d seats", a.Name, 10*(2+g.r.IntN(14))), LeadSource: "Existing Customer"}
			up.ACV = roundTo(arr*(0.15+0.35*g.r.Float64()), 500)
			up.Amount = up.ACV
			g.carry(up, nb, resold)
			win := 0.5
			if up.Category != categoryNone {
				win = 0.64
			}
			g.settle(up, g.cycleDays(up, 42), win)
			g.deals = append(g.deals, up)
			if up.Outcome == outcomeWon {
				arr += up.ACV
			}
		}
		created := end.AddDate(0, 0, -(55 + g.r.IntN(50)))
		if created.After(sampleExportDay) {
			return
		}
		rn := &sampleDeal{Account: a.Name, Owner: a.Owner, Type: typeRenewal, Created: created, Term: 12,
			Name: fmt.Sprintf("%s - Renewal %d", a.Name, end.Year()), LeadSource: "Existing Customer", ACV: arr}
		g.carry(rn, nb, resold)
		rn.Closed = end.AddDate(0, 0, -g.r.IntN(20))
		if rn.Closed.After(sampleExportDay) {
			rn.Outcome, rn.Stage, rn.Closed = outcomeOpen, openStages[3+g.r.IntN(2)], end
			rn.Amount = rn.ACV
			g.deals = append(g.deals, rn)
			return
		}
		switch x := g.r.Float64(); {
		case x < churn:
			// The customer leaves: most often the renewal is lost, now
			// and then the rep books a churn instead.
			if g.r.Float64() < 0.6 {
				rn.Outcome, rn.Stage, rn.Amount = outcomeLost, stageLost, rn.ACV
				g.deals = append(g.deals, rn)
			} else {
				ch := &sampleDeal{Account: a.Name, Owner: a.Owner, Type: typeChurn, Created: rn.Created, Closed: rn.Closed,
					Term: 12, Name: a.Name + " - Churn", LeadSource: "Existing Customer", ACV: arr, Amount: arr,
					Outcome: outcomeLost, Stage: stageLost}
				g.carry(ch, nb, resold)
				g.deals = append(g.deals, ch)
			}
			return
		case x < churn+shrink:
			cut := roundTo(arr*(0.2+0.3*g.r.Float64()), 500)
			dg := &sampleDeal{Account: a.Name, Owner: a.Owner, Type: typeDowngrade, Created: rn.Created, Closed: rn.Closed,
				Term: 12, Name: a.Name + " - Downgrade", LeadSource: "Existing Customer", ACV: cut, Amount: cut,
				Outcome: outcomeWon, Stage: stageWon}
			g.carry(dg, nb, resold)
			g.deals = append(g.deals, dg)
			arr -= cut
			rn.ACV = arr
		default:
			// A price rise of up to 5% at renewal.
			rn.ACV = roundTo(arr*(1+0.05*g.r.Float64()), 100)
			arr = rn.ACV
		}
		rn.Outcome, rn.Stage, rn.Amount = outcomeWon, stageWon, rn.ACV
		g.deals = append(g.deals, rn)
		start, months = end, 12
	}
}

// carry attaches the partners of new-business deal nb to a deal that follows
// it on the same account: a reseller or marketplace that sold the contract
// sells its renewals and most upsells; other partners stay on some upsells.
func (g *sampleGenerator) carry(d *sampleDeal, nb *sampleDeal, resold bool) {
	switch {
	case resold && (d.Type != typeUpsell || g.r.Float64() < 0.8):
		g.attach(d, nb.Partners[0], nil)
	case d.Type == typeUpsell && nb.Category != categoryNone && g.r.Float64() < 0.5:
		p := nb.Partners[len(nb.Partners)-1]
		if p.sources == 0 || p.Kind == "technology" || g.r.Float64() < 0.5 {
			g.attach(d, nil, []*samplePartner{p})
		} else {
			g.attach(d, p, nil)
		}
	case d.Type == typeUpsell && g.r.Float64() < 0.08:
		g.attach(d, nil, []*samplePartner{g.pick(g.partners, influence, nil)})
	}
}

// sampleID is the i-th opportunity's 15-character Salesforce ID.
func sampleID(i int) string {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	n := 7_000_003 + i*7919
	var b [5]byte
	for k := len(b) - 1; k >= 0; k-- {
		b[k] = digits[n%62]
		n /= 62
	}
	return "0068V00001" + string(b[:])
}

// usd writes an amount as a US report does: "45,000.00".
func usd(x float64) string {
	cents := int64(math.Round(x * 100))
	s := strconv.FormatInt(cents/100, 10)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return fmt.Sprintf("%s.%02d", out, cents%100)
}

// usDate writes a date as a US Salesforce report does: 3/14/2026.
func usDate(t time.Time) string { return t.Format("1/2/2006") }

// readSampleAccounts reads the company names of the S&P 500 list, with the
// share class ("Alphabet Inc. (Class A)") taken off and each company once.
func readSampleAccounts(t testing.TB) []string {
	t.Helper()
	rows := fixtures.CSV(t, sampleAccountsFile)
	class := regexp.MustCompile(`\s*\(.*\)$`)
	var names []string
	for _, row := range rows[1:] {
		n := class.ReplaceAllString(row[1], "")
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// readSamplePartners reads the sample partners as the generator sees them,
// from the embedded sample-partners.csv with encoding/csv: kind from the
// first word of Partner Type, fit from the criteria values given.
func readSamplePartners(t testing.TB) []*samplePartner {
	t.Helper()
	rows := fixtures.CSVData(t, resources.SampleFileName, resources.SamplePartnersCSV)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []*samplePartner
	for _, row := range rows[1:] {
		p := &samplePartner{Name: row[col["Partner Name"]]}
		first := strings.ToLower(strings.TrimSpace(strings.Split(row[col["Partner Type"]], ";")[0]))
		k, ok := sampleKinds[first]
		if !ok {
			t.Fatalf("%s: partner type %q of %s is not one the generator knows", resources.SampleFileName, first, p.Name)
		}
		sum, n := 0.0, 0
		for _, c := range []string{"Shared ICP", "Customer Overlap", "Product Alignment", "Revenue Potential"} {
			if v, err := strconv.ParseFloat(row[col[c]], 64); err == nil {
				sum += v
				n++
			}
		}
		p.Kind, p.Fit = k.kind, sum/float64(n)
		p.sources, p.influences = k.sources*math.Pow(p.Fit, 4), k.influences*math.Pow(p.Fit, 4)
		if w, ok := sampleWritten[p.Name]; ok {
			p.writtenAs, p.every = w.as, w.every
		}
		out = append(out, p)
	}
	return out
}

// generatedSample runs the generator on its inputs.
func generatedSample(t testing.TB) *sampleExport {
	return generateSampleDeals(readSampleAccounts(t), readSamplePartners(t))
}

// TestGenerateSampleDeals keeps sample-deals.csv what its generator writes:
// it rewrites the file when PARTNERATLAS_WRITE_SAMPLE=1, else fails when the
// embedded file differs from a fresh run.
func TestGenerateSampleDeals(t *testing.T) {
	x := generatedSample(t)
	if os.Getenv("PARTNERATLAS_WRITE_SAMPLE") == "1" {
		if err := os.WriteFile(resources.SampleDealsFileName, x.CSV, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d deals, %d bytes", resources.SampleDealsFileName, len(x.Deals), len(x.CSV))
		return
	}
	if !bytes.Equal(x.CSV, resources.SampleDealsCSV) {
		t.Errorf("%s is not what its generator writes (%d bytes, generated %d): run PARTNERATLAS_WRITE_SAMPLE=1 go test -run TestGenerateSampleDeals ./resources/",
			resources.SampleDealsFileName, len(resources.SampleDealsCSV), len(x.CSV))
	}
	if again := generatedSample(t); !bytes.Equal(x.CSV, again.CSV) {
		t.Errorf("two runs of the generator write different files")
	}
}

// sampleToday is the day the tests measure the sample on: two days after
// the export, as a user opening the app then would.
var sampleToday = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)

// readSampleDeals imports the embedded sample deals as the app does.
func readSampleDeals(t *testing.T) *importers.DealsResult {
	t.Helper()
	f, err := importers.Open(resources.SampleDealsFileName, resources.SampleDealsCSV, importers.Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", resources.SampleDealsFileName, err)
	}
	defer f.Close()
	res, err := importers.ReadDealList(f, importers.Options{})
	if err != nil {
		t.Fatalf("ReadDealList(%s): %v", resources.SampleDealsFileName, err)
	}
	return res
}

// sampleTypes are the deal types the sample's types mean.
var sampleTypes = map[string]core.DealType{typeNew: core.NewBusiness, typeUpsell: core.Expansion,
	typeRenewal: core.Renewal, typeDowngrade: core.Contraction, typeChurn: core.Churn}

// TestSampleDealsImport imports the sample deals and checks that every deal
// comes out as the generator wrote it, with no problem reported: stages
// known, dates read month first, amounts, terms and partners as written.
func TestSampleDealsImport(t *testing.T) {
	x := generatedSample(t)
	res := readSampleDeals(t)
	for _, p := range res.Problems {
		t.Errorf("problem: %v", p)
	}
	if len(res.Deals) != len(x.Deals) {
		t.Fatalf("ReadDealList read %d deals, want %d", len(res.Deals), len(x.Deals))
	}
	if !slices.Equal(res.Currencies, []string{"USD"}) {
		t.Errorf("Currencies = %v, want [USD]", res.Currencies)
	}
	lateDays := 0
	outcomes := map[sampleOutcome]core.Outcome{outcomeOpen: core.Open, outcomeWon: core.Won, outcomeLost: core.Lost}
	for i, want := range x.Deals {
		got := res.Deals[i]
		if o, known := core.ParseOutcome(got.Stage); !known || o != outcomes[want.Outcome] || got.Outcome != o {
			t.Errorf("deal %s: stage %q reads as %v (known %v), outcome %v, want %v", want.ID, got.Stage, o, known, got.Outcome, outcomes[want.Outcome])
		}
		if got.ID != want.ID || got.Account != want.Account || got.Name != want.Name || got.Owner != want.Owner ||
			got.LeadSource != want.LeadSource || got.Currency != "USD" {
			t.Errorf("deal %d = %q %q %q %q %q %q, want %q %q %q %q %q USD", i, got.ID, got.Account, got.Name, got.Owner,
				got.LeadSource, got.Currency, want.ID, want.Account, want.Name, want.Owner, want.LeadSource)
		}
		if !got.Created.Equal(want.Created) || !got.Closed.Equal(want.Closed) {
			t.Errorf("deal %s dates = %v, %v, want %v, %v", want.ID, got.Created, got.Closed, want.Created, want.Closed)
		}
		if want.Created.Day() > 12 || want.Closed.Day() > 12 {
			lateDays++
		}
		if got.Amount != want.Amount || got.TermMonths != float64(want.Term) || got.ACV() != want.ACV {
			t.Errorf("deal %s amount %v, term %v, ACV %v, want %v, %v, %v", want.ID, got.Amount, got.TermMonths, got.ACV(), want.Amount, want.Term, want.ACV)
		}
		if typ, known := core.ParseDealType(want.Type); !known || got.Type != sampleTypes[want.Type] || typ != got.Type {
			t.Errorf("deal %s type %q reads as %q, want %q", want.ID, want.Type, got.Type, sampleTypes[want.Type])
		}
		if got.Sourced != want.Primary || !slices.Equal(got.Influencers, want.Influencers) {
			t.Errorf("deal %s partners %q + %q, want %q + %q", want.ID, got.Sourced, got.Influencers, want.Primary, want.Influencers)
		}
	}
	if lateDays == 0 {
		t.Errorf("no date has a day after the 12th: the dates' order would be ambiguous")
	}
}

// sampleFigures are the figures the generator's books give for a set of
// deals.
type sampleFigures struct {
	Deals, Won, Lost, Open int
	Revenue, Pipeline      float64
}

func (f *sampleFigures) add(d *sampleDeal) {
	f.Deals++
	switch d.Outcome {
	case outcomeWon:
		f.Won++
		f.Revenue += d.Amount
	case outcomeLost:
		f.Lost++
	default:
		f.Open++
		f.Pipeline += d.Amount
	}
}

func (f sampleFigures) winRate() float64 { return float64(f.Won) / float64(f.Won+f.Lost) }

// sampleNRR works out net revenue retention from the generator's books,
// over all time, as the issue defines it: starting ARR is the annual value
// of the new business won, expansion that of the upsells won, contraction
// that of the downgrades, churn that of the churns and lost renewals; a
// partner account is one with a deal that names a partner.
func sampleNRR(deals []*sampleDeal) (partner, other core.NRR) {
	type flows struct {
		start, exp, contr, churn float64
		partner                  bool
	}
	accounts := map[string]*flows{}
	var order []string
	for _, d := range deals {
		f := accounts[d.Account]
		if f == nil {
			f = &flows{}
			accounts[d.Account] = f
			order = append(order, d.Account)
		}
		f.partner = f.partner || d.Category != categoryNone
		switch {
		case d.Type == typeNew && d.Outcome == outcomeWon:
			f.start += d.ACV
		case d.Type == typeUpsell && d.Outcome == outcomeWon:
			f.exp += d.ACV
		case d.Type == typeDowngrade:
			f.contr += d.ACV
		case d.Type == typeChurn || (d.Type == typeRenewal && d.Outcome == outcomeLost):
			f.churn += d.ACV
		}
	}
	for _, a := range order {
		f := accounts[a]
		if f.start == 0 {
			continue
		}
		n := &other
		if f.partner {
			n = &partner
		}
		// An account cannot lose more than it had: price rises at renewal
		// are no expansion, so a churned account may seem to.
		contr := min(f.contr, f.start+f.exp)
		n.Accounts++
		n.Start += f.start
		n.Expansion += f.exp
		n.Contraction += contr
		n.Churn += min(f.churn, f.start+f.exp-contr)
	}
	for _, n := range []*core.NRR{&partner, &other} {
		n.Rate = (n.Start + n.Expansion - n.Contraction - n.Churn) / n.Start
	}
	return partner, other
}

// TestSampleDealsMeasure builds the sample ecosystem as the app does on
// first start, adds the sample deals and checks the dashboard's figures
// against the generator's books: the split of the deals, the win rates, net
// revenue retention, the names that match no partner, and the Measurement
// stage the data supports.
func TestSampleDealsMeasure(t *testing.T) {
	x := generatedSample(t)
	src, err := planbook.ReadData(resources.SampleFileName, resources.SamplePartnersCSV, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := planbook.Assemble([]*planbook.Source{src}, sampleToday).Ecosystem
	e.AddDeals(resources.SampleDealsFileName, readSampleDeals(t).Deals)
	ev := e.Evaluate()
	m := e.Measure(ev, sampleToday)
	if m == nil {
		t.Fatal("Measure = nil, want the sample's figures")
	}

	var all, sourced, influenced, none sampleFigures
	notSales := 0
	for _, d := range x.Deals {
		if !d.Sale() {
			notSales++
			continue
		}
		all.add(d)
		map[sampleCategory]*sampleFigures{categorySourced: &sourced, categoryInfluenced: &influenced, categoryNone: &none}[d.Category].add(d)
	}
	if m.Deals != len(x.Deals) || m.NotSales != notSales || m.Outside != 0 {
		t.Errorf("Measure: %d deals, %d not sales, %d outside the window; want %d, %d, 0", m.Deals, m.NotSales, m.Outside, len(x.Deals), notSales)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*max(1, math.Abs(b)) }
	for _, c := range []struct {
		name string
		got  core.Figures
		want sampleFigures
	}{{"all", m.All, all}, {"sourced", m.Sourced, sourced}, {"influenced only", m.InfluencedOnly, influenced}, {"no partner", m.NoPartner, none}} {
		g := c.got
		if g.Deals != c.want.Deals || g.Won != c.want.Won || g.Lost != c.want.Lost || g.Open != c.want.Open ||
			!near(g.Revenue, c.want.Revenue) || !near(g.Pipeline, c.want.Pipeline) {
			t.Errorf("%s = %d deals (%d won, %d lost, %d open), revenue %.2f, pipeline %.2f; want %+v",
				c.name, g.Deals, g.Won, g.Lost, g.Open, g.Revenue, g.Pipeline, c.want)
		}
	}
	if s := m.Sourced.Deals + m.InfluencedOnly.Deals + m.NoPartner.Deals; s != m.All.Deals {
		t.Errorf("sourced + influenced only + no partner = %d deals, all = %d", s, m.All.Deals)
	}
	withPartner := sampleFigures{Won: sourced.Won + influenced.Won, Lost: sourced.Lost + influenced.Lost}
	if withPartner.winRate() <= none.winRate() {
		t.Errorf("win rate with partners %.3f, without %.3f: the sample should show partner deals winning more", withPartner.winRate(), none.winRate())
	}
	if got := float64(m.Sourced.Won+m.InfluencedOnly.Won) / float64(m.Sourced.Won+m.InfluencedOnly.Won+m.Sourced.Lost+m.InfluencedOnly.Lost); !near(got, withPartner.winRate()) || !near(m.NoPartner.WinRate, none.winRate()) {
		t.Errorf("win rates with and without partners = %.4f, %.4f, want %.4f, %.4f", got, m.NoPartner.WinRate, withPartner.winRate(), none.winRate())
	}
	if !(m.Lift.DealSize > 1) || !(m.Lift.CycleDays > 0) {
		t.Errorf("Lift = %+v: the sample should show partner deals larger and faster", m.Lift)
	}

	wantPartner, wantOther := sampleNRR(x.Deals)
	for _, c := range []struct {
		name      string
		got, want core.NRR
	}{{"partner", m.Retention.Partner, wantPartner}, {"other", m.Retention.Other, wantOther}} {
		if math.IsNaN(c.got.Rate) || !near(c.got.Rate, c.want.Rate) || c.got.Accounts != c.want.Accounts || !near(c.got.Start, c.want.Start) ||
			!near(c.got.Expansion, c.want.Expansion) || !near(c.got.Contraction, c.want.Contraction) || !near(c.got.Churn, c.want.Churn) {
			t.Errorf("Retention.%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if !(m.Retention.Partner.Rate > m.Retention.Other.Rate) {
		t.Errorf("NRR of partner accounts %.3f, of the others %.3f: the sample should show partner accounts retaining more",
			m.Retention.Partner.Rate, m.Retention.Other.Rate)
	}

	suggestions := map[string]string{"Keystone Resselers": "Keystone Resellers", "Stackshelf": "Stackshelf App Store", sampleUnknown.Name: ""}
	got := map[string]int{}
	for _, u := range m.Unmatched {
		got[u.Name] = u.Deals
		if s, ok := suggestions[u.Name]; !ok || u.Suggestion != s {
			t.Errorf("unmatched %q suggests %q, want %q", u.Name, u.Suggestion, s)
		}
	}
	if len(got) != len(suggestions) || !maps.Equal(got, x.Unmatched) {
		t.Errorf("Unmatched = %v, want %v", got, x.Unmatched)
	}

	// Per partner, each tier brings more than the tier below it.
	perPartner := func(tier core.Tier) float64 {
		y := m.Backtest.Tiers[tier]
		return y.Revenue / float64(y.Partners)
	}
	for k := 1; k < len(core.Tiers); k++ {
		if hi, lo := perPartner(core.Tiers[k-1]), perPartner(core.Tiers[k]); !(hi > lo) {
			t.Errorf("revenue per partner: %s %.0f, %s %.0f: the sample's higher tiers should bring more", core.Tiers[k-1], hi, core.Tiers[k], lo)
		}
	}
	if !(m.Backtest.RankCorrelation >= 0.5) {
		t.Errorf("Backtest.RankCorrelation = %.2f: the sample's best-scored partners should bring the most", m.Backtest.RankCorrelation)
	}
	for _, a := range e.AssessMaturity(ev) {
		if a.Dimension == core.Measurement && a.Proposed != core.Strategic {
			t.Errorf("Measurement proposed %v (%s), want %v", a.Proposed, a.Evidence, core.Strategic)
		}
	}

	t.Logf("%d deals (%d sales, %d churn or downgrade): sourced %+v; influenced only %+v; no partner %+v",
		len(x.Deals), all.Deals, notSales, sourced, influenced, none)
	t.Logf("win rate with partners %.1f%%, without %.1f%%; lift %+v; attach rate %.1f%%",
		100*withPartner.winRate(), 100*none.winRate(), m.Lift, 100*m.AttachRate)
	t.Logf("revenue %.0f (sourced %.0f, influenced only %.0f, no partner %.0f); pipeline %.0f",
		m.All.Revenue, m.Sourced.Revenue, m.InfluencedOnly.Revenue, m.NoPartner.Revenue, m.All.Pipeline)
	t.Logf("average won deal: sourced %.0f, influenced %.0f, none %.0f; median cycle: all %.0f, none %.0f",
		m.Sourced.AverageWonDeal, m.InfluencedOnly.AverageWonDeal, m.NoPartner.AverageWonDeal, m.All.MedianCycleDays, m.NoPartner.MedianCycleDays)
	t.Logf("NRR partner %+v; other %+v", m.Retention.Partner, m.Retention.Other)
	t.Logf("backtest: ρ %.2f; tiers %+v; unmatched %+v", m.Backtest.RankCorrelation, m.Backtest.Tiers, m.Unmatched)
	for _, tier := range core.Tiers {
		if f := m.Tiers[tier]; f != nil {
			t.Logf("%s: sourced %d deals (%d won, win rate %.2f, average won %.0f, revenue %.0f); influenced %d deals (revenue %.0f)", tier,
				f.Sourced.Deals, f.Sourced.Won, f.Sourced.WinRate, f.Sourced.AverageWonDeal, f.Sourced.Revenue, f.Influenced.Deals, f.Influenced.Revenue)
		}
	}
	for _, a := range e.AssessMaturity(ev) {
		if a.Dimension == core.Measurement {
			t.Logf("Measurement: %v: %s", a.Proposed, a.Evidence)
		}
	}
}
