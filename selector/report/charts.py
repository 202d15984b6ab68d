"""Charts drawn with reportlab.graphics from numbers the Recommendation already holds.

Made to be read on a black-and-white office print and by colour-blind readers: at most four
fills that differ in lightness *and* texture (solid dark, hatched, light grey, white), every
value printed on or beside its bar, and a legend only where a direct label cannot be placed.
Each chart carries alternative text (see `Chart`).

The bars are plain shapes rather than reportlab's chart widgets: the labels are people's and
vendors' names, which need the per-character font fallback (a chart `String` has one font),
need shortening to fit, and must never overlap the bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable

from selector.report.fonts import FontSet
from selector.report.numbers import pct
from selector.report.safe_text import visible
from selector.report.styles import ACCENT, INK, MUTED, RULE

LABEL_SIZE = 8.0
SMALL_SIZE = 7.0  # the smallest type in the report
ALT_CHARACTERS = 3000  # a chart's description is cut beyond this (names can be any length)


@dataclass(frozen=True)
class Fill:
    """A bar fill that can be told apart from the others without colour."""

    name: str
    color: colors.Color
    hatch: bool = False
    dark: bool = False  # values printed on it are white


SOLID = Fill("solid dark", ACCENT, dark=True)
HATCHED = Fill("hatched", colors.white, hatch=True)
LIGHT = Fill("light grey", colors.HexColor("#c4c4c4"))
WHITE = Fill("white", colors.white)
FILLS = (SOLID, HATCHED, LIGHT, WHITE)
"""In this order: each differs from its neighbour in lightness or texture."""


def text(fonts: FontSet, x: float, y: float, value: str, size: float, *,
         anchor: str = "start", max_width: float | None = None, bold: bool = False,
         color: colors.Color = INK) -> Group:
    """A one-line label, set run by run in fonts that have the glyphs, shortened to fit."""
    base = fonts.bold.name if bold else fonts.regular.name
    if max_width is not None:  # no label is wider than the page: look at its start only
        value = value[:2000]
    value = visible(value, newlines=False)
    if max_width is not None:
        value = fonts.fit(value, max_width, size, base)
    width = fonts.width(value, size, base)
    if anchor == "end":
        x -= width
    elif anchor == "middle":
        x -= width / 2
    group = Group()
    for font, run in fonts.runs(value, base):
        group.add(String(x, y, run, fontName=font, fontSize=size, fillColor=color))
        x += fonts.width(run, size, font)
    return group


def swatch(x: float, y: float, width: float, height: float, fill: Fill) -> Group:
    """A rectangle in `fill`; hatching is drawn as 45° lines cut to the rectangle."""
    group = Group(Rect(x, y, width, height, fillColor=fill.color, strokeColor=INK,
                       strokeWidth=0.4))
    if fill.hatch and width > 0 and height > 0:
        step = 3.2
        offset = step
        while offset < width + height:
            # the line x' - y' = offset - height, from the bottom/left edge to the top/right edge
            x0, y0 = (x + offset, y) if offset <= width else (x + width, y + offset - width)
            x1, y1 = (x, y + offset) if offset <= height else (x + offset - height, y + height)
            group.add(Line(x0, y0, x1, y1, strokeColor=INK, strokeWidth=0.5))
            offset += step
    return group


def _value_on(fonts: FontSet, drawing: Drawing, x: float, y: float, width: float,
              height: float, fill: Fill, value: str) -> bool:
    """The value centred on a segment when it fits there (on a white patch over hatching)."""
    label_width = fonts.width(value, SMALL_SIZE)
    if label_width + 4 > width:
        return False
    cx, base = x + width / 2, y + (height - SMALL_SIZE) / 2 + 1.2
    if fill.hatch:
        drawing.add(Rect(cx - label_width / 2 - 1.5, base - 1.5, label_width + 3, SMALL_SIZE + 1,
                         fillColor=colors.white, strokeColor=None))
    drawing.add(text(fonts, cx, base, value, SMALL_SIZE, anchor="middle",
                     color=colors.white if fill.dark else INK))
    return True


LEGEND_ROW = 12.0


def legend_rows(fonts: FontSet, names: Sequence[str], width: float) -> int:
    """One row when every name fits side by side, else one name a row (never cut short)."""
    size = SMALL_SIZE + 0.5
    needed = sum(22 + fonts.width(name[:200], size) + 10 for name in names)
    return 1 if needed <= width else len(names)


def _legend(fonts: FontSet, drawing: Drawing, names: Sequence[str], fills: Sequence[Fill],
            y: float, width: float) -> None:
    """Swatches with their names below a chart, side by side or stacked (`legend_rows`)."""
    size = SMALL_SIZE + 0.5
    stacked = legend_rows(fonts, names, width) > 1
    x = 0.0
    for index, (name, fill) in enumerate(zip(names, fills, strict=True)):
        row_y = y + (len(names) - 1 - index) * LEGEND_ROW if stacked else y
        drawing.add(swatch(x, row_y, 14, 8, fill))
        drawing.add(text(fonts, x + 18, row_y + 1, name, size, max_width=width - x - 22))
        if not stacked:
            x += 22 + fonts.width(name, size) + 10


def _axis(fonts: FontSet, drawing: Drawing, x0: float, plot_width: float, bottom: float,
          top: float, labels: Sequence[str]) -> None:
    steps = len(labels) - 1
    for tick, label in enumerate(labels):
        x = x0 + plot_width * tick / steps
        drawing.add(Line(x, bottom + 10, x, top, strokeColor=RULE, strokeWidth=0.3,
                         strokeDashArray=[1, 2]))
        drawing.add(text(fonts, x, bottom, label, SMALL_SIZE, anchor="middle", color=MUTED))


@dataclass(frozen=True)
class ScoreBar:
    """One candidate's total score (0..1) and whether it is one of the contenders."""

    label: str
    value: float
    value_text: str
    highlight: bool = False


def score_bars(fonts: FontSet, bars: Sequence[ScoreBar], width: float) -> Drawing:
    """One horizontal bar per candidate, the score written at its end; contenders solid dark."""
    row, bar = 16.0, 10.0
    label_width = min(210.0, width * 0.42)
    plot_width = width - label_width - 40
    axis = 14.0
    height = len(bars) * row + axis
    drawing = Drawing(width, height)
    x0 = label_width + 6
    _axis(fonts, drawing, x0, plot_width, 0, height, ["0", "25", "50", "75", "100"])
    for index, item in enumerate(bars):
        y = height - (index + 1) * row + (row - bar) / 2
        drawing.add(text(fonts, label_width, y + 2, item.label, LABEL_SIZE, anchor="end",
                         max_width=label_width - 2, bold=item.highlight))
        w = plot_width * max(0.0, min(item.value, 1.0))
        drawing.add(swatch(x0, y, w, bar, SOLID if item.highlight else LIGHT))
        drawing.add(text(fonts, x0 + w + 4, y + 2, item.value_text, LABEL_SIZE,
                         bold=item.highlight))
    return drawing


@dataclass(frozen=True)
class Stack:
    """One row of a stacked bar: a label and segment shares (0..1) in stack order."""

    label: str
    shares: Sequence[float]


def stacked_shares(fonts: FontSet, stacks: Sequence[Stack], series: Sequence[str],
                   width: float) -> Drawing:
    """Horizontal 100% bars with up to four segments, each share printed on it where it fits."""
    if len(series) > len(FILLS):
        raise ValueError(f"at most {len(FILLS)} series can be told apart in greyscale")
    row, bar = 17.0, 12.0
    label_width = min(210.0, width * 0.42)
    plot_width = width - label_width - 10
    legend, axis = 16.0, 14.0
    height = len(stacks) * row + axis + legend
    drawing = Drawing(width, height)
    x0 = label_width + 6
    _axis(fonts, drawing, x0, plot_width, legend, height, ["0%", "25%", "50%", "75%", "100%"])
    for index, stack in enumerate(stacks):
        y = height - (index + 1) * row + (row - bar) / 2
        drawing.add(text(fonts, label_width, y + 3, stack.label, LABEL_SIZE, anchor="end",
                         max_width=label_width - 2))
        x = x0
        for share, fill in zip(stack.shares, FILLS, strict=False):
            w = plot_width * max(0.0, min(share, 1.0))
            if w <= 0.05:
                continue
            drawing.add(swatch(x, y, w, bar, fill))
            _value_on(fonts, drawing, x, y, w, bar, fill, pct(share))
            x += w
    _legend(fonts, drawing, list(series), FILLS[: len(series)], 0, width)
    return drawing


@dataclass(frozen=True)
class NeedGroup:
    """One need (openness, modularity, integration) and each leading candidate's value on it."""

    label: str
    values: Sequence[float]


def grouped_bars(fonts: FontSet, groups: Sequence[NeedGroup], candidates: Sequence[str],
                 width: float) -> Drawing:
    """Per need, one bar per candidate on a 0–1 scale, the value written at the bar's end."""
    if len(candidates) > len(FILLS) - 1:
        raise ValueError(f"at most {len(FILLS) - 1} candidates per group")
    bar, gap = 10.0, 10.0
    label_width = min(150.0, width * 0.3)
    plot_width = width - label_width - 40
    block = len(candidates) * bar + gap
    legend = legend_rows(fonts, candidates, width) * LEGEND_ROW + 4
    axis = 14.0
    height = len(groups) * block + axis + legend
    drawing = Drawing(width, height)
    x0 = label_width + 6
    _axis(fonts, drawing, x0, plot_width, legend, height, ["0", "0.25", "0.50", "0.75", "1"])
    for g_index, group in enumerate(groups):
        top = height - g_index * block
        drawing.add(text(fonts, label_width, top - bar * len(candidates) / 2 - 3, group.label,
                         LABEL_SIZE, anchor="end", max_width=label_width - 2, bold=True))
        for c_index, value in enumerate(group.values):
            y = top - (c_index + 1) * bar
            w = plot_width * max(0.0, min(value, 1.0))
            drawing.add(swatch(x0, y + 1, w, bar - 2, FILLS[c_index]))
            drawing.add(text(fonts, x0 + w + 3, y + 2, f"{value:.2f}", SMALL_SIZE))
    _legend(fonts, drawing, list(candidates), FILLS[: len(candidates)], 0, width)
    return drawing


class Chart(Flowable):
    """A drawing with its alternative text.

    reportlab writes no structure tree, so a PDF `/Alt` entry has nothing to hang on. The
    description is written instead as invisible text (render mode 3) at the chart's top-left
    corner, before the drawing: screen readers and text extraction read it in order, search
    finds it, and nothing changes on paper.
    """

    def __init__(self, drawing: Drawing, alt: str, fonts: FontSet) -> None:
        super().__init__()
        self.drawing = drawing
        alt = " ".join(visible(alt[: 2 * ALT_CHARACTERS], newlines=False).split())
        self.alt = alt if len(alt) <= ALT_CHARACTERS else alt[: ALT_CHARACTERS - 1] + "…"
        self.fonts = fonts
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()  # the text render mode is graphics state: keep it to this text
        words = canvas.beginText(0, self.height - SMALL_SIZE)
        words.setTextRenderMode(3)
        for line in self._lines():
            for font, run in self.fonts.runs(line):
                words.setFont(font, SMALL_SIZE)
                words.textOut(run)
            words.textLine("")
        canvas.drawText(words)
        canvas.restoreState()
        renderPDF.draw(self.drawing, canvas, 0, 0)

    def _lines(self) -> list[str]:
        """The description broken into lines as wide as the chart (greedy, word by word)."""
        lines: list[str] = []
        line = ""
        for word in self.alt.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and self.fonts.width(candidate, SMALL_SIZE) > self.width:
                lines.append(line)
                line = word
            else:
                line = candidate
        return [*lines, line] if line else lines


@dataclass(frozen=True)
class ValuePoint:
    """One offering on the value-for-money chart: its benefit (score 0..1) against its cost.

    `low` and `high` are the total cost's estimate in EUR; `mark` is the short label printed
    beside the point (the offering's rank, which the ranking table lists with its name).
    """

    mark: str
    score: float
    low: float
    high: float
    efficient: bool = False
    priced: bool = True


def _cost_step(top: float) -> float:
    """A round step for the cost axis giving four to six ticks up to `top`."""
    for step in (10_000, 20_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000,
                 1_000_000, 2_000_000, 2_500_000, 5_000_000, 10_000_000):
        if top / step <= 6:
            return step
    return 10 ** len(str(int(top)))


def _cost_tick(value: float, in_millions: bool) -> str:
    if in_millions:
        return f"{value / 1_000_000:,.2f}".rstrip("0").rstrip(".")
    return f"{value / 1000:,.0f}"


def cost_axis_unit(points: Sequence[ValuePoint]) -> str:
    """What the cost axis counts in: "EUR million" or "EUR thousand"."""
    top = max((p.high for p in points), default=0.0)
    return "EUR million" if top >= 1_500_000 or _cost_step(top) >= 250_000 else "EUR thousand"


def value_for_money(fonts: FontSet, points: Sequence[ValuePoint], width: float,
                    height: float = 190.0) -> Drawing:
    """Benefit (score) up, total cost right. Each offering is a marker at the middle of its
    cost estimate with a line across the estimate's range; the efficient ones (no other is both
    better and cheaper) are solid dark diamonds joined by a dashed line, the others white
    circles, an offering not fully priced a white square. Each is labelled with its mark.
    """
    legend, axis_title, ticks = 16.0, 12.0, 11.0
    left, right, top_pad = 34.0, 14.0, 8.0
    bottom = legend + axis_title + ticks
    drawing = Drawing(width, height)
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    if not points:
        return drawing
    scores = [p.score * 100 for p in points]
    y_low = max(0.0, 5 * (min(scores) // 5) - 5)
    y_high = min(100.0, 5 * -(-max(scores) // 5) + 5)
    if y_high - y_low < 15:
        y_high = min(100.0, y_low + 15)
    x_top = max(p.high for p in points) * 1.05 or 1.0
    step = _cost_step(x_top)
    x_high = step * -(-x_top // step)
    in_millions = cost_axis_unit(points) == "EUR million"

    def x_of(value: float) -> float:
        return left + plot_w * max(0.0, min(value, x_high)) / x_high

    def y_of(score: float) -> float:
        return bottom + plot_h * (score * 100 - y_low) / (y_high - y_low)

    # grid and axes
    value = 0.0
    while value <= x_high + 1e-6:
        x = x_of(value)
        drawing.add(Line(x, bottom, x, bottom + plot_h, strokeColor=RULE, strokeWidth=0.3,
                         strokeDashArray=[1, 2]))
        drawing.add(text(fonts, x, bottom - ticks + 2, _cost_tick(value, in_millions),
                         SMALL_SIZE, anchor="middle", color=MUTED))
        value += step
    y_step = 5 if y_high - y_low <= 30 else 10
    score = y_low
    while score <= y_high + 1e-6:
        y = bottom + plot_h * (score - y_low) / (y_high - y_low)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=RULE, strokeWidth=0.3,
                         strokeDashArray=[1, 2]))
        drawing.add(text(fonts, left - 4, y - 2.5, f"{score:.0f}", SMALL_SIZE, anchor="end",
                         color=MUTED))
        score += y_step
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=INK, strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=INK, strokeWidth=0.6))
    drawing.add(text(fonts, left + plot_w / 2, legend + 2,
                     f"Total cost over the horizon ({cost_axis_unit(points)}) →",
                     SMALL_SIZE, anchor="middle", color=MUTED))
    drawing.add(text(fonts, left + 2, bottom + plot_h - 8, "↑ score (points of 100)", SMALL_SIZE,
                     color=MUTED))

    # the frontier, then the ranges, then the markers on top
    frontier = sorted((p for p in points if p.efficient), key=lambda p: (p.low + p.high) / 2)
    for a, b in zip(frontier, frontier[1:], strict=False):
        drawing.add(Line(x_of((a.low + a.high) / 2), y_of(a.score), x_of((b.low + b.high) / 2),
                         y_of(b.score), strokeColor=ACCENT, strokeWidth=0.8,
                         strokeDashArray=[3, 2]))
    for p in points:
        y = y_of(p.score)
        dash = None if p.priced else [2, 1.5]
        drawing.add(Line(x_of(p.low), y, x_of(p.high), y, strokeColor=INK, strokeWidth=0.6,
                         strokeDashArray=dash))
        for end in (p.low, p.high):
            drawing.add(Line(x_of(end), y - 2.5, x_of(end), y + 2.5, strokeColor=INK,
                             strokeWidth=0.6))
    placed: list[tuple[float, float, float, float]] = []
    for p in sorted(points, key=lambda p: (not p.efficient, -p.score)):
        x, y = x_of((p.low + p.high) / 2), y_of(p.score)
        drawing.add(_marker(x, y, p))
        drawing.add(_mark_label(fonts, x, y, p.mark, placed))
    _value_legend(fonts, drawing, width, any(not p.priced for p in points))
    return drawing


def _marker(x: float, y: float, point: ValuePoint) -> Group:
    size = 4.2
    if point.efficient:
        return Group(Polygon([x, y + size, x + size, y, x, y - size, x - size, y],
                             fillColor=ACCENT, strokeColor=INK, strokeWidth=0.5))
    if not point.priced:
        return Group(Rect(x - 3.2, y - 3.2, 6.4, 6.4, fillColor=colors.white, strokeColor=INK,
                          strokeWidth=0.7))
    return Group(Circle(x, y, 3.4, fillColor=colors.white, strokeColor=INK, strokeWidth=0.7))


def _mark_label(fonts: FontSet, x: float, y: float, mark: str,
                placed: list[tuple[float, float, float, float]]) -> Group:
    """The mark above its point, or below, right or left when that spot is taken."""
    w, h = fonts.width(mark, LABEL_SIZE, fonts.bold.name) + 2, LABEL_SIZE + 1
    spots = [(x - w / 2, y + 5), (x - w / 2, y - 5 - h), (x + 6, y - h / 2),
             (x - 6 - w, y - h / 2)]
    for sx, sy in spots:
        box = (sx, sy, sx + w, sy + h)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                   for b in placed):
            break
    else:
        sx, sy = spots[0]
        box = (sx, sy, sx + w, sy + h)
    placed.append(box)
    return text(fonts, sx + 1, sy + 1.5, mark, LABEL_SIZE, bold=True)


def _value_legend(fonts: FontSet, drawing: Drawing, width: float, unpriced: bool) -> None:
    """The markers (the square only when an offering is not fully priced) and the range
    line, side by side in one row."""
    size = SMALL_SIZE + 0.5
    whisker = Group(Line(0, 4, 14, 4, strokeColor=INK, strokeWidth=0.6),
                    Line(0, 1.5, 0, 6.5, strokeColor=INK, strokeWidth=0.6),
                    Line(14, 1.5, 14, 6.5, strokeColor=INK, strokeWidth=0.6))
    items = [
        (_marker(5, 4, ValuePoint("", 0, 0, 0, efficient=True)), 10,
         "best value for money"),
        (_marker(5, 4, ValuePoint("", 0, 0, 0)), 10, "other ranked offering"),
        (_marker(5, 4, ValuePoint("", 0, 0, 0, priced=False)), 10, "not fully priced"),
        (whisker, 14, "low to high cost estimate"),
    ]
    if not unpriced:
        del items[2]
    x = 0.0
    for marker, mark_width, label in items:
        group = Group(marker)
        group.translate(x, 0)
        drawing.add(group)
        drawing.add(text(fonts, x + mark_width + 4, 1.5, label, size,
                         max_width=max(10.0, width - x - mark_width - 4)))
        x += mark_width + 4 + fonts.width(label, size) + 14
