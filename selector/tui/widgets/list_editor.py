"""A titled table of items with add / edit / delete, used for every list the team keeps.

The editor only shows rows and reports what the user asked for; the step that owns the list
opens the form and edits the project (messages up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from selector.tui.widgets.fit_table import ColumnSpec, FitTable


class ItemTable(FitTable):
    """A row-cursor table whose a/e/d keys say what the user asked for (ListEditor acts)."""

    BINDINGS = [
        Binding("a", "ask('add')", "Add"),
        Binding("e", "ask('edit')", "Edit"),
        Binding("d,delete", "ask('remove')", "Delete"),
    ]

    @dataclass
    class Asked(Message):
        what: str
        row: int

    def action_ask(self, what: str) -> None:
        if what == "add" or self.row_count:
            self.post_message(self.Asked(what, self.cursor_row))


class ListEditor(Vertical):
    """A list with a title, a table, and buttons for the mouse."""

    DEFAULT_CSS = """
    ListEditor { height: 1fr; }
    ListEditor .list-head { height: 1; }
    ListEditor .list-title { width: 1fr; }
    ListEditor ItemTable { height: 1fr; overflow-x: hidden; }
    ListEditor .list-empty { height: auto; }
    ListEditor Button.mini { min-width: 5; margin: 0 1 0 0; }
    """

    @dataclass
    class _FromEditor(Message):
        """Never posted itself: gives every message `control`, so `@on(..., "#id")` works."""

        editor: ListEditor

        @property
        def control(self) -> ListEditor:
            return self.editor

    @dataclass
    class Add(_FromEditor):
        pass

    @dataclass
    class Edit(_FromEditor):
        index: int

    @dataclass
    class Remove(_FromEditor):
        index: int

    @dataclass
    class Highlighted(_FromEditor):
        index: int

    def __init__(self, title: str, columns: Sequence[str], *, empty: str = "",
                 fit: Sequence[ColumnSpec] = (),
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, classes="list-editor")
        self.title_text = title
        self.columns = list(columns)
        self.empty = empty
        self.fit = tuple(fit) or tuple(1.0 for _ in self.columns)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="list-head"):
            yield Static(Text(self.title_text, style="bold"), classes="list-title")
            for label, suffix in (("+ Add", "add"), ("Edit", "edit"), ("Delete", "del")):
                button = Button(label, classes="mini", compact=True, id=f"{self.id}-{suffix}")
                # for the mouse: Tab goes straight to the list, whose a / e / d do the same
                button.can_focus = False
                yield button
        table = ItemTable(cursor_type="row", zebra_stripes=True, fit=self.fit)
        yield table
        yield Static(Text(self.empty), classes="muted list-empty")

    def on_mount(self) -> None:
        self._columns()

    def _columns(self) -> None:
        """The columns, once: the owner may fill the list before this editor's own mount."""
        if not self.table.columns:
            self.table.add_columns(*self.columns)

    @property
    def table(self) -> ItemTable:
        return self.query_one(ItemTable)

    def set_rows(self, rows: Sequence[Sequence[Text | str]]) -> None:
        self._columns()
        table = self.table
        keep = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(*[cell if isinstance(cell, Text) else Text(str(cell)) for cell in row])
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        self.query_one(".list-empty").display = not rows

    def select(self, index: int) -> None:
        """Put the cursor on row `index` (e.g. the row just added), so the next key acts on it."""
        table = self.table
        if 0 <= index < table.row_count:
            table.move_cursor(row=index)

    @on(Button.Pressed)
    def _buttons(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id or ""
        for suffix, what in (("-add", "add"), ("-edit", "edit"), ("-del", "remove")):
            if bid.endswith(suffix):
                self.table.action_ask(what)

    @on(ItemTable.Asked)
    def _asked(self, event: ItemTable.Asked) -> None:
        event.stop()
        if event.what == "add":
            self.post_message(self.Add(self))
        elif event.what == "edit":
            self.post_message(self.Edit(self, event.row))
        else:
            self.post_message(self.Remove(self, event.row))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Edit(self, event.cursor_row))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, event.cursor_row))
