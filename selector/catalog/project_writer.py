"""Saving a project into the file it came from, keeping the file's comments and layout.

A project file is often the commented template from `crm-selector new`, or a file a consultant
annotated by hand; rewriting it from the data would throw their notes away on the first save.
So the file is parsed with tomlkit (a style-preserving TOML library) and updated in place:
changed values are replaced (a comment at the end of their line stays), removed keys are
removed, and new keys go where a reader would look for them: in place of the template's
commented-out example (`# go_live_weeks = 1`), or else next to their neighbours in the
project's own order. The result is read back and checked against the project, so a surprise in
the merge can never write wrong data: the caller then writes the file fresh instead.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError
from tomlkit.container import Container
from tomlkit.items import AoT, Comment, InlineTable, Item, Null, Table, Whitespace

from selector.domain.project import Project


def previous_text(path: Path) -> str | None:
    """The file's text as it is now, or None when there is none to keep (new, unreadable)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def preserving_text(previous: str, project: Project) -> str | None:
    """`previous` with the project written into it, or None when that cannot be done safely."""
    full = _data(project, defaults=True)
    wanted = _data(project, defaults=False)
    try:
        doc = tomlkit.parse(previous)
        _update(doc, full, wanted)
        text = tomlkit.dumps(doc)
        again = Project.model_validate(tomllib.loads(text))
    except (tomlkit.exceptions.TOMLKitError, tomllib.TOMLDecodeError, ValidationError,
            ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    return text if again == project else None


def _data(project: Project, *, defaults: bool) -> dict[str, Any]:
    data = project.model_dump(mode="python", exclude_none=True, exclude_defaults=not defaults)
    return {"format_version": project.format_version, **data}


# ----------------------------------------------------------------- tables
def _body(container: Container | Table | InlineTable) -> Container:
    return container if isinstance(container, Container) else container.value


def _update(container: Any, full: Mapping[str, Any], wanted: Mapping[str, Any],
            tidy: bool = True) -> None:
    """Make `container` hold `full`: keys the file has are kept in place, missing ones added
    when they differ from their defaults (`wanted`), and keys the project no longer has removed.
    """
    for key in list(container.keys()):
        if key not in full:
            del container[key]
    order = list(full)
    for key, value in full.items():
        keep_type = tidy and key not in UNTIDY
        if key in container:
            _set(container, key, value, wanted.get(key), keep_type)
        elif key in wanted:
            _add(container, key, wanted[key], order, keep_type)


def _set(container: Any, key: str, new: Any, wanted: Any, tidy: bool) -> None:
    old = container[key]
    if isinstance(new, dict) and isinstance(old, Table | InlineTable):
        _update(old, new, wanted if isinstance(wanted, dict) else {}, tidy)
    elif _is_tables(new) and isinstance(old, AoT):
        _update_tables(old, new, wanted if isinstance(wanted, list) else new, tidy)
    elif not _same(_plain(old), new):
        container[key] = _fresh(wanted if wanted is not None else new, tidy,
                                inline=isinstance(old, InlineTable))


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _update_tables(aot: AoT, new: list[dict], wanted: list[dict], tidy: bool) -> None:
    """An array of tables ([[stakeholders]]): each table keeps its comments when the item it
    holds (the same id, or the same place for items without ids) is still there."""
    old = list(aot.body)
    ids = [t.get("id") for t in old]
    if [n.get("id") for n in new] == ids[: len(new)] and len(new) == len(old):
        for table, item, keep in zip(old, new, wanted, strict=True):
            _update(table, item, keep, tidy)
        return
    by_id = {t.get("id"): t for t in old if t.get("id") is not None}
    spaced = any(t.value.body and isinstance(t.value.body[-1][1], Whitespace) for t in old)
    tables: list[Table] = []
    for i, (item, keep) in enumerate(zip(new, wanted, strict=True)):
        if item.get("id") is not None:
            table = by_id.pop(item["id"], None)
        else:
            table = old[i] if i < len(old) and old[i].get("id") is None else None
        if table is None:
            table = _fresh(keep, tidy)
            if spaced:
                table.add(tomlkit.nl())
        else:
            _update(table, item, keep, tidy)
        tables.append(table)
    while len(aot):
        del aot[0]
    for table in tables:
        aot.append(table)


def _add(container: Any, key: str, value: Any, order: list[str], tidy: bool) -> None:
    """Add a key the file lacks where a reader looks for it: over its commented-out example,
    else among its neighbours (in the project's order), tables after the plain values."""
    body = _body(container)
    item = _fresh(value, tidy, inline=isinstance(value, dict) and _inline_style(body))
    is_table = isinstance(item, Table | AoT)
    tables = _first_table(body)
    if not is_table:
        example = _example(body, key)
        if example is not None and example < tables:
            body._insert_at(example, key, item)  # tomlkit has no public insert
            body.body[example + 1] = (None, Null())
            return
    later = set(order[order.index(key) + 1:])
    for index, (name, existing) in enumerate(body.body):
        if name is None or name.key not in later:
            continue
        if is_table and isinstance(existing, Table | AoT):
            _carry_comments(body.body[:index], item)
            body._insert_at(index, key, item)
            return
        if not is_table and index < tables:
            body._insert_at(index, key, item)
            return
    if not is_table:
        index = _after_values(body)
        if index < len(body.body):
            body._insert_at(index, key, item)
            return
    else:
        _carry_comments(body.body, item)
    container[key] = item


def _example(body: Container, key: str) -> int | None:
    pattern = re.compile(rf"^\s*#\s*{re.escape(key)}\s*=")
    for index, (name, item) in enumerate(body.body):
        if name is None and isinstance(item, Comment) and pattern.match(item.as_string()):
            return index
    return None


def _inline_style(body: Container) -> bool:
    """Whether this table writes its entries inline (`open_apis = { priority = "must" }`), as
    the template's examples do, rather than as [sub.tables]."""
    inline = re.compile(r"^\s*#\s*[\w-]+\s*=\s*\{")
    return any(isinstance(item, InlineTable) for _, item in body.body) or any(
        name is None and isinstance(item, Comment) and inline.match(item.as_string())
        for name, item in body.body)


def _after_values(body: Container) -> int:
    """Where a new plain value goes: after the last plain value or commented example, before
    the trailing comments that describe what follows."""
    example = re.compile(r"^\s*#\s*[\w-]+\s*=")
    end = _first_table(body)
    place = 0
    for index, (name, item) in enumerate(body.body[:end]):
        if name is not None or (isinstance(item, Comment) and example.match(item.as_string())):
            place = index + 1
    return place


def _first_table(body: Container) -> int:
    for index, (_, item) in enumerate(body.body):
        if isinstance(item, Table | AoT):
            return index
    return len(body.body)


def _carry_comments(before: list[tuple[Any, Any]], item: Item) -> None:
    """Comments at the end of what precedes a new table describe the table that follows it; the
    new table would steal them, so the last comment block moves to the end of the new table."""
    if not before or not isinstance(item, Table | AoT):
        return
    last = before[-1][1]
    if isinstance(last, AoT) and last.body:
        last = last.body[-1]
    items = last.value.body if isinstance(last, Table) else None
    if items is None:
        return
    start = len(items)
    while start > 0 and items[start - 1][0] is None and \
            isinstance(items[start - 1][1], Comment | Whitespace):
        start -= 1
    blank = next((i for i in range(len(items) - 1, start - 1, -1)
                  if isinstance(items[i][1], Whitespace)), None)
    if blank is None or not any(isinstance(it, Comment) for _, it in items[blank:]):
        return
    tail = items[blank:]
    del items[blank:]
    items.append((None, Whitespace("\n")))
    target = item.body[-1] if isinstance(item, AoT) else item
    for _, it in tail:
        target.value.body.append((None, it))


# ----------------------------------------------------------------- values
UNTIDY = frozenset({"answers"})
"""Answers keep their type as given: 20.0 and 20 are different answers to a number question."""

INLINE_WIDTH = 90
"""Longer entries are written as [sub.tables]: one line per value stays readable."""


def _fresh(value: Any, tidy: bool, *, inline: bool = False) -> Item:
    value = _tidy(value) if tidy else value
    if inline:
        table = _inline(value)
        if len(table.as_string()) <= INLINE_WIDTH:
            return table
    return tomlkit.item(value)


def _inline(value: dict) -> InlineTable:
    table = tomlkit.inline_table()
    for key, item in value.items():
        table[key] = _inline(item) if isinstance(item, dict) else item
    return table


def _tidy(value: Any) -> Any:
    """3.0 is written 3, as a person would (numbers in a project are read back as floats)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _same(a: Any, b: Any) -> bool:
    """Equal as TOML values: `true` is not `1`, `3` is `3.0`, lists and tables element-wise."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b and (a.tzinfo is None) == (b.tzinfo is None)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b


__all__ = ["preserving_text", "previous_text"]
