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
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, SelectionList, Static

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


DIALOG_CSS = """
.form-screen { align: center middle; }
.form-screen .dialog {
    width: 72; max-width: 95%; height: auto; max-height: 95%;
    border: thick $accent; background: $surface; padding: 0 1;
}
.form-screen .dialog-title { color: $accent; height: 1; margin-bottom: 1; }
.form-screen .dialog-intro { margin-bottom: 1; }
.form-screen .dialog-buttons { height: auto; align-horizontal: right; margin-top: 1; }
.form-screen .dialog-buttons Button { margin-left: 1; }
"""
"""The look every dialog shares: centred, bordered, its buttons at the bottom right."""


Check = Callable[[dict[str, object]], dict[str, str]]
"""Cross-field check: returns {field key: message} for what is wrong (empty when fine)."""


class FormScreen(ModalScreen[dict[str, object] | None]):
    """A modal form. Enter on the last field or Ctrl+S submits; Escape cancels."""

    DEFAULT_CSS = DIALOG_CSS + """
    FormScreen #form-fields { height: auto; max-height: 16; }
    FormScreen #form-fields Input, FormScreen #form-fields Select { margin-bottom: 1; }
    FormScreen #form-fields .field-error { margin-top: -1; }
    FormScreen .field-label { margin-top: 0; text-style: bold; }
    FormScreen .field-help { color: $text-muted; }
    FormScreen .field-error { color: $error; display: none; height: auto; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen .form-multi { height: auto; max-height: 6; border: none; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "OK / save the form", priority=True),
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
        yield Footer()  # the form's own keys, not those of the screen behind it

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
        self.call_after_refresh(self._fit_fields)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_fields)

    def _fit_fields(self) -> None:
        """The fields scroll; the buttons stay on screen. At 80×24 sixteen lines of fields
        under an intro would push OK and Cancel below the bottom edge."""
        import textwrap

        fields = self.query_one("#form-fields")
        height = self.size.height or self.app.size.height
        width = max(20, min(72, int((self.size.width or self.app.size.width) * 0.95)) - 4)
        intro = sum(len(textwrap.wrap(line, width)) or 1
                    for line in self.intro.splitlines()) + 1 if self.intro else 0
        # the dialog takes at most 95% of the screen: its border (2), title (2), buttons (4),
        # the intro, and the footer under it (1) leave the rest to the fields
        room = int(height * 0.95) - 2 - 2 - 4 - intro - 1
        limit = max(3, min(16, room))
        if getattr(self, "_fields_limit", None) != limit:
            self._fields_limit = limit
            fields.styles.max_height = limit

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
    """A yes/no question; Escape means no. The keys are on the buttons and in its footer."""

    DEFAULT_CSS = DIALOG_CSS

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
                yield Button(f"{self.yes_label} (y)", variant="primary", id="yes")
                yield Button(f"{self.no_label} (n)", id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#yes").focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True)
class Choice:
    """One answer of a ChoiceScreen: the key that picks it, its label and what it returns."""

    key: str
    label: str
    value: str
    variant: Literal["default", "primary", "success", "warning", "error"] = "default"
    detail: str = ""
    """A few words under the button's label: what it does to the file."""


class ChoiceScreen(ModalScreen[str | None]):
    """A question with named answers, each with its own key (shown on its button and in the
    dialog's own footer, so the keys of the screen behind never seem to apply); Escape (or the
    cancel button) returns None."""

    DEFAULT_CSS = DIALOG_CSS + """
    ChoiceScreen .choice-details { height: auto; max-height: 12; margin-bottom: 1; }
    ChoiceScreen .choice-buttons { height: auto; }
    ChoiceScreen .choice-buttons Button { width: auto; margin-bottom: 0; }
    """

    def __init__(self, title: str, message: str, choices: Sequence[Choice], *,
                 cancel: str = "Cancel", details: Sequence[str] = ()) -> None:
        super().__init__(classes="form-screen")
        self.title_text = title
        self.message = message
        self.choices = list(choices)
        self.cancel_label = cancel
        self.details = list(details)
        for choice in self.choices:
            self._bindings.bind(choice.key, f"choose('{choice.value}')", choice.label)
        self._bindings.bind("escape", "choose('')", cancel)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-intro")
            if self.details:
                with VerticalScroll(classes="choice-details"):
                    yield Static(Text("\n".join(self.details)))
            with Vertical(classes="choice-buttons"):
                for choice in self.choices:
                    label = f"{choice.label} ({choice.key})"
                    if choice.detail:
                        label += f": {choice.detail}"
                    yield Button(Text(label), variant=choice.variant, id=f"choice-{choice.value}",
                                 classes="choice")
                yield Button(Text(f"{self.cancel_label} (Esc)"), id="choice-", classes="choice")
        yield Footer()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_choose(self, value: str) -> None:
        self.dismiss(value or None)

    @on(Button.Pressed, ".choice")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose((event.button.id or "choice-").removeprefix("choice-"))


class InfoScreen(ModalScreen[None]):
    """What a longer piece of work did (an RFP import: what each workbook recorded, what was
    refused and why), to read and close with Esc or Enter."""

    DEFAULT_CSS = DIALOG_CSS + """
    InfoScreen .dialog { width: 96; }
    InfoScreen .info-body { height: auto; max-height: 20; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__(classes="form-screen")
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            with VerticalScroll(classes="info-body"):
                yield Static(self.body)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (Esc)", variant="primary", id="close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#close").focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
