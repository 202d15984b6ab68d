"""The words of the method, in plain words, for the glossary at the end of the report.

A decision maker should not need to know what TOPSIS is to read the report; where one of these
terms appears, the glossary says what it means and why it is there.
"""

from __future__ import annotations

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Criterion, criteria group",
     "One thing the team wants from the CRM (for example “Open APIs and standards”), scored for "
     "every candidate. Related criteria form a group (for example “Openness”) that stakeholders "
     "weight as a whole."),
    ("Weight",
     "How much a criterion counts in the total, as a share of 100%. The stakeholders weight the "
     "groups; the team's answers then raise or lower single criteria (the rules in Appendix A)."),
    ("Agreed and final weight",
     "The agreed weight of a group combines every stakeholder's weight for it (how, is said "
     "above the stakeholders' weights). The final weight is what the scores use, after the "
     "team's answers have raised or lowered single criteria."),
    ("Weighted sum",
     "The main scoring method: each candidate's value on every criterion (0 to 1, best = 1) is "
     "multiplied by the criterion's weight and the products are added up. Shown as points of 100."),
    ("Points of 100",
     "A weighted sum written as points: a candidate at the best level on every criterion would "
     "have 100."),
    ("Must-have (knock-out)",
     "A criterion with a minimum level. A candidate that does not reach it is ruled out whatever "
     "its other scores, and is listed with the reason instead of being ranked."),
    ("Clear winner",
     "The leader is called a clear winner only when its lead is larger than the uncertainty in "
     "the weights and scores allows; otherwise the report names the contenders."),
    ("Probability of first place (SMAA)",
     "Stochastic multicriteria acceptability analysis: the ranking is recomputed for thousands "
     "of plausible weightings and scores (weights varied around the team's, scores within what "
     "their evidence supports). “First in 81%” means the candidate came first in 81% of them."),
    ("Stability interval",
     "How far one criterion's weight can move, with the others scaled to match, before another "
     "candidate comes first. A narrow interval means the result depends on that weight."),
    ("TOPSIS",
     "A second scoring method, used as a cross-check: it prefers the candidate closest to an "
     "ideal one (best on every criterion) and furthest from the worst possible one."),
    ("PROMETHEE II",
     "A third cross-check: it compares candidates two by two on every criterion and ranks them "
     "by how much more often, and by how much, they are preferred than not."),
    ("Kendall τ (tau)",
     "How alike two rankings are: 1 means the same order, 0 no relation, −1 the reverse. Used "
     "to say whether the cross-check methods rank like the weighted sum."),
    ("Pairwise comparison, consistency ratio",
     "A stakeholder can weight groups by comparing them two at a time (“Cost matters three "
     "times as much as Openness”). The consistency ratio says how well those judgments agree "
     "with each other: up to 0.10 is the usual limit; above it, some judgments contradict "
     "others and should be revisited."),
    ("Points apart (a split between stakeholders)",
     "How differently the stakeholders weighted a criteria group: the share of the weight the "
     "one who gives it most gives it, minus the share the one who gives it least gives it, in "
     "points of 100. “20 points apart” is, for example, 5% against 25%; 0 means everyone "
     "agreed."),
    ("Readiness",
     "A check of what must be in place in the organisation (a sponsor, users involved, training, "
     "clean data), from the experience of failed CRM projects, scored out of 100."),
    ("Total cost over the horizon",
     "What the team would pay for an offering: the one-off costs (implementation, migration) "
     "plus the yearly costs (licences for the team's seats, hosting, support, the team's own "
     "administration) times the years the team plans for. Given as a range, from the low to "
     "the high estimate, and checked against the team's upfront and yearly budgets."),
    ("Value for money (best value)",
     "An offering is best value when no other offering is both better (a higher score) and "
     "cheaper (a lower total cost). Among the best-value offerings, moving to a dearer one buys "
     "more fit for more money; any other offering gives less for more."),
    ("Judgement, vendor claim",
     "How a value is known. Judgement: the team's or a consultant's assessment with no source "
     "to check it against; the robustness analysis lets such values vary most. Vendor claim: "
     "the vendor's own answer (in an RFP), counted only once the team accepts it, and marked "
     "verified when the team saw it confirmed in a demo."),
    ("Checksum (SHA-256)",
     "A fingerprint of data: any change to it changes the checksum. The reproducibility "
     "appendix gives one for all the inputs and one for the catalog files, so anyone can check "
     "they have the same."),
)
