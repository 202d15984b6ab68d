"""Step 2 · Context: the questions about the company, each with why it matters, and the team's
own systems to integrate with.

The questions come from the catalog (criteria/questions.toml), so consultants change what is
asked without code. Numbers are the team's own numbers (developers, users, budgets in EUR), a
go-live deadline is a date; an invalid answer is explained next to its field and never saved.
Questions the catalog answers from another step (business areas, the readiness checklist) are
not asked again. The systems are a list the team writes in its own words ("IFS Cloud", "our
POS"), matched against the offerings' listed connectors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.events import DescendantFocus
from textual.widgets import Input, Select, SelectionList, Static

from selector.catalog.project_file import answer_problem
from selector.domain import Question
from selector.domain.project import SystemToIntegrate
from selector.tui import advice
from selector.tui.steps.base import Step
from selector.tui.steps.registry import (
    CONTEXT_SECTIONS,
    EITHER,
    answered_in_step,
    context_questions,
)
from selector.tui.text import lit, para
from selector.tui.widgets.checklist import CheckList
from selector.tui.widgets.form import ConfirmScreen, FormField, FormScreen
from selector.tui.widgets.list_editor import ListEditor
from selector.tui.widgets.validation import Check, model_errors

SECTION_TITLES = {"context": "The company", "integration": "Systems to integrate with",
                  "readiness": "Readiness"}
DIRECTIONS = (("both", "both ways"), ("to_crm", "into the CRM"), ("from_crm", "out of the CRM"))
TIMINGS = (("realtime", "real time"), ("batch", "batch (e.g. nightly)"),
           ("unknown", "not decided"))
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_number(value: str) -> int | float | None:
    """A number as a team types it: `250000`, `250 000`, `250,000`, `1.5`, `1,5`, `2_000`.

    A comma followed by groups of exactly three digits (and no point) separates thousands,
    as in English; any other comma is a decimal comma, as in Swedish or Danish.
    """
    value = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    value = value.replace("_", "")
    if not value:
        return None
    if "," in value and "." in value or re.fullmatch(r"-?\d{1,3}(,\d{3})+", value):
        value = value.replace(",", "")
    else:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() and "." not in value else number


def parse_date(value: str) -> dt.date | None:
    """An ISO date (2027-06-01), else None."""
    value = value.strip()
    if not DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def date_problem(value: str) -> str:
    if not value.strip():
        return ""
    if parse_date(value) is None:
        return "a date like 2027-06-01 (year-month-day)"
    return ""


def shown_number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return f"{value:g}" if abs(value) < 1e15 else str(value)


class QuestionField(Vertical):
    """One question: its text, why it matters, the answer field and any problem with it."""

    def __init__(self, question: Question, value: object) -> None:
        super().__init__(classes="question", id=f"q-{question.id}")
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        q = self.question
        text = lit(q.text, "bold")
        text.no_wrap = False
        if q.unit:
            text.append(f" ({q.unit})", style="dim")
        yield Static(text, classes="q-text")
        yield Static(para("Why: " + q.why), classes="q-why")
        wid = f"a-{q.id}"
        if q.kind == "choice":
            options = [(lit(c.label), c.value) for c in q.choices]
            value = self.value if any(c.value == self.value for c in q.choices) else Select.NULL
            yield Select(options, value=value, prompt="(not answered)", id=wid, compact=True)
        elif q.kind == "boolean":
            value = ("yes" if self.value else "no") if isinstance(self.value, bool) \
                else Select.NULL
            yield Select([(Text("Yes"), "yes"), (Text("No"), "no")], value=value,
                         prompt="(not answered)", id=wid, compact=True)
        elif q.kind == "multi":
            chosen = set(self.value) if isinstance(self.value, list) else set()
            yield CheckList(*[(lit(c.label), c.value, c.value in chosen)
                              for c in q.choices], id=wid, classes="q-multi")
            yield Static(Text("Not answered yet: tick each that applies (Space).",
                              style="italic"), classes="q-unanswered warning-text")
        elif q.kind == "number":
            low, high = q.minimum, q.maximum
            hint = ("a number" if low is None and high is None else
                    f"a number from {low:g} to {high:g}" if low is not None and high is not None
                    else f"a number, at least {low:g}" if low is not None
                    else f"a number, at most {high:g}")
            yield Input(shown_number(self.value), placeholder=hint,
                        id=wid, classes="q-number", compact=True)
        elif q.kind == "date":
            shown = self.value.isoformat() if isinstance(self.value, dt.date) else ""
            yield Input(shown, placeholder="a date: YYYY-MM-DD", id=wid, classes="q-date",
                        compact=True, max_length=10)
        else:
            yield Input(str(self.value or ""), placeholder="your answer", id=wid, compact=True)
        yield Static("", classes="q-note muted", id=f"note-{q.id}")
        yield Static("", classes="field-error", id=f"err-{q.id}")

    def on_mount(self) -> None:
        self.show_answered(bool(self.value))

    def show_answered(self, answered: bool) -> None:
        """Multi-choice questions say so while nothing is ticked (an empty box is no answer)."""
        for hint in self.query(".q-unanswered"):
            hint.display = not answered

    def show_problem(self, message: str) -> None:
        error = self.query_one(f"#err-{self.question.id}", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-shown")

    def show_note(self, message: str) -> None:
        note = self.query_one(f"#note-{self.question.id}", Static)
        note.update(Text(message, style="italic"))
        note.display = bool(message)


class ContextStep(Step):
    number = 2
    focus_names: ClassVar[dict[str, str]] = {"questions": "the questions",
                                             "systems": "the team's systems"}

    def compose(self) -> ComposeResult:
        yield Static(Text("2 · Context: the company and its systems", style="bold"),
                     classes="step-title")
        yield Static(Text("Answers tune the weights and may rule kinds of solution out; "
                          "each says why it is asked. Leave a field to save its answer."),
                     classes="muted")
        yield VerticalScroll(id="questions")

    def refresh_view(self) -> None:
        box = self.query_one("#questions", VerticalScroll)
        questions = context_questions(self.session)
        have = [w.question.id for w in box.query(QuestionField)]
        if have == [q.id for q in questions]:
            self._fill_systems()
            self._deadline_note()
            return  # fields already show the project's answers; rebuilding would drop focus
        box.remove_children()
        widgets: list = []
        elsewhere = [q for q in self.session.catalog.questionnaire.questions
                     if q.answered_by and q.section in CONTEXT_SECTIONS]
        if elsewhere:
            note = Text("Asked in another step, so not here: ", style="dim")
            note.append("; ".join(f"{q.label or q.text} (step {answered_in_step(q)})"
                                  for q in elsewhere), style="dim")
            widgets.append(Static(note, classes="muted", id="asked-elsewhere"))
        self.focus_names = {"questions": "the questions", "systems": "the team's systems",
                            **{f"q-{q.id}": q.label or q.text for q in questions}}
        section = None
        for q in questions:
            if q.section != section:
                section = q.section
                widgets.append(Static(Text(SECTION_TITLES.get(section, section), style="bold"),
                                      classes="section-title"))
                if section == "integration":
                    widgets.append(self._systems_editor())
            widgets.append(QuestionField(q, self.session.project.answers.get(q.id)))
        if section != "integration":
            widgets.append(Static(Text(SECTION_TITLES["integration"], style="bold"),
                                  classes="section-title"))
            widgets.append(self._systems_editor())
        if not questions:
            widgets.append(Static(Text("The catalog has no context questions."),
                                  classes="muted"))
        box.mount_all(widgets)
        self.call_after_refresh(self._fill_systems)
        self.call_after_refresh(self._deadline_note)

    # ----------------------------------------------------------------- systems
    def _systems_editor(self) -> ListEditor:
        return ListEditor("The team's systems", ["System", "Kind", "Direction", "Timing",
                                                 "Connector"],
                          empty="Name each system the CRM must exchange data with (a): the "
                                "ERP, accounting, web shop, e-mail … as you call them.",
                          fit=(2.0, 1.5, 1.2, 1.0, 9), id="systems")

    def _fill_systems(self) -> None:
        editors = self.query("#systems")
        if not editors:
            return
        words = advice.wording()
        kinds = words.SYSTEM_KIND_NAMES
        directions, timings = dict(DIRECTIONS), dict(TIMINGS)
        systems = self.session.project.systems
        editor = editors.first(ListEditor)
        editor.set_rows([(lit(s.name), lit(kinds.get(s.kind, s.kind)),
                          directions.get(s.direction, s.direction),
                          timings.get(s.timing, s.timing),
                          Text("required", style="bold") if s.connector_required else "")
                         for s in systems])
        editor.styles.height = max(5, min(10, len(systems) + 4))

    @on(ListEditor.Add, "#systems")
    def _add_system(self, event: ListEditor.Add) -> None:
        event.stop()
        self._system_form(None)

    @on(ListEditor.Edit, "#systems")
    def _edit_system(self, event: ListEditor.Edit) -> None:
        event.stop()
        self._system_form(event.index)

    @on(ListEditor.Remove, "#systems")
    def _remove_system(self, event: ListEditor.Remove) -> None:
        event.stop()
        p = self.session.project
        index = event.index
        if not 0 <= index < len(p.systems):
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                p.systems = [s for i, s in enumerate(p.systems) if i != index]
                self.changed("system removed")
                self._fill_systems()

        self.app.push_screen(ConfirmScreen("Delete?", f"Delete the system {p.systems[index].name}?",
                                           yes="Delete", no="Keep"), confirmed)

    def _system_form(self, index: int | None) -> None:
        p = self.session.project
        old = p.systems[index] if index is not None else None
        kinds = advice.wording().SYSTEM_KIND_NAMES
        taken = {s.name.strip().casefold() for i, s in enumerate(p.systems) if i != index}
        fields = [
            FormField("name", "System (as the team calls it)", old.name if old else "",
                      required=True, placeholder="e.g. IFS Cloud, Visma Net, our web shop",
                      validators=[Check(lambda v: 1 <= len(v.strip()) <= 200, "1–200 characters"),
                                  Check(lambda v: v.strip().casefold() not in taken,
                                        "already in the list")],
                      help="The product's name finds the offerings with a ready connector."),
            FormField("kind", "Kind of system", old.kind if old else "other", kind="select",
                      required=True, choices=[(label, value) for value, label in kinds.items()]),
            FormField("direction", "Data flows", old.direction if old else "both",
                      kind="select", required=True, choices=[(b, a) for a, b in DIRECTIONS]),
            FormField("timing", "Timing", old.timing if old else "unknown", kind="select",
                      required=True, choices=[(b, a) for a, b in TIMINGS]),
            FormField("connector_required", "A ready connector is a must-have",
                      old.connector_required if old else False, kind="bool",
                      help="Offerings without a listed connector for it are excluded."),
            FormField("note", "Note", old.note if old else "",
                      placeholder="e.g. orders, prices and stock; nightly invoices"),
        ]

        def build(values: dict[str, object]) -> dict[str, object]:
            return {"name": str(values["name"] or "").strip(), "kind": values["kind"],
                    "direction": values["direction"], "timing": values["timing"],
                    "connector_required": bool(values["connector_required"]),
                    "note": str(values["note"] or "")}

        def check(values: dict[str, object]) -> dict[str, str]:
            return model_errors(SystemToIntegrate, build(values))

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            item = SystemToIntegrate.model_validate(build(values))
            if index is None:
                p.systems = [*p.systems, item]
            else:
                p.systems = [item if i == index else s for i, s in enumerate(p.systems)]
            self.changed("system")
            self._fill_systems()
            if index is None:
                self.query_one("#systems", ListEditor).select(len(p.systems) - 1)

        self.app.push_screen(FormScreen("Edit system" if old else "Add a system", fields,
                                        check=check), done)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """A choice list opens below its field: keep the field mid-screen, so the list never
        covers the footer (or runs off the bottom at 80×24)."""
        if isinstance(event.widget, Select):
            self.query_one("#questions", VerticalScroll).scroll_to_center(
                event.widget, animate=False)

    # ----------------------------------------------------------------- answers
    def _field(self, widget_id: str | None) -> QuestionField | None:
        qid = (widget_id or "").removeprefix("a-")
        try:
            return self.query_one(f"#q-{qid}", QuestionField)
        except Exception:  # noqa: BLE001 - not one of ours
            return None

    def _deadline_note(self) -> None:
        """When both ways of giving the deadline are answered, the date field says which
        one counts (the weeks)."""
        answers = self.session.project.answers
        for qid, other in EITHER.items():
            field = self._field(f"a-{qid}")
            if field is None:
                continue
            if qid == "go_live_date" and qid in answers and other in answers:
                field.show_note("The number of weeks above is answered too, and counts: clear "
                                "it for this date to count.")
            else:
                field.show_note("")

    def _set(self, field: QuestionField, value: object) -> None:
        answers = self.session.project.answers
        qid = field.question.id
        if value is None or value == "" or value == []:
            if qid not in answers:
                field.show_problem("")
                return
            answers.pop(qid)
            self.session.project.answers = dict(answers)
        else:
            problem = answer_problem(field.question, value)
            field.show_problem(problem)
            if problem:
                return
            if answers.get(qid) == value and type(answers.get(qid)) is type(value):
                return
            self.session.project.answers = {**answers, qid: value}
        field.show_problem("")
        self._deadline_note()
        self.changed(f"answer {qid}")

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        field = self._field(event.select.id)
        if field is None:
            return
        value = None if event.select.is_blank() else event.value
        if field.question.kind == "boolean" and value is not None:
            value = value == "yes"
        self._set(field, value)

    @on(SelectionList.SelectedChanged)
    def _multi(self, event: SelectionList.SelectedChanged) -> None:
        field = self._field(event.selection_list.id)
        if field is not None:
            field.show_answered(bool(event.selection_list.selected))
            self._set(field, list(event.selection_list.selected))

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        """Explain a wrong number or date while typing; the answer is kept when the field is
        left."""
        field = self._field(event.input.id)
        if field is None:
            return
        raw = event.value.strip()
        if field.question.kind == "date":
            field.show_problem(date_problem(raw))
            return
        if field.question.kind != "number":
            return
        number = parse_number(raw)
        if raw and number is None:
            field.show_problem("must be a number")
        elif number is not None:
            field.show_problem(answer_problem(field.question, number))
        else:
            field.show_problem("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self._commit(event.input)

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        self._commit(event.input)

    def _commit(self, widget: Input) -> None:
        field = self._field(widget.id)
        if field is None:
            return
        raw = widget.value.strip()
        if field.question.kind == "number":
            number = parse_number(raw)
            if raw and number is None:
                field.show_problem("must be a number")
                return
            self._set(field, number)
        elif field.question.kind == "date":
            problem = date_problem(raw)
            if problem:
                field.show_problem(problem)
                return
            self._set(field, parse_date(raw))
        else:
            self._set(field, raw)
