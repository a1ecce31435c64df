package core

import "fmt"

// PlayType is the kind of work a play does with partners.
type PlayType string

// The four play types of DESIGN.md.
const (
	Engagement  PlayType = "Engagement"
	Enablement  PlayType = "Enablement"
	CoMarketing PlayType = "Co-marketing"
	CoSell      PlayType = "Co-sell"
)

// PlayTypes lists the play types in the order the app shows them.
var PlayTypes = []PlayType{Engagement, Enablement, CoMarketing, CoSell}

// ParsePlayType reads a play type as people write it.
func ParsePlayType(s string) (PlayType, bool) {
	switch foldWord(s) {
	case "engagement", "engage", "relationship":
		return Engagement, true
	case "enablement", "enable", "training":
		return Enablement, true
	case "comarketing", "marketing", "jointmarketing":
		return CoMarketing, true
	case "cosell", "coselling", "sell", "jointselling":
		return CoSell, true
	}
	return "", false
}

// Play is one program element that runs for the partners of a segment (a
// role) in a tier.
type Play struct {
	Role    Role
	Tier    Tier
	Type    PlayType
	Name    string
	Owner   string
	Cadence string
	KPI     string
}

// Validate says what a play lacks, in words for the user.
func (p Play) Validate() error {
	switch {
	case !p.Role.Valid():
		return fmt.Errorf("a play needs a segment (one of the five roles)")
	case !p.Tier.Valid():
		return fmt.Errorf("play %q needs a tier", p.Name)
	case p.Type == "":
		return fmt.Errorf("play %q needs a type", p.Name)
	case p.Name == "":
		return fmt.Errorf("a play needs a name")
	}
	return nil
}

// PlaysFor returns the plays that run for a role in a tier.
func PlaysFor(plays []Play, r Role, t Tier) []Play {
	var out []Play
	for _, p := range plays {
		if p.Role == r && p.Tier == t {
			out = append(out, p)
		}
	}
	return out
}

// playIdea is what a play does for one role and type; the tier sets how
// often and how deeply it runs.
type playIdea struct{ name, owner, kpi string }

// playIdeas holds, per role and play type, the play a partner team usually
// runs. Tier 1 runs it in full, Tier 2 lighter, Tier 3 self-serve.
var playIdeas = map[Role]map[PlayType]playIdea{
	Technology: {
		Engagement:  {"Joint product roadmap review", "Partner manager", "Integration roadmap items agreed"},
		Enablement:  {"Integration build support and certification", "Partner engineering", "Certified integrations live"},
		CoMarketing: {"Integration launch and joint content", "Partner marketing", "Integration page visits and installs"},
		CoSell:      {"Account mapping and joint opportunities", "Partner sales", "Co-sold pipeline"},
	},
	Channel: {
		Engagement:  {"Business plan and pipeline review", "Channel manager", "Partner-sourced pipeline against plan"},
		Enablement:  {"Sales and technical certification", "Partner enablement", "Certified sellers"},
		CoMarketing: {"Market development funds and campaigns", "Partner marketing", "Leads from partner campaigns"},
		CoSell:      {"Deal registration and joint pursuit", "Channel sales", "Registered deals won"},
	},
	Service: {
		Engagement:  {"Practice review with delivery leads", "Partner manager", "Implementations delivered"},
		Enablement:  {"Implementation methodology and certification", "Partner enablement", "Certified consultants"},
		CoMarketing: {"Customer stories and joint webinars", "Partner marketing", "Published case studies"},
		CoSell:      {"Services attached to new deals", "Partner sales", "Deals with a services partner attached"},
	},
	Marketplace: {
		Engagement:  {"Marketplace account and listing review", "Marketplace lead", "Listing conversion rate"},
		Enablement:  {"Private offers and procurement training", "Sales operations", "Private offers issued"},
		CoMarketing: {"Marketplace featured placement and campaigns", "Partner marketing", "Listing views and trials"},
		CoSell:      {"Co-sell with marketplace account teams", "Partner sales", "Marketplace-transacted revenue"},
	},
	Influencer: {
		Engagement:  {"Briefings and early access", "Partner marketing", "Briefings held"},
		Enablement:  {"Product training and demo environment", "Developer relations", "Accurate mentions of the product"},
		CoMarketing: {"Sponsored content and community events", "Partner marketing", "Audience reached and leads"},
		CoSell:      {"Referral link and introductions", "Partner sales", "Influenced pipeline"},
	},
}

// tierCadence is how often each play type runs in a tier.
var tierCadence = map[Tier]map[PlayType]string{
	Tier1: {Engagement: "Monthly", Enablement: "Quarterly", CoMarketing: "Quarterly", CoSell: "Weekly"},
	Tier2: {Engagement: "Quarterly", Enablement: "Twice a year", CoMarketing: "Twice a year", CoSell: "Monthly"},
	Tier3: {Engagement: "Twice a year", Enablement: "On demand (self-serve)", CoMarketing: "Yearly", CoSell: "On request"},
}

// tierPrefix says how deep a play runs in a tier.
var tierPrefix = map[Tier]string{Tier1: "", Tier2: "", Tier3: "Self-serve: "}

// DefaultPlays is the starting play library: for every role in Tier 1, 2 and
// 3 one play of each type, and for Monitor one engagement play per role (a
// review at the next cycle), since watched partners need no program yet.
func DefaultPlays() []Play {
	var plays []Play
	for _, t := range []Tier{Tier1, Tier2, Tier3} {
		for _, r := range Roles {
			for _, pt := range PlayTypes {
				idea := playIdeas[r][pt]
				name := tierPrefix[t] + idea.name
				if t == Tier1 && pt == Engagement {
					name += " with an executive sponsor"
				}
				plays = append(plays, Play{Role: r, Tier: t, Type: pt, Name: name,
					Owner: idea.owner, Cadence: tierCadence[t][pt], KPI: idea.kpi})
			}
		}
	}
	for _, r := range Roles {
		plays = append(plays, Play{Role: r, Tier: Monitor, Type: Engagement,
			Name: "Watch-list check at the ecosystem review", Owner: "Partner manager",
			Cadence: "Twice a year", KPI: "Partners promoted or retired"})
	}
	return plays
}
