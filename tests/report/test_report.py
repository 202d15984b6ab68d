"""The recommendation PDF: contents, Unicode round-trip, determinism, safe writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pdf_reading import bookmarks, flat, link_targets, occurrences, page_texts, reader_of
from pypdf import PdfReader
from report_factory import (
    BENT,
    CERTAIN_RISK,
    EXCLUDED,
    EXCLUSION,
    FLIP,
    LONG_URL,
    MARKUP,
    RUNNER_UP,
    SOURCE_TITLE,
    THIRD,
    WINNER,
)

from selector.catalog import FileError
from selector.domain.recommendation import Recommendation
from selector.report import render_pdf, write_report
from selector.report.fonts import FontSet

SECTIONS = [
    "1 Which kind of solution",
    "2 The ranking and value for money",
    "3 What could change the answer",
    "4 Where the stakeholders disagree",
    "5 Agreed and final weights",
    "6 Risks and readiness",
    "7 Phased rollout plan",
    "Appendix A Criteria and weights",
    "Appendix B Cost for this team",
    "Appendix C Evidence",
    "Appendix D Readiness checks",
    "Appendix E Method and parameters",
    "Appendix F Reproducibility",
    "Appendix G Words used in this report",
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
    assert flat(recommendation.confidence_text) in first
    assert flat(recommendation.cost_basis) in first
    for action in recommendation.actions:
        assert flat(action.text) in first and flat(action.owner) in first
    assert "What would settle it" not in first  # a clear winner: nothing to settle
    assert "Why it leads" in first and flat(recommendation.top_reasons[0]) in first
    assert "60%" in first  # the leader's chance of ranking first, as a number
    assert "Sign-off" in first and "Signature" in first
    assert "Contents" in texts[1]


def test_first_page_gives_each_leading_offerings_cost_and_verdicts(
        texts: list[str], recommendation: Recommendation) -> None:
    """A clear winner: the first three ranked, each upfront, yearly and total, with the
    verdict against each budget below it (the factory's figures are round: checked by hand;
    the third publishes no price for part of it)."""
    first = flat(texts[0])
    assert "EUR 60,000–120,000" in first  # the winner's upfront cost
    assert "EUR 70,000–100,000" in first  # and yearly
    assert "EUR 410,000–620,000" in first  # 60,000 + 5 × 70,000 to 120,000 + 5 × 100,000
    assert "EUR 100,000–200,000" in first and "EUR 100,000–140,000" in first  # the third
    assert first.count("within budget") == 4  # first and second, both budgets
    assert first.count("price not published") == 2  # the third, both budgets
    assert "◆" in first  # the efficient ones are marked


def test_near_tie_page_one_says_what_would_settle_it(tied: Recommendation,
                                                    tied_texts: list[str]) -> None:
    first = flat(tied_texts[0])
    assert flat(tied.headline) in first
    assert "What would settle it" in first
    for settle in tied.settle:
        assert flat(settle.name) in first
    assert flat(tied.tie_breaker) in first
    contenders = [o for o in tied.offerings if o.id in tied.robustness.contenders]
    assert len(contenders) == 2
    for offering in contenders:
        assert f"{offering.probability_first:.0%}" in first
    assert "Too close to call" in first


def test_rollout_says_why_it_names_no_modules(tied: Recommendation,
                                              tied_texts: list[str]) -> None:
    text = flat(" ".join(tied_texts))
    assert occurrences(text, tied.rollout_note) == 1


def test_excluded_offerings_are_listed_with_reasons(text: str,
                                                    recommendation: Recommendation) -> None:
    excluded = [o for o in recommendation.offerings if o.excluded]
    assert [o.name for o in excluded] == [EXCLUDED]
    assert "Ruled out by must-haves" in flat(text)
    assert occurrences(text, EXCLUSION) == 1


def test_each_fact_once(text: str, recommendation: Recommendation) -> None:
    assert occurrences(text, recommendation.headline) == 1
    assert occurrences(text, FLIP) == 1
    for risk in recommendation.risks:
        assert occurrences(text, risk.text) == 1, risk.text
    assert occurrences(text, CERTAIN_RISK) == 1  # a risk, and a readiness check's risk


def test_weights_bent_after_the_scores_are_on_page_one_once(texts: list[str]) -> None:
    """A governance warning the CFO must see: on page 1, and not again with the risks."""
    assert occurrences(texts[0], BENT) == 1
    assert occurrences(" ".join(texts), BENT) == 1


def test_a_risk_whose_action_is_on_page_one_points_to_it(texts: list[str]) -> None:
    """The training plan is action 2 on page 1: its risk points there instead of repeating it."""
    body = flat(" ".join(texts[1:]))
    action = "Write a training plan and budget for it"
    assert occurrences(flat(texts[0]), action) == 1
    assert "Action 2 on page 1" in body
    assert occurrences(" ".join(texts[1:]).split("Appendix D Readiness checks")[0], action) == 0


def test_risks_are_split_by_what_they_apply_to(texts: list[str]) -> None:
    flat_text = flat(" ".join(texts[2:]))  # after the contents
    offering = flat_text.index("Risks that depend on the offering")
    project = flat_text.index("Risks for the project, whichever offering is chosen")
    assert offering < flat_text.index(f"{flat(WINNER)} may not fit the budget.") < project
    assert project < flat_text.index(flat(CERTAIN_RISK))


def test_overrides_are_shown(text: str) -> None:
    flat_text = flat(text)
    assert "The team's overrides" in flat_text
    assert flat(f"Pilot showed full export {MARKUP} — Ærø team") in flat_text


def test_solution_types_are_named_not_given_as_ids(text: str) -> None:
    assert "off_the_shelf" not in text and "custom_built" not in text
    assert "Outsourced\nOff-the-shelf" in text or "Outsourced Off-the-shelf" in flat(text)


def test_a_source_prints_its_title_and_links_the_full_address(reader: PdfReader,
                                                              texts: list[str]) -> None:
    links = [uri for page in reader.pages for uri in link_targets(page)]
    assert LONG_URL in links
    page = next(b.page for b in bookmarks(reader) if b.title.startswith("Evidence: "))
    evidence = flat(texts[page - 1])
    assert flat(SOURCE_TITLE) in evidence
    assert "vendor documentation" in evidence and "team judgement" in evidence
    assert "judgement" in evidence and "vendor claim, verified in a demo" in evidence
    assert "1 Mar 2025" in evidence  # the day the source was seen
    assert "/never/fit/" not in "".join(texts)  # the address itself is not printed
    assert "example.com" in flat(" ".join(texts))  # a rule's source prints as its site


def test_reproducibility_gives_the_checksums_once(text: str) -> None:
    squeezed = "".join(text.split())
    assert squeezed.count("ef" * 32) == 1 and squeezed.count("ab" * 32) == 1
    assert "12" * 32 not in squeezed and "cd" * 32 not in squeezed  # per file: in the JSON
    assert "Catalog checksum (2 files)" in text
    assert "/home/åsa/kataloger" not in text


def test_evidence_covers_the_leaders_and_summarises_the_others(
        reader: PdfReader, recommendation: Recommendation, tied: Recommendation) -> None:
    titles = [b.title for b in bookmarks(reader)]
    ranked = [o for o in recommendation.offerings if not o.excluded]
    assert f"Evidence: {ranked[0].name}" in titles
    assert f"Evidence: {ranked[1].name}" in titles
    assert f"Evidence: {ranked[2].name}" not in titles
    assert "The other ranked offerings" in titles
    tied_titles = [b.title for b in bookmarks(reader_of(render_pdf(tied)))]
    contenders = [o.name for o in tied.offerings if o.id in tied.robustness.contenders]
    assert [t.removeprefix("Evidence: ") for t in tied_titles
            if t.startswith("Evidence: ")] == contenders


def test_cost_appendix_gives_every_line_and_the_assumptions(
        reader: PdfReader, texts: list[str], recommendation: Recommendation) -> None:
    start = next(b.page for b in bookmarks(reader) if b.title == "Appendix B Cost for this team")
    end = next(b.page for b in bookmarks(reader) if b.title == "Appendix C Evidence")
    costs = flat(" ".join(texts[start - 1:end - 1]))
    winner = recommendation.offerings[0]
    assert winner.cost is not None
    for line in winner.cost.lines:
        assert flat(line.basis) in costs
    assert flat(f"Åsa's assumption {MARKUP}") in costs
    assert "Implementation *" in costs  # a line from the catalog's defaults is marked


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
    assert 15 <= len(reader.pages) <= 60
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    thirtieth = next(o for o in big.offerings if o.rank == 30)
    assert f"30 {thirtieth.name}" in text  # the last row of the ranking table
    assert "The first 30 of 59 ranked offerings; every one is in the JSON export" in text


def test_incomplete_recommendation_renders(recommendation: Recommendation) -> None:
    bare = recommendation.model_copy(update={
        "offerings": [], "solution_types": [], "rollout": [], "top_reasons": [],
        "criteria": [], "groups": [], "actions": [], "risks": [], "settle": [],
    })
    text = flat("".join(page_texts(render_pdf(bare))))
    assert "No offering is ranked, so there is nothing to chart." in text
    assert "No offering passes every must-have, so there is no cost to show." in text
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
