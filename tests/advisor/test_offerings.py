"""Offerings: each edition and deployment is screened, scored and ranked on its own facts."""

from __future__ import annotations

import datetime as dt

from selector.advisor import advise
from selector.catalog import load_catalog
from selector.catalog.shipped import shipped_root
from selector.domain import Project
from selector.domain.project import FactMustHave

TODAY = dt.date(2026, 12, 1)


def _offering(rec, offering_id):
    return next(o for o in rec.offerings if o.id == offering_id)


def test_a_vendor_on_the_shortlist_stands_for_all_its_offerings_and_an_offering_for_itself(
    shipped,
) -> None:
    rec = advise(shipped, Project(shortlist=["odoo_crm", "hubspot_sales_hub_enterprise"]),
                 n_samples=0, today=TODAY)
    ids = {o.id for o in rec.offerings}
    odoo = {o.id for o in shipped.offerings if o.vendor_id == "odoo_crm"}
    assert len(odoo) >= 2
    assert ids == odoo | {"hubspot_sales_hub_enterprise"}
    assert all(o.company == "Odoo S.A." for o in rec.offerings if o.vendor_id == "odoo_crm")


def test_a_team_that_cannot_host_is_not_passed_on_a_self_hosted_editions_facts(shipped) -> None:
    """The blended profile let Odoo pass "EU residency" on its self-hosted edition while the
    team could only use Odoo Online; per offering, the self-hosted editions are out for a team
    that cannot host, and Odoo Online is judged on its own residency."""
    project = Project(shortlist=["odoo_crm"],
                      answers={"hosting": "saas_only", "data_location": "eu_only"})
    rec = advise(shipped, project, n_samples=0, today=TODAY)
    community = _offering(rec, "odoo_community_self_hosted")
    assert community.excluded
    assert any(f.criterion_id == "fact:run_by" and "it lists the customer" in f.reason
               for f in community.failures)
    online = _offering(rec, "odoo_online_custom")
    assert online.excluded  # backups leave the chosen region: residency level 2
    residency = next(f for f in online.failures if f.criterion_id == "data_residency")
    assert residency.actual == "level 2" and residency.required == "at least level 3"
    assert not any(f.criterion_id == "fact:run_by" for f in online.failures)


def test_an_offering_is_scored_on_its_own_edition_not_the_vendors_best(shipped) -> None:
    rec = advise(shipped, Project(shortlist=["hubspot_sales_hub"]), n_samples=0, today=TODAY)
    pro = _offering(rec, "hubspot_sales_hub_professional")
    enterprise = _offering(rec, "hubspot_sales_hub_enterprise")

    def level(o, cid):
        return next(c.raw_value for c in o.contributions if c.criterion_id == cid)

    assert level(pro, "identity_standards") < level(enterprise, "identity_standards")
    assert pro.cost.per_user_month.mid < enterprise.cost.per_user_month.mid


def test_a_must_have_on_a_fact_names_the_fact_and_what_is_listed(shipped) -> None:
    project = Project(
        shortlist=["hubspot_sales_hub"],
        must_haves=[FactMustHave(fact="identity_standards", includes=["saml"])],
    )
    rec = advise(shipped, project, n_samples=0, today=TODAY)
    pro = _offering(rec, "hubspot_sales_hub_professional")
    assert pro.excluded and pro.rank is None
    (failure,) = [f for f in pro.failures if f.kind == "fact"]
    assert failure.status == "fails"
    assert failure.reason == "Identity standards: SAML not listed; it lists OAuth 2.0"
    assert not _offering(rec, "hubspot_sales_hub_enterprise").excluded


def test_a_fact_the_catalog_does_not_state_is_not_evidenced_and_the_team_decides(shipped) -> None:
    """A list that is not complete cannot prove absence: "not evidenced" is not "does not have",
    and it only excludes when the team says so."""
    must = FactMustHave(fact="integrations", includes=["Extenda Retail POS"])
    keep = advise(shipped, Project(shortlist=["zoho_crm"], must_haves=[must]), n_samples=0,
                  today=TODAY)
    zoho = keep.offerings[0]
    assert not zoho.excluded
    (unproven,) = zoho.not_evidenced
    assert unproven.status == "not_evidenced"
    assert "Extenda Retail POS not evidenced" in unproven.reason
    strict = must.model_copy(update={"not_evidenced": "exclude"})
    out = advise(shipped, Project(shortlist=["zoho_crm"], must_haves=[strict]), n_samples=0,
                 today=TODAY)
    assert all(o.excluded for o in out.offerings)
    assert out.offerings[0].failures[0].status == "not_evidenced"


def test_the_same_list_proves_absence_only_where_the_catalog_says_it_is_complete(
    tmp_path,
) -> None:
    """Offerings that list the same values share one answer per list, but a list said to be
    incomplete is its own case: HubSpot Professional lists only OAuth 2.0, so "SAML" fails;
    a copy whose list is marked incomplete is not evidenced, in the same ranking."""
    text = (shipped_root() / "vendors" / "hubspot-sales-hub.toml").read_text("utf-8")
    copy = text.replace('id = "hubspot_', 'id = "copy_hubspot_').replace(
        'values = ["oauth2"]\n', 'values = ["oauth2"]\ncomplete = false\n', 1)
    assert copy.count("complete = false") == text.count("complete = false") + 1
    (tmp_path / "copy.toml").write_text(copy, "utf-8")
    catalog = load_catalog([tmp_path])
    saml = FactMustHave(fact="identity_standards", includes=["saml"])
    project = Project(shortlist=["hubspot_sales_hub", "copy_hubspot_sales_hub"],
                      must_haves=[saml])
    for _ in range(2):  # a what-if asks again: the kept answers must be the same
        rec = advise(catalog, project, n_samples=0, today=TODAY)
        listed = _offering(rec, "hubspot_sales_hub_professional")
        unlisted = _offering(rec, "copy_hubspot_sales_hub_professional")
        assert listed.excluded and [f.status for f in listed.failures] == ["fails"]
        assert not unlisted.excluded
        assert [f.status for f in unlisted.not_evidenced] == ["not_evidenced"]
        assert "SAML not evidenced" in unlisted.not_evidenced[0].reason


def test_hosted_in_the_eu_and_in_the_own_country_are_checked_against_the_listed_regions(
    shipped,
) -> None:
    """SuperOffice Online runs in Norway: inside the EU/EEA and in Norway, not in Sweden."""
    eu = FactMustHave(fact="data_location", any_of=["eu"], not_evidenced="exclude")
    rec = advise(shipped, Project(shortlist=["superoffice_online"], must_haves=[eu]),
                 n_samples=0, today=TODAY)
    assert not rec.offerings[0].excluded
    own = FactMustHave(fact="data_location", any_of=["$country"], not_evidenced="exclude")
    for country, excluded in (("Norway", False), ("Sverige", True)):
        project = Project(shortlist=["superoffice_online"], must_haves=[own])
        project.organisation.country = country
        rec = advise(shipped, project, n_samples=0, today=TODAY)
        assert rec.offerings[0].excluded is excluded, country
    failure = rec.offerings[0].failures[0]
    assert failure.reason.startswith("Where data can live: Sweden not listed; it lists Norway")
