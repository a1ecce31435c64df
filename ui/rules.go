package ui

import (
	"fmt"
	"slices"
	"strings"

	"partneratlas/core"
)

// rulesText says in words, as markdown, how the deals are attributed and
// measured: the rules core applies, the credit model and window chosen, the
// formulas of the figures, what the figures leave out (from m, the last
// measure, when there is one) and the partner names the user fixed.
func (s *activateScreen) rulesText(m *measured) string {
	b := s.ws.ecosystem().Deals
	if b == nil {
		return ""
	}
	today := s.ws.today()
	var md strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&md, "- "+format+"\n", args...) }
	fromFile := m != nil && m.impact.Retention.FromRevenueFile
	rules := core.MeasurementRules(fromFile)
	md.WriteString("### Your choices\n\n")
	line("Credit model: **%s**. %s", b.Model, b.Model.Explain())
	line("Window: **%s**.", b.Window.Label(today))
	md.WriteString("\n### How each deal is attributed and measured\n\n")
	for _, r := range rules[:len(rules)-1] {
		line("%s", escapeMarkdown(r))
	}
	if m != nil {
		imp := m.impact
		if imp.Outside > 0 {
			line("%s fall outside the window%s.", dealCount(imp.Outside), undated(imp.Undated))
		}
		if imp.NotSales > 0 {
			line("%s of churn or contraction %s revenue away: counted in net revenue retention, not in pipeline, revenue or win rates.", dealCount(imp.NotSales), plural(imp.NotSales, "takes", "take"))
		}
	}
	md.WriteString("\n### Partner names\n\n")
	line("%s Names to fix are listed on the Deals tab.", escapeMarkdown(rules[len(rules)-1]))
	if len(b.Aliases) > 0 {
		names := make([]string, 0, len(b.Aliases))
		for written, partner := range b.Aliases {
			names = append(names, fmt.Sprintf("“%s” → %s", escapeMarkdown(written), escapeMarkdown(partner)))
		}
		slices.Sort(names)
		line("Names you fixed: %s.", strings.Join(names, "; "))
	}
	return md.String()
}

func undated(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s of them without the date the window needs)", formatCount(n))
}

// escapeMarkdown keeps a name written by a user from being read as
// markdown.
func escapeMarkdown(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `#`, `\#`, `<`, `\<`)
	return r.Replace(s)
}

// creditNote is the note beside per-partner figures: what the model credits
// each partner with, and under the whole-amount model that the partners'
// figures can add up to more than the total.
func creditNote(model core.CreditModel) string {
	return "Credit model: " + model.String() + ". " + model.Explain()
}
