"""Step 6 · Scores: the shortlist × criteria matrix, the catalog's evidence, the team's overrides.

An override replaces the catalog's value for this project only and must say why and who: the
report lists every override, so no number changes silently. Opening this step records when the
team first saw scores, which is how weights changed afterwards get flagged.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from selector.domain import Criterion, OrdinalScale, ScoreOverride, VendorProfile
from selector.tui import advice
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


class ScoreTable(DataTable):
    BINDINGS = [
        Binding("e", "override", "Override score"),
        Binding("x,delete", "clear", "Remove override"),
    ]

    def _step(self) -> ScoresStep:
        return next(a for a in self.ancestors if isinstance(a, ScoresStep))

    def action_override(self) -> None:
        self._step().edit(self.cursor_coordinate.row, self.cursor_coordinate.column)

    def action_clear(self) -> None:
        self._step().clear(self.cursor_coordinate.row, self.cursor_coordinate.column)


class ScoresStep(Step):
    number = 6
    title = "Scores"
    short = "Scores"

    def __init__(self) -> None:
        super().__init__()
        self._criteria: list[str] = []
        self._vendors: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("6 · Scores for the shortlist", style="bold"), classes="step-title")
        yield Static("", id="scores-banner", classes="warning-text")
        yield ScoreTable(cursor_type="cell", id="matrix")
        with VerticalScroll(id="evidence"):
            yield Static("", id="evidence-text")

    def entered(self) -> None:
        assert self.session is not None
        history = self.session.project.history
        if history.scores_seen_at is None:
            history.scores_seen_at = self.session.now()
            self.session.project.history = history
            self.changed("scores seen")
        super().entered()

    def _shown_vendors(self) -> list[VendorProfile]:
        assert self.session is not None
        catalog = self.session.catalog
        known = {v.id for v in catalog.vendors}
        shortlist = [i for i in self.session.project.shortlist if i in known]
        if shortlist:
            return [catalog.vendor(i) for i in shortlist]
        return list(catalog.vendors)

    def _override(self, vid: str, cid: str) -> ScoreOverride | None:
        assert self.session is not None
        for o in self.session.project.overrides:
            if o.vendor == vid and o.criterion == cid:
                return o
        return None

    def refresh_view(self) -> None:
        if self.session is None:
            return
        p = self.session.project
        banner = Text()
        if not p.shortlist:
            banner.append("No shortlist yet (step 5): showing every vendor. ")
        if p.history.weights_locked_at is None:
            banner.append("Weights are not locked (step 4, l): scores seen now will be noted in "
                          "the report if weights change later.")
        self.query_one("#scores-banner", Static).update(banner)
        self.query_one("#scores-banner").display = bool(banner)
        vendors = self._shown_vendors()
        table = self.query_one("#matrix", DataTable)
        coordinate = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Criterion")
        for v in vendors:
            table.add_column(lit(v.name if len(v.name) <= 14 else v.name[:13] + "…"))
        self._vendors = [v.id for v in vendors]
        self._criteria = []
        for group in self.session.catalog.library.groups:
            for criterion in group.criteria:
                name = criterion.name if len(criterion.name) <= 28 else criterion.name[:27] + "…"
                cells: list[Text] = [lit(name)]
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
        assert self.session is not None
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

    @on(DataTable.CellSelected, "#matrix")
    def _selected(self, event: DataTable.CellSelected) -> None:
        self.edit(event.coordinate.row, event.coordinate.column)

    def edit(self, row: int, column: int) -> None:
        assert self.session is not None
        cell = self._cell(row, column)
        if cell is None:
            return
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
        assert self.session is not None
        cell = self._cell(row, column)
        if cell is None or self._override(*cell) is None:
            return
        vid, cid = cell
        p = self.session.project
        p.overrides = [o for o in p.overrides if not (o.vendor == vid and o.criterion == cid)]
        self.changed("override removed")
        self.refresh_view()
