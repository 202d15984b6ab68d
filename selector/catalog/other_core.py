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
"""What `check` makes of a file: the sha256 of its bytes and the pickled (kind, items), or
the sha256 and b"" for a file the cache already holds. None: a file with a problem."""

Taken = tuple[bytes, bytes, bytes]
"""A record of the copy: the file's sha256, the pickled result and the result's sha256 (the
cache keeps it; hashed in the copy, not here). The result is b"" for a file the cache holds,
and the file's sha256 is all zeros too for a file with a problem."""

NO_FILE = bytes(32)

_RECORD = struct.Struct("<I32s32sQ")  # position, file's sha256, result's sha256, its length
_WRITES, _LEAVES = b"W", b"N"  # the copy's last word: it goes on to `afterwards`, or not


class CopyResults:
    """In the copy, once its share is handed over: its record for each of its positions."""

    def __init__(self, results: int, first: int, offsets: list[int]) -> None:
        self.first = first
        self._results = results
        self._offsets = offsets

    def get(self, position: int) -> Taken | None:
        """The copy's record for `position` (None before `first`, or if it cannot be read)."""
        if position < self.first:
            return None
        record = _record(self._results, self._offsets[position - self.first])
        return None if record is None else record[1]


class OtherCore:
    """A forked copy checking `paths[first:]`; `take` each of those positions in order.

    The copy writes each result into an unnamed file at its own offsets and then sends one
    byte down a pipe, so this process takes results as they come (unpickling one while the
    copy checks the next) and reads nothing half written. If the copy dies, the pipe ends and
    the files it did not finish are checked here.

    With `afterwards`, the copy goes on once its share is handed over, while this process is
    busy with everything after loading: the loader has it write the cache of checked files,
    so this process neither pickles its own share nor writes the pack. The copy says whether
    it goes on (not if most of its files had problems: little would be cached, and this
    process would wait for it at exit); `finish` tells the caller, who writes the pack itself
    when the copy does not.
    """

    def __init__(self, pid: int, results: BinaryIO, progress: int, first: int) -> None:
        self.first = first
        self._pid: int | None = pid
        self._results = results
        self._progress = progress
        self._offset = 0
        self._usable = True

    @classmethod
    def start(
        cls,
        paths: Sequence[Path],
        unchecked: int,
        check: Callable[[Path], Checked | None],
        afterwards: Callable[[CopyResults], None] | None = None,
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
            _copy(paths, first, check, (results.fileno(), sent), afterwards)
        os.close(sent)
        return cls(pid, results, progress, first)

    def take(self, position: int) -> Taken | None:
        """What the copy made of the file at `position`, or None: read it here (from the
        cache, or checked). Waits for the copy to get there."""
        if not self._usable:
            return None
        record = _record(self._results.fileno(), self._offset, ready=self._progress)
        if record is None or record[0] != position - self.first:
            self._usable = False  # the copy died or is out of step: check the rest here
            return None
        _, taken, size = record
        self._offset += size
        return taken if taken[1] else None

    def finish(self) -> bool:
        """Every file was taken: True when the copy goes on with `afterwards` (it is waited
        for at exit), False when it was stopped (it died, had nothing more to do, or left
        `afterwards` to this process)."""
        goes_on = False
        if self._usable and self._pid is not None:
            with contextlib.suppress(OSError):
                goes_on = os.read(self._progress, 1) == _WRITES
        if goes_on:
            atexit.register(_reaped, self._pid)
            self._pid = None
        self.close()
        return goes_on

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
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    except KeyboardInterrupt:  # Ctrl-C while the command waits for the copy: stop it
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _record(results: int, offset: int, ready: int | None = None
            ) -> tuple[int, Taken, int] | None:
    """The record at `offset` of the results: (number, what it holds, its size), or None when
    there is none (after waiting for the copy's signal, if `ready` is the pipe)."""
    try:
        if ready is not None and os.read(ready, 1) != b"+":
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
    return number, (sha256, blob, digest), _RECORD.size + length


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
    files: tuple[int, int],
    afterwards: Callable[[CopyResults], None] | None,
) -> None:
    """The copy's whole life: check its files, write one record each (into `files`: the
    results and the pipe), run `afterwards`, and exit at once (no clean-up of the parent's
    state: its open files, buffers and exit handlers are not ours)."""
    results, sent = files
    try:
        offset = 0
        offsets: list[int] = []
        problems = 0
        for number, path in enumerate(paths[first:]):
            try:
                result = check(path)
            except Exception:  # noqa: BLE001 — the parent checks that file itself
                result = None
            problems += result is None
            sha256, blob = result if result is not None else (NO_FILE, b"")
            digest = hashlib.sha256(blob).digest() if blob else NO_FILE
            record = _RECORD.pack(number, sha256, digest, len(blob)) + blob
            written = 0
            while written < len(record):
                written += os.pwrite(results, record[written:], offset + written)
            offsets.append(offset)
            offset += len(record)
            os.write(sent, b"+")
        goes_on = afterwards is not None and problems * 2 <= len(offsets)
        os.write(sent, _WRITES if goes_on else _LEAVES)
        os.close(sent)  # the parent needs nothing more from us
        if goes_on:
            afterwards(CopyResults(results, first, offsets))
    finally:
        os._exit(0)
