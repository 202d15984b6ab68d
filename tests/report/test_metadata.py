"""What the file says about itself: title, author, language, XMP, viewer settings."""

from __future__ import annotations

from pdf_reading import reader_of
from pypdf import PdfReader

from selector.domain.recommendation import Recommendation
from selector.report import render_pdf


def test_document_information(reader: PdfReader, recommendation: Recommendation) -> None:
    meta = reader.metadata
    assert meta.title == (f"CRM recommendation for {recommendation.organisation}: "
                          f"{recommendation.project_name}")
    assert meta.author == recommendation.prepared_by
    assert meta.subject == recommendation.headline
    assert meta.creator.startswith("CRM Selector")
    assert meta.get("/CreationDate", "").startswith("D:20250402000000")


def test_document_language_and_title_bar(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_xmp_metadata_says_the_same(reader: PdfReader, recommendation: Recommendation) -> None:
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title["x-default"] == reader.metadata.title
    assert xmp.dc_creator == [recommendation.prepared_by]
    assert xmp.dc_description["x-default"] == recommendation.headline
    assert xmp.dc_language == ["en-GB"]
    assert xmp.xmp_create_date.isoformat().startswith("2025-04-02T00:00:00")
    assert xmp.xmp_creator_tool == reader.metadata.creator
    assert xmp.pdf_producer == reader.metadata.producer


def test_without_organisation_the_title_names_the_project(
        recommendation: Recommendation) -> None:
    bare = recommendation.model_copy(update={"organisation": ""})
    title = reader_of(render_pdf(bare)).metadata.title
    assert title == f"CRM recommendation: {recommendation.project_name}"
