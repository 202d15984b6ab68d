"""A DataTable whose columns fit the width it has: long text is cut with "…", never silently.

Columns are given as a spec, one entry per column: an `int` is a fixed width in cells, a
`float` a share of what is left. The widths are worked out again whenever the table is resized,
so 80 and 200 columns both show every column, and the widest texts end in "…" rather than
pushing the last columns out of sight behind a horizontal scrollbar.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey

ColumnSpec = int | float
MIN_FLEX = 4


def column_widths(spec: Sequence[ColumnSpec], available: int, padding: int) -> list[int]:
    """Cell widths for `spec` in `available` cells (each column also takes 2×`padding`)."""
    fixed = sum(w for w in spec if isinstance(w, int)) + 2 * padding * len(spec)
    shares = [w for w in spec if not isinstance(w, int)]
    room = max(0, available - fixed)
    total = sum(shares) or 1.0
    widths: list[int] = []
    left = room
    flex_seen = 0
    for w in spec:
        if isinstance(w, int):
            widths.append(w)
            continue
        flex_seen += 1
        cells = left if flex_seen == len(shares) else int(room * w / total)
        cells = max(MIN_FLEX, cells)
        left = max(0, left - cells)
        widths.append(cells)
    return widths


class FitTable(DataTable):
    """A DataTable that sizes its columns from a spec and ends cut-off cells with '…'."""

    def __init__(self, *args, fit: Sequence[ColumnSpec] = (), **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fit: tuple[ColumnSpec, ...] = tuple(fit)

    def set_fit(self, fit: Sequence[ColumnSpec]) -> None:
        self.fit = tuple(fit)
        self.fit_columns()

    def add_row(self, *cells: CellType, **kwargs) -> RowKey:  # noqa: ANN003
        return super().add_row(*[_cut(cell) for cell in cells], **kwargs)

    def update_cell_at(self, coordinate, value: CellType, *,  # noqa: ANN001
                       update_width: bool = False) -> None:
        super().update_cell_at(coordinate, _cut(value), update_width=update_width)

    def on_resize(self, event: Resize) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        columns = list(self.columns.values())
        if not self.fit or len(columns) != len(self.fit) or not self.size.width:
            return
        scrollbar = self.styles.scrollbar_size_vertical
        available = self.size.width - scrollbar - self.gutter.width
        for column, width in zip(columns, column_widths(self.fit, available, self.cell_padding),
                                 strict=True):
            column.width = width
            column.auto_width = False
            column.label.no_wrap = True
            column.label.overflow = "ellipsis"
        self._require_update_dimensions = True
        self.refresh()


def _cut(cell: CellType) -> CellType:
    if isinstance(cell, str):
        cell = Text(cell)
    if isinstance(cell, Text):
        cell = cell.copy()
        cell.no_wrap = True
        cell.overflow = "ellipsis"
    return cell


__all__ = ["FitTable", "column_widths"]
