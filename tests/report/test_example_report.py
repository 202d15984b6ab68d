"""End to end: the shipped example project, through the catalog and the advisor, to the PDF.

Read as a decision maker reads it: page 1 first, then the contents, a body of about eight pages
and the appendices; every bookmark on its section; no internal ids; no near-empty pages.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_reading import bookmarks, filled_share, flat, reader_of
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


@pytest.fixture(scope="module")
def data(example: Recommendation) -> bytes:
    return render_pdf(example)


@pytest.fixture(scope="module")
def reader(data: bytes) -> PdfReader:
    return reader_of(data)


@pytest.fixture(scope="module")
def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_example_report_renders_and_reads_back(example: Recommendation, data: bytes,
                                               texts: list[str]) -> None:
    text = flat(" ".join(texts))
    assert 15 <= len(texts) <= 40
    assert flat(example.headline) in text
    assert example.project_name in text
    for vendor in example.vendors:
        assert flat(vendor.name) in text, vendor.name
    assert f"Page {len(texts)} of {len(texts)}" in text
    assert render_pdf(example) == data


def test_page_one_is_the_decision(example: Recommendation, texts: list[str]) -> None:
    first = flat(texts[0])
    assert flat(example.headline) in first
    assert flat(example.confidence_text) in first
    assert "Before signing" in first and "Sign-off" in first
    assert "Contents" in texts[1]


def test_every_bookmark_lands_on_its_section(reader: PdfReader, texts: list[str]) -> None:
    marks = bookmarks(reader)
    assert len({m.page for m in marks}) > 10
    for mark in marks:
        assert flat(mark.title) in flat(texts[mark.page - 1]), mark


def test_body_is_about_eight_pages_then_the_appendices(reader: PdfReader) -> None:
    top = [m for m in bookmarks(reader) if m.level == 0]
    titles = [m.title for m in top]
    assert titles[:2] == ["CRM recommendation", "Contents"]
    assert [t.split(" ")[0] for t in titles[2:9]] == [str(n) for n in range(1, 8)]
    assert [" ".join(t.split(" ")[:2]) for t in titles[9:]] == [f"Appendix {c}" for c in "ABCDEF"]
    body_start, appendix_start = top[2].page, top[9].page
    assert body_start == 3
    assert 7 <= appendix_start - body_start <= 10


def test_sections_start_at_the_top_or_with_room(reader: PdfReader, texts: list[str]) -> None:
    """A section never starts in the last lines of a page: its heading is followed by text."""
    for mark in bookmarks(reader):
        page = flat(texts[mark.page - 1])
        after = page.split(flat(mark.title), 1)[1]
        assert len(after) > 80, mark


def test_no_near_empty_pages(reader: PdfReader) -> None:
    """A page in the flow of a part is well filled; the last page of a part (before the
    contents, the body, each appendix starts on a new page) is not near-empty either."""
    starts = {m.page for m in bookmarks(reader) if m.level == 0}
    for number, page in enumerate(reader.pages, start=1):
        if number in (2, len(reader.pages)):  # the contents; the end of the document
            continue
        share = filled_share(page)
        if number + 1 in starts:
            assert share > 0.2, (number, share)
        else:
            assert share > 0.6, (number, share)


def test_short_tables_stay_on_one_page(reader: PdfReader, texts: list[str]) -> None:
    """The methods table (three rows) and the weights of a short section are not split."""
    page = next(m.page for m in bookmarks(reader) if m.title == "Do other methods agree?")
    methods = texts[page - 1]
    for name in ("weighted sum", "TOPSIS", "PROMETHEE II"):
        assert name in methods
    consistency = next(m.page for m in bookmarks(reader)
                       if m.title == "How consistent the pairwise judgments are")
    assert "Jonas Berg" in texts[consistency - 1].split("How consistent", 1)[1]


def test_no_internal_ids_in_the_text(example: Recommendation, texts: list[str]) -> None:
    """Ids (vendor, criterion, group, kind, rule, stakeholder, check) never reach the reader."""
    ids: set[str] = set()
    ids |= {v.id for v in (*example.vendors, *example.solution_types)}
    ids |= {c.criterion_id for c in example.criteria} | {g.group_id for g in example.groups}
    ids |= {t.ref for c in example.criteria for t in c.set_by}
    ids |= {s.stakeholder_id for s in example.group_view.stakeholders}
    ids |= {c.item_id for c in example.readiness.checks}
    fired = str(example.provenance.parameters.get("rules fired", ""))
    ids |= {rule.strip() for rule in fired.split(",") if rule.strip()}
    coded = {i for i in ids if re.search(r"[_\d]", i)}  # plain words like "cost" may appear
    assert len(coded) > 30
    words = set(re.findall(r"[\w.-]+", " ".join(texts)))
    leaked = sorted(coded & words)
    assert not leaked, leaked


def test_no_plural_placeholders_and_one_number_style(texts: list[str]) -> None:
    text = flat(" ".join(texts))
    assert "(s)" not in text
    assert "5600 EUR" not in text and "5,600 EUR per user over five years" in text


def test_glossary_is_listed_and_last(reader: PdfReader) -> None:
    last = [m for m in bookmarks(reader) if m.level == 0][-1]
    assert last.title == "Appendix F Words used in this report"



def test_cli_report_with_a_hostile_project_name(tmp_path: Path) -> None:
    """Through the command a user runs: an escape sequence and a long name in the project."""
    source = EXAMPLE.read_text(encoding="utf-8")
    hostile = "Nordlys \\u001b]0;pwned\\u0007 " + "lång projektnamn " * 20
    project = tmp_path / "project.toml"
    project.write_text(source.replace('name = "Nordlys CRM selection 2026"',
                                      f'name = "{hostile}"', 1), encoding="utf-8")
    target = tmp_path / "report.pdf"
    result = subprocess.run([sys.executable, "-m", "selector.cli", "report", str(project),
                             "-o", str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    reader = reader_of(target.read_bytes())
    assert "⟨ESC⟩]0;pwned⟨BEL⟩" in reader.metadata.title
    assert "\x1b" not in reader.pages[1].extract_text()
