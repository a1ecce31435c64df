package ui

import (
	"strings"

	"partneratlas/core"
	"partneratlas/importers"
)

// What the import preview offers for each column: the fields of a partner
// list or of a deal export, and the criteria of the scorecard.

// fieldChoices lists what a column can map to, in the order of
// importers.Fields, the criteria by name in place of "criterion".
func fieldChoices(sc core.Scorecard) []string {
	var out []string
	for _, f := range importers.Fields {
		if f == importers.FieldCriterion {
			for _, c := range sc.Criteria {
				out = append(out, criterionPrefix+c.Name)
			}
			continue
		}
		out = append(out, importers.FieldLabel(f))
	}
	return out
}

// choiceOf is the choice that shows a column's mapping.
func choiceOf(c importers.Column, sc core.Scorecard) string {
	if c.Field == importers.FieldCriterion {
		if i := sc.Index(c.Criterion); i >= 0 {
			return criterionPrefix + sc.Criteria[i].Name
		}
		return criterionPrefix + c.Criterion
	}
	return importers.FieldLabel(c.Field)
}

// columnOf turns a choice back into a mapping.
func columnOf(choice string, sc core.Scorecard) importers.Column {
	if name, ok := strings.CutPrefix(choice, criterionPrefix); ok {
		if c, ok := sc.Find(name); ok {
			return importers.Column{Field: importers.FieldCriterion, Criterion: c.Key}
		}
		return importers.Column{Field: importers.FieldCriterion, Criterion: name}
	}
	for _, f := range importers.Fields {
		if importers.FieldLabel(f) == choice {
			return importers.Column{Field: f}
		}
	}
	return importers.Column{Field: importers.FieldExtra}
}

// The choices of a deal export column's mapping, in the order of
// importers.DealFields.
var dealFieldLabels = map[importers.Field]string{
	importers.FieldDealID:       "Deal ID",
	importers.FieldDealName:     "Deal name",
	importers.FieldAccount:      "Account (customer)",
	importers.FieldWebsite:      "Account website",
	importers.FieldStage:        "Stage",
	importers.FieldDealStatus:   "Won / lost status",
	importers.FieldCreated:      "Created date",
	importers.FieldClosed:       "Close date",
	importers.FieldAmount:       "Amount",
	importers.FieldCurrency:     "Currency",
	importers.FieldOwner:        "Owner",
	importers.FieldDealType:     "Deal type",
	importers.FieldTerm:         "Contract term (months)",
	importers.FieldLeadSource:   "Lead source",
	importers.FieldSourcedBy:    "Sourcing partner",
	importers.FieldInfluencedBy: "Influencing partners",
	importers.FieldPartnerRole:  "Partner role (sourced / influenced)",
	importers.FieldShare:        "Partner's share (%)",
	importers.FieldExtra:        "Keep as extra column",
	importers.FieldIgnore:       "Ignore (leave out)",
}

// dealFieldChoices lists what a deal export's column can map to.
func dealFieldChoices() []string {
	out := make([]string, 0, len(importers.DealFields))
	for _, f := range importers.DealFields {
		out = append(out, dealFieldLabels[f])
	}
	return out
}
