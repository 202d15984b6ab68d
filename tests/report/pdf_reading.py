"""Reading a rendered report as a reader's PDF viewer does: pages, bookmarks, links, type sizes.

Independent of the report code: everything here comes from the PDF bytes through pypdf.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf._page import PageObject

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM
FRAME_TOP = PAGE_HEIGHT - 24 * MM  # the report's top margin
FRAME_BOTTOM = 20 * MM


def flat(value: str) -> str:
    """Extracted text with line breaks and runs of spaces folded, for phrase searches."""
    return " ".join(value.split())


def reader_of(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in reader_of(data).pages]


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int
    page: int  # 1-based, as a reader counts


def bookmarks(reader: PdfReader) -> list[Bookmark]:
    """Every outline entry with the page its destination opens."""
    found: list[Bookmark] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append(Bookmark(item.title, level,
                                      reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@dataclass(frozen=True)
class Run:
    text: str
    size: float  # effective type size in points
    y: float  # baseline, points from the bottom of the page


def text_runs(page: PageObject) -> list[Run]:
    """Each piece of text on the page with its printed size and height on the page."""
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = tm[3] * cm[3]
            runs.append(Run(text, size * scale, tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return runs


def filled_share(page: PageObject) -> float:
    """How much of the text area is used: from its top to the lowest line of text."""
    body = [r.y for r in text_runs(page) if FRAME_BOTTOM - 2 <= r.y <= FRAME_TOP + 2]
    if not body:
        return 0.0
    return (FRAME_TOP - min(body)) / (FRAME_TOP - FRAME_BOTTOM)


def link_targets(page: PageObject) -> list[str]:
    """The web addresses the page's links open."""
    uris = []
    for annotation in page.get("/Annots", []) or []:
        action = annotation.get_object().get("/A")
        if action is not None and action.get("/URI"):
            uris.append(str(action["/URI"]))
    return uris


def internal_links(page: PageObject) -> int:
    """How many links on the page go to a place in the document."""
    count = 0
    for annotation in page.get("/Annots", []) or []:
        annotation = annotation.get_object()
        if annotation.get("/Subtype") == "/Link" and (
                "/Dest" in annotation or annotation.get("/A", {}).get("/S") == "/GoTo"):
            count += 1
    return count


def occurrences(text: str, phrase: str) -> int:
    """How often `phrase` appears in `text` (both folded), as a whole: not as the start of a
    longer phrase that goes on with a comma or a letter ("lists OAuth 2.0" inside "lists
    OAuth 2.0, LDAP")."""
    pattern = r"(?<![\w])" + re.escape(flat(phrase)) + r"(?![,\w])"
    return len(re.findall(pattern, flat(text)))


def first_page_with_line(texts: list[str], line: str, start: int = 1) -> int | None:
    """The first page (1-based, from page `start`) on which a line of text starts with
    `line`: where a heading is, found without the bookmarks."""
    for number, page in enumerate(texts[start - 1:], start=start):
        if any(flat(row).startswith(flat(line)) for row in page.splitlines()):
            return number
    return None


def body_lines(page: str) -> list[str]:
    """A page's lines after the running header and footer (they are drawn, and so read,
    first: everything up to the "Page X of Y" line)."""
    rows = [r for r in page.splitlines() if r.strip()]
    ends = [i for i, r in enumerate(rows) if re.fullmatch(r"Page \d+ of \d+", r.strip())]
    return rows[ends[0] + 1:] if ends else rows
