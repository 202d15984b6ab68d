"""Small helpers for Pilot-driven tests."""

from __future__ import annotations

from textual.pilot import Pilot

from selector.tui.screens.workspace import WorkspaceScreen


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Pilot, condition, timeout: float = 15.0) -> None:  # noqa: ANN001
    waited = 0.0
    while not condition():
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        waited += 0.05
        if waited > timeout:
            raise AssertionError("condition not reached in time")


async def workspace(pilot: Pilot) -> WorkspaceScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorkspaceScreen)
    return screen


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


async def open_step(pilot: Pilot, number: int):  # noqa: ANN201 - (WorkspaceScreen, Step)
    """The workspace moved to step `number` and settled, with that step."""
    ws = await workspace(pilot)
    ws.goto(number)
    await settle(pilot)
    return ws, ws.step(number)


async def focus_until(pilot: Pilot, condition, key: str = "tab", limit: int = 40) -> None:  # noqa: ANN001
    """Press `key` (Tab) until the focused widget satisfies `condition`, as a person would."""
    for _ in range(limit):
        if condition(pilot.app.focused):
            return
        await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"focus never reached the widget (at {pilot.app.focused!r})")
