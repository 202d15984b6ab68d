"""Text no person would type, from a file a person might be sent: the report still renders.

Issue 16: a 1.5 kB vendor name or a very long stakeholder name used to stop the report with a
LayoutError; an 80 kB project name took 30 s; control characters reached the PDF metadata raw.
Long text wraps, then is cut with "…" where it cannot grow; control and bidi characters print
as visible tokens. (How long a huge name takes is measured in benchmarks/report_bench.py.)
"""

from __future__ import annotations

import pytest
from pdf_reading import bookmarks, flat, page_texts, reader_of

from selector.domain.recommendation import Recommendation
from selector.report import render_pdf


def _with_first_offering_named(rec: Recommendation, name: str) -> Recommendation:
    first = rec.offerings[0].model_copy(update={"name": name})
    return rec.model_copy(update={"offerings": [first, *rec.offerings[1:]],
                                  "headline": f"Recommended: {name}."})


@pytest.mark.parametrize("name", ["Nordlys " * 190, "中文" * 750], ids=["words", "one-word"])
def test_an_offering_name_of_one_and_a_half_kilobytes(recommendation: Recommendation,
                                                     name: str) -> None:
    data = render_pdf(_with_first_offering_named(recommendation, name))
    reader = reader_of(data)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "…" in text  # cut where a table cell cannot grow
    assert "".join(name[:40].split()) in "".join(text.split())
    evidence = [m for m in bookmarks(reader) if m.title.startswith("Evidence: ")]
    assert evidence and len(evidence[0].title) <= 120


def test_a_very_long_stakeholder_name(recommendation: Recommendation) -> None:
    view = recommendation.group_view
    person = view.stakeholders[0].model_copy(update={"name": "Åsa Ærø-Lindqvist " * 120,
                                                     "department": "Sälj " * 300})
    rec = recommendation.model_copy(update={"group_view": view.model_copy(
        update={"stakeholders": [person, *view.stakeholders[1:]]})})
    text = flat(" ".join(page_texts(render_pdf(rec))))
    assert "Åsa Ærø-Lindqvist Åsa" in text


def test_long_notes_in_every_table(recommendation: Recommendation) -> None:
    """Reasons, risks, actions, evidence, costs and rollout notes of 10 kB each: one report."""
    essay = "Ett långt resonemang utan slut, " * 300
    ready = recommendation.readiness
    checks = [c.model_copy(update={"text": essay, "risk": essay, "action": essay})
              for c in ready.checks]
    offerings = []
    for o in recommendation.offerings:
        cost = o.cost.model_copy(update={
            "lines": [line.model_copy(update={"basis": essay, "source": essay})
                      for line in o.cost.lines], "assumptions": [essay]}) if o.cost else None
        offerings.append(o.model_copy(update={
            "strengths": [essay], "cost": cost, "contributions": [
                c.model_copy(update={"evidence": essay, "source_title": essay})
                for c in o.contributions]}))
    rollout = [p.model_copy(update={"rationale": essay}) for p in recommendation.rollout]
    risks = [r.model_copy(update={"text": essay, "from_answers": [essay]})
             for r in recommendation.risks]
    actions = [a.model_copy(update={"text": essay, "owner": essay})
               for a in recommendation.actions]
    rec = recommendation.model_copy(update={
        "readiness": ready.model_copy(update={"checks": checks, "actions": checks[1:]}),
        "offerings": offerings, "rollout": rollout, "top_reasons": [essay] * 3,
        "confidence_text": essay, "cost_basis": essay, "risks": risks, "actions": actions,
        "headline": essay})
    reader = reader_of(render_pdf(rec))
    assert len(reader.pages) < 80


def test_score_notes_at_their_limit(recommendation: Recommendation) -> None:
    """A vendor file's score notes may be 5,000 characters (the catalog's limit): every
    value's evidence that long, in the evidence appendix, still gives a report."""
    note = ("Seen in the vendor's documentation. " * 200)[:5000]
    offerings = [o.model_copy(update={"contributions": [
        c.model_copy(update={"evidence": note}) for c in o.contributions]})
        for o in recommendation.offerings]
    reader = reader_of(render_pdf(recommendation.model_copy(update={"offerings": offerings})))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Seen in the vendor's documentation." in text and "…" in text


@pytest.mark.parametrize("size", [80_000, 1_900_000], ids=["80kB", "1.9MB"])
def test_a_huge_project_name(recommendation: Recommendation, size: int) -> None:
    name = ("Nordlys CRM " * (size // 12 + 1))[:size]
    data = render_pdf(recommendation.model_copy(update={"project_name": name}))
    reader = reader_of(data)
    title = reader.metadata.title
    assert title.startswith("CRM recommendation for ") and title.endswith("…")
    assert len(title) <= 500
    first = reader.pages[1].extract_text().splitlines()[0]
    assert first.startswith("CRM recommendation · Nordlys CRM") and first.rstrip().endswith("…")
    assert len(data) < 1_000_000


def test_control_and_bidi_characters_are_shown_not_obeyed(
        recommendation: Recommendation) -> None:
    hostile = "Evil\x1b]0;pwned\x07 CRM\u202egnp.exe\x08"
    rec = _with_first_offering_named(recommendation, hostile).model_copy(
        update={"project_name": f"Project \x1b[2J{hostile}", "prepared_by": "Bo\rEve"})
    reader = reader_of(render_pdf(rec))
    meta = reader.metadata
    xmp_title = reader.xmp_metadata.dc_title["x-default"]
    for value in (meta.title, meta.subject, meta.author, xmp_title):
        assert not any(ch in value for ch in "\x1b\x07\x08\r\u202e"), value
    assert "⟨ESC⟩]0;pwned⟨BEL⟩" in meta.title
    assert "⟨U+202E⟩gnp.exe⟨BS⟩" in meta.subject
    assert meta.author == "Bo⟨CR⟩Eve"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert not any(ch in text for ch in "\x1b\x07\x08\u202e")
    assert "Evil⟨ESC⟩]0;pwned⟨BEL⟩ CRM⟨U+202E⟩gnp.exe⟨BS⟩" in text
    assert all("\x1b" not in m.title for m in bookmarks(reader))
