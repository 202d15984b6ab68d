"""Assemble a catalog from folders of TOML files, collecting every problem on the way.

Catalog folders are layered: the shipped catalog first, then each consultant folder, later ones
extending earlier ones or replacing an entry with the same id. A broken file is reported and
skipped; the rest loads, so one typo never takes the whole product down.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from selector._collector import collector_paused
from selector.catalog.fact_values import fact_value_problem
from selector.catalog.file_cache import CheckedFiles
from selector.catalog.files import TomlDocument, parse_toml, read_bytes
from selector.catalog.migrate import migrate_solution_types, migrate_vendor
from selector.catalog.other_core import NO_FILE, CopyResults, OtherCore, Taken
from selector.catalog.problems import Problem, did_you_mean, display_path, dotted
from selector.catalog.shipped import shipped_folders
from selector.catalog.toml_lines import KeyLines, line_of
from selector.catalog.validation_errors import problems_from
from selector.domain.cost_model import CostModel
from selector.domain.criteria import CriteriaGroup, CriteriaLibrary, Criterion
from selector.domain.questions import Question, Questionnaire, ReadinessItem, Rule
from selector.domain.solution_types import SOLUTION_TYPE_IDS, SolutionType
from selector.domain.vendors import CriterionScore, OfferingProfile, VendorProfile

SHIPPED = "shipped"


@dataclass(frozen=True)
class CatalogFile:
    """A file that went into the catalog, with its checksum so a result can be reproduced."""

    path: str
    sha256: str
    catalog: str
    kind: str


@dataclass
class Catalog:
    """Everything the advisor reasons about, plus what could not be loaded and why.

    `offerings` are the vendors' offerings resolved (common facts and scores filled in), in
    vendor order: what is screened, scored, costed and ranked.
    """

    library: CriteriaLibrary
    solution_types: list[SolutionType]
    questionnaire: Questionnaire
    vendors: list[VendorProfile]
    vendor_catalog: dict[str, str] = field(default_factory=dict)
    files: list[CatalogFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cost_model: CostModel | None = None
    offerings: list[OfferingProfile] = field(default_factory=list)
    vendor_files: dict[str, str] = field(default_factory=dict)  # vendor id -> file shown
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What the advisor works out once per catalog (its score tables) and reuses for every
    project and what-if; the catalog itself never changes after loading."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def vendor(self, vendor_id: str) -> VendorProfile:
        for v in self.vendors:
            if v.id == vendor_id:
                return v
        raise KeyError(vendor_id)

    def offering_ids(self, ref: str) -> list[str]:
        """The offerings a shortlist entry or override names: one offering, or a vendor's all."""
        return [o.id for o in self.offerings if ref in (o.id, o.vendor_id)]

    def candidate_refs(self) -> set[str]:
        """Every id a project may name as a candidate: vendor ids and offering ids."""
        return {v.id for v in self.vendors} | {o.id for o in self.offerings}


def file_kind(data: dict[str, Any]) -> str | None:
    """What a TOML file is, from its top-level keys (file names are the consultant's choice)."""
    if "format_version" in data and "vendor" not in data:
        return "project"
    if "scores" in data or "vendor" in data or "offerings" in data:
        return "vendor"
    if "rates" in data and "implementation_levels" in data:
        return "cost_model"
    if "solution_types" in data:
        return "solution_types"
    if {"questions", "rules", "readiness"} & data.keys():
        return "questionnaire"
    if "criteria" in data:
        return "criteria_group"
    return None


def toml_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every .toml file under `folder`, sorted; what cannot be read is added to `problems`.

    Links to folders are followed (a consultant may link a shared vendor folder in), but never
    back up to `folder` or above it, and each folder is read once, so links cannot loop or pull
    in the files around the catalog. A sub-folder that cannot be listed, a .toml link to
    nothing and a .toml pipe or device are reported, not skipped: a catalog silently missing
    files ranks without them. Hidden names (`.git`, an editor's `.#lock.toml`) are not part of
    a catalog and are passed over.
    """
    found: list[Path] = []
    report = problems.append if problems is not None else (lambda _p: None)
    root = os.path.realpath(folder)
    seen: set[str] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        real = os.path.realpath(current)
        if real in seen or (current != folder and (root + os.sep).startswith(real + os.sep)):
            report(Problem(display_path(current), "", "is a link to a folder that is already "
                           "part of the catalog (a loop, or a second link); not read again",
                           severity="warning"))
            continue
        seen.add(real)
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            report(Problem(display_path(current), "", f"folder cannot be read: "
                           f"{exc.strerror or exc}; the files in it are not in the catalog"))
            continue
        for entry in reversed(entries):  # the stack then yields them in name order
            if entry.name.startswith("."):
                continue
            path = current / entry.name
            is_toml = entry.name.endswith(".toml")
            try:
                is_dir = entry.is_dir()  # follows links; False for a link to nothing
                mode = entry.stat().st_mode if is_toml and not is_dir else 0
            except OSError as exc:
                report(Problem(display_path(path), "", _unreachable(exc)))
                continue
            if is_dir:
                pending.append(path)
            elif not is_toml:
                continue
            elif stat.S_ISREG(mode):
                found.append(path)
            else:
                report(Problem(display_path(path), "", "is not a regular file (a pipe or a "
                               "device); the catalog reads .toml files only"))
    return sorted(found)


def _unreachable(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a link that leads back to itself (a symlink loop)"
    if exc.errno == errno.ENOENT:
        return "is a link to something that does not exist"
    return f"cannot be read: {exc.strerror or exc}"


@dataclass(frozen=True)
class _Entry:
    """A loaded item with where it came from: its file, its layer and its place in the file."""

    value: Any
    loc: tuple[str | int, ...]  # path of the item inside its file
    layer: int  # 0 = shipped; later layers extend or replace earlier ones
    label: str
    lines: KeyLines  # line numbers, worked out only if a problem needs one
    shown: str  # the file's name as problems show it


@dataclass
class _Layer:
    index: int
    label: str
    tables: dict[str, dict[str, _Entry]] = field(default_factory=lambda: {k: {} for k in _ITEMS})


# item kind -> (model, what to call it in messages)
_ITEMS: dict[str, tuple[type[BaseModel], str]] = {
    "groups": (CriteriaGroup, "criteria group"),
    "vendors": (VendorProfile, "vendor"),
    "solution_types": (SolutionType, "solution type"),
    "questions": (Question, "question"),
    "rules": (Rule, "rule"),
    "readiness": (ReadinessItem, "readiness item"),
    "cost_model": (CostModel, "cost model"),
}
_LISTS = {
    "solution_types": ("solution_types",),
    "questionnaire": ("questions", "rules", "readiness"),
}


def load_catalog(
    folders: Sequence[Path] = (), *, include_shipped: bool = True, busy_after: bool = False
) -> Catalog:
    """Load the shipped catalog (unless told not to) layered with `folders`, in order.

    `busy_after`: the caller is a one-shot command with work to do once the catalog is
    loaded (ranking, a report). Files checked on the other core are then cached by the copy
    that checked them, meanwhile, and the process waits for it at exit. Otherwise (`validate`
    has nothing more to do, a long-lived process should not keep a copy) loading writes the
    cache itself.
    """
    with collector_paused():
        return _load(folders, include_shipped, busy_after)


def _load(folders: Sequence[Path], include_shipped: bool, busy_after: bool) -> Catalog:
    problems: list[Problem] = []
    files: list[CatalogFile] = []
    layers: list[_Layer] = []
    sources: list[tuple[str, list[Path]]] = []
    if include_shipped:
        sources.append((SHIPPED, shipped_folders()))
    for folder in folders:
        sources.append((display_path(folder), [folder]))
    for index, (label, paths) in enumerate(sources):
        layer = _Layer(index, label)
        for folder in paths:
            _read_folder(folder, layer, problems, files, busy_after)
        layers.append(layer)
    return _merge(layers, problems, files)


def _read_folder(
    folder: Path, layer: _Layer, problems: list[Problem], files: list[CatalogFile],
    busy_after: bool,
) -> None:
    name = display_path(folder)
    try:
        mode = folder.stat().st_mode
    except OSError as exc:
        missing = exc.errno == errno.ENOENT and not folder.is_symlink()
        problems.append(Problem(name, "", "catalog folder not found" if missing
                                else f"catalog folder {_unreachable(exc)}"))
        return
    if stat.S_ISREG(mode):
        paths = [folder]
    elif not stat.S_ISDIR(mode):
        problems.append(Problem(name, "", "is not a folder or a .toml file"))
        return
    else:
        before = len(problems)
        paths = toml_files(folder, problems)
        if not paths:
            if len(problems) == before:
                problems.append(Problem(name, "", "folder holds no .toml files"))
            return
    cache = CheckedFiles.open(folder)
    known = cache.known() if cache is not None else frozenset()
    by_copy = cache is not None and busy_after
    other = OtherCore.start(
        paths, len(paths) - len(known), partial(_checked_blob, known=known),
        partial(_cached_by_copy, paths, cache, known) if by_copy else None,
    )
    if other is not None and by_copy:
        cache.leave_writing()  # the copy writes the pack once it has handed over its share
    reading = _FolderReading(folder, layer, problems, files, cache)
    try:
        for position, path in enumerate(paths):
            checked = other.take(position) if other and position >= other.first else None
            if checked is None:
                reading.read(path)
            else:
                reading.take(path, checked)
        if other is not None and not other.finish() and by_copy:
            cache.resume_writing()  # the copy died or left it: the pack is written here
        if cache is not None:
            cache.save()
    finally:
        if other is not None:
            other.close()
        if cache is not None:
            cache.close()


@dataclass
class _FolderReading:
    """What reading one catalog folder adds to: its layer, the problems and the files of the
    load, and the folder's cache of checked files."""

    folder: Path
    layer: _Layer
    problems: list[Problem]
    files: list[CatalogFile]
    cache: CheckedFiles | None

    def read(self, path: Path) -> None:
        """Check one file (or take what it became from the cache) and add its items."""
        problems, cache = self.problems, self.cache
        raw = read_bytes(path)
        if isinstance(raw, Problem):
            problems.append(raw)
            return
        sha256 = hashlib.sha256(raw).hexdigest()
        cached = cache.get(sha256) if cache is not None else None
        if cached is not None:
            kind, items = cached
            lines = KeyLines(None, path, sha256)
        else:
            doc = parse_toml(path, raw, sha256)
            if isinstance(doc, Problem):
                problems.append(doc)
                return
            kind = file_kind(doc.data)
            if kind == "project":
                problems.append(_project_in_catalog(display_path(path), given=path == self.folder))
                return
            if kind is None:
                problems.append(
                    Problem(
                        display_path(path),
                        "",
                        "cannot tell what this file is: a criteria group has [[criteria]], a "
                        "vendor profile has vendor = … (and [scores] or [[offerings]]), solution "
                        "types have [[solution_types]], questions/rules/readiness have "
                        "[[questions]], [[rules]] or [[readiness]], the cost model has [[rates]] "
                        "and [implementation_levels]",
                    )
                )
                return
            lines = KeyLines(doc.text, path, sha256)
            before = len(problems)
            items = _checked_items(doc, kind, problems, lines)
            lines.release()  # the catalog keeps where to find line numbers, not every text
            if cache is not None and len(problems) == before:
                cache.put(sha256, kind, items)
        self._add(path, sha256, kind, items, lines)

    def take(self, path: Path, checked: tuple[bytes, bytes, bytes]) -> None:
        """Add a file checked on the other core, as if it came from the cache."""
        file_digest, blob, digest = checked
        sha256 = file_digest.hex()
        kind, items = pickle.loads(blob)
        if self.cache is not None:
            self.cache.put_pickled(sha256, blob, digest)
        self._add(path, sha256, kind, items, KeyLines(None, path, sha256))

    def _add(self, path: Path, sha256: str, kind: str, items: list[_Item],
             lines: KeyLines) -> None:
        """Record a checked file and add its items to the layer."""
        folder, layer = self.folder, self.layer
        # Shipped files are named relative to the catalog ("criteria/cost.toml"), not where
        # the package happens to be installed, so a report reads the same on every machine.
        shown = (
            f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if layer.label == SHIPPED and folder.is_dir()
            else display_path(path)
        )
        self.files.append(CatalogFile(shown, sha256, layer.label, kind))
        name = display_path(path)
        for table, loc, value in items:
            _put(layer, table, _Entry(value, loc, layer.index, layer.label, lines, name), lines,
                 self.problems)


def _checked_blob(path: Path, known: frozenset[str]) -> tuple[bytes, bytes] | None:
    """A file checked without a single problem, pickled for the cache: what the other core
    hands back (b"" for a file the cache already holds). None for a file to check on the
    usual path, so its problems are reported there."""
    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return None
    digest = hashlib.sha256(raw)
    if digest.hexdigest() in known:
        return digest.digest(), b""
    blob = _pickled_if_clean(path, raw, digest.hexdigest())
    return None if blob is None else (digest.digest(), blob)


def _pickled_if_clean(path: Path, raw: bytes, sha256: str) -> bytes | None:
    """What a file becomes, pickled as the cache keeps it, or None if it has any problem."""
    doc = parse_toml(path, raw, sha256)
    if isinstance(doc, Problem):
        return None
    kind = file_kind(doc.data)
    if kind is None or kind == "project":
        return None
    problems: list[Problem] = []
    items = _checked_items(doc, kind, problems, KeyLines(doc.text, path, sha256))
    if problems:
        return None
    try:
        return pickle.dumps((kind, items), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):  # as `put`: left uncached
        return None


def _cached_by_copy(
    paths: Sequence[Path], cache: CheckedFiles, known: frozenset[str], results: CopyResults
) -> None:
    """In the copy, once its share is handed over: write the folder's pack, as `save` would
    after this load (every file read this time that checked cleanly, nothing else). The
    copy's own results are reused; the files this process checked are checked again here,
    while this process goes on with the rest of its work."""

    def entries() -> Iterator[tuple[str, bytes, bytes]]:
        seen: set[str] = set()
        for position, path in enumerate(paths):
            entry = _cache_entry(path, results.get(position), cache, known)
            if entry is not None and entry[0] not in seen:
                seen.add(entry[0])
                yield entry

    cache.write(entries())


def _cache_entry(
    path: Path, record: Taken | None, cache: CheckedFiles, known: frozenset[str]
) -> tuple[str, bytes, bytes] | None:
    """The pack's entry for one file (checksum, pickled, its sha256): from the copy's own
    record, the pack as it was, or checked now; None for a file with a problem."""
    if record is not None:  # the copy checked it
        file_digest, blob, digest = record
        if file_digest == NO_FILE:
            return None
        if blob:
            return file_digest.hex(), blob, digest
        stored = cache.stored(file_digest.hex())
        return None if stored is None else (file_digest.hex(), *stored)
    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return None
    sha256 = hashlib.sha256(raw).hexdigest()
    if sha256 in known:
        stored = cache.stored(sha256)
        return None if stored is None else (sha256, *stored)
    pickled = _pickled_if_clean(path, raw, sha256)
    return None if pickled is None else (sha256, pickled, hashlib.sha256(pickled).digest())


def _project_in_catalog(name: str, given: bool) -> Problem:
    """A project file where catalog files belong: an error when named as the catalog itself
    (the user swapped the arguments), a warning when found inside a catalog folder."""
    if given:
        return Problem(
            name,
            "",
            "is a project file, not a catalog: a catalog is a folder of criteria and vendor "
            "files (or one such file)",
        )
    return Problem(
        name, "", "is a project file, so it is not part of the catalog", severity="warning"
    )


def _validate(
    model: type[BaseModel],
    data: Any,
    doc: TomlDocument,
    lines: dict,
    problems: list[Problem],
    prefix: tuple[str | int, ...] = (),
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, model, display_path(doc.path), lines, prefix))
        return None


_Item = tuple[str, tuple[str | int, ...], Any]
"""What a file holds, checked: (kind of item, its place in the file, the validated model)."""


def _checked_items(
    doc: TomlDocument, kind: str, problems: list[Problem], lines: KeyLines
) -> list[_Item]:
    """Validate a file item by item, so one bad rule never drops its neighbours."""
    name = display_path(doc.path)
    if kind in ("criteria_group", "vendor", "cost_model"):
        table = {"criteria_group": "groups", "vendor": "vendors"}.get(kind, kind)
        data = doc.data
        if kind == "vendor":
            data, notes = migrate_vendor(doc.data)
            for key, note in notes:
                problems.append(Problem(name, key, note, line_of(lines, (key,)), "warning"))
        item = _validate(_ITEMS[table][0], data, doc, lines, problems)
        return [] if item is None else [(table, (), item)]
    allowed = _LISTS[kind]
    data = doc.data
    if kind == "solution_types":
        data, notes = migrate_solution_types(doc.data)
        for key, note in notes:
            problems.append(Problem(name, key, note, line_of(lines, (key,)), "warning"))
    for key in sorted(set(data) - set(allowed)):
        problems.append(
            Problem(
                name,
                key,
                f"unknown key {key!r}{did_you_mean(key, allowed)}; "
                f"allowed here: {', '.join(allowed)}",
                line_of(lines, (key,)),
            )
        )
    checked: list[_Item] = []
    for table in allowed:
        items = data.get(table, [])
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            problems.append(
                Problem(
                    name,
                    table,
                    f"must be an array of tables ([[{table}]])",
                    line_of(lines, (table,)),
                )
            )
            continue
        for i, raw in enumerate(items):
            item = _validate(_ITEMS[table][0], raw, doc, lines, problems, (table, i))
            if item is not None:
                checked.append((table, (table, i), item))
    return checked



def _put(layer: _Layer, table: str, entry: _Entry, lines: dict, problems: list[Problem]) -> None:
    key = getattr(entry.value, "id", table)
    existing = layer.tables[table].get(key)
    if existing is not None:
        loc = (*entry.loc, "id")
        problems.append(
            Problem(
                entry.shown,
                dotted(loc),
                f"duplicate {_ITEMS[table][1]} id {key!r} (already defined in "
                f"{existing.shown}, in the same catalog)",
                line_of(lines, loc),
            )
        )
        return
    layer.tables[table][key] = entry


def _merge(layers: list[_Layer], problems: list[Problem], files: list[CatalogFile]) -> Catalog:
    merged: dict[str, dict[str, _Entry]] = {k: {} for k in _ITEMS}
    for layer in layers:
        for table, entries in layer.tables.items():
            merged[table].update(entries)  # a later catalog replaces an entry by id

    # Criteria: unique ids across groups; a repeated id is reported and left out.
    criterion_entry: dict[str, tuple[Criterion, _Entry]] = {}
    groups: list[CriteriaGroup] = []
    for entry in merged["groups"].values():
        group: CriteriaGroup = entry.value
        lines = _lines(entry)
        kept = []
        for i, c in enumerate(group.criteria):
            if c.id in criterion_entry:
                other = criterion_entry[c.id][1]
                problems.append(
                    Problem(
                        entry.shown,
                        f"criteria[{i}].id",
                        f"duplicate criterion id {c.id!r} (already in group {other.value.id!r}, "
                        f"{other.shown}); this one is left out",
                        line_of(lines, ("criteria", i, "id")),
                    )
                )
                continue
            criterion_entry[c.id] = (c, entry)
            kept.append(c)
        if kept:
            groups.append(
                group
                if len(kept) == len(group.criteria)
                else group.model_copy(update={"criteria": kept})
            )
    library = CriteriaLibrary(groups=sorted(groups, key=lambda g: (g.order, g.id)))
    known = {cid: c for cid, (c, _) in criterion_entry.items()}
    added_by = {cid: (e.layer, e.label) for cid, (_, e) in criterion_entry.items()}
    group_ids = {g.id for g in groups}

    kept_types = [
        e.value
        for e in merged["solution_types"].values()
        if not _check_scores(e.value.profile, e, (*e.loc, "profile"), known, added_by, problems)
    ]
    present = set(merged["solution_types"])
    for missing in SOLUTION_TYPE_IDS:
        if missing not in present and groups:
            problems.append(
                Problem(
                    "catalog",
                    "solution_types",
                    f"solution type {missing!r} is not defined in any catalog",
                )
            )
    kept_types.sort(key=lambda st: SOLUTION_TYPE_IDS.index(st.id))

    questions = {qid: e.value for qid, e in merged["questions"].items()}
    kept_rules = [
        e.value
        for e in merged["rules"].values()
        if _check_rule(e, questions, known, group_ids, problems)
    ]

    kept_vendors, offerings, vendor_catalog = _check_vendors(
        merged["vendors"], known, added_by, problems
    )
    vendor_files = {
        e.value.id: e.shown for e in merged["vendors"].values()
        if e.value.id in vendor_catalog
    }
    cost_entry = merged["cost_model"].get("cost_model")
    cost_model = cost_entry.value if cost_entry is not None else None
    if cost_model is None and offerings:
        problems.append(
            Problem(
                "catalog",
                "cost_model",
                "no cost model (criteria/cost_model.toml): costs cannot be worked out",
            )
        )
    elif cost_model is not None:
        _check_currencies(merged["vendors"], cost_model, problems)

    readiness_ids = set(merged["readiness"])
    for e in merged["questions"].values():
        item = e.value.answered_by.removeprefix("readiness:")
        if e.value.answered_by.startswith("readiness:") and item not in readiness_ids:
            loc = (*e.loc, "answered_by")
            problems.append(
                Problem(
                    e.shown,
                    dotted(loc),
                    f"unknown readiness item {item!r}{did_you_mean(item, readiness_ids)}",
                    line_of(e.lines, loc),
                )
            )
    questionnaire = Questionnaire(
        questions=list(questions.values()),
        rules=kept_rules,
        readiness=[e.value for e in merged["readiness"].values()],
    )
    return Catalog(
        library,
        kept_types,
        questionnaire,
        kept_vendors,
        vendor_catalog,
        files,
        problems,
        cost_model,
        offerings,
        vendor_files,
    )


def _lines(entry: _Entry) -> KeyLines:
    return entry.lines


def _check_vendors(
    entries: dict[str, _Entry],
    known: dict[str, Criterion],
    added_by: dict[str, tuple[int, str]],
    problems: list[Problem],
) -> tuple[list[VendorProfile], list[OfferingProfile], dict[str, str]]:
    """Vendors whose every offering has a full set of valid scores, and those offerings.

    Ids name candidates in projects (a vendor stands for all its offerings), so an offering
    id may not repeat another offering's or any vendor's id.
    """
    vendors: list[tuple[VendorProfile, list[OfferingProfile]]] = []
    catalog_of: dict[str, str] = {}
    computed = {cid for cid, c in known.items() if c.computed}
    owner: dict[str, str] = {e.value.id: f"vendor {e.value.id!r}" for e in entries.values()}
    for e in entries.values():
        vendor: VendorProfile = e.value
        bad = _check_values(vendor.scores, e, ("scores",), known, problems)
        for i, o in enumerate(vendor.offerings):
            where = ("offerings", i)
            bad |= _check_values(o.scores, e, (*where, "scores"), known, problems)
            if o.id in owner:
                lines = _lines(e)
                problems.append(
                    Problem(
                        e.shown,
                        dotted((*where, "id")),
                        f"offering id {o.id!r} is already used by {owner[o.id]}; "
                        "offering ids must be unique in the catalog",
                        line_of(lines, (*where, "id")),
                    )
                )
                bad = True
            owner.setdefault(o.id, f"an offering of {vendor.id!r}")
        resolved = vendor.resolved()
        for i, offering in enumerate(resolved):
            where = ("offerings", i) if vendor.offerings else ("scores",)
            bad |= _check_complete(offering.scores, e, where, known, added_by, problems, computed)
        if not bad:
            vendors.append((vendor, resolved))
            catalog_of[vendor.id] = e.label
    vendors.sort(key=lambda pair: (pair[0].name.lower(), pair[0].id))
    offerings = [o for _, resolved in vendors for o in resolved]
    return [v for v, _ in vendors], offerings, catalog_of


def _check_currencies(
    entries: dict[str, _Entry], cost_model: CostModel, problems: list[Problem]
) -> None:
    """Every price must be in a currency the rate table can convert."""
    known = cost_model.currencies()
    for e in entries.values():
        vendor: VendorProfile = e.value
        places = [(("price_tiers",), vendor.price_tiers)] + [
            (("offerings", i, "price_tiers"), o.price_tiers or [])
            for i, o in enumerate(vendor.offerings)
        ]
        for where, tiers in places:
            for j, tier in enumerate(tiers):
                if tier.currency not in known:
                    loc = (*where, j, "currency")
                    problems.append(
                        Problem(
                            e.shown,
                            dotted(loc),
                            f"unknown currency {tier.currency!r}: the cost model's rate table "
                            f"has {', '.join(sorted(known))}"
                            f"{did_you_mean(tier.currency, known)}",
                            line_of(_lines(e), loc),
                        )
                    )


def _check_scores(
    scores: dict[str, CriterionScore],
    entry: _Entry,
    where: tuple[str | int, ...],
    known: dict[str, Criterion],
    added_by: dict[str, tuple[int, str]],
    problems: list[Problem],
) -> bool:
    """Values and completeness of a full score table; True when the entry must be skipped."""
    bad = _check_values(scores, entry, where, known, problems)
    # a kind of solution states a typical price; its total cost is worked out like an offering's
    totals = {cid for cid, c in known.items() if c.computed == "total_per_user_year"}
    return _check_complete(scores, entry, where, known, added_by, problems, totals) or bad


def _check_values(
    scores: dict[str, CriterionScore],
    entry: _Entry,
    where: tuple[str | int, ...],
    known: dict[str, Criterion],
    problems: list[Problem],
) -> bool:
    """Report unknown criteria and out-of-scale values; True when there is any."""
    lines = _lines(entry)
    name = entry.shown
    field = dotted(where)
    bad = False
    for cid, score in scores.items():
        if cid not in known:
            problems.append(
                Problem(
                    name,
                    f"{field}.{cid}",
                    f"unknown criterion {cid!r}{did_you_mean(cid, known)}",
                    line_of(lines, (*where, cid)),
                )
            )
            bad = True
            continue
        criterion = known[cid]
        if not criterion.in_range(score.value):
            problems.append(
                Problem(
                    name,
                    f"{field}.{cid}.value",
                    f"{score.value:g} is outside {criterion.scale_text()} of {cid!r}",
                    line_of(lines, (*where, cid, "value")),
                )
            )
            bad = True
        elif criterion.computed and entry.value.__class__ is VendorProfile:
            problems.append(
                Problem(
                    name,
                    f"{field}.{cid}",
                    f"{cid!r} is computed for the team from `price_tiers` and `[cost]`; this "
                    "score counts only while the offering publishes no price",
                    line_of(lines, (*where, cid)),
                    "warning",
                )
            )
    return bad


def _check_complete(
    scores: dict[str, CriterionScore],
    entry: _Entry,
    where: tuple[str | int, ...],
    known: dict[str, Criterion],
    added_by: dict[str, tuple[int, str]],
    problems: list[Problem],
    not_required: set[str],
) -> bool:
    """Report missing scores; True when the entry must be skipped.

    A score is required for every criterion of the entry's own catalog and of the catalogs
    loaded before it, except those in `not_required` (what the cost model computes). A
    criterion that a later catalog adds cannot be expected of it: that gap is a warning, and
    the candidate counts as the middle of that criterion's scale.
    """
    lines = _lines(entry)
    name = entry.shown
    field = dotted(where)
    bad = False
    for cid in known:
        if cid in scores or cid in not_required:
            continue
        layer, label = added_by[cid]
        place = line_of(lines, where) or line_of(lines, entry.loc)
        if layer <= entry.layer:
            problems.append(Problem(name, field, f"no score for criterion {cid!r}", place))
            bad = True
        else:
            problems.append(
                Problem(
                    name,
                    field,
                    f"no score for criterion {cid!r}, which catalog {label!r} adds; "
                    "it counts as the middle of the scale",
                    place,
                    "warning",
                )
            )
    return bad


def _check_rule(
    entry: _Entry,
    questions: dict[str, Question],
    known: dict[str, Criterion],
    group_ids: set[str],
    problems: list[Problem],
) -> bool:
    """Every reference resolves and every condition can fire for its question's kind."""
    rule: Rule = entry.value
    lines = _lines(entry)
    name = entry.shown
    ok = True

    def report(loc: tuple[str | int, ...], message: str) -> None:
        nonlocal ok
        ok = False
        full = (*entry.loc, *loc)
        problems.append(Problem(name, dotted(full), message, line_of(lines, full)))

    fits = {
        "equals": ("choice", "boolean", "number", "text"),
        "one_of": ("choice",),
        "contains": ("multi",),
        "at_most": ("number",),
        "at_least": ("number",),
    }
    for i, cond in enumerate(rule.when):
        if cond.question is None:
            continue  # `has_system`: its kind is checked by the model
        question = questions.get(cond.question)
        if question is None:
            report(
                ("when", i, "question"),
                f"unknown question {cond.question!r}{did_you_mean(cond.question, questions)}",
            )
            continue
        test = next(t for t in fits if getattr(cond, t) is not None)
        if question.kind == "date":
            report(
                ("when", i),
                f"a rule cannot test the date question {question.id!r} directly; test the weeks "
                "it leaves (go_live_weeks), which the advisor works out from the date",
            )
            continue
        if question.kind not in fits[test]:
            report(
                ("when", i),
                f"'{test}' cannot be used with the {question.kind} question "
                f"{question.id!r}, so the rule would never fire (use "
                f"{' or '.join(t for t, kinds in fits.items() if question.kind in kinds)})",
            )
            continue
        values = {c.value for c in question.choices}
        for value in (cond.equals, cond.contains, *(cond.one_of or [])):
            if values and isinstance(value, str) and value not in values:
                report(
                    ("when", i),
                    f"{value!r} is not a choice of question {question.id!r}"
                    f"{did_you_mean(value, values)}",
                )
    targets = set(known) | group_ids
    for i, effect in enumerate(rule.weights):
        if effect.target not in targets:
            report(
                ("weights", i, "target"),
                f"unknown criterion or group {effect.target!r}"
                f"{did_you_mean(effect.target, targets)}",
            )
    for i, must in enumerate(rule.must_haves):
        criterion = known.get(must.criterion)
        if criterion is None:
            report(
                ("must_haves", i, "criterion"),
                f"unknown criterion {must.criterion!r}{did_you_mean(must.criterion, known)}",
            )
        elif must.threshold is not None and not criterion.in_range(must.threshold):
            report(
                ("must_haves", i, "threshold"),
                f"threshold {must.threshold:g} is outside {criterion.scale_text()} of "
                f"{must.criterion!r}",
            )
        else:
            for k, (_, level) in enumerate(must.steps):
                if criterion is not None and not criterion.in_range(level):
                    report(
                        ("must_haves", i, "steps", k),
                        f"threshold {level:g} is outside {criterion.scale_text()} of "
                        f"{must.criterion!r}",
                    )
        if must.from_answer is not None:
            source = questions.get(must.from_answer)
            if source is None:
                report(
                    ("must_haves", i, "from_answer"),
                    f"unknown question {must.from_answer!r}"
                    f"{did_you_mean(must.from_answer, questions)}",
                )
            elif source.kind != "number":
                report(
                    ("must_haves", i, "from_answer"),
                    f"a threshold is derived from a number, and {source.id!r} is a "
                    f"{source.kind} question",
                )
    for i, requirement in enumerate(rule.facts):
        for key in ("includes", "any_of"):
            for k, value in enumerate(getattr(requirement, key)):
                message = fact_value_problem(requirement.fact, value)
                if message:
                    report(("facts", i, key, k), message)
    return ok
