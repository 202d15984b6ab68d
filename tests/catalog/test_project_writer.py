"""Saving keeps the project file's comments and layout: the template's and a consultant's."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from selector.catalog import load_project, save_project
from selector.catalog.shipped import example_project
from selector.domain import Judgment, Requirement, Stakeholder, StakeholderWeights


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def new_template(tmp_path: Path) -> Path:
    path = tmp_path / "acme.toml"
    subprocess.run([sys.executable, "-m", "selector.cli", "new", str(path), "--name", "Acme"],
                   check=True, capture_output=True)
    return path


def test_saving_an_unchanged_project_leaves_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    shutil.copyfile(example_project(), path)
    before = path.read_bytes()
    save_project(load_project(path).project, path)
    assert path.read_bytes() == before


def test_template_keeps_its_comments_and_answers_replace_their_examples(tmp_path: Path) -> None:
    path = new_template(tmp_path)
    template = path.read_text("utf-8")
    project = load_project(path).project
    project.stakeholders = [Stakeholder(id="asa", name="Åsa Öberg [red]"),
                            Stakeholder(id="bo", name="Bo", department="IT")]
    project.answers = {"go_live_weeks": 20, "dev_capacity": "some"}
    project.organisation.employees = 250
    project.requirements = {"open_apis": Requirement(priority="must", threshold=3)}
    project.weights = {"asa": StakeholderWeights(points={"cost": 30, "integration": 20})}
    save_project(project, path)
    saved = path.read_text("utf-8")

    assert load_project(path).project == project
    # Every comment of the template is still there, except the examples now answered.
    answered = {"# go_live_weeks = 1   # weeks", '# dev_capacity = "none"', "# employees = 250",
                '# open_apis = { priority = "must", threshold = 3, requested_by = ["anna"] }'}
    assert [c for c in comments(template) if c not in answered] == comments(saved)
    assert len(saved) > 0.9 * len(template)
    lines = saved.splitlines()
    # The answer sits where its example was: right under the question's "Why".
    weeks = lines.index("go_live_weeks = 20")
    assert lines[weeks - 1].startswith("# of a year") or "Why" in " ".join(lines[weeks - 3:weeks])
    assert lines.index("employees = 250") < lines.index('description = ""')
    # New stakeholders come after the commented example for stakeholders, before the areas.
    assert lines.index('# role = "Head of sales"') < lines.index('name = "Åsa Öberg [red]"') \
        < lines.index('id = "sales"')
    areas_comment = next(i for i, line in enumerate(lines) if "business areas in scope" in line)
    assert lines.index('department = "IT"') < areas_comment < lines.index('id = "sales"')
    # Entries of a table the template writes inline are written inline.
    assert 'open_apis = { priority = "must", threshold = 3 }' in saved or \
        'open_apis = {priority = "must", threshold = 3}' in saved
    assert tomllib.loads(saved)["weights"]["asa"]["points"] == {"cost": 30, "integration": 20}


def test_removed_values_are_removed_and_a_consultants_notes_survive(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    text = example_project().read_text("utf-8")
    text = text.replace('[[stakeholders]]\nid = "soren"',
                        '# Søren signs off on the service budget (consultant note, 2 March).\n'
                        '[[stakeholders]]\nid = "soren"', 1)
    text = text.replace('[requirements.erp_integration]',
                        '[requirements.erp_integration]  # the ERP is Navision 2018', 1)
    path.write_text(text, "utf-8")
    project = load_project(path).project
    soren = next(s for s in project.stakeholders if s.id == "soren")
    soren.role = "Head of service 🛠"
    project.stakeholders = [project.stakeholders[0], Stakeholder(id="nils", name="Nils"),
                            *project.stakeholders[1:]]
    project.requirements.pop("open_apis")
    project.weights["jonas"].judgments = [Judgment(a="cost", b="time", value=5)]
    save_project(project, path)
    saved = path.read_text("utf-8")

    assert load_project(path).project == project
    assert "# Søren signs off on the service budget (consultant note, 2 March)." in saved
    assert "# the ERP is Navision 2018" in saved
    assert "requirements.open_apis" not in saved
    assert 'role = "Head of service 🛠"' in saved
    assert saved.count("[[weights.jonas.judgments]]") == 1
    assert comments(saved)[:3] == comments(text)[:3]


def test_a_file_the_writer_cannot_follow_is_written_fresh_and_correct(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    shutil.copyfile(example_project(), path)
    project = load_project(path).project
    path.write_text("this is = not [ toml", "utf-8")  # broken on disk meanwhile
    save_project(project, path)
    assert load_project(path).project == project
