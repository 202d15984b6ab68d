"""The recommendation PDF: contents, structure, Unicode round-trip, determinism, safe writes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import page_texts
from pypdf import PdfReader
from report_factory import EXCLUDED, LONG_URL, MARKUP, RUNNER_UP, THIRD, WINNER

from selector.catalog import FileError
from selector.domain.recommendation import Recommendation
from selector.report import render_pdf, write_report
from selector.report.fonts import FontSet

SECTIONS = [
    "1 Executive summary",
    "2 Which kind of solution",
    "3 Vendor ranking",
    "4 The scores at a glance",
    "5 What could change the decision",
    "6 Readiness, risks and actions",
    "7 Phased rollout plan",
    "Appendix A Criteria and weights",
    "Appendix B Scores and evidence",
    "Appendix C Method and parameters",
    "Appendix D Catalog checksums",
]


def _flat(value: str) -> str:
    """Extracted text with line breaks and runs of spaces folded, for phrase searches."""
    return " ".join(value.split())


def _outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_every_section_is_present(text: str) -> None:
    flat = _flat(text)
    for title in SECTIONS:
        assert _flat(title) in flat, title


def test_every_section_is_bookmarked(reader: PdfReader) -> None:
    titles = [_flat(t) for t in _outline_titles(reader)]
    for title in ["Cover", *SECTIONS]:
        assert _flat(title) in titles, title
    assert "Ruled out by must-haves" in titles
    assert f"Evidence: {RUNNER_UP}" in titles or any(t.startswith("Evidence: ") for t in titles)


def test_metadata(reader: PdfReader, recommendation: Recommendation) -> None:
    meta = reader.metadata
    assert meta.title == f"CRM recommendation: {recommendation.project_name}"
    assert meta.author == recommendation.prepared_by
    assert meta.subject == recommendation.headline
    assert meta.creator.startswith("CRM Selector")
    assert meta.get("/CreationDate", "").startswith("D:20250402101500")


def test_page_count_and_numbers(reader: PdfReader, text: str) -> None:
    pages = len(reader.pages)
    assert 8 <= pages <= 30
    for number in (1, pages):
        assert f"Page {number} of {pages}" in text


def test_running_header_on_body_pages(pdf: bytes, recommendation: Recommendation) -> None:
    texts = page_texts(pdf)
    assert "CRM recommendation ·" not in texts[0]  # the cover has no header
    for page in texts[1:]:
        assert "CRM recommendation ·" in page


def test_unicode_and_markup_round_trip(text: str, recommendation: Recommendation) -> None:
    flat = _flat(text)
    for value in (recommendation.project_name, recommendation.organisation,
                  recommendation.prepared_by, WINNER, RUNNER_UP, THIRD, "李明 (IT)", "Åsa Ærø",
                  "Økonomi", "IT 🚀", "gatekeeper) 🛡️"):
        assert _flat(value) in flat, value
    assert MARKUP in flat
    assert "&amp;" not in text and "&lt;" not in text


def test_emoji_survive_text_extraction(text: str) -> None:
    assert "🚀" in text  # code points above U+FFFF need UTF-16 pairs in the ToUnicode map


def test_summary_names_reasons_risks_actions(pdf: bytes, recommendation: Recommendation) -> None:
    summary = _flat(page_texts(pdf)[1])
    assert "1 Executive summary" in summary
    for reason in recommendation.top_reasons[:3]:
        assert _flat(reason) in summary
    assert _flat(recommendation.top_reasons[3]) not in summary
    assert "Main risks" in summary and "Before signing" in summary
    assert "Write a training plan and budget for it" in summary
    assert recommendation.confidence_text in summary
    assert "60%" in summary  # the winner's chance of ranking first, as a number


def test_summary_fits_on_one_page(pdf: bytes) -> None:
    texts = page_texts(pdf)
    assert "1 Executive summary" in texts[1]
    assert "2 Which kind of solution" in texts[2]


def test_no_clear_winner_is_said_and_contenders_named(tied: Recommendation) -> None:
    texts = page_texts(render_pdf(tied))
    summary = _flat(texts[1])
    assert "No clear winner." in summary
    assert "There is no clear winner." in summary
    contenders = [v.name for v in tied.vendors if v.id in tied.robustness.contenders]
    assert len(contenders) == 2
    for name in contenders:
        assert _flat(name) in summary


def test_clear_winner_does_not_claim_a_tie(pdf: bytes) -> None:
    assert "no clear winner" not in _flat(page_texts(pdf)[1]).lower()


def test_excluded_vendors_are_listed_with_reasons(text: str,
                                                  recommendation: Recommendation) -> None:
    flat = _flat(text)
    excluded = [v for v in recommendation.vendors if v.excluded]
    assert [v.name for v in excluded] == [EXCLUDED]
    assert "Ruled out by must-haves" in flat
    assert _flat(excluded[0].failures[0].reason) in flat


def test_overrides_are_shown(text: str) -> None:
    flat = _flat(text)
    assert "The team's overrides" in flat
    assert _flat(f"Pilot showed full export {MARKUP} — Ærø team") in flat


def test_long_url_is_kept_whole_in_the_text(text: str) -> None:
    assert LONG_URL in "".join(text.split())


def test_catalog_checksums_listed(text: str) -> None:
    assert "ab" * 32 in "".join(text.split())
    assert "/home/åsa/kataloger/中文/vendors/nordlys.toml" in "".join(text.split())


def test_same_input_same_bytes(recommendation: Recommendation, pdf: bytes) -> None:
    assert render_pdf(recommendation) == pdf
    rebuilt = Recommendation.model_validate_json(recommendation.model_dump_json())
    assert render_pdf(rebuilt) == pdf


def test_different_input_different_bytes(recommendation: Recommendation, pdf: bytes) -> None:
    changed = recommendation.model_copy(update={"headline": "Something else."})
    assert render_pdf(changed) != pdf


def test_large_report_stays_within_bounds() -> None:
    from report_factory import build_recommendation

    big = build_recommendation(n_vendors=60, n_criteria=40)
    reader = PdfReader(io.BytesIO(render_pdf(big)))
    assert 15 <= len(reader.pages) <= 80
    assert "Vendor 58 Ltd" in "".join(p.extract_text() for p in reader.pages)


def test_incomplete_recommendation_renders(recommendation: Recommendation) -> None:
    bare = recommendation.model_copy(update={
        "vendors": [], "solution_types": [], "rollout": [], "top_reasons": [],
        "criteria": [], "groups": [],
    })
    text = "".join(page_texts(render_pdf(bare)))
    assert "No vendor meets every must-have." in _flat(text)
    assert "No rollout plan" in text


def test_write_report_writes_the_same_bytes(tmp_path: Path, recommendation: Recommendation,
                                            pdf: bytes) -> None:
    target = tmp_path / "report.pdf"
    write_report(recommendation, target)
    assert target.read_bytes() == pdf
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_missing_folder_is_a_file_error(tmp_path: Path, recommendation: Recommendation) -> None:
    with pytest.raises(FileError, match="does not exist"):
        write_report(recommendation, tmp_path / "nowhere" / "report.pdf")


def test_folder_as_target_is_a_file_error(tmp_path: Path,
                                          recommendation: Recommendation) -> None:
    with pytest.raises(FileError, match="is a folder"):
        write_report(recommendation, tmp_path)


def test_failed_write_keeps_existing_file(tmp_path: Path, recommendation: Recommendation,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Works as root too: the rename is made to fail, as a full disk or a lock would."""
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous good report")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FileError, match="cannot be saved"):
        write_report(recommendation, target)
    assert target.read_bytes() == b"previous good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_font_fallback_picks_fonts_with_glyphs() -> None:
    fonts = FontSet().register()
    runs = fonts.runs("Åsa 中文 🚀 ❤️")
    faces = {run: font for font, run in runs}
    assert faces["中文"] == "CrmCJK"
    assert faces["🚀"] == "CrmEmoji"
    assert faces["Åsa "] == "CrmSans"
    assert "".join(run for _font, run in runs) == "Åsa 中文 🚀 ❤️"


def test_markup_escapes_user_text() -> None:
    fonts = FontSet().register()
    assert fonts.markup("<b>&[red]") == "&lt;b&gt;&amp;[red]"
    assert fonts.markup('<font face="x">') == '&lt;font face="x"&gt;'


def test_fit_shortens_with_ellipsis() -> None:
    fonts = FontSet().register()
    short = fonts.fit("Nordlys " * 40, 100, 8)
    assert short.endswith("…")
    assert fonts.width(short, 8) <= 100
