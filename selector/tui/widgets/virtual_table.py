"""A table that draws only the rows on screen, for lists as long as a consultant's catalog.

A DataTable builds and measures every row it holds: refilling one with 2,000 offerings on each
key typed into a search field takes a third of a second. This table keeps the rows as plain
data and draws a line only when it is on screen (Textual's line API), so filtering 2,000 rows
and scrolling through them costs what the screen shows, not what the list holds. Its columns
fit the width like `FitTable` (long cells end in "…"); the header stays put while the rows
scroll. It posts `Highlighted` when the cursor moves and `Selected` on Enter or a click.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from selector.tui.widgets.fit_table import ColumnSpec, column_widths

PADDING = 1


@dataclass(frozen=True)
class Row:
    """One row: its cells, and a style for the whole row ("bold" for a group's heading).

    `spans` says how many columns each cell takes (a heading across the columns of the
    rows under it); empty: one each.
    """

    cells: tuple[Text, ...]
    style: str = ""
    spans: tuple[int, ...] = ()


class VirtualTable(ScrollView, can_focus=True):
    """Rows of cells under a fixed header; ↑/↓/PgUp/PgDn/Home/End move the cursor."""

    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor",
                         "virtual-table--cursor-blurred"}
    DEFAULT_CSS = """
    VirtualTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    VirtualTable > .virtual-table--header { background: $boost; text-style: bold; }
    VirtualTable > .virtual-table--cursor { background: $accent 60%; color: $text; }
    VirtualTable > .virtual-table--cursor-blurred { background: $accent 25%; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "ends(-1)", "First", show=False),
        Binding("end", "ends(1)", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Highlighted(Message):
        table: VirtualTable
        row: int

        @property
        def control(self) -> VirtualTable:
            return self.table

    @dataclass
    class Selected(Message):
        table: VirtualTable
        row: int

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(self, columns: Sequence[str], *, fit: Sequence[ColumnSpec],
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.columns = [Text(c) for c in columns]
        self.fit = tuple(fit)
        self.rows: list[Row] = []
        self._lines: dict[tuple[int, int, bool, bool], Strip] = {}

    # ----------------------------------------------------------------- data
    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: Sequence[Row], cursor: int = 0) -> None:
        """Replace every row; the cursor goes to `cursor` (kept inside the list)."""
        self.rows = list(rows)
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.cursor = max(0, min(cursor, len(self.rows) - 1))
        self._follow()
        self.refresh()

    def update_row(self, index: int, row: Row) -> None:
        """Change one row in place (a ✓ after Space), without moving anything."""
        if 0 <= index < len(self.rows):
            self.rows[index] = row
            self._lines = {k: v for k, v in self._lines.items() if k[0] != index}
            self.refresh()

    # ----------------------------------------------------------------- cursor
    def watch_cursor(self, value: int) -> None:
        self._lines = {k: v for k, v in self._lines.items() if not k[2]}
        self._follow()
        self.refresh()
        if self.rows:
            self.post_message(self.Highlighted(self, value))

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _follow(self) -> None:
        """Scroll just enough that the cursor's row is on screen."""
        top = round(self.scroll_y)
        shown = self._visible_rows()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + shown:
            self.scroll_to(y=self.cursor - shown + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self._visible_rows() - 1))

    def action_ends(self, direction: int) -> None:
        if self.rows:
            self.cursor = 0 if direction < 0 else len(self.rows) - 1

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: Click) -> None:
        if event.y == 0:
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor:
                self.post_message(self.Selected(self, row))
            self.cursor = row

    # ----------------------------------------------------------------- drawing
    def on_resize(self, event: Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._follow()

    def watch_has_focus(self, value: bool) -> None:
        self._lines = {k: v for k, v in self._lines.items() if not k[2]}
        self.refresh()

    def _widths(self, width: int) -> list[int]:
        return column_widths(self.fit, width, PADDING)

    def _line(self, cells: Sequence[Text], width: int, style: Style,
              spans: Sequence[int] = ()) -> Strip:
        widths = self._widths(width)
        if spans:
            joined, at = [], 0
            for span in spans:
                joined.append(sum(widths[at:at + span]) + 2 * PADDING * (span - 1))
                at += span
            widths = joined
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for cell, cell_width in zip(cells, widths, strict=False):
            cell = cell.copy()
            cell.no_wrap = True
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append(" " * PADDING)
            line.append_text(cell)
            line.append(" " * PADDING)
        segments = list(line.render(self.app.console))
        return Strip(segments).crop_extend(0, width, style).apply_style(style) if style \
            else Strip(segments).crop_extend(0, width, None)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("virtual-table--header")
            return self._line(self.columns, width, style)
        index = round(self.scroll_y) + y - 1
        if not 0 <= index < len(self.rows):
            return Strip([Segment(" " * width, self.rich_style)], width)
        cursor = index == self.cursor
        key = (index, width, cursor, self.has_focus)
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        row = self.rows[index]
        style = self.rich_style
        if row.style:
            style = style + Style.parse(row.style)
        if cursor:
            style = style + self.get_component_rich_style(
                "virtual-table--cursor" if self.has_focus else "virtual-table--cursor-blurred")
        strip = self._line(row.cells, width, style, row.spans)
        self._lines[key] = strip
        return strip


__all__ = ["Row", "VirtualTable"]
