"""The data API: the whole catalog as JSON with its JSON Schema, one JSON per credential, a CSV."""

import csv
import io
import re
from typing import Any

from pydantic.json_schema import models_json_schema

from ..catalog import Catalog
from ..graph import Graph
from ..models import ID_PATTERN, Credential, Entity, kinds
from ..schema import SCHEMA_DIALECT
from .urls import Urls

PREFIX = "api/v1/"
CATALOG = PREFIX + "catalog.json"
SCHEMA = PREFIX + "catalog.schema.json"
CSV = PREFIX + "catalog.csv"
CSV_COLUMNS = ("id", "title", "category", "stacks", "pathways", "standards", "estimated_hours", "url")


def credential_path(credential: Credential) -> str:
    return f"{PREFIX}credentials/{credential.id}.json"


def _links(graph: Graph, credential: Credential) -> dict[str, Any]:
    links = graph.links[credential.id]
    return {
        "stacks": [stack.id for stack in links.stacks],
        "pathways": [{"pathway": place.pathway.id, "step": place.step,
                      "requirement": place.requirement} for place in links.pathways],
        "recognizers": [recognition.recognizer.id for recognition in links.recognitions],
        "recognitions": [{"recognizer": recognition.recognizer.id, "basis": recognition.basis,
                          "worth": recognition.worth.model_dump(mode="json") if recognition.worth else None}
                         for recognition in links.recognitions],
    }


def entity_record(graph: Graph, urls: Urls, entity: Entity) -> dict[str, Any]:
    record = {"id": entity.id, "url": urls.page(entity), **entity.model_dump(mode="json")}
    if isinstance(entity, Credential):
        # v1 has always listed standards by id; the reasons came later, beside them.
        record["alignments"] = record["standards"]
        record["standards"] = entity.standard_ids
        record["links"] = _links(graph, entity)
    return record


def catalog_document(graph: Graph, urls: Urls) -> dict[str, Any]:
    document: dict[str, Any] = {"$schema": urls.file(SCHEMA)}
    for kind in kinds():
        entities = graph.catalog.entities[kind.folder]
        document[kind.folder] = [entity_record(graph, urls, entities[i]) for i in sorted(entities)]
    return document


def credential_document(graph: Graph, urls: Urls, credential: Credential) -> dict[str, Any]:
    return {"$schema": urls.file(SCHEMA) + "#/$defs/Credential",
            **entity_record(graph, urls, credential)}


def catalog_schema(urls: Urls) -> dict[str, Any]:
    refs, defs = models_json_schema([(kind, "serialization") for kind in kinds()],
                                    ref_template="#/$defs/{model}")
    definitions = defs["$defs"]
    for kind in kinds():
        definition = definitions[kind.__name__]
        definition["properties"] = {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "url": {"type": "string", "format": "uri"},
            **{k: v for k, v in definition["properties"].items() if k != "id"}}
        required = [name for name in definition.get("required", []) if name not in ("id", "url")]
        definition["required"] = ["id", "url", *required]
    credential = definitions["Credential"]
    credential["properties"]["alignments"] = credential["properties"]["standards"]
    credential["properties"]["standards"] = {
        "type": "array", "items": {"type": "string"},
        "description": "ids of the standards the credential is aligned to, in the order of alignments"}
    credential["required"].append("alignments")
    definitions["Credential"]["properties"]["links"] = {
        "type": "object",
        "required": ["stacks", "pathways", "recognizers", "recognitions"],
        "properties": {
            "stacks": {"type": "array", "items": {"type": "string"}},
            "pathways": {"type": "array", "items": {
                "type": "object", "required": ["pathway", "step", "requirement"],
                "properties": {"pathway": {"type": "string"}, "step": {"type": "integer"},
                               "requirement": {"enum": ["required", "recommended"]}}}},
            "recognizers": {"type": "array", "items": {"type": "string"}, "description": (
                "every recognizer whose entry covers the credential, by name or by rule")},
            "recognitions": {"type": "array", "items": {
                "type": "object", "required": ["recognizer", "basis", "worth"],
                "properties": {
                    "recognizer": {"type": "string"},
                    "basis": {"enum": ["listed", "rule"], "description": (
                        "listed: the recognizer names this credential; rule: it is only eligible "
                        "under the recognizer's rule, which gives no worth for it")},
                    "worth": {"anyOf": [{"$ref": "#/$defs/Worth"}, {"type": "null"}], "description": (
                        "what this one credential earns there, when the source says so; "
                        "always null for basis rule")}}}},
        },
    }
    definitions["Credential"]["required"].append("links")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": urls.file(SCHEMA),
        "title": "Educator micro-credential catalog",
        "type": "object",
        "required": [kind.folder for kind in kinds()],
        "properties": {
            "$schema": {"type": "string"},
            **{kind.folder: {"type": "array", "items": refs[(kind, "serialization")]}
               for kind in kinds()},
        },
        "$defs": definitions,
    }


_FORMULA = re.compile(r"(^|[,;|\t\"])(\s*)(?=[=+\-@\t\r])")


def _cell(value: str) -> str:
    """Keep spreadsheets from reading any part of a cell as a formula: an apostrophe goes before
    ``= + - @`` (or a tab) at its start and after every character a spreadsheet may split it on,
    since one set to split on semicolons reads ``;=1+1`` as two cells, the second a formula."""
    return _FORMULA.sub(r"\1\2'", value)


def catalog_csv(graph: Graph, urls: Urls) -> str:
    catalog: Catalog = graph.catalog
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for cid, links in graph.links.items():
        credential = catalog.credentials[cid]
        writer.writerow([_cell(value) for value in (
            credential.id,
            credential.title,
            catalog.categories[credential.category].title,
            "; ".join(stack.title for stack in links.stacks),
            "; ".join(place.pathway.title for place in links.pathways),
            "; ".join(catalog.standards[s].title for s in credential.standard_ids),
            f"{credential.estimated_hours:g}",
            urls.page(credential),
        )])
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (docs/api.md says so).
    return "\ufeff" + out.getvalue()
