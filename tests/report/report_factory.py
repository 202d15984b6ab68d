"""Recommendations built straight from the domain models, for report tests and the benchmark.

The content is realistic (a Nordic company choosing between real-sounding offerings) and full of
the text that breaks naive renderers: Swedish and Danish letters, Chinese, emoji, and strings
that look like markup in reportlab, XML or Rich. Ids are deliberately "coded" (underscores and
digits) so a test can tell when one leaks into the text.
"""

from __future__ import annotations

import datetime as dt
import random

from selector.domain.recommendation import (
    Action,
    BudgetCheck,
    CandidateResult,
    CatalogFile,
    Contribution,
    CostLine,
    CriterionWeight,
    Disagreement,
    EvidenceSummary,
    FiredRuleView,
    GroupView,
    GroupWeight,
    MethodRanking,
    MustHaveFailure,
    Override,
    Provenance,
    Range,
    Readiness,
    ReadinessCheck,
    Recommendation,
    Revision,
    Risk,
    Robustness,
    RolloutPhase,
    Settle,
    StabilityRange,
    StakeholderView,
    SystemFit,
    TeamCost,
    Trace,
    WarningNote,
)

MARKUP = "<b>&[red]"
WINNER = "Nordlys CRM 🚀 <b>&[red], online"
RUNNER_UP = "Åsa Ærø Øresund Suite, self-hosted"
THIRD = "中文客户关系管理 Cloud"
EXCLUDED = "Legacy & <i>Closed</i> CRM, on premises"
LONG_URL = ("https://example.com/vendors/very/long/path/that/would/never/fit/on/one/line/"
            "of/a/table/cell/without/breaking/evidence.html?section=integration&version=42")
SOURCE_TITLE = "Nordlys API reference — “öppna gränssnitt” <v2>"
EXCLUSION = f"{EXCLUDED} offers no documented API, so it cannot share data with the ERP."
FLIP = "The smallest weight change that changes the winner: Data export from 8.0% to 12.0%."
CERTAIN_RISK = f"Users fall back to spreadsheets {MARKUP} without a training plan."
BENT = "Weights were changed on 2025-03-02 08:00 UTC, after the team had looked at the scores."

GROUPS = [
    ("functional_fit", "Functional fit"),
    ("openness", "Openness"),
    ("modularity", "Modularity"),
    ("integration", "Integration"),
    ("cost", "Cost"),
    ("time", "Time to value"),
    ("adoption_training", "Adoption and training"),
    ("data_quality_migration", "Data quality and migration"),
]
RULES = [
    FiredRuleView(rule_id="open_standards_required", title="Open standards count double.",
                  because="Open standards: Required", source=LONG_URL),
    FiredRuleView(rule_id="phased_rollout_2", title="Phased rollout support counts double.",
                  because=f"Rollout plan: In phases {MARKUP}",
                  source="Swedish article on CRM success factors (000)"),
]
BUDGET_UPFRONT, BUDGET_YEARLY = 250_000.0, 160_000.0


def _criteria(n: int, rng: random.Random) -> list[CriterionWeight]:
    raw = [rng.uniform(0.5, 2.0) for _ in range(n)]
    total = sum(raw)
    out = []
    for i in range(n):
        group_id, group_name = GROUPS[i % len(GROUPS)]
        name = f"Criterion {i + 1}: {group_name.lower()}"
        if i == 0:
            name = "Open APIs and standards (REST, OData) — “öppna gränssnitt”"
        if i == 1:
            name = f"Data export {MARKUP}"
        quantitative = group_id in ("cost", "time")
        set_by = [Trace(kind="requirement", ref=f"c_{i:02d}",
                        text=f"Priority 'should', asked for by Åsa Ærø {MARKUP}")]
        if i % 3 == 0:
            rule = RULES[(i // 3) % len(RULES)]
            set_by.append(Trace(kind="rule", ref=rule.rule_id, text=f"Weight ×2 because "
                                f"{rule.because} ({rule.title})", because=rule.because))
        out.append(CriterionWeight(
            criterion_id=f"c_{i:02d}", name=name, group_id=group_id, group_name=group_name,
            tags=[group_id], direction="cost" if quantitative else "benefit",
            unit=("weeks" if group_id == "time" else "EUR per user-year") if quantitative
            else "level 0–5",
            weight=raw[i] / total, agreed_weight=1 / n, priority=["must", "should", "could"][i % 3],
            priority_text=["must", "should", "could"][i % 3],
            threshold=3.0 if i == 0 else None,
            threshold_text="at least level 3" if i == 0 else "",
            set_by=set_by,
        ))
    return out


def _cost(index: int, seats: int = 85, years: int = 5) -> TeamCost:
    upfront = Range(low=60_000.0 + 20_000 * index, high=120_000.0 + 40_000 * index)
    yearly = Range(low=70_000.0 + 15_000 * index, high=100_000.0 + 20_000 * index)
    total = Range(low=upfront.low + years * yearly.low, high=upfront.high + years * yearly.high)

    priced = index != 2

    def check(kind: str, amount: Range, budget: float) -> BudgetCheck:
        verdict = ("unknown" if not priced else "within" if amount.high <= budget
                   else "over" if amount.low > budget else "may_exceed")
        words = {"within": "within budget", "over": "over budget", "unknown":
                 "price not published", "may_exceed": "may exceed the budget"}[verdict]
        return BudgetCheck(kind=kind, budget=budget, amount=amount, verdict=verdict,
                           text=f"{kind} check {MARKUP}", verdict_text=words)

    lines = [
        CostLine(item="licences", label="Licences", recurring=True, amount=yearly,
                 basis=f"{seats} seats × EUR 65 a user-month × 12 {MARKUP}", source=LONG_URL),
        CostLine(item="implementation", label="Implementation", recurring=False, amount=upfront,
                 basis="A partner's estimate for 50 users, scaled to 85", default_used=index != 1,
                 confidence="low"),
    ]
    return TeamCost(
        seats=seats, billed_seats=seats, horizon_years=years, priced=priced,
        upfront=upfront, yearly=yearly, total=total,
        per_user_month=Range(low=65.0, high=65.0),
        per_user_year=Range(low=total.low / seats / years, high=total.high / seats / years),
        lines=lines,
        budgets=[check("upfront", upfront, BUDGET_UPFRONT), check("yearly", yearly, BUDGET_YEARLY)],
        assumptions=[f"{seats} users, as the team answered", f"Over {years} years",
                     f"Åsa's assumption {MARKUP}"],
        summary=f"Summary {index} {MARKUP}",
    )


def _offering(index: int, name: str, criteria: list[CriterionWeight], rng: random.Random,
              quality: float) -> CandidateResult:
    contributions = []
    groups: dict[str, float] = {}
    for c in criteria:
        value = max(0.0, min(1.0, rng.gauss(quality, 0.08)))
        contribution = value * c.weight
        groups[c.group_id] = groups.get(c.group_id, 0.0) + contribution
        judged = c.criterion_id.endswith("3")
        contributions.append(Contribution(
            criterion_id=c.criterion_id, group_id=c.group_id, raw_value=round(value * 5, 1),
            value_text=f"level {round(value * 5)}" if c.unit.startswith("level")
            else f"{round(value * 13000):,} {c.unit}",
            value=value, weight=c.weight, contribution=contribution,
            overridden=index == 0 and c.criterion_id == "c_01",
            evidence=f"Vendor documentation for {name}; see {MARKUP}",
            source="" if judged else (LONG_URL if c.criterion_id == "c_00"
                                      else "https://example.com/docs"),
            source_title="" if judged else SOURCE_TITLE,
            source_kind="team judgement" if judged else "vendor documentation",
            observed=None if judged else dt.date(2025, 3, 1 + index % 28),
            confidence="high" if value > 0.5 else "medium", judgement=judged,
            vendor_claim=c.criterion_id == "c_02", verified=index == 0,
        ))
    offering_id = f"off_{index:03d}"
    return CandidateResult(
        id=offering_id, name=name, kind="offering", vendor_id=f"vendor_{index:03d}",
        company=f"Company {index} AB", product=name, catalog="shipped",
        solution_types=["outsourced", "off_the_shelf"] if index % 2 == 0 else ["bespoke"],
        solution_type_names=["Outsourced", "Off-the-shelf"] if index % 2 == 0 else ["Bespoke"],
        score=sum(groups.values()), rank=None, contributions=contributions,
        group_contributions=groups,
        need_profile={"openness": quality, "modularity": quality * 0.9,
                      "integration": min(1.0, quality * 1.1)},
        strengths=[f"Strong open APIs ({name})"], weaknesses=["Licence cost per user"],
        overrides=[Override(criterion_id="c_01", criterion_name=criteria[1].name,
                            catalog_value=2.0, team_value=4.0, text="override",
                            rationale=f"Pilot showed full export {MARKUP} — Ærø team",
                            by="Åsa Ærø", at=dt.datetime(2025, 3, 1, 9, 30))] if index == 0 else [],
        systems=[SystemFit(name="IFS Cloud", kind="erp", status="connector", via="marketplace app",
                           text=f"IFS Cloud for {name}: a ready connector is listed")]
        if index < 2 else [],
        cost=_cost(index),
        evidence=EvidenceSummary(judgement_share=0.1 + 0.05 * index, judged_scores=2,
                                 sourced_scores=len(criteria) - 2,
                                 text=f"{10 + 5 * index}% of {name}'s score rests on judgement"),
        reasons=[f"Best on openness {MARKUP}"],
    )


def build_recommendation(*, n_vendors: int = 6, n_criteria: int = 12, clear_winner: bool = True,
                         n_samples: int = 10_000, seed: int = 7) -> Recommendation:
    rng = random.Random(seed)
    criteria = _criteria(n_criteria, rng)
    names = [WINNER, RUNNER_UP, THIRD] + [f"Vendor {i} Ltd, online" for i in range(3, n_vendors)]
    names[-1] = EXCLUDED if n_vendors > 3 else names[-1]
    offerings = []
    for i, name in enumerate(names):
        quality = 0.8 - 0.5 * i / max(n_vendors, 1)
        if not clear_winner and i < 2:
            quality = 0.75
        offerings.append(_offering(i, name, criteria, rng, quality))
    excluded = offerings.pop() if n_vendors > 3 else None
    offerings.sort(key=lambda v: -v.score)
    n = len(offerings)
    ranked = []
    for rank, v in enumerate(offerings, start=1):
        probs = [0.0] * n
        probs[rank - 1] = 0.6
        if rank < n:
            probs[rank] = 0.3
        if rank > 1:
            probs[rank - 2] += 0.1
        else:
            probs[min(2, n - 1)] += 0.1
        ranked.append(v.model_copy(update={
            "rank": rank, "rank_probabilities": probs, "probability_first": probs[0],
            "rank_shares": [*probs[:3], sum(probs[3:])], "efficient": rank in (1, 3),
            "balance_warning": "Wins on average but scores 0 on telephony integration"
            if rank == 1 else "",
        }))
    if excluded is not None:
        ranked.append(excluded.model_copy(update={
            "excluded": True, "rank": None, "score": 0.0,
            "failures": [MustHaveFailure(
                criterion_id="c_00", criterion_name=criteria[0].name,
                required="at least level 3", actual="level 1", reason=EXCLUSION)],
        }))
    winner, second = ranked[0], ranked[1]
    group_weights: dict[str, float] = {}
    for c in criteria:
        group_weights[c.group_id] = group_weights.get(c.group_id, 0.0) + c.weight
    groups = [GroupWeight(group_id=g, name=n_, weight=group_weights.get(g, 0.0),
                          agreed_weight=1 / len(GROUPS),
                          moved_text=f"Your answers: Open standards: Required {MARKUP}"
                          if g == "openness" else "")
              for g, n_ in GROUPS if g in group_weights]
    types = []
    for i, (tid, tname) in enumerate([("outsourced", "Outsourced"),
                                      ("off_the_shelf", "Off-the-shelf"),
                                      ("bespoke", "Bespoke"), ("custom_built", "Custom")]):
        types.append(CandidateResult(
            id=tid, name=tname, kind="solution_type", score=0.7 - 0.1 * i,
            rank=i + 1 if tid != "custom_built" else None, excluded=tid == "custom_built",
            failures=[MustHaveFailure(kind="solution_type", criterion_id="solution_type",
                                      criterion_name="Time to value",
                                      required="at most 26 weeks", actual="52 weeks",
                                      reason="Building from scratch takes too long.")]
            if tid == "custom_built" else [],
            reasons=["Implements quickly without in-house development (002_cdc28874619e9642.txt)"],
            strengths=["Fast start"], weaknesses=["Less control over data"],
        ))
    contenders = [winner.id] if clear_winner else [winner.id, second.id]
    margin = winner.score - second.score
    stability = [StabilityRange(
        criterion_id=c.criterion_id, name=c.name, weight=c.weight, low=c.weight * 0.5,
        high=min(1.0, c.weight * 2.5), flips_at=c.weight * 2.5 if i % 2 == 0 else None,
        new_winner_id=second.id if i % 2 == 0 else "",
        new_winner=second.name if i % 2 == 0 else "", relative_change=1.5 if i % 2 == 0 else None,
    ) for i, c in enumerate(criteria)]
    stakeholders = [
        StakeholderView(stakeholder_id="asa_1", name="Åsa Ærø", department="Sälj & marknad",
                        method="pairwise", group_weights={g.group_id: g.weight for g in groups},
                        consistency_ratio=0.06),
        StakeholderView(stakeholder_id="li_2", name="李明 (IT)", department="IT 🚀",
                        method="points", group_weights={g.group_id: g.weight for g in groups}),
        StakeholderView(stakeholder_id="bo_3", name=f"Bo {MARKUP}", department="Økonomi",
                        method="pairwise", group_weights={g.group_id: g.weight for g in groups},
                        consistency_ratio=0.14, consistent=False,
                        revisions=[Revision(a="cost", b="openness", a_name="Cost",
                                            b_name="Openness", current=9, suggested=3,
                                            text="Cost vs Openness: you said 9× as important")]),
    ]
    checks = [
        ReadinessCheck(item_id="exec_sponsor", text="An executive sponsor backs the project",
                       answer="yes", weight=0.3, risk="Nobody backs the project", action="",
                       source="001_dbc09ece01b76cda.txt"),
        ReadinessCheck(item_id="training_plan", text="A training plan covers initial and "
                       "continuing training", answer="no", weight=0.2, risk=CERTAIN_RISK,
                       action="Write a training plan and budget for it", owner="training lead",
                       source="000_fcf7625ad5ba5b9f.txt"),
        ReadinessCheck(item_id="data_clean", text="Customer data is cleaned into one store",
                       answer="partly", weight=0.2, risk="Duplicates undermine trust",
                       action="Appoint a data owner (gatekeeper) 🛡️", owner="data owner",
                       source="002_cdc28874619e9642.txt"),
    ]
    risks = [
        Risk(kind="decision", text=f"The leaders are close {MARKUP}.", applies_to=contenders),
        Risk(kind="cost", text=f"{winner.name} may not fit the budget.", applies_to=[winner.id]),
        Risk(kind="readiness", text=CERTAIN_RISK,
             from_answers=[f"{checks[1].text} — answered “no”"], source=checks[1].source),
        Risk(kind="readiness", text="Duplicates undermine trust",
             from_answers=[f"{checks[2].text} — answered “partly”"], source=LONG_URL),
        Risk(kind="decision", text=BENT),
    ]
    settle = [Settle(criterion_id=c.criterion_id, name=c.name, points=0.9 - 0.1 * k,
                     values={i: f"level {k + 2}" for i in contenders},
                     weakest_evidence="team judgement", text=f"settle {k}")
              for k, c in enumerate(criteria[:2])] if not clear_winner else []
    return Recommendation(
        project_name=f"Nordlys CRM-val 2025 — 中文 🚀 {MARKUP}",
        organisation="Nordlys Fjärrvärme AB & Ærø Energi A/S",
        prepared_by="Åsa Ærø <asa@nordlys.example>",
        date=dt.date(2025, 4, 2),
        headline=(f"Recommended: {winner.name}, delivered as outsourced." if clear_winner else
                  f"No clear winner between {winner.name} and {second.name}."),
        confidence_text="Likely the best fit: it leads by 4.2 points" if clear_winner
        else "Too close to call: the top two are tied",
        top_reasons=[f"{winner.name} has the most open APIs {MARKUP}"],
        tie_breaker="" if clear_winner else f"On cost, {second.name} is cheaper {MARKUP}.",
        settle=settle,
        solution_type_headline="Outsourced fits best: the company must start quickly.",
        solution_types=types,
        offerings=ranked,
        efficient=[o.id for o in ranked if o.efficient],
        value_for_money=f"Best value for money, cheapest first: {winner.name} {MARKUP}.",
        criteria=criteria,
        groups=groups,
        knocked_out_types=types[3].failures,
        robustness=Robustness(
            clear_winner=clear_winner, certainty="clear" if clear_winner else "close",
            winner_id=winner.id, margin=margin, margin_threshold=0.03,
            contenders=contenders,
            probability_first={v.id: v.probability_first for v in ranked},
            n_samples=n_samples, stability=stability, smallest_flip=stability[0],
            methods=[MethodRanking(method="Weighted sum", ranking=[v.id for v in ranked[:3]],
                                   tau_vs_primary=1.0),
                     MethodRanking(method="TOPSIS", ranking=[v.id for v in ranked[:3]],
                                   tau_vs_primary=0.87),
                     MethodRanking(method="PROMETHEE II", ranking=[v.id for v in ranked[:3]],
                                   tau_vs_primary=-0.2)],
            methods_agree=clear_winner,
            statements=[f"{winner.name} leads by {margin * 100:.1f} points.", FLIP],
        ),
        group_view=GroupView(
            stakeholders=stakeholders,
            aggregate={g.group_id: g.agreed_weight for g in groups},
            aggregation="Arithmetic mean of the stakeholders' weights.",
            disagreements=[Disagreement(group_id="cost", name="Cost", spread=0.2,
                                        lowest_name="Åsa Ærø (Sälj)", lowest=0.05,
                                        highest_name=f"Bo {MARKUP} (Økonomi)", highest=0.25,
                                        text="Cost: 20 points apart")],
        ),
        readiness=Readiness(score=62.0, level="needs work", checks=checks,
                            actions=[checks[1], checks[2]]),
        risks=risks,
        actions=[Action(text="Run a two-week proof of concept on the two criteria that differ "
                        "most", owner="Karin Holm (CFO, executive sponsor)"),
                 Action(text=checks[1].action, owner="Training lead 🚀")],
        rollout=[
            RolloutPhase(order=1, name="Sales pilot 🚀", business_areas=["Sales"],
                         modules=["Contacts", "Opportunities"],
                         rationale="Prove value on a small scale first (prototype).",
                         exit_criteria=["80% of sellers log in weekly", "Data owner appointed"]),
            RolloutPhase(order=2, name="Kundservice & marknad", business_areas=["Service",
                         "Marketing"], modules=["Cases", "Campaigns"],
                         rationale="Builds on clean customer data from phase 1.",
                         exit_criteria=["Cases closed in the CRM"]),
        ],
        rollout_note="" if clear_winner else "The plan names business areas, not modules.",
        horizon_years=5, seats=85,
        cost_basis="For 85 users over 5 years, against the team's budgets of EUR 250,000 upfront "
                   "and EUR 160,000 a year.",
        provenance=Provenance(
            tool_version="0.1.0", as_of=dt.date(2025, 4, 2), date_from="the project's date",
            generated_at=dt.datetime(2025, 4, 2, 0, 0, tzinfo=dt.UTC),
            inputs_sha256="ef" * 32, catalog_sha256="ab" * 32,
            method="weighted sum", normalization="value functions",
            parameters={"margin": "3 points of 100", "rules fired": ", ".join(
                r.rule_id for r in RULES)},
            seed=20250402, n_samples=n_samples,
            catalog_files=[CatalogFile(path="criteria/openness.toml", sha256="12" * 32,
                                       catalog="shipped"),
                           CatalogFile(path="/home/åsa/kataloger/中文/vendors/nordlys.toml",
                                       sha256="cd" * 32, catalog="Ærø consult")],
            rules_fired=RULES,
            weights_changed_at=dt.datetime(2025, 3, 2, 8, 0),
            scores_seen_at=dt.datetime(2025, 3, 1, 8, 0),
            weights_after_scores=True, note=BENT,
        ),
        missing=["Stakeholder Bo has not weighted the groups yet"],
        warnings=[WarningNote(kind="weights_after_scores", text=BENT),
                  WarningNote(kind="stale_evidence",
                              text=f"Vendor profile {MARKUP} is older than 12 months"),
                  WarningNote(kind="over_budget",
                              text=f"Over budget even at the low estimate: {THIRD}.")],
    )
