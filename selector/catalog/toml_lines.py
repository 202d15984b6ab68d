"""Where each key sits in a TOML file, so a problem can name its line.

tomllib gives values but no positions. This light scanner follows table headers, arrays of
tables and `key =` lines and records the line of each dotted path. It never guesses: a path it
cannot place (an element inside an inline array, say) falls back to the nearest enclosing key.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEYVAL = re.compile(rf"^\s*({_DOTTED})\s*=")


def _split_key(dotted_key: str) -> list[str]:
    parts = re.findall(_KEY, dotted_key)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _strip_strings(line: str) -> str:
    return re.sub(_QUOTED, '""', line)


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map every key path found in `text` to its 1-based line number."""
    lines: dict[tuple[str | int, ...], int] = {}
    array_counts: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    in_multiline: str | None = None
    depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_multiline:
            if in_multiline in line:
                line = line.split(in_multiline, 1)[1]
                in_multiline = None
            else:
                continue
        if depth > 0:
            depth += _bracket_balance(line)
            continue
        if m := _ARRAY_TABLE.match(line):
            base = _resolve(tuple(_split_key(m.group(1))), array_counts)
            index = array_counts.get(base, -1) + 1
            array_counts[base] = index
            current = (*base, index)
            lines.setdefault(base, number)
            lines[current] = number
            continue
        if m := _TABLE.match(line):
            current = _resolve(tuple(_split_key(m.group(1))), array_counts)
            for end in range(1, len(current) + 1):
                lines.setdefault(current[:end], number)
            continue
        if m := _KEYVAL.match(line):
            path = (*current, *_split_key(m.group(1)))
            lines.setdefault(path, number)
            rest = line[m.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_multiline = quote
            if not in_multiline:
                depth = max(0, _bracket_balance(rest))
    return lines


def _bracket_balance(text: str) -> int:
    code = _strip_strings(text).split("#", 1)[0]
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")


def _resolve(
    path: tuple[str | int, ...], array_counts: dict[tuple[str | int, ...], int]
) -> tuple[str | int, ...]:
    """[a.b] under [[a]] means the *latest* element of a: insert that index."""
    out: tuple[str | int, ...] = ()
    for k, part in enumerate(path):
        out = (*out, part)
        if k < len(path) - 1 and out in array_counts:
            out = (*out, array_counts[out])
    return out


def line_of(lines: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int | None:
    """The line of `loc`, or of its nearest ancestor that the scanner placed."""
    for end in range(len(loc), 0, -1):
        if (found := lines.get(tuple(loc[:end]))) is not None:
            return found
    return None


class KeyLines:
    """`key_lines(text)`, worked out on the first look-up.

    Most files have nothing to report, so scanning each one for line numbers up front is
    wasted work on a large catalog; a problem asks for its line only when it is reported.
    Once a file has been validated its text is let go (`release`): a thousand vendor files are
    55 MB of text. A problem found later reads the file again, and only if it still holds the
    bytes that were loaded (same checksum) does it name a line; a file changed since names none
    rather than a wrong one.
    """

    def __init__(self, text: str | None, path: Path | None = None, sha256: str = "") -> None:
        self._text: str | None = text
        self._path = path
        self._sha256 = sha256
        self._lines: dict[tuple[str | int, ...], int] | None = None

    def release(self) -> None:
        """Drop the text; it is read again from the file if a line is ever asked for."""
        if self._path is not None:
            self._text = None

    def get(self, key: tuple[str | int, ...], default: int | None = None) -> int | None:
        if self._lines is None:
            text = self._text if self._text is not None else self._reread()
            self._lines = key_lines(text) if text is not None else {}
            self._text = None
        return self._lines.get(key, default)

    def _reread(self) -> str | None:
        try:
            raw = self._path.read_bytes() if self._path is not None else b""
        except OSError:
            return None
        if hashlib.sha256(raw).hexdigest() != self._sha256:
            return None
        return raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
