"""Step 5 · Candidates: the four kinds of solution and the vendor catalog; choose the shortlist.

Filters only narrow what is listed; nothing here ranks. Catalog files that failed validation are
listed with file, line and field, so a consultant sees why a vendor is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static, TabbedContent, TabPane

from selector.domain import VendorProfile
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.text import lit, plural
from selector.tui.widgets.fit_table import FitTable

TYPE_NAMES = {"outsourced": "Outsourced", "off_the_shelf": "Off-the-shelf", "custom": "Custom",
              "bespoke": "Bespoke"}
DEPLOYMENT_NAMES = {"saas": "SaaS", "private_cloud": "Private cloud",
                    "on_premises": "On premises", "self_hosted": "Self-hosted",
                    "hosted_by_partner": "Hosted by partner"}
PRICE_LIMITS = ((0.0, "free"), (25.0, "≤ 25 / user-month"), (50.0, "≤ 50 / user-month"),
                (100.0, "≤ 100 / user-month"))


def monthly_price(vendor: VendorProfile) -> tuple[float, str] | None:
    """The lowest published per-user monthly list price, in its own currency (for filtering)."""
    best: tuple[float, str] | None = None
    for tier in vendor.price_tiers:
        if tier.amount is None:
            continue
        if tier.unit == "user-month":
            amount = tier.amount
        elif tier.unit == "user-year":
            amount = tier.amount / 12
        else:
            continue
        if best is None or amount < best[0]:
            best = (amount, tier.currency)
    return best


def price_text(vendor: VendorProfile) -> str:
    """The lowest list price per user and month, with its currency ('25 USD/user·mo')."""
    price = monthly_price(vendor)
    if price is None:
        return "on quote" if vendor.price_tiers else "–"
    amount, currency = price
    return "free" if amount == 0 else f"{amount:.0f} {currency}/user·mo"


def fit_names(names: list[str], room: int) -> str:
    """As many names as fit in `room` cells, then '+ 3 more', so a count is never hidden."""
    for shown in range(len(names), 0, -1):
        text = ", ".join(names[:shown])
        if shown < len(names):
            text += f" + {len(names) - shown} more"
        if len(text) <= room:
            return text
    return f"{len(names)} vendors"


class VendorTable(FitTable):
    BINDINGS = [Binding("space", "toggle", "Shortlist on/off")]

    @dataclass
    class Toggle(Message):
        row: int

    def action_toggle(self) -> None:
        self.post_message(self.Toggle(self.cursor_row))


class SearchInput(Input):
    """The vendor search: Enter or ↓ goes to the results, so Space shortlists from there."""

    BINDINGS = [Binding("down", "results", "Results", show=False)]

    @dataclass
    class ToResults(Message):
        pass

    def action_results(self) -> None:
        self.post_message(self.ToResults())


class CandidatesStep(Step):
    number = 5
    focus_names: ClassVar[dict[str, str]] = {
        "vendors": "the vendor list", "search": "the vendor search", "f-type": "kind filter",
        "f-deploy": "deployment filter", "f-licence": "licence filter",
        "f-region": "region filter", "f-price": "price filter", "cand-tabs": "the tabs"}
    initial_focus = "#vendors"

    BINDINGS = [Binding("slash", "search", "Search")]

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self._rows: list[str] = []
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Static(Text("5 · Candidates: kinds of solution and vendors", style="bold"),
                     classes="step-title")
        with TabbedContent(id="cand-tabs"):
            with TabPane("Vendors", id="tab-vendors"):
                with Horizontal(id="filters"):
                    yield SearchInput(placeholder="search… (/)", id="search", compact=True)
                    yield Select([(TYPE_NAMES[k], k) for k in TYPE_NAMES], prompt="kind",
                                 id="f-type", compact=True)
                    yield Select([(DEPLOYMENT_NAMES[k], k) for k in DEPLOYMENT_NAMES],
                                 prompt="deployment", id="f-deploy", compact=True)
                    yield Select([("Open source", "open"), ("Proprietary", "proprietary")],
                                 prompt="licence", id="f-licence", compact=True)
                    yield Select([], prompt="region", id="f-region", compact=True)
                    yield Select([(label, limit) for limit, label in PRICE_LIMITS],
                                 prompt="price", id="f-price", compact=True)
                yield Static("", id="shortlist-line")
                yield VendorTable(cursor_type="row", zebra_stripes=True, id="vendors",
                                  fit=(1, 2.0, 1.5, 1.5, 11, 16))
                with VerticalScroll(id="vendor-detail"):
                    yield Static("", id="vendor-profile")
            with TabPane("Solution types", id="tab-types"):
                yield VerticalScroll(Static("", id="types-text"))
            with TabPane("Catalog problems", id="tab-problems"):
                yield VerticalScroll(Static("", id="problems-text"))

    def mounted(self) -> None:
        self.query_one("#vendors", DataTable).add_columns(
            "✓", "Vendor", "Types", "Deployment", "Licence", "List price")

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        catalog = self.session.catalog
        regions = sorted({r for v in catalog.vendors for r in v.hosting_regions})
        region = self.query_one("#f-region", Select)
        if not self._ready:
            region.set_options([(r, r) for r in regions])
            self._ready = True
        self._fill_vendors()
        self._fill_types()
        self._fill_problems()

    def _visible(self) -> list[VendorProfile]:
        query = self.query_one("#search", Input).value.strip().lower()
        kind = self._filter("#f-type")
        deploy = self._filter("#f-deploy")
        licence = self._filter("#f-licence")
        region = self._filter("#f-region")
        limit = self._filter("#f-price")
        out = []
        for v in self.session.catalog.vendors:
            haystack = " ".join([v.name, v.vendor, v.summary, *v.modules, *v.integrations]).lower()
            if query and query not in haystack:
                continue
            if kind and kind not in v.solution_types:
                continue
            if deploy and deploy not in v.deployment:
                continue
            if licence == "open" and not v.is_open_source():
                continue
            if licence == "proprietary" and v.is_open_source():
                continue
            if region and region not in v.hosting_regions:
                continue
            if limit is not None:
                price = monthly_price(v)
                if price is None or price[0] > float(limit):
                    continue
            out.append(v)
        return out

    def _filter(self, selector: str):  # noqa: ANN202 - the option value
        select = self.query_one(selector, Select)
        return None if select.is_blank() else select.value

    def _fill_vendors(self, *, keep_cursor: bool = True) -> None:
        shortlist = self.session.project.shortlist
        table = self.query_one("#vendors", DataTable)
        current = self._rows[table.cursor_row] if 0 <= table.cursor_row < len(self._rows) \
            else None
        table.clear()
        vendors = self._visible()
        ids = [v.id for v in vendors]
        row = ids.index(current) if keep_cursor and current in ids else 0
        self._rows = [v.id for v in vendors]
        for v in vendors:
            table.add_row(
                Text("✓" if v.id in shortlist else " ", style="bold green"),
                lit(v.name, "bold" if v.id in shortlist else ""),
                lit(", ".join(TYPE_NAMES.get(t, t) for t in v.solution_types)),
                lit(", ".join(DEPLOYMENT_NAMES.get(d, d) for d in v.deployment)),
                lit("open source" if v.is_open_source() else "proprietary"),
                lit(price_text(v)))
        if vendors:
            table.move_cursor(row=row, animate=False)
        self._shortlist_line(len(vendors))
        self._show_vendor(row if vendors else -1)

    def _shortlist_line(self, shown: int) -> None:
        shortlist = self.session.project.shortlist
        total = len(self.session.catalog.vendors)
        names = {v.id: v.name for v in self.session.catalog.vendors}
        widget = self.query_one("#shortlist-line", Static)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{shown} of {total} shown. ", style="dim")
        line.append(f"Shortlist ({len(shortlist)}): ", style="bold")
        if not shortlist:
            line.append("empty (all vendors are compared); Space adds the highlighted one")
        else:
            room = (widget.size.width or self.size.width or 100) - line.cell_len
            line.append(fit_names([names.get(i, i) for i in shortlist], room))
        widget.update(line)

    def _show_vendor(self, row: int) -> None:
        profile = self.query_one("#vendor-profile", Static)
        if not 0 <= row < len(self._rows):
            profile.update(Text("No vendor matches the filters.", style="dim"))
            return
        v = self.session.catalog.vendor(self._rows[row])
        library = self.session.catalog.library
        t = Text()
        t.append(v.name, style="bold")
        t.append(f"  by {v.vendor} · {v.website} · catalog: "
                 f"{self.session.catalog.vendor_catalog.get(v.id, '?')}\n", style="dim")
        t.append(v.summary + "\n")
        t.append("Licence: ", style="bold")
        t.append(v.licence + ("  (source available)" if v.source_available else "") + "\n")
        for label, items in (("Modules", v.modules), ("Integrations", v.integrations),
                             ("APIs", v.api_styles), ("Identity", v.identity_standards),
                             ("Languages", v.languages), ("Hosting regions", v.hosting_regions)):
            if items:
                t.append(f"{label}: ", style="bold")
                t.append(", ".join(items) + "\n")
        for tier in v.price_tiers:
            amount = "on quote" if tier.amount is None else f"{tier.amount:g} {tier.currency}"
            t.append("Price: ", style="bold")
            t.append(f"{tier.name}: {amount} per {tier.unit}, as of {tier.as_of} "
                     f"({advice.cite(tier.source)})"
                     + (f" — {tier.note}" if tier.note else "") + "\n")
        t.append("Evidence\n", style="bold underline")
        for criterion in library.criteria():
            score = v.scores.get(criterion.id)
            if score is None:
                continue
            t.append(f"{criterion.name}: ", style="bold")
            t.append(f"{score.value:g} ({score.confidence}) ")
            t.append(score.note)
            if score.source:
                t.append(f" [{advice.cite(score.source)}]", style="dim")
            t.append("\n")
        profile.update(t)

    def _fill_types(self) -> None:
        t = Text()
        for st in self.session.catalog.solution_types:
            t.append(st.name + "\n", style="bold")
            t.append(st.definition + "\n")
            t.append("Ideal when:\n", style="green")
            for item in st.ideal_when:
                t.append(f"  • {item}\n")
            if st.watch_out:
                t.append("Watch out:\n", style="yellow")
                for item in st.watch_out:
                    t.append(f"  • {item}\n")
            t.append(f"Source: {advice.cite(st.source)}\n\n", style="dim")
        if not self.session.catalog.solution_types:
            t = Text("No solution types in the catalog (see Catalog problems).", style="dim")
        self.query_one("#types-text", Static).update(t)

    def _fill_problems(self) -> None:
        problems = self.session.catalog.problems
        tabs = self.query_one("#cand-tabs", TabbedContent)
        tabs.get_tab("tab-problems").label = (
            f"Catalog problems ({len(problems)})" if problems else "Catalog problems")
        if not problems:
            text = Text("Every catalog file loaded without problems.", style="green")
        else:
            text = Text(f"{plural(len(problems), 'problem')}: files or entries with errors were "
                        "skipped; the rest loaded.\n\n", style="bold yellow")
            for problem in problems:
                style = "red" if problem.severity == "error" else "yellow"
                text.append(str(problem) + "\n", style=style)
        self.query_one("#problems-text", Static).update(text)

    # ----------------------------------------------------------------- events
    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters(self) -> None:
        """New results start at the top: the highlighted row is the first match."""
        self._fill_vendors(keep_cursor=False)

    @on(Input.Submitted, "#search")
    @on(SearchInput.ToResults)
    def _to_results(self) -> None:
        self.query_one("#vendors", DataTable).focus()

    @on(VendorTable.Toggle)
    def _toggle(self, event: VendorTable.Toggle) -> None:
        self.toggle(event.row)

    @on(DataTable.RowHighlighted, "#vendors")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        self._show_vendor(event.cursor_row)

    @on(DataTable.RowSelected, "#vendors")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.toggle(event.cursor_row)

    def toggle(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        vid = self._rows[row]
        p = self.session.project
        p.shortlist = ([i for i in p.shortlist if i != vid] if vid in p.shortlist
                       else [*p.shortlist, vid])
        self.changed("shortlist")
        self._fill_vendors()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()
