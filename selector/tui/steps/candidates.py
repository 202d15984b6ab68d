"""Step 5 · Candidates: the kinds of solution and the catalog's offerings; choose the shortlist,
send the RFP and bring the vendors' answers in.

An offering is a product in one edition and deployment; offerings are listed under their
vendor, and the team shortlists a whole vendor (every offering) or single offerings. Filters
only narrow what is listed; nothing here ranks. The list draws only the rows on screen, so a
consultant's catalog of a thousand vendors filters and scrolls as fast as the shipped one.
Each offering's facts are shown with their evidence (what kind of source, when it was seen),
its published prices, what its licences cost per seat for this team (from the advisor), and
whether its vendor has answered the RFP. Catalog files that failed validation are listed with
file, line and field, so a consultant sees why a vendor is missing.
"""

from __future__ import annotations

import datetime as dt
import glob
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

from selector.catalog import FileError
from selector.catalog.problems import display_path
from selector.domain.evidence import SOURCE_KIND_NAMES
from selector.domain.vendors import OfferingProfile
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.steps.context import parse_date
from selector.tui.text import lit, plural, said
from selector.tui.threads import back_to_ui
from selector.tui.typed_paths import path_problem, resolve
from selector.tui.widgets.form import FormField, FormScreen, InfoScreen
from selector.tui.widgets.validation import Check, Explained
from selector.tui.widgets.virtual_table import Row, VirtualTable

PRICE_LIMITS = ((0.0, "no licence fee"), (25.0, "≤ EUR 25 a user-month"),
                (50.0, "≤ EUR 50 a user-month"), (100.0, "≤ EUR 100 a user-month"))
FACT_ORDER = ("deployment", "run_by", "hosting_regions", "languages", "identity_standards",
              "api_styles", "certifications", "licence", "integrations", "modules")
VERDICT_MARKS = {"within": ("✓", "green"), "may_exceed": ("?", "bold yellow"),
                 "over": ("✗", "bold red")}
LICENCE_LABELS = ("open source", "open core", "proprietary")
SHOWN_SYSTEM_KINDS = 2
"""Integrations are shown by name; their kind only where it says more than the name."""


def fit_names(names: list[str], room: int) -> str:
    """As many names as fit in `room` cells, then '+ 3 more', so a count is never hidden."""
    for shown in range(len(names), 0, -1):
        text = ", ".join(names[:shown])
        if shown < len(names):
            text += f" + {len(names) - shown} more"
        if len(text) <= room:
            return text
    # not even one whole name: the first one cut short, and the count of the others
    more = f" + {len(names) - 1} more" if len(names) > 1 else ""
    keep = max(1, room - len(more) - 1)
    return names[0][:keep].rstrip() + "…" + more


@dataclass(frozen=True)
class Entry:
    """One offering as listed: what the filters test, prepared once per catalog."""

    offering: OfferingProfile
    haystack: str
    names: str  # the offering's, product's and company's names: a search hit here comes first
    kinds: frozenset[str]
    licence: str  # "open source", "open core" or "proprietary"
    deployment: str


@dataclass(frozen=True)
class Line:
    """What a row of the list stands for: a vendor's heading, or one offering."""

    kind: str  # "vendor" or "offering"
    ref: str  # the vendor's or the offering's id
    vendor_id: str


class OfferingTable(VirtualTable):
    """The offerings under their vendors; Space shortlists the highlighted row."""

    BINDINGS = [Binding("space", "toggle", "Shortlist on/off")]

    @dataclass
    class Toggle(Message):
        row: int

    def action_toggle(self) -> None:
        if self.row_count:
            self.post_message(self.Toggle(self.cursor))


class ShortlistLine(Static):
    """The shortlist by name, as many names as fit the line's width when it is drawn (a name
    cut short ends in "…"; the others are counted), then how many offerings are shown."""

    DEFAULT_CSS = "ShortlistLine { height: 1; }"

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.names: list[str] = []
        self.counts = ""

    def show(self, names: list[str], counts: str) -> None:
        self.names, self.counts = names, counts
        self.refresh()

    def render(self) -> Text:
        width = self.size.width or 80
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"Shortlist ({len(self.names)}): ", style="bold")
        counts = f"  · {self.counts}"
        room = max(12, width - line.cell_len - len(counts))
        if not self.names:
            empty = Text("empty (all offerings are compared); Space adds the highlighted "
                         "vendor or offering")
            empty.truncate(room, overflow="ellipsis")
            line.append_text(empty)
        else:
            line.append_text(lit(fit_names(self.names, room)))
        line.append(counts, style="dim")  # always: a search says at once what it found
        return line


class SearchInput(Input):
    """The search: Enter or ↓ goes to the results, so Space shortlists from there."""

    BINDINGS = [Binding("down", "results", "Results", show=False)]

    @dataclass
    class ToResults(Message):
        pass

    def action_results(self) -> None:
        self.post_message(self.ToResults())


class CandidatesStep(Step):
    number = 5
    focus_names: ClassVar[dict[str, str]] = {
        "offerings": "the offerings list", "search": "the search", "f-type": "kind filter",
        "f-deploy": "deployment filter", "f-run": "who-runs-it filter",
        "f-region": "hosting region filter", "f-licence": "licence filter",
        "f-price": "price filter", "cand-tabs": "the tabs",
        "offering-detail": "the offering's facts"}
    initial_focus = "#offerings"

    BINDINGS = [Binding("slash", "search", "Search"),
                Binding("x", "export_rfp", "Send RFP"),
                Binding("i", "import_answers", "Import answers")]

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self._lines: list[Line] = []
        self._entries: list[Entry] = []
        self._by_id: dict[str, Entry] = {}
        self._passes: dict[tuple[str, str], frozenset[str]] = {}
        self._siblings: dict[str, list[str]] = {}
        self._prices: dict = {}
        self._prices_for: object = None
        self._ranked: dict[str, object] = {}
        self._row_cache: dict[tuple, Row] = {}
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Static(Text("5 · Candidates: kinds of solution and offerings", style="bold"),
                     classes="step-title")
        with TabbedContent(id="cand-tabs"):
            with TabPane("Offerings", id="tab-offerings"):
                with Horizontal(id="filters"):
                    yield SearchInput(placeholder="search… (/)", id="search", compact=True)
                    yield Select([], prompt="kind", id="f-type", compact=True)
                    yield Select([], prompt="deploy", id="f-deploy", compact=True)
                    yield Select([], prompt="run by", id="f-run", compact=True)
                    yield Select([], prompt="region", id="f-region", compact=True)
                    yield Select([(label.capitalize(), label) for label in LICENCE_LABELS],
                                 prompt="licence", id="f-licence", compact=True)
                    yield Select([(label, limit) for limit, label in PRICE_LIMITS],
                                 prompt="price", id="f-price", compact=True)
                yield ShortlistLine(id="shortlist-line")
                # licence and price take what their longest words need ("proprietary",
                # "0.27–1.1"); the names take most of the rest
                yield OfferingTable(["✓", "Vendor / offering", "Deployment", "Licence",
                                     "EUR/user/mo", "RFP"],
                                    fit=(1, 3.0, 1.6, 11, 11, 1.0), id="offerings")
                with VerticalScroll(id="offering-detail"):
                    yield Static("", id="offering-profile")
            with TabPane("Solution types", id="tab-types"):
                yield VerticalScroll(Static("", id="types-text"))
            with TabPane("Problems", id="tab-problems"):
                yield VerticalScroll(Static("", id="problems-text"))

    # ----------------------------------------------------------------- data
    def _prepare(self) -> None:
        """What listing and filtering need, once per catalog (and the filter choices)."""
        catalog = self.session.catalog
        words = advice.wording()
        types = {st.id: st.label for st in catalog.solution_types}
        self._row_cache.clear()
        self._entries = []
        for o in catalog.offerings:
            facts = o.facts
            integrations = [i.name for i in facts.integrations.values] \
                if facts.integrations else []
            modules = list(facts.modules.values) if facts.modules else []
            haystack = " ".join([o.name, o.product, o.company, o.edition, o.summary,
                                 *modules, *integrations, *(types.get(t, t)
                                                            for t in o.solution_types)])
            self._entries.append(Entry(
                o, haystack.casefold(), " ".join([o.name, o.product, o.company]).casefold(),
                frozenset(o.solution_types), licence_label(o),
                ", ".join(words.value_name(d, "deployment") for d in o.deployment)))
        self._by_id = {e.offering.id: e for e in self._entries}
        self._siblings = {}
        for e in self._entries:
            self._siblings.setdefault(e.offering.vendor_id, []).append(e.offering.id)
        regions = sorted({r for o in catalog.offerings if o.facts.hosting_regions
                          for r in o.facts.hosting_regions.values} - {"eu"},
                         key=lambda r: words.value_name(r, "hosting_regions"))
        self.query_one("#f-type", Select).set_options(
            [(st.label, st.id) for st in catalog.solution_types])
        self.query_one("#f-deploy", Select).set_options(
            [(words.DEPLOYMENT_NAMES[d], d) for d in words.DEPLOYMENT_NAMES])
        self.query_one("#f-run", Select).set_options(
            [(f"run by {words.value_name(v)}", v) for v in ("provider", "partner", "customer")])
        self.query_one("#f-region", Select).set_options(
            [("data in the EU/EEA", "eu"), ("on your own infrastructure", "own_infrastructure"),
             *[(f"hosted in {words.value_name(r, 'hosting_regions')}", r) for r in regions]])

    def _refresh_prices(self) -> None:
        """List prices depend on the team's seats; worked out again when those change."""
        key = self.session.project.answers.get("crm_users")
        if self._prices and key == self._prices_for:
            return
        self._prices = advice.list_prices(self.session.catalog, self.session.project)
        self._prices_for = key
        self._row_cache.clear()  # the price column changed

    def _matching(self, fact: str, value: str) -> frozenset[str]:
        """The offerings whose facts show `value` for `fact`, checked as a must-have would
        check it, once per choice."""
        key = (fact, value)
        found = self._passes.get(key)
        if found is None:
            found = frozenset(e.offering.id for e in self._entries
                              if advice.fact_passes(e.offering, fact, value, None))
            self._passes[key] = found
        return found

    def _filter(self, selector: str):  # noqa: ANN202 - the option value
        select = self.query_one(selector, Select)
        return None if select.is_blank() else select.value

    def _visible(self) -> list[Entry]:
        # every word somewhere, in any order: "zoho enterprise", "odoo online"
        words = self.query_one("#search", Input).value.casefold().split()
        kind = self._filter("#f-type")
        allowed: list[frozenset[str]] = []
        for selector, fact in (("#f-deploy", "deployment"), ("#f-run", "run_by"),
                               ("#f-region", "data_location")):
            value = self._filter(selector)
            if value is not None:
                allowed.append(self._matching(fact, str(value)))
        licence = self._filter("#f-licence")
        limit = self._filter("#f-price")
        out = []
        for e in self._entries:
            if words and not all(w in e.haystack for w in words):
                continue
            if kind and kind not in e.kinds:
                continue
            if any(e.offering.id not in ids for ids in allowed):
                continue
            if licence is not None and e.licence != licence:
                continue
            if limit is not None:
                price = self._prices.get(e.offering.id)
                if price is None or price.per_user_month is None or not price.priced or \
                        price.per_user_month.low > float(limit):
                    continue
            out.append(e)
        if words:  # "odoo" lists Odoo before a service whose description mentions Odoo
            out.sort(key=lambda e: not all(w in e.names for w in words))
        return out

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        if not self._ready:
            self._prepare()
            self._ready = True
        self._refresh_prices()
        self._fill_offerings()
        self._fill_types()
        self._fill_problems()

    def set_ranking(self, ranking: Ranking) -> None:
        super().set_ranking(ranking)
        rec = ranking.recommendation
        self._ranked = {r.id: r for r in rec.offerings} if rec is not None else {}
        if self.is_mounted and self._ready and self.display:
            self._show_offering(self.query_one(OfferingTable).cursor)

    def _answers(self) -> dict[str, list]:
        """The RFP answers and demo scores recorded, by the offering or vendor they name."""
        from selector.rfp import answered

        out: dict[str, list] = {}
        for a in answered(self.session.project):
            out.setdefault(a.offering_id, []).append(a)
        return out

    def _rfp_cell(self, answers: list) -> Text:
        if not answers:
            return Text("")
        kinds = sorted({"RFP" if a.kind == "rfp" else "demo" for a in answers}, reverse=True)
        waiting = sum(a.to_decide for a in answers)
        text = Text(", ".join(kinds), style="green")
        if waiting:
            text.append(f", {waiting} to decide", style="bold yellow")
        return text

    def _fill_offerings(self, *, keep_cursor: bool = True) -> None:
        table = self.query_one(OfferingTable)
        current = self._lines[table.cursor] if 0 <= table.cursor < len(self._lines) else None
        shortlist = set(self.session.project.shortlist)
        answers = self._answers()
        visible = self._visible()
        groups: dict[str, list[Entry]] = {}
        for e in visible:
            groups.setdefault(e.offering.vendor_id, []).append(e)
        rows: list[Row] = []
        lines: list[Line] = []
        # rows are built once and reused while nothing they show changes: a search key on a
        # catalog of a thousand vendors refills the list from these, not from new Text
        cache = self._row_cache
        for vendor_id, entries in groups.items():
            first = entries[0].offering
            all_ids = self._siblings[vendor_id]
            single = len(all_ids) == 1
            if not single:
                chosen = sum(o in shortlist for o in all_ids)
                mark = "✓" if vendor_id in shortlist or chosen == len(all_ids) else \
                    "◐" if chosen else " "
                mine = answers.get(vendor_id, [])
                key = ("vendor", vendor_id, mark, len(entries), _answers_key(mine))
                row = cache.get(key)
                if row is None:
                    row = cache[key] = self._heading_row(first, mark, len(entries),
                                                         len(all_ids), mine)
                rows.append(row)
                lines.append(Line("vendor", vendor_id, vendor_id))
            for e in entries:
                o = e.offering
                on = o.id in shortlist or vendor_id in shortlist
                mine = answers.get(o.id, []) + (answers.get(vendor_id, []) if single else [])
                key = ("offering", o.id, on, single, _answers_key(mine))
                row = cache.get(key)
                if row is None:
                    row = cache[key] = self._offering_row(e, on, single, mine)
                rows.append(row)
                lines.append(Line("offering", o.id, vendor_id))
        row = 0
        if keep_cursor and current is not None and current in lines:
            row = lines.index(current)
        self._lines = lines
        table.set_rows(rows, cursor=row)
        self._shortlist_line(len(visible))
        self._show_offering(row if lines else -1)

    def _heading_row(self, first: OfferingProfile, mark: str, shown: int, total: int,
                     answers: list) -> Row:
        heading = lit(first.product, "bold")
        heading.append(f"  · {plural(total, 'offering')}"
                       + (f", {shown} shown" if shown < total else "") + " · ", style="dim")
        heading.append_text(lit(first.company, "dim"))
        # the heading runs across the offerings' columns: a vendor has no deployment, licence
        # or price of its own
        return Row((Text(mark, style="bold green"), heading, self._rfp_cell(answers)),
                   style="bold", spans=(1, 4, 1))

    def _offering_row(self, e: Entry, on: bool, single: bool, answers: list) -> Row:
        o = e.offering
        price = self._prices.get(o.id)
        return Row((
            Text("✓" if on else " ", style="bold green"),
            lit(o.name if single else f"  {o.name}", "bold" if on else ""),
            lit(e.deployment),
            Text(e.licence),
            Text(price.short if price is not None else "–"),
            self._rfp_cell(answers),
        ))

    def _ref_name(self, ref: str) -> str:
        entry = self._by_id.get(ref)
        if entry is not None:
            return entry.offering.name
        try:
            return self.session.catalog.vendor(ref).name
        except KeyError:
            return ref

    def _shortlist_line(self, shown: int) -> None:
        total = len(self._entries)
        self.query_one(ShortlistLine).show(
            [self._ref_name(i) for i in self.session.project.shortlist],
            f"{shown:,} of {total:,} {'offering' if total == 1 else 'offerings'} shown")

    def _show_offering(self, row: int) -> None:
        profile = self.query_one("#offering-profile", Static)
        if not 0 <= row < len(self._lines):
            profile.update(Text("No offering matches the filters.", style="dim"))
            return
        line = self._lines[row]
        if line.kind == "vendor":
            profile.update(self._vendor_text(line.ref))
        else:
            profile.update(self._offering_text(self._by_id[line.ref].offering))

    def _vendor_text(self, vendor_id: str) -> Text:
        vendor = self.session.catalog.vendor(vendor_id)
        offerings = [self._by_id[o].offering for o in self._siblings.get(vendor_id, [])]
        t = lit(vendor.name, "bold")
        t.append_text(lit(f"  by {vendor.vendor} · {vendor.website} · catalog: "
                          f"{self.session.catalog.vendor_catalog.get(vendor.id, '?')}", "dim"))
        t.append("\n")
        t.append_text(lit(vendor.summary))
        t.append("\n\nOfferings (Space on this line shortlists all of them; ↓ to one "
                 "of them to shortlist only that one):\n", style="bold")
        for o in offerings:
            t.append("  • ")
            t.append_text(lit(o.name))
            t.append("\n")
        return t

    def _offering_text(self, o: OfferingProfile) -> Text:
        words = advice.wording()
        catalog = self.session.catalog
        types = {st.id: st.label for st in catalog.solution_types}
        t = lit(o.name, "bold")
        t.append("\n")
        t.append_text(lit(" · ".join(x for x in (o.company, o.product, o.edition and
                                                 f"edition {o.edition}") if x), "dim"))
        t.append_text(lit(f" · catalog: {catalog.vendor_catalog.get(o.vendor_id, '?')}", "dim"))
        t.append("\n")
        t.append_text(lit(o.summary))
        t.append("\nKinds of solution: ", style="bold")
        t.append(", ".join(types.get(k, k) for k in o.solution_types))
        self._ranking_lines(t, o)
        t.append("\n\nFacts, with their evidence\n", style="bold underline")
        for fact in FACT_ORDER:
            self._fact_line(t, o, fact)
        t.append("\nPrices as published\n", style="bold underline")
        if not o.price_tiers:
            t.append("No price is listed in the catalog.\n", style="dim")
        for tier in o.price_tiers:
            t.append("• ")
            t.append_text(lit(words.price_tier(tier)))
            t.append_text(self._evidence(tier))
            t.append("\n")
        price = self._prices.get(o.id)
        if price is not None:
            seats = self.session.project.answers.get("crm_users")
            t.append("Licences for your team: ", style="bold")
            t.append(price.text)
            t.append(f" (for {seats} users, at the catalog's dated exchange rates)"
                     if isinstance(seats, int | float) and not isinstance(seats, bool)
                     else " (for the catalog's reference team size: answer the number of "
                          "CRM users in step 2)", style="dim")
            t.append("\n")
        self._rfp_lines(t, o)
        return t

    def _ranking_lines(self, t: Text, o: OfferingProfile) -> None:
        result = self._ranked.get(o.id)
        shortlist = self.session.project.shortlist
        t.append("\nIn the result: ", style="bold")
        if result is None:
            t.append("not compared: shortlist it (Space) to rank it" if shortlist
                     else "not ranked yet", style="dim")
            return
        if result.excluded:  # type: ignore[attr-defined]
            t.append("excluded by a must-have", style="red")
            failures = {f.reason: f for f in result.failures}  # type: ignore[attr-defined]
            for reason, failure in failures.items():
                unseen = failure.status == "not_evidenced"  # not stated, not "does not have"
                t.append("\n  ? " if unseen else "\n  ✗ ", style="yellow" if unseen else "red")
                t.append_text(lit(reason))
        else:
            t.append(f"rank {result.rank}", style="bold")  # type: ignore[attr-defined]
        cost = result.cost  # type: ignore[attr-defined]
        if cost is not None and (cost.summary or cost.lines):
            self._cost_lines(t, cost)

    def _cost_lines(self, t: Text, cost) -> None:  # noqa: ANN001 - a TeamCost
        """What the team's cost is made of, each line with how it was worked out, and each
        budget's verdict: the advisor's own amounts and sentences."""
        words = advice.wording()
        rec = self.recommendation
        t.append("\n\nWhat it costs your team\n", style="bold underline")
        if cost.summary:
            t.append_text(lit(cost.summary, "bold"))
            t.append("\n")
        if rec is not None and rec.cost_basis:
            t.append_text(lit(rec.cost_basis, "dim"))
            t.append("\n")
        for line in cost.lines:
            t.append(f"• {line.label}: ", style="bold")
            t.append(f"{words.euro_range(line.amount)} {'a year' if line.recurring else 'once'}")
            if line.basis:
                t.append_text(lit(f" — {line.basis}", "dim"))
            if line.default_used:
                t.append("  (the catalog's default estimate)", style="yellow")
            t.append("\n")
        for check in cost.budgets:
            symbol, style = VERDICT_MARKS.get(check.verdict, ("•", "dim"))
            t.append(f"{symbol} ", style=style)
            t.append_text(lit(check.text))
            t.append("\n")

    def _fact_line(self, t: Text, o: OfferingProfile, fact: str) -> None:
        words = advice.wording()
        name = words.FACT_NAMES.get(fact, fact)
        if fact == "run_by":
            values, _, known = advice.listed_values(o, "run_by")
            if known:
                t.append(f"{name}: ", style="bold")
                t.append(", ".join(words.value_name(v) for v in values))
                t.append("  (from the deployment)\n", style="dim")
            return
        item = getattr(o.facts, fact, None)
        if item is None:
            t.append(f"{name}: ", style="bold")
            t.append("not stated in the catalog\n", style="dim italic")
            return
        t.append(f"{name}: ", style="bold")
        if fact == "integrations":
            shown = [i.name + ("" if i.kind == "other" else
                               f" ({words.SYSTEM_KIND_NAMES.get(i.kind, i.kind)})")
                     for i in item.values]
        else:
            shown = [words.value_name(str(v), fact) for v in item.values]
        t.append_text(lit(", ".join(shown) or "none listed"))
        if not item.complete:
            t.append("  (the list may not be complete)", style="yellow")
        t.append_text(self._evidence(item))
        t.append("\n")

    def _evidence(self, evidence) -> Text:  # noqa: ANN001 - an Evidence
        """Where a fact or price was seen: the kind of source, when, how sure, the source's
        title; judgement (or no source at all) in yellow, as the scores step marks it."""
        parts = []
        if evidence.source_kind:
            parts.append(SOURCE_KIND_NAMES.get(evidence.source_kind, evidence.source_kind))
        elif evidence.source is None:
            parts.append("no source")
        if evidence.observed is not None:
            parts.append(f"seen {evidence.observed.isoformat()}")
        else:
            parts.append("undated")
        parts.append(f"{evidence.confidence} confidence")
        if evidence.source_title:
            parts.append(evidence.source_title)
        elif evidence.source:
            parts.append(advice.cite(evidence.source))
        judged = evidence.source_kind == "team_judgement" or evidence.source is None
        return lit("  — " + ", ".join(parts), "dim yellow" if judged else "dim")

    def _rfp_lines(self, t: Text, o: OfferingProfile) -> None:
        answers = self._answers()
        mine = answers.get(o.id, []) + answers.get(o.vendor_id, [])
        t.append("\nRFP and demos\n", style="bold underline")
        if not mine:
            t.append("No answers recorded yet: x writes the RFP workbooks to send, i imports "
                     "the workbooks the vendors return.\n", style="dim")
            return
        for a in mine:
            what = "RFP answer" if a.kind == "rfp" else "demo scores"
            t.append("• ")
            t.append_text(lit(f"{what} {a.file or '(no file)'}, {a.observed or 'undated'}: "
                              f"{plural(a.claims, 'claim')}"))
            if a.to_decide:
                t.append(f", {a.to_decide} awaiting the team's decision (step 6)",
                         style="bold yellow")
            t.append("\n")

    def _fill_types(self) -> None:
        t = Text()
        for st in self.session.catalog.solution_types:
            t.append_text(lit(st.name, "bold"))
            t.append("\n")
            t.append_text(lit(st.definition))
            t.append("\nIdeal when:\n", style="green")
            for item in st.ideal_when:
                t.append("  • ")
                t.append_text(lit(item))
                t.append("\n")
            if st.watch_out:
                t.append("Watch out:\n", style="yellow")
                for item in st.watch_out:
                    t.append("  • ")
                    t.append_text(lit(item))
                    t.append("\n")
            t.append(f"Source: {advice.cite(st.source)}\n\n", style="dim")
        if not self.session.catalog.solution_types:
            t = Text("No solution types in the catalog (see Problems).", style="dim")
        self.query_one("#types-text", Static).update(t)

    def _fill_problems(self) -> None:
        problems = self.session.problems
        tabs = self.query_one("#cand-tabs", TabbedContent)
        tabs.get_tab("tab-problems").label = (
            f"Problems ({len(problems)})" if problems else "Problems")
        if not problems:
            text = Text("The project and every catalog file loaded without problems.",
                        style="green")
        else:
            errors = sum(1 for p in problems if p.severity == "error")
            text = Text(f"{plural(len(problems), 'problem')} ({plural(errors, 'error')}): files or "
                        "entries with errors were skipped; the rest loaded. Warnings are "
                        "notes (a format-1 file read as format 2, a country the tool does not "
                        "know).\n\n", style="bold yellow")
            for problem in sorted(problems, key=lambda p: p.severity != "error"):
                text.append_text(lit(str(problem), "red" if problem.severity == "error"
                                     else "yellow"))
                text.append("\n")
        self.query_one("#problems-text", Static).update(text)

    # ----------------------------------------------------------------- events
    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters(self) -> None:
        """New results start at the top: the highlighted row is the first match."""
        if self._ready:
            self._fill_offerings(keep_cursor=False)

    @on(Input.Submitted, "#search")
    @on(SearchInput.ToResults)
    def _to_results(self) -> None:
        self.query_one(OfferingTable).focus()

    @on(OfferingTable.Toggle)
    def _toggle(self, event: OfferingTable.Toggle) -> None:
        self.toggle(event.row)

    @on(VirtualTable.Highlighted, "#offerings")
    def _highlight(self, event: VirtualTable.Highlighted) -> None:
        self._show_offering(event.row)

    @on(VirtualTable.Selected, "#offerings")
    def _selected(self, event: VirtualTable.Selected) -> None:
        self.toggle(event.row)

    def toggle(self, row: int) -> None:
        """Shortlist the row's vendor (every offering) or offering, or take it off.

        An offering of a vendor shortlisted whole comes off by naming the vendor's other
        offerings instead; a vendor whose every offering is on the list is one entry again.
        """
        if not 0 <= row < len(self._lines):
            return
        line = self._lines[row]
        p = self.session.project
        siblings = self._siblings.get(line.vendor_id, [])
        shortlist = list(p.shortlist)
        if line.kind == "vendor":
            whole = line.ref in shortlist or all(o in shortlist for o in siblings)
            shortlist = [i for i in shortlist if i != line.ref and i not in siblings]
            if not whole:
                shortlist.append(line.ref)
        elif line.ref in shortlist:
            shortlist.remove(line.ref)
        elif line.vendor_id in shortlist and line.ref != line.vendor_id:
            at = shortlist.index(line.vendor_id)
            shortlist[at:at + 1] = [o for o in siblings if o != line.ref]
        elif line.vendor_id in shortlist:
            shortlist.remove(line.vendor_id)
        else:
            shortlist.append(line.ref)
            if len(siblings) > 1 and all(o in shortlist for o in siblings):
                at = min(shortlist.index(o) for o in siblings)
                shortlist = [i for i in shortlist if i not in siblings]
                shortlist.insert(at, line.vendor_id)
        p.shortlist = shortlist
        self.changed("shortlist")
        self._fill_offerings()

    def action_search(self) -> None:
        self.query_one("#cand-tabs", TabbedContent).active = "tab-offerings"
        self.query_one("#search", Input).focus()

    # ----------------------------------------------------------------- RFP out
    def _highlighted_offering(self) -> OfferingProfile | None:
        table = self.query_one(OfferingTable)
        if not 0 <= table.cursor < len(self._lines):
            return None
        line = self._lines[table.cursor]
        return self._by_id[line.ref].offering if line.kind == "offering" else None

    def action_export_rfp(self) -> None:
        """Write the RFP workbooks (one per offering, so no vendor sees who else was asked)."""
        base = self.session.export_folder
        highlighted = self._highlighted_offering()
        which = [("every offering of the project (the shortlist, else the catalog)", "")]
        if highlighted is not None:
            which.append((f"only {highlighted.name}", highlighted.id))
        fields = [
            FormField("path", "Write to (a folder, or a .xlsx file for one offering)",
                      f"{self.session.path.stem}-rfp", required=True,
                      help=f"Relative names are {self._where()}.",
                      validators=[Explained(lambda v: _out_problem(v, base))]),
            FormField("which", "Send to", "", kind="select", required=False, choices=which),
            FormField("deadline", "Answers due by (optional)", "", placeholder="YYYY-MM-DD",
                      validators=[Check(lambda v: v == "" or parse_date(v) is not None,
                                        "a date like 2027-01-15")]),
            FormField("contact", "Contact for questions (optional)",
                      self.session.project.prepared_by, placeholder="name and e-mail"),
        ]

        def check(values: dict[str, object]) -> dict[str, str]:
            problem = _out_problem(str(values["path"]), base)
            return {"path": problem} if problem else {}

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            deadline = parse_date(str(values["deadline"])) if values["deadline"] else None
            offerings = [str(values["which"])] if values["which"] else None
            self.app.notify("Writing the RFP workbooks…", markup=False, timeout=3)
            self._export_rfp(self.session.project.model_copy(deep=True),
                             resolve(str(values["path"]), base), offerings, deadline,
                             str(values["contact"] or ""))

        self.app.push_screen(FormScreen(
            "Send the RFP", fields, check=check, submit_label="Write",
            intro="One workbook per offering, to be filled in without this tool: the "
                  "requirements in scope with their levels, the must-haves, the price sheet; "
                  "nothing of the team's weights."), done)

    def _where(self) -> str:
        return "in the folder you started from" if self.session.tour \
            else "next to the project file"

    @work(thread=True, exclusive=True, group="rfp", exit_on_error=False)
    def _export_rfp(self, project, path: Path, offerings: list[str] | None,  # noqa: ANN001
                    deadline: dt.date | None, contact: str) -> None:
        from selector.rfp import ScopeError, export_rfps

        app = self.app
        try:
            paths = export_rfps(self.session.catalog, project, path, offerings, deadline,
                                contact, today=self.session.today)
        except (ScopeError, FileError, OSError) as exc:
            back_to_ui(app, self._rfp_failed, "RFP not written", str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - said, never a crash
            back_to_ui(app, self._rfp_failed, "RFP not written", f"{type(exc).__name__}: {exc}")
            return
        back_to_ui(app, self._rfp_written, paths)

    def _rfp_failed(self, title: str, message: str) -> None:
        self.app.notify(said(message), title=title, severity="error", markup=False, timeout=10)

    def _rfp_written(self, paths: list[Path]) -> None:
        names = [display_path(p) for p in paths]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.app.notify(said(f"{plural(len(paths), 'workbook')} written: {shown}. Send each "
                             "vendor its own; import what they return with i."),
                        title="RFP written", markup=False, timeout=10)

    # ----------------------------------------------------------------- RFP in
    def action_import_answers(self) -> None:
        base = self.session.export_folder
        p = self.session.project
        people = [(s.name, s.name) for s in p.stakeholders]
        fields = [
            FormField("paths", "Returned workbooks", "", required=True,
                      placeholder="a file, a folder, or a pattern like answers/*.xlsx",
                      help=f"Relative names are {self._where()}.",
                      validators=[Explained(lambda v: _workbooks_problem(v, base))]),
            FormField("by", "Recorded by", people[0][1] if people else "",
                      kind="select" if people else "text", choices=people),
        ]

        def check(values: dict[str, object]) -> dict[str, str]:
            problem = _workbooks_problem(str(values["paths"]), base)
            return {"paths": problem} if problem else {}

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            paths = _workbooks(str(values["paths"]), base)
            self.app.notify(f"Reading {plural(len(paths), 'workbook')}…", markup=False,
                            timeout=3)
            claims = list(p.claims)
            self._import(p.model_copy(deep=True), paths, str(values["by"] or ""), claims)

        self.app.push_screen(FormScreen(
            "Import the vendors' answers", fields, check=check, submit_label="Import",
            intro="Each answer becomes a claim beside the catalog's value: it counts in the "
                  "score only once the team accepts it (step 6). A workbook with a problem is "
                  "refused whole, with what to fix."), done)

    @work(thread=True, exclusive=True, group="rfp", exit_on_error=False)
    def _import(self, project, paths: list[Path], by: str, claims: list) -> None:  # noqa: ANN001
        from selector.rfp import import_answers

        app = self.app
        try:
            result = import_answers(self.session.catalog, project, paths, by=by)
        except (FileError, OSError) as exc:
            back_to_ui(app, self._rfp_failed, "Nothing imported", str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - said, never a crash
            back_to_ui(app, self._rfp_failed, "Nothing imported",
                       f"{type(exc).__name__}: {exc}")
            return
        back_to_ui(app, self._imported, result, claims)

    def _imported(self, result, claims_before: list) -> None:  # noqa: ANN001 - an Imported
        p = self.session.project
        if result.changed:
            if p.claims != claims_before:
                self.app.notify("The project's claims changed while the workbooks were read; "
                                "nothing was imported. Import them again.", title="Not imported",
                                severity="warning", markup=False, timeout=10)
                return
            p.claims = list(result.project.claims)
            self.changed("rfp import")
            self._fill_offerings()
        self.app.push_screen(InfoScreen("RFP answers imported" if result.recorded
                                        else "Nothing imported", import_text(result)))
        if result.refused:
            self.app.notify(said(f"{plural(len(result.refused), 'workbook')} refused: "
                                 + ", ".join(r.file for r in result.refused)),
                            title="Refused", severity="error", markup=False, timeout=10)


def licence_label(offering: OfferingProfile) -> str:
    """"open source", "open core" (an open licence beside a proprietary one, as Odoo
    Enterprise over Community) or "proprietary", from the offering's licence fact."""
    if not offering.is_open_source():
        return "proprietary"
    values = offering.facts.licence.values if offering.facts.licence else []
    return "open core" if any(v.lower() == "proprietary" for v in values) else "open source"


def _answers_key(answers: list) -> tuple:
    """What a row's RFP cell shows, as a key for the row cache."""
    return tuple(sorted((a.kind, a.to_decide) for a in answers))


def import_text(result) -> Text:  # noqa: ANN001 - an Imported
    """What each workbook recorded and what was refused, as the team reads it in the dialog."""
    from selector.rfp.text import refusal_lines

    t = Text()
    names = {r.id: r.name for r in result.after.offerings}
    for recorded in result.recorded:
        wb = recorded.returned
        if wb.kind == "rfp":
            head = f"{wb.file}: RFP answer for {names.get(wb.offering_id, wb.offering_id)}"
            if wb.respondent:
                head += f", answered by {wb.respondent}"
        else:
            head = f"{wb.file}: demo scores"
        t.append_text(lit(head, "bold"))
        t.append(f"\n  {plural(len(wb.claims), 'answer')}: {len(recorded.new)} new, "
                 f"{len(recorded.changed)} changed, {len(recorded.updated)} with newer "
                 f"evidence, {len(recorded.unchanged)} already recorded\n")
        for r in result.after.offerings:
            for v in r.claims:
                if v.file == wb.file and v.differs:
                    t.append("  • ")
                    t.append_text(lit(f"{r.name} · {v.criterion_name}: catalog "
                                      f"{v.catalog_text}, claim {v.claimed_text}"))
                    t.append(f" — {v.status_text}\n", style="yellow" if v.status in (
                        "to_decide", "verify_in_demo") else "dim")
    for refusal in result.refused:
        for i, line in enumerate(refusal_lines(refusal)):
            t.append_text(lit(line, "bold red" if i == 0 else "red"))
            t.append("\n")
    if result.recorded:
        t.append("\nA claim counts in the score only once the team accepts it: step 6 lists "
                 "the claims to decide (a accept, c challenge, v verify in a demo).",
                 style="dim")
    return t


def _out_problem(value: str, base: Path) -> str:
    """Why the RFP cannot be written to `value`, or ''."""
    return path_problem(value, _rfp_out_needs, base)


def _rfp_out_needs(path: Path) -> str:
    if path.suffix.lower() == ".xlsx":
        folder = path.parent
    elif path.exists() and not path.is_dir():
        return "is a file that is not a .xlsx workbook"
    else:
        folder = path if path.exists() else path.parent
    if not folder.is_dir():
        return f"folder {display_path(folder)} does not exist"
    return ""


def _workbooks(value: str, base: Path) -> list[Path]:
    """The workbooks `value` names: one file, every .xlsx in a folder, or a pattern."""
    value = value.strip()
    try:
        path = resolve(value, base)
        if any(c in value for c in "*?["):
            return sorted(Path(p) for p in glob.glob(str(path)) if p.lower().endswith(".xlsx"))
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx"
                          and not p.name.startswith((".", "~$")))
        return [path] if path.is_file() else []
    except (OSError, RuntimeError, ValueError):
        return []


def _workbooks_problem(value: str, base: Path) -> str:
    value = value.strip()
    if not value:
        return "required"
    if "\0" in value:
        return "a path cannot contain a NUL character"
    found = _workbooks(value, base)
    if not found:
        return "no .xlsx workbook there (a file, a folder of them, or a pattern)"
    if not all(p.suffix.lower() == ".xlsx" for p in found):
        return "a returned workbook is a .xlsx file"
    return ""
