"""Shared fixtures: the shipped catalog (loaded once) and helpers to write broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selector.catalog import Catalog, load_catalog
from selector.catalog.shipped import shipped_root

REPO = Path(__file__).resolve().parent.parent


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
