"""advise(): from a catalog and a project to one Recommendation, with every reason attached.

One pure function: the same catalog, project and seed give the same result, and the terminal,
the PDF and JSON all render what it returns.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from selector import __version__
from selector.advisor.answers import fired_rules, unanswered
from selector.advisor.evaluate import Evaluation, describe_value, evaluate, knock_out_failures
from selector.advisor.matrix import SPREAD_LEVELS, CandidateMatrix, build
from selector.advisor.readiness import assess_readiness
from selector.advisor.robustness import KEPT_SHARE, MARGIN, assess
from selector.advisor.rollout import plan_rollout
from selector.advisor.sources import cite
from selector.advisor.weighting import PRIORITY_FACTOR, Weighting, threshold_text, weigh
from selector.catalog.loader import Catalog
from selector.domain.criteria import CriteriaLibrary, OrdinalScale
from selector.domain.project import Project
from selector.domain.recommendation import (
    CandidateResult,
    CatalogFile,
    CriterionWeight,
    GroupWeight,
    Override,
    Provenance,
    Recommendation,
    Robustness,
)

TYPE_NAMES = {
    "outsourced": "outsourced",
    "off_the_shelf": "off-the-shelf",
    "custom": "custom",
    "bespoke": "bespoke",
}


def advise(
    catalog: Catalog,
    project: Project,
    *,
    n_samples: int = 10_000,
    today: dt.date | None = None,
) -> Recommendation:
    """The recommendation for `project` against `catalog`.

    `n_samples=0` skips the probability sampling (what-if re-ranking while a team nudges
    weights); everything else is computed exactly as in the full run.
    """
    library = catalog.library
    fired = fired_rules(catalog.questionnaire, project)
    weighting = weigh(library, project, fired)
    type_names = {st.id: st.name for st in catalog.solution_types}

    # Solution types: the four kinds, always all compared.
    st_ids = [st.id for st in catalog.solution_types]
    st_matrix = build(library, st_ids, [st.profile for st in catalog.solution_types])
    st_extra = [knock_out_failures([sid], weighting.knocked_out, type_names) for sid in st_ids]
    st_eval = evaluate(library, st_matrix, weighting, st_extra, soft_must_haves=True)

    # Vendors: the shortlist, or the whole catalog when there is none.
    known = {v.id: v for v in catalog.vendors}
    vendor_ids = [v for v in project.shortlist if v in known] or [v.id for v in catalog.vendors]
    vendors = [known[v] for v in vendor_ids]
    overrides = {
        (o.vendor, o.criterion): (o.value, o.rationale)
        for o in project.overrides
        if o.vendor in known
    }
    v_matrix = build(library, vendor_ids, [v.scores for v in vendors], overrides)
    v_extra = [
        knock_out_failures(v.solution_types, weighting.knocked_out, type_names) for v in vendors
    ]
    v_eval = evaluate(library, v_matrix, weighting, v_extra)
    names = {v.id: v.name for v in vendors}
    robust = assess(
        library,
        v_matrix,
        names,
        weighting.criterion_weights,
        v_eval.scores,
        v_eval.passing,
        n_samples=n_samples,
        seed=project.seed,
    )

    st_results = _results(
        library,
        st_matrix,
        st_eval,
        "solution_type",
        {st.id: st.name for st in catalog.solution_types},
        {st.id: [st.id] for st in catalog.solution_types},
        {},
        {},
    )
    st_results = _with_type_reasons(library, st_results)
    override_notes = {}
    for o in project.overrides:
        if o.vendor in known:
            catalog_score = known[o.vendor].scores.get(o.criterion)
            override_notes.setdefault(o.vendor, []).append(
                Override(
                    criterion_id=o.criterion,
                    catalog_value=catalog_score.value if catalog_score else None,
                    team_value=o.value,
                    rationale=o.rationale,
                    by=o.by,
                    at=o.at,
                )
            )
    v_results = _results(
        library,
        v_matrix,
        v_eval,
        "vendor",
        names,
        {v.id: list(v.solution_types) for v in vendors},
        override_notes,
        catalog.vendor_catalog,
        robust.rank_probabilities,
        robust.robustness.probability_first,
    )

    winner = next((r for r in v_results if not r.excluded), None)
    lead_type = next((r for r in st_results if not r.excluded), None)
    runner = next((r for r in v_results if not r.excluded and r is not winner), None)
    top_reasons = _vs_reasons(library, winner, runner) if winner else []
    readiness = assess_readiness(catalog.questionnaire, project)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    when = today or now.date()
    # A fixed `today` (tests, reproducible reports) fixes the time too; otherwise it is now.
    generated_at = dt.datetime.combine(today, dt.time(0, 0), dt.UTC) if today else now
    rob = robust.robustness

    headline, confidence = _headline(winner, lead_type, rob, names, n_samples)
    warnings = _warnings(catalog, project, vendor_ids, winner, lead_type, weighting)
    return Recommendation(
        project_name=project.name or "Untitled project",
        organisation=project.organisation.name,
        prepared_by=project.prepared_by,
        date=when,
        headline=headline,
        confidence_text=confidence,
        top_reasons=top_reasons,
        solution_type_headline=_type_headline(st_results),
        solution_types=st_results,
        vendors=v_results,
        criteria=_criterion_weights(library, project, weighting),
        groups=[
            GroupWeight(
                group_id=g.id,
                name=g.name,
                weight=sum(weighting.criterion_weights[c.id] for c in g.criteria),
            )
            for g in library.groups
        ],
        knocked_out_types=[
            f for r in st_results for f in r.failures if f.criterion_id == "solution_type"
        ],
        robustness=rob,
        group_view=weighting.group_view,
        readiness=readiness,
        rollout=plan_rollout(project, known.get(winner.id) if winner else None, readiness),
        provenance=Provenance(
            tool_version=__version__,
            generated_at=generated_at,
            method="weighted sum (additive value model) with must-have screening first",
            normalization="each criterion's declared scale (levels 0–5, or the value function "
            "of a quantity), so adding or removing a vendor never reorders others",
            parameters={
                "priority factors": ", ".join(f"{k} {v:g}" for k, v in PRIORITY_FACTOR.items()),
                "no clear winner below": f"{MARGIN * 100:g} points of 100",
                "weight sampling": robust.weight_sampling,
                "share of each group weight kept in sampling": f"{KEPT_SHARE:.0%}",
                "score spread by confidence (levels)": ", ".join(
                    f"{k} ±{v:g}" for k, v in SPREAD_LEVELS.items()
                ),
                "rules fired": ", ".join(f.rule.id for f in fired) or "none",
            },
            seed=project.seed,
            n_samples=n_samples,
            catalog_files=[
                CatalogFile(path=f.path, sha256=f.sha256, catalog=f.catalog) for f in catalog.files
            ],
            weights_changed_at=project.history.weights_changed_at,
            scores_seen_at=project.history.scores_seen_at,
            weights_locked_at=project.history.weights_locked_at,
            weights_after_scores=_weights_after_scores(project),
            note="Weights were changed after the scores had been seen."
            if _weights_after_scores(project)
            else "",
        ),
        missing=_missing(catalog, project, weighting),
        warnings=warnings,
    )


def _weights_after_scores(project: Project) -> bool:
    h = project.history
    return bool(
        h.weights_changed_at and h.scores_seen_at and h.weights_changed_at > h.scores_seen_at
    )


def _results(
    library: CriteriaLibrary,
    matrix: CandidateMatrix,
    ev: Evaluation,
    kind: str,
    names: dict[str, str],
    types: dict[str, list[str]],
    overrides: dict[str, list[Override]],
    catalogs: dict[str, str],
    rank_probs: dict[str, list[float]] | None = None,
    p_first: dict[str, float] | None = None,
) -> list[CandidateResult]:
    criteria = library.criteria()
    mean = ev.scores.mean() if len(ev.scores) else 0.0
    out = []
    for i, cid in enumerate(matrix.ids):
        contribs = ev.contributions[i]
        avg = [
            np.mean([ev.contributions[k][j].contribution for k in range(len(matrix.ids))])
            for j in range(len(criteria))
        ]
        edge = sorted(
            range(len(criteria)),
            key=lambda j: (-(contribs[j].contribution - avg[j]), criteria[j].id),
        )
        strengths = [
            f"{criteria[j].name} ({describe_value(criteria[j], contribs[j].raw_value)})"
            for j in edge[:3]
            if contribs[j].contribution - avg[j] > 1e-9
        ]
        weak = sorted(
            (j for j in range(len(criteria)) if contribs[j].weight > 0),
            key=lambda j: (contribs[j].value, -contribs[j].weight, criteria[j].id),
        )
        weaknesses = [
            f"{criteria[j].name} ({describe_value(criteria[j], contribs[j].raw_value)})"
            for j in weak[:3]
            if contribs[j].value < 0.5
        ]
        reasons = [
            f"Typically falls short of a must-have, so check each vendor: {f.reason}"
            for f in ev.shortfalls[i]
        ]
        if ev.failures[i]:
            reasons = [f"Excluded: {f.reason}" for f in ev.failures[i]] + reasons
        elif ev.ranks[i] is not None:
            delta = (ev.scores[i] - mean) * 100
            reasons = [
                f"Ranked {ev.ranks[i]} with {ev.scores[i] * 100:.1f} of 100 points "
                f"({delta:+.1f} against the average candidate)."
            ] + reasons
        out.append(
            CandidateResult(
                id=cid,
                name=names[cid],
                kind=kind,
                catalog=catalogs.get(cid, ""),
                solution_types=types.get(cid, []),
                score=float(ev.scores[i]),
                rank=ev.ranks[i],
                excluded=bool(ev.failures[i]),
                failures=ev.failures[i],
                contributions=contribs,
                group_contributions=ev.group_contributions[i],
                need_profile=ev.need_profiles[i],
                overrides=overrides.get(cid, []),
                balance_warning=ev.balance[i],
                strengths=strengths,
                weaknesses=weaknesses,
                probability_first=(p_first or {}).get(cid, 0.0),
                rank_probabilities=(rank_probs or {}).get(cid, []),
                reasons=reasons,
            )
        )
    out.sort(key=lambda r: (r.excluded, r.rank or 0, -r.score, r.name.lower()))
    return out


def _vs_reasons(
    library: CriteriaLibrary,
    lead: CandidateResult | None,
    other: CandidateResult | None,
    limit: int = 3,
) -> list[str]:
    """Where the leader gains most over the runner-up, weighted: the strongest reasons."""
    if lead is None:
        return []
    if other is None:
        return [f"{lead.name} is the only candidate that meets every must-have."]
    criteria = library.criteria()
    out = []
    for gain, j in _largest_gains(library, lead, other, limit):
        c = criteria[j]
        a, b = lead.contributions[j], other.contributions[j]
        out.append(
            f"{c.name}: {describe_value(c, a.raw_value)} against "
            f"{describe_value(c, b.raw_value)} for {other.name}, a criterion carrying "
            f"{a.weight:.0%} of the weight (+{gain * 100:.1f} points)."
        )
    return out


def _largest_gains(
    library: CriteriaLibrary, lead: CandidateResult, behind: CandidateResult, limit: int
) -> list[tuple[float, int]]:
    """(gain, criterion index) where `lead` out-scores `behind` most, weighted; ties by id."""
    criteria = library.criteria()
    gains = sorted(
        (
            (a.contribution - b.contribution, j)
            for j, (a, b) in enumerate(zip(lead.contributions, behind.contributions, strict=True))
        ),
        key=lambda t: (-t[0], criteria[t[1]].id),
    )
    return [(gain, j) for gain, j in gains[:limit] if gain > 1e-9]


def _with_type_reasons(
    library: CriteriaLibrary, results: list[CandidateResult]
) -> list[CandidateResult]:
    """Each kind of solution against the leader (or, for the leader, the runner-up)."""
    ranked = [r for r in results if not r.excluded]
    out = []
    for r in results:
        reasons = list(r.reasons)
        if not r.excluded and len(ranked) > 1:
            if r is ranked[0]:
                other, lead, behind, verb = ranked[1], r, ranked[1], "Ahead of"
            else:
                other, lead, behind, verb = ranked[0], ranked[0], r, "Behind"
            gaps = _gaps(library, lead, behind, 3)
            if gaps:
                reasons.append(f"{verb} {other.name} mainly on: {'; '.join(gaps)}.")
        out.append(r.model_copy(update={"reasons": reasons}))
    return out


def _gaps(
    library: CriteriaLibrary, lead: CandidateResult, behind: CandidateResult, limit: int
) -> list[str]:
    """Criteria where `lead` gains most over `behind`, weighted, in short form."""
    criteria = library.criteria()
    return [
        f"{criteria[j].name} ({describe_value(criteria[j], lead.contributions[j].raw_value)} vs "
        f"{describe_value(criteria[j], behind.contributions[j].raw_value)})"
        for _, j in _largest_gains(library, lead, behind, limit)
    ]


def _type_headline(results: list[CandidateResult]) -> str:
    ranked = [r for r in results if not r.excluded]
    if not ranked:
        return "Every kind of solution is ruled out by the answers or the must-haves."
    lead = ranked[0]
    parts = []
    if len(ranked) > 1:
        other = ranked[1]
        points = f"{lead.score * 100:.0f} points against {other.score * 100:.0f}"
        if lead.score - other.score < MARGIN:
            parts.append(f"{points} — about as good a fit as {other.name}; the vendors decide")
        else:
            parts.append(f"{points} for {other.name}")
    ruled = [r for r in results if r.excluded]
    for r in ruled:
        answers = dict.fromkeys(
            part for f in r.failures for t in f.set_by for part in t.because.split("; ") if part
        )
        parts.append(f"{r.name} is ruled out ({'; '.join(answers) or 'by a must-have'})")
    return f"{lead.name} fits best" + (": " + "; ".join(parts) if parts else "") + "."


def _headline(
    winner: CandidateResult | None,
    lead_type: CandidateResult | None,
    rob: Robustness,
    names: dict[str, str],
    n_samples: int,
) -> tuple[str, str]:
    if winner is None:
        return (
            "No vendor meets every must-have: relax a must-have or widen the shortlist.",
            "No recommendation can be made yet.",
        )
    kind = ""
    if lead_type is not None and lead_type.id in winner.solution_types:
        kind = f", delivered as {lead_type.name.lower()}"
    p = rob.probability_first.get(winner.id)
    if not rob.clear_winner:
        contenders = " and ".join(names[c] for c in rob.contenders) or winner.name
        head = f"No clear winner between {contenders}."
        conf = (
            f"Too close to call: {winner.name} leads by {rob.margin * 100:.1f} points of 100 "
            f"(a clear lead needs {MARGIN * 100:g})"
        )
        if p is not None and n_samples:
            conf += f" and comes first in {p:.0%} of plausible cases"
        return head, conf + "."
    head = f"Recommended: {winner.name}{kind}."
    if p is None or n_samples == 0:
        return head, (
            f"Leads by {rob.margin * 100:.1f} points of 100 (probability of first "
            "place not computed in this quick view)."
        )
    word = (
        "Very likely the best fit"
        if p >= 0.8
        else "Likely the best fit"
        if p >= 0.6
        else "Probably the best fit"
    )
    return head, f"{word}: first in {p:.0%} of {n_samples:,} plausible weightings and scores."


def _criterion_weights(
    library: CriteriaLibrary, project: Project, weighting: Weighting
) -> list[CriterionWeight]:
    out = []
    for g in library.groups:
        for c in g.criteria:
            req = project.requirements.get(c.id)
            must = weighting.must_haves.get(c.id)
            out.append(
                CriterionWeight(
                    criterion_id=c.id,
                    name=c.name,
                    group_id=g.id,
                    group_name=g.name,
                    tags=list(c.tags),
                    direction=c.direction,
                    unit="level 0–5" if isinstance(c.scale, OrdinalScale) else c.scale.unit,
                    weight=weighting.criterion_weights[c.id],
                    priority="must" if must else (req.priority if req else "should"),
                    threshold=must.threshold if must else None,
                    threshold_text=threshold_text(c, must.threshold) if must else "",
                    set_by=weighting.traces[c.id],
                )
            )
    return out


def _missing(catalog: Catalog, project: Project, weighting: Weighting) -> list[str]:
    out = []
    if not project.stakeholders:
        out.append("No stakeholders are listed: add the people whose needs and weights count.")
    if weighting.defaults_used:
        out.append(
            "No stakeholder has weighted the criteria groups yet: all groups count equally for now."
        )
    if not any(a.in_scope for a in project.business_areas):
        out.append("No business area is in scope (sales, marketing, service …).")
    for a in project.business_areas:
        if a.in_scope and not any(o.metric for o in a.objectives):
            out.append(
                f"No objective with a success metric for {a.name}: set metrics before "
                "implementation (002_cdc28874619e9642.txt)."
            )
    for q in unanswered(catalog.questionnaire, project):
        out.append(f"Not answered: {q.text}")
    open_items = [r for r in catalog.questionnaire.readiness if r.id not in project.readiness]
    if open_items:
        out.append(
            f"{len(open_items)} of {len(catalog.questionnaire.readiness)} readiness "
            "checklist items are unanswered (counted as not in place)."
        )
    return [cite(m) for m in out]


def _warnings(
    catalog: Catalog,
    project: Project,
    vendor_ids: list[str],
    winner: CandidateResult | None,
    lead_type: CandidateResult | None,
    weighting: Weighting,
) -> list[str]:
    out = []
    if _weights_after_scores(project):
        out.append(
            "Weights were changed after the team had seen the scores: this is how "
            "evaluations get bent toward a favourite. Review the weight changes."
        )
    skipped = {p.file for p in catalog.errors}
    if skipped:
        out.append(
            f"{len(skipped)} catalog file(s) had problems and were skipped or partly "
            "loaded; run `crm-selector validate` for details."
        )
    if not project.shortlist:
        out.append(f"No shortlist: all {len(vendor_ids)} catalog vendors were compared.")
    if winner and lead_type and lead_type.id not in winner.solution_types:
        out.append(
            f"The best-fitting kind of solution is {lead_type.name.lower()}, but the top "
            f"vendor {winner.name} is delivered as "
            f"{', '.join(TYPE_NAMES.get(t, t) for t in winner.solution_types)}."
        )
    for view in weighting.group_view.stakeholders:
        if view.consistency_ratio is not None and view.consistency_ratio > 0.10:
            out.append(
                f"{view.name}'s pairwise judgments are inconsistent "
                f"(CR {view.consistency_ratio:.2f} > 0.10); revisit: " + "; ".join(view.revisit[:2])
            )
    return out
