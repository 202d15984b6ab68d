"""The help screen (F1 or ?): the steps, the keys and how saving works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

HELP = """\
# CRM Selector: help

**Move between steps**: `[` previous, `]` next, `1`–`9` jump (when not typing in a field),
or click a step in the bar at the top. `Tab` moves between fields. `Ctrl+P` opens the command
palette: every command of the project is there.

| key | does |
|---|---|
| `F1` / `?` | this help |
| `Ctrl+S` | save now (the project also saves itself a second after every change) |
| `Ctrl+E` | export the recommendation |
| `Ctrl+T` | light / dark theme |
| `Ctrl+P` | command palette |
| `Ctrl+Q` | quit (asks when something is unsaved) |
| `Esc` | leave a field or close a dialog |

**The steps**: 1 Team & objectives · 2 Context · 3 Needs & requirements · 4 Weights ·
5 Candidates · 6 Scores · 7 Results · 8 Readiness · 9 Export. Each step lists its own keys in the
footer. A `✓` in the step bar marks a complete step.

**Saving and recovery**: every change is first written to `PROJECT.toml.autosave` and a second
later to the project file itself, both atomically. If the app or the computer stops in
between, opening the project offers to restore the newer work.

**Lists** (stakeholders, areas, objectives, needs): `a` add, `e` or `Enter` edit, `d` delete.
A new row gets the cursor. **Step 3**: in the criteria tree, `m` / `s` / `c` / `w` set must /
should / could / won't for the highlighted criterion.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Markdown(HELP)
            yield Static("Esc closes this help.", classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
