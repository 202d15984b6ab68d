"""Handing a worker thread's result back to the UI thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.app import App


def back_to_ui(app: App, callback: Callable[..., object], *args: object) -> None:
    """Run `callback(*args)` on the UI thread; nothing to do when the app is closing."""
    with contextlib.suppress(RuntimeError):
        app.call_from_thread(callback, *args)
