"""Reading and writing the user's files safely.

Reads refuse what would hang or mislead (huge files, non-UTF-8 bytes) with a clear message;
writes go to a temporary file in the same folder and are renamed over the target only once
complete, so a failed save never destroys the previous good file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rtoml

from selector.catalog.problems import Problem, display_path

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A catalog or project file is a few kilobytes; anything past 2 MB is a mistake, not data."""


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
    name = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(
                name,
                "",
                f"file is {size / 1_048_576:.1f} MB; files over "
                f"{MAX_FILE_BYTES // 1_048_576} MB are refused "
                "(is this really a catalog or project file?)",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        return Problem(name, "", "file not found")
    except IsADirectoryError:
        return Problem(name, "", "is a folder, expected a .toml file")
    except OSError as exc:
        return Problem(name, "", f"cannot be read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(
            name, "", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line
        )
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return Problem(name, "", "file is empty")
    try:
        data = _standard_times(rtoml.loads(text))
    except rtoml.TomlParsingError:
        # rtoml (Rust) parses a large catalog about ten times faster; tomllib's messages name
        # the line and column a consultant needs, so a file rtoml rejects is parsed again here
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            line = None
            if m := re.search(r"\(at line (\d+), column \d+\)", message):
                line = int(m.group(1))
                message = message[: m.start()].strip()
            elif "end of document" in message:
                line = text.count("\n") + 1
            return Problem(name, "", f"TOML syntax error: {message}", line)
        except RecursionError:
            return Problem(name, "", "arrays or tables are nested too deeply to be a catalog or "
                           "project file")
    return TomlDocument(path, text, data, hashlib.sha256(raw).hexdigest())


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once; on any failure the old file is untouched."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary sibling, flush it to disk, then rename it over the target."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FileError(f"{display_path(path)}: is a folder, expected a file name")
    if not folder.is_dir():
        raise FileError(f"{display_path(path)}: folder {display_path(folder)} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
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
