"""Vendor files with offerings, prices and costs: every mistake named by file, line and field."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from selector.catalog import load_catalog


def _validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selector.cli", "validate", str(folder)],
                          capture_output=True, text=True, timeout=120)


def _line(text: str, pattern: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if re.search(pattern, ln))


def _mine(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "v.toml").write_text(text, "utf-8")
    return folder


def _pipedrive(vendor: str = "pd") -> str:
    from selector.catalog.shipped import shipped_root

    text = (shipped_root() / "vendors" / "pipedrive.toml").read_text("utf-8")
    return text.replace('id = "pipedrive', f'id = "{vendor}')


def test_an_unknown_currency_names_the_price_and_the_currencies_known(tmp_path: Path) -> None:
    text = _pipedrive().replace('currency = "USD"', 'currency = "USX"', 1)
    result = _validate(_mine(tmp_path, text))
    assert result.returncode == 1
    line = _line(text, 'currency = "USX"')
    assert re.search(rf"v\.toml:{line}: offerings\[0\]\.price_tiers\[0\]\.currency: unknown "
                     r"currency 'USX': the cost model's rate table has .*USD", result.stdout)
    assert "(did you mean 'USD'?)" in result.stdout


def test_a_price_without_a_date_or_with_a_negative_amount_is_refused(tmp_path: Path) -> None:
    text = _pipedrive()
    first = text.index("[[offerings.price_tiers]]")
    block_end = text.index("\n\n", first)
    block = text[first:block_end]
    undated = re.sub(r"\nobserved = .*", "", block, count=1)
    negative = re.sub(r"\namount = [0-9.]+", "\namount = -5.0", block, count=1)
    for changed, message in ((undated, "a price needs `observed`, the date the price was seen"),
                             (negative, "must be at least 0")):
        result = _validate(_mine(tmp_path, text[:first] + changed + text[block_end:]))
        assert result.returncode == 1, result.stdout
        assert "price_tiers[0]" in result.stdout and message in result.stdout, result.stdout


def test_an_offering_overriding_an_unknown_criterion_is_named(tmp_path: Path) -> None:
    text = _pipedrive().replace("[offerings.scores.", "[offerings.scores.x", 1)
    match = re.search(r"\[offerings\.scores\.(x[a-z_]+)\]", text)
    assert match
    result = _validate(_mine(tmp_path, text))
    assert result.returncode == 1
    assert re.search(rf"v\.toml:\d+: offerings\[\d\]\.scores\.{match.group(1)}: unknown "
                     r"criterion", result.stdout), result.stdout


def test_two_offerings_with_one_id_are_refused(tmp_path: Path) -> None:
    text = _pipedrive()
    ids = re.findall(r'\n\[\[offerings\]\]\nid = "([a-z_]+)"', text)
    assert len(ids) == 2
    result = _validate(_mine(tmp_path, text.replace(f'id = "{ids[1]}"', f'id = "{ids[0]}"')))
    assert result.returncode == 1
    assert f"two offerings have the id '{ids[0]}'" in result.stdout


def test_an_offering_id_may_not_repeat_another_vendors_offering(tmp_path: Path) -> None:
    text = _pipedrive(vendor="pipedrive_copy")
    first = re.search(r'\n\[\[offerings\]\]\nid = "([a-z_]+)"', text).group(1)
    shipped_offering = first.replace("pipedrive_copy", "pipedrive")
    result = _validate(_mine(tmp_path, text.replace(f'id = "{first}"',
                                                    f'id = "{shipped_offering}"')))
    assert result.returncode == 1
    assert (f"offering id '{shipped_offering}' is already used by an offering of 'pipedrive'"
            in result.stdout)


def test_a_vendor_without_offerings_is_one_offering(tmp_path: Path) -> None:
    catalog = load_catalog()
    upsales = [o for o in catalog.offerings if o.vendor_id == "upsales"]
    assert [o.id for o in upsales] == ["upsales"]
    assert upsales[0].name == catalog.vendor("upsales").name


def test_a_second_price_line_of_an_offering_is_named_at_its_own_line(tmp_path: Path) -> None:
    text = _pipedrive()
    marker = "[[offerings.price_tiers]]"
    first = text.index(marker)
    block = text[first:text.index("\n\n", first)]
    second = block.replace('currency = "USD"', 'currency = "XXX"', 1)
    text = text[:first] + block + "\n\n" + second + text[first + len(block):]
    result = _validate(_mine(tmp_path, text))
    line = _line(text, 'currency = "XXX"')
    assert re.search(rf"v\.toml:{line}: offerings\[0\]\.price_tiers\[1\]\.currency: unknown "
                     r"currency 'XXX'", result.stdout), result.stdout
