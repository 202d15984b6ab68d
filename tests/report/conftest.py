"""Fixtures for the report tests: Recommendations built from the domain models, the example
project through the advisor, and their PDFs (each rendered once per session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pdf_reading import reader_of
from pypdf import PdfReader
from report_factory import build_recommendation

from selector.domain.recommendation import Recommendation
from selector.report import render_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nordlys-project.toml"


@pytest.fixture(scope="session")
def recommendation() -> Recommendation:
    return build_recommendation()


@pytest.fixture(scope="session")
def tied() -> Recommendation:
    return build_recommendation(clear_winner=False)


@pytest.fixture(scope="session")
def pdf(recommendation: Recommendation) -> bytes:
    return render_pdf(recommendation)


@pytest.fixture(scope="session")
def reader(pdf: bytes) -> PdfReader:
    return reader_of(pdf)


@pytest.fixture(scope="session")
def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="session")
def text(texts: list[str]) -> str:
    return "\n".join(texts)


@pytest.fixture(scope="session")
def tied_texts(tied: Recommendation) -> list[str]:
    return [page.extract_text() for page in reader_of(render_pdf(tied)).pages]


@pytest.fixture(scope="session")
def example() -> Recommendation:
    """The shipped example project through the catalog and the advisor, as `report` runs it
    (fewer samples, to keep the suite fast; the date is the project's own)."""
    from selector.advisor import advise
    from selector.catalog import open_project

    opened = open_project(EXAMPLE)
    assert opened.project is not None and opened.catalog is not None, opened.problems
    return advise(opened.catalog, opened.project, n_samples=2_000,
                  today=opened.project.date or dt.date(2026, 11, 30))


@pytest.fixture(scope="session")
def example_pdf(example: Recommendation) -> bytes:
    return render_pdf(example)


@pytest.fixture(scope="session")
def example_reader(example_pdf: bytes) -> PdfReader:
    return reader_of(example_pdf)


@pytest.fixture(scope="session")
def example_texts(example_reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in example_reader.pages]
