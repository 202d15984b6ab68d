"""The RFP round trip of issue 15: the example's RFP goes to two vendors, one answers honestly
and one overclaims a must-have; both answers come back through `rfp import`, the overclaim
waits as a claim to verify and leaves the ranking alone until the team accepts it."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest

from selector.catalog import load_catalog

from .conftest import HONEST, OVERCLAIMER, VendorWorkbook, ranking, recommendation, run

SAML = "fact:identity_standards=saml"
SAML_OR_OIDC = "fact:identity_standards~saml/oidc"


@pytest.fixture(scope="module")
def catalog_scores() -> dict[str, dict[str, float]]:
    """The shipped catalog's scores of the two offerings, read through the catalog alone."""
    catalog = load_catalog()
    return {o.id: {cid: s.value for cid, s in o.scores.items()}
            for o in catalog.offerings if o.id in (HONEST, OVERCLAIMER)}


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return {c.name: c.id for c in load_catalog().library.criteria()}


def fill_as_catalog(book: VendorWorkbook, scores: dict[str, float], names: dict[str, str]
                    ) -> dict[str, float]:
    """Answer every requirement with the catalog's own value (a level rounded down, as a
    modest vendor would), and return what was answered, by criterion id."""
    answered = {}
    for name in book.requirement_names():
        value = scores[names[name]]
        if book.answer_as(name).startswith("a level"):
            level = math.floor(value)
            book.answer(name, book.level_text(name, level), f"Documented for {name}.",
                        "https://example.com/docs")
            answered[names[name]] = float(level)
        else:
            book.answer(name, value, "From our project history.")
            answered[names[name]] = value
    return answered


def claims_of(project: Path, offering: str) -> list[dict]:
    data = tomllib.loads(project.read_text("utf-8"))
    return [c for c in data.get("claims", []) if c["vendor"] == offering]


def test_overclaimed_must_have_waits_and_moves_the_ranking_only_when_accepted(
    project: Path, exported: dict[str, Path], tmp_path: Path,
    catalog_scores: dict[str, dict[str, float]], names: dict[str, str],
) -> None:
    before = ranking(project)
    scores_before = {o["id"]: o["score"] for o in recommendation(project)["offerings"]}
    assert dict(before)[OVERCLAIMER] is None  # excluded: the catalog lists no SAML

    honest = VendorWorkbook(exported[HONEST])
    honest_answers = fill_as_catalog(honest, catalog_scores[HONEST], names)
    for question in honest.must_have_questions():
        honest.must_have(question, "yes", "Listed in our trust centre.")
    honest.details("Ingrid Sæther")
    honest_path = honest.save(tmp_path / "microsoft-answers.xlsx")

    over = VendorWorkbook(exported[OVERCLAIMER])
    fill_as_catalog(over, catalog_scores[OVERCLAIMER], names)
    over.answer("Identity standards (OAuth 2.0, SAML, OIDC, SCIM)",
                over.level_text("Identity standards (OAuth 2.0, SAML, OIDC, SCIM)", 4),
                "SAML single sign-on with any identity provider.")
    for question in over.must_have_questions():
        over.must_have(question, "yes", "Supported.")
    over.details("Pat Doe")
    over_path = over.save(tmp_path / "hubspot-answers.xlsx")

    result = run("rfp", "import", project, honest_path, over_path, "--by", "Jonas Berg")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "microsoft-answers.xlsx: RFP answer for Dynamics 365 Sales Enterprise" in out
    assert "hubspot-answers.xlsx: RFP answer for HubSpot Sales Hub Professional" in out
    saml_row = next(line for line in out.splitlines()
                    if line.strip().startswith("Identity standards: SAML  "))
    assert "not met" in saml_row and "yes" in saml_row
    assert "awaits the team's decision" in saml_row
    assert "The ranking is unchanged" in out

    # the honest vendor's answers all agree with the catalog: recorded, nothing to decide
    honest_claims = claims_of(project, HONEST)
    assert len(honest_claims) == len(honest_answers) + len(honest.must_have_questions())
    assert {c.get("status") for c in honest_claims} == {"accepted"}
    assert {c["criterion"]: c["value"] for c in honest_claims
            if not c["criterion"].startswith("fact:")} == honest_answers
    assert all(c["source_kind"] == "vendor_rfp_answer" and c["file"] == "microsoft-answers.xlsx"
               and c["observed"].isoformat() == "2026-12-10" and c["by"] == "Jonas Berg"
               for c in honest_claims)

    # the overclaim is recorded as a claim to decide, and the ranking has not moved
    over_claims = {c["criterion"]: c for c in claims_of(project, OVERCLAIMER)}
    assert over_claims[SAML].get("status", "to_decide") == "to_decide"
    assert over_claims["identity_standards"]["value"] == 4.0
    assert over_claims["identity_standards"].get("status", "to_decide") == "to_decide"
    assert ranking(project) == before
    after_import = {o["id"]: o["score"] for o in recommendation(project)["offerings"]}
    assert after_import == pytest.approx(scores_before)

    listed = run("rfp", "claims", project)
    assert listed.returncode == 0
    assert SAML in listed.stdout and "HubSpot Sales Hub Professional" in listed.stdout
    assert f"microsoft-answers.xlsx, 2026-12-10: {len(honest_claims)} claims, 0 awaiting" \
        in listed.stdout
    assert f"({HONEST}):" not in listed.stdout  # nothing of it awaits the team

    # marking it to verify in a demo keeps it out of the score
    marked = run("rfp", "decide", project, OVERCLAIMER, SAML, "verify_in_demo")
    assert marked.returncode == 0, marked.stderr
    assert "to verify in a demo" in marked.stdout
    assert ranking(project) == before

    # accepting the vendor's word on both SAML questions lets the offering back in
    assert run("rfp", "decide", project, OVERCLAIMER, SAML, "accepted").returncode == 0
    accepted = run("rfp", "decide", project, OVERCLAIMER, SAML_OR_OIDC, "accepted")
    assert accepted.returncode == 0, accepted.stderr
    after = ranking(project)
    rank = dict(after)[OVERCLAIMER]
    assert rank is not None
    assert f"excluded by a must-have → rank {rank}" in accepted.stdout
    others_before = [oid for oid, r in before if r is not None]
    others_after = [oid for oid, r in after if r is not None and oid != OVERCLAIMER]
    assert others_after == others_before  # the others keep their order, one may move down


def test_accepting_a_differing_level_moves_that_offering_score(
    cli, project: Path, exported: dict[str, Path], tmp_path: Path,
    catalog_scores: dict[str, dict[str, float]], names: dict[str, str],
) -> None:
    """HubSpot's 3.5 for sales automation answered as level 3: once accepted, the score uses 3."""
    book = VendorWorkbook(exported[OVERCLAIMER])
    fill_as_catalog(book, catalog_scores[OVERCLAIMER], names)
    book.details("Pat Doe")
    path = book.save(tmp_path / "hubspot.xlsx")
    assert cli("rfp", "import", project, path)[0] == 0
    rec = recommendation(project, cli)
    hub = next(o for o in rec["offerings"] if o["id"] == OVERCLAIMER)
    row = next(c for c in hub["contributions"] if c["criterion_id"] == "sales_automation")
    assert row["raw_value"] == 3.5 and not row["vendor_claim"]
    assert cli("rfp", "decide", project, OVERCLAIMER, "sales_automation",
               "accepted")[0] == 0
    hub = next(o for o in recommendation(project, cli)["offerings"] if o["id"] == OVERCLAIMER)
    row = next(c for c in hub["contributions"] if c["criterion_id"] == "sales_automation")
    assert row["raw_value"] == 3.0
    assert row["vendor_claim"] and row["source_kind"] == "vendor RFP answer"
    assert not row["verified"]
    assert hub["evidence"]["vendor_claims"] >= 1


def test_reimporting_the_same_workbook_changes_nothing(
    cli, project: Path, exported: dict[str, Path], tmp_path: Path,
    catalog_scores: dict[str, dict[str, float]], names: dict[str, str],
) -> None:
    book = VendorWorkbook(exported[OVERCLAIMER])
    fill_as_catalog(book, catalog_scores[OVERCLAIMER], names)
    book.details("Pat Doe")
    path = book.save(tmp_path / "hubspot.xlsx")
    assert cli("rfp", "import", project, path)[0] == 0
    assert cli("rfp", "decide", project, OVERCLAIMER, "low_code_config",
               "challenged")[0] == 0
    saved = project.read_bytes()
    code, out, _ = cli("rfp", "import", project, path, "--by", "someone else")
    assert code == 0
    assert "Nothing new: this workbook was imported before." in out
    assert "Saved" not in out
    assert project.read_bytes() == saved  # not even rewritten; the challenge stands


def test_a_changed_answer_replaces_the_old_one_and_waits_again(
    cli, project: Path, exported: dict[str, Path], tmp_path: Path,
) -> None:
    book = VendorWorkbook(exported[OVERCLAIMER])
    book.answer("Mobile access", book.level_text("Mobile access", 3))
    book.details("Pat Doe")
    first = book.save(tmp_path / "hubspot-v1.xlsx")
    assert cli("rfp", "import", project, first)[0] == 0
    [mobile] = [c for c in claims_of(project, OVERCLAIMER) if c["criterion"] == "mobile_access"]
    assert mobile["status"] == "accepted"  # the catalog says level 3 too
    book.answer("Mobile access", book.level_text("Mobile access", 5))
    second = book.save(tmp_path / "hubspot-v2.xlsx")
    code, out, _ = cli("rfp", "import", project, second)
    assert code == 0
    assert "1 changed" in out
    [mobile] = [c for c in claims_of(project, OVERCLAIMER) if c["criterion"] == "mobile_access"]
    assert mobile["value"] == 5.0 and mobile.get("status", "to_decide") == "to_decide"
    assert mobile["file"] == "hubspot-v2.xlsx"


def test_an_unanswered_must_have_counts_as_not_met(
    cli, project: Path, exported: dict[str, Path], tmp_path: Path,
) -> None:
    """Dynamics leaves 'Open APIs' (a must-have, at least level 3) and the SAML question blank:
    both are recorded as not met, to decide, and do not exclude it until the team accepts."""
    book = VendorWorkbook(exported[HONEST])
    book.details("Ingrid Sæther")
    path = book.save(tmp_path / "blank.xlsx")
    code, out, err = cli("rfp", "import", project, path)
    assert code == 0, err
    assert "Must-haves left unanswered (they count as not met):" in out
    claims = {c["criterion"]: c for c in claims_of(project, HONEST)}
    assert claims["open_apis"]["unanswered"] and claims["open_apis"]["value"] == 0.0
    assert claims[SAML]["unanswered"] and claims[SAML]["value"] == 0.0
    assert "sales_automation" not in claims  # not a must-have: blank is simply no answer
    assert dict(ranking(project, cli))[HONEST] == 1
    assert cli("rfp", "decide", project, HONEST, "open_apis", "accepted")[0] == 0
    assert dict(ranking(project, cli))[HONEST] is None
