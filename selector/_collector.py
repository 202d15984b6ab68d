"""Pausing Python's cyclic garbage collector while a catalog or a result is built.

Loading a catalog and advising on it make hundreds of thousands of small objects (parsed
tables, pydantic models, result rows) that do not form cycles. The collector runs every 700
new objects and, every so often, walks everything alive: with a thousand vendors in memory it
walks them again and again while they are made, a third of the time of a load or a what-if.
Reference counting still frees everything at once; cycles made meanwhile wait for the next
collection after the pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses in progress, on any thread (the TUI advises on a worker)
_resume = False  # whether the collector was on when the first pause began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; nested and concurrent pauses resume it once, last."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
