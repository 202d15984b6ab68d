"""A large catalog folder is checked on two cores (a forked copy takes the last files): the
catalog, its problems, their lines and their order are exactly those of a load on one core.

One core is what a load on a worker thread gets (the UI's way: no copy is made while other
threads run), so each test compares the two in the same process, and the command line's
cold and warm runs in separate processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import selector.catalog.loader as loader
from selector.catalog import Catalog, load_catalog
from selector.catalog.file_cache import pack_entries
from selector.catalog.other_core import MIN_FILES
from selector.catalog.problems import display_path
from selector.catalog.shipped import shipped_root

VENDORS = sorted((shipped_root() / "vendors").glob("*.toml"))
EXAMPLE = shipped_root() / "examples" / "nordlys-project.toml"
SIZE = MIN_FILES + 16
Market = Callable[..., Path]  # the `market` fixture (conftest)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every copy made (the pids), with no cache in the way."""
    monkeypatch.setenv("CRM_SELECTOR_CACHE", "off")
    made: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return made


def _on_one_core(folder: Path) -> Catalog:
    """Load as the UI does, on a worker thread."""
    done: list[Catalog] = []
    worker = threading.Thread(target=lambda: done.append(load_catalog([folder])))
    worker.start()
    worker.join()
    return done[0]


def test_the_catalog_is_the_one_a_single_core_loads(market: Market, forks: list[int]) -> None:
    folder = market(SIZE)
    two = load_catalog([folder])
    assert len(forks) == 1
    one = _on_one_core(folder)
    assert len(forks) == 1  # no copy from a worker thread
    assert two == one
    assert not two.errors
    assert len(two.vendors) == len(VENDORS) + SIZE
    assert [f.path for f in two.files] == [f.path for f in one.files]


def test_a_small_folder_is_checked_here(market: Market, forks: list[int]) -> None:
    load_catalog([market(MIN_FILES - 1)])
    assert forks == []


def test_problems_in_the_copys_files_read_as_on_one_core(
    market: Market, forks: list[int]
) -> None:
    folder = market(SIZE)
    last = sorted(folder.glob("*.toml"))

    def edit(path: Path, old: str, new: str) -> None:
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")

    edit(last[-1], "[scores", "[broken\n[scores")  # TOML syntax
    edit(last[-2], "value = ", "value = 99")  # off the scale
    edit(last[-3], 'name = "', 'nmae = "')  # an unknown key
    last[-4].write_text(EXAMPLE.read_text("utf-8"), "utf-8")  # a project among vendors
    two = load_catalog([folder])
    assert len(forks) == 1
    one = _on_one_core(folder)
    assert two.problems == one.problems
    shown = [(p.file, p.line) for p in two.problems]
    assert sorted({file for file, _ in shown}) == [display_path(p) for p in last[-4:]]
    assert {file for file, line in shown if line} == {display_path(p) for p in last[-3:]}
    assert two == one
    assert len(two.vendors) == len(VENDORS) + SIZE - 4


@contextlib.contextmanager
def _copy_dies_after_three(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The copy checks three files and ends as if killed; yields the count of checks made in
    this process (the copy's own count dies with it). The real check is back afterwards."""
    checked = loader._checked_blob
    calls = [0]

    def dies_after_three(path: Path, known: frozenset[str]) -> object:
        calls[0] += 1
        if calls[0] > 3:
            os._exit(3)
        return checked(path, known)

    monkeypatch.setattr(loader, "_checked_blob", dies_after_three)
    try:
        yield calls
    finally:
        monkeypatch.setattr(loader, "_checked_blob", checked)


def test_a_copy_that_dies_leaves_its_files_to_this_process(
    market: Market, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = market(SIZE)
    with _copy_dies_after_three(monkeypatch) as calls:
        two = load_catalog([folder])
    assert len(forks) == 1 and calls == [0]  # only the copy called it
    assert two == _on_one_core(folder)


def _run(cache: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "selector.cli", *args],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "CRM_SELECTOR_CACHE": str(cache)},
    )
    assert done.returncode == 0, done.stderr
    return done


def _rank(cache: Path | str, folder: Path) -> str:
    done = _run(cache, "rank", str(EXAMPLE), "--catalog", str(folder), "--json")
    assert done.stderr == ""
    return done.stdout


def _cached(cache: Path, folder: Path) -> bool:
    """Whether the cache holds every file of `folder`."""
    files = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.toml")}
    return files in [set(pack_entries(p)) for p in cache.glob("checked-files/*/*.pickle")]


def test_rank_answers_the_same_cold_warm_and_without_a_cache(
    tmp_path: Path, market: Market
) -> None:
    folder = market(SIZE)
    cache = tmp_path / "cache"
    cold = _rank(cache, folder)  # every file checked, on two cores, and cached by the copy
    assert _cached(cache, folder)  # complete when the command is done: it waits for the copy
    warm = _rank(cache, folder)  # every file from the cache
    assert cold == warm == _rank("off", folder)
    assert len(json.loads(cold)["provenance"]["catalog_files"]) >= SIZE


def test_validate_caches_every_file_before_it_reports(tmp_path: Path, market: Market) -> None:
    folder = market(SIZE)
    cache = tmp_path / "cache"
    done = _run(cache, "validate", str(folder))
    assert done.stderr.startswith("OK: ") and f"{len(VENDORS) + SIZE} vendors" in done.stderr
    assert _cached(cache, folder)


def test_the_copy_writes_the_pack_a_load_on_one_core_writes(
    tmp_path: Path, market: Market, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = market(SIZE)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CRM_SELECTOR_CACHE", str(cache))
    _on_one_core(folder)  # the cache holds every file
    files = sorted(folder.glob("*.toml"))
    files[3].write_text(files[3].read_text("utf-8") + "\n[broken\n", "utf-8")  # never cached
    files[-1].write_text(files[-1].read_text("utf-8").replace('name = "', 'name = "New ', 1),
                         "utf-8")  # edited: checked again
    market(MIN_FILES, start=SIZE)  # new files: 64 the cache cannot hold, two cores
    shutil.copytree(cache, tmp_path / "cache-one-core")

    two = load_catalog([folder], busy_after=True)  # as rank does: the copy writes the pack
    assert len(forks) == 1
    os.waitpid(forks[0], 0)  # the copy has written the pack and ended
    monkeypatch.setenv("CRM_SELECTOR_CACHE", str(tmp_path / "cache-one-core"))
    assert _on_one_core(folder) == two

    def packs(root: Path) -> dict[str, dict[str, bytes]]:
        return {p.name: pack_entries(p) for p in root.glob("checked-files/*/*.pickle")}

    by_copy, by_one_core = packs(cache), packs(tmp_path / "cache-one-core")
    assert by_copy == by_one_core
    pack = next(p for p in by_copy.values() if len(p) > MIN_FILES)
    assert len(pack) == SIZE + MIN_FILES - 1  # every file but the broken one


def _packs(root: Path) -> dict[str, dict[str, bytes]]:
    return {p.name: pack_entries(p) for p in root.glob("checked-files/*/*.pickle")}


def _one_core_packs(folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
                    ) -> dict[str, dict[str, bytes]]:
    monkeypatch.setenv("CRM_SELECTOR_CACHE", str(cache))
    _on_one_core(folder)
    return _packs(cache)


def test_a_copy_that_dies_leaves_the_pack_to_this_process(
    tmp_path: Path, market: Market, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = market(SIZE)
    monkeypatch.setenv("CRM_SELECTOR_CACHE", str(tmp_path / "cache"))
    with _copy_dies_after_three(monkeypatch):
        load_catalog([folder], busy_after=True)
    assert len(forks) == 1
    by_this_process = _packs(tmp_path / "cache")
    expected = _one_core_packs(folder, tmp_path / "cache-one-core", monkeypatch)
    handed_over = sorted(folder.glob("*.toml"))[SIZE // 2 : SIZE // 2 + 3]
    for entries in expected.values():
        if len(entries) > MIN_FILES:  # the market's pack: all but what the copy handed over
            for path in handed_over:
                del entries[hashlib.sha256(path.read_bytes()).hexdigest()]
    assert by_this_process == expected


def test_a_copy_whose_files_mostly_have_problems_leaves_the_pack_to_this_process(
    tmp_path: Path, market: Market, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = market(SIZE)
    for path in sorted(folder.glob("*.toml"))[SIZE // 2 :]:  # the copy's half, all broken
        path.write_text(path.read_text("utf-8").replace('name = "', 'nmae = "', 1), "utf-8")
    monkeypatch.setenv("CRM_SELECTOR_CACHE", str(tmp_path / "cache"))
    two = load_catalog([folder], busy_after=True)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # the copy has ended and is reaped: nothing to wait for
        os.waitpid(forks[0], os.WNOHANG)
    assert _packs(tmp_path / "cache") == _one_core_packs(
        folder, tmp_path / "cache-one-core", monkeypatch)
    assert len(two.errors) >= SIZE // 2


def test_without_positioned_reads_the_cache_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no os.pread (and never forks): the cache reads at an offset its own way."""
    monkeypatch.setenv("CRM_SELECTOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.delattr(os, "pread")
    first = load_catalog()  # checked, then written to the cache
    assert _packs(tmp_path / "cache")
    assert load_catalog() == first  # read back from it
