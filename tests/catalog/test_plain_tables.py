"""Plain-text tables (rank, vendors, validate): columns line up whatever script a name is in.

Widths are counted by hand here: a Latin, Greek or Cyrillic letter, an accent or a dash takes
one column, a Chinese character or an emoji two.
"""

from __future__ import annotations

from selector.catalog.plain_table import clip, table, width


def test_names_in_any_script_take_the_columns_a_terminal_gives_them() -> None:
    assert width("Åsa — Nordlys") == 13
    assert width("Ελληνικά CRM") == 12
    assert width("Продажи") == 7
    assert width("纷享销客") == 8
    assert width("CRM 😀") == 6
    assert width("") == 0


def test_dashes_currency_and_drawing_take_one_column_and_the_few_wide_symbols_two() -> None:
    """Between Latin and the CJK scripts lie what every table draws (dashes, €, rules, bars),
    all one column, and a few symbols and the Hangul letters that take two."""
    assert width("€1,200–€1,500") == 13
    assert width("█████···─═◆…") == 12
    assert width("⌚ 9:00") == 7  # U+231A WATCH is wide
    assert width("ᄀ") == 2  # U+1100, the first Hangul letter
    assert width("한국어") == 6
    assert width("\u0378x") == 2  # an unassigned code point is drawn one column wide


def test_columns_line_up_after_names_of_every_width() -> None:
    names = ["Åsa — Nordlys", "纷享销客 CRM", "CRM 😀", "Ελληνικά", "plain"]
    lines = table(["Name", "Score"], [[n, "61.0"] for n in names], [14, 5], right=[1])
    rows = lines[2:]
    # the score column ends at the same display column on every row: 14 + 2 + 5
    assert all(width(row) == 21 for row in rows), rows
    assert all(row.endswith("61.0") for row in rows)


def test_clipped_names_end_in_an_ellipsis_and_never_split_a_wide_character() -> None:
    assert clip("Åsa — Nordlys Teknik", 8) == "Åsa — N…"
    assert clip("纷享销客销售", 6) == "纷享…"  # 4 columns and the ellipsis: a third would not fit
    assert width(clip("纷享销客销售", 6)) == 5
    assert clip("short", 8) == "short"
