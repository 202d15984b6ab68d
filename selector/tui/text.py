"""Helpers that keep user text literal: names and notes are data, never markup, and never
terminal control codes (an ESC in a vendor's name must not retitle the window)."""

from __future__ import annotations

from rich.text import Text

from selector.domain.text import visible


def lit(value: object, style: str = "") -> Text:
    """A Text that shows `value` exactly as typed (`[red]`, `<b>`, `&` included), on one line:
    control and bidi-override characters are made visible (`␛`, `⟨U+202E⟩`)."""
    return Text(visible(str(value), keep=""), style=style)


def said(value: object) -> str:
    """Text for a notification, a dialog or a window title: names and paths from files with
    their control characters made visible (new lines kept, they only lay text out)."""
    return visible(str(value), keep="\n")


def para(value: object, style: str = "") -> Text:
    """A Text of several lines from a file (a note, a summary): lines kept, controls shown."""
    return Text(said(value), style=style)


def join(*parts: Text | str, sep: str = "") -> Text:
    """Concatenate literal parts; plain strings here are ours (labels), still taken literally."""
    out = Text()
    for i, part in enumerate(parts):
        if i and sep:
            out.append(sep)
        out.append(part if isinstance(part, Text) else Text(part))
    return out


def bar(fraction: float, width: int, style: str = "") -> Text:
    """A horizontal bar of `fraction` (0..1) of `width` cells, with eighth-cell resolution."""
    fraction = max(0.0, min(1.0, fraction))
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    body = "█" * full + partial
    return Text(body.ljust(width), style=style)


def pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def plural(count: int, noun: str, nouns: str = "") -> str:
    """'1 thing', '25 things' ('1 child', '2 children' with `nouns`)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def distinct_names(people: list, extra: tuple[str, ...] = ("department", "role")) -> dict[str, str]:
    """A label per person (by id) that tells people with the same name apart: the name, then
    the first of department / role that differs, then the id ('Anna (Sales)', 'Anna (anna_2)')."""
    labels: dict[str, str] = {}
    for person in people:
        same = [p for p in people if p.name.strip().casefold() == person.name.strip().casefold()]
        label = person.name
        if len(same) > 1:
            detail = next((getattr(person, f) for f in extra if getattr(person, f, "")
                           and sum(getattr(p, f, "") == getattr(person, f) for p in same) == 1),
                          person.id)
            label = f"{person.name} ({detail})"
        labels[person.id] = label
    return labels


def fit_lines(value: object, width: int, lines: int) -> Text:
    """`value` wrapped at words into at most `lines` lines of `width` cells, the last ending
    in "…" when the rest does not fit, so two long names that share their start ("HubSpot
    Sales Hub Professional", "… Enterprise") still differ on screen."""
    import textwrap

    text = visible(str(value), keep="")
    wrapped = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1:])
        wrapped = [*wrapped[:lines - 1], rest[:width - 1].rstrip() + "…"]
    return Text("\n".join(wrapped))
