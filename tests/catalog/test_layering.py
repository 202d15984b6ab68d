"""A consultant's catalog extends the shipped one, or replaces a shipped entry by id."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from selector.advisor import advise
from selector.catalog import load_catalog, load_project, save_project
from selector.domain import Project


def test_a_consultant_folder_replaces_a_vendor_and_adds_one(tmp_path: Path,
                                                              vendor_text: str) -> None:
    mine = tmp_path / "acme-catalog"
    mine.mkdir()
    replaced = re.sub(r'\nsummary = ".*"', '\nsummary = "Our negotiated Salesforce deal."',
                      vendor_text, count=1)
    (mine / "salesforce.toml").write_text(replaced, encoding="utf-8")
    added = vendor_text.replace('id = "salesforce_sales_cloud"', 'id = "acme_in_house_crm"', 1)
    added = added.replace('name = "Salesforce Sales Cloud"', 'name = "Acme in-house CRM"', 1)
    (mine / "acme.toml").write_text(added, encoding="utf-8")

    catalog = load_catalog([mine])
    assert catalog.problems == []
    sf = catalog.vendor("salesforce_sales_cloud")
    assert sf.summary == "Our negotiated Salesforce deal."
    assert catalog.vendor_catalog["salesforce_sales_cloud"] == str(mine)
    assert catalog.vendor_catalog["acme_in_house_crm"] == str(mine)
    assert catalog.vendor_catalog["dynamics_365_sales"] == "shipped"
    assert len([v for v in catalog.vendors if v.id == "salesforce_sales_cloud"]) == 1


def test_a_project_names_its_own_catalog_and_the_result_says_where_each_vendor_came_from(
        tmp_path: Path, vendor_text: str) -> None:
    (tmp_path / "extra").mkdir()
    added = vendor_text.replace('id = "salesforce_sales_cloud"', 'id = "acme_crm"', 1)
    (tmp_path / "extra" / "acme.toml").write_text(added, encoding="utf-8")
    project = Project(format_version=2, shortlist=["acme_crm", "zoho_crm"])
    project.catalogs.paths = ["extra"]
    save_project(project, tmp_path / "p.toml")

    loaded = load_project(tmp_path / "p.toml")
    catalog = load_catalog(loaded.catalog_folders())
    rec = advise(catalog, loaded.project, n_samples=0, today=dt.date(2026, 11, 22))
    where = {v.id: v.catalog for v in rec.vendors}
    assert where == {"acme_crm": str(tmp_path / "extra"), "zoho_crm": "shipped"}
