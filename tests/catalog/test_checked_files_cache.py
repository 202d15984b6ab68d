"""The cache of checked catalog files: the second run is served from it, and it never lies.

Each test runs the command line in separate processes, as a consultant would run `rank` twice,
with a cache folder of its own.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from selector.catalog.file_cache import KEPT_VERSIONS, pack_entries, write_pack
from selector.catalog.shipped import shipped_root

EXAMPLE = shipped_root() / "examples" / "nordlys-project.toml"
SAP = shipped_root() / "vendors" / "sap-sales-cloud.toml"


def _run(cache: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "selector.cli", *args], capture_output=True,
                          text=True, timeout=180,
                          env={**os.environ, "CRM_SELECTOR_CACHE": str(cache)})


def _packs(cache: Path) -> list[Path]:
    """The cache's files: one pack per catalog folder read."""
    return sorted(cache.glob("checked-files/*/*.pickle"))


def _entries(pack: Path) -> dict[str, bytes]:
    """A pack's entries (checksum of a file's bytes -> what it became, pickled)."""
    return pack_entries(pack)


def _own_vendor(folder: Path, name: str = "SAP copy") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = SAP.read_text("utf-8").replace('id = "sap_sales_cloud"', 'id = "sap_copy"', 1)
    path = folder / "sap-copy.toml"
    path.write_text(text.replace('name = "SAP Sales Cloud"', f'name = "{name}"', 1), "utf-8")
    return path


def test_a_second_run_reads_the_cache_and_answers_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache, "rank", str(EXAMPLE), "--json")
    assert first.returncode == 0, first.stderr
    root = shipped_root()
    shipped = {hashlib.sha256(p.read_bytes()).hexdigest()
               for p in [*root.glob("criteria/*.toml"), *root.glob("vendors/*.toml")]}
    cached = set().union(*(_entries(pack) for pack in _packs(cache)))
    assert cached == shipped  # every catalog file, and not the project
    stamps = {p: p.stat().st_mtime_ns for p in _packs(cache)}
    second = _run(cache, "rank", str(EXAMPLE), "--json")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert {p: p.stat().st_mtime_ns for p in _packs(cache)} == stamps  # read, not rewritten


def test_a_changed_file_is_checked_again_not_served_from_the_cache(tmp_path: Path) -> None:
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    path = _own_vendor(mine, "SAP copy before")
    before = _run(cache, "vendors", "--catalog", str(mine))
    assert "SAP copy before" in before.stdout, before.stderr
    old_digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_text(path.read_text("utf-8").replace("SAP copy before", "SAP copy after"), "utf-8")
    after = _run(cache, "vendors", "--catalog", str(mine))
    assert "SAP copy after" in after.stdout and "SAP copy before" not in after.stdout
    # the folder's pack now holds the file as it is, not as it was
    digests = set().union(*(_entries(pack) for pack in _packs(cache)))
    assert hashlib.sha256(path.read_bytes()).hexdigest() in digests
    assert old_digest not in digests


def test_problems_read_the_same_from_the_cache_with_their_lines(tmp_path: Path) -> None:
    """A file that checks clean on its own is cached; what the catalog finds wrong with it
    later (a score for a criterion no criteria file defines) still names its line."""
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    path = _own_vendor(mine)
    text = path.read_text("utf-8").replace("[scores.open_apis]", "[scores.open_apiz]", 1)
    path.write_text(text, "utf-8")
    line = text.splitlines().index("[scores.open_apiz]") + 1
    runs = [_run(cache, "validate", str(mine)) for _ in range(2)]
    for run in runs:
        assert run.returncode == 1
        expected = f"sap-copy.toml:{line}: scores.open_apiz: unknown criterion 'open_apiz'"
        assert expected in run.stdout
    assert runs[0].stdout == runs[1].stdout


def test_a_file_with_a_problem_of_its_own_is_never_cached(tmp_path: Path) -> None:
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    path = _own_vendor(mine)
    path.write_text(path.read_text("utf-8").replace("value = 4.0", 'value = "four"', 1), "utf-8")
    for _ in range(2):
        run = _run(cache, "validate", str(mine))
        assert run.returncode == 1 and "must be a number, got text 'four'" in run.stdout
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert _packs(cache)  # the shipped folders were cached
    assert all(digest not in _entries(pack) for pack in _packs(cache))


def test_damaged_packs_are_checked_afresh_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = _run(cache, "rank", str(EXAMPLE))
    packs = _packs(cache)
    assert len(packs) >= 2
    for k, pack in enumerate(packs):  # cut short, emptied, or garbage
        blob = pack.read_bytes()
        pack.write_bytes([blob[: len(blob) // 2], b"", os.urandom(200)][k % 3])
    again = _run(cache, "rank", str(EXAMPLE))
    assert again.returncode == 0 and again.stdout == good.stdout and again.stderr == ""
    assert all(_entries(pack) for pack in packs)  # whole again


def test_an_entry_changed_on_disk_is_never_served(tmp_path: Path) -> None:
    """Bytes changed inside one entry (a bad disk, a stray write) cost only that file: it is
    checked afresh, the others are still served, and the pack is whole again afterwards."""
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    path = _own_vendor(mine, "SAP copy")
    assert _run(cache, "vendors", "--catalog", str(mine)).returncode == 0
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    pack = next(p for p in _packs(cache) if digest in _entries(p))
    blob = pack.read_bytes()
    assert blob.count(b"SAP copy") == 1
    pack.write_bytes(blob.replace(b"SAP copy", b"SAP cop!"))
    assert digest not in _entries(pack)  # its checksum no longer matches
    listed = _run(cache, "vendors", "--catalog", str(mine))
    assert listed.returncode == 0 and listed.stderr == ""
    assert "SAP copy" in listed.stdout and "SAP cop!" not in listed.stdout
    assert digest in _entries(pack)


def _plant(pack: Path, digest: str, name: str) -> None:
    """Rewrite a vendor's entry, in the cache's own format, to name the vendor `name`."""
    entries = pack_entries(pack)
    kind, items = pickle.loads(entries[digest])
    (table, loc, vendor), = items
    entries[digest] = pickle.dumps((kind, [(table, loc, vendor.model_copy(update={"name": name}))]))
    write_pack(pack, entries)


@pytest.mark.skipif(os.name != "posix", reason="folder permissions are POSIX modes")
def test_a_cache_others_can_write_to_is_not_trusted(tmp_path: Path) -> None:
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    path = _own_vendor(mine)
    assert _run(cache, "vendors", "--catalog", str(mine)).returncode == 0
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    pack = next(p for p in _packs(cache) if digest in _entries(p))
    _plant(pack, digest, "Planted by someone")
    # the user's own private cache is trusted: that is what makes the second run fast
    assert "Planted by someone" in _run(cache, "vendors", "--catalog", str(mine)).stdout
    pack.parent.chmod(0o777)  # now anyone on the machine could have written it
    listed = _run(cache, "vendors", "--catalog", str(mine))
    assert listed.returncode == 0
    assert "SAP copy" in listed.stdout and "Planted by someone" not in listed.stdout


@pytest.mark.parametrize("setting", ["off", "OFF", "0", ""])
def test_the_cache_can_be_turned_off(
    tmp_path: Path, setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative folder named like the setting must not appear
    run = _run(setting, "rank", str(EXAMPLE))
    assert run.returncode == 0, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_written_is_skipped_without_a_word(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    reference = _run(tmp_path / "cache", "rank", str(EXAMPLE))
    run = _run(blocker / "cache", "rank", str(EXAMPLE))
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout == reference.stdout


def test_packs_left_half_written_are_deleted_later(tmp_path: Path) -> None:
    """A writer killed while it writes a pack (Ctrl-C) leaves its temporary file behind: the
    next run deletes it once it is clearly abandoned, and leaves one being written alone."""
    cache = tmp_path / "cache"
    assert _run(cache, "rank", str(EXAMPLE)).returncode == 0
    (current,) = (cache / "checked-files").iterdir()
    abandoned, writing = current / ".abandoned.tmp", current / ".being-written.tmp"
    for path in (abandoned, writing):
        path.write_bytes(b"half a pack")
    an_hour_ago = time.time() - 3600
    os.utime(abandoned, (an_hour_ago, an_hour_ago))
    assert _run(cache, "rank", str(EXAMPLE)).returncode == 0
    assert not abandoned.exists()
    assert writing.exists()
    assert _packs(cache)  # the packs themselves stay


def test_old_versions_of_the_cache_are_deleted(tmp_path: Path) -> None:
    versions = tmp_path / "cache" / "checked-files"
    old = []
    for k in range(KEPT_VERSIONS + 2):  # caches left by earlier releases, oldest first
        folder = versions / f"earlier-release-{k}"
        folder.mkdir(parents=True)
        (folder / "entry.pickle").write_bytes(b"x")
        os.utime(folder, (1_000_000 + k, 1_000_000 + k))
        old.append(folder)
    assert _run(tmp_path / "cache", "rank", str(EXAMPLE)).returncode == 0
    kept = sorted(p.name for p in versions.iterdir())
    assert len(kept) == KEPT_VERSIONS + 1  # the newest earlier ones and this one
    assert [f.exists() for f in old] == [False, False] + [True] * KEPT_VERSIONS
