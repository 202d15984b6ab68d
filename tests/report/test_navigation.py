"""Finding one's way in the report: bookmarks, the contents page, page labels, the outline panel."""

from __future__ import annotations

import re

from pdf_reading import bookmarks, flat, internal_links
from pypdf import PdfReader


def test_every_bookmark_opens_the_page_its_section_is_on(reader: PdfReader,
                                                          texts: list[str]) -> None:
    marks = bookmarks(reader)
    assert len(marks) >= 25
    for mark in marks:
        assert flat(mark.title) in flat(texts[mark.page - 1]), (mark, mark.page)


def test_bookmarks_follow_the_pages(reader: PdfReader) -> None:
    pages = [mark.page for mark in bookmarks(reader)]
    assert pages == sorted(pages)
    assert len(set(pages)) >= len(reader.pages) // 2  # not all on one page
    assert pages[-1] >= len(reader.pages) - 1


def test_sections_start_where_a_reader_expects(reader: PdfReader) -> None:
    top = {m.title: m.page for m in bookmarks(reader) if m.level == 0}
    assert top["CRM recommendation"] == 1
    assert top["Contents"] == 2
    assert top["1 Which kind of solution"] == 3
    body = [page for title, page in top.items() if title[0].isdigit()]
    appendices = [page for title, page in top.items() if title.startswith("Appendix")]
    assert max(body) < min(appendices)
    assert len(appendices) == 7


def test_each_appendix_part_is_nested_under_its_appendix(reader: PdfReader) -> None:
    marks = bookmarks(reader)
    parent = ""
    for mark in marks:
        if mark.level == 0:
            parent = mark.title
        elif mark.title.startswith("Evidence: "):
            assert parent == "Appendix C Evidence"
        elif mark.title.startswith("Cost: "):
            assert parent == "Appendix B Cost for this team"


def listed(reader: PdfReader) -> list:
    """The headings the contents list: every part, and the body's subsections (an appendix's
    parts are bookmarks only)."""
    marks, parent = [], ""
    for mark in bookmarks(reader):
        if mark.level == 0:
            parent = mark.title
        if mark.title in ("CRM recommendation", "Contents"):
            continue
        if mark.level == 0 or (mark.level == 1 and not parent.startswith("Appendix")):
            marks.append(mark)
    return marks


def test_contents_gives_the_page_of_every_section(reader: PdfReader, texts: list[str]) -> None:
    """Each listed heading is followed by the page its bookmark opens, in document order."""
    contents = flat(texts[1].split("\nContents\n", 1)[1])
    marks = listed(reader)
    assert any(m.title == "Value for money" for m in marks)
    assert not any(m.title.startswith("Evidence: ") for m in marks)
    position = 0
    for mark in marks:
        line = f"{flat(mark.title)} {mark.page}"
        found = contents.find(line, position)
        assert found >= 0, (line, contents[position:position + 200])
        position = found + len(line)
    numbers = re.findall(r"(?<=\D )(\d+)(?= |$)", contents[contents.find("1 Which"):])
    assert len(numbers) == len(marks)  # no line without a number, no number without a line


def test_contents_lines_are_links(reader: PdfReader) -> None:
    assert internal_links(reader.pages[1]) == 2 * len(listed(reader))  # title and page number


def test_outline_panel_opens_with_the_document(reader: PdfReader) -> None:
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.page_mode == "/UseOutlines"


def test_page_labels_are_the_printed_page_numbers(reader: PdfReader, texts: list[str]) -> None:
    assert "/PageLabels" in reader.trailer["/Root"]
    total = len(reader.pages)
    assert reader.page_labels == [str(n) for n in range(1, total + 1)]
    for label, page in zip(reader.page_labels, texts, strict=True):
        assert f"Page {label} of {total}" in page
