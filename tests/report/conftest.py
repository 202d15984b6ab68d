"""Fixtures for the report tests: Recommendations built from the domain models, and their PDFs."""

from __future__ import annotations

import io

import pytest
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
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="session")
def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
