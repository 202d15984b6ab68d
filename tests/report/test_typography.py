"""What the reader sees of words and numbers: sizes, separators, plurals, the glossary, charts."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

from pdf_reading import bookmarks, flat, page_texts, text_runs
from pypdf import PdfReader

from selector.domain.recommendation import CatalogFile, Recommendation
from selector.report import charts, render_pdf
from selector.report.numbers import number, pct, plural, signed_pct, with_unit
from selector.report.renderer import shared_fonts


def test_no_type_under_seven_points(reader: PdfReader) -> None:
    for index, page in enumerate(reader.pages, start=1):
        small = [run for run in text_runs(page) if run.size < 6.99]
        assert not small, (index, small[:3])


def test_no_plural_placeholders(text: str) -> None:
    assert "(s)" not in text


def test_glossary_explains_every_method_term(reader: PdfReader, texts: list[str]) -> None:
    start = next(m.page for m in bookmarks(reader) if m.title.startswith("Appendix F"))
    glossary = flat(" ".join(texts[start - 1:]))
    for term in ("TOPSIS", "PROMETHEE II", "Kendall τ", "SMAA", "Stability interval",
                 "consistency ratio", "coefficient of variation", "Must-have (knock-out)",
                 "Weighted sum", "Probability of first place"):
        assert term in glossary, term


def test_the_contents_page_points_to_the_glossary(texts: list[str]) -> None:
    assert "explained in the last appendix" in flat(texts[1])


def test_numbers_are_written_one_way() -> None:
    assert number(13000) == "13,000"
    assert number(36.8) == "36.8"
    assert number(2208.333) == "2,208.33"
    assert number(-12) == "−12"
    assert pct(-0.5) == "−50%"
    assert signed_pct(2.72) == "+272%"
    assert signed_pct(-0.25) == "−25%"
    assert with_unit(13000, "EUR per user over five years") == "13,000 EUR per user over five years"
    assert with_unit(3, "level 0–5") == "level 3"
    assert plural(1, "value") == "1 value"
    assert plural(2, "value") == "2 values"
    assert plural(1_000, "criterion", "criteria") == "1,000 criteria"


def test_large_values_print_with_separators(recommendation: Recommendation) -> None:
    criteria = [c.model_copy(update={"unit": "EUR per user over five years"})
                if c.criterion_id == "c04" else c for c in recommendation.criteria]
    vendors = []
    for v in recommendation.vendors:
        contributions = [c.model_copy(update={"raw_value": 13000.0})
                         if c.criterion_id == "c04" else c for c in v.contributions]
        vendors.append(v.model_copy(update={"contributions": contributions}))
    rec = recommendation.model_copy(update={"criteria": criteria, "vendors": vendors})
    text = flat(" ".join(page_texts(render_pdf(rec))))
    assert "13,000 EUR per user over five years" in text
    assert "13000" not in text


def test_catalog_fingerprint_is_what_sha256sum_gives(tmp_path: Path,
                                                     recommendation: Recommendation) -> None:
    """The one checksum line can be checked with the standard tool, as the report says."""
    names = ["vendors/zoho.toml", "criteria/openness.toml", "criteria/cost.toml"]
    files = []
    for index, name in enumerate(names):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"id = 'file{index}'\n", encoding="utf-8")
        files.append(CatalogFile(path=name, sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                                 catalog="shipped"))
    listing = subprocess.run(["sha256sum", *names], cwd=tmp_path, capture_output=True,
                             text=True, check=True).stdout
    ordered = "".join(sorted(listing.splitlines(keepends=True), key=lambda x: x.split()[1]))
    expected = hashlib.sha256(ordered.encode()).hexdigest()
    rec = recommendation.model_copy(update={"provenance": recommendation.provenance.model_copy(
        update={"catalog_files": files})})
    text = "".join(" ".join(page_texts(render_pdf(rec))).split())
    assert f"Catalog(3files){expected}" in text


def _rects(drawing: object) -> list[object]:
    found = []
    for node in getattr(drawing, "contents", []):
        if hasattr(node, "contents"):
            found += _rects(node)
        elif type(node).__name__ == "Rect":
            found.append(node)
    return found


def test_charts_use_few_fills_that_differ_in_greyscale() -> None:
    fonts = shared_fonts()
    stacks = [charts.Stack(f"Vendor {i}", [0.4, 0.3, 0.2, 0.1]) for i in range(5)]
    drawing = charts.stacked_shares(fonts, stacks, ["1st", "2nd", "3rd", "4th"], 480)
    fills = {r.fillColor.hexval() for r in _rects(drawing) if r.fillColor is not None}
    assert len(fills) <= 4
    greys = sorted(0.3 * int(h[2:4], 16) + 0.59 * int(h[4:6], 16) + 0.11 * int(h[6:8], 16)
                   for h in fills)
    # solid dark, light grey and white differ clearly; the hatched fill is told apart by texture
    assert greys[0] < 80 and any(150 < g < 230 for g in greys)
    lines = [n for n in drawing.contents for n in getattr(n, "contents", [])
             if type(n).__name__ == "Line"]
    assert lines  # the hatching


def test_more_series_than_fills_is_refused() -> None:
    fonts = shared_fonts()
    stacks = [charts.Stack("A", [0.2] * 5)]
    try:
        charts.stacked_shares(fonts, stacks, ["a", "b", "c", "d", "e"], 480)
    except ValueError as error:
        assert "greyscale" in str(error)
    else:
        raise AssertionError("five series were drawn")


def test_charts_print_their_values_and_carry_alternative_text(
        reader: PdfReader, texts: list[str], recommendation: Recommendation) -> None:
    page = next(m.page for m in bookmarks(reader) if m.title == "Total scores")
    text = texts[page - 1]
    ranked = [v for v in recommendation.vendors if not v.excluded]
    assert "Bar chart of the total scores, in points of 100:" in flat(text)
    for vendor in ranked:
        assert re.search(rf"\b{vendor.score * 100:.1f}\b", text), vendor.name
    probabilities = next(m.page for m in bookmarks(reader) if m.title == "How likely each rank is")
    assert "60%" in texts[probabilities - 1]


def test_every_chart_has_a_caption_saying_what_to_see(reader: PdfReader,
                                                      texts: list[str]) -> None:
    for title in ("Total scores", "How likely each rank is",
                  "Openness, modularity and integration"):
        page = next(m.page for m in bookmarks(reader) if m.title == title)
        after = flat(texts[page - 1]).split(title, 1)[1]
        assert "What to see:" in after, title
