"""The step indicator: where the team is, and what is complete, clickable.

Every step keeps its number and name at any width: when the names do not fit on one line,
shorter names are used, and when even those do not fit (80 columns) the bar takes two lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.events import Click, Resize
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class StepBar(Widget):
    """The steps, `✓` when complete, the current one highlighted; click a step to go there."""

    DEFAULT_CSS = """
    StepBar { height: 1; width: 1fr; background: $boost; padding: 0 1; }
    """

    current: reactive[int] = reactive(1)
    complete: reactive[frozenset[int]] = reactive(frozenset())

    @dataclass
    class Selected(Message):
        number: int

    def __init__(self, names: Sequence[tuple[str, str]], **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.names = list(names)  # (name, shorter name) per step
        self._spans: list[tuple[int, int, int, int]] = []  # line, start, end, step

    def _label(self, n: int, tiny: bool) -> str:
        mark = "✓" if n in self.complete else ""
        name = self.names[n - 1][1 if tiny else 0]
        label = f"{n} {name}{mark}"
        return f" {label} " if n == self.current else label

    def _width(self, numbers: Sequence[int], tiny: bool) -> int:
        return sum(len(self._label(n, tiny)) for n in numbers) + len(numbers) - 1

    def _lines(self, width: int) -> tuple[list[list[int]], bool]:
        steps = list(range(1, len(self.names) + 1))
        for tiny in (False, True):
            if self._width(steps, tiny) <= width:
                return [steps], tiny
        half = (len(steps) + 1) // 2
        return [steps[:half], steps[half:]], False

    def _fit(self) -> None:
        width = self.content_region.width or 78
        lines, _ = self._lines(width)
        self.styles.height = len(lines)

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def watch_complete(self) -> None:
        self._fit()

    def watch_current(self) -> None:
        self._fit()

    def render(self) -> Text:
        width = self.content_region.width or 78
        lines, tiny = self._lines(width)
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for row, numbers in enumerate(lines):
            if row:
                text.append("\n")
            column = 0
            for i, n in enumerate(numbers):
                label = self._label(n, tiny)
                if n == self.current:
                    style = "bold reverse"
                elif n in self.complete:
                    style = "green"
                else:
                    style = "dim"
                text.append(label, style=style)
                self._spans.append((row, column, column + len(label), n))
                column += len(label)
                if i < len(numbers) - 1:
                    text.append(" ")
                    column += 1
        return text

    def on_click(self, event: Click) -> None:
        for row, start, end, n in self._spans:
            if row == event.y and start <= event.x < end:
                self.post_message(self.Selected(n))
                return
