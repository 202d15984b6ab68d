"""A cache of checked catalog files, so a large catalog loads in a blink the second time.

Parsing and validating a thousand vendor files takes most of a `rank`; between two runs a
consultant changes a few of them. Each file that loaded without a single problem is kept here
as what it became (its validated items), under the checksum of its bytes and a fingerprint of
the code that checks files. A file is never served from the cache unless it holds exactly the
bytes that were checked, by exactly this code: a changed file, a new release or an edited
model is checked afresh. Files with problems are never cached, so every problem is always
found and reported with its line.

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

_MAGIC = b"crm-selector checked file 1\n"
_DIGEST = 32  # bytes of sha256 over the payload, checked before unpickling


def cache_root() -> Path | None:
    """The folder that holds the cache, or None when the user turned it off."""
    chosen = os.environ.get("CRM_SELECTOR_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in OFF else Path(chosen).expanduser()
    home = Path.home()
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
    """The cache for this code: `get` what a file became, `put` it once checked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def open(cls) -> CheckedFiles | None:
        """The cache, or None when it is off or its folder is missing and cannot be made,
        or could have been written by someone else (then its files are not unpickled)."""
        root = cache_root()
        if root is None:
            return None
        versions = root / "checked-files"
        folder = versions / code_fingerprint()
        try:
            if not folder.is_dir():
                root.mkdir(parents=True, mode=0o700, exist_ok=True)
                versions.mkdir(mode=0o700, exist_ok=True)
                folder.mkdir(mode=0o700, exist_ok=True)
                _forget_old_versions(versions, keep=folder)
            if not all(_private(f) for f in (root, versions, folder)):
                return None
            os.utime(folder)  # the most recently used versions are the ones kept
        except OSError:
            return None
        return cls(folder)

    def get(self, sha256: str) -> tuple[str, list[Any]] | None:
        """What the file with these bytes became: its kind and its items, or None."""
        try:
            blob = (self.folder / f"{sha256}.pickle").read_bytes()
        except OSError:
            return None
        head, digest = blob[: len(_MAGIC)], blob[len(_MAGIC) : len(_MAGIC) + _DIGEST]
        payload = blob[len(_MAGIC) + _DIGEST :]
        if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
            return None  # torn by a crash or written by another program: checked afresh
        try:
            kind, items = pickle.loads(payload)
        except Exception:  # noqa: BLE001 — any unreadable entry is only a cache miss
            return None
        return (kind, items) if isinstance(kind, str) and isinstance(items, list) else None

    def put(self, sha256: str, kind: str, items: list[Any]) -> None:
        """Keep what a file became; a cache that cannot be written is silently skipped."""
        try:
            payload = pickle.dumps((kind, items), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        blob = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, self.folder / f"{sha256}.pickle")
        except OSError:
            Path(tmp).unlink(missing_ok=True)


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
