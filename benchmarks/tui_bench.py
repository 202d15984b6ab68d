"""How fast the terminal UI is for the team: first frame, the example's workspace, re-ranking.

Run from the repository root:

    python benchmarks/tui_bench.py [--runs 5] [--keys 15] [--vendors 1000]

Each start-up figure is the median of `--runs` fresh processes (headless, 120×36), timed from
just before the process is started to the moment the app reports it; the reference in the same
run is a bare Textual app that shows one line (what any Textual UI costs on this machine), so
the ratio holds across machines. "Workspace usable" is the example's step 1 on screen with the
focus in it (the team can type); "first ranking" is when the result is there as well. The key
latencies are measured inside one app on a copy of the
shipped example: from the key press to (a) the screen showing the key's effect and (b) the new
ranking on screen, against one direct `advise` call. Step 5's offerings list is timed on the
shipped catalog and on one of `--vendors` synthetic vendor files (benchmarks/scale.py's copies):
a search key and End/Home, each against the same key on the shipped catalog. Nothing here
asserts: the script reports, benchmarks/README.md records.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys, time
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()
Bare().run(headless=True, size=(120, 36))
"""

FIRST_FRAME = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import selector.tui.app
from selector.tui.app import CrmSelectorApp
class Timed(CrmSelectorApp):
    CSS_PATH = str(Path(selector.tui.app.__file__).with_name("app.tcss"))
    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()
Timed(recent_file=None, n_samples=0).run(headless=True, size=(120, 36))
"""

WORKSPACE = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import selector.tui.app
from selector.tui.app import CrmSelectorApp
class Timed(CrmSelectorApp):
    CSS_PATH = str(Path(selector.tui.app.__file__).with_name("app.tcss"))
    def on_mount(self):
        self.set_interval(0.005, self._check)
    usable = None
    def _check(self):
        ws = self.workspace()
        if ws is None:
            return
        step = ws._steps.get(1)
        if self.usable is None and step is not None and self.focused is not None \
                and step in self.focused.ancestors:
            self.usable = time.time()
        if self.usable is None or ws.ranking.recommendation is None or ws.ranking.updating:
            return
        print(self.usable, time.time(), flush=True)
        self.exit()
Timed(Path({project!r}), n_samples=0).run(headless=True, size=(120, 36))
"""


def timed_process(code: str, env: dict[str, str]) -> list[float]:
    """Seconds from starting the process to each moment it printed."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout
    return [float(x) - start for x in out.strip().splitlines()[-1].split()]


def startup(runs: int, project: Path, env: dict[str, str]) -> dict[str, float]:
    bare, first, usable, ranked = [], [], [], []
    for _ in range(runs):  # interleaved, so a busy moment hits all three alike
        bare += timed_process(BARE, env)
        first += timed_process(FIRST_FRAME.format(root=str(ROOT)), env)
        keys, result = timed_process(WORKSPACE.format(root=str(ROOT), project=str(project)),
                                     env)
        usable.append(keys)
        ranked.append(result)
    return {"bare textual first frame": statistics.median(bare),
            "first frame": statistics.median(first),
            "workspace usable (example)": statistics.median(usable),
            "first ranking (example)": statistics.median(ranked)}


def press(app, key: str) -> None:  # noqa: ANN001
    """A key as the terminal driver delivers it: posted, without waiting for the app to be
    idle (Pilot.press waits for that, which would time more than the key's own work)."""
    from textual import events

    character = {"plus": "+", "minus": "-", "number_sign": "#"}.get(key)
    app.post_message(events.Key(key, character))


async def key_latencies(project: Path, repeats: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from textual.widgets import DataTable

    from selector.tui import advice
    from selector.tui.app import CrmSelectorApp

    app = CrmSelectorApp(project, recent_file=project.with_name("recent.json"), n_samples=0,
                         autosave_delay=30)
    shown, ranked, what_if, direct = [], [], [], []
    async with app.run_test(size=(120, 36)) as pilot:
        while app.workspace() is None or app.workspace().ranking.updating:
            await pilot.pause(0.05)
        ws = app.workspace()
        await pilot.press("4")
        await pilot.pause(0.3)
        table = ws.query_one("#points", DataTable)
        for i in range(repeats):
            before = str(table.get_cell_at((0, 1)))
            start = time.perf_counter()
            press(app, "plus" if i % 2 == 0 else "minus")
            while str(table.get_cell_at((0, 1))) == before:
                await asyncio.sleep(0.001)
            shown.append(time.perf_counter() - start)
            while ws.ranking.updating:
                await asyncio.sleep(0.001)
            ranked.append(time.perf_counter() - start)
            await pilot.pause(0.05)
        await pilot.press("7")
        await pilot.pause(0.3)
        await pilot.press("w")
        step = ws.step(7)
        while step.what_if_pending or step.what_if_rec is None:
            await asyncio.sleep(0.005)
        for i in range(repeats):
            generation = step._what_if_generation
            start = time.perf_counter()
            press(app, "right" if i % 2 == 0 else "left")
            while step._what_if_generation == generation or step.what_if_pending:
                await asyncio.sleep(0.001)
            what_if.append(time.perf_counter() - start)
            await pilot.pause(0.05)
        for _ in range(repeats):
            start = time.perf_counter()
            advice.advise(ws.session.catalog, ws.session.project, n_samples=0)
            direct.append(time.perf_counter() - start)
        await pilot.press("escape")
    return {"weight key → points on screen": statistics.median(shown),
            "weight key → new ranking on screen": statistics.median(ranked),
            "what-if key → new ranking on screen": statistics.median(what_if),
            "one advise call (reference)": statistics.median(direct)}


async def big_catalog(folder: Path, vendors: int, repeats: int) -> dict[str, float]:
    """Step 5 on a consultant's catalog of `vendors` synthetic vendor files (the same copies
    as benchmarks/scale.py): from a key typed into the search, or End in the list, until the
    list shows the result; against the same key on the shipped catalog (the example)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scale import make_catalog

    from selector.catalog import load_project, save_project
    from selector.catalog.shipped import example_project
    from selector.tui.app import CrmSelectorApp
    from selector.tui.steps.candidates import OfferingTable

    make_catalog(vendors, folder / "market")
    project = load_project(example_project()).project
    assert project is not None
    plain = folder / "plain.toml"
    save_project(project, plain)
    project.catalogs.paths = ["market"]
    big = folder / "big.toml"
    save_project(project, big)
    out: dict[str, float] = {}
    for label, path in (("shipped", plain), ("big", big)):
        app = CrmSelectorApp(path, recent_file=folder / "recent.json", n_samples=0,
                             autosave_delay=30)
        async with app.run_test(size=(120, 36)) as pilot:
            while app.workspace() is None or app.workspace().ranking.updating:
                await pilot.pause(0.05)
            ws = app.workspace()
            await pilot.press("5")
            await pilot.pause(0.5)
            table = ws.query_one(OfferingTable)
            search, end = [], []
            for _ in range(repeats):
                await pilot.press("slash")
                # "#" keeps only the synthetic vendors ("Name #17"), so the list changes;
                # backspace brings every offering back
                for key in ("number_sign", "backspace"):
                    before = table.row_count
                    start = time.perf_counter()
                    press(app, key)
                    while table.row_count == before and time.perf_counter() - start < 10:
                        await asyncio.sleep(0.001)
                    await pilot.pause()
                    search.append(time.perf_counter() - start)
                table.focus()
                await pilot.pause()
                for key, target in (("end", table.row_count - 1), ("home", 0)):
                    start = time.perf_counter()
                    press(app, key)
                    while table.cursor != target and time.perf_counter() - start < 10:
                        await asyncio.sleep(0.001)
                    await pilot.pause()
                    end.append(time.perf_counter() - start)
            out[f"search key ({label})"] = statistics.median(search)
            out[f"End/Home in the list ({label})"] = statistics.median(end)
            out[f"offerings ({label})"] = len(ws.session.catalog.offerings)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per start-up figure")
    parser.add_argument("--keys", type=int, default=15, help="key presses per latency figure")
    parser.add_argument("--vendors", type=int, default=1000,
                        help="vendor files in the big catalog for step 5's list")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from selector.catalog.shipped import example_project

    folder = Path(tempfile.mkdtemp(prefix="tui-bench-"))
    project = folder / "example.toml"
    shutil.copyfile(example_project(), project)
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config")}
    try:
        start = startup(args.runs, project, env)
        keys = asyncio.run(key_latencies(project, args.keys))
        listing = asyncio.run(big_catalog(folder, args.vendors, max(3, args.keys // 3)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bare = start["bare textual first frame"]
    direct = keys["one advise call (reference)"]
    rows = [
        ("first frame", start["first frame"], "< 1 s", start["first frame"] / bare),
        ("workspace usable (example)", start["workspace usable (example)"], "< 1.5 s",
         start["workspace usable (example)"] / bare),
        ("first ranking on screen (example)", start["first ranking (example)"], "-",
         start["first ranking (example)"] / bare),
        ("bare Textual app, first frame (reference)", bare, "-", 1.0),
        ("weight key → points on screen", keys["weight key → points on screen"], "< 100 ms",
         keys["weight key → points on screen"] / direct),
        ("weight key → new ranking on screen", keys["weight key → new ranking on screen"],
         "-", keys["weight key → new ranking on screen"] / direct),
        ("what-if key → new ranking on screen", keys["what-if key → new ranking on screen"],
         "-", keys["what-if key → new ranking on screen"] / direct),
        ("one advise call, n_samples=0 (reference)", direct, "-", 1.0),
    ]
    for what in ("search key", "End/Home in the list"):
        for label in ("shipped", "big"):  # each against the same key on the shipped catalog
            count = listing[f"offerings ({label})"]
            value = listing[f"{what} ({label})"]
            rows.append((f"step 5, {what}, {count:,.0f} offerings", value,
                         "-", value / listing[f"{what} (shipped)"]))
    print(f"{'measurement':45} {'median':>10} {'target':>9} {'ratio':>8}")
    for name, value, target, ratio in rows:
        shown = f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
        print(f"{name:45} {shown:>10} {target:>9} {ratio:7.2f}×")
    print(json.dumps({name: round(value, 4) for name, value, _, _ in rows}))


if __name__ == "__main__":
    main()
