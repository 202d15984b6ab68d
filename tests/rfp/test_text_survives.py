"""Text is data, on the way out and back: Unicode names and markup-looking text reach the
vendor's workbook as typed (never as a formula), and the vendor's answers reach the project
file and the terminal as typed (control characters escaped)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl

from selector.rfp.wording import printable

from .conftest import OVERCLAIMER, VendorWorkbook

ORG = "Nordlys Teknik AB & <b>Søn</b> [red]中文[/red] 🚀"
NAME = '=HYPERLINK("http://evil.example") Nordlys «Ærø» 李伟'
CONTACT = "Li Wei (李伟) [bold]marketing[/bold] <li@nordlys.example>"
NOTE = "We must be able to leave with all our data & history <in one export>."
EVIDENCE = "Vi stöder <b>SAML</b> & [red]OIDC[/red] — 支持 ✅\nSee §4 of =our= guide."
RESPONDENT = "Zoë <Ō'Brien> [dim]Øster[/dim]"


def awkward(project: Path) -> Path:
    text = project.read_text("utf-8")
    text = text.replace('name = "Nordlys Teknik AB"', f'name = "{ORG}"', 1)
    text = text.replace('name = "Nordlys CRM selection 2026"',
                        'name = "=HYPERLINK(\\"http://evil.example\\") Nordlys «Ærø» 李伟"', 1)
    project.write_text(text, "utf-8")
    return project


def test_names_and_markup_reach_the_workbook_as_typed(cli, project: Path, tmp_path) -> None:
    awkward(project)
    code, _, err = cli("rfp", "export", project, "-o", tmp_path / "rfp.xlsx", "--offering",
                       OVERCLAIMER, "--contact", CONTACT)
    assert code == 0, err
    wb = openpyxl.load_workbook(tmp_path / "rfp.xlsx")
    cover = {r[0].value: r[1] for r in wb["Cover"].iter_rows() if r[0].value}
    assert cover["Buyer"].value == ORG
    assert cover["Project"].value == NAME and cover["Project"].data_type == "s"
    assert cover["Contact"].value == CONTACT
    assert wb["Cover"]["A1"].value == f"Request for proposal: {NAME}"
    ws = wb["Requirements"]
    meaning = next(r[2].value for r in ws.iter_rows() if r[1].value == "Data export and "
                   "portability")
    assert meaning.endswith(f"\nOur note: {NOTE}")
    formulas = [c.coordinate for name in wb.sheetnames for r in wb[name].iter_rows()
                for c in r if c.data_type == "f"]
    assert formulas == []


def test_answers_reach_the_project_and_terminal_as_typed(cli, project: Path, tmp_path) -> None:
    awkward(project)
    assert cli("rfp", "export", project, "-o", tmp_path / "rfp.xlsx", "--offering",
               OVERCLAIMER)[0] == 0
    book = VendorWorkbook(tmp_path / "rfp.xlsx")
    book.details(RESPONDENT)
    book.answer("Identity standards (OAuth 2.0, SAML, OIDC, SCIM)",
                book.level_text("Identity standards (OAuth 2.0, SAML, OIDC, SCIM)", 5),
                EVIDENCE, "https://example.com/sso?a=1&b=<2>")
    book.must_have("Identity standards: SAML", "yes", EVIDENCE)
    path = book.save(tmp_path / "Svar från HubSpot — 回答.xlsx")
    code, out, err = cli("rfp", "import", project, path)
    assert code == 0, err
    assert "Svar från HubSpot — 回答.xlsx: RFP answer for HubSpot Sales Hub Professional, " \
           f"answered by {RESPONDENT}" in out
    claims = {c["criterion"]: c for c in tomllib.loads(project.read_text("utf-8"))["claims"]}
    sso = claims["identity_standards"]
    assert sso["note"] == EVIDENCE
    assert sso["source"] == "https://example.com/sso?a=1&b=<2>"
    assert sso["file"] == "Svar från HubSpot — 回答.xlsx"
    assert RESPONDENT in sso["source_title"]
    assert claims["fact:identity_standards=saml"]["note"] == EVIDENCE
    code, listed, _ = cli("rfp", "claims", project)
    assert "Svar från HubSpot — 回答.xlsx" in listed


def test_control_characters_never_reach_the_terminal_raw() -> None:
    assert printable("Acme\x1b[2J\x07 Ltd\ttab") == "Acme\\x1b[2J\\x07 Ltd tab"
    assert printable("[red]<b>&</b>[/red] 中文 🚀") == "[red]<b>&</b>[/red] 中文 🚀"
