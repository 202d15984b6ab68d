"""Teams say their situation in their own numbers and facts, and the trace shows them.

One test per situation from the issue: a hard go-live date, a known number of developers, data
that must stay on premises, a provider that runs everything, international standards required,
systems outside the fixed list, and weights bent after the team entered its own scores.
"""

from __future__ import annotations

import datetime as dt

from selector.advisor import advise, what_if
from selector.domain import Project
from selector.domain.project import History, ScoreOverride, SystemToIntegrate

TODAY = dt.date(2026, 12, 1)


def _traces(rec, criterion_id):
    return [t.text for t in next(c for c in rec.criteria if c.criterion_id == criterion_id).set_by]


def test_a_go_live_date_becomes_weeks_from_the_project_date_and_a_must_have_line() -> None:
    from selector.catalog import load_catalog

    catalog = load_catalog()
    project = Project(date=TODAY, answers={"go_live_date": dt.date(2027, 1, 12)})
    rec = advise(catalog, project, n_samples=0)
    line = next(c for c in rec.criteria if c.criterion_id == "time_to_live")
    # 42 days: 6 weeks; one and a half times the weeks available: at most 9 weeks
    assert line.threshold == 9.0 and line.threshold_text == "at most 9 weeks"
    trace = " ".join(_traces(rec, "time_to_live"))
    assert "Go-live deadline: 6 weeks (go-live date 2027-01-12, from 2026-12-01)" in trace
    assert "at most 9 weeks, 1.5 × the go-live deadline (6 weeks), because" in trace
    slow = [o for o in rec.offerings if o.excluded
            and any(f.criterion_id == "time_to_live" for f in o.failures)]
    assert slow and all(
        next(f for f in o.failures if f.criterion_id == "time_to_live").actual != "9 weeks"
        for o in slow)


def test_the_number_of_developers_sets_the_skills_a_solution_may_demand(shipped) -> None:
    for developers, level in ((0, 2.0), (2, 3.0)):
        rec = advise(shipped, Project(answers={"developers": developers}), n_samples=0,
                     today=TODAY)
        line = next(c for c in rec.criteria if c.criterion_id == "inhouse_skills_required")
        assert line.threshold == level, developers
        trace = " ".join(_traces(rec, "inhouse_skills_required"))
        band = "0" if developers == 0 else "1–4"
        assert (f"from the developers you can assign ({developers} developers, in the band "
                f"{band})") in trace
    rec = advise(shipped, Project(answers={"developers": 12}), n_samples=0, today=TODAY)
    assert next(c for c in rec.criteria if c.criterion_id == "inhouse_skills_required"
                ).threshold is None


def test_data_that_must_stay_on_premises_keeps_only_installable_offerings(shipped) -> None:
    rec = advise(shipped, Project(answers={"hosting": "on_premises"}), n_samples=0,
                 today=TODAY)
    passing = [o for o in rec.offerings if not o.excluded]
    assert passing
    by_id = {o.id: o for o in shipped.offerings}
    assert all("on_premises" in by_id[o.id].deployment for o in passing)
    saas = next(o for o in rec.offerings if o.id == "hubspot_sales_hub_enterprise")
    assert saas.excluded and any(
        f.reason == "Deployment: on premises not listed; it lists SaaS" for f in saas.failures)
    assert {t.id for t in rec.solution_types if t.excluded} == {"outsourced", "bespoke"}


def test_a_provider_that_runs_everything_rules_out_what_the_team_would_run(shipped) -> None:
    rec = advise(shipped, Project(answers={"operated_by": "provider"}), n_samples=0,
                 today=TODAY)
    suite = next(o for o in rec.offerings if o.id == "suitecrm_self_hosted")
    assert suite.excluded
    assert any(f.reason == "Who runs it: the provider not listed; it lists the customer"
               for f in suite.failures)
    assert not next(o for o in rec.offerings if o.id == "hubspot_sales_hub_enterprise").excluded


def test_required_open_standards_weight_openness_and_require_a_standard_api(shipped) -> None:
    plain = advise(shipped, Project(), n_samples=0, today=TODAY)
    strict = advise(shipped, Project(answers={"open_standards": "required"}), n_samples=0,
                    today=TODAY)

    def weight(rec, cid):
        return next(c.weight for c in rec.criteria if c.criterion_id == cid)

    assert weight(strict, "open_apis") > weight(plain, "open_apis")
    wukong = next(o for o in strict.offerings if o.vendor_id == "wukong_crm")
    unproven = wukong.failures + wukong.not_evidenced
    assert any(f.criterion_id == "fact:identity_standards" for f in unproven)


def test_the_teams_own_systems_are_matched_with_listed_connectors(shipped) -> None:
    project = Project(
        shortlist=["fxiaoke", "zoho_crm"],
        systems=[
            SystemToIntegrate(name="Kingdee", kind="erp", timing="realtime",
                              connector_required=True),
            SystemToIntegrate(name="Shop cash registers", kind="pos"),
        ],
    )
    rec = advise(shipped, project, n_samples=0, today=TODAY)
    fxiaoke = next(o for o in rec.offerings if o.vendor_id == "fxiaoke")
    assert not any(f.criterion_id == "fact:integrations" for f in fxiaoke.failures)
    kingdee = next(s for s in fxiaoke.systems if s.name == "Kingdee")
    assert kingdee.status == "connector"
    zoho = next(o for o in rec.offerings if o.vendor_id == "zoho_crm")
    assert any(f.criterion_id == "fact:integrations" and "Kingdee" in f.reason
               for f in zoho.failures)
    # a system kind outside the old fixed list still moves weights through its rules
    erp = next(c for c in rec.criteria if c.criterion_id == "erp_integration")
    assert any(t.ref == "integrate_erp" and "Kingdee (ERP)" in t.text for t in erp.set_by)


def test_weights_changed_after_the_team_entered_its_own_scores_are_flagged(shipped) -> None:
    project = Project(
        overrides=[ScoreOverride(vendor="zoho_crm", criterion="usability", value=4.0,
                                 rationale="Seen in the demo",
                                 at=dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC))],
        history=History(weights_changed_at=dt.datetime(2026, 10, 3, 12, 0, tzinfo=dt.UTC)),
    )
    rec = advise(shipped, project, n_samples=0, today=TODAY)
    assert rec.provenance.weights_after_scores
    note = rec.provenance.note
    assert "changed on 2026-10-03 12:00 UTC" in note
    assert "after the team entered its own score (zoho_crm, usability) on 2026-10-01" in note
    assert [w.kind for w in rec.warnings].count("weights_after_scores") == 1


def test_what_if_answers_for_other_group_weights_without_touching_the_project(shipped) -> None:
    project = Project(shortlist=["hubspot_sales_hub", "zoho_crm", "pipedrive"])
    before = project.model_dump_json()
    points = {g: 1.0 for g in shipped.library.group_ids()}
    points["cost"] = 100.0
    rec = what_if(shipped, project, points, today=TODAY)
    assert project.model_dump_json() == before
    cost_group = next(g for g in rec.groups if g.group_id == "cost")
    assert cost_group.agreed_weight > 0.5
    cheapest = min((o for o in rec.offerings if o.cost and o.cost.priced),
                   key=lambda o: o.cost.per_user_year.mid)
    assert rec.winner().id == cheapest.id
