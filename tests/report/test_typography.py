"""What the reader sees of words and numbers: sizes, separators, plurals, the glossary, charts."""

from __future__ import annotations

import re

from pdf_reading import bookmarks, flat, page_texts, text_runs
from pypdf import PdfReader

from selector.domain.recommendation import Recommendation
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
    start = next(m.page for m in bookmarks(reader) if m.title.startswith("Appendix G"))
    glossary = flat(" ".join(texts[start - 1:]))
    for term in ("TOPSIS", "PROMETHEE II", "Kendall τ", "SMAA", "Stability interval",
                 "consistency ratio", "Points apart", "Must-have (knock-out)",
                 "Weighted sum", "Probability of first place", "Value for money",
                 "Total cost over the horizon", "Judgement, vendor claim"):
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
    """A value the advisor worded with separators stays so; no amount loses its commas."""
    offerings = []
    for o in recommendation.offerings:
        contributions = [c.model_copy(update={"value_text": "13,000 EUR per user-year"})
                         if c.criterion_id == "c_04" else c for c in o.contributions]
        offerings.append(o.model_copy(update={"contributions": contributions}))
    rec = recommendation.model_copy(update={"offerings": offerings})
    text = flat(" ".join(page_texts(render_pdf(rec))))
    assert "13,000 EUR per user-year" in text
    assert "EUR 410,000–620,000" in text  # the winner's total cost
    seed = str(rec.provenance.seed)  # an identifier, printed as it is
    assert not re.search(r"(?<![\w,.])\d{5,}(?![\w,])", text.replace(seed, ""))


def _shapes(drawing: object) -> list[object]:
    found = []
    for node in getattr(drawing, "contents", []):
        if hasattr(node, "contents"):
            found += _shapes(node)
        else:
            found.append(node)
    return found


def _rects(drawing: object) -> list[object]:
    return [n for n in _shapes(drawing) if type(n).__name__ == "Rect"]


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
    ranked = [o for o in recommendation.offerings if not o.excluded]
    assert "Bar chart of the total scores, in points of 100:" in flat(text)
    for offering in ranked:
        assert re.search(rf"\b{offering.score * 100:.1f}\b", text), offering.name
    probabilities = next(m.page for m in bookmarks(reader) if m.title == "How likely each rank is")
    assert "60%" in texts[probabilities - 1]


def test_value_for_money_chart_names_every_ranked_offering(
        reader: PdfReader, texts: list[str], recommendation: Recommendation) -> None:
    """Its alternative text gives each offering's rank, score and total cost, and marks the
    efficient ones; on the page, each point carries its rank."""
    page = next(m.page for m in bookmarks(reader) if m.title == "Value for money")
    text = flat(texts[page - 1])
    assert "Scatter chart of score (points of 100) against total cost over 5 years" in text
    for offering in (o for o in recommendation.offerings if not o.excluded):
        said = f"{offering.rank} {flat(offering.name)}: {offering.score * 100:.1f} points"
        assert said in text, said
    assert text.count("(best value)") == sum(o.efficient for o in recommendation.offerings)
    assert "(not fully priced)" in text
    assert flat(recommendation.value_for_money) in text


def test_value_for_money_chart_is_greyscale_safe() -> None:
    fonts = shared_fonts()
    points = [charts.ValuePoint("1", 0.83, 750_000, 1_070_000, efficient=True),
              charts.ValuePoint("2", 0.82, 490_000, 780_000, efficient=True),
              charts.ValuePoint("3", 0.81, 1_260_000, 1_740_000),
              charts.ValuePoint("4", 0.7, 180_000, 420_000, priced=False)]
    drawing = charts.value_for_money(fonts, points, 480)
    shapes = _shapes(drawing)
    fills = {n.fillColor.hexval() for n in shapes
             if type(n).__name__ in ("Rect", "Circle", "Polygon") and n.fillColor is not None}
    assert len(fills) == 2  # dark for the efficient, white for the others: shape tells the rest
    kinds = {type(n).__name__ for n in shapes}
    assert {"Polygon", "Circle", "Rect"} <= kinds
    labels = {n.text for n in shapes if type(n).__name__ == "String"}
    assert {"1", "2", "3", "4"} <= labels
    assert charts.cost_axis_unit(points) == "EUR million"


def test_every_chart_has_a_caption_saying_what_to_see(reader: PdfReader,
                                                      texts: list[str]) -> None:
    for title in ("Total scores", "Value for money", "How likely each rank is",
                  "Openness, modularity and integration"):
        page = next(m.page for m in bookmarks(reader) if m.title == title)
        after = flat(texts[page - 1]).split(title, 1)[1]
        assert "What to see:" in after, title
