"""Recommendations built straight from the domain models, for report tests and the benchmark.

The content is realistic (a Nordic company choosing between real-sounding products) and full of
the text that breaks naive renderers: Swedish and Danish letters, Chinese, emoji, and strings
that look like markup in reportlab, XML or Rich.
"""

from __future__ import annotations

import datetime as dt
import random

from selector.domain.recommendation import (
    CandidateResult,
    CatalogFile,
    Contribution,
    CriterionWeight,
    Disagreement,
    GroupView,
    GroupWeight,
    MethodRanking,
    MustHaveFailure,
    Override,
    Provenance,
    Readiness,
    ReadinessCheck,
    Recommendation,
    Robustness,
    RolloutPhase,
    StabilityRange,
    StakeholderView,
    Trace,
)

MARKUP = "<b>&[red]"
WINNER = "Nordlys CRM 🚀 <b>&[red]"
RUNNER_UP = "Åsa Ærø Øresund Suite"
THIRD = "中文客户关系管理"
EXCLUDED = "Legacy & <i>Closed</i> CRM"
LONG_URL = ("https://example.com/vendors/very/long/path/that/would/never/fit/on/one/line/"
            "of/a/table/cell/without/breaking/evidence.html?section=integration&version=42")

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
        out.append(CriterionWeight(
            criterion_id=f"c{i:02d}", name=name, group_id=group_id, group_name=group_name,
            tags=[group_id], direction="cost" if quantitative else "benefit",
            unit=("weeks" if group_id == "time" else "EUR/user/month") if quantitative
            else "level 0–5",
            weight=raw[i] / total, priority=["must", "should", "could"][i % 3],
            threshold=3.0 if i == 0 else None,
            threshold_text="at least level 3" if i == 0 else "",
            set_by=[Trace(kind="answer", ref="q_open", text=f"Åsa said openness matters {MARKUP}",
                          source="001_dbc09ece01b76cda.txt")],
        ))
    return out


def _vendor(index: int, name: str, criteria: list[CriterionWeight], rng: random.Random,
            quality: float) -> CandidateResult:
    contributions = []
    groups: dict[str, float] = {}
    for c in criteria:
        value = max(0.0, min(1.0, rng.gauss(quality, 0.15)))
        contribution = value * c.weight
        groups[c.group_id] = groups.get(c.group_id, 0.0) + contribution
        contributions.append(Contribution(
            criterion_id=c.criterion_id, group_id=c.group_id, raw_value=round(value * 5, 1),
            value=value, weight=c.weight, contribution=contribution,
            overridden=index == 0 and c.criterion_id == "c01",
            evidence=f"Vendor documentation for {name}; see {MARKUP}",
            source=LONG_URL if c.criterion_id == "c00" else "https://example.com/docs",
            confidence="high" if value > 0.5 else "medium",
        ))
    return CandidateResult(
        id=f"v{index:03d}", name=name, kind="vendor", catalog="shipped",
        solution_types=["outsourced", "off_the_shelf"] if index % 2 == 0 else ["bespoke"],
        score=sum(groups.values()), rank=None, contributions=contributions,
        group_contributions=groups,
        need_profile={"openness": quality, "modularity": quality * 0.9,
                      "integration": min(1.0, quality * 1.1)},
        strengths=[f"Strong open APIs ({name})"], weaknesses=["Licence cost per user"],
        overrides=[Override(criterion_id="c01", catalog_value=2.0, team_value=4.0,
                            rationale=f"Pilot showed full export {MARKUP} — Ærø team",
                            by="Åsa Ærø", at=dt.datetime(2025, 3, 1, 9, 30))] if index == 0 else [],
        reasons=[f"Best on openness {MARKUP}"],
    )


def build_recommendation(*, n_vendors: int = 6, n_criteria: int = 12, clear_winner: bool = True,
                         n_samples: int = 10_000, seed: int = 7) -> Recommendation:
    rng = random.Random(seed)
    criteria = _criteria(n_criteria, rng)
    names = [WINNER, RUNNER_UP, THIRD] + [f"Vendor {i} Ltd" for i in range(3, n_vendors)]
    names[-1] = EXCLUDED if n_vendors > 3 else names[-1]
    vendors = []
    for i, name in enumerate(names):
        quality = 0.8 - 0.5 * i / max(n_vendors, 1)
        if not clear_winner and i < 2:
            quality = 0.75
        vendors.append(_vendor(i, name, criteria, rng, quality))
    excluded = vendors.pop() if n_vendors > 3 else None
    vendors.sort(key=lambda v: -v.score)
    n = len(vendors)
    ranked = []
    for rank, v in enumerate(vendors, start=1):
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
            "balance_warning": "Wins on average but scores 0 on telephony integration"
            if rank == 1 else "",
        }))
    if excluded is not None:
        ranked.append(excluded.model_copy(update={
            "excluded": True, "rank": None, "score": 0.0,
            "failures": [MustHaveFailure(
                criterion_id="c00", criterion_name=criteria[0].name,
                required="at least level 3", actual="level 1",
                reason=f"{EXCLUDED} offers no documented API, so it cannot share data with ERP.",
            )],
        }))
    winner, second = ranked[0], ranked[1]
    group_weights = {}
    for c in criteria:
        group_weights[c.group_id] = group_weights.get(c.group_id, 0.0) + c.weight
    groups = [GroupWeight(group_id=g, name=n_, weight=group_weights.get(g, 0.0))
              for g, n_ in GROUPS if g in group_weights]
    types = []
    for i, (tid, tname) in enumerate([("outsourced", "Outsourced"),
                                      ("off_the_shelf", "Off-the-shelf"),
                                      ("bespoke", "Bespoke"), ("custom", "Custom")]):
        types.append(CandidateResult(
            id=tid, name=tname, kind="solution_type", score=0.7 - 0.1 * i,
            rank=i + 1 if tid != "custom" else None, excluded=tid == "custom",
            failures=[MustHaveFailure(criterion_id="c10", criterion_name="Time to value",
                                      required="at most 26 weeks", actual="52 weeks",
                                      reason="Building from scratch takes too long.")]
            if tid == "custom" else [],
            probability_first=[0.7, 0.2, 0.1, 0.0][i],
            reasons=["Implements quickly without in-house development (002_cdc28874619e9642.txt)"],
            strengths=["Fast start"], weaknesses=["Less control over data"],
        ))
    contenders = [] if clear_winner else [winner.id, second.id]
    margin = winner.score - second.score
    stability = [StabilityRange(
        criterion_id=c.criterion_id, name=c.name, weight=c.weight, low=c.weight * 0.5,
        high=min(1.0, c.weight * 2.5), flips_at=c.weight * 2.5 if i % 2 == 0 else None,
        new_winner=second.name if i % 2 == 0 else "", relative_change=1.5 if i % 2 == 0 else None,
    ) for i, c in enumerate(criteria)]
    stakeholders = [
        StakeholderView(stakeholder_id="asa", name="Åsa Ærø", department="Sälj & marknad",
                        method="pairwise", group_weights={g.group_id: g.weight for g in groups},
                        consistency_ratio=0.06),
        StakeholderView(stakeholder_id="li", name="李明 (IT)", department="IT 🚀",
                        method="points", group_weights={g.group_id: g.weight for g in groups}),
        StakeholderView(stakeholder_id="bo", name=f"Bo {MARKUP}", department="Økonomi",
                        method="pairwise", group_weights={g.group_id: g.weight for g in groups},
                        consistency_ratio=0.14,
                        revisit=["Cost over Openness: 9 looks too strong next to the others"]),
    ]
    checks = [
        ReadinessCheck(item_id="sponsor", text="An executive sponsor backs the project",
                       answer="yes", weight=0.3, risk="", action="",
                       source="001_dbc09ece01b76cda.txt"),
        ReadinessCheck(item_id="training", text="A training plan covers initial and continuing "
                       "training", answer="no", weight=0.2,
                       risk="Users fall back to spreadsheets", action="Write a training plan and "
                       "budget for it", source="000_fcf7625ad5ba5b9f.txt"),
        ReadinessCheck(item_id="data", text="Customer data is cleaned into one store",
                       answer="partly", weight=0.2, risk="Duplicates undermine trust",
                       action="Appoint a data owner (gatekeeper) 🛡️",
                       source="002_cdc28874619e9642.txt"),
    ]
    rec = Recommendation(
        project_name=f"Nordlys CRM-val 2025 — 中文 🚀 {MARKUP}",
        organisation="Nordlys Fjärrvärme AB & Ærø Energi A/S",
        prepared_by="Åsa Ærø <asa@nordlys.example>",
        date=dt.date(2025, 4, 2),
        headline=(f"Choose {winner.name} as an outsourced CRM." if clear_winner else
                  f"No clear winner between {winner.name} and {second.name}."),
        confidence_text="Fairly sure" if clear_winner else "Not sure: the top two are tied",
        top_reasons=[f"{winner.name} has the most open APIs {MARKUP}",
                     "It can be bought module by module (piecemeal)",
                     "It connects to the ERP and the web portal out of the box",
                     "A fourth reason that the summary leaves out"],
        solution_type_headline="Outsourced: the company must start quickly and cannot build.",
        solution_types=types,
        vendors=ranked,
        criteria=criteria,
        groups=groups,
        knocked_out_types=types[3].failures,
        robustness=Robustness(
            clear_winner=clear_winner, winner_id=winner.id if clear_winner else None,
            margin=margin, margin_threshold=0.02, contenders=contenders,
            probability_first={v.id: v.probability_first for v in ranked},
            n_samples=n_samples, stability=stability,
            smallest_flip=stability[0],
            methods=[MethodRanking(method="TOPSIS", ranking=[v.id for v in ranked[:3]],
                                   tau_vs_primary=0.87),
                     MethodRanking(method="PROMETHEE II", ranking=[v.id for v in ranked[:3]],
                                   tau_vs_primary=0.8)],
            methods_agree=clear_winner,
            statements=[f"{winner.name} leads by {margin:.3f} points.",
                        "Raising the weight of cost by half would not change the winner."],
        ),
        group_view=GroupView(
            stakeholders=stakeholders,
            aggregate={g.group_id: g.weight for g in groups},
            aggregation="Geometric mean of the stakeholders' weights (AIJ), renormalised.",
            disagreements=[Disagreement(group_id="cost", name="Cost", spread=0.42,
                                        lowest="Åsa Ærø (Sälj): 5%", highest=f"Bo {MARKUP}: 25%")],
        ),
        readiness=Readiness(
            score=62.0, level="needs work", checks=checks,
            risks=["No training plan: adoption will suffer (000_fcf7625ad5ba5b9f.txt)",
                   f"Data quality is only partly in hand {MARKUP}"],
            actions=[checks[1], checks[2]],
        ),
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
        provenance=Provenance(
            tool_version="0.1.0", generated_at=dt.datetime(2025, 4, 2, 10, 15, tzinfo=dt.UTC),
            method="weighted sum", normalization="value functions",
            parameters={"margin": 0.02, "score_noise": 0.5}, seed=20250402, n_samples=n_samples,
            catalog_files=[CatalogFile(path="criteria/openness.toml", sha256="ab" * 32,
                                       catalog="shipped"),
                           CatalogFile(path="/home/åsa/kataloger/中文/vendors/nordlys.toml",
                                       sha256="cd" * 32, catalog="Ærø consult")],
            weights_after_scores=True,
        ),
        missing=["Stakeholder Bo has not weighted the groups yet"],
        warnings=[f"Vendor profile {MARKUP} is older than 12 months"],
    )
    return rec
