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
import sys
import tempfile
from pathlib import Path
from typing import Any

OFF = ("off", "0", "no", "false", "")
KEPT_VERSIONS = 3
"""Fingerprint folders kept besides the current one: a few releases or checkouts used in turn
keep their caches; older ones are deleted so the cache does not grow with every upgrade."""

_MAGIC = b"crm-selector checked files 2\n"
_DIGEST = 32  # bytes of sha256 over the payload, checked before unpickling


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
    `save` once the folder is read.

    A folder's entries live in one file (a pack): a thousand small files cost a millisecond
    each to create on some disks, a second for a catalog, while one file of the same bytes is
    written in milliseconds. The pack is rewritten only when something changed, and then holds
    exactly the files the folder holds now, so entries of deleted or edited files do not pile
    up.
    """

    def __init__(self, pack: Path) -> None:
        self.pack = pack
        self._stored: dict[str, bytes] | None = None  # each entry pickled on its own
        self._kept: dict[str, bytes] = {}
        self._changed = False

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
            where = os.path.realpath(folder)
        except OSError:
            return None
        name = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return cls(current / f"{name}.pickle")

    def get(self, sha256: str) -> tuple[str, list[Any]] | None:
        """What the file with these bytes became: its kind and its items, or None."""
        if self._stored is None:
            self._stored = _read_pack(self.pack)
        blob = self._stored.get(sha256)
        if blob is None:
            return None
        try:
            kind, items = pickle.loads(blob)
        except Exception:  # noqa: BLE001 — an unreadable entry is only a cache miss
            return None
        if not isinstance(kind, str) or not isinstance(items, list):
            return None
        self._kept[sha256] = blob
        return kind, items

    def put(self, sha256: str, kind: str, items: list[Any]) -> None:
        """Keep what a checked file became, for the next `save`."""
        try:
            self._kept[sha256] = pickle.dumps((kind, items), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self._changed = True

    def save(self) -> None:
        """Write the pack if it changed: the files read this time, nothing else. A cache that
        cannot be written is silently skipped."""
        stored = self._stored if self._stored is not None else {}
        if not self._changed and stored.keys() == self._kept.keys():
            return
        payload = pickle.dumps(self._kept, protocol=pickle.HIGHEST_PROTOCOL)
        blob = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.pack.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, self.pack)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def _read_pack(pack: Path) -> dict[str, bytes]:
    """A pack's entries, each still pickled; nothing when the pack is missing, torn by a
    crash or not ours."""
    try:
        blob = pack.read_bytes()
    except OSError:
        return {}
    head, digest = blob[: len(_MAGIC)], blob[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    payload = blob[len(_MAGIC) + _DIGEST :]
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        return {}
    try:
        entries = pickle.loads(payload)
    except Exception:  # noqa: BLE001 — an unreadable pack is only a cache miss
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, bytes)}


def _private(folder: Path) -> bool:
    """Only the user may write here: a folder others can write could hold a planted entry."""
    if os.name != "posix":
        return True
    info = folder.stat()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not (
        info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _forget_old_versions(versions: Path, keep: Path) -> None:
    """Delete all but the most recently used fingerprint folders."""
    try:
        others = [p for p in versions.iterdir() if p.is_dir() and p != keep]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in others[KEPT_VERSIONS:]:
        shutil.rmtree(old, ignore_errors=True)
