"""A consultant's whole market: hundreds of offerings compared at once stay readable."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from selector.advisor import advise
from selector.catalog import load_catalog
from selector.catalog.shipped import shipped_root
from selector.domain import Project

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory):
    """The shipped vendors copied eight times over with new ids: about 350 offerings."""
    folder = tmp_path_factory.mktemp("market")
    for path in sorted((shipped_root() / "vendors").glob("*.toml")):
        text = path.read_text("utf-8")
        for copy in range(8):
            renamed = re.sub(r'^id = "([a-z0-9_]+)"', rf'id = "\1_m{copy}"', text, flags=re.M)
            renamed = re.sub(r'^name = "(.*)"', rf'name = "\1 ({copy})"', renamed, count=1,
                             flags=re.M)
            (folder / f"{path.stem}_{copy}.toml").write_text(renamed, "utf-8")
    catalog = load_catalog([folder])
    assert not catalog.errors
    return catalog


def test_the_methods_are_compared_on_the_leading_hundred(market) -> None:
    rec = advise(market, Project(), n_samples=300, today=TODAY)
    ranked = sorted((o for o in rec.offerings if not o.excluded), key=lambda o: o.rank)
    assert len(ranked) > 150  # the cut below is really exercised
    for method in rec.robustness.methods:
        assert len(method.ranking) == 100
        assert set(method.ranking) <= {o.id for o in ranked[:100]}
    weighted = rec.robustness.methods[0]
    assert weighted.method == "Weighted sum" and weighted.tau_vs_primary == 1.0
    assert weighted.ranking == [o.id for o in ranked[:100]]
    assert rec.robustness.methods_scope.startswith(
        f"The methods ranked the leading 100 of the {len(ranked)} offerings that pass")


def test_copies_of_a_leader_are_named_as_at_most_five_contenders(market) -> None:
    """Eight copies of every offering tie eight ways at the top; the team is told about five."""
    rec = advise(market, Project(), n_samples=300, today=TODAY)
    assert not rec.robustness.clear_winner
    assert 2 <= len(rec.robustness.contenders) <= 5
    ranked = sorted((o for o in rec.offerings if not o.excluded), key=lambda o: o.rank)
    assert rec.robustness.contenders[0] == ranked[0].id


def test_offerings_sold_under_one_name_are_told_apart_by_their_product(market) -> None:
    """Eight copies share every offering name; each is listed with the product that tells it
    apart, so no two rows of the ranking read the same."""
    rec = advise(market, Project(), n_samples=0, today=TODAY)
    names = [o.name for o in rec.offerings]
    assert len(set(names)) == len(names)
    copy = next(o for o in rec.offerings if o.vendor_id == "odoo_crm_m3" and not o.excluded)
    original = next(o for o in market.offerings if o.id == copy.id)
    assert copy.name == f"{original.name} — {original.product}"
    assert original.product.endswith("(3)")
    assert copy.name in rec.headline or copy.id not in rec.robustness.contenders


def test_the_report_says_which_offerings_the_methods_ranked(market) -> None:
    import io

    from pypdf import PdfReader

    from selector.report import render_pdf

    rec = advise(market, Project(), n_samples=200, today=TODAY)
    reader = PdfReader(io.BytesIO(render_pdf(rec)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    passing = sum(not o.excluded for o in rec.offerings)
    assert (f"The methods ranked the leading 100 of the {passing} offerings that pass the "
            "must-haves, by weighted sum") in text


def test_shares_of_places_add_up_when_only_the_first_hundred_ranks_are_counted(market) -> None:
    """More offerings pass than the hundred ranks SMAA counts: each still reads first,
    second, third and fourth or lower, adding up to all the plausible cases."""
    rec = advise(market, Project(), n_samples=400, today=TODAY)
    ranked = [o for o in rec.offerings if not o.excluded]
    assert len(ranked) > 100
    for o in ranked:
        assert len(o.rank_probabilities) == 100
        assert o.rank_shares[:3] == o.rank_probabilities[:3]
        assert o.rank_probabilities[0] == o.probability_first
        assert sum(o.rank_shares) == pytest.approx(1.0, abs=1e-9)
    last = ranked[-1]  # the worst one hardly ever reaches the counted ranks
    assert last.rank_shares[3] == pytest.approx(1.0 - sum(last.rank_probabilities), abs=1e-9)
    assert sum(o.probability_first for o in ranked) == pytest.approx(1.0, abs=1e-9)
