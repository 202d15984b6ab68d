"""The words of the RFP round trip: what a vendor reads in the workbook, and what the team reads
when answers come back.

Worded once, here, so the workbook, the command line and the terminal UI say the same thing.
Sentences about a score (catalog against claim) come from the advisor with the Recommendation.
"""

from __future__ import annotations

import re
import unicodedata

from selector.advisor.wording import listing, number, plural

TITLE = "Request for proposal"
SCORECARD_TITLE = "Demo scorecard"

SCORING = (
    "Each requirement is scored on the scale shown with it. For most requirements this is a "
    "scale of levels from 0 to 5, and each level is described in words (the list in the answer "
    "cell, and the 'Scales' sheet): choose the level your offering reaches today, in the edition "
    "and deployment named above, without custom development. Where the answer is a quantity "
    "(for example weeks), type the number in the unit shown. Give evidence for each answer: how "
    "you meet it, and a link to your documentation where there is one. We compare every answer "
    "with what we already know; where they differ, we ask for proof, usually in a demo, before "
    "your answer counts."
)
MUST_HAVES = (
    "A must-have is a line an offering has to reach to stay in our selection (for example "
    "'at least level 3'), or a yes/no question on the 'Must-haves' sheet. A must-have you leave "
    "unanswered counts as not met."
)
WEIGHTS_NOT_SHARED = (
    "How much each requirement weighs in our decision is not part of this request."
)
HOW_TO_FILL = (
    "Type only in the yellow cells; the other cells are protected. Do not add, remove or move "
    "rows, columns or sheets, and keep formulas out of the answer cells: the workbook is read "
    "back automatically, and a changed layout is returned to you. Save it as .xlsx."
)
PRICE_INTRO = (
    "Quote for the seats and the contract length below, in one currency. Leave a cost blank "
    "when there is none; write what the price includes in the notes."
)
SCORECARD_HOW = (
    "For each vendor's demo, choose the level you saw for each criterion (the list in each "
    "cell; the levels are described on the 'Scales' sheet) and note what convinced you. Leave "
    "a cell blank for what the demo did not show. Type only in the yellow cells."
)

WHY_MATTERS = "matters most to you"
WHY_REQUESTED = "you asked for it"
WHY_JUDGEMENT = "the catalog's score rests on judgement"
WHY_CLAIM = "rests on a vendor's own claim"
WHY_VERIFY = "a vendor's claim to verify in a demo"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """Text from a workbook as a terminal may show it: control characters written as escapes
    (`\\x1b`), never sent raw; everything else, brackets included, exactly as typed."""
    s = str(text)
    out = []
    for ch in s:
        if ch in "\n\t":
            out.append(" ")
        elif _CONTROL.match(ch) or unicodedata.category(ch) in ("Cc", "Cs"):
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def cell_text(text: str) -> str:
    """Text a cell can hold: characters the xlsx format forbids become U+FFFD."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", text)


def answer_as(kind: str, unit: str = "") -> str:
    return {"level": "a level, 0–5", "number": f"a number of {unit}" if unit else "a number",
            "fact": "yes, partly or no"}[kind]


def must_line(threshold_text: str) -> str:
    return f"Must-have: {threshold_text}" if threshold_text else ""


def our_note(note: str) -> str:
    return f"Our note: {note}"


def deadline_text(deadline: str) -> str:
    return deadline or "the date agreed with the contact named here"


def where(sheet: str, cell: str, what: str = "") -> str:
    """Where a problem is, for a vendor or the team to find it: sheet 'Requirements', cell F12."""
    return f"sheet '{sheet}', cell {cell}" + (f" ({printable(what)})" if what else "")


# ---- messages when a workbook is refused -----------------------------------------------------

def not_xlsx(reason: str) -> str:
    return (f"not an Excel workbook (.xlsx) ({reason}); ask the vendor to save it as .xlsx "
            "(Excel Workbook) and send it again")


def not_ours(sheet: str) -> str:
    return (f"no sheet '{sheet}': this is not a workbook made by crm-selector rfp export or "
            "rfp scorecard, or its answers were copied into another workbook; answers must come "
            "back in the workbook that was sent")


def metadata_edited(sheet: str) -> str:
    return (f"the hidden sheet '{sheet}' that identifies the workbook was changed; answers "
            "must come back in the workbook as it was sent (export it again and ask the vendor "
            "to copy the answers over)")


def unknown_layout(found: str, known: str) -> str:
    return (f"layout {printable(found)!r} is not one this version reads ({known}); export a "
            "new workbook with this version of crm-selector")


def wrong_project(found: str, expected: str) -> str:
    return (f"this workbook was made for the project {printable(found)!r}, not for "
            f"{printable(expected)!r}; import it into the project it was exported from")


def wrong_offering(offering: str) -> str:
    return (f"this workbook asks about the offering {printable(offering)!r}, which is not a "
            "candidate of this project (not in its catalog or not on its shortlist); put it on "
            "the shortlist, or import the workbook into the right project")


def wrong_stakeholder(stakeholder: str) -> str:
    return (f"this scorecard is for the stakeholder {printable(stakeholder)!r}, who is not in "
            "this project; add them, or import it into the right project")


def unknown_criterion(criterion: str) -> str:
    return (f"the criterion {printable(criterion)!r} is no longer in the catalog; export a new "
            "workbook for the current catalog")


def locked_changed(expected: str, found: str) -> str:
    return (f"should read {clip(expected)!r} but reads {clip(found)!r}: rows, columns or "
            "sheets were inserted, moved or deleted, or a protected cell was edited; undo the "
            "change (or copy the answers into the workbook as it was sent)")


def more_changed(count: int) -> str:
    return f"… and {plural(count, 'more changed cell')}"


def formula(text: str) -> str:
    return (f"holds a formula ({clip(text)}); type the value itself, not a formula")


def required(label: str) -> str:
    return f"{label} is required: fill it in"


def not_a_level(found: str, high: int) -> str:
    return (f"{clip(found)!r} is not a level on this scale (0–{high}); choose one of the levels "
            "in the list")


def not_a_number(found: str, unit: str) -> str:
    return f"{clip(found)!r} is not a number; type the number of {unit} alone (for example 12)"


def negative(unit: str) -> str:
    return f"a number of {unit} cannot be negative"


def not_yes_no(found: str) -> str:
    return f"{clip(found)!r} is not an answer here; choose yes, partly or no"


def evidence_without_answer() -> str:
    return "has evidence but no answer; choose the answer, or clear the evidence"


def too_long(limit: int, found: int) -> str:
    return f"is {found:,} characters long; shorten it to {limit:,} characters at most"


def not_a_date(found: str) -> str:
    return f"{clip(found)!r} is not a date; type a date like 2026-12-15"


def not_a_choice(found: str, choices: list[str]) -> str:
    return f"{clip(found)!r} is not one of {listing(choices, 'or')}; choose one from the list"


def no_currency() -> str:
    return "the quote has amounts but no currency; choose the currency of the amounts"


def rejected(name: str) -> str:
    return f"{printable(name)}: refused, nothing imported from it:"


def clip(text: str, limit: int = 80) -> str:
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- what an import records ---------------------------------------------------------------

UNANSWERED_NOTE = ("Left blank in the vendor's RFP answer: an unanswered must-have counts as "
                   "not met (the RFP's cover says so).")


def reference(text: str) -> str:
    return f"Reference given: {text}"


def quote_note(quote, seats: int, edition: str, rate: float) -> str:  # noqa: ANN001
    """The vendor's whole quote in one note, as typed, with the rate used to compare it."""
    cur = quote.currency
    parts = [f"Quote for {plural(seats, 'seat')}" + (f", edition {edition}" if edition else "")]
    if quote.licences_per_year is not None:
        billed = f" (billed {quote.billing})" if quote.billing else ""
        parts.append(f"licences {cur} {number(quote.licences_per_year)} a year{billed}")
    if quote.one_off is not None:
        parts.append(f"one-off costs {cur} {number(quote.one_off)}")
    if quote.yearly_other is not None:
        parts.append(f"other yearly costs {cur} {number(quote.yearly_other)}")
    if quote.valid_until is not None:
        parts.append(f"valid until {quote.valid_until.isoformat()}")
    if cur != "EUR":
        parts.append(f"compared at {cur} {number(rate)} to the euro (the catalog's rate)")
    text = "; ".join(parts) + "."
    if quote.includes:
        text += f" Includes: {quote.includes}"
    return text[:4900]


def demo_title(offering: str, stakeholder: str) -> str:
    return clip(f"Demo of {offering}, scored by {stakeholder}", 300)
