"""A SelectionList whose unticked boxes are empty, so "nothing chosen" looks like it.

Textual's SelectionList draws an `X` in every box and tells ticked from unticked by colour
only; in some themes and terminals every option then looks ticked. Here an unticked box is
blank: `▐ ▌` against `▐X▌`.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton


class CheckList(SelectionList):
    """A SelectionList that shows unticked options with an empty box, and whose first option is
    highlighted when it gets focus, so Space ticks something at once."""

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return strip
        if self.get_option_at_index(index).value in self._selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(" " * len(ToggleButton.BUTTON_INNER), segments[1].style,
                                  segments[1].control)
        return Strip(segments, strip.cell_length)


__all__ = ["CheckList"]
