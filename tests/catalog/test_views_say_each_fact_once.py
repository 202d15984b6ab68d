"""Each fact of the Recommendation appears once in the plain-text view, worded as the advisor
words it: the headline, the smallest flip, every exclusion reason, every risk and action."""

from __future__ import annotations

import datetime as dt

from selector.advisor import advise
from selector.advisor.tables import render_tables
from selector.catalog import load_project
from selector.catalog.shipped import example_project


def test_the_rank_text_says_each_fact_once(shipped) -> None:
    project = load_project(example_project()).project
    rec = advise(shipped, project, n_samples=500, today=dt.date(2026, 11, 30))
    text = " ".join(render_tables(rec).split())  # wrapping joins back into one line

    def once(sentence: str) -> None:
        said = " ".join(sentence.split())
        assert text.count(said) == 1, (text.count(said), said)

    once(rec.headline)
    flip = next(s for s in rec.robustness.statements if s.startswith("The smallest"))
    once(flip)
    for o in rec.offerings:
        for f in o.failures:
            assert text.count(" ".join(f.reason.split())) >= 1
        if o.excluded:
            once(f"{o.name}: " + "; ".join(f.reason for f in o.failures))
    for action in rec.actions:
        once(action.text)
    for risk in rec.risks[:6]:
        once(risk.text)
    for d in rec.group_view.disagreements[:3]:
        once(d.text)
