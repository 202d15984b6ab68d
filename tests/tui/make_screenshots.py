"""Regenerate docs/images/tui-*.svg from a copy of the example project.

Run from the repository root: `python tests/tui/make_screenshots.py`. Not a test (no test_ prefix).
"""
import asyncio
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, ".")
from selector.catalog.shipped import example_project
from selector.tui.app import CrmSelectorApp
from tests.tui.helpers import settle, workspace

OUT = Path("docs/images")
def CLOCK() -> dt.datetime:  # noqa: N802
    return dt.datetime(2026, 9, 24, 10, 0, tzinfo=dt.UTC)

async def main() -> None:
    folder = Path(tempfile.mkdtemp())
    copy = folder / "nordlys-project.toml"
    shutil.copyfile(example_project(), copy)
    app = CrmSelectorApp(None, recent_file=folder / "recent.json", today=dt.date(2026, 9, 24),
                         clock=CLOCK, n_samples=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.save_screenshot("tui-start.svg", str(OUT))
        app.open_path(copy)
        ws = await workspace(pilot)
        names = {1: "team", 2: "context", 3: "needs", 4: "weights", 5: "candidates", 6: "scores",
                 7: "results", 8: "readiness", 9: "export"}
        for n, name in names.items():
            ws.goto(n)
            await settle(pilot)
            await pilot.pause(0.1)
            app.save_screenshot(f"tui-{n}-{name}.svg", str(OUT))
        ws.goto(7)
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("right", "right", "right")
        await settle(pilot)
        app.save_screenshot("tui-7-what-if.svg", str(OUT))
        await pilot.press("escape")
        await pilot.press("f1")
        await settle(pilot)
        app.save_screenshot("tui-help.svg", str(OUT))
    shutil.rmtree(folder)

asyncio.run(main())
