"""Broken catalog files: every problem is reported with file, line (when known) and field path.

Each test writes one consultant folder with a defect and asserts on the words of the message,
because the message is the product here: it is what a consultant reads to fix the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from selector.catalog import load_catalog


def _messages(folder: Path) -> list[str]:
    return [str(p) for p in load_catalog([folder]).problems]


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_toml_syntax_error_names_the_line(tmp_path: Path, vendor_text: str) -> None:
    lines = vendor_text.splitlines()
    lines[4] = 'vendor = "Salesforce, Inc.'  # unterminated string on line 5
    _write(tmp_path / "mine", "broken.toml", "\n".join(lines))
    messages = _messages(tmp_path / "mine")
    assert len(messages) == 1
    assert re.search(r"broken\.toml:5: TOML syntax error", messages[0]), messages


def test_wrong_type_names_field_and_line(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "my_sf"', 1)
    text = re.sub(r"(\[scores\.open_apis\]\nvalue = )[0-9.]+", r'\1"four"', text)
    line = text.splitlines().index('value = "four"') + 1
    _write(tmp_path / "mine", "sf.toml", text)
    messages = _messages(tmp_path / "mine")
    assert (
        f"sf.toml:{line}: scores.open_apis.value: must be a number, got text 'four'"
        in "\n".join(messages)
    )


def test_unknown_key_suggests_the_right_one(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "my_sf"', 1)
    text = text.replace("\nwebsite = ", "\nwebsiet = ", 1)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("websiet"))
    _write(tmp_path / "mine", "sf.toml", text)
    joined = "\n".join(_messages(tmp_path / "mine"))
    assert f"sf.toml:{line}: websiet: unknown key 'websiet' (did you mean 'website'?)" in joined
    # and the now-missing field is reported too: every problem, not just the first
    assert "sf.toml: website: required field is missing" in joined


def test_missing_required_field(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "my_sf"', 1)
    text = re.sub(r"\nsummary = .*\n", "\n", text, count=1)
    _write(tmp_path / "mine", "sf.toml", text)
    assert any(
        m.endswith("summary: required field is missing") for m in _messages(tmp_path / "mine")
    )


def test_score_outside_its_scale(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "my_sf"', 1)
    text = re.sub(r"(\[scores\.usability\]\nvalue = )[0-9.]+", r"\g<1>7.0", text)
    line = text.splitlines().index("value = 7.0") + 1
    _write(tmp_path / "mine", "sf.toml", text)
    assert (
        f"sf.toml:{line}: scores.usability.value: 7 is outside the 0–5 scale of 'usability'"
    ) in "\n".join(_messages(tmp_path / "mine"))


def test_unknown_criterion_id_with_suggestion(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "my_sf"', 1)
    text = text.replace("[scores.open_apis]", "[scores.open_api]")
    line = text.splitlines().index("[scores.open_api]") + 1
    _write(tmp_path / "mine", "sf.toml", text)
    joined = "\n".join(_messages(tmp_path / "mine"))
    assert (
        f"sf.toml:{line}: scores.open_api: unknown criterion 'open_api' (did you mean 'open_apis'?)"
    ) in joined
    assert "no score for criterion 'open_apis'" in joined


def test_unknown_solution_type_with_suggestion(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "my_sf"', 1)
    text = re.sub(r"solution_types = \[[^\]]*\]", 'solution_types = ["outsorced"]', text, count=1)
    line = text.splitlines().index('solution_types = ["outsorced"]') + 1
    _write(tmp_path / "mine", "sf.toml", text)
    joined = "\n".join(_messages(tmp_path / "mine"))
    assert f"sf.toml:{line}: solution_types[0]: 'outsorced' is not one of" in joined
    assert "(did you mean 'outsourced'?)" in joined


def test_duplicate_ids_across_files_in_one_catalog(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "twin"', 1)
    _write(tmp_path / "mine", "a.toml", text)
    _write(tmp_path / "mine", "b.toml", text)
    joined = "\n".join(_messages(tmp_path / "mine"))
    assert "b.toml:3: id: duplicate vendor id 'twin'" in joined
    assert "a.toml" in joined  # says where the first one is


def test_empty_file(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "empty.toml", "# nothing here yet\n\n")
    assert _messages(tmp_path / "mine") == [f"{tmp_path / 'mine' / 'empty.toml'}: file is empty"]


def test_folder_without_toml(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("hello")
    assert _messages(tmp_path / "mine") == [f"{tmp_path / 'mine'}: folder holds no .toml files"]


def test_missing_folder(tmp_path: Path) -> None:
    assert _messages(tmp_path / "nope") == [f"{tmp_path / 'nope'}: catalog folder not found"]


def test_not_utf8(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "latin1.toml", 'id = "a"\nname = "Malm\xf6"\n'.encode("latin-1"))
    (message,) = _messages(tmp_path / "mine")
    assert message.endswith("latin1.toml:2: is not UTF-8 text (byte 0xf6); save it as UTF-8")


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    with open(folder / "huge.toml", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that costs no disk
    (message,) = _messages(folder)
    assert "huge.toml: file is 50.0 MB; files over 2 MB are refused" in message


def test_a_broken_file_does_not_stop_the_good_ones(tmp_path: Path, vendor_text: str) -> None:
    good = vendor_text.replace('id = "sap_sales_cloud"', 'id = "good_one"', 1)
    _write(tmp_path / "mine", "good.toml", good)
    _write(tmp_path / "mine", "bad.toml", "id = [")
    catalog = load_catalog([tmp_path / "mine"])
    assert "good_one" in {v.id for v in catalog.vendors}
    assert [p.file.endswith("bad.toml") for p in catalog.problems] == [True]


def test_unrecognised_file_kind(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "what.toml", 'title = "a"\n')
    (message,) = _messages(tmp_path / "mine")
    assert "what.toml: cannot tell what this file is" in message


def test_rule_with_unknown_references(tmp_path: Path) -> None:
    _write(
        tmp_path / "mine",
        "rules.toml",
        """
[[rules]]
id = "typo_rule"
when = [{ question = "go_live_wekes", at_most = 13.0 }]
weights = [{ target = "time_to_lve", factor = 2.0 }]
explanation = "A rule with two typos in it."
""",
    )
    joined = "\n".join(_messages(tmp_path / "mine"))
    assert (
        "rules.toml:4: rules[0].when[0].question: unknown question 'go_live_wekes' "
        "(did you mean 'go_live_weeks'?)" in joined
    )
    assert (
        "rules.toml:5: rules[0].weights[0].target: unknown criterion or group "
        "'time_to_lve' (did you mean 'time_to_live'?)" in joined
    )


def test_ordinal_scale_needs_six_descriptors(tmp_path: Path) -> None:
    _write(
        tmp_path / "mine",
        "group.toml",
        """
id = "extra"
name = "Extra"
description = "A consultant's extra group."

[[criteria]]
id = "field_service"
name = "Field service"
description = "Scheduling and dispatch of technicians."
direction = "benefit"
tags = ["functional_fit"]

[criteria.scale]
kind = "ordinal"
levels = ["0 none", "1 some", "2 more"]
""",
    )
    joined = "\n".join(_messages(tmp_path / "mine"))
    assert "group.toml:15: criteria[0].scale.levels: needs at least 6 items, got 3" in joined


EXTRA_GROUP = """
id = "field_work"
name = "Field work"
description = "A consultant's extra group for field-service buyers."

[[criteria]]
id = "{cid}"
name = "Field service scheduling"
description = "Scheduling and dispatch of technicians to customer sites."
direction = "benefit"
tags = ["functional_fit"]

[criteria.scale]
kind = "ordinal"
levels = ["0 none", "1 list", "2 calendar", "3 dispatch", "4 routing", "5 optimised routing"]
"""


def test_a_consultant_vendor_must_score_every_shipped_criterion(tmp_path: Path,
                                                                 vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "mine"', 1)
    text = re.sub(r"\[scores\.usability\]\n(?:[a-z_]+ = .*\n)+", "", text)
    _write(tmp_path / "mine", "mine.toml", text)
    catalog = load_catalog([tmp_path / "mine"])
    (problem,) = catalog.problems
    assert problem.severity == "error" and "no score for criterion 'usability'" in str(problem)
    assert "mine" not in {v.id for v in catalog.vendors}


def test_a_criterion_added_later_is_a_warning_for_earlier_entries(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "field.toml", EXTRA_GROUP.format(cid="field_scheduling"))
    catalog = load_catalog([tmp_path / "mine"])
    shipped = load_catalog()
    assert len(catalog.vendors) == len(shipped.vendors)  # nothing dropped
    assert len(catalog.solution_types) == 4
    assert catalog.errors == []
    warning = str(catalog.problems[0])
    assert "warning:" in warning and "no score for criterion 'field_scheduling', which " \
           f"catalog '{tmp_path / 'mine'}' adds; it counts as the middle of the scale" in warning


def test_a_repeated_criterion_id_is_reported_and_left_out(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "field.toml", EXTRA_GROUP.format(cid="licence_cost"))
    catalog = load_catalog([tmp_path / "mine"])
    assert catalog.library.criterion_ids().count("licence_cost") == 1
    assert len(catalog.library.criteria()) == 37
    assert any("duplicate criterion id 'licence_cost' (already in group 'cost'" in str(p)
               for p in catalog.problems)


def test_a_condition_that_can_never_fire_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "rules.toml", """
[[rules]]
id = "never_fires"
when = [{ question = "languages", equals = "sv" }]
weights = [{ target = "localisation", factor = 2.0 }]
explanation = "equals on a multiple-choice answer compares a list with a word."

[[rules]]
id = "fine_rule"
when = [{ question = "languages", contains = "sv" }]
weights = [{ target = "erp_integration", factor = 2.0 }]
explanation = "contains is the test for a multiple-choice answer."

[[rules]]
id = "broken_rule"
when = []
explanation = "A rule with no condition and no effect."
""")
    catalog = load_catalog([tmp_path / "mine"])
    joined = "\n".join(str(p) for p in catalog.problems)
    assert ("rules.toml:4: rules[0].when[0]: 'equals' cannot be used with the multi question "
            "'languages', so the rule would never fire (use contains)") in joined
    assert "rules.toml:16: rules[2].when: needs at least 1 items, got 0" in joined
    rule_ids = {r.id for r in catalog.questionnaire.rules}
    assert "fine_rule" in rule_ids  # its neighbours' mistakes do not drop it
    assert not {"never_fires", "broken_rule"} & rule_ids


def test_messages_for_patterns_and_tags_are_in_words(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "Mine-CRM"', 1)
    text = re.sub(r'(\[scores\.open_apis\]\n(?:[a-z_]+ = .*\n)*?)source = "[^"]*"',
                  r'\1source = "www.example.com"', text, count=1)
    _write(tmp_path / "mine", "v.toml", text)
    _write(tmp_path / "mine", "g.toml", EXTRA_GROUP.format(cid="field_x").replace(
        'kind = "ordinal"', 'kind = "ordnal"'))
    joined = "\n".join(str(p) for p in load_catalog([tmp_path / "mine"]).problems)
    assert "id: 'Mine-CRM' is not a valid id: use lowercase letters, digits and _" in joined
    assert ("scores.open_apis.source: 'www.example.com' is not a web address: use https://…"
            in joined)
    assert "criteria[0].scale: kind 'ordnal' is not one of ordinal, quantitative " \
           "(did you mean 'ordinal'?)" in joined


def test_quantitative_scale_must_agree_with_direction(tmp_path: Path) -> None:
    _write(tmp_path / "mine", "g.toml", """
id = "extra_cost"
name = "Extra cost"
description = "A consultant's extra cost group."

[[criteria]]
id = "support_fee"
name = "Support fee"
description = "Yearly support fee per user, in EUR."
direction = "cost"
tags = ["cost"]

[criteria.scale]
kind = "quantitative"
unit = "EUR per user-year"
worst = 0.0
best = 500.0
""")
    joined = "\n".join(str(p) for p in load_catalog([tmp_path / "mine"]).problems)
    assert "criteria[0]: a cost criterion's scale needs worst above best" in joined


def test_url_and_length_messages_are_in_words(tmp_path: Path, vendor_text: str) -> None:
    text = vendor_text.replace('id = "sap_sales_cloud"', 'id = "x"', 1)
    text = re.sub(r'\nwebsite = "[^"]*"', '\nwebsite = "salesforce dot com"', text, count=1)
    _write(tmp_path / "mine", "v.toml", text)
    joined = "\n".join(str(p) for p in load_catalog([tmp_path / "mine"]).problems)
    assert "id: must be at least 2 characters long" in joined
    assert "website: 'salesforce dot com' is not a web address: use https://…" in joined
