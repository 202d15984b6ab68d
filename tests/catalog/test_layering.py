"""A consultant's catalog extends the shipped one, or replaces a shipped entry by id."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from selector.advisor import advise
from selector.catalog import load_catalog, open_project, save_project
from selector.domain import Project


def test_a_consultant_folder_replaces_a_vendor_and_adds_one(tmp_path: Path,
                                                              vendor_text: str) -> None:
    mine = tmp_path / "acme-catalog"
    mine.mkdir()
    replaced = re.sub(r'\nsummary = ".*"', '\nsummary = "Our negotiated SAP deal."',
                      vendor_text, count=1)
    (mine / "sap.toml").write_text(replaced, encoding="utf-8")
    added = vendor_text.replace('id = "sap_sales_cloud"', 'id = "acme_in_house_crm"', 1)
    added = added.replace('name = "SAP Sales Cloud"', 'name = "Acme in-house CRM"', 1)
    (mine / "acme.toml").write_text(added, encoding="utf-8")

    catalog = load_catalog([mine])
    assert catalog.problems == []
    sap = catalog.vendor("sap_sales_cloud")
    assert sap.summary == "Our negotiated SAP deal."
    assert catalog.vendor_catalog["sap_sales_cloud"] == str(mine)
    assert catalog.vendor_catalog["acme_in_house_crm"] == str(mine)
    assert catalog.vendor_catalog["dynamics_365_sales"] == "shipped"
    assert len([v for v in catalog.vendors if v.id == "sap_sales_cloud"]) == 1
    # the replaced vendor's offerings are the consultant's, not the shipped file's
    assert [o.summary for o in catalog.offerings if o.vendor_id == "sap_sales_cloud"] == [
        "Our negotiated SAP deal."
    ]


def test_a_project_names_its_own_catalog_and_the_result_says_where_each_vendor_came_from(
        tmp_path: Path, vendor_text: str) -> None:
    (tmp_path / "extra").mkdir()
    added = vendor_text.replace('id = "sap_sales_cloud"', 'id = "acme_crm"', 1)
    (tmp_path / "extra" / "acme.toml").write_text(added, encoding="utf-8")
    project = Project(format_version=2, shortlist=["acme_crm", "zoho_crm_professional"])
    project.catalogs.paths = ["extra"]
    save_project(project, tmp_path / "p.toml")

    opened = open_project(tmp_path / "p.toml")
    assert opened.usable, opened.problems
    rec = advise(opened.catalog, opened.project, n_samples=0, today=dt.date(2026, 11, 22))
    where = {v.id: v.catalog for v in rec.offerings}
    assert where == {"acme_crm": str(tmp_path / "extra"), "zoho_crm_professional": "shipped"}
