"""`crm-selector`: the terminal UI by default, and headless subcommands for scripts and CI.

The CLI holds no logic: it parses arguments, calls the catalog, advisor and report layers, and
turns their problems into messages and exit codes (0 fine, 1 problems found, 2 usage error).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from selector import __version__
from selector.catalog import (
    Catalog,
    FileError,
    LoadedProject,
    check_project,
    load_catalog,
    load_project,
    write_atomic,
)
from selector.catalog.files import read_toml
from selector.catalog.loader import file_kind
from selector.catalog.problems import Problem, display_path
from selector.catalog.project_file import now
from selector.catalog.schemas import write_schemas
from selector.catalog.template import new_project_text
from selector.domain.recommendation import Recommendation

SUBCOMMANDS = ("validate", "schema", "new", "rank", "report", "vendors", "tui", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-selector",
        description="Choose a CRM: the kind of solution and the vendor, with the reasons.",
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
    rank.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=[],
        help="extra catalog folder (repeatable)",
    )

    report = sub.add_parser("report", help="write the recommendation PDF for decision makers")
    report.add_argument("project", type=Path)
    report.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    report.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=[],
        help="extra catalog folder (repeatable)",
    )

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and not args_list[0].startswith("-") and args_list[0] not in SUBCOMMANDS:
        args_list = ["tui", *args_list]
    args = _parser().parse_args(args_list)
    project = getattr(args, "project", None)
    if args.command in ("rank", "report") and not project.is_file():
        print(
            f"crm-selector {args.command}: {display_path(project)}: no such project file",
            file=sys.stderr,
        )
        return 2
    try:
        if args.command in (None, "tui"):
            return _tui(getattr(args, "project", None))
        return {
            "validate": _validate,
            "schema": _schema,
            "new": _new,
            "rank": _rank,
            "report": _report,
            "vendors": _vendors,
            "serve": _serve,
        }[args.command](args)
    except FileError as exc:
        print(f"crm-selector: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`crm-selector vendors | head`): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem)


def _validate(args: argparse.Namespace) -> int:
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
            usage.append(f"crm-selector validate: {display_path(path)}: no such file or folder")
    if usage:
        print("\n".join(usage), file=sys.stderr)
        return 2
    if args.no_shipped and not folders:
        print(
            "crm-selector validate: --no-shipped needs at least one catalog folder", file=sys.stderr
        )
        return 2
    catalog = load_catalog(folders, include_shipped=not args.no_shipped)
    problems = list(catalog.problems)
    for path in projects:
        loaded = load_project(path)
        problems += loaded.problems
        if loaded.project is not None:
            own = loaded.catalog_folders()
            project_catalog = load_catalog([*folders, *own]) if own else catalog
            if own:
                problems += [p for p in project_catalog.problems if p not in problems]
            problems += check_project(loaded, project_catalog)
    _print_problems(problems)
    errors = [p for p in problems if p.severity == "error"]
    files = len({p.file for p in errors})
    if errors:
        print(
            f"{len(errors)} problem{'s' * (len(errors) != 1)} in {files} file{'s' * (files != 1)}",
            file=sys.stderr,
        )
        return 1
    print(
        f"OK: {len(catalog.library.criteria())} criteria in {len(catalog.library.groups)} "
        f"groups, {len(catalog.solution_types)} solution types, {len(catalog.vendors)} vendors, "
        f"{len(catalog.questionnaire.questions)} questions, {len(catalog.questionnaire.rules)} "
        f"rules, {len(catalog.questionnaire.readiness)} readiness items"
        + (f"; {len(projects)} project file{'s' * (len(projects) != 1)}" if projects else ""),
        file=sys.stderr,
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    if args.output.exists() and not args.output.is_dir():
        raise FileError(f"{display_path(args.output)}: is a file, expected a folder")
    try:
        written = write_schemas(args.output)
    except OSError as exc:
        raise FileError(
            f"{display_path(args.output)}: cannot write: {exc.strerror or exc}"
        ) from exc
    for path in written:
        print(display_path(path))
    return 0


def _new(args: argparse.Namespace) -> int:
    path: Path = args.project
    if path.suffix != ".toml":
        print(
            f"crm-selector new: {display_path(path)}: a project file name ends in .toml",
            file=sys.stderr,
        )
        return 2
    if path.exists() and not args.force:
        print(
            f"crm-selector new: {display_path(path)} already exists; use --force to replace it",
            file=sys.stderr,
        )
        return 1
    catalog = load_catalog()
    name = args.name or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    write_atomic(path, new_project_text(catalog, name, now().isoformat().replace("+00:00", "Z")))
    print(f"Wrote {display_path(path)}. Open it with: crm-selector {display_path(path)}")
    return 0


def _load_for_ranking(
    project_path: Path, extra: Sequence[Path]
) -> tuple[LoadedProject, Catalog] | None:
    """Load a project and its catalog, or print why not; None means 'exit 1'."""
    loaded = load_project(project_path)
    if loaded.project is None:
        _print_problems(loaded.problems)
        return None
    catalog = load_catalog([*extra, *loaded.catalog_folders()])
    problems = check_project(loaded, catalog)
    errors = [p for p in problems if p.severity == "error"]
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if errors:
        _print_problems(problems)
        return None
    return loaded, catalog


def _advise(args: argparse.Namespace) -> Recommendation | None:
    """The Recommendation for the project named on the command line, or None ('exit 1')."""
    from selector.advisor import advise

    loaded = _load_for_ranking(args.project, args.catalog)
    if loaded is None:
        return None
    project_file, catalog = loaded
    return advise(catalog, project_file.project)


def _rank(args: argparse.Namespace) -> int:
    from selector.advisor.tables import render_tables

    recommendation = _advise(args)
    if recommendation is None:
        return 1
    print(recommendation.model_dump_json(indent=2) if args.json else render_tables(recommendation))
    return 0


def _report(args: argparse.Namespace) -> int:
    from selector.report import write_report

    recommendation = _advise(args)
    if recommendation is None:
        return 1
    write_report(recommendation, args.output)
    print(f"Wrote {display_path(args.output)}")
    return 0


def _vendors(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    width = max((len(v.id) for v in catalog.vendors), default=2)
    for v in catalog.vendors:
        types = ", ".join(v.solution_types)
        print(f"{v.id:<{width}}  {v.name}  [{types}]  ({catalog.vendor_catalog[v.id]})")
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


def _tui(project: Path | None) -> int:
    from selector.tui.app import run

    return run(project)


if __name__ == "__main__":
    raise SystemExit(main())
