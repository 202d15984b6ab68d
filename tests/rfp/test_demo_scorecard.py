"""The demo scorecard: per stakeholder what to check in each demo, scored back in as evidence
seen in a demo, by that stakeholder — and a vendor's claim the demo confirms is marked so."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import openpyxl

from .conftest import OVERCLAIMER, VendorWorkbook, header_columns, recommendation

ERP = "ERP and order-handling integration"


def rows_of(ws) -> dict[str, list]:
    return {str(r[1].value): list(r) for r in ws.iter_rows(min_row=6)
            if re.fullmatch(r"D\d+", str(r[0].value or ""))}


def test_each_stakeholder_gets_what_matters_to_them_and_what_to_verify(
    cli, project: Path, exported: dict[str, Path], tmp_path: Path,
) -> None:
    # HubSpot claims ERP integration level 4 (catalog: 3); the team wants to see it in the demo
    book = VendorWorkbook(exported[OVERCLAIMER])
    book.details("Pat Doe")
    book.answer(ERP, book.level_text(ERP, 4), "IFS connector from a partner.")
    assert cli("rfp", "import", project, book.save(tmp_path / "hubspot.xlsx"))[0] == 0
    code, out, err = cli("rfp", "decide", project, OVERCLAIMER, "erp_integration",
                         "verify_in_demo")
    assert code == 0, err

    code, out, err = cli("rfp", "scorecard", project, "-o", tmp_path / "demo.xlsx",
                         "--offering", OVERCLAIMER)
    assert code == 0, err
    wb = openpyxl.load_workbook(tmp_path / "demo.xlsx")
    people = [s["name"] for s in tomllib.loads(project.read_text("utf-8"))["stakeholders"]]
    assert wb.sheetnames == ["Cover", *people, "Scales", "crm-selector"]
    for name in people:  # a claim to verify is on every scorecard
        assert "a vendor's claim to verify in a demo" in rows_of(wb[name])[ERP][3].value
    jonas = rows_of(wb["Jonas Berg"])
    for asked in ("Open APIs and standards", ERP, "Data export and portability"):
        assert "you asked for it" in jonas[asked][3].value  # requested_by = ["jonas", …]
    karin = rows_of(wb["Karin Holm"])
    assert "Time to first team live" in karin  # she asked for it
    assert "Open APIs and standards" not in karin
    headers = header_columns(wb["Jonas Berg"])
    assert "HubSpot Sales Hub Professional: what you saw" in headers


def test_demo_scores_come_back_as_evidence_that_verifies_the_claim(
    cli, project: Path, exported: dict[str, Path], tmp_path: Path,
) -> None:
    book = VendorWorkbook(exported[OVERCLAIMER])
    book.details("Pat Doe")
    book.answer(ERP, book.level_text(ERP, 4), "IFS connector from a partner.")
    assert cli("rfp", "import", project, book.save(tmp_path / "hubspot.xlsx"))[0] == 0
    assert cli("rfp", "decide", project, OVERCLAIMER, "erp_integration",
               "verify_in_demo")[0] == 0
    assert cli("rfp", "scorecard", project, "-o", tmp_path / "demo.xlsx", "--offering",
               OVERCLAIMER, "--stakeholder", "jonas")[0] == 0

    wb = openpyxl.load_workbook(tmp_path / "demo.xlsx")
    ws = wb["Jonas Berg"]
    column = header_columns(ws)["HubSpot Sales Hub Professional: what you saw"]
    ws.cell(row=5, column=column).value = dt.date(2026, 12, 14)  # the demo's date
    scales = wb["Scales"]
    level4 = next(r[5].value for r in scales.iter_rows() if r[0].value == ERP)
    erp = rows_of(ws)[ERP][0].row
    ws.cell(row=erp, column=column).value = level4
    ws.cell(row=erp, column=column + 1).value = "Saw an order sync both ways with IFS, live."
    wb.save(tmp_path / "demo-jonas.xlsx")

    code, out, err = cli("rfp", "import", project, tmp_path / "demo-jonas.xlsx")
    assert code == 0, err
    assert "demo-jonas.xlsx: demo scores by Jonas Berg" in out
    claims = tomllib.loads(project.read_text("utf-8"))["claims"]
    [demo] = [c for c in claims if c["source_kind"] == "demo"]
    assert (demo["vendor"], demo["criterion"], demo["value"], demo["by"]) == (
        OVERCLAIMER, "erp_integration", 4.0, "Jonas Berg")
    assert demo["observed"] == dt.date(2026, 12, 14)
    assert demo["note"] == "Saw an order sync both ways with IFS, live."

    # two claims on the same point: the decision says which
    code, _, err = cli("rfp", "decide", project, OVERCLAIMER, "erp_integration", "accepted")
    assert code == 1 and "say which with --source rfp|demo" in err
    code, out, err = cli("rfp", "decide", project, OVERCLAIMER, "erp_integration", "accepted",
                         "--source", "rfp")
    assert code == 0, err
    hub = next(o for o in recommendation(project, cli)["offerings"] if o["id"] == OVERCLAIMER)
    row = next(c for c in hub["contributions"] if c["criterion_id"] == "erp_integration")
    assert row["raw_value"] == 4.0
    assert row["vendor_claim"] and row["verified"]
    assert "confirmed in a demo" in row["evidence"]
    assert hub["evidence"]["verified_claims"] == 1
