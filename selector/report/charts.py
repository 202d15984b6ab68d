"""Charts drawn with reportlab.graphics from numbers the Recommendation already holds.

The bars are drawn as plain shapes rather than with reportlab's chart widgets: the labels are
people's and vendors' names, which need the per-character font fallback (a chart `String` has
one font), need shortening to fit, and must never overlap the bars.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors

from selector.report.fonts import FontSet
from selector.report.styles import INK, MUTED, RULE, SERIES


@dataclass(frozen=True)
class Bar:
    """One row of a stacked bar: a label, segment values in stack order, and the end note."""

    label: str
    segments: Sequence[float]
    note: str = ""


def text(fonts: FontSet, x: float, y: float, value: str, size: float, *,
         anchor: str = "start", max_width: float | None = None, bold: bool = False,
         color: colors.Color = INK) -> Group:
    """A one-line label, set run by run in fonts that have the glyphs, shortened to fit."""
    base = fonts.bold.name if bold else fonts.regular.name
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


def _legend(fonts: FontSet, drawing: Drawing, names: Sequence[str], fills: Sequence[colors.Color],
            top: float, width: float, columns: int = 3) -> None:
    column_width = width / columns
    for index, (name, fill) in enumerate(zip(names, fills, strict=True)):
        row, column = divmod(index, columns)
        x = column * column_width
        y = top - row * 12
        drawing.add(Rect(x, y, 8, 8, fillColor=fill, strokeColor=INK, strokeWidth=0.4))
        drawing.add(text(fonts, x + 11, y + 1, name, 7.5, max_width=column_width - 14))


def stacked_bars(fonts: FontSet, bars: Sequence[Bar], series: Sequence[str], width: float, *,
                 scale_max: float = 1.0, percent: bool = False, label_inside: bool = False,
                 legend_columns: int = 3,
                 tick_format: Callable[[float], str] | None = None) -> Drawing:
    """Horizontal stacked bars, one row per candidate, with a legend of the series below."""
    row_height, bar_height = 15.0, 10.0
    label_width = min(150.0, width * 0.32)
    note_width = 38.0
    plot_width = width - label_width - note_width - 6
    fills = [SERIES[i % len(SERIES)] for i in range(len(series))]
    legend_rows = -(-len(series) // legend_columns) if series else 0
    legend_height = legend_rows * 12 + 10
    axis_height = 14
    height = len(bars) * row_height + axis_height + legend_height
    drawing = Drawing(width, height)
    top = height
    x0 = label_width + 4
    for tick in range(0, 5):
        fraction = tick / 4
        x = x0 + plot_width * fraction
        drawing.add(Line(x, legend_height + axis_height - 2, x, top, strokeColor=RULE,
                         strokeWidth=0.3, strokeDashArray=[1, 2]))
        value = scale_max * fraction
        if tick_format is not None:
            tick_text = tick_format(value)
        else:
            tick_text = f"{value:.0%}" if percent else f"{value:.2f}"
        drawing.add(text(fonts, x, legend_height + 4, tick_text, 6.5, anchor="middle",
                         color=MUTED))
    for index, bar in enumerate(bars):
        y = top - (index + 1) * row_height + (row_height - bar_height) / 2
        drawing.add(text(fonts, label_width, y + 2, bar.label, 8, anchor="end",
                         max_width=label_width - 2))
        x = x0
        for value, fill in zip(bar.segments, fills, strict=False):
            if value <= 0:
                continue
            w = plot_width * min(value / scale_max, 1.0)
            drawing.add(Rect(x, y, w, bar_height, fillColor=fill, strokeColor=colors.white,
                             strokeWidth=0.6))
            if label_inside and w >= 24:
                dark = fill.red * 0.3 + fill.green * 0.59 + fill.blue * 0.11 < 0.5
                drawing.add(text(fonts, x + w / 2, y + 2.5, f"{value:.0%}", 6.5, anchor="middle",
                                 color=colors.white if dark else INK))
            x += w
        if bar.note:
            drawing.add(text(fonts, x0 + plot_width + 4, y + 2, bar.note, 7.5, bold=True))
    _legend(fonts, drawing, list(series), fills, legend_height - 14, width, legend_columns)
    return drawing


@dataclass(frozen=True)
class ProfileGroup:
    """One need (openness, modularity, integration) and each top candidate's value on it."""

    label: str
    values: Sequence[float]


def grouped_bars(fonts: FontSet, groups: Sequence[ProfileGroup], candidates: Sequence[str],
                 width: float) -> Drawing:
    """Per need, one bar per candidate on a 0–1 scale, with the value written at the bar's end."""
    bar_height, gap = 9.0, 9.0
    label_width = min(150.0, width * 0.32)
    plot_width = width - label_width - 40
    fills = [SERIES[i % len(SERIES)] for i in range(len(candidates))]
    block = len(candidates) * bar_height + gap
    legend_rows = -(-len(candidates) // 3) if candidates else 0
    legend_height = legend_rows * 12 + 10
    axis_height = 14
    height = len(groups) * block + axis_height + legend_height
    drawing = Drawing(width, height)
    x0 = label_width + 4
    for tick in range(0, 5):
        x = x0 + plot_width * tick / 4
        drawing.add(Line(x, legend_height + axis_height - 2, x, height, strokeColor=RULE,
                         strokeWidth=0.3, strokeDashArray=[1, 2]))
        drawing.add(text(fonts, x, legend_height + 4, f"{tick / 4:.2f}", 6.5, anchor="middle",
                         color=MUTED))
    for g_index, group in enumerate(groups):
        top = height - g_index * block
        drawing.add(text(fonts, label_width, top - bar_height * len(candidates) / 2 - 3,
                         group.label, 8, anchor="end", max_width=label_width - 2, bold=True))
        for c_index, value in enumerate(group.values):
            y = top - (c_index + 1) * bar_height
            w = plot_width * max(0.0, min(value, 1.0))
            drawing.add(Rect(x0, y + 1, w, bar_height - 2, fillColor=fills[c_index],
                             strokeColor=INK, strokeWidth=0.3))
            drawing.add(text(fonts, x0 + w + 3, y + 2, f"{value:.2f}", 6.5))
    _legend(fonts, drawing, list(candidates), fills, legend_height - 14, width)
    return drawing
