"""Shared fixtures: the shipped catalog (loaded once) and helpers to write broken files."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from selector.catalog import Catalog, load_catalog
from selector.catalog.shipped import shipped_root

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Every test, and every command a test starts, keeps its cache of checked catalog files
    in a private folder of this run, never in the user's own cache (tests that look at the
    cache choose their own folder)."""
    os.environ["CRM_SELECTOR_CACHE"] = tempfile.mkdtemp(prefix="crm-selector-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("CRM_SELECTOR_CACHE", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture
def vendor_text() -> str:
    """A valid vendor file from the shipped catalog, to mutate in tests."""
    return (shipped_root() / "vendors" / "sap-sales-cloud.toml").read_text("utf-8")


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalog (criteria/ and vendors/)."""
    root = tmp_path / "catalog"
    for part in ("criteria", "vendors"):
        shutil.copytree(shipped_root() / part, root / part)
    return root


Market = Callable[..., Path]


@pytest.fixture
def market(tmp_path: Path) -> Market:
    """`market(size, start=0)`: a folder of `size` vendor files (the shipped ones again and
    again, each with ids of its own, numbered from `start`), as a consultant's market is."""
    folder = tmp_path / "market"
    vendors = sorted((shipped_root() / "vendors").glob("*.toml"))

    def make(size: int, start: int = 0) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for k in range(start, start + size):
            text = vendors[k % len(vendors)].read_text("utf-8")
            text = re.sub(r'^id = "(\w+)"', rf'id = "\1_m{k}"', text, flags=re.M)
            (folder / f"m{k:03d}.toml").write_text(text, "utf-8")
        return folder

    return make
