"""Provenance: what a result was computed from, so anyone can reproduce it or see it was bent.

The result carries a checksum of its inputs (every catalog file, the project, the seed, the
number of samples and the tool version) and nothing that changes between two runs on the same
inputs: its date comes from the project or the caller, never from the wall clock. It also says
whether the weights moved after the team had seen scores, and which event came first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from selector import __version__
from selector.advisor import wording
from selector.advisor.matrix import SPREAD_LEVELS
from selector.advisor.robustness import KEPT_SHARE, MARGIN, RobustnessResult
from selector.advisor.sources import cite
from selector.advisor.weighting import PRIORITY_FACTOR
from selector.catalog.loader import Catalog
from selector.domain.project import Project
from selector.domain.recommendation import CatalogFile, FiredRuleView, Provenance

if TYPE_CHECKING:
    from selector.advisor.recommend import Reading


def catalog_checksum(catalog: Catalog) -> str:
    digest = hashlib.sha256()
    for f in sorted(catalog.files, key=lambda f: (f.catalog, f.path)):
        digest.update(f"{f.catalog}\0{f.path}\0{f.sha256}\n".encode())
    return digest.hexdigest()


def inputs_checksum(catalog: Catalog, project: Project, n_samples: int) -> str:
    digest = hashlib.sha256()
    digest.update(catalog_checksum(catalog).encode())
    digest.update(project.model_dump_json().encode())
    digest.update(f"seed={project.seed};samples={n_samples};tool={__version__}".encode())
    return digest.hexdigest()


def _first_look(project: Project) -> tuple[dt.datetime, str] | None:
    """The earliest moment the team demonstrably knew scores: it looked, or entered its own."""
    events: list[tuple[dt.datetime, str]] = []
    if project.history.scores_seen_at is not None:
        events.append((project.history.scores_seen_at, wording.scores_seen_event()))
    for o in project.overrides:
        if o.at is not None:
            events.append((o.at, wording.override_event(o.vendor, o.criterion)))
    return min(events, key=lambda e: e[0]) if events else None


def history_note(project: Project) -> str:
    """Why the weights look bent, or "" when they were set before any score was seen."""
    changed = project.history.weights_changed_at
    first = _first_look(project)
    if changed is None or first is None or changed <= first[0]:
        return ""
    return wording.history_note(changed, first)


def provenance(
    catalog: Catalog,
    project: Project,
    reading: Reading,
    robust: RobustnessResult,
    n_samples: int,
    note: str,
) -> Provenance:
    first = _first_look(project)
    return Provenance(
        tool_version=__version__,
        as_of=reading.as_of,
        date_from=wording.date_source(reading.date_from),
        generated_at=dt.datetime.combine(reading.as_of, dt.time(0, 0), dt.UTC),
        inputs_sha256=inputs_checksum(catalog, project, n_samples),
        catalog_sha256=catalog_checksum(catalog),
        method="weighted sum (additive value model) with must-have screening first",
        normalization="each criterion's declared scale (levels 0–5, or the value function "
        "of a quantity), so adding or removing a candidate never reorders others",
        parameters={
            "priority factors": ", ".join(f"{k} {v:g}" for k, v in PRIORITY_FACTOR.items()),
            "no clear winner below": f"{MARGIN * 100:g} points of 100",
            "weight sampling": robust.weight_sampling,
            "share of each group weight kept in sampling": f"{KEPT_SHARE:.0%}",
            "score spread by evidence (levels)": ", ".join(
                f"{k} ±{v:g}" for k, v in SPREAD_LEVELS.items()
            ),
            "rules fired": ", ".join(f.rule.id for f in reading.fired) or "none",
        },
        seed=project.seed,
        n_samples=n_samples,
        catalog_files=[
            CatalogFile(path=f.path, sha256=f.sha256, catalog=f.catalog) for f in catalog.files
        ],
        rules_fired=[
            FiredRuleView(rule_id=f.rule.id, title=wording.rule_title(f.rule.explanation),
                          because=f.because, source=cite(f.rule.source))
            for f in reading.fired
        ],
        weights_changed_at=project.history.weights_changed_at,
        scores_seen_at=first[0] if first else None,
        weights_locked_at=project.history.weights_locked_at,
        weights_after_scores=bool(note),
        note=note,
    )
