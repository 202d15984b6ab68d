"""The step indicator: where the team is, and what is complete, in one clickable line.

At 80 columns not every name fits, so names shrink to numbers around the current step rather
than wrapping: the current step always shows its full name.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class StepBar(Widget):
    """Nine steps, `✓` when complete, the current one highlighted; click a step to go there."""

    DEFAULT_CSS = """
    StepBar { height: 1; width: 1fr; }
    """

    current: reactive[int] = reactive(1)
    complete: reactive[frozenset[int]] = reactive(frozenset())

    @dataclass
    class Selected(Message):
        number: int

    def __init__(self, names: list[str], **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.names = names
        self._spans: list[tuple[int, int, int]] = []

    def _label(self, n: int, full: bool) -> str:
        mark = "✓" if n in self.complete else ""
        name = self.names[n - 1]
        return f"{n} {name}{mark}" if full else f"{n}{mark}"

    def render(self) -> Text:
        width = self.size.width or 80
        full = [True] * len(self.names)
        total = 2 + sum(len(self._label(n, True)) for n in range(1, len(self.names) + 1)) \
            + (len(self.names) - 1) + 2
        # Shrink the names furthest from the current step first.
        order = sorted(range(1, len(self.names) + 1), key=lambda n: -abs(n - self.current))
        for n in order:
            if total <= width:
                break
            if n == self.current:
                continue
            total -= len(self._label(n, True)) - len(self._label(n, False))
            full[n - 1] = False
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for n in range(1, len(self.names) + 1):
            label = self._label(n, full[n - 1])
            start = len(text)
            if n == self.current:
                style = "bold reverse"
                label = f" {label} "
            elif n in self.complete:
                style = "green"
            else:
                style = "dim"
            text.append(label, style=style)
            self._spans.append((start, len(text), n))
            if n < len(self.names):
                text.append(" ")
        return text

    def on_click(self, event: Click) -> None:
        for start, end, n in self._spans:
            if start <= event.x < end:
                self.post_message(self.Selected(n))
                return
