"""The help screen (F1 or ?): the steps, the keys and how saving works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from selector.tui.steps.registry import STEPS

HELP = """\
# CRM Selector: help

**Move between steps**: `[` previous, `]` next, `1`–`9` jump (when not typing in a field),
or click a step in the bar at the top. `Tab` goes round the fields and lists of the step.
The line above the footer always says where your keys go: into a field, to a list, or to the
step. `Ctrl+P` opens the command palette: every command of the project is there.

| key | does |
|---|---|
| `F1` / `?` | this help |
| `Ctrl+S` | save: the file as it is now is the one "quit without saving" goes back to |
| `Ctrl+E` | export the recommendation |
| `Ctrl+T` | light / dark theme |
| `Ctrl+P` | command palette (also: save a screenshot, next to the project) |
| `Ctrl+Q` | quit (asks when something changed since the last save) |
| `Esc` | leave a field (back to the step's list) or close a dialog |

**The steps**:

{steps}

Each step lists its own keys in the footer. A `✓` in the step bar marks a complete step.

**Saving and recovery**: every change is first written to this window's recovery copy
(`PROJECT.toml.HOST-PID.autosave`) and a second later to the project file itself, keeping its
comments; both writes are atomic. If the app or the computer stops in between, opening the
project offers to restore the newer work and shows what it changes. If someone else (another
window, an editor) changed the project file meanwhile, or it is read-only, you are asked
before anything is overwritten. "Quit without saving" puts the file back as it was at your
last `Ctrl+S` (or when you opened it).

**Lists** (stakeholders, areas, objectives, needs): `a` add, `e` or `Enter` edit, `d` delete.
A new row gets the cursor. **Step 3**: in the criteria tree, `m` / `s` / `c` / `w` set must /
should / could / won't for the highlighted criterion. **Step 6**: the scores count as seen
(for the report) once you stay on the step a few seconds or move in the table.
"""


def help_text() -> str:
    return HELP.format(steps="\n".join(f"{s.number}. **{s.title}**: {s.help}" for s in STEPS))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Markdown(help_text())
            yield Static("Esc closes this help.", classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
