"""The fast TOML reader gives exactly what the standard library's gives, and copies cleanly."""

from __future__ import annotations

import copy
import pickle
import tomllib
from pathlib import Path

from selector.catalog.files import read_toml
from selector.catalog.shipped import shipped_root


def _shipped_files() -> list[Path]:
    root = shipped_root()
    return sorted([*root.glob("criteria/*.toml"), *root.glob("vendors/*.toml"),
                   *root.glob("examples/*.toml")])


def test_every_shipped_file_reads_the_same_as_with_tomllib() -> None:
    files = _shipped_files()
    assert len(files) > 40
    for path in files:
        doc = read_toml(path)
        assert not hasattr(doc, "message"), doc
        assert doc.data == tomllib.loads(path.read_text("utf-8")), path


def test_times_read_from_a_file_can_be_copied_and_pickled(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("a = 2026-10-14T15:30:00Z\nb = 2026-10-14T15:30:00+02:00\n", "utf-8")
    data = read_toml(path).data
    assert copy.deepcopy(data) == data
    assert pickle.loads(pickle.dumps(data)) == data
    assert data == tomllib.loads(path.read_text("utf-8"))


def test_a_syntax_error_still_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('a = 1\nb = "unterminated\nc = 3\n', "utf-8")
    problem = read_toml(path)
    assert problem.line == 2 and "TOML syntax error" in problem.message


def test_a_file_changed_after_loading_names_no_line_rather_than_a_wrong_one(
    tmp_path: Path,
) -> None:
    """A loaded file's text is let go; a problem found later reads the file again, and names
    a line only if the file still holds the bytes that were loaded."""
    import hashlib

    from selector.catalog.toml_lines import KeyLines

    path = tmp_path / "v.toml"
    path.write_text('id = "a"\n\n[scores.open_apis]\nvalue = 4.0\n', "utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    same, changed = (KeyLines(path.read_text("utf-8"), path, digest) for _ in range(2))
    same.release()
    changed.release()
    assert same.get(("scores", "open_apis")) == 3
    path.write_text('# a comment added on top\nid = "a"\n\n[scores.open_apis]\nvalue = 4.0\n',
                    "utf-8")
    assert changed.get(("scores", "open_apis")) is None
