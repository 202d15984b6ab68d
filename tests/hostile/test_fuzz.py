"""Property-based fuzzing through the real command line (a bounded run; see fuzzing.py).

Mutated copies of the shipped catalog files and of the example project, at the byte and at the
value level: no traceback, exit status 0, 1 or 2 only, nothing raw on the terminal, and
`validate` OK exactly when `rank` succeeds, and then `rank --json` and `report` too. Most
examples call `main()` in this process (fast); a few run `python -m selector.cli` as a user
would. The long run is `benchmarks/fuzz_long.py`; every reproducer it finds becomes a test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzzing import (
    CATALOG_SEEDS,
    PROJECT_SEEDS,
    check,
    example_folder,
    in_subprocess,
    mutated_file,
    write_case,
)

BOUNDED = settings(
    deadline=None,
    derandomize=True,  # the same examples on every CI run; the long run explores
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(BOUNDED, max_examples=20)
@given(mutated_file(PROJECT_SEEDS))
def test_mutated_projects(mutation: tuple[str, bytes]) -> None:
    name, data = mutation
    with example_folder() as folder:
        write_case(folder, name, data, project=True)
        check(folder)


@settings(BOUNDED, max_examples=12)
@given(mutated_file(CATALOG_SEEDS))
def test_mutated_catalog_files(mutation: tuple[str, bytes]) -> None:
    name, data = mutation
    with example_folder() as folder:
        write_case(folder, name, data, project=False)
        check(folder)


@settings(BOUNDED, max_examples=2)
@given(st.booleans(), st.data())
def test_mutated_files_through_a_new_process(project: bool, data: st.DataObject) -> None:
    name, raw = data.draw(mutated_file(PROJECT_SEEDS if project else CATALOG_SEEDS))
    with example_folder() as folder:
        write_case(folder, name, raw, project=project)
        check(folder, in_subprocess)
