"""Checking part of a large catalog folder on the machine's other core.

The first `rank` of a thousand vendor files after a release (or with the cache off) spends
nearly all its time parsing and validating them, one after another, while a second core
idles. Parsing and validating are pure Python and hold the interpreter lock, so threads do
not help; a forked copy of this process does. It checks the folder's last files and hands
back what each became, pickled, as the cache of checked files stores them; this process
checks the first files meanwhile, then unpickles the copy's results in file order, exactly as
it would read them from a warm cache. The catalog, its problems and their order are those of
a load on one core: a file the copy could not check cleanly (any problem at all, or anything
unexpected) is checked again here, so every message comes from the usual path.

Forking is safe only in a process that runs one Python thread, so the copy is made only then
(the one-shot commands; the UI loads on a worker thread and checks on one core), only on
Linux, with two cores or more, and for enough files to be worth it. numpy's OpenBLAS pool
shuts itself down before a fork (its own fork handler) and the copy never uses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import struct
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

MIN_FILES = 64
"""Fewer files than this check faster than a fork costs (a few milliseconds)."""

SHARE = 0.6
"""Of the files, the copy checks this share (the last ones). This process also unpickles the
copy's results as they come (about a third of what checking a file costs), so it takes
fewer files."""

Checked = tuple[bytes, bytes]
"""A file checked cleanly: the sha256 of its bytes and the pickled (kind, items)."""

Taken = tuple[bytes, bytes, bytes]
"""What the copy hands back: the file's sha256, the pickled result and the result's sha256
(the cache keeps it; hashed in the copy, not here)."""

_RECORD = struct.Struct("<I32s32sQ")  # position, file's sha256, result's sha256, its length


class OtherCore:
    """A forked copy checking `paths[first:]`; `take` each of those positions in order.

    The copy writes each result into an unnamed file at its own offsets and then sends one
    byte down a pipe, so this process takes results as they come (unpickling one while the
    copy checks the next) and reads nothing half written. If the copy dies, the pipe ends and
    the files it did not finish are checked here.
    """

    def __init__(self, pid: int, results: BinaryIO, progress: int, first: int) -> None:
        self.first = first
        self._pid = pid
        self._results = results
        self._progress = progress
        self._offset = 0
        self._usable = True

    @classmethod
    def start(
        cls, paths: Sequence[Path], unchecked: int, check: Callable[[Path], Checked | None]
    ) -> OtherCore | None:
        """Fork a copy that checks the last files with `check`, or None when this process
        should check them all itself. `unchecked` is how many files are known to need
        checking (those the cache cannot hold)."""
        if unchecked < MIN_FILES or not _may_fork():
            return None
        first = len(paths) - int(len(paths) * SHARE)
        try:
            results = tempfile.TemporaryFile()  # noqa: SIM115 — closed by `close`
        except OSError:
            return None
        try:
            progress, sent = os.pipe()
        except OSError:
            results.close()
            return None
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns of any thread in the process; see the module docstring
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            for fd in (progress, sent):
                os.close(fd)
            results.close()
            return None
        if pid == 0:
            os.close(progress)
            _check_in_copy(paths[first:], check, results.fileno(), sent)
        os.close(sent)
        return cls(pid, results, progress, first)

    def take(self, position: int) -> Taken | None:
        """What the copy made of the file at `position`, or None: check it here. Waits for
        the copy to get there."""
        if not self._usable:
            return None
        try:
            ready = os.read(self._progress, 1)
            header = os.pread(self._results.fileno(), _RECORD.size, self._offset)
            if not ready or len(header) != _RECORD.size:
                raise ValueError
            where, sha256, digest, length = _RECORD.unpack(header)
            blob = os.pread(self._results.fileno(), length, self._offset + _RECORD.size)
            if where != position - self.first or len(blob) != length:
                raise ValueError
        except (OSError, ValueError):
            self._usable = False  # the copy died or is out of step: check the rest here
            return None
        self._offset += _RECORD.size + length
        return (sha256, blob, digest) if length else None

    def close(self) -> None:
        """Stop the copy if it still runs (an interrupted load) and let go of its results."""
        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)
        os.close(self._progress)
        self._results.close()


def _may_fork() -> bool:
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except OSError:
        return False


def _check_in_copy(
    paths: Sequence[Path], check: Callable[[Path], Checked | None], results: int, sent: int
) -> None:
    """The copy's whole life: check its files, write one record each, and exit at once (no
    clean-up of the parent's state: its open files, buffers and exit handlers are not ours)."""
    try:
        offset = 0
        for number, path in enumerate(paths):
            try:
                result = check(path)
            except Exception:  # noqa: BLE001 — the parent checks that file itself
                result = None
            sha256, blob = result if result is not None else (bytes(32), b"")
            digest = hashlib.sha256(blob).digest()
            record = _RECORD.pack(number, sha256, digest, len(blob)) + blob
            written = 0
            while written < len(record):
                written += os.pwrite(results, record[written:], offset + written)
            offset += len(record)
            os.write(sent, b"+")
    finally:
        os._exit(0)
