"""Package names resolved on first use, so that `crm-selector --help` loads no models.

A package's `__init__` lists what it offers and the module each name lives in; importing the
package (or one light module inside it, such as `selector.catalog.problems`) then costs nothing
until a name is used. Building the pydantic models takes most of a second on a slow machine,
and a mistyped command or `--help` should answer before that.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(
    package: str, homes: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for a package whose names live in the `homes` modules."""

    def resolve(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(importlib.import_module(package), name, value)
        return value

    def names() -> list[str]:
        return sorted(homes)

    return resolve, names
