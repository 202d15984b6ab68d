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


def settle_long_lived() -> None:
    """Take what is alive now (a catalog just loaded) out of the collector's walks.

    A session spends hours on one catalog. A full collection walks every object alive, a
    million for 1,000 vendors, so every few what-ifs one of them waited a quarter of a second
    for it. Frozen objects are never walked; reference counting still frees them. Whatever
    an earlier call froze is given back first and collected, so what a previous project left
    behind is freed when the next one opens.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
