"""Step 6 · Scores: the shortlist × criteria matrix, the catalog's evidence, the team's overrides.

An override replaces the catalog's value for this project only and must say why and who: the
report lists every override, so no number changes silently. The step records when the team
first saw the scores (weights changed afterwards are flagged in the report), but only when the
team looks at them: staying on the step for a few seconds, or moving in the table. Passing
through on the way to another step is not looking.
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
from textual.widgets import DataTable, Static

from selector.domain import Criterion, OrdinalScale, ScoreOverride, VendorProfile
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.text import lit
from selector.tui.widgets.form import FormField, FormScreen
from selector.tui.widgets.validation import Check, InRange, model_errors


def catalog_value(criterion: Criterion, value: float) -> str:
    """'2 (level 2 — As 1, plus …)' for ordinal scales, '12 weeks' for measured ones."""
    if isinstance(criterion.scale, OrdinalScale):
        level = criterion.scale.levels[max(0, min(5, round(value)))]
        return f"{value:g} (level {level})"
    return f"{value:g} {criterion.scale.unit}"


MOVES = frozenset({"up", "down", "left", "right", "pageup", "pagedown", "home", "end"})
SEEN_AFTER_SECONDS = 4.0
"""How long the team stays on the step before it counts as having looked at the scores."""


class ScoreTable(DataTable):
    """The matrix; the criterion column stays put when the table scrolls sideways."""

    BINDINGS = [
        Binding("e", "override", "Override score"),
        Binding("x,delete", "clear", "Remove override"),
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


class ScoresStep(Step):
    number = 6
    focus_names: ClassVar[dict[str, str]] = {"matrix": "the scores table",
                                             "evidence": "the evidence"}

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self._criteria: list[str] = []
        self._vendors: list[str] = []
        self._seen_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("6 · Scores for the shortlist", style="bold"), classes="step-title")
        yield Static("", id="scores-banner", classes="warning-text")
        yield ScoreTable(cursor_type="cell", id="matrix", fixed_columns=1)
        with VerticalScroll(id="evidence"):
            yield Static("", id="evidence-text")

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

    def _shown_vendors(self) -> list[VendorProfile]:
        catalog = self.session.catalog
        known = {v.id for v in catalog.vendors}
        shortlist = [i for i in self.session.project.shortlist if i in known]
        if shortlist:
            return [catalog.vendor(i) for i in shortlist]
        return list(catalog.vendors)

    def _override(self, vid: str, cid: str) -> ScoreOverride | None:
        for o in self.session.project.overrides:
            if o.vendor == vid and o.criterion == cid:
                return o
        return None

    def _banner(self) -> None:
        p = self.session.project
        banner = Text()
        if not p.shortlist:
            banner.append("No shortlist yet (step 5): showing every vendor. ", style="yellow")
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

    def refresh_view(self) -> None:
        self._banner()
        vendors = self._shown_vendors()
        table = self.query_one("#matrix", DataTable)
        coordinate = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Criterion (unit)")
        for v in vendors:
            table.add_column(lit(v.name if len(v.name) <= 14 else v.name[:13] + "…"))
        self._vendors = [v.id for v in vendors]
        self._criteria = []
        room = max(20, min(34, (self.size.width or 100) // 3))  # the rest is for the scores
        for group in self.session.catalog.library.groups:
            for criterion in group.criteria:
                unit = "" if isinstance(criterion.scale, OrdinalScale) \
                    else f" ({criterion.scale.unit})"
                name = criterion.name
                if len(name) + len(unit) > room:
                    name = name[: max(8, room - 1 - len(unit))] + "…"
                cells: list[Text] = [lit(name + unit)]
                for v in vendors:
                    o = self._override(v.id, criterion.id)
                    score = v.scores.get(criterion.id)
                    if o is not None:
                        cells.append(Text(f"✎ {o.value:g}", style="bold magenta"))
                    elif score is None:
                        cells.append(Text("?", style="dim"))
                    else:
                        style = "dim" if score.confidence == "low" else ""
                        cells.append(Text(f"{score.value:g}", style=style))
                table.add_row(*cells)
                self._criteria.append(criterion.id)
        if self._criteria:
            table.cursor_coordinate = coordinate
            if table.cursor_coordinate.column == 0 and vendors:
                table.move_cursor(column=1)
        self._show_evidence(table.cursor_coordinate.row, table.cursor_coordinate.column)

    def _cell(self, row: int, column: int) -> tuple[str, str] | None:
        if not 0 <= row < len(self._criteria) or not 1 <= column <= len(self._vendors):
            return None
        return self._vendors[column - 1], self._criteria[row]

    def _show_evidence(self, row: int, column: int) -> None:
        text_widget = self.query_one("#evidence-text", Static)
        cell = self._cell(row, column)
        if cell is None:
            text_widget.update(Text("Move to a score to see its evidence. e overrides it "
                                    "(with a reason), x removes an override. ✎ marks the "
                                    "team's own scores.", style="dim"))
            return
        vid, cid = cell
        vendor = self.session.catalog.vendor(vid)
        criterion = self.session.catalog.library.criterion(cid)
        t = Text()
        t.append(f"{vendor.name} · {criterion.name}\n", style="bold")
        score = vendor.scores.get(cid)
        if score is not None:
            t.append("Catalog value: ", style="bold")
            t.append(catalog_value(criterion, score.value))
            t.append(f"\nEvidence ({score.confidence} confidence"
                     + (f", as of {score.as_of}" if score.as_of else "") + "): ")
            t.append(score.note)
            if score.source:
                t.append(f"\nSource: {advice.cite(score.source)}", style="dim")
        override = self._override(vid, cid)
        if override is not None:
            t.append("\nTeam override ✎: ", style="bold magenta")
            t.append(f"{override.value:g} — ")
            t.append(override.rationale)
            who = override.by + (f", {override.at:%Y-%m-%d}" if override.at else "")
            if who:
                t.append(f" ({who})", style="dim")
        text_widget.update(t)

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

    def edit(self, row: int, column: int) -> None:
        cell = self._cell(row, column)
        if cell is None:
            return
        if self._seen_timer is not None:
            self.seen()  # overriding a score is looking at it
        vid, cid = cell
        p = self.session.project
        vendor = self.session.catalog.vendor(vid)
        criterion = self.session.catalog.library.criterion(cid)
        old = self._override(vid, cid)
        catalog_score = vendor.scores.get(cid)
        ordinal = isinstance(criterion.scale, OrdinalScale)
        scale = "level 0–5" if ordinal else f"{criterion.scale.unit}, not negative"
        people = [(s.name, s.name) for s in p.stakeholders]
        fields = [
            FormField("value", f"Team score ({scale})",
                      f"{old.value:g}" if old else (f"{catalog_score.value:g}"
                                                    if catalog_score else ""),
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
            return {"vendor": vid, "criterion": cid, "value": float(str(values["value"])),
                    "rationale": str(values["rationale"]), "by": str(values["by"] or ""),
                    "at": self.session.now() if self.session else None}

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            item = ScoreOverride.model_validate(build(values))
            p.overrides = [o for o in p.overrides
                           if not (o.vendor == vid and o.criterion == cid)] + [item]
            self.changed("override")
            self.refresh_view()

        intro = (f"{vendor.name} · {criterion.name}. "
                 + (f"Catalog value {catalog_value(criterion, catalog_score.value)}; "
                    f"evidence: {catalog_score.note}" if catalog_score
                    else "The catalog has no score for this."))
        self.app.push_screen(FormScreen("Override a score", fields, intro=intro,
                                        check=lambda v: model_errors(ScoreOverride, build(v))),
                             done)

    def clear(self, row: int, column: int) -> None:
        cell = self._cell(row, column)
        if cell is None or self._override(*cell) is None:
            return
        vid, cid = cell
        p = self.session.project
        p.overrides = [o for o in p.overrides if not (o.vendor == vid and o.criterion == cid)]
        self.changed("override removed")
        self.refresh_view()
