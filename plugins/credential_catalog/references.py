"""Checks across files: references resolve, pathways have no cycles, nothing contradicts."""

from collections.abc import Collection, Iterator
from typing import Any

from pydantic import BaseModel

from .catalog import Catalog
from .models import KINDS, Credential, Entity, Pathway, ctids
from .problems import Problem, format_path, suggest

# For each kind: which fields hold ids of which kind ("*" = every item of a list).
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "credentials": (
        ("category", "categories"),
        ("resources.*", "resources"),
        ("related.*", "credentials"),
        ("standards.*", "standards"),
        ("issuer", "issuers"),
        ("successor", "credentials"),
    ),
    "stacks": (("credentials.*", "credentials"), ("category", "categories")),
    "pathways": (("steps.*.credentials.*", "credentials"), ("steps.*.pathway", "pathways")),
    "issuers": (("website", "resources"), ("earn_at", "resources")),
    "recognizers": (
        ("sources.*", "resources"),
        ("rule.issuers.*", "issuers"),
        ("rule.categories.*", "categories"),
        ("credentials.*.credential", "credentials"),
    ),
    "phases": (("big_questions.*.resources.*", "resources"), ("tasks.*.resources.*", "resources")),
}

_PATTERNS = {folder: tuple((field.split("."), target) for field, target in fields)
             for folder, fields in REFERENCES.items()}

SINGULAR = {kind.folder: kind.__name__.lower() for kind in KINDS} | {"phases": "planning phase"}

Path_ = tuple[str | int, ...]


def _walk(data: Any, pattern: list[str], path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if not pattern:
        if data is not None:
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data or []):
            yield from _walk(item, rest, (*path, index))
    elif isinstance(data, BaseModel):
        yield from _walk(getattr(data, head), rest, (*path, head))


def references(entity: Entity) -> Iterator[tuple[Path_, str, str]]:
    """Every (field path, target kind, target id) that ``entity`` refers to."""
    for field, target in _PATTERNS.get(entity.folder, ()):
        for path, value in _walk(entity, field):
            yield path, target, value


def check(catalog: Catalog, known: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """Problems across files; ids in ``known`` exist even if their own file failed to load."""
    problems: list[Problem] = []

    def report(entity: Entity, path: Path_, message: str) -> None:
        source = catalog.source(entity)
        line, column = source.document.mark(path)
        problems.append(Problem(source.display, line, column, format_path(path), message))

    for kind, entities in catalog.entities.items():
        for entity in entities.values():
            for path, target, value in references(entity):
                targets = catalog.entities[target]
                if value not in targets and (target, value) not in known:
                    report(entity, path, f"unknown {SINGULAR[target]} {value!r}{suggest(value, targets)}")
                elif target == "credentials" and value == entity.id and kind == "credentials":
                    report(entity, path, "a credential cannot refer to itself")
            for path, message in _duplicates(entity):
                report(entity, path, message)

    for credential in catalog.credentials.values():
        successor = catalog.credentials.get(credential.successor or "")
        if successor is not None and successor.status == "retired":
            report(credential, ("successor",), f"successor {successor.id!r} is itself retired")

    for pathway in catalog.pathways.values():
        for path, message in _retired_steps(catalog, pathway):
            report(pathway, path, message)
    for pathway, path, message in _cycles(catalog):
        report(pathway, path, message)
    _unique_numbers(catalog, report)
    _unique_ctids(catalog, report)
    return problems


def _unique_ctids(catalog: Catalog, report: Any) -> None:
    seen: dict[str, str] = {}
    for folder in sorted(catalog.entities):
        for entity_id in sorted(catalog.entities[folder]):
            entity = catalog.entities[folder][entity_id]
            for path, ctid in ctids(entity):
                where = f"{catalog.source(entity).display} ({format_path(path)})"
                if ctid in seen:
                    report(entity, path, f"CTID {ctid} is already used by {seen[ctid]}; each "
                           "credential, stack, pathway component and organization has its own")
                else:
                    seen[ctid] = where


def _duplicates(entity: Entity) -> Iterator[tuple[Path_, str]]:
    lists: dict[str, list[str]] = {}
    if isinstance(entity, Credential):
        lists = {"related": entity.related, "standards": entity.standards,
                 "resources": entity.resources}
    elif entity.folder == "stacks":
        lists = {"credentials": entity.credentials}  # type: ignore[attr-defined]
    elif isinstance(entity, Pathway):
        seen: dict[str, Path_] = {}
        for s, step in enumerate(entity.steps):
            for c, credential in enumerate(step.credentials):
                if credential in seen:
                    yield ("steps", s, "credentials", c), (
                        f"{credential!r} is already in step {seen[credential][1] + 1}")
                seen.setdefault(credential, ("steps", s))
    for field, values in lists.items():
        firsts: set[str] = set()
        for index, value in enumerate(values):
            if value in firsts:
                yield (field, index), f"{value!r} is listed twice"
            firsts.add(value)


def _retired_steps(catalog: Catalog, pathway: Pathway) -> Iterator[tuple[Path_, str]]:
    if pathway.status != "active":
        return
    for s, step in enumerate(pathway.steps):
        if step.requirement != "required":
            continue
        active = [c for c in step.credentials
                  if c in catalog.credentials and catalog.credentials[c].status == "active"]
        for c, credential_id in enumerate(step.credentials):
            credential = catalog.credentials.get(credential_id)
            if credential and credential.status == "retired" and len(active) < step.needed:
                successor = f"; its successor is {credential.successor!r}" if \
                    credential.successor else ""
                yield ("steps", s, "credentials", c), (
                    f"retired credential {credential_id!r} is still required by this active "
                    f"pathway{successor}")
        nested = catalog.pathways.get(step.pathway or "")
        if nested is not None and nested.status == "retired":
            yield ("steps", s, "pathway"), f"retired pathway {nested.id!r} is still required"


def _cycles(catalog: Catalog) -> Iterator[tuple[Pathway, Path_, str]]:
    state: dict[str, int] = {}
    found: list[tuple[Pathway, Path_, str]] = []
    for pathway_id in sorted(catalog.pathways):
        if pathway_id not in state:
            _visit(catalog, pathway_id, state, [], found)
    yield from found


def _visit(catalog: Catalog, pathway_id: str, state: dict[str, int], stack: list[str],
           found: list[tuple[Pathway, Path_, str]]) -> None:
    # A module-level function, not a nested recursive one: that would be a reference cycle
    # holding the whole catalog until the next full garbage collection.
    state[pathway_id] = 1
    stack.append(pathway_id)
    pathway = catalog.pathways[pathway_id]
    for s, step in enumerate(pathway.steps):
        target = step.pathway
        if target is None or target not in catalog.pathways:
            continue
        if state.get(target) == 1:
            cycle = [*stack[stack.index(target):], target]
            found.append((pathway, ("steps", s, "pathway"),
                          "pathways form a cycle: " + " → ".join(cycle)))
        elif target not in state:
            _visit(catalog, target, state, stack, found)
    stack.pop()
    state[pathway_id] = 2


def _unique_numbers(catalog: Catalog, report: Any) -> None:
    for folder in ("categories", "standards", "phases"):
        seen: dict[int, str] = {}
        for entity in sorted(catalog.entities[folder].values(), key=lambda e: e.id):
            number = entity.number  # type: ignore[attr-defined]
            if number in seen:
                report(entity, ("number",), f"number {number} is already used by {seen[number]!r}")
            seen[number] = entity.id
