"""One line above the footer that always says where the keys go.

A team at one screen cannot see a thin cursor from across the table: this line says in words
whether typing goes into a field, or keys act on a list, or on the step itself, so nobody types
a sentence into the step keys by accident.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    RadioSet,
    Select,
    SelectionList,
    Tabs,
    Tree,
)

from selector.tui.text import lit
from selector.tui.widgets.list_editor import ListEditor
from selector.tui.widgets.virtual_table import VirtualTable


class FocusLine(Widget):
    """'Typing into: …' / 'Keys act on: …' / 'Keys act on the step: …'.

    One line of fixed height that redraws itself without a new layout: it changes on every
    focus move, and a layout pass of the whole screen per Tab would make Tab slow.
    """

    DEFAULT_CSS = """
    FocusLine { height: 1; background: $boost; color: $text-muted; padding: 0 1; }
    FocusLine.-typing { color: $text; background: $accent 30%; }
    """

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._text = _describe(None, None)

    def render(self) -> Text:
        return self._text

    def show(self, widget: Widget | None, step: Widget | None) -> None:
        text = _describe(widget, step)
        text.no_wrap = True
        text.overflow = "ellipsis"
        if text == self._text:
            return
        self._text = text
        self.set_class(isinstance(widget, Input), "-typing")
        self.refresh()


def _name(widget: Widget, step: Widget | None) -> str:
    names = getattr(step, "focus_names", {}) if step is not None else {}
    for node in (widget, *widget.ancestors):
        if node is step:
            break
        if node.id and node.id in names:
            return names[node.id]
        if isinstance(node, ListEditor):  # a list says what it holds in its own title
            return f"the list “{node.title_text}”"
    if isinstance(widget, Input) and widget.placeholder:
        return widget.placeholder
    if isinstance(widget, Tabs):
        return "the tabs"
    # an id is a word we chose; a class name (ContentTabs, ItemTable) means nothing to a team
    return widget.id.replace("-", " ").replace("_", " ") if widget.id else "this part of the step"


def _describe(widget: Widget | None, step: Widget | None) -> Text:
    if widget is None:
        return Text("Keys: [ ] previous / next step · 1–9 jump · F1 help")
    if widget is step or (step is not None and step not in widget.ancestors
                          and not isinstance(widget, Button)):
        return Text.assemble(("Keys act on the step: ", "bold"),
                             "1–9 jump · [ ] previous / next · Tab reaches the fields · F1 help")
    name = _name(widget, step)
    if isinstance(widget, Input):
        return Text.assemble(("Typing into: ", "bold"), lit(name),
                             " · Enter or Tab keeps it · Esc leaves the field")
    if isinstance(widget, Button):
        return Text.assemble(("Button: ", "bold"), lit(str(widget.label)),
                             " · Enter presses it · Esc leaves")
    if isinstance(widget, Select):
        return Text.assemble(("Choice: ", "bold"), lit(name),
                             " · Enter opens the list · Esc leaves")
    if isinstance(widget, SelectionList | RadioSet | Checkbox):
        return Text.assemble(("Choices: ", "bold"), lit(name),
                             " · ↑/↓ move · Space ticks · Esc leaves")
    if isinstance(widget, Tabs):
        return Text.assemble(("Keys act on: ", "bold"), lit(name),
                             " · ←/→ change tab · Tab goes into it · 1–9 / [ ] change step")
    if isinstance(widget, VerticalScroll):
        return Text.assemble(("Keys act on: ", "bold"), lit(name),
                             " · ↑/↓ scroll · Tab reaches the fields · 1–9 / [ ] change step")
    if isinstance(widget, DataTable | Tree | VirtualTable):
        return Text.assemble(("Keys act on: ", "bold"), lit(name),
                             " · its keys are in the footer · 1–9 / [ ] change step")
    return Text.assemble(("Keys act on: ", "bold"), lit(name))
