"""A workbook that cannot be read right is refused whole: the message names the sheet, the
cell and what to fix, the command exits 1, and nothing of it enters the project."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import openpyxl
import pytest

from .conftest import OVERCLAIMER, VendorWorkbook, filled


@pytest.fixture
def answers(exported: dict[str, Path], tmp_path: Path) -> Path:
    path = tmp_path / "hubspot.xlsx"
    filled(exported[OVERCLAIMER], path)
    return path


def refused(cli, project: Path, *paths: Path) -> str:
    """Import `paths`; assert it is refused and the project file untouched; the message."""
    before = project.read_bytes()
    code, out, err = cli("rfp", "import", project, *paths)
    assert code == 1, out + err
    assert "refused, nothing imported from it:" in err
    assert project.read_bytes() == before
    return err


def test_the_valid_workbook_imports(cli, project: Path, answers: Path) -> None:
    """The baseline every case below breaks in one way."""
    code, out, err = cli("rfp", "import", project, answers)
    assert code == 0, err
    assert "hubspot.xlsx: RFP answer for HubSpot Sales Hub Professional, answered by Pat Doe" \
        in out
    claims = tomllib.loads(project.read_text("utf-8"))["claims"]
    assert {c["criterion"] for c in claims if not c.get("unanswered")} == {"mobile_access",
                                                                          "open_apis"}


def test_a_level_outside_the_scale(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    cell = book.answer("Mobile access", 7)
    err = refused(cli, project, book.save(answers))
    assert f"sheet 'Requirements', cell {cell} (R05 Mobile access): '7' is not a level on " \
           "this scale (0–5); choose one of the levels in the list" in err


def test_a_formula_where_a_value_belongs(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    cell = book.answer("Mobile access", "=2+2")
    err = refused(cli, project, book.save(answers))
    assert f"cell {cell}" in err and "holds a formula (=2+2); type the value itself" in err


def test_a_missing_required_answer(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    cover = book.wb["Cover"]
    row = next(r[0].row for r in cover.iter_rows() if r[0].value == "Answered by (your name) *")
    cover.cell(row=row, column=2).value = None
    cell = cover.cell(row=row, column=2).coordinate
    err = refused(cli, project, book.save(answers))
    assert f"sheet 'Cover', cell {cell}: your name (Answered by) is required: fill it in" in err


def test_evidence_without_an_answer(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    cell = book.answer("Ease of use", None, "Users love it.")
    err = refused(cli, project, book.save(answers))
    assert f"cell {cell} (R" in err and "has evidence but no answer" in err


def test_a_must_have_answer_that_is_not_yes_partly_or_no(cli, project: Path,
                                                        answers: Path) -> None:
    book = VendorWorkbook(answers)
    book.must_have("Identity standards: SAML", "maybe")
    cell = book.cell("Must-haves", "Identity standards: SAML", "Your answer")
    err = refused(cli, project, book.save(answers))
    assert f"sheet 'Must-haves', cell {cell} (M05): 'maybe' is not an answer here; choose " \
           "yes, partly or no" in err


def test_an_edited_layout(cli, project: Path, answers: Path) -> None:
    """A row inserted above the answers would shift every answer onto the wrong requirement."""
    book = VendorWorkbook(answers)
    book.requirements.insert_rows(8)
    err = refused(cli, project, book.save(answers))
    assert "sheet 'Requirements', cell A8: should read 'R03' but reads ''" in err
    assert "rows, columns or sheets were inserted, moved or deleted" in err


def test_a_tampered_protected_cell(cli, project: Path, answers: Path) -> None:
    """Someone unprotected the sheet and softened a must-have line."""
    book = VendorWorkbook(answers)
    cell = book.cell("Requirements", "Open APIs and standards", "Must-have")
    book.requirements[cell].value = "nice to have"
    err = refused(cli, project, book.save(answers))
    assert f"sheet 'Requirements', cell {cell}: should read 'Must-have: at least level 3' " \
           "but reads 'nice to have'" in err


def test_an_edited_hidden_sheet(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    book.wb["crm-selector"]["B4"].value = "another_offering"
    err = refused(cli, project, book.save(answers))
    assert "the hidden sheet 'crm-selector' that identifies the workbook was changed" in err


def test_a_deleted_sheet(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    del book.wb["Scales"]
    err = refused(cli, project, book.save(answers))
    assert "sheet 'Scales' is missing: sheets were renamed or deleted" in err


def test_the_wrong_project(cli, project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(project.read_text("utf-8").replace(
        'name = "Nordlys CRM selection 2026"', 'name = "Fjord CRM 2027"', 1), "utf-8")
    code, _, err = cli("rfp", "export", other, "-o", tmp_path / "fjord.xlsx",
                       "--offering", OVERCLAIMER)
    assert code == 0, err
    path = tmp_path / "fjord-answers.xlsx"
    filled(tmp_path / "fjord.xlsx", path)
    err = refused(cli, project, path)
    assert "this workbook was made for the project 'Fjord CRM 2027', not for 'Nordlys CRM " \
           "selection 2026'; import it into the project it was exported from" in err


def test_an_offering_the_project_no_longer_has(cli, project: Path, answers: Path) -> None:
    """The team took HubSpot off the shortlist after sending the RFP."""
    project.write_text(project.read_text("utf-8").replace('    "hubspot_sales_hub",\n', ""),
                       "utf-8")
    err = refused(cli, project, answers)
    assert "asks about the offering 'HubSpot Sales Hub Professional', which is not a " \
           "candidate of this project" in err


def test_not_an_xlsx(cli, project: Path, tmp_path: Path) -> None:
    text = tmp_path / "answers.xlsx"
    text.write_text("Open APIs: 5\n", "utf-8")
    err = refused(cli, project, text)
    assert "answers.xlsx: refused" in err and "not an Excel workbook (.xlsx)" in err
    foreign = tmp_path / "their-own.xlsx"
    openpyxl.Workbook().save(foreign)
    err = refused(cli, project, foreign)
    assert "no sheet 'crm-selector': this is not a workbook made by crm-selector" in err


def test_amounts_without_a_currency(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    book.price("Licences per year, for these seats", 90000)
    ws = book.wb["Offering and price"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "Currency of the amounts")
    cell = ws.cell(row=row, column=2).coordinate
    err = refused(cli, project, book.save(answers))
    assert f"sheet 'Offering and price', cell {cell}: the quote has amounts but no " \
           "currency" in err


def test_every_problem_is_listed_at_once(cli, project: Path, answers: Path) -> None:
    book = VendorWorkbook(answers)
    first = book.answer("Mobile access", "level nine")
    second = book.answer("Ease of use", 6)
    err = refused(cli, project, book.save(answers))
    assert f"cell {first}" in err and f"cell {second}" in err


def test_a_refused_workbook_does_not_stop_the_others(cli, project: Path, answers: Path,
                                                     exported: dict[str, Path],
                                                     tmp_path: Path) -> None:
    """All or nothing per workbook: the good one is imported, the bad one not at all."""
    bad = tmp_path / "bad.xlsx"
    shutil.copyfile(answers, bad)
    book = VendorWorkbook(bad)
    book.answer("Ease of use", "=A1")
    book.save(bad)
    code, out, err = cli("rfp", "import", project, bad, answers)
    assert code == 1
    assert "bad.xlsx: refused, nothing imported from it:" in err
    assert "hubspot.xlsx: RFP answer for HubSpot Sales Hub Professional" in out
    files = {c["file"] for c in tomllib.loads(project.read_text("utf-8"))["claims"]}
    assert files == {"hubspot.xlsx"}
