"""A small modal form: labelled fields, validators, and every error shown next to its field.

Forms return plain values (`dict[str, object]`) and never touch the project: the step that opened
the form builds the domain model from them, so pydantic has the last word and a wrong value is
explained rather than crashing the app ("attributes down, messages up").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Validator
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from selector.tui.widgets.checklist import CheckList

FieldKind = Literal["text", "select", "multi", "bool"]


@dataclass
class FormField:
    """One field: its key in the result, the label the user sees, and how it is checked."""

    key: str
    label: str
    value: object = ""
    kind: FieldKind = "text"
    validators: Sequence[Validator] = ()
    placeholder: str = ""
    help: str = ""
    choices: Sequence[tuple[str, str]] = ()  # (label, value) for select / multi
    required: bool = False
    disabled: bool = False
    input_type: Literal["text", "number", "integer"] = "text"
    extra: dict = field(default_factory=dict)


Check = Callable[[dict[str, object]], dict[str, str]]
"""Cross-field check: returns {field key: message} for what is wrong (empty when fine)."""


class FormScreen(ModalScreen[dict[str, object] | None]):
    """A modal form. Enter on the last field or Ctrl+S submits; Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "OK", priority=True),
    ]

    def __init__(
        self, title: str, fields: Sequence[FormField], *, check: Check | None = None,
        submit_label: str = "OK", intro: str = "",
    ) -> None:
        super().__init__(classes="form-screen")
        self.form_title = title
        self.fields = list(fields)
        self.check = check
        self.submit_label = submit_label
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(Text(self.form_title, style="bold"), classes="dialog-title")
            if self.intro:
                yield Static(Text(self.intro), classes="dialog-intro")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    yield Label(Text(f.label + (" *" if f.required else "")), classes="field-label")
                    yield self._widget(f)
                    if f.help:
                        yield Static(Text(f.help), classes="field-help")
                    yield Static("", id=f"error-{f.key}", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.submit_label, variant="primary", id="submit")
                yield Button("Cancel", id="cancel")

    def _widget(self, f: FormField):  # noqa: ANN202 - one of several widget types
        wid = f"field-{f.key}"
        if f.kind == "select":
            options = [(Text(label), value) for label, value in f.choices]
            value = f.value if any(v == f.value for _, v in f.choices) else Select.NULL
            return Select(options, value=value, id=wid, allow_blank=not f.required,
                          disabled=f.disabled, compact=True)
        if f.kind == "multi":
            selected = set(f.value) if isinstance(f.value, list | tuple | set) else set()
            return CheckList(*[(Text(label), value, value in selected)
                               for label, value in f.choices], id=wid, classes="form-multi")
        if f.kind == "bool":
            return Checkbox(Text(f.label), bool(f.value), id=wid)
        return Input(str(f.value if f.value is not None else ""), placeholder=f.placeholder,
                     validators=list(f.validators), id=wid, disabled=f.disabled,
                     type=f.input_type, valid_empty=not f.required, compact=True)

    def on_mount(self) -> None:
        for f in self.fields:
            if not f.disabled:
                self.query_one(f"#field-{f.key}").focus()
                break

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for f in self.fields:
            widget = self.query_one(f"#field-{f.key}")
            if isinstance(widget, Input):
                out[f.key] = widget.value.strip()
            elif isinstance(widget, Select):
                out[f.key] = None if widget.is_blank() else widget.value
            elif isinstance(widget, SelectionList):
                out[f.key] = list(widget.selected)
            elif isinstance(widget, Checkbox):
                out[f.key] = widget.value
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for f in self.fields:
            message = errors.get(f.key, "")
            label = self.query_one(f"#error-{f.key}", Static)
            label.update(Text(message))
            label.set_class(bool(message), "-shown")
            self.query_one(f"#field-{f.key}").set_class(bool(message), "-invalid")

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        values = self.values()
        for f in self.fields:
            widget = self.query_one(f"#field-{f.key}")
            value = values[f.key]
            if f.required and (value is None or value == "" or value == []):
                errors[f.key] = "required"
                continue
            if isinstance(widget, Input) and value:
                result = widget.validate(widget.value)
                if result is not None and not result.is_valid:
                    errors[f.key] = "; ".join(result.failure_descriptions)
        if not errors and self.check is not None:
            errors.update(self.check(values))
        return errors

    @on(Input.Changed)
    def _live(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("field-")
        message = ""
        if event.validation_result is not None and not event.validation_result.is_valid:
            message = "; ".join(event.validation_result.failure_descriptions)
        label = self.query_one(f"#error-{key}", Static)
        label.update(Text(message))
        label.set_class(bool(message), "-shown")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [w for w in self.query(Input) if not w.disabled]
        if inputs and event.input is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        errors = self.errors()
        self.show_errors(errors)
        if errors:
            first = next(f.key for f in self.fields if f.key in errors)
            self.query_one(f"#field-{first}").focus()
            return
        self.dismiss(self.values())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; Escape means no."""

    BINDINGS = [Binding("escape", "no", "No"), Binding("y", "yes", "Yes"), Binding("n", "no", "No")]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="form-screen")
        self.title_text = title
        self.message = message
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-intro")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes_label, variant="primary", id="yes")
                yield Button(self.no_label, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes").focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class QuitScreen(ModalScreen[bool | None]):
    """Unsaved changes on quit: True = save and quit, False = quit without saving, None = stay."""

    BINDINGS = [Binding("escape", "stay", "Stay")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Unsaved changes", style="bold"), classes="dialog-title")
            yield Static(Text("The project has changes that are not saved yet."),
                         classes="dialog-intro")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and quit", variant="primary", id="save")
                yield Button("Quit without saving", variant="error", id="discard")
                yield Button("Stay", id="stay")

    def on_mount(self) -> None:
        self.query_one("#save").focus()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss(None)
