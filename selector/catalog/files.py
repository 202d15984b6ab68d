"""Reading and writing the user's files safely.

Reads refuse what would hang, crash or mislead (huge files, pipes and devices, values nested
thousands deep, non-UTF-8 bytes) with a clear message;
writes go to a temporary file in the same folder and are renamed over the target only once
complete, so a failed save never destroys the previous good file.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rtoml

from selector.catalog.problems import Problem, display_path

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A catalog or project file is a few kilobytes; anything past 2 MB is a mistake, not data."""

MAX_NESTING = 50
"""Arrays and tables in a catalog or project nest a few levels deep. tomllib recurses once per
level and fails on a few hundred, so a file only it would parse is refused beyond this depth
(rtoml, which reads the others, stops at its own limit of about 80 without harm)."""

_CONTENT = re.compile(r"^[^\S\n]*[^\s#]", re.M)
"""A line that is neither blank nor a comment: without one, a file is empty."""

_OFFSET_TIME = re.compile(r":\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)")
"""The time and offset that end a TOML offset date-time (``…T10:00:00+01:00``, ``…09:00:00Z``):
the only values rtoml reads differently. Starting at the colon makes the scan ~15× faster."""

_NESTING_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""'  # multi-line basic string
    r"|'''.*?'''"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[\[\]{}]",
    re.DOTALL,
)


class FileError(Exception):
    """A file could not be read or written; the message is meant for the user."""


@dataclass(frozen=True)
class TomlDocument:
    path: Path
    text: str
    data: dict[str, Any]
    sha256: str


def read_toml(path: Path) -> TomlDocument | Problem:
    """Parse one TOML file, or say precisely why it cannot be used."""
    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return raw
    return parse_toml(path, raw, hashlib.sha256(raw).hexdigest())


def read_bytes(path: Path) -> bytes | Problem:
    """The bytes of a file that can be a catalog or project file, or why it cannot be one."""
    name = display_path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return Problem(name, "", "is a folder, expected a .toml file")
        if not stat.S_ISREG(info.st_mode):
            # reading a named pipe waits for a writer forever; a device may never end
            return Problem(name, "", "is not a regular file (a pipe or a device); expected a "
                           ".toml file")
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(name, info.st_size)
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # the size may have changed since stat()
        if len(raw) > MAX_FILE_BYTES:
            return _too_big(name, len(raw))
        return raw
    except FileNotFoundError:
        if path.is_symlink():
            return Problem(name, "", "is a link to a file that does not exist")
        return Problem(name, "", "file not found")
    except IsADirectoryError:
        return Problem(name, "", "is a folder, expected a .toml file")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(name, "", "is a link that leads back to itself (a symlink loop)")
        return Problem(name, "", f"cannot be read: {exc.strerror or exc}")


def parse_toml(path: Path, raw: bytes, sha256: str) -> TomlDocument | Problem:
    """The TOML in `raw` (read from `path`, with that checksum), or what is wrong with it."""
    name = display_path(path)
    try:
        # Notepad and some Windows editors start UTF-8 files with a byte-order mark
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(
            name, "", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line
        )
    if not _CONTENT.search(text):
        return Problem(name, "", "file is empty")
    try:
        # rtoml (Rust) parses a large catalog about ten times faster and stops safely at its own
        # recursion limit; tomllib's messages name the line and column a consultant needs, so a
        # file rtoml rejects is checked for nesting and parsed again by tomllib
        data = rtoml.loads(text)
        if _OFFSET_TIME.search(text):  # walking 1000 vendors' trees for nothing costs 0.3 s
            data = _standard_times(data)
    except rtoml.TomlParsingError:
        if deep := _too_deep(text):
            return Problem(
                name,
                "",
                f"arrays or tables are nested more than {MAX_NESTING} levels deep; a catalog "
                "or project file needs a few",
                deep,
            )
        try:
            data = tomllib.loads(text)
        except (RecursionError, ValueError) as exc:
            # Backstops for what the checks above should have caught: the parser recursing too
            # deep, or an integer too long to convert (Python refuses ints of over 4,300 digits).
            if isinstance(exc, tomllib.TOMLDecodeError):
                return _syntax_error(name, text, exc)
            return Problem(name, "", f"cannot be read as TOML: {_reason(exc)}")
    return TomlDocument(path, text, data, sha256)


def _standard_times(tree: Any) -> Any:
    """rtoml's time zones cannot be copied or pickled; give datetimes the standard library's,
    exactly as tomllib would, so a project read either way behaves the same."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            tree[key] = _standard_times(value)
        return tree
    if isinstance(tree, list):
        return [_standard_times(v) for v in tree]
    if isinstance(tree, dt.datetime) and tree.tzinfo is not None:
        offset = tree.utcoffset()
        zone = dt.UTC if offset == dt.timedelta(0) else dt.timezone(offset)
        return tree.replace(tzinfo=zone)
    return tree


def _too_big(name: str, size: int) -> Problem:
    return Problem(
        name,
        "",
        f"file is {size / 1_048_576:.1f} MB; files over {MAX_FILE_BYTES // 1_048_576} MB are "
        "refused (is this really a catalog or project file?)",
    )


def _too_deep(text: str) -> int | None:
    """The line where nesting first passes MAX_NESTING, or None (strings and comments skipped)."""
    depth = 0
    for token in _NESTING_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return text.count("\n", 0, token.start()) + 1
        elif bracket in ("]", "}"):
            depth = max(0, depth - 1)
    return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return f"values are nested too deeply (more than {MAX_NESTING} levels)"
    if "digits" in str(exc):
        return "a whole number has thousands of digits"
    return str(exc)


def _syntax_error(name: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    message = str(exc)
    line = None
    if m := re.search(r"\(at line (\d+), column \d+\)", message):
        line = int(m.group(1))
        message = message[: m.start()].strip()
    elif "end of document" in message:
        line = text.count("\n") + 1
    return Problem(name, "", f"TOML syntax error: {message}", line)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ReadOnlyFileError(FileError):
    """The file is read-only (e.g. mode 444): someone meant it not to change, so ask first."""


def write_target(path: Path) -> Path:
    """The file a write to `path` must replace: the target of a symlink, not the link itself
    (replacing the link would leave the shared file unchanged and the link a copy)."""
    try:
        return Path(os.path.realpath(path, strict=False)) if path.is_symlink() else path
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise FileError(f"{display_path(path)}: cannot be followed: {exc}") from exc


def is_read_only(path: Path) -> bool:
    """Whether the file exists and nobody may write it (no write bit set, or no permission)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def content_digest(path: Path) -> str | None:
    """A fingerprint of the file's bytes, or None when there is no readable file: two equal
    digests mean nobody changed the file in between."""
    try:
        return hashlib.sha256(write_target(path).read_bytes()).hexdigest()
    except (OSError, FileError):
        return None


def write_atomic(path: Path, text: str, *, overwrite_read_only: bool = False) -> None:
    """Replace `path` with `text` all at once; on any failure the old file is untouched."""
    write_bytes_atomic(path, text.encode("utf-8"), overwrite_read_only=overwrite_read_only)


TEMPORARY_PREFIX = "."
TEMPORARY_SUFFIX = ".tmp"


def write_bytes_atomic(path: Path, data: bytes, *, overwrite_read_only: bool = False) -> None:
    """Write to a temporary sibling, flush it to disk, then rename it over the target.

    Through a symlink the link's target is replaced; a read-only file is refused with
    ReadOnlyFileError unless `overwrite_read_only` (the user was asked), and keeps its mode.
    """
    path = write_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FileError(f"{display_path(path)}: is a folder, expected a file name")
    if not folder.is_dir():
        raise FileError(f"{display_path(path)}: folder {display_path(folder)} does not exist")
    if not overwrite_read_only and is_read_only(path):
        raise ReadOnlyFileError(f"{display_path(path)}: is read-only; not overwritten")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{path.name}.",
                                   suffix=TEMPORARY_SUFFIX, dir=folder)
    except OSError as exc:
        raise FileError(
            f"{display_path(path)}: cannot write in {display_path(folder)}: {exc.strerror or exc}"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); keep the old file's mode, or give a new one
        # the usual mode for the user's umask, so colleagues can read a shared project or report
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FileError(f"{display_path(path)}: cannot be saved: {exc.strerror or exc}") from exc


STALE_AFTER_SECONDS = 600.0
"""A save takes milliseconds; a temporary file this old was left by a save that was killed."""


def remove_stale_temporaries(path: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Delete what killed saves of `path` left behind (`.NAME.xxxx.tmp`); returns them.

    Only files older than `older_than` seconds go, so a save another program is making right
    now is never touched.
    """
    try:
        path = write_target(path)
        folder = path.parent if str(path.parent) else Path(".")
        candidates = list(folder.glob(f"{TEMPORARY_PREFIX}{path.name}.*{TEMPORARY_SUFFIX}"))
    except (OSError, FileError):
        return []
    now = time.time()
    removed: list[Path] = []
    for candidate in candidates:
        try:
            if now - candidate.stat().st_mtime > older_than and candidate.is_file():
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed
