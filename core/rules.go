package core

// MeasurementRules are the rules by which deals are attributed and
// measured, in words: the app shows them beside the figures and the
// workbook writes them on its Measurement sheet, so both say the same.
// fromRevenueFile says net revenue retention comes from an account revenue
// file rather than from the deals' types. The credit model and the window
// are the user's choices and are said apart (CreditModel.Explain,
// Window.Label).
func MeasurementRules(fromRevenueFile bool) []string {
	nrr := "NRR = (starting ARR + expansion - contraction - churn) ÷ starting ARR, from the deals' types: the ACV of new business won before the window is an account's starting ARR; expansion won, and contraction, churn and lost renewals closed in the window move it. Partner accounts are those with a deal a partner sourced or influenced."
	if fromRevenueFile {
		nrr = "NRR = (starting ARR + expansion - contraction - churn) ÷ starting ARR, from the account revenue file: each account's ARR at the window's start (its last figure on or before it) against its ARR at the end. Partner accounts are those with a deal a partner sourced or influenced."
	}
	return []string{
		"A deal is sourced by its sourcing partner, or, when it names none but its lead source says partner, by the one partner attached; it is influenced by every other partner attached to it. One deal can be sourced by one partner and influenced by others.",
		"The totals count every deal once, in one of sourced, influenced only (partners attached, none sourcing) and no partner: the three add up to all deals.",
		"Won and lost deals count by their close date, open deals (the pipeline) by their creation date. Churn and contraction deals count in net revenue retention only, not in pipeline, revenue or win rates.",
		"Pipeline: the amounts of the open deals. Revenue: the amounts of the won deals. Win rate = won ÷ (won + lost). Median cycle: the days from creation to close of the won deals. ACV: the amount ÷ the contract's years where its term is known, else the amount.",
		nrr,
		"A segment (role or tier) sources a deal its sourcing partner belongs to and influences a deal one of its partners influences, once however many of them; its pipeline and revenue are its partners' credits.",
		"Partners on a deal are matched with the ecosystem's by name (case, accents and legal forms such as Inc or GmbH set aside) or by web domain. A name that matches no partner still counts as a partner on its deals, for no partner of the ecosystem, until it is fixed.",
	}
}
