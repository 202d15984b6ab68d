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

import atexit
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

SHARES = (0.6, 0.5)
"""Of the files, the copy checks this share (the last ones). This process also unpickles the
copy's results as they come (about a third of what checking a file costs), so it takes fewer
files (0.6 to the copy); when the copy also caches them afterwards, this process does not pickle
its own, and the halves take as long (0.5)."""

Checked = tuple[bytes, bytes]
"""A file checked cleanly: the sha256 of its bytes and the pickled (kind, items)."""

Taken = tuple[bytes, bytes, bytes]
"""What the copy hands back: the file's sha256, the pickled result and the result's sha256
(the cache keeps it; hashed in the copy, not here)."""

_RECORD = struct.Struct("<I32s32sQ")  # position, file's sha256, result's sha256, its length


Own = Callable[[int], "Taken | None"]
"""In the copy, after its share: what it made of the file at a position (None if nothing)."""


class OtherCore:
    """A forked copy checking `paths[first:]`; `take` each of those positions in order.

    The copy writes each result into an unnamed file at its own offsets and then sends one
    byte down a pipe, so this process takes results as they come (unpickling one while the
    copy checks the next) and reads nothing half written. If the copy dies, the pipe ends and
    the files it did not finish are checked here.

    With `afterwards`, the copy goes on once its share is handed over (this process is then
    busy with everything after loading): `finish` lets it run to the end, and this process
    waits for it only when it exits. The loader uses it to have the copy write the cache of
    checked files, so this process neither pickles its own share nor writes the pack.
    """

    def __init__(self, pid: int, results: BinaryIO, progress: int, first: int,
                 goes_on: bool) -> None:
        self.first = first
        self._pid: int | None = pid
        self._results = results
        self._progress = progress
        self._offset = 0
        self._usable = True
        self._goes_on = goes_on

    @classmethod
    def start(
        cls,
        paths: Sequence[Path],
        unchecked: int,
        check: Callable[[Path], Checked | None],
        afterwards: Callable[[Own], None] | None = None,
    ) -> OtherCore | None:
        """Fork a copy that checks the last files with `check` (then runs `afterwards`), or
        None when this process should check them all itself. `unchecked` is how many files
        are known to need checking (those the cache cannot hold)."""
        if unchecked < MIN_FILES or not _may_fork():
            return None
        first = len(paths) - int(len(paths) * SHARES[afterwards is not None])
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
            _copy(paths, first, check, results.fileno(), sent, afterwards)
        os.close(sent)
        return cls(pid, results, progress, first, afterwards is not None)

    def take(self, position: int) -> Taken | None:
        """What the copy made of the file at `position`, or None: check it here. Waits for
        the copy to get there."""
        if not self._usable:
            return None
        record = _record(self._results.fileno(), self._offset, ready=self._progress)
        if record is None or record[0] != position - self.first:
            self._usable = False  # the copy died or is out of step: check the rest here
            return None
        _, taken, size = record
        self._offset += size
        return taken

    @property
    def goes_on(self) -> bool:
        """Whether the copy runs `afterwards`: it handed over all its share and lives on."""
        return self._goes_on and self._usable

    def finish(self) -> None:
        """Every file was taken: let the copy go on with `afterwards`, or stop it."""
        if self.goes_on and self._pid is not None:
            atexit.register(_reaped, self._pid)
            self._pid = None
        self.close()

    def close(self) -> None:
        """Stop the copy if it still runs (an interrupted load) and let go of its results."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            _reaped(self._pid)
            self._pid = None
        if self._progress >= 0:
            os.close(self._progress)
            self._progress = -1
        self._results.close()


def _reaped(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _record(results: int, offset: int, ready: int | None = None
            ) -> tuple[int, Taken | None, int] | None:
    """The record at `offset` of the results: (number, what it holds, its size), or None when
    there is none (after waiting for the copy's signal, if `ready` is the pipe)."""
    try:
        if ready is not None and not os.read(ready, 1):
            return None
        header = os.pread(results, _RECORD.size, offset)
        if len(header) != _RECORD.size:
            return None
        number, sha256, digest, length = _RECORD.unpack(header)
        blob = os.pread(results, length, offset + _RECORD.size)
    except OSError:
        return None
    if len(blob) != length:
        return None
    return number, ((sha256, blob, digest) if length else None), _RECORD.size + length


def _may_fork() -> bool:
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except OSError:
        return False


def _copy(
    paths: Sequence[Path],
    first: int,
    check: Callable[[Path], Checked | None],
    results: int,
    sent: int,
    afterwards: Callable[[Own], None] | None,
) -> None:
    """The copy's whole life: check its files, write one record each, run `afterwards`, and
    exit at once (no clean-up of the parent's state: its open files, buffers and exit handlers
    are not ours)."""
    try:
        offset = 0
        where: list[int] = []
        for number, path in enumerate(paths[first:]):
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
            where.append(offset)
            offset += len(record)
            os.write(sent, b"+")
        os.close(sent)  # the parent needs nothing more from us
        if afterwards is not None:

            def own(position: int) -> Taken | None:
                if position < first:
                    return None
                record = _record(results, where[position - first])
                return None if record is None else record[1]

            afterwards(own)
    finally:
        os._exit(0)
