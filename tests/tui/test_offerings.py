"""Offerings, their cost for the team, and must-haves on facts, driven by the keys a team
presses (issues 10, 11 and 14).

Expected amounts are worked out here by hand from the vendor file and the catalog's cost model
(read with tomllib, not through the advisor), then rounded the way the screen rounds money.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from textual.widget import Widget

from selector.catalog import load_project, save_project
from selector.catalog.shipped import example_project
from selector.tui.steps.candidates import OfferingTable
from selector.tui.widgets.form import FormScreen

from .helpers import focus_until, settle, type_text, until, workspace

ROOT = Path(__file__).resolve().parents[2]


def screen_text(app) -> str:  # noqa: ANN001
    """Every character on the screen, as the team sees it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def static_text(widget: Widget) -> str:
    return str(widget.render())


def money(value: float, high: float | None = None) -> str:
    """EUR amounts under a million as the screen shows them: to the hundred when the amount
    (or the top of its range, `high`) is EUR 10,000 or more; thousands separated by commas."""
    top = value if high is None else high
    return f"{round(value, -2 if top >= 10_000 else 0):,.0f}"


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "nordlys.toml"
    shutil.copyfile(example_project(), path)
    return path


@pytest.mark.asyncio
async def test_a_fact_must_have_added_in_step_3_excludes_offerings_in_the_results(
        make_app, example_file) -> None:
    app = make_app(example_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("shift+tab", "right")  # the tab strip, then "Must-haves on facts"
        await settle(pilot)
        await pilot.press("tab")  # into the list (its buttons are for the mouse)
        await settle(pilot)
        before = len(ws.session.project.must_haves)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("enter", "down", "down", "enter")  # the fact: Deployment
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, FormScreen)
                    and "Deployment" in app.screen.form_title)
        await settle(pilot)
        await pilot.press("down", "space")  # must list "on premises"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen))
        await settle(pilot)
        assert len(ws.session.project.must_haves) == before + 1
        assert ws.session.project.must_haves[-1].includes == ["on_premises"]
        assert "on premises listed" in screen_text(app)
        await pilot.press("7")
        await until(pilot, lambda: not ws.ranking.updating
                    and ws.ranking.recommendation is not None
                    and any(m.fact == "deployment" for m in ws.session.project.must_haves))
        await settle(pilot)
        results = static_text(ws.query_one("#results-text"))
        # Salesforce is SaaS only (vendors/salesforce-sales-cloud.toml): out, with the fact
        assert "Salesforce Sales Cloud Enterprise\n" in results
        assert "Deployment: on premises not listed; it lists SaaS" in results
        excluded = results.split("Excluded by a must-have")[1]
        assert "Salesforce Sales Cloud Enterprise" in excluded
    saved = load_project(example_file).project
    assert saved is not None and saved.must_haves[-1].fact == "deployment"


@pytest.mark.asyncio
async def test_team_cost_on_screen_matches_the_vendor_file_by_hand(
        make_app, example_file) -> None:
    """Salesflare Pro: EUR 49 a user-month (vendors/salesflare.toml), 85 users for 5 years
    (the example's answers); the administration FTE and its cost from the catalog."""
    vendor = tomllib.loads((ROOT / "vendors" / "salesflare.toml").read_text("utf-8"))
    model = tomllib.loads((ROOT / "criteria" / "cost_model.toml").read_text("utf-8"))
    answers = tomllib.loads(example_file.read_text("utf-8"))["answers"]
    seats, years = answers["crm_users"], answers["horizon_years"]
    tier = vendor["price_tiers"][0]
    assert (tier["currency"], tier["unit"]) == ("EUR", "user-month")
    licences = tier["amount"] * seats * 12
    fte = vendor["cost"]["administration"]["fte"]
    rate = model["fte_cost_eur"]["value"]
    yearly = (licences + fte[0] * rate[0], licences + fte[1] * rate[1])
    impl = vendor["cost"]["implementation"]
    grow = seats / impl["users"]  # only the user-driven share of the work grows with seats
    factors = [1 - share + share * grow for share in model["implementation_user_share"]["value"]]
    upfront = (impl["eur"][0] * min(factors), impl["eur"][1] * max(factors))
    total = (upfront[0] + years * yearly[0], upfront[1] + years * yearly[1])

    app = make_app(example_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "salesflare")
        await pilot.press("enter", "space")  # shortlist it, so it is ranked
        await until(pilot, lambda: ws.ranking.recommendation is not None
                    and not ws.ranking.updating
                    and any(r.id == "salesflare" for r in ws.ranking.recommendation.offerings))
        await settle(pilot)
        detail = static_text(ws.query_one("#offering-profile"))
        assert f"Licences: EUR {money(licences)} a year" in detail
        assert f"{seats} seats × EUR 49 a user-month × 12" in detail
        assert (f"EUR {money(total[0])}–{money(total[1])} over {years} years for {seats} users"
                in detail)
        assert (f"EUR {money(yearly[0])}–{money(yearly[1])} a year, within the yearly budget"
                in detail)
        assert (f"EUR {money(upfront[0], upfront[1])}–{money(upfront[1])}, within the upfront "
                "budget" in detail)
        await pilot.press("7")
        await settle(pilot)
        results = static_text(ws.query_one("#results-text"))
        assert f"What each costs your team ({seats} users, {years} years)" in results


def make_big_catalog(folder: Path, vendors: int) -> Path:
    """A consultant's catalog of `vendors` synthetic vendor files (benchmarks/scale.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from scale import make_catalog
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return make_catalog(vendors, folder)


@pytest.mark.asyncio
async def test_a_thousand_vendors_scroll_and_search_without_a_widget_per_row(
        make_app, tmp_path: Path) -> None:
    make_big_catalog(tmp_path / "market", 1000)
    opened = load_project(example_project())
    project = opened.project
    assert project is not None
    project.catalogs.paths = ["market"]  # beside the shipped catalog
    project.shortlist = []
    path = tmp_path / "big.toml"
    save_project(project, path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = ws.query_one(OfferingTable)
        offerings = len(ws.session.catalog.offerings)
        assert offerings > 1000
        assert table.row_count >= offerings  # every offering, with its vendor's headings
        # the rows are data drawn line by line: the step holds a few dozen widgets, not
        # one per row
        assert len(list(ws.step(5).walk_children())) < 150
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == table.row_count - 1
        last = ws.step(5)._lines[-1]
        assert last.kind == "offering"
        name = next(o.name for o in ws.session.catalog.offerings if o.id == last.ref)
        assert static_text(ws.query_one("#offering-profile")).startswith(name)
        assert table.scroll_y > table.row_count - 40  # scrolled to the end
        await pilot.press("slash")
        await type_text(pilot, "#917")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        assert "#917" in shown
        assert "of " in shown and "offerings shown" in shown
        assert table.row_count <= 5  # one vendor's offerings (and its heading)
        assert table.cursor == 0 and app.focused is table


@pytest.mark.asyncio
async def test_rfp_sent_answered_and_a_claim_decided_with_keys(make_app, example_file,
                                                               tmp_path: Path) -> None:
    """Step 5 writes one offering's RFP workbook (x) and imports the vendor's answers (i);
    the list shows the RFP status; step 6 lists the claim to decide and `a` accepts it."""
    from textual.widgets import DataTable, Input, Select, TabbedContent

    from selector.tui.widgets.form import InfoScreen
    from tests.rfp.conftest import VendorWorkbook

    wanted = "hubspot_sales_hub_professional"
    app = make_app(example_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        step = ws.step(5)
        table = ws.query_one(OfferingTable)
        await pilot.press("slash")
        await type_text(pilot, "hubspot")
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(4):
            if step._lines[table.cursor].ref == wanted:
                break
            await pilot.press("down")
            await settle(pilot)
        assert step._lines[table.cursor].ref == wanted
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        form.query_one("#field-path", Input).value = str(tmp_path / "out")
        form.query_one("#field-which", Select).value = wanted  # "only HubSpot … Professional"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: list((tmp_path / "out").glob("*.xlsx")))
        [sent] = list((tmp_path / "out").glob("*.xlsx"))
        answer = tmp_path / "answered.xlsx"
        book = VendorWorkbook(sent)  # the vendor claims more than the catalog's level 3
        book.details("Pat Doe")
        book.answer("Mobile access", book.level_text("Mobile access", 5), "Offline apps.")
        book.save(answer)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-paths", Input).value = str(answer)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, InfoScreen))
        assert app.screen.title_text == "RFP answers imported"
        await pilot.press("escape")
        await settle(pilot)
        [claim] = [c for c in ws.session.project.claims if c.criterion == "mobile_access"]
        assert claim.status == "to_decide"
        row = table.rows[table.cursor]
        waiting = sum(c.status == "to_decide" for c in ws.session.project.claims)
        assert row.cells[-1].plain == f"RFP, {waiting} to decide"  # the list's RFP column

        await pilot.press("6")
        await settle(pilot)
        ws.query_one("#scores-tabs", TabbedContent).active = "tab-claims"
        await settle(pilot)
        ws.query_one("#claims", DataTable).focus()
        shown = screen_text(app)
        assert f"Claims to decide ({waiting})" in shown and "Mobile access" in shown
        claims = ws.query_one("#claims", DataTable)
        for _ in range(waiting):  # to the mobile-access claim (those waiting come first)
            if "Mobile access" in str(claims.get_row_at(claims.cursor_row)[1]):
                break
            await pilot.press("down")
        await pilot.press("a")
        await settle(pilot)
        [claim] = [c for c in ws.session.project.claims if c.criterion == "mobile_access"]
        assert claim.status == "accepted"
        assert sum(c.status == "to_decide" for c in ws.session.project.claims) == waiting - 1
        await pilot.pause(0.2)
        await settle(pilot)
    saved = load_project(example_file).project
    assert saved is not None
    assert ("mobile_access", "accepted") in [(c.criterion, c.status) for c in saved.claims]


@pytest.mark.asyncio
async def test_a_system_the_team_names_in_step_2_must_have_its_connector(
        make_app, project_file) -> None:
    from textual.widgets import Checkbox, DataTable

    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("2")
        await settle(pilot)
        systems = ws.query_one("#systems DataTable", DataTable)
        # Tab through the questions to the systems list, as a person would
        await focus_until(pilot, lambda w: w is systems, limit=60)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "Visma Net [red]")
        app.screen.query_one("#field-connector_required", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen))
        await settle(pilot)
        [system] = ws.session.project.systems
        assert (system.name, system.connector_required) == ("Visma Net [red]", True)
        assert "Visma Net [red]" in screen_text(app)  # literally, not as markup
        await pilot.press("7")
        await until(pilot, lambda: not ws.ranking.updating
                    and ws.ranking.recommendation is not None)
        await settle(pilot)
        rec = ws.ranking.recommendation
        reasons = {f.reason for r in rec.offerings for f in r.failures if "Visma Net" in f.reason}
        assert reasons  # the advisor checked the offerings' connectors against it
        results = static_text(ws.query_one("#results-text"))
        assert any(reason in results for reason in reasons)


@pytest.mark.asyncio
async def test_a_long_form_keeps_ok_and_cancel_on_screen_at_80x24(make_app, example_file) -> None:
    app = make_app(example_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await workspace(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("shift+tab", "right", "tab", "e")  # edit the first fact must-have
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await settle(pilot)
        form = app.screen
        for button in ("#submit", "#cancel"):
            region = form.query_one(button).region
            assert region.height > 0 and region.bottom <= 23, (button, region)  # above the footer
        fields = form.query_one("#form-fields")
        assert fields.max_scroll_y > 0  # the fields scroll instead


@pytest.mark.asyncio
async def test_open_core_is_neither_open_source_nor_proprietary(make_app, example_file) -> None:
    """Odoo Enterprise lists a proprietary licence beside Community's LGPL (vendors/odoo-crm.toml):
    the list calls it open core, and the licence filter keeps the three apart."""
    from textual.widgets import Select

    app = make_app(example_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = ws.query_one(OfferingTable)

        def licences() -> dict[str, str]:
            return {row.cells[1].plain.strip(): row.cells[3].plain for row in table.rows
                    if len(row.cells) == 6}

        shown = licences()
        assert shown["Odoo Enterprise, self-hosted"] == "open core"
        assert shown["Odoo Community, self-hosted"] == "open source"
        assert shown["Salesforce Sales Cloud Enterprise"] == "proprietary"
        ws.query_one("#f-licence", Select).value = "open core"
        await settle(pilot)
        assert set(licences().values()) == {"open core"}
        assert "Odoo Enterprise, self-hosted" in licences()
