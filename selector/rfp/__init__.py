"""The RFP round trip: send the requirements to vendors, score what they answer.

Procurement teams score vendors from what the vendors answer and what a demo shows, not from a
catalog alone. This package writes the request for proposal (one xlsx workbook per offering, to
be filled in without this tool) and the demo scorecard, reads returned workbooks into the
project as claims, and records the team's decisions on them. A claim is evidence, not a score:
it replaces the catalog's value only once the team accepts it (the advisor applies that).

The functions the command line and the terminal UI call:

- `export_rfps(catalog, project, path, offerings, deadline, contact)` → the files written
- `export_scorecard(catalog, project, path, stakeholders, offerings)` → the file written
- `import_answers(catalog, project, paths, by)` → `Imported` (the new project to save, what
  each workbook changed, the workbooks refused and why)
- `decide(project, offering, criterion, status, kind, by)` → `Decision`
- `awaiting(recommendation)`, `answered(project)`: what awaits the team, who has answered
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from selector.advisor import advise
from selector.catalog import FileError
from selector.catalog.loader import Catalog
from selector.catalog.problems import display_path
from selector.domain.project import Project
from selector.domain.recommendation import Recommendation
from selector.rfp.answers import read_returned
from selector.rfp.claims import (
    Answered,
    Awaiting,
    Decision,
    Recorded,
    accept_agreeing,
    answered,
    awaiting,
    decide,
    record,
)
from selector.rfp.export import write_rfp
from selector.rfp.reading import Context, Refusal, ReturnedWorkbook
from selector.rfp.scope import ScopeError, offerings_to_ask, rfp_scope
from selector.rfp.scorecard import scorecard_scope, write_scorecard


def rfp_paths(path: Path, offering_ids: list[str]) -> list[Path]:
    """Where each offering's workbook goes: `path` itself for one offering; for several,
    `path` with the offering's id added (`rfp.xlsx` → `rfp-zoho_crm_enterprise.xlsx`); inside
    `path` when it is a folder or names one (no `.xlsx` at the end: made if missing). One
    workbook per offering, so no vendor sees who else was asked."""
    if path.is_dir() or path.suffix.lower() != ".xlsx":
        return [path / f"rfp-{oid}.xlsx" for oid in offering_ids]
    if len(offering_ids) == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{oid}{path.suffix}") for oid in offering_ids]


def export_rfps(
    catalog: Catalog, project: Project, path: Path, offerings: list[str] | None = None,
    deadline: dt.date | None = None, contact: str = "", today: dt.date | None = None,
) -> list[Path]:
    """Write the RFP workbook of each offering asked (default: every vendor's offering of the
    project); raises ScopeError for an offering the project does not have."""
    rec = advise(catalog, project, n_samples=0, today=today)
    ids = offerings_to_ask(catalog, rec, offerings or [])
    if not ids:
        raise ScopeError("the project has no vendor's offering to send an RFP to")
    paths = rfp_paths(path, ids)
    if paths[0].parent != path.parent and not path.exists() and path.parent.is_dir():
        try:
            path.mkdir()
        except OSError as exc:
            raise FileError(f"{display_path(path)}: cannot make the folder: "
                            f"{exc.strerror or exc}") from exc
    for oid, target in zip(ids, paths, strict=True):
        write_rfp(rfp_scope(catalog, project, rec, oid, deadline, contact), target)
    return paths


def export_scorecard(
    catalog: Catalog, project: Project, path: Path, stakeholders: list[str] | None = None,
    offerings: list[str] | None = None, today: dt.date | None = None,
) -> Path:
    rec = advise(catalog, project, n_samples=0, today=today)
    scope = scorecard_scope(catalog, project, rec, stakeholders or [], offerings or [])
    if not scope.offerings:
        raise ScopeError("no offering to score in a demo: every offering is excluded; name "
                         "the ones you will see with --offering")
    write_scorecard(scope, path)
    return path


@dataclass(frozen=True)
class Imported:
    """The outcome of importing returned workbooks. `project` is what to save (only when
    `changed`); `before` and `after` are the quick Recommendations either side."""

    project: Project
    recorded: list[Recorded]
    refused: list[Refusal]
    before: Recommendation
    after: Recommendation

    @property
    def changed(self) -> bool:
        return any(r.touched for r in self.recorded)


def import_answers(catalog: Catalog, project: Project, paths: list[Path], by: str = ""
                   ) -> Imported:
    """Every workbook in `paths` read whole or refused, and the readable ones recorded."""
    before = advise(catalog, project, n_samples=0)
    ctx = Context(
        catalog=catalog,
        project=project,
        candidates={r.id for r in before.offerings if r.kind == "offering"},
        musts={c.criterion_id: c.threshold_text for c in before.criteria
               if c.priority == "must" and c.weight > 0 and not c.computed},
        facts={f.key for f in before.fact_must_haves},
        by=by,
    )
    results = [read_returned(p, ctx) for p in paths]
    returned = [r for r in results if isinstance(r, ReturnedWorkbook)]
    refused = [r for r in results if isinstance(r, Refusal)]
    updated, recorded = record(project, returned)
    keys = {k for r in recorded for k in (*r.new, *r.changed)}
    updated, after = accept_agreeing(catalog, updated, keys) if keys else (updated, before)
    return Imported(updated, recorded, refused, before, after)


__all__ = [
    "Answered",
    "Awaiting",
    "Decision",
    "Imported",
    "Refusal",
    "ScopeError",
    "answered",
    "awaiting",
    "decide",
    "export_rfps",
    "export_scorecard",
    "import_answers",
    "rfp_paths",
]
