"""Paragraph and table styles, and the grey palette.

The report is often printed on an office laser printer in black and white, so nothing relies on
hue: text is near-black or dark grey, charts use fills that differ in lightness and texture
(charts.FILLS), and every number is also written out. No type is smaller than 7 points.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import TableStyle

from selector.report.fonts import FontSet

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#dcdcdc")
ZEBRA = colors.HexColor("#f3f3f3")
ACCENT = colors.HexColor("#1f3b57")  # dark blue: prints as near-black
BOX_FILL = colors.HexColor("#eef1f4")


def build_stylesheet(fonts: FontSet) -> StyleSheet1:
    """Every style the sections use; override `ReportRenderer.stylesheet` to change them."""
    regular, bold = fonts.regular.name, fonts.bold.name
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("Body", fontName=regular, fontSize=9.5, leading=12.6, textColor=INK,
                             spaceAfter=4, alignment=TA_LEFT, splitLongWords=True))
    sheet.add(ParagraphStyle("Small", parent=sheet["Body"], fontSize=8, leading=10.5,
                             spaceAfter=2))
    sheet.add(ParagraphStyle("Muted", parent=sheet["Small"], textColor=MUTED))
    sheet.add(ParagraphStyle("More", parent=sheet["Muted"], leftIndent=12))
    sheet.add(ParagraphStyle("Cell", parent=sheet["Body"], fontSize=8, leading=9.8, spaceAfter=0))
    sheet.add(ParagraphStyle("CellRight", parent=sheet["Cell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellHead", parent=sheet["Cell"], fontName=bold))
    sheet.add(ParagraphStyle("CellHeadRight", parent=sheet["CellHead"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellSmall", parent=sheet["Cell"], fontSize=7.5, leading=9.5))
    sheet.add(ParagraphStyle("CellSmallMuted", parent=sheet["CellSmall"], textColor=MUTED))
    sheet.add(ParagraphStyle("CellMark", parent=sheet["CellSmall"], fontName=bold))
    sheet.add(ParagraphStyle("Bullet", parent=sheet["Body"], leftIndent=12, bulletIndent=2,
                             spaceAfter=3))
    sheet.add(ParagraphStyle("H1", fontName=bold, fontSize=17, leading=21, textColor=ACCENT,
                             spaceBefore=18, spaceAfter=8))
    sheet.add(ParagraphStyle("H2", fontName=bold, fontSize=12, leading=15, textColor=ACCENT,
                             spaceBefore=10, spaceAfter=5))
    sheet.add(ParagraphStyle("H3", fontName=bold, fontSize=10, leading=13, textColor=INK,
                             spaceBefore=6, spaceAfter=3, keepWithNext=1))
    sheet.add(ParagraphStyle("Label", fontName=bold, fontSize=8, leading=10, textColor=MUTED,
                             spaceAfter=1))
    sheet.add(ParagraphStyle("Headline", fontName=bold, fontSize=13, leading=17, textColor=INK,
                             spaceAfter=4))
    sheet.add(ParagraphStyle("CoverTitle", fontName=bold, fontSize=28, leading=34,
                             textColor=ACCENT, spaceAfter=10))
    sheet.add(ParagraphStyle("CoverProject", fontName=regular, fontSize=18, leading=23,
                             textColor=INK, spaceAfter=24))
    sheet.add(ParagraphStyle("CoverMeta", fontName=regular, fontSize=11, leading=15,
                             textColor=INK, spaceAfter=2))
    sheet.add(ParagraphStyle("Caption", parent=sheet["Small"], textColor=MUTED, spaceBefore=6,
                             spaceAfter=8, alignment=TA_LEFT))
    sheet.add(ParagraphStyle("Centered", parent=sheet["Small"], alignment=TA_CENTER))
    sheet.add(ParagraphStyle("Contents0", fontName=bold, fontSize=10.5, leading=14,
                             textColor=INK))
    sheet.add(ParagraphStyle("Contents0Page", parent=sheet["Contents0"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Contents1", fontName=regular, fontSize=9.5, leading=12.5,
                             textColor=INK, leftIndent=14))
    sheet.add(ParagraphStyle("Contents1Page", parent=sheet["Contents1"], leftIndent=0,
                             alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("MemoTitle", fontName=bold, fontSize=20, leading=24,
                             textColor=ACCENT, spaceAfter=2))
    sheet.add(ParagraphStyle("MemoMeta", fontName=regular, fontSize=9, leading=12,
                             textColor=MUTED, spaceAfter=8))
    sheet.add(ParagraphStyle("MemoProject", fontName=regular, fontSize=14, leading=18,
                             textColor=INK, spaceAfter=2))
    sheet.add(ParagraphStyle("ScaleOn", fontName=bold, fontSize=8, leading=10,
                             textColor=colors.white, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("ScaleOff", fontName=regular, fontSize=8, leading=10,
                             textColor=MUTED, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("CellStrong", parent=sheet["Cell"], fontName=bold))
    sheet.add(ParagraphStyle("CellStrongRight", parent=sheet["CellStrong"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Verdict", parent=sheet["CellRight"], fontSize=7.5, leading=9,
                             textColor=MUTED))
    sheet.add(ParagraphStyle("VerdictOver", parent=sheet["Verdict"], fontName=bold,
                             textColor=INK))
    sheet.add(ParagraphStyle("BulletSmall", parent=sheet["Bullet"], fontSize=8, leading=10.5,
                             spaceAfter=2))
    sheet.add(ParagraphStyle("Term", parent=sheet["Body"], fontName=bold, spaceAfter=0,
                             keepWithNext=1))
    sheet.add(ParagraphStyle("Definition", parent=sheet["Body"], leftIndent=12, spaceAfter=5))
    return sheet


def table_style(*, header_rows: int = 1, zebra: bool = True, rows: int = 0) -> TableStyle:
    """Grid lines, a grey header row that repeats on every page, and zebra stripes."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, INK),
        ]
    if zebra:
        for row in range(header_rows + 1, rows, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    return TableStyle(commands)
