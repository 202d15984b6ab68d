"""Step 2 · Context: the questions about the company, each with why it matters.

The questions come from the catalog (criteria/questions.toml), so consultants change what is
asked without code. An invalid answer is explained next to its field and never saved.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.events import DescendantFocus
from textual.widgets import Input, Select, SelectionList, Static

from selector.catalog.project_file import answer_problem
from selector.domain import Question
from selector.tui.steps.base import Step
from selector.tui.steps.registry import ASKED_ELSEWHERE, CONTEXT_SECTIONS, context_questions
from selector.tui.widgets.checklist import CheckList

SECTION_TITLES = {"context": "The company", "integration": "Systems to integrate with",
                  "readiness": "Readiness"}


def parse_number(value: str) -> int | float | None:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() and "." not in value else number


class QuestionField(Vertical):
    """One question: its text, why it matters, the answer field and any problem with it."""

    def __init__(self, question: Question, value: object) -> None:
        super().__init__(classes="question", id=f"q-{question.id}")
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        q = self.question
        text = Text(q.text, style="bold")
        if q.unit:
            text.append(f" ({q.unit})", style="dim")
        yield Static(text, classes="q-text")
        yield Static(Text("Why: " + q.why), classes="q-why")
        wid = f"a-{q.id}"
        if q.kind == "choice":
            options = [(Text(c.label), c.value) for c in q.choices]
            value = self.value if any(c.value == self.value for c in q.choices) else Select.NULL
            yield Select(options, value=value, prompt="(not answered)", id=wid, compact=True)
        elif q.kind == "boolean":
            value = ("yes" if self.value else "no") if isinstance(self.value, bool) \
                else Select.NULL
            yield Select([(Text("Yes"), "yes"), (Text("No"), "no")], value=value,
                         prompt="(not answered)", id=wid, compact=True)
        elif q.kind == "multi":
            chosen = set(self.value) if isinstance(self.value, list) else set()
            yield CheckList(*[(Text(c.label), c.value, c.value in chosen)
                              for c in q.choices], id=wid, classes="q-multi")
            yield Static(Text("Not answered yet: tick each that applies (Space).",
                              style="italic"), classes="q-unanswered warning-text")
        elif q.kind == "number":
            shown = "" if self.value is None else f"{self.value:g}" \
                if isinstance(self.value, int | float) else str(self.value)
            hint = []
            if q.minimum is not None:
                hint.append(f"≥ {q.minimum:g}")
            if q.maximum is not None:
                hint.append(f"≤ {q.maximum:g}")
            yield Input(shown, placeholder="number " + " ".join(hint), id=wid,
                        classes="q-number", compact=True)
        else:
            yield Input(str(self.value or ""), placeholder="your answer", id=wid, compact=True)
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


class ContextStep(Step):
    number = 2
    focus_names: ClassVar[dict[str, str]] = {"questions": "the questions"}

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
            return  # fields already show the project's answers; rebuilding would drop focus
        box.remove_children()
        widgets: list = []
        elsewhere = [q for q in self.session.catalog.questionnaire.questions
                     if q.id in ASKED_ELSEWHERE and q.section in CONTEXT_SECTIONS]
        if elsewhere:
            note = Text("Asked in another step, so not here: ", style="dim")
            note.append("; ".join(f"{q.label or q.text} (step {ASKED_ELSEWHERE[q.id]})"
                                  for q in elsewhere), style="dim")
            widgets.append(Static(note, classes="muted"))
        self.focus_names = {"questions": "the questions",
                            **{f"q-{q.id}": q.label or q.text for q in questions}}
        section = None
        for q in questions:
            if q.section != section:
                section = q.section
                widgets.append(Static(Text(SECTION_TITLES.get(section, section), style="bold"),
                                      classes="section-title"))
            widgets.append(QuestionField(q, self.session.project.answers.get(q.id)))
        if not questions:
            widgets.append(Static(Text("The catalog has no context questions."),
                                  classes="muted"))
        box.mount_all(widgets)

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
        """Explain a wrong number while typing; the answer is kept when the field is left."""
        field = self._field(event.input.id)
        if field is None or field.question.kind != "number":
            return
        raw = event.value.strip()
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
        else:
            self._set(field, raw)
