"""A cache of checked catalog files, so a large catalog loads in a blink the second time.

Parsing and validating a thousand vendor files takes most of a `rank`; between two runs a
consultant changes a few of them. Each file that loaded without a single problem is kept here
as what it became (its validated items), under the checksum of its bytes and a fingerprint of
the code that checks files, one pack per catalog folder. A file is never served from the cache
unless it holds exactly the bytes that were checked, by exactly this code: a changed file, a
new release or an edited model is checked afresh. Files with problems are never cached, so
every problem is always found and reported with its line.

The cache is an optimisation only: safe to delete at any time, silently skipped when its
folder cannot be written, and never trusted when someone else could have written it. Where it
lives: `CRM_SELECTOR_CACHE` if set (`off` turns it off), else the platform's cache folder
(`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
Windows), in `crm-selector/checked-files/`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import stat
import struct
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

OFF = ("off", "0", "no", "false", "")
KEPT_VERSIONS = 3
"""Fingerprint folders kept besides the current one: a few releases or checkouts used in turn
keep their caches; older ones are deleted so the cache does not grow with every upgrade."""

_MAGIC = b"crm-selector checked files 3\n"


def cache_root() -> Path | None:
    """The folder that holds the cache, or None when the user turned it off."""
    chosen = os.environ.get("CRM_SELECTOR_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in OFF else Path(chosen).expanduser()
    try:
        home = Path.home()
    except RuntimeError:  # no home folder (a service account without one): no cache
        return None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"
    return base / "crm-selector"


@functools.cache
def code_fingerprint() -> str:
    """What decides how a file is checked: the code of the domain models and the catalog,
    and the versions of Python and pydantic. Any change gives a new fingerprint."""
    import pydantic
    import pydantic_core

    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{pydantic.VERSION}|{pydantic_core.__version__}".encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("domain", "catalog"):
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


class CheckedFiles:
    """The cache of one catalog folder: `get` what a file became, `put` it once checked, and
    `save` once the folder is read (or `close` to leave the pack as it was).

    A folder's entries live in one file (a pack): a thousand small files cost a millisecond
    each to create on some disks, a second for a catalog, while one file of the same bytes is
    written in milliseconds. The pack is rewritten only when something changed, and then holds
    exactly the files the folder holds now, so entries of deleted or edited files do not pile
    up. Entries are read one at a time from the pack (and new ones spooled to a temporary
    file), never the whole pack into memory: for 5,000 vendor files it is 130 MB.
    """

    def __init__(self, pack: Path) -> None:
        self.pack = pack
        self._pack_file: BinaryIO | None = None
        self._stored: dict[str, _Entry] | None = None
        self._kept: dict[str, _Entry] = {}
        self._spool: BinaryIO | None = None
        self._changed = False
        self._elsewhere: list[tuple[str, str, list[Any]]] | None = None  # left to a copy

    @classmethod
    def open(cls, folder: Path) -> CheckedFiles | None:
        """The cache for catalog `folder`, or None when it is off, its folder is missing and
        cannot be made, or it could have been written by someone else (then nothing in it is
        unpickled)."""
        root = cache_root()
        if root is None:
            return None
        versions = root / "checked-files"
        try:
            current = versions / code_fingerprint()
            if not current.is_dir():
                root.mkdir(parents=True, mode=0o700, exist_ok=True)
                versions.mkdir(mode=0o700, exist_ok=True)
                current.mkdir(mode=0o700, exist_ok=True)
                _forget_old_versions(versions, keep=current)
            if not all(_private(f) for f in (root, versions, current)):
                return None
            os.utime(current)  # the most recently used versions are the ones kept
            _forget_unfinished(current)
            where = os.path.realpath(folder)
        except OSError:
            return None
        name = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return cls(current / f"{name}.pickle")

    def __enter__(self) -> CheckedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, sha256: str) -> tuple[str, list[Any]] | None:
        """What the file with these bytes became: its kind and its items, or None."""
        if self._stored is None:
            self._pack_file, self._stored = _open_pack(self.pack)
        entry = self._stored.get(sha256)
        blob = _read(entry) if entry is not None else None
        if entry is None or blob is None:
            return None
        try:
            kind, items = pickle.loads(blob)
        except Exception:  # noqa: BLE001 — an unreadable entry is only a cache miss
            return None
        if not isinstance(kind, str) or not isinstance(items, list):
            return None
        self._kept[sha256] = entry
        return kind, items

    def known(self) -> frozenset[str]:
        """The checksums of every file the pack holds."""
        if self._stored is None:
            self._pack_file, self._stored = _open_pack(self.pack)
        return frozenset(self._stored)

    def stored(self, sha256: str) -> tuple[bytes, bytes] | None:
        """An entry of the pack as it was when opened, still pickled, and its sha256."""
        entry = (self._stored or {}).get(sha256)
        blob = _read(entry) if entry is not None else None
        return None if blob is None or entry is None else (blob, entry.digest)

    def leave_writing(self) -> None:
        """Another process writes this pack (the copy that checks files on the other core):
        `put` only notes what it is given (not pickled), `put_pickled` and `save` do nothing,
        unless `resume_writing` is called because the copy died."""
        self._elsewhere = []

    def resume_writing(self) -> None:
        """Write this pack here after all: what `put` noted is kept for `save` (what the copy
        handed over before it died is not: those files are checked again next time)."""
        noted, self._elsewhere = self._elsewhere or [], None
        for sha256, kind, items in noted:
            self.put(sha256, kind, items)

    def put(self, sha256: str, kind: str, items: list[Any]) -> None:
        """Keep what a checked file became, for the next `save`."""
        if self._elsewhere is not None:
            self._elsewhere.append((sha256, kind, items))
            return
        try:
            blob = pickle.dumps((kind, items), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self.put_pickled(sha256, blob)

    def put_pickled(self, sha256: str, blob: bytes, digest: bytes | None = None) -> None:
        """Keep what a checked file became, already pickled as `put` pickles it (`digest`:
        the blob's sha256, when the caller has it)."""
        if self._elsewhere is not None:  # the copy made it, and caches it itself
            return
        try:
            if self._spool is None:
                self._spool = tempfile.TemporaryFile(dir=self.pack.parent)  # noqa: SIM115
            offset = self._spool.seek(0, os.SEEK_END)
            self._spool.write(blob)
        except OSError:
            return
        self._kept[sha256] = _Entry(self._spool, offset, len(blob),
                                    digest or hashlib.sha256(blob).digest())
        self._changed = True

    def save(self) -> None:
        """Write the pack if it changed: the files read this time, nothing else. A cache that
        cannot be written is silently skipped."""
        stored = self._stored if self._stored is not None else {}
        if self._elsewhere is not None or (
            not self._changed and stored.keys() == self._kept.keys()
        ):
            self.close()
            return
        try:
            if self._spool is not None:
                self._spool.flush()
            # new entries were hashed as they were spooled; read back, they are not hashed
            # again (the next load checks every entry against its digest)
            self.write((key, _read(entry, entry.source is not self._spool), entry.digest)
                       for key, entry in self._kept.items())
        except OSError:
            pass
        finally:
            self.close()

    def write(self, entries: Iterator[tuple[str, bytes | None, bytes]]) -> None:
        """Replace the pack with `entries` (file checksum, pickled bytes, their sha256),
        written whole to a new file first; silently skipped when it cannot be written."""
        try:
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.pack.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                _write_pack(handle, entries)
            self.close()  # before replacing it: an open file cannot be replaced on Windows
            os.replace(tmp, self.pack)
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    def close(self) -> None:
        """Let go of the pack and of the spool of new entries."""
        for handle in (self._pack_file, self._spool):
            if handle is not None:
                handle.close()
        self._pack_file = self._spool = None


class _Entry(NamedTuple):
    """Where one entry's pickled bytes are: in the pack read, or in the spool of new ones."""

    source: BinaryIO
    offset: int
    length: int
    digest: bytes  # sha256 of the bytes, checked before they are unpickled


# A pack: the magic line, the entries back to back, an index of one record per entry, and a
# trailer saying where the index starts, how many records it holds and its checksum.
_RECORD = struct.Struct("<32sQQ32s")  # file checksum, offset, length, entry checksum
_TRAILER = struct.Struct("<QQ32s")


def pack_entries(pack: Path) -> dict[str, bytes]:
    """Every entry of a pack, still pickled (file checksum -> bytes): nothing when the pack
    is missing, torn by a crash or not ours."""
    handle, index = _open_pack(pack)
    try:
        return {key: blob for key, entry in index.items() if (blob := _read(entry)) is not None}
    finally:
        if handle is not None:
            handle.close()


def write_pack(pack: Path, entries: dict[str, bytes]) -> None:
    """Write `entries` (file checksum -> pickled bytes) as a pack."""
    with open(pack, "wb") as handle:
        _write_pack(handle, ((key, blob, hashlib.sha256(blob).digest())
                             for key, blob in entries.items()))


def _write_pack(handle: BinaryIO, entries: Iterator[tuple[str, bytes | None, bytes]]) -> None:
    """Entries are (file checksum, pickled bytes, their sha256), the bytes read back and
    checked against it, so the checksum is not computed twice."""
    handle.write(_MAGIC)
    records = []
    for key, blob, digest in entries:
        if blob is None:  # the pack it was read from changed meanwhile: leave it out
            continue
        records.append(_RECORD.pack(bytes.fromhex(key), handle.tell(), len(blob), digest))
        handle.write(blob)
    index = b"".join(records)
    where = handle.tell()
    handle.write(index)
    handle.write(_TRAILER.pack(where, len(records), hashlib.sha256(index).digest()))


def _open_pack(pack: Path) -> tuple[BinaryIO | None, dict[str, _Entry]]:
    """The open pack and its index, or nothing when the pack is missing, torn or not ours."""
    try:
        handle = open(pack, "rb")  # noqa: SIM115 — kept open while its entries are read
    except OSError:
        return None, {}
    try:
        if handle.read(len(_MAGIC)) != _MAGIC:
            raise ValueError
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(size - _TRAILER.size, 0))
        where, count, digest = _TRAILER.unpack(handle.read(_TRAILER.size))
        if where < len(_MAGIC) or where + count * _RECORD.size != size - _TRAILER.size:
            raise ValueError
        handle.seek(where)
        index = handle.read(count * _RECORD.size)
        if hashlib.sha256(index).digest() != digest:
            raise ValueError
        entries = {}
        for key, offset, length, entry_digest in _RECORD.iter_unpack(index):
            if offset < len(_MAGIC) or offset + length > where:
                raise ValueError
            entries[key.hex()] = _Entry(handle, offset, length, entry_digest)
    except (OSError, ValueError, struct.error):
        handle.close()
        return None, {}
    return handle, entries


def _read(entry: _Entry, verify: bool = True) -> bytes | None:
    """An entry's bytes, or None when they cannot be read or are not what was written
    (checked against its digest unless told not to)."""
    try:
        if hasattr(os, "pread"):  # at its offset, not the file's: a forked copy shares that
            blob = os.pread(entry.source.fileno(), entry.length, entry.offset)
        else:  # Windows, where no copy is forked
            entry.source.seek(entry.offset)
            blob = entry.source.read(entry.length)
    except (OSError, ValueError):  # ValueError: the file was closed
        return None
    if len(blob) != entry.length or (verify and hashlib.sha256(blob).digest() != entry.digest):
        return None
    return blob


def _private(folder: Path) -> bool:
    """Only the user may write here: a folder others can write could hold a planted entry."""
    if os.name != "posix":
        return True
    info = folder.stat()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not (
        info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


UNFINISHED_AFTER = 600
"""Seconds after which a pack still being written is taken as abandoned: a writer that was
killed or interrupted (Ctrl-C while the copy that checks files on the other core writes the
pack) leaves its temporary file; writing one takes well under a minute."""


def _forget_unfinished(current: Path) -> None:
    """Delete temporary packs that no writer will finish, so they do not pile up."""
    cutoff = time.time() - UNFINISHED_AFTER
    try:
        with os.scandir(current) as listing:
            for entry in listing:
                if entry.name.startswith(".") and entry.name.endswith(".tmp") and (
                    entry.stat().st_mtime < cutoff
                ):
                    os.unlink(entry.path)
    except OSError:
        return


def _forget_old_versions(versions: Path, keep: Path) -> None:
    """Delete all but the most recently used fingerprint folders."""
    try:
        others = [p for p in versions.iterdir() if p.is_dir() and p != keep]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in others[KEPT_VERSIONS:]:
        shutil.rmtree(old, ignore_errors=True)
