"""The RFP round trip as a team and its vendors live it: commands run in a subprocess, workbooks
filled in as a vendor fills them (by the labels and columns they read, never by the hidden
sheet), and results read from what the commands print and the project file they save."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "nordlys-project.toml"
HONEST = "dynamics_365_sales_enterprise"
OVERCLAIMER = "hubspot_sales_hub_professional"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "selector.cli", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=180,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def recommendation(project: Path, cli=None) -> dict:  # noqa: ANN001
    """`rank --json` of the project: in a subprocess, or through `cli` in this process."""
    if cli is not None:
        code, out, err = cli("rank", project, "--json")
        assert code == 0, err
        return json.loads(out)
    result = run("rank", project, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def ranking(project: Path, cli=None) -> list[tuple[str, int | None]]:  # noqa: ANN001
    """The offerings as `rank --json` ranks them: (id, rank), rank None when excluded."""
    return [(o["id"], o["rank"]) for o in recommendation(project, cli)["offerings"]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project the commands may change."""
    target = tmp_path / "nordlys.toml"
    shutil.copyfile(EXAMPLE, target)
    return target


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's RFP for the two vendors of the story, exported once by the command."""
    folder = tmp_path_factory.mktemp("rfp")
    result = run("rfp", "export", EXAMPLE, "-o", folder / "rfp.xlsx", "--offering", HONEST,
                 OVERCLAIMER, "--deadline", "2026-12-18")
    assert result.returncode == 0, result.stderr
    return {oid: folder / f"rfp-{oid}.xlsx" for oid in (HONEST, OVERCLAIMER)}


def header_columns(ws, row: int = 4) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[row] if c.value is not None}


def labelled_rows(ws, column: int = 1) -> dict[str, int]:
    return {str(row[column - 1].value): row[0].row for row in ws.iter_rows()
            if row[column - 1].value is not None}


class VendorWorkbook:
    """A returned workbook, filled in the way a vendor fills it: reading the labels."""

    def __init__(self, path: Path):
        self.wb = openpyxl.load_workbook(path)
        self.requirements = self.wb["Requirements"]
        self.columns = header_columns(self.requirements)
        self.rows = labelled_rows(self.requirements, 2)

    def level_text(self, requirement: str, level: int) -> str:
        """The dropdown entry for a level, as the vendor picks it (from the Scales sheet)."""
        scales = self.wb["Scales"]
        row = labelled_rows(scales, 2)[requirement]
        return str(scales.cell(row=row, column=3 + level).value)

    def requirement_names(self) -> list[str]:
        ws = self.requirements
        return [str(ws.cell(row=r, column=2).value) for r in sorted(self.rows.values())
                if re.fullmatch(r"R\d+", str(ws.cell(row=r, column=1).value or ""))]

    def answer_as(self, requirement: str) -> str:
        return str(self.requirements.cell(row=self.rows[requirement],
                                          column=self.columns["Answer as"]).value)

    def answer(self, requirement: str, value: object, evidence: str = "", link: str = "") -> str:
        """Type an answer (and evidence); returns the answer cell's address."""
        row = self.rows[requirement]
        ws = self.requirements
        cell = ws.cell(row=row, column=self.columns["Your answer"])
        cell.value = value
        if evidence:
            ws.cell(row=row, column=self.columns["Evidence: how you meet it"]).value = evidence
        if link:
            ws.cell(row=row, column=self.columns["Link to evidence"]).value = link
        return cell.coordinate

    def cell(self, sheet: str, label: str, header: str, label_column: int = 2) -> str:
        """The address of the cell in the row labelled `label` and the column `header`."""
        ws = self.wb[sheet]
        row = labelled_rows(ws, label_column)[label]
        return ws.cell(row=row, column=header_columns(ws)[header]).coordinate

    def must_have(self, question: str, answer: str, evidence: str = "") -> None:
        ws = self.wb["Must-haves"]
        columns = header_columns(ws)
        for row in ws.iter_rows(min_row=5):
            if str(row[columns["Must-have"] - 1].value) == question:
                row[columns["Your answer"] - 1].value = answer
                if evidence:
                    row[columns["Evidence: how you meet it"] - 1].value = evidence
                return
        raise KeyError(question)

    def must_have_questions(self) -> list[str]:
        ws = self.wb["Must-haves"]
        column = header_columns(ws)["Must-have"]
        return [str(r[column - 1].value) for r in ws.iter_rows(min_row=5) if r[0].value]

    def details(self, name: str, when: dt.date | None = dt.date(2026, 12, 10)) -> None:
        cover = self.wb["Cover"]
        rows = labelled_rows(cover)
        cover.cell(row=rows["Answered by (your name) *"], column=2).value = name
        if when is not None:
            cover.cell(row=rows["Date of these answers"], column=2).value = when

    def price(self, label: str, value: object) -> None:
        ws = self.wb["Offering and price"]
        ws.cell(row=labelled_rows(ws)[label], column=2).value = value

    def save(self, path: Path) -> Path:
        self.wb.save(path)
        return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """`crm-selector` run in this process (the same entry point, faster than a subprocess):
    returns (exit code, stdout, stderr)."""
    from selector.cli import main

    def call(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return call


def filled(path: Path, out: Path, name: str = "Pat Doe") -> VendorWorkbook:
    """A workbook with the vendor's details and two answers: valid as it stands."""
    book = VendorWorkbook(path)
    book.details(name)
    book.answer("Mobile access", book.level_text("Mobile access", 3), "Native apps.")
    book.answer("Open APIs and standards", book.level_text("Open APIs and standards", 4))
    book.save(out)
    return VendorWorkbook(out)
