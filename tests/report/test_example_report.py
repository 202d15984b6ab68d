"""End to end: the shipped example project, through the catalog and the advisor, to the PDF.

Read as a CFO reads it: page 1 answers what to buy, how sure, what it costs us and what we must
do first; then the contents, a body of about eight pages and the appendices; every bookmark on
its section; no internal ids; each fact said once. Expected figures are worked out here from
the project file and the Recommendation's numbers, not taken from the report's own text.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import EXAMPLE
from pdf_reading import (
    body_lines,
    bookmarks,
    filled_share,
    first_page_with_line,
    flat,
    occurrences,
    reader_of,
)
from pypdf import PdfReader

from selector.domain.base import NAME_LIMIT
from selector.domain.recommendation import Range, Recommendation
from selector.report import render_pdf

ANSWERS = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]


def eur(value: float) -> str:
    """EUR as a CFO reads it, worked out here: hundreds above 10,000, one decimal in millions."""
    if value >= 1_000_000:
        return f"EUR {value / 1_000_000:.1f} million"
    return f"EUR {round(value, -2 if value >= 10_000 else 0):,.0f}"


def eur_range(amount: Range) -> str:
    if amount.high >= 1_000_000:
        return f"EUR {amount.low / 1_000_000:.1f}–{amount.high / 1_000_000:.1f} million"
    step = -2 if amount.high >= 10_000 else 0
    return f"EUR {round(amount.low, step):,.0f}–{round(amount.high, step):,.0f}"


def leading(example: Recommendation) -> list:
    contenders = set(example.robustness.contenders)
    return [o for o in example.offerings if o.id in contenders]


def test_example_report_renders_and_reads_back(example: Recommendation,
                                               example_texts: list[str]) -> None:
    text = flat(" ".join(example_texts))
    assert 20 <= len(example_texts) <= 40
    assert example.project_name in text
    for offering in example.offerings:
        assert flat(offering.name) in text, offering.name
    assert f"Page {len(example_texts)} of {len(example_texts)}" in text


# ---- page 1 -------------------------------------------------------------------------------


def test_page_one_says_what_to_buy_and_how_sure(example: Recommendation,
                                                example_texts: list[str]) -> None:
    first = flat(example_texts[0])
    assert flat(example.headline) in first
    assert flat(example.confidence_text) in first
    assert example.robustness.certainty == "close"
    for step in ("Clear winner", "Favourite, not yet safe", "Too close to call",
                 "No recommendation"):
        assert step in first
    assert "Contents" in example_texts[1]


def test_page_one_gives_the_cost_against_the_budget(example: Recommendation,
                                                    example_texts: list[str]) -> None:
    """The team's cost over the horizon for each contender, in the project's own figures."""
    first = flat(example_texts[0])
    upfront, yearly = ANSWERS["budget_upfront_eur"], ANSWERS["budget_yearly_eur"]
    assert (f"For {ANSWERS['crm_users']} users over {ANSWERS['horizon_years']} years, against "
            f"the team's budgets of {eur(upfront)} upfront and {eur(yearly)} a year.") in first
    offerings = leading(example)
    assert len(offerings) == 3
    for offering in offerings:
        cost = offering.cost
        assert cost is not None
        years = ANSWERS["horizon_years"]
        assert cost.total.low == pytest.approx(cost.upfront.low + years * cost.yearly.low)
        assert cost.total.high == pytest.approx(cost.upfront.high + years * cost.yearly.high)
        for amount in (cost.upfront, cost.yearly, cost.total):
            assert eur_range(amount) in first, (offering.name, eur_range(amount))
    assert "Total, 5 years" in first


def test_page_one_gives_the_budget_verdicts(example: Recommendation,
                                            example_texts: list[str]) -> None:
    """Worked out from the budgets in the project file: Salesforce's yearly cost is over even
    at its low estimate, Sales Professional is within both, Sales Enterprise may exceed."""
    first = flat(example_texts[0])
    budget = ANSWERS["budget_yearly_eur"]
    by_name = {o.name: o.cost for o in leading(example)}
    salesforce = by_name["Salesforce Sales Cloud Enterprise"]
    professional = by_name["Dynamics 365 Sales Professional (online)"]
    assert salesforce is not None and professional is not None
    assert salesforce.yearly.low > budget
    assert professional.yearly.high <= budget and professional.upfront.high <= 250_000
    assert occurrences(first, "over budget") == 1
    assert occurrences(first, "within budget") == 2
    assert occurrences(first, "may exceed the budget") == 3


def test_page_one_says_what_would_settle_it_and_what_to_do_first(
        example: Recommendation, example_texts: list[str]) -> None:
    first = flat(example_texts[0])
    assert "What would settle it" in first
    for settle in example.settle:
        assert flat(settle.name) in first
        for value in settle.values.values():
            assert flat(value) in first
    assert flat(example.tie_breaker) in first
    assert len(example.actions) == 3
    assert example.actions[0].text.startswith("Run a two-week proof of concept")
    for action in example.actions:
        assert flat(action.text) in first
        assert flat(action.owner) in first
    assert "Sign-off" in first and "Signature" in first


# ---- navigation ---------------------------------------------------------------------------


def test_every_bookmark_lands_on_its_section(example_reader: PdfReader,
                                             example_texts: list[str]) -> None:
    marks = bookmarks(example_reader)
    assert len({m.page for m in marks}) > 15
    for mark in marks:
        assert flat(mark.title) in flat(example_texts[mark.page - 1]), mark


def test_each_section_starts_on_the_page_its_heading_is_on(example_reader: PdfReader,
                                                           example_texts: list[str]) -> None:
    """The bookmark's page is the first page whose text has a line starting with the heading,
    found in the text alone (after the contents, which list them all); the memo, contents and
    body start where a reader expects."""
    top = [m for m in bookmarks(example_reader) if m.level == 0]
    for mark in top[2:]:
        assert first_page_with_line(example_texts, mark.title, start=3) == mark.page, mark
    pages = {m.title: m.page for m in top}
    assert pages["CRM recommendation"] == 1
    assert pages["Contents"] == 2
    assert pages["1 Which kind of solution"] == 3
    body = [p for t, p in pages.items() if t[0].isdigit()]
    appendices = [p for t, p in pages.items() if t.startswith("Appendix")]
    assert len(body) == 7 and len(appendices) == 7
    assert max(body) < min(appendices)
    assert 8 <= min(appendices) - 3 <= 11  # a body of about eight pages
    for mark in top:
        if mark.title.startswith(("Appendix A", "Appendix B", "Appendix C")):
            assert body_lines(example_texts[mark.page - 1])[0] == mark.title  # a new page


def test_sections_start_at_the_top_or_with_room(example_reader: PdfReader,
                                                example_texts: list[str]) -> None:
    """A section never starts in the last lines of a page: its heading is followed by text."""
    for mark in bookmarks(example_reader):
        page = flat(example_texts[mark.page - 1])
        after = page.split(flat(mark.title), 1)[1]
        assert len(after) > 80, mark


def test_no_near_empty_pages(example_reader: PdfReader) -> None:
    """A page in the flow of a part is well filled; the last page of a part (before a part
    that starts on a new page) is not near-empty either."""
    starts = {m.page for m in bookmarks(example_reader) if m.level == 0}
    for number, page in enumerate(example_reader.pages, start=1):
        if number in (2, len(example_reader.pages)):  # the contents; the end of the document
            continue
        share = filled_share(page)
        assert share > (0.2 if number + 1 in starts else 0.5), (number, share)


# ---- what the reader must never see, and sees once ----------------------------------------


def test_no_internal_ids_in_the_text(example: Recommendation, example_texts: list[str]) -> None:
    """Ids (offering, vendor, criterion, group, kind, rule, stakeholder, check, fact) never
    reach the reader."""
    ids: set[str] = set()
    ids |= {o.id for o in (*example.offerings, *example.solution_types)}
    ids |= {o.vendor_id for o in example.offerings if o.vendor_id}
    ids |= {t for o in example.offerings for t in o.solution_types}
    ids |= {c.criterion_id for c in example.criteria} | {g.group_id for g in example.groups}
    ids |= {t.ref for c in example.criteria for t in c.set_by}
    ids |= {r.rule_id for r in example.provenance.rules_fired}
    ids |= {s.stakeholder_id for s in example.group_view.stakeholders}
    ids |= {c.item_id for c in example.readiness.checks}
    ids |= {m.fact for m in example.fact_must_haves}
    coded = {i for i in ids if re.search(r"[_\d]", i)}  # plain words like "cost" may appear
    assert {"off_the_shelf", "dynamics_365_sales_enterprise", "open_standards_required"} <= coded
    assert len(coded) > 80
    words = set(re.findall(r"[\w.-]+", " ".join(example_texts)))
    leaked = sorted(coded & words)
    assert not leaked, leaked
    assert "fact:" not in " ".join(example_texts)


def test_each_fact_once(example: Recommendation, example_texts: list[str]) -> None:
    """The headline, the smallest flip, each exclusion reason and each risk appear exactly
    once (an exclusion reason once for each offering it rules out)."""
    text = " ".join(example_texts)
    assert occurrences(text, example.headline) == 1
    flip = [s for s in example.robustness.statements if s.startswith("The smallest weight")]
    assert len(flip) == 1 and occurrences(text, flip[0]) == 1
    reasons: dict[str, int] = {}
    for offering in example.offerings:
        for failure in offering.failures:
            reasons[failure.reason] = reasons.get(failure.reason, 0) + 1
    assert len(reasons) > 10
    kinds = " ".join(r for t in example.solution_types for r in t.reasons)
    for reason, times in reasons.items():
        # a kind of solution that typically misses the same must-have says so in its reasons
        assert occurrences(text, reason) == times + occurrences(kinds, reason), reason
    assert len(example.risks) > 8
    for risk in example.risks:
        assert occurrences(text, risk.text) == 1, risk.text


def test_project_risks_are_apart_from_the_offerings(example: Recommendation,
                                                    example_reader: PdfReader,
                                                    example_texts: list[str]) -> None:
    marks = {m.title: m.page for m in bookmarks(example_reader)}
    page = flat(" ".join(example_texts[marks["Risks that depend on the offering"] - 1:
                                       marks["7 Phased rollout plan"]]))
    offering, project = page.split("Risks for the project, whichever offering is chosen", 1)
    for risk in example.risks:
        assert flat(risk.text) in (offering if risk.applies_to else project), risk.text
    assert "Action 2 on page 1" in project and "Action 3 on page 1" in project


def test_numbers_are_written_one_way(example_texts: list[str]) -> None:
    text = flat(" ".join(example_texts))
    assert "(s)" not in text
    long_numbers = re.findall(r"(?<![\w,./])(?<!ISO )\d{5,}(?![\w,/])", text)  # not ISO 27001
    assert not long_numbers, long_numbers[:5]
    assert "-1" not in re.sub(r"\d{4}-\d{2}-\d{2}", "", text).replace("CRM-", "")


def test_glossary_is_listed_and_last(example_reader: PdfReader) -> None:
    last = [m for m in bookmarks(example_reader) if m.level == 0][-1]
    assert last.title == "Appendix G Words used in this report"


# ---- from the command line ----------------------------------------------------------------


def _report(project: Path, target: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "selector.cli", "report", str(project),
                             "-o", str(target)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_report_runs_in_two_processes_give_the_same_bytes(tmp_path: Path) -> None:
    runs = [(target, _report(EXAMPLE, target))
            for target in (tmp_path / "first.pdf", tmp_path / "second.pdf")]
    for _target, run in runs:
        _out, err = run.communicate(timeout=180)
        assert run.returncode == 0, err
    first, second = (target.read_bytes() for target, _run in runs)
    assert first == second
    assert "CRM recommendation" in reader_of(first).pages[0].extract_text()


def test_cli_report_with_a_hostile_project_name(tmp_path: Path) -> None:
    """Through the command a user runs: an escape sequence in a project name as long as a name
    may be."""
    source = EXAMPLE.read_text(encoding="utf-8")
    start = "Nordlys \x1b]0;pwned\x07 "
    fill = ("lång projektnamn " * 20)[: NAME_LIMIT - len(start)]
    hostile = "Nordlys \\u001b]0;pwned\\u0007 " + fill
    project = tmp_path / "project.toml"
    project.write_text(source.replace('name = "Nordlys CRM selection 2026"',
                                      f'name = "{hostile}"', 1), encoding="utf-8")
    target = tmp_path / "report.pdf"
    run = _report(project, target)
    _out, err = run.communicate(timeout=180)
    assert run.returncode == 0, err
    assert "Traceback" not in err
    reader = reader_of(target.read_bytes())
    assert "⟨ESC⟩]0;pwned⟨BEL⟩" in reader.metadata.title
    assert "\x1b" not in reader.pages[1].extract_text()


def test_same_recommendation_same_bytes(example: Recommendation, example_pdf: bytes) -> None:
    assert render_pdf(Recommendation.model_validate_json(example.model_dump_json())) == \
        example_pdf
