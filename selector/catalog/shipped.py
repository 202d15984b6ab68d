"""Where the catalogs that come with the product live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_root() -> Path:
    """The folder holding the shipped `criteria/`, `vendors/` and `examples/`.

    A wheel carries them inside the package (`selector/_shipped`); a source checkout or an
    editable install finds them at the top of the repository.
    """
    installed = _PACKAGE / "_shipped"
    if (installed / "criteria").is_dir():
        return installed
    return _PACKAGE.parent


def shipped_folders() -> list[Path]:
    root = shipped_root()
    return [root / "criteria", root / "vendors"]


def example_project() -> Path:
    return shipped_root() / "examples" / "nordlys-project.toml"
