"""The exported workbook as a vendor opens it: what it asks, what it protects, what it leaves
out, and that LibreOffice opens, prints and re-saves it without damage."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from selector.catalog import load_catalog

from .conftest import EXAMPLE, OVERCLAIMER, VendorWorkbook, filled, recommendation

SHEETS = ["Cover", "Requirements", "Must-haves", "Offering and price", "Scales", "crm-selector"]


@pytest.fixture(scope="module")
def book(exported: dict[str, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(exported[OVERCLAIMER])


@pytest.fixture(scope="module")
def rec() -> dict:
    return recommendation(EXAMPLE)


def requirement_rows(ws) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=5) if re.fullmatch(r"R\d+", str(r[0].value or ""))]


def test_sheets_and_the_hidden_identity(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == SHEETS
    hidden = book["crm-selector"]
    assert hidden.sheet_state == "veryHidden" and hidden.protection.sheet
    assert book.security.lockStructure  # no sheet added, renamed or unhidden
    assert all(book[name].protection.sheet for name in SHEETS)


def test_one_row_per_weighted_criterion_with_must_haves_marked(book, rec: dict) -> None:
    weighted = [c for c in rec["criteria"] if c["weight"] > 0 and not c["computed"]]
    rows = requirement_rows(book["Requirements"])
    assert [r[1].value for r in rows] == [c["name"] for c in weighted]
    musts = {c["name"]: c["threshold_text"] for c in weighted if c["priority"] == "must"}
    marked = {r[1].value: r[4].value for r in rows if r[4].value}
    assert marked == {name: f"Must-have: {line}" for name, line in musts.items()}
    groups = [r[0].value for r in book["Requirements"].iter_rows(min_row=5)
              if r[0].value and not re.fullmatch(r"R\d+", str(r[0].value))]
    assert groups == list(dict.fromkeys(c["group_name"] for c in weighted))


def test_level_dropdowns_list_the_criterion_descriptors(book) -> None:
    catalog = load_catalog()
    by_name = {c.name: c for c in catalog.library.criteria()}
    ws, scales = book["Requirements"], book["Scales"]
    validations = {str(cell): dv for dv in ws.data_validations.dataValidation
                   for cell in dv.sqref.ranges}
    for row in requirement_rows(ws):
        criterion = by_name[row[1].value]
        dv = validations[row[5].coordinate]
        assert dv.showErrorMessage and dv.errorStyle == "stop"
        if criterion.scale.kind == "ordinal":
            assert dv.type == "list"
            sheet, cells = dv.formula1.split("!")
            assert sheet.strip("'") == "Scales"
            listed = [c.value for r in scales[cells.replace("$", "")] for c in r]
            assert listed == criterion.scale.levels
        else:
            assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
    facts = book["Must-haves"]
    answers = {str(c) for dv in facts.data_validations.dataValidation
               if dv.formula1 == '"yes,partly,no"' for c in dv.sqref.ranges}
    assert answers == {f"D{r}" for r in range(5, facts.max_row + 1)}


def test_only_answer_cells_are_unlocked(book) -> None:
    answer_headers = {"Your answer", "Evidence: how you meet it", "Link to evidence"}
    for name in ("Requirements", "Must-haves"):
        ws = book[name]
        headers = {c.column: c.value for c in ws[4]}
        unlocked = {c.coordinate for r in ws.iter_rows() for c in r if not c.protection.locked}
        expected = {ws.cell(row=r[0].row, column=col).coordinate
                    for r in ws.iter_rows(min_row=5)
                    if re.fullmatch(r"[RM]\d+", str(r[0].value or ""))
                    for col, h in headers.items() if h in answer_headers}
        assert unlocked == expected, name
    cover = book["Cover"]
    unlocked = [cover.cell(row=c.row, column=1).value for r in cover.iter_rows() for c in r
                if not c.protection.locked]
    assert unlocked == ["Answered by (your name) *", "Your role", "E-mail",
                        "Date of these answers"]


def test_nothing_of_the_team_weights(book, rec: dict) -> None:
    texts = [str(c.value) for name in SHEETS[:-1] for r in book[name].iter_rows() for c in r
             if c.value is not None]
    numbers = {c.value for name in SHEETS[:-1] for r in book[name].iter_rows() for c in r
               if isinstance(c.value, int | float)}
    project = tomllib.loads(EXAMPLE.read_text("utf-8"))
    assert numbers == {project["answers"]["crm_users"], project["answers"]["horizon_years"]}
    assert not any(re.search(r"\bweights?\b", t, re.I) for t in texts)
    assert not any(re.search(r"\b(should|could|won't)\b", t) and t.startswith("Must")
                   for t in texts)
    for weight in (c["weight"] for c in rec["criteria"] if c["weight"] > 0):
        assert not any(f"{weight * 100:.1f}%" in t for t in texts)


def test_cover_and_price_sheet(book) -> None:
    cover = {r[0].value: r[1].value for r in book["Cover"].iter_rows() if r[0].value}
    assert cover["Buyer"] == "Nordlys Teknik AB"
    assert cover["Offering asked about"] == "HubSpot Sales Hub Professional"
    assert cover["Answer by"] == "2026-12-18"
    assert cover["Contact"] == "Jonas Berg, IT architect, for the CRM steering committee"
    assert "unanswered counts as not met" in cover["Must-haves"]
    price = {r[0].value: r[1].value for r in book["Offering and price"].iter_rows()
             if r[0].value}
    assert price["Seats to quote for (the people who will use the CRM)"] == 85
    assert price["Edition you offer"] == "Professional"


def test_a_quote_becomes_a_licence_claim_in_euros(cli, project: Path, exported, tmp_path) -> None:
    answers = tmp_path / "quote.xlsx"
    book = filled(exported[OVERCLAIMER], answers)
    book.price("Currency of the amounts", "SEK")
    book.price("Billing of the licences", "annual")
    book.price("Licences per year, for these seats", 1_020_000)
    book.price("One-off costs (implementation, migration, training)", 400_000)
    book.save(answers)
    code, out, err = cli("rfp", "import", project, answers)
    assert code == 0, err
    model = tomllib.loads((Path(__file__).parents[2] / "criteria" / "cost_model.toml")
                          .read_text("utf-8"))
    sek = next(r["per_eur"] for r in model["rates"] if r["currency"] == "SEK")
    expected = round(1_020_000 / sek / 85 / 12, 2)
    claims = tomllib.loads(project.read_text("utf-8"))["claims"]
    [licence] = [c for c in claims if c["criterion"] == "licence_cost"]
    assert licence["value"] == pytest.approx(expected)
    assert "licences SEK 1,020,000 a year (billed annual)" in licence["note"]
    assert "one-off costs SEK 400,000" in licence["note"]
    row = next(line for line in out.splitlines() if "Licence or subscription cost" in line)
    assert f"EUR {expected:.2f}".rstrip("0").rstrip(".") in row


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed; the openpyxl "
                    "structure tests above stand for the workbook, this one is not run")
def test_libreoffice_prints_and_resaves_it(cli, project: Path, exported, tmp_path) -> None:
    """A vendor on LibreOffice: the workbook opens and prints, and once filled in and saved by
    LibreOffice it is still recognised and imported."""
    filled(exported[OVERCLAIMER], tmp_path / "vendor.xlsx")
    out = tmp_path / "lo"
    for target in ("pdf", "xlsx:Calc MS Excel 2007 XML"):
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-u",
                        "--convert-to", target, "--outdir", str(out),
                        str(tmp_path / "vendor.xlsx")], capture_output=True, timeout=120,
                       check=True)
    text = "\n".join(p.extract_text() for p in PdfReader(out / "vendor.pdf").pages)
    for heading in ("Request for proposal: Nordlys CRM selection 2026", "Requirements:",
                    "Must-haves: yes, partly or no", "Offering and price",
                    "Scales: what each answer means"):
        assert heading in text
    assert "crm-selector-rfp" not in text  # the hidden sheet is not printed
    code, stdout, err = cli("rfp", "import", project, out / "vendor.xlsx")
    assert code == 0, err
    assert "RFP answer for HubSpot Sales Hub Professional, answered by Pat Doe" in stdout
    assert VendorWorkbook(out / "vendor.xlsx").wb["crm-selector"].sheet_state != "visible"
