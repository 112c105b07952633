"""JSON Schemas for the catalog's YAML files, generated from the models."""

import json
from typing import Any

from .models import KIND_BY_FOLDER, Entity

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: type[Entity]) -> dict[str, Any]:
    schema = kind.model_json_schema(mode="validation")
    schema["properties"].pop("id", None)
    schema = {"$schema": SCHEMA_DIALECT, "$id": f"{kind.folder}.schema.json", **schema}
    schema["description"] = (
        f"One file of catalog/{kind.folder}/; the file name (without .yml) is the id.")
    return schema


def schema_text(folder: str) -> str:
    return json.dumps(schema_for(KIND_BY_FOLDER[folder]), indent=2, ensure_ascii=False) + "\n"
