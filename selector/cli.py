"""`crm-selector`: the terminal UI by default, and headless subcommands for scripts and CI.

The CLI holds no logic: it parses arguments, calls the catalog, advisor and report layers, and
turns their problems into messages and exit codes: 0 fine, 1 problems found, 2 usage error,
70 a bug in CRM Selector (details in a crash file, never a traceback on the terminal).
Everything it prints passes through `visible`, so text from files cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import gc
import json
import os
import platform
import stat
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from selector import __version__
from selector.catalog.files import FileError, read_toml, write_atomic
from selector.catalog.problems import Problem, did_you_mean, display_path
from selector.domain.text import json_safe, visible

if TYPE_CHECKING:
    from selector.catalog import Catalog, OpenedProject
    from selector.domain.recommendation import Recommendation

DATE_HELP = (
    "date the result is as of (YYYY-MM-DD); default: the project's date, else "
    "SOURCE_DATE_EPOCH, else the project's latest recorded event"
)
SUBCOMMANDS = (
    "validate", "audit", "schema", "new", "rank", "report", "vendors", "tui", "serve", "rfp"
)

WITHOUT_COLLECTOR = ("validate", "audit", "schema", "new", "rank", "report", "vendors")
"""Commands that read, answer and end in seconds run without Python's cyclic garbage
collector: catalogs and results make almost no cycles, and each collection walks every object
alive (a 1,000-vendor catalog is a million), a tenth of a `rank`. Reference counting still
frees everything; the UI, which runs for hours, and the RFP round trip keep the collector."""

EXIT_BUG = 70
"""EX_SOFTWARE from sysexits.h: our bug, told apart from 1 (problems in the user's files)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it echoes in its messages made visible."""

    def _print_message(self, message: str, file: object = None) -> None:
        super()._print_message(visible(message), file)  # type: ignore[arg-type]


def _say(text: object, *, err: bool = False) -> None:
    """Print text that may hold names from files: controls and bidi overrides made visible."""
    print(visible(str(text)), file=sys.stderr if err else sys.stdout)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="crm-selector",
        description="Choose a CRM: the kind of solution, the offering, its cost, and why.",
        epilog="Run without a command to open the terminal UI (optionally on PROJECT.toml).",
    )
    parser.add_argument("--version", action="version", version=f"crm-selector {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    tui = sub.add_parser("tui", help="open the terminal UI (the default)")
    tui.add_argument("project", nargs="?", type=Path, help="project file to open")

    validate = sub.add_parser(
        "validate",
        help="check catalogs and project files; report every problem",
        description="Check catalog folders and project files. With no paths, checks the shipped "
        "catalog. Prints one problem per line as FILE:LINE: field: message.",
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, help="catalog folders or files, and project files"
    )
    validate.add_argument(
        "--no-shipped",
        action="store_true",
        help="check the given catalog folders alone, without the shipped catalog",
    )

    audit = sub.add_parser(
        "audit",
        help="audit the catalog's evidence: sources, dates, judgement, contradictions",
        description="Audit vendor evidence per vendor and offering: scores without a source or "
        "observed date, evidence older than its freshness limit, the share resting on "
        "judgement, weak sources, and facts that contradict scores. Exit 1 on contradictions "
        "or a product resting more than 30% on judgement; staleness is reported only.",
    )
    audit.add_argument("paths", nargs="*", type=Path, help="extra catalog folders to layer")
    audit.add_argument("--no-shipped", action="store_true",
                       help="audit the given folders alone, without the shipped catalog")
    audit.add_argument("--json", action="store_true", help="print the audit as JSON")
    audit.add_argument("--date", type=_date, default=None,
                       help="judge freshness as of this date (YYYY-MM-DD; default today)")

    schema = sub.add_parser("schema", help="write JSON Schemas for catalog and project files")
    schema.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("schemas"),
        help="folder to write into (default: ./schemas)",
    )

    new = sub.add_parser("new", help="write a commented starting project file")
    new.add_argument("project", type=Path)
    new.add_argument("--name", default="", help="project name (default: from the file name)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    rank = sub.add_parser("rank", help="print the recommendation for a project")
    rank.add_argument("project", type=Path)
    rank.add_argument("--json", action="store_true", help="print the full result as JSON")
    rank.add_argument("--date", type=_date, default=None, help=DATE_HELP)
    rank.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=[],
        help="extra catalog folder (repeatable)",
    )
    _allow_catalog_errors(rank)

    report = sub.add_parser("report", help="write the recommendation PDF for decision makers")
    report.add_argument("project", type=Path)
    report.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    report.add_argument("--date", type=_date, default=None, help=DATE_HELP)
    report.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=[],
        help="extra catalog folder (repeatable)",
    )
    _allow_catalog_errors(report)

    serve = sub.add_parser(
        "serve",
        help="run the terminal UI in a web browser (for a workshop)",
        description="Serve the same terminal UI as a web page: each browser tab gets its own "
        "app. Bound to 127.0.0.1 (this computer only) unless --host says otherwise.",
    )
    serve.add_argument("project", nargs="?", type=Path, help="project file to open")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1; 0.0.0.0 for everyone on "
                       "the network)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--public-url", default=None,
                       help="the address browsers use, when it is not http://HOST:PORT "
                       "(behind a proxy, or with --host 0.0.0.0)")

    vendors = sub.add_parser("vendors", help="list the vendors in the catalog")
    vendors.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=[],
        help="extra catalog folder (repeatable)",
    )
    _rfp_parser(sub)
    return parser


def _rfp_parser(sub: argparse._SubParsersAction) -> None:
    rfp = sub.add_parser(
        "rfp",
        help="send the requirements to vendors as xlsx workbooks, import their answers",
        description="The RFP round trip: export a workbook per offering for the vendor to fill "
        "in, import the answers as claims beside the catalog's values, decide on them, and "
        "score demos. A claim counts in the ranking only once the team accepts it.",
    )
    rsub = rfp.add_subparsers(dest="rfp_command", metavar="STEP", required=True)
    catalog_help = "extra catalog folder (repeatable)"

    export = rsub.add_parser("export", help="write the RFP workbook(s) for vendors to fill in",
                             description="Write one workbook per offering (default: every "
                             "vendor's offering of the project). With several offerings, -o "
                             "names a folder or a base name: rfp.xlsx → rfp-OFFERING.xlsx.")
    export.add_argument("project", type=Path)
    export.add_argument("-o", "--output", type=Path, required=True,
                        help="workbook to write (.xlsx), or a folder")
    export.add_argument("--offering", action="extend", nargs="+", default=[], metavar="ID",
                        help="offering or vendor id to ask (repeatable)")
    export.add_argument("--deadline", type=_date, default=None,
                        help="the date answers are due (YYYY-MM-DD)")
    export.add_argument("--contact", default="",
                        help="who vendors contact (default: the project's prepared_by)")
    export.add_argument("--date", type=_date, default=None, help="the date the RFP is issued "
                        "(default: the project's date, else SOURCE_DATE_EPOCH, else its latest "
                        "event)")
    export.add_argument("--catalog", type=Path, action="append", default=[], help=catalog_help)

    imp = rsub.add_parser("import", help="import returned RFP workbooks and demo scorecards",
                          description="Each answer becomes a claim on its offering, beside the "
                          "catalog's value. Answers that agree with the catalog are accepted "
                          "at once; those that differ await the team's decision. A workbook "
                          "with any problem is refused whole (exit 1); re-importing changes "
                          "nothing.")
    imp.add_argument("project", type=Path)
    imp.add_argument("workbooks", type=Path, nargs="+", help="returned .xlsx files")
    imp.add_argument("--by", default="", help="who on the team records the answers")
    imp.add_argument("--catalog", type=Path, action="append", default=[], help=catalog_help)

    claims = rsub.add_parser("claims", help="list the claims awaiting the team's decision")
    claims.add_argument("project", type=Path)
    claims.add_argument("--all", action="store_true", help="list decided claims too")
    claims.add_argument("--catalog", type=Path, action="append", default=[], help=catalog_help)

    decide = rsub.add_parser("decide", help="accept, challenge or mark a claim to verify in a "
                             "demo", description="Record the team's decision on one claim. "
                             "Only an accepted claim replaces the catalog's value.")
    decide.add_argument("project", type=Path)
    decide.add_argument("offering", help="offering id the claim is on")
    decide.add_argument("criterion", help="criterion id, or a must-have key like "
                        "fact:identity_standards=saml (shown by rfp claims)")
    decide.add_argument("status", choices=["accepted", "challenged", "verify_in_demo",
                                           "to_decide"])
    decide.add_argument("--source", choices=["rfp", "demo"], default=None,
                        help="which claim, when both a vendor answer and demo scores exist")
    decide.add_argument("--by", default=None, help="for a demo score: who scored it")
    decide.add_argument("--catalog", type=Path, action="append", default=[], help=catalog_help)

    card = rsub.add_parser("scorecard", help="write the demo scorecard: per stakeholder, what "
                           "to check in each vendor's demo")
    card.add_argument("project", type=Path)
    card.add_argument("-o", "--output", type=Path, required=True, help="workbook to write")
    card.add_argument("--stakeholder", action="extend", nargs="+", default=[], metavar="ID",
                      help="stakeholder id (repeatable; default: every stakeholder)")
    card.add_argument("--offering", action="extend", nargs="+", default=[], metavar="ID",
                      help="offering or vendor id whose demo is scored (default: the ranked "
                      "offerings and those with a claim to verify)")
    card.add_argument("--date", type=_date, default=None, help="the date the scorecard is "
                      "issued (default: as for rfp export)")
    card.add_argument("--catalog", type=Path, action="append", default=[], help=catalog_help)


def _allow_catalog_errors(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--allow-catalog-errors",
        action="store_true",
        help="go ahead although catalog files have errors (those files, or the entries in "
        "them that have errors, are left out)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _tolerate_any_encoding()
    try:
        return _run(args_list)
    except FileError as exc:
        _say(f"crm-selector: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`crm-selector vendors | head`): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # our bug, whatever it is: one line and a crash file, no traceback
        return _crash(exc, args_list)


def _run(args_list: list[str]) -> int:
    if args_list and not args_list[0].startswith("-") and args_list[0] not in SUBCOMMANDS:
        word = args_list[0]
        if not _names_a_file(word):
            _say(
                f"crm-selector: unknown command {word!r}{did_you_mean(word, SUBCOMMANDS)}; the "
                f"commands are {', '.join(SUBCOMMANDS)} (see crm-selector --help)",
                err=True,
            )
            return 2
        args_list = ["tui", *args_list]
    args = _parser().parse_args(args_list)
    project = getattr(args, "project", None)
    if args.command in ("rank", "report", "tui", None) and project is not None:
        reason = _not_a_project_file(project)
        if reason:
            _say(f"crm-selector {args.command or 'tui'}: {display_path(project)}: {reason}",
                 err=True)
            return 2
    if args.command in (None, "tui"):
        return _tui(project)
    if args.command in WITHOUT_COLLECTOR:
        gc.disable()
    return {
        "validate": _validate,
        "audit": _audit,
        "schema": _schema,
        "new": _new,
        "rank": _rank,
        "report": _report,
        "vendors": _vendors,
        "serve": _serve,
        "rfp": _rfp,
    }[args.command](args)


def _names_a_file(word: str) -> bool:
    """Whether a first argument that is no command is meant as a project to open."""
    return word.endswith(".toml") or "/" in word or os.sep in word or os.path.lexists(word)


def _not_a_project_file(path: Path) -> str:
    """Why `path` cannot be opened as a project file, or '' when it can be tried."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "is a link to a file that does not exist" if path.is_symlink() else (
            "no such project file"
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that leads back to itself (a symlink loop)"
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "is a folder, expected a project file (.toml)"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe or a device), expected a project file (.toml)"
    return ""


def _tolerate_any_encoding() -> None:
    """Never fail on a character the terminal's encoding lacks: show it escaped instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # closed or unusual: leave it
                reconfigure(errors="backslashreplace")


def _crash(exc: Exception, args_list: list[str]) -> int:
    """Tell the user it is our bug in one line, and keep the details for the bug report."""
    details = (
        f"crm-selector {__version__} crashed at {dt.datetime.now(dt.UTC).isoformat()}\n"
        f"command: crm-selector {' '.join(args_list)}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    written = _write_crash_file(details)
    where = (
        f"details are in {written}. Please include that file in a bug report."
        if written
        else "the details could not be saved anywhere. Please report this message."
    )
    what = f"{type(exc).__name__}: {exc}"
    what = what if len(what) <= 200 else what[:199] + "…"
    print(
        visible(
            f"crm-selector: internal error ({what}). This is a bug in CRM Selector, not a "
            f"problem with your files; {where}",
            keep="",
        ),
        file=sys.stderr,
    )
    return EXIT_BUG


def _write_crash_file(details: str) -> Path | None:
    """The crash file, in the user's state folder (XDG), else the temporary folder."""
    # the temporary folder is shared by all users on Unix: one folder per user there
    user = f"-{os.getuid()}" if hasattr(os, "getuid") else ""
    folders = [Path(tempfile.gettempdir()) / f"crm-selector{user}"]
    with contextlib.suppress(RuntimeError):  # no home folder
        state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folders.insert(0, Path(state) / "crm-selector")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"crash-{stamp}-{os.getpid()}.txt"
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            # private: a traceback names the user's files and folders
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(details)
            return path
        except OSError:
            continue
    return None


def _print_problems(problems: Sequence[Problem], *, err: bool = False) -> None:
    for problem in problems:
        _say(problem, err=err)


def _vendors_counted(catalog: Catalog) -> str:
    n = len(catalog.vendors)
    return f"{n:,} vendor{'s' * (n != 1)}"


def _validate(args: argparse.Namespace) -> int:
    from selector.catalog import load_catalog, open_project
    from selector.catalog.loader import file_kind

    folders: list[Path] = []
    projects: list[Path] = []
    usage: list[str] = []
    for path in args.paths:
        if path.is_dir():
            folders.append(path)
        elif path.is_file():
            doc = read_toml(path)
            if not isinstance(doc, Problem) and file_kind(doc.data) == "project":
                projects.append(path)
            else:
                folders.append(path)
        else:
            reason = _not_a_project_file(path)
            if reason == "no such project file":
                reason = "no such file or folder"
            usage.append(f"crm-selector validate: {display_path(path)}: {reason}")
    if usage:
        _say("\n".join(usage), err=True)
        return 2
    if args.no_shipped and not folders:
        _say("crm-selector validate: --no-shipped needs at least one catalog folder", err=True)
        return 2
    catalog = load_catalog(folders, include_shipped=not args.no_shipped)
    problems = list(catalog.problems)
    own: list[str] = []  # what projects that name their own catalog folders were checked with
    for path in projects:
        opened = open_project(path, extra_folders=folders)
        problems += [p for p in opened.problems if p not in problems]
        if opened.project is not None and opened.project.catalogs.paths:
            own.append(f"{display_path(path)} with its catalog folders: "
                       f"{_vendors_counted(opened.catalog)}")
    _print_problems(problems)
    errors = [p for p in problems if p.severity == "error"]
    files = len({p.file for p in errors})
    if errors:
        _say(
            f"{len(errors)} problem{'s' * (len(errors) != 1)} in {files} file{'s' * (files != 1)}",
            err=True,
        )
        return 1
    _say(
        f"OK: {len(catalog.library.criteria())} criteria in {len(catalog.library.groups)} "
        f"groups, {len(catalog.solution_types)} solution types, {_vendors_counted(catalog)}, "
        f"{len(catalog.questionnaire.questions)} questions, {len(catalog.questionnaire.rules)} "
        f"rules, {len(catalog.questionnaire.readiness)} readiness items"
        + (f"; {len(projects)} project file{'s' * (len(projects) != 1)}" if projects else "")
        + (f" ({'; '.join(own)})" if own else ""),
        err=True,
    )
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-01") from None


def _audit(args: argparse.Namespace) -> int:
    from selector.catalog import load_catalog
    from selector.catalog.audit import audit_catalog, audit_text

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            _say(f"crm-selector audit: {display_path(path)}: no such file or folder",
                  file=sys.stderr)
        return 2
    catalog = load_catalog(args.paths, include_shipped=not args.no_shipped)
    for problem in catalog.errors:
        _say(problem, err=True)
    audit = audit_catalog(catalog, args.date or dt.datetime.now(dt.UTC).date())
    if args.json:
        print(json_safe(json.dumps(audit.to_json(), indent=2, ensure_ascii=False)))
    else:
        _say(audit_text(audit).rstrip("\n"))
    return 1 if audit.failing or catalog.errors else 0


def _schema(args: argparse.Namespace) -> int:
    from selector.catalog.schemas import write_schemas

    if args.output.exists() and not args.output.is_dir():
        raise FileError(f"{display_path(args.output)}: is a file, expected a folder")
    try:
        written = write_schemas(args.output)
    except OSError as exc:
        raise FileError(
            f"{display_path(args.output)}: cannot write: {exc.strerror or exc}"
        ) from exc
    for path in written:
        _say(display_path(path))
    return 0


def _new(args: argparse.Namespace) -> int:
    from selector.catalog import load_catalog
    from selector.catalog.project_file import now
    from selector.catalog.template import new_project_text
    from selector.domain.base import NAME_LIMIT

    path: Path = args.project
    if path.suffix != ".toml":
        _say(f"crm-selector new: {display_path(path)}: a project file name ends in .toml", err=True)
        return 2
    if path.exists() and not args.force:
        _say(
            f"crm-selector new: {display_path(path)} already exists; use --force to replace it",
            err=True,
        )
        return 1
    name = args.name or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    if len(name) > NAME_LIMIT:  # the file would not pass its own validation
        _say(
            f"crm-selector new: the project name is {len(name):,} characters long; a name is "
            f"at most {NAME_LIMIT} (use --name to give a shorter one)",
            err=True,
        )
        return 2
    catalog = load_catalog()
    write_atomic(path, new_project_text(catalog, name, now().isoformat().replace("+00:00", "Z")))
    _say(f"Wrote {display_path(path)}. Open it with: crm-selector {display_path(path)}")
    return 0


def _load_for_ranking(
    project_path: Path, extra: Sequence[Path], allow_catalog_errors: bool = False
) -> OpenedProject | None:
    """Open a project with its catalog, or print why not; None means 'exit 1'."""
    from selector.catalog import open_project

    opened = open_project(project_path, extra_folders=extra, busy_after=True)
    if opened.project is None or opened.catalog is None:
        _print_problems(opened.problems)
        return None
    project_errors = [p for p in opened.errors if p not in opened.catalog.errors]
    if project_errors:
        _print_problems(opened.problems)
        return None
    _print_problems(opened.problems, err=True)
    if opened.catalog.errors and not allow_catalog_errors:
        count = len(opened.catalog.errors)
        _say(
            f"crm-selector: the catalog has {count} error{'s' * (count != 1)} (listed above), "
            "so the ranking would leave things out; fix them, or pass --allow-catalog-errors "
            "to go ahead without the files or entries that have them",
            err=True,
        )
        return None
    return opened


def _advise(args: argparse.Namespace) -> Recommendation | None:
    """The Recommendation for the project named on the command line, or None ('exit 1')."""
    from selector.advisor import advise

    opened = _load_for_ranking(args.project, args.catalog, args.allow_catalog_errors)
    if opened is None:
        return None
    today, source = args.date, "argument"
    if today is None and opened.project.date is None:
        today, source = _source_date(), "environment"
    return advise(opened.catalog, opened.project, today=today, date_from=source)


def _source_date() -> dt.date | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org), when set, fixes the date of a result."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise FileError(
            f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970-01-01"
        ) from None


def _rank(args: argparse.Namespace) -> int:
    from selector.advisor.tables import render_tables

    recommendation = _advise(args)
    if recommendation is None:
        return 1
    if args.json:
        # JSON escapes C0 controls itself; json_safe escapes the rest a terminal acts on
        print(json_safe(recommendation.model_dump_json(indent=2)))
    else:
        _say(render_tables(recommendation))
    return 0


def _report(args: argparse.Namespace) -> int:
    from selector.report import write_report

    refusal = _would_replace_non_pdf(args.output)
    if refusal:
        _say(f"crm-selector report: {display_path(args.output)}: {refusal}", err=True)
        return 2
    recommendation = _advise(args)
    if recommendation is None:
        return 1
    write_report(recommendation, args.output)
    _say(f"Wrote {display_path(args.output)}")
    return 0


def _would_replace_non_pdf(output: Path) -> str:
    """Why writing the report to `output` would destroy something, or ''.

    `-o project.toml` (a slip of the fingers) would otherwise replace the team's work with a
    PDF: an existing file is only replaced when it is a PDF (or empty).
    """
    try:
        with output.open("rb") as handle:
            head = handle.read(5)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return ""  # nothing there to lose (or the writer explains the folder problem)
    except OSError:
        return ""  # unreadable: the atomic writer reports whether it can replace it
    if head and head != b"%PDF-":
        return "exists and is not a PDF; refusing to replace it (nothing was written)"
    return ""


def _vendors(args: argparse.Namespace) -> int:
    from selector.catalog import load_catalog

    catalog = load_catalog(args.catalog)
    _print_problems(catalog.problems, err=True)
    width = max((len(v.id) for v in catalog.vendors), default=2)
    for v in catalog.vendors:
        types = ", ".join(v.solution_types)
        _say(f"{v.id:<{width}}  {v.name}  [{types}]  ({catalog.vendor_catalog[v.id]})")
    return 1 if catalog.errors else 0


def _rfp(args: argparse.Namespace) -> int:
    """The RFP round trip's steps; each opens the project as `rank` does."""
    from selector import rfp

    step = f"crm-selector rfp {args.rfp_command}"
    if not args.project.is_file():
        _say(f"{step}: {display_path(args.project)}: no such project file", err=True)
        return 2
    opened = _load_for_ranking(args.project, args.catalog)
    if opened is None:
        return 1
    try:
        return {
            "export": _rfp_export,
            "import": _rfp_import,
            "claims": _rfp_claims,
            "decide": _rfp_decide,
            "scorecard": _rfp_scorecard,
        }[args.rfp_command](args, opened)
    except rfp.ScopeError as exc:
        _say(f"{step}: {exc}", err=True)
        return 2


def _issue_date(args: argparse.Namespace, opened: OpenedProject) -> dt.date | None:
    if args.date is not None or opened.project.date is not None:
        return args.date
    return _source_date()


def _rfp_export(args: argparse.Namespace, opened: OpenedProject) -> int:
    from selector.rfp import export_rfps

    written = export_rfps(opened.catalog, opened.project, args.output, args.offering,
                          args.deadline, args.contact, _issue_date(args, opened))
    for path in written:
        _say(f"Wrote {display_path(path)}")
    return 0


def _rfp_scorecard(args: argparse.Namespace, opened: OpenedProject) -> int:
    from selector.rfp import export_scorecard

    path = export_scorecard(opened.catalog, opened.project, args.output, args.stakeholder,
                            args.offering, _issue_date(args, opened))
    _say(f"Wrote {display_path(path)}")
    return 0


def _rfp_import(args: argparse.Namespace, opened: OpenedProject) -> int:
    from selector.catalog import save_project
    from selector.rfp import import_answers
    from selector.rfp.text import import_lines, refusal_lines

    result = import_answers(opened.catalog, opened.project, args.workbooks, args.by)
    if result.changed:
        save_project(result.project, args.project)
    for line in import_lines(result, display_path(args.project)):
        _say(line)
    for refusal in result.refused:
        for line in refusal_lines(refusal):
            _say(line, err=True)
    if result.changed:
        _say(f"\nSaved {display_path(args.project)}")
    return 1 if result.refused else 0


def _rfp_claims(args: argparse.Namespace, opened: OpenedProject) -> int:
    from selector.advisor import advise
    from selector.rfp import answered, awaiting
    from selector.rfp.text import awaiting_lines

    rec = advise(opened.catalog, opened.project, n_samples=0)
    names = {r.id: r.name for r in rec.offerings}
    for line in awaiting_lines(awaiting(rec, args.all), answered(opened.project), names):
        _say(line)
    return 0


def _rfp_decide(args: argparse.Namespace, opened: OpenedProject) -> int:
    from selector.advisor import advise
    from selector.catalog import save_project
    from selector.rfp import decide
    from selector.rfp.text import decision_lines

    decision = decide(opened.project, args.offering, args.criterion, args.status,
                      args.source, args.by)
    if decision.project is None:
        _say(f"crm-selector rfp decide: {decision.problem}", err=True)
        return 1
    before = advise(opened.catalog, opened.project, n_samples=0)
    after = advise(opened.catalog, decision.project, n_samples=0)
    save_project(decision.project, args.project)
    for line in decision_lines(before, after, args.offering, args.criterion):
        _say(line)
    _say(f"Saved {display_path(args.project)}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    """The TUI in a browser: textual-serve runs one `crm-selector tui` per browser tab."""
    import shlex

    project = args.project
    if project is not None and not project.is_file():
        print(f"crm-selector serve: {display_path(project)}: no such project file",
              file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"crm-selector serve: --port {args.port}: not a port (1–65535)", file=sys.stderr)
        return 2
    from textual_serve.server import Server

    command = [sys.executable, "-m", "selector.cli", "tui"]
    if project is not None:
        command.append(str(project.resolve()))
    server = Server(shlex.join(command), host=args.host, port=args.port, title="CRM Selector",
                    public_url=args.public_url)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        print(f"crm-selector serve: cannot listen on {args.host}:{args.port}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""What textual-serve (crm-selector serve) sets TEXTUAL_DRIVER to: the UI then talks to a
browser over pipes, so having no terminal is expected."""


def _tui(project: Path | None) -> int:
    served = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not served and not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        _say(
            "crm-selector: the terminal UI needs a terminal, and input or output is not one; "
            "in scripts use a command such as crm-selector rank PROJECT.toml (see --help)",
            err=True,
        )
        return 2
    from selector.tui.app import run

    return run(project)


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # closed
        return False


if __name__ == "__main__":
    raise SystemExit(main())
