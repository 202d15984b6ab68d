"""JSON Schemas for every file a user edits, so editors validate and complete keys while typing.

Taplo / Even Better TOML read the `#:schema` line at the top of a TOML file and use the schema
it names; the shipped catalogs point at the copies in `schemas/`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from selector.catalog.files import write_atomic
from selector.domain.cost_model import CostModel
from selector.domain.criteria import CriteriaGroup
from selector.domain.project import Project
from selector.domain.questions import Questionnaire
from selector.domain.solution_types import SolutionTypesFile
from selector.domain.vendors import VendorProfile

SCHEMAS: dict[str, type[BaseModel]] = {
    "criteria-group.schema.json": CriteriaGroup,
    "solution-types.schema.json": SolutionTypesFile,
    "questionnaire.schema.json": Questionnaire,
    "vendor.schema.json": VendorProfile,
    "project.schema.json": Project,
    "cost-model.schema.json": CostModel,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (created if needed); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        write_atomic(path, schema_text(model))
        written.append(path)
    return written
