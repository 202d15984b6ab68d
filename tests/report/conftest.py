"""Fixtures for the report tests: Recommendations built from the domain models, and their PDFs."""

from __future__ import annotations

import pytest
from pdf_reading import reader_of
from pypdf import PdfReader
from report_factory import build_recommendation

from selector.domain.recommendation import Recommendation
from selector.report import render_pdf


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
