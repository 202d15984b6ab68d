"""Step 6 · Scores: the shortlist's offerings × criteria, the evidence behind every value, how
much of each offering's score rests on judgement, the vendors' claims to decide, and the
team's overrides.

Every value shown is the one the ranking used, from the Recommendation (`value_text`, with its
unit): the catalog's, a cost worked out for this team, an accepted vendor claim, or the team's
override. A vendor's claim (an RFP answer, a demo) is shown beside the catalog's value and
counts only once the team accepts it (a), challenges it (c) or wants it verified in a demo (v),
decided through `selector.rfp.decide`. An override replaces a value for this project only and
must say why and who: the report lists every override, so no number changes silently.

The step records when the team first saw the scores (weights changed afterwards are flagged in
the report), but only when the team looks at them: staying on the step for a few seconds,
moving in the table or acting on a value. Passing through on the way to another step is not
looking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from selector.domain import OrdinalScale, ScoreOverride
from selector.domain.evidence import SOURCE_KIND_NAMES
from selector.domain.recommendation import CandidateResult, ClaimView, Contribution
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.text import fit_lines, lit, pct, plural, said
from selector.tui.widgets.fit_table import FitTable
from selector.tui.widgets.form import FormField, FormScreen
from selector.tui.widgets.validation import Check, InRange, model_errors

MOVES = frozenset({"up", "down", "left", "right", "pageup", "pagedown", "home", "end"})
SEEN_AFTER_SECONDS = 4.0
"""How long the team stays on the step before it counts as having looked at the scores."""
COLUMN_WIDTH = 14
HEADER_LINES = 2
"""Offering names take two lines over their column: editions of one product differ at the end."""
AWAITING = ("to_decide", "verify_in_demo")
DECISIONS = {"a": "accepted", "c": "challenged", "v": "verify_in_demo", "u": "to_decide"}
JUDGEMENT_ROW = "evidence"


class Decide(Message):
    """The team's decision on a vendor's claim, from a key in the scores or the claims list."""

    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status


class ScoreTable(DataTable):
    """The matrix; the criterion column stays put when the table scrolls sideways."""

    BINDINGS = [
        Binding("e", "override", "Override"),
        Binding("x,delete", "clear", "Remove override"),
        Binding("a", "decide('accepted')", "Accept claim"),
        Binding("c", "decide('challenged')", "Challenge"),
        Binding("v", "decide('verify_in_demo')", "Verify in demo"),
    ]

    @dataclass
    class Override(Message):
        row: int
        column: int

    @dataclass
    class Clear(Message):
        row: int
        column: int

    @dataclass
    class Looked(Message):
        """The team moved the cursor through the scores (not the table refilling itself)."""

    def on_key(self, event: Key) -> None:
        if event.key in MOVES:
            self.post_message(self.Looked())

    def action_override(self) -> None:
        self.post_message(self.Override(*self.cursor_coordinate))

    def action_clear(self) -> None:
        self.post_message(self.Clear(*self.cursor_coordinate))

    def action_decide(self, status: str) -> None:
        self.post_message(Decide(status))


class ClaimTable(FitTable):
    """Every claim recorded, those awaiting the team first; a/c/v/u decide the highlighted one."""

    BINDINGS = [
        Binding("a", "decide('accepted')", "Accept"),
        Binding("c", "decide('challenged')", "Challenge"),
        Binding("v", "decide('verify_in_demo')", "Verify in demo"),
        Binding("u", "decide('to_decide')", "Undecided"),
    ]

    def action_decide(self, status: str) -> None:
        self.post_message(Decide(status))


class ScoresStep(Step):
    number = 6
    focus_names: ClassVar[dict[str, str]] = {"matrix": "the scores table",
                                             "evidence": "the evidence",
                                             "claims": "the vendors' claims",
                                             "scores-tabs": "the tabs"}
    initial_focus = "#matrix"

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self._criteria: list[str] = []
        self._offerings: list[CandidateResult] = []
        self._claim_rows: list[tuple[CandidateResult, ClaimView]] = []
        self._seen_timer: Timer | None = None
        self._shape: tuple = ()
        self._units: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("6 · Scores for the shortlist", style="bold"), classes="step-title")
        yield Static("", id="scores-banner", classes="warning-text")
        with TabbedContent(id="scores-tabs"):
            with TabPane("Scores", id="tab-scores"):
                yield ScoreTable(cursor_type="cell", id="matrix", fixed_columns=1,
                                 header_height=HEADER_LINES)
                with VerticalScroll(id="evidence"):
                    yield Static("", id="evidence-text")
            with TabPane("Claims to decide", id="tab-claims"):
                yield ClaimTable(cursor_type="row", id="claims",
                                 fit=(2.0, 2.0, 1.5, 1.5, 1.6))
                yield Static("", id="claim-detail")

    def mounted(self) -> None:
        self.query_one("#claims", DataTable).add_columns(
            "Offering", "Requirement", "Catalog", "Claim", "Status")

    def entered(self) -> None:
        if self.session.project.history.scores_seen_at is None:
            self._seen_timer = self.set_timer(SEEN_AFTER_SECONDS, self.seen)

    def left(self) -> None:
        if self._seen_timer is not None:
            self._seen_timer.stop()
            self._seen_timer = None

    def seen(self) -> None:
        """The team looked at the scores: record when, once."""
        self.left()
        history = self.session.project.history
        if history.scores_seen_at is not None or not self.display:
            return
        history.scores_seen_at = self.session.now()
        self.session.project.history = history
        self.changed("scores seen")
        self._banner()

    def set_ranking(self, ranking: Ranking) -> None:
        super().set_ranking(ranking)
        if self.is_mounted and self.display:
            self.refresh_view()

    # ----------------------------------------------------------------- view
    def _banner(self) -> None:
        p = self.session.project
        rec = self.recommendation
        banner = Text()
        if self.ranking.updating:
            banner.append("Updating: the values below are from before the last change. ",
                          style="bold reverse yellow")
        if rec is not None:
            summary = sum(1 for r in rec.offerings if not r.detailed)
            if not p.shortlist:
                banner.append("No shortlist yet (step 5): ", style="yellow")
                banner.append("showing every offering" if not summary else
                              f"showing the best {plural(len(self._offerings), 'offering')} "
                              f"of {len(rec.offerings)}", style="yellow")
                banner.append(". ")
        seen = p.history.scores_seen_at
        if seen is None:
            banner.append(f"Not marked as seen yet: staying here {SEEN_AFTER_SECONDS:.0f} s or "
                          "moving in the table records that the team has seen the scores; "
                          "weight changes after that are flagged in the report.", style="dim")
        else:
            banner.append(f"The team first saw these scores on {seen:%Y-%m-%d %H:%M} UTC",
                          style="dim")
            if p.history.weights_locked_at is None:
                banner.append(" with the weights not locked (step 4, l): the report says so.",
                              style="yellow")
            else:
                banner.append("; weight changes after that are flagged in the report.",
                              style="dim")
        self.query_one("#scores-banner", Static).update(banner)

    def _shown(self, rec) -> list[CandidateResult]:  # noqa: ANN001
        """The offerings with their values in full, in the catalog's order (so a column does
        not move when a change re-ranks them)."""
        order = {o.id: i for i, o in enumerate(self.session.catalog.offerings)}
        shown = [r for r in rec.offerings if r.detailed and r.kind == "offering"]
        return sorted(shown, key=lambda r: order.get(r.id, len(order)))

    def refresh_view(self) -> None:
        rec = self.recommendation
        table = self.query_one("#matrix", DataTable)
        if rec is None:
            self._offerings = []
            self._banner()
            table.clear(columns=True)
            self.query_one("#evidence-text", Static).update(
                Text(self.ranking.error or "Ranking…", style="yellow"))
            self._fill_claims()
            return
        self._offerings = self._shown(rec)
        self._banner()
        coordinate = table.cursor_coordinate
        weights = {c.criterion_id: c for c in rec.criteria}
        shape = (tuple(r.id for r in self._offerings), table.size.width)
        if shape != self._shape:
            table.clear(columns=True)
            table.add_column(Text("Criterion (unit;\nelse level 0–5)"), key="criterion")
            for r in self._offerings:
                table.add_column(fit_lines(r.name, COLUMN_WIDTH, HEADER_LINES),
                                 width=COLUMN_WIDTH, key=r.id)
            self._shape = shape
        else:
            table.clear()
        room = max(18, min(36, (self.size.width or 100) // 4 + 4))
        self._units = {c.criterion_id: c.unit for c in rec.criteria}
        self._criteria = [JUDGEMENT_ROW]
        label = Text("Resting on judgement", style="italic")
        table.add_row(label, *[self._judgement_cell(r) for r in self._offerings])
        for group in self.session.catalog.library.groups:
            for criterion in group.criteria:
                cw = weights.get(criterion.id)
                unit = "" if cw is None or cw.unit.startswith("level") else f" ({cw.unit})"
                mark = "*" if cw is not None and cw.computed else ""
                name = criterion.name + mark
                if len(name) + len(unit) > room:
                    name = name[: max(8, room - 1 - len(unit))] + "…"
                style = "dim" if cw is not None and cw.weight == 0 else ""
                cells: list[Text] = [lit(name + unit, style)]
                for r in self._offerings:
                    cells.append(self._cell(r, criterion.id))
                table.add_row(*cells)
                self._criteria.append(criterion.id)
        table.cursor_coordinate = coordinate
        if table.cursor_coordinate.column == 0 and self._offerings:
            table.move_cursor(column=1)
        self._show_evidence(table.cursor_coordinate.row, table.cursor_coordinate.column)
        self._fill_claims()

    def _judgement_cell(self, r: CandidateResult) -> Text:
        if r.evidence is None:
            return Text("–", style="dim")
        rec = self.recommendation
        risky = rec is not None and any(k.kind == "evidence" and r.id in k.applies_to
                                        for k in rec.risks)
        return Text(pct(r.evidence.judgement_share), style="bold yellow" if risky else "",
                    no_wrap=True, overflow="ellipsis")

    def _cell(self, r: CandidateResult, cid: str) -> Text:
        c = _contribution(r, cid)
        if c is None:
            return Text("?", style="dim")
        claims = [v for v in r.claims if v.criterion_id == cid]
        text = Text(no_wrap=True, overflow="ellipsis")
        if c.overridden:
            text.append("✎ ", style="bold magenta")
        elif c.vendor_claim:
            text.append("✓ ", style="green")
        style = "dim italic" if c.judgement and not c.overridden else \
            "dim" if c.confidence == "low" else ""
        text.append_text(lit(in_row_unit(c.value_text, self._units.get(cid, "")), style))
        if any(v.status in AWAITING for v in claims):
            text.append(" ◆", style="bold yellow")
        return text

    def _cell_at(self, row: int, column: int) -> tuple[CandidateResult, str] | None:
        if not 0 <= row < len(self._criteria) or not 1 <= column <= len(self._offerings):
            return None
        return self._offerings[column - 1], self._criteria[row]

    def _show_evidence(self, row: int, column: int) -> None:
        widget = self.query_one("#evidence-text", Static)
        cell = self._cell_at(row, column)
        if cell is None:
            widget.update(Text(
                "Move to a value to see its evidence. e overrides it (with a reason), x removes "
                "an override; a / c / v accept, challenge or send to a demo a vendor's claim "
                "(◆). ✎ the team's own value · ✓ an accepted vendor claim · italic: rests on "
                "judgement alone · * worked out for your team from prices and the cost model.",
                style="dim"))
            return
        r, cid = cell
        t = lit(r.name, "bold")
        if cid == JUDGEMENT_ROW:
            t.append(" · how much rests on judgement\n", style="bold")
            t.append_text(lit(r.evidence.text if r.evidence else "Not assessed."))
            t.append("\nJudgement: no source, or a source marked as someone's judgement. "
                     "Confirm the values that matter in a demo or through the RFP.", style="dim")
            widget.update(t)
            return
        criterion = self.session.catalog.library.criterion(cid)
        t.append_text(lit(f" · {criterion.name}", "bold"))
        c = _contribution(r, cid)
        if c is None:
            t.append("\nNo value in the catalog.", style="dim")
            widget.update(t)
            return
        t.append("\nValue used: ", style="bold")
        t.append_text(lit(c.value_text))
        if c.computed:
            t.append("  (worked out for your team)", style="cyan")
        if c.weight == 0:
            t.append("  (not in the score: won't have)", style="dim")
        t.append("\n")
        t.append_text(lit(c.evidence or "No note."))
        source = c.source_title or (advice.cite(c.source) if c.source else "")
        details = [x for x in (c.source_kind, f"seen {c.observed.isoformat()}" if c.observed
                               else "", f"{c.confidence} confidence", source) if x]
        t.append("\n")
        t.append_text(lit(" · ".join(details), "dim"))
        if c.judgement:
            t.append("  — rests on judgement alone", style="yellow")
        for o in r.overrides:
            if o.criterion_id == cid:
                t.append("\nTeam override ✎: ", style="bold magenta")
                t.append_text(lit(o.text))
        for v in r.claims:
            if v.criterion_id != cid:
                continue
            t.append("\n◆ " if v.status in AWAITING else "\n", style="bold yellow")
            t.append_text(lit(f"{v.source_kind or 'claim'}: catalog {v.catalog_text}, claim "
                              f"{v.claimed_text}", "bold"))
            t.append_text(lit(f" — {v.status_text}", "yellow" if v.status in AWAITING
                              else "green" if v.in_score else "dim"))
            t.append("  a accept · c challenge · v verify in a demo", style="dim")
        widget.update(t)

    # ----------------------------------------------------------------- claims
    def _fill_claims(self) -> None:
        rec = self.recommendation
        table = self.query_one("#claims", DataTable)
        row = table.cursor_row
        table.clear()
        items: list[tuple[CandidateResult, ClaimView]] = []
        if rec is not None:
            for r in rec.offerings:
                items += [(r, v) for v in r.claims]
        items.sort(key=lambda rv: rv[1].status not in AWAITING)
        self._claim_rows = items
        for r, v in items:
            waiting = v.status in AWAITING
            table.add_row(lit(r.name), lit(v.criterion_name), lit(v.catalog_text),
                          lit(v.claimed_text, "bold" if v.differs else ""),
                          Text(v.status_text, style="bold yellow" if waiting else
                               "green" if v.in_score else "dim"))
        if items:
            table.move_cursor(row=min(row, len(items) - 1))
        waiting = sum(1 for _, v in items if v.status in AWAITING)
        tabs = self.query_one("#scores-tabs", TabbedContent)
        tabs.get_tab("tab-claims").label = (f"Claims to decide ({waiting})" if waiting
                                            else "Claims to decide")
        self._claim_detail(table.cursor_row)

    def _claim_detail(self, row: int) -> None:
        widget = self.query_one("#claim-detail", Static)
        if not 0 <= row < len(self._claim_rows):
            widget.update(Text(
                "No vendor claims recorded yet. Step 5 writes the RFP workbooks (x) and "
                "imports what the vendors return (i); a claim that differs from the catalog "
                "waits here for the team: a accept, c challenge, v verify in a demo, "
                "u undecided again.", style="dim"))
            return
        r, v = self._claim_rows[row]
        t = lit(v.text)
        t.append("\n")
        t.append_text(lit(" · ".join(x for x in (
            v.source_kind, v.file, v.by and f"recorded by {v.by}",
            v.observed.isoformat() if v.observed else "") if x), "dim"))
        t.append("\na accept (it counts in the score) · c challenge · v verify in a demo · "
                 "u undecided", style="dim")
        widget.update(t)

    @on(DataTable.RowHighlighted, "#claims")
    def _claim_highlight(self, event: DataTable.RowHighlighted) -> None:
        self._claim_detail(event.cursor_row)

    @on(Decide)
    def _decide_key(self, event: Decide) -> None:
        event.stop()
        focused = self.screen.focused
        if focused is self.query_one("#claims"):
            row = self.query_one("#claims", DataTable).cursor_row
            if 0 <= row < len(self._claim_rows):
                self.decide(*self._claim_rows[row], event.status)
            return
        table = self.query_one("#matrix", DataTable)
        cell = self._cell_at(*table.cursor_coordinate)
        if cell is None:
            return
        r, cid = cell
        claims = [v for v in r.claims if v.criterion_id == cid]
        if not claims:
            self.app.notify("No vendor claim on this value: ◆ marks the values with a claim "
                            "to decide.", markup=False)
            return
        waiting = [v for v in claims if v.status in AWAITING] or claims
        self.decide(r, waiting[0], event.status)

    def decide(self, result: CandidateResult, view: ClaimView, status: str) -> None:
        """Record the team's decision on one claim (`selector.rfp.decide`)."""
        from selector.rfp import decide

        if self._seen_timer is not None:
            self.seen()  # deciding on a value is looking at it
        demo = view.source_kind == SOURCE_KIND_NAMES["demo"]
        problem = ""
        for ref in dict.fromkeys((result.id, result.vendor_id)):
            decision = decide(self.session.project, ref, view.criterion_id, status,  # type: ignore[arg-type]
                              "demo" if demo else "rfp", view.by if demo else None)
            if decision.project is not None:
                self.session.project.claims = list(decision.project.claims)
                self.changed("claim decided")
                self.app.notify(said(f"{result.name} · {view.criterion_name}: "
                                     f"{DECISION_WORDS[status]}."), markup=False, timeout=4)
                return
            problem = problem or decision.problem
        self.app.notify(said(problem), title="Not decided", severity="error", markup=False)

    # ----------------------------------------------------------------- looking and editing
    @on(DataTable.CellHighlighted, "#matrix")
    def _highlight(self, event: DataTable.CellHighlighted) -> None:
        self._show_evidence(event.coordinate.row, event.coordinate.column)

    @on(ScoreTable.Looked)
    def _looked(self) -> None:
        if self._seen_timer is not None:
            self.seen()  # the team moved through the scores: it is looking at them

    @on(ScoreTable.Override)
    def _override_key(self, event: ScoreTable.Override) -> None:
        self.edit(event.row, event.column)

    @on(ScoreTable.Clear)
    def _clear_key(self, event: ScoreTable.Clear) -> None:
        self.clear(event.row, event.column)

    @on(DataTable.CellSelected, "#matrix")
    def _selected(self, event: DataTable.CellSelected) -> None:
        self.edit(event.coordinate.row, event.coordinate.column)

    def _override(self, result: CandidateResult, cid: str) -> ScoreOverride | None:
        """The override that sets this value: the offering's own, else its vendor's."""
        mine = [o for o in self.session.project.overrides if o.criterion == cid]
        return next((o for o in mine if o.vendor == result.id), None) or \
            next((o for o in mine if o.vendor == result.vendor_id), None)

    def edit(self, row: int, column: int) -> None:
        cell = self._cell_at(row, column)
        if cell is None:
            return
        if cell[1] == JUDGEMENT_ROW:
            self.app.notify("This row says how much of each score rests on judgement: move "
                            "to a value (↓) to override it.", markup=False, timeout=5)
            return
        if self._seen_timer is not None:
            self.seen()  # overriding a score is looking at it
        r, cid = cell
        c = _contribution(r, cid)
        if c is not None and c.computed:
            self.app.notify("This value is worked out for your team from the prices and the "
                            "cost model: change the number of users or the horizon in step 2, "
                            "or accept a vendor's quote, rather than overriding it.",
                            title="Worked out, not scored", markup=False, timeout=8)
            return
        p = self.session.project
        criterion = self.session.catalog.library.criterion(cid)
        old = self._override(r, cid)
        ordinal = isinstance(criterion.scale, OrdinalScale)
        scale = "level 0–5" if ordinal else f"{criterion.scale.unit}, not negative"
        people = [(s.name, s.name) for s in p.stakeholders]
        target = old.vendor if old is not None else r.id
        fields = [
            FormField("value", f"Team value ({scale})",
                      f"{old.value:g}" if old else (f"{c.raw_value:g}" if c else ""),
                      required=True, input_type="number",
                      validators=[InRange(0, 5 if ordinal else None)]),
            FormField("rationale", "Why (shown in the report)", old.rationale if old else "",
                      required=True, placeholder="e.g. Demo on 3 March showed no bulk API",
                      validators=[Check(lambda v: len(v.strip()) >= 3,
                                        "at least 3 characters")]),
            FormField("by", "By", old.by if old else (people[0][1] if people else ""),
                      kind="select" if people else "text", choices=people),
        ]

        def build(values: dict[str, object]) -> dict[str, object]:
            return {"vendor": target, "criterion": cid, "value": float(str(values["value"])),
                    "rationale": str(values["rationale"]), "by": str(values["by"] or ""),
                    "at": self.session.now()}

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            item = ScoreOverride.model_validate(build(values))
            p.overrides = [o for o in p.overrides
                           if not (o.vendor == target and o.criterion == cid)] + [item]
            self.changed("override")

        whom = r.name if target == r.id else f"every offering of {r.product or r.name}"
        intro = (f"{whom} · {criterion.name}. "
                 + (f"Catalog value {c.value_text}; evidence: {c.evidence}" if c
                    else "The catalog has no value for this."))
        self.app.push_screen(FormScreen("Override a value", fields, intro=said(intro),
                                        check=lambda v: model_errors(ScoreOverride, build(v))),
                             done)

    def clear(self, row: int, column: int) -> None:
        cell = self._cell_at(row, column)
        if cell is None:
            return
        r, cid = cell
        old = self._override(r, cid)
        if old is None:
            return
        p = self.session.project
        p.overrides = [o for o in p.overrides if o is not old]
        self.changed("override removed")
        if old.vendor != r.id:
            self.app.notify(said(f"The override was on every offering of "
                                 f"{r.product or r.name}: removed for all of them."),
                            markup=False)


DECISION_WORDS = {"accepted": "accepted, it counts in the score",
                  "challenged": "challenged, the catalog's value stays",
                  "verify_in_demo": "to verify in a demo", "to_decide": "undecided again"}


def in_row_unit(value_text: str, unit: str) -> str:
    """A value without the words of the unit its row already names ("EUR 98.09 per
    user-month" in the row "Licence cost (EUR per user-month)" is "98.09"; "level 4" is "4"),
    so the columns stay narrow enough to compare offerings side by side. The evidence pane
    below says the value in full."""
    words = {"level"} if unit.startswith("level") else set(unit.split())
    kept = [w for w in value_text.split() if w not in words]
    return " ".join(kept) or value_text


def _contribution(result: CandidateResult, cid: str) -> Contribution | None:
    return next((c for c in result.contributions if c.criterion_id == cid), None)
