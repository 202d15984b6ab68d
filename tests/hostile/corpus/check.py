"""Run part of the hostile corpus as a test: every step clean, or a list of what was not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cases import CASES, Case
from .run import Outcome, other_user_prefix, run_all

KNOWN_GAPS: dict[str, str] = {}
"""Cases that still fail because of work owned by another part of issue 16; each has its own
strict xfail test, so the entry must go when that work lands."""


def cases_of(group: str, *, other_user: bool = False) -> list[Case]:
    """The group's cases, without known gaps; those needing an unprivileged user apart."""
    found = [
        c
        for c in CASES
        if c.group == group and c.name not in KNOWN_GAPS and c.other_user == other_user
    ]
    assert found or other_user, f"no corpus cases in group {group!r}"
    return found


def check(cases: list[Case]) -> None:
    if any(c.other_user for c in cases) and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv, and root may read any file")
        if not _other_user_can_run():
            pytest.skip("running as root in a checkout only root may enter (a private temporary "
                        "folder), so an unprivileged user cannot run the tool here, and root "
                        "may read any file")
    bad = [o for o in run_all(cases) if not o.clean]
    assert not bad, describe(bad)


def _other_user_can_run() -> bool:
    """Whether the unprivileged user the unreadable-file cases run as can start the tool."""
    probe = subprocess.run(
        [*other_user_prefix(), sys.executable, "-c", "import selector.cli"],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
        capture_output=True, check=False, timeout=60,
    )
    return probe.returncode == 0


def check_known_gap(name: str) -> None:
    """Fails (as its strict xfail expects) while the gap is open."""
    check([next(c for c in CASES if c.name == name)])


def describe(outcomes: list[Outcome]) -> str:
    return "\n\n".join(
        f"{o.case}: {o.step}: {'; '.join(o.problems)}\n{o.output[-1500:]}" for o in outcomes
    )
