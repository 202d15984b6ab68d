"""The recommendation PDF: contents, Unicode round-trip, determinism, safe writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pdf_reading import bookmarks, flat, link_targets, page_texts, reader_of
from pypdf import PdfReader
from report_factory import EXCLUDED, LONG_URL, MARKUP, RUNNER_UP, THIRD, WINNER

from selector.catalog import FileError
from selector.domain.recommendation import Recommendation
from selector.report import render_pdf, write_report
from selector.report.fonts import FontSet

SECTIONS = [
    "1 Which kind of solution",
    "2 The ranking",
    "3 What could change the answer",
    "4 Where the stakeholders disagree",
    "5 Agreed and final weights",
    "6 Readiness, risks and actions",
    "7 Phased rollout plan",
    "Appendix A Criteria and weights",
    "Appendix B Evidence",
    "Appendix C Readiness checks",
    "Appendix D Method and parameters",
    "Appendix E Reproducibility",
    "Appendix F Words used in this report",
]


def test_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_every_section_is_present_in_order(text: str) -> None:
    flat_text = flat(text)
    positions = [flat_text.find(title) for title in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)


def test_page_count_and_numbers(reader: PdfReader, texts: list[str]) -> None:
    pages = len(reader.pages)
    assert 10 <= pages <= 30
    for number, page in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in page


def test_running_header_on_body_pages(texts: list[str]) -> None:
    assert "CRM recommendation ·" not in texts[0]  # the first page has no header
    for page in texts[1:]:
        assert "CRM recommendation ·" in page


def test_unicode_and_markup_round_trip(text: str, recommendation: Recommendation) -> None:
    flat_text = flat(text)
    for value in (recommendation.project_name, recommendation.organisation,
                  recommendation.prepared_by, WINNER, RUNNER_UP, THIRD, "李明 (IT)", "Åsa Ærø",
                  "Økonomi", "gatekeeper) 🛡️"):
        assert flat(value) in flat_text, value
    assert MARKUP in flat_text
    assert "&amp;" not in text and "&lt;" not in text


def test_emoji_survive_text_extraction(text: str) -> None:
    assert "🚀" in text  # code points above U+FFFF need UTF-16 pairs in the ToUnicode map


def test_first_page_holds_the_decision(texts: list[str],
                                       recommendation: Recommendation) -> None:
    first = flat(texts[0])
    assert flat(recommendation.headline) in first
    assert recommendation.confidence_text in first
    for reason in recommendation.top_reasons[:3]:
        assert flat(reason) in first
    assert flat(recommendation.top_reasons[3]) not in first
    assert "Main risks" in first and "Before signing" in first
    assert "Write a training plan and budget for it" in first
    assert "60%" in first  # the leader's chance of ranking first, as a number
    assert "Sign-off" in first and "Signature" in first


def test_no_clear_winner_names_the_contenders_on_page_one(tied: Recommendation) -> None:
    first = flat(page_texts(render_pdf(tied))[0])
    assert flat(tied.headline) in first
    assert len(tied.robustness.contenders) == 2
    shares = [f"{flat(v.name)}: {v.probability_first:.0%}" for v in tied.vendors
              if v.id in tied.robustness.contenders]
    for share in shares:
        assert share in first


def test_excluded_vendors_are_listed_with_reasons(text: str,
                                                  recommendation: Recommendation) -> None:
    flat_text = flat(text)
    excluded = [v for v in recommendation.vendors if v.excluded]
    assert [v.name for v in excluded] == [EXCLUDED]
    assert "Ruled out by must-haves" in flat_text
    assert flat(excluded[0].failures[0].reason) in flat_text


def test_overrides_are_shown(text: str) -> None:
    flat_text = flat(text)
    assert "The team's overrides" in flat_text
    assert flat(f"Pilot showed full export {MARKUP} — Ærø team") in flat_text
    assert "1 value set by the team" in flat_text


def test_solution_types_are_named_not_given_as_ids(text: str) -> None:
    assert "off_the_shelf" not in text
    assert "Outsourced\nOff-the-shelf" in text or "Outsourced Off-the-shelf" in flat(text)


def test_a_source_prints_its_site_and_links_the_full_address(reader: PdfReader) -> None:
    texts = [page.extract_text() for page in reader.pages]
    links = [uri for page in reader.pages for uri in link_targets(page)]
    assert LONG_URL in links
    page = next(b.page for b in bookmarks(reader) if b.title.startswith("Evidence: "))
    assert "example.com" in texts[page - 1]
    assert "/never/fit/" not in "".join(texts)  # the address itself is not printed


def test_one_checksum_line_instead_of_a_list(text: str) -> None:
    squeezed = "".join(text.split())
    assert "ab" * 32 not in squeezed and "cd" * 32 not in squeezed
    assert "Catalog (2 files)" in text
    assert "/home/åsa/kataloger" not in text


def test_evidence_covers_the_leaders_and_summarises_the_others(
        reader: PdfReader, recommendation: Recommendation) -> None:
    titles = [b.title for b in bookmarks(reader)]
    ranked = [v for v in recommendation.vendors if not v.excluded]
    assert f"Evidence: {ranked[0].name}" in titles
    assert f"Evidence: {ranked[1].name}" in titles
    assert f"Evidence: {ranked[2].name}" not in titles
    assert "The other ranked vendors" in titles


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
    reader = reader_of(render_pdf(big))
    assert 15 <= len(reader.pages) <= 80
    assert "Vendor 58 Ltd" in "".join(p.extract_text() for p in reader.pages)


def test_incomplete_recommendation_renders(recommendation: Recommendation) -> None:
    bare = recommendation.model_copy(update={
        "vendors": [], "solution_types": [], "rollout": [], "top_reasons": [],
        "criteria": [], "groups": [],
    })
    text = flat("".join(page_texts(render_pdf(bare))))
    assert "No vendor is ranked, so there is nothing to chart." in text
    assert "No rollout plan" in text
    assert "No criteria are weighted yet." in text


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
    text = "Nordlys" * 40
    short = fonts.fit(text, 100, 8)
    assert short.endswith("…") and text.startswith(short[:-1])
    assert fonts.width(short, 8) <= 100
    one_more = text[: len(short)] + "…"  # as much as fits: one character more would not
    assert fonts.width(one_more, 8) > 100
