"""Regenerate docs/images/tui-*.svg from a copy of the example project, driven by keys.

Run from the repository root: `python tests/tui/make_screenshots.py`. Not a test (no test_ prefix).
"""
import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, ".")
from selector.catalog.shipped import example_project  # noqa: E402
from selector.tui.app import CrmSelectorApp  # noqa: E402
from tests.tui.helpers import settle, until, workspace  # noqa: E402

OUT = Path("docs/images")


def CLOCK() -> dt.datetime:  # noqa: N802
    return dt.datetime(2026, 9, 24, 10, 0, tzinfo=dt.UTC)


async def shoot(app: CrmSelectorApp, pilot, name: str) -> None:  # noqa: ANN001
    await settle(pilot)
    await pilot.pause(0.2)
    app.save_screenshot(name, str(OUT))


async def main() -> None:
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
    folder = Path(tempfile.mkdtemp())
    copy = folder / "nordlys-project.toml"
    shutil.copyfile(example_project(), copy)
    app = CrmSelectorApp(None, recent_file=folder / "recent.json", today=dt.date(2026, 9, 24),
                         clock=CLOCK, n_samples=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await shoot(app, pilot, "tui-start.svg")
        app.open_path(copy)
        ws = await workspace(pilot)
        names = {1: "team", 2: "context", 3: "needs", 4: "weights", 5: "candidates", 6: "scores",
                 7: "results", 8: "readiness", 9: "export"}
        for n, name in names.items():
            await pilot.press(str(n))
            await shoot(app, pilot, f"tui-{n}-{name}.svg")
            if n == 3:  # the must-haves on facts, on their own tab
                await pilot.press("shift+tab", "right")
                await shoot(app, pilot, "tui-3-fact-must-haves.svg")
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("right", "right", "right")
        await until(pilot, lambda: not ws.step(7).what_if_pending)
        await shoot(app, pilot, "tui-7-what-if.svg")
        await pilot.press("escape")
        await pilot.press("f1")
        await shoot(app, pilot, "tui-help.svg")
    shutil.rmtree(folder)

asyncio.run(main())
