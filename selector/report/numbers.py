"""One way to print a number in the report: thousands separators, a real minus sign, units after.

Every figure a view shows goes through these, so "13,000 EUR" never sits next to "13000 EUR" and
a negative change reads "−12%" (U+2212), not a hyphen.
"""

from __future__ import annotations

import datetime as dt

MINUS = "\u2212"
DASH = "–"  # shown where there is no value


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


def number(value: float, digits: int | None = None) -> str:
    """`value` with thousands separators; whole numbers without decimals unless `digits`."""
    if digits is None:
        digits = 0 if float(value).is_integer() else 2
        text = f"{value:,.{digits}f}"
        if digits:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{digits}f}"
    return _minus(text)


def pct(value: float | None, digits: int = 0) -> str:
    """A share as a percentage: 0.123 → "12%" (or "12.3%" with one digit)."""
    return DASH if value is None else _minus(f"{value:.{digits}%}")


def signed_pct(value: float | None) -> str:
    """A relative change with its sign: "+272%", "−50%"."""
    return DASH if value is None else _minus(f"{value:+,.0%}")


def points(value: float) -> str:
    """A score in points of 100 (scores are 0..1), as in the terminal and the advisor's text."""
    return _minus(f"{value * 100:,.1f}")


def share_points(value: float) -> str:
    """A difference between two shares in points of 100: 0.21 → "21"."""
    return _minus(f"{value * 100:,.0f}")


def count(value: int) -> str:
    return f"{value:,}"


def plural(amount: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 value", "2 values": never "value(s)"."""
    word = singular if amount == 1 else (plural_form or singular + "s")
    return f"{count(amount)} {word}"


def with_unit(value: float, unit: str) -> str:
    """A value on a criterion's own scale: "level 3", "8 weeks", "13,000 EUR per user"."""
    if not unit:
        return number(value)
    if unit.startswith("level"):
        return f"level {number(value)}"
    return f"{number(value)} {unit}"


def moment(value: dt.datetime) -> str:
    """A point in time as people write it: "22 September 2026, 14:10 UTC"."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{value.day} {value:%B %Y, %H:%M} UTC"


def day(value: dt.date) -> str:
    """A date as people write it: "1 December 2026"."""
    return f"{value.day} {value:%B %Y}"


def short_day(value: dt.date) -> str:
    """A date in a narrow table column: "1 Dec 2026"."""
    return f"{value.day} {value:%b %Y}"
