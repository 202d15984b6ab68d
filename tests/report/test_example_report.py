"""End to end: the shipped example project, through the catalog and the advisor, to the PDF."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from selector.domain.recommendation import Recommendation
from selector.report import render_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nordlys-project.toml"


@pytest.fixture(scope="module")
def example() -> Recommendation:
    from selector import advisor
    from selector.catalog import load_catalog, load_project

    loaded = load_project(EXAMPLE)
    assert loaded.project is not None, loaded.problems
    catalog = load_catalog(loaded.catalog_folders())
    return advisor.advise(catalog, loaded.project, n_samples=2_000, today=dt.date(2025, 5, 1))


def test_example_report_renders_and_reads_back(example: Recommendation) -> None:
    data = render_pdf(example)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert 10 <= len(reader.pages) <= 60
    assert " ".join(example.headline.split()) in text
    assert example.project_name in text
    for vendor in example.vendors:
        assert " ".join(vendor.name.split()) in text, vendor.name
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    assert render_pdf(example) == data
