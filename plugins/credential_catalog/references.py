"""Checks across files: references resolve, pathways have no cycles, nothing contradicts."""

import types
from collections.abc import Collection, Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .catalog import Catalog
from .models import KIND_BY_FOLDER, Credential, Entity, Pathway, Ref, SearchWords, Stack, ctids, kinds
from .problems import Problem, format_path, suggest
from .terms import keyword_problems
from .terms import problems as search_word_problems

Pattern = tuple[str, ...]
"""Where in an entity a reference sits: field names, and "*" for every item of a list."""
Path_ = tuple[str | int, ...]


@cache
def reference_fields(model: type[BaseModel]) -> tuple[tuple[Pattern, str], ...]:
    """Every field of ``model``, nested models and lists included, that its type marks as a
    ``Ref``, with the folder of the kind it names."""
    return tuple(found for name, field in model.model_fields.items()
                 for found in _refs(field.annotation, tuple(field.metadata), (name,)))


def _refs(annotation: Any, metadata: tuple[Any, ...], pattern: Pattern) -> list[tuple[Pattern, str]]:
    ref = next((item for item in metadata if isinstance(item, Ref)), None)
    if ref is not None:
        return [(pattern, ref.folder)]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _refs(args[0], args[1:], pattern)
    if origin in (Union, types.UnionType):
        return [found for arg in args for found in _refs(arg, (), pattern)]
    if origin is list:
        return _refs(args[0], (), (*pattern, "*"))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [((*pattern, *inner), folder) for inner, folder in reference_fields(annotation)]
    return []


def field_name(kind: type[Entity], pattern: Pattern) -> str:
    """How the graph names a reference field: ``stacks.category``, ``pathways.steps.credentials``."""
    return ".".join((kind.folder, *(part for part in pattern if part != "*")))


def _walk(data: Any, pattern: Pattern, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
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


def references(entity: Entity) -> Iterator[tuple[Pattern, Path_, str, str]]:
    """Every reference in ``entity``: its field's pattern, its path, the kind it names and the id."""
    for pattern, target in reference_fields(type(entity)):
        for path, value in _walk(entity, pattern):
            yield pattern, path, target, value


def check(catalog: Catalog, known: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """Problems across files; ids in ``known`` exist even if their own file failed to load."""
    problems: list[Problem] = []

    def report(entity: Entity, path: Path_, message: str) -> None:
        source = catalog.source(entity)
        line, column = source.document.mark(path)
        problems.append(Problem(source.display, line, column, format_path(path), message))

    for entities in catalog.entities.values():
        for entity in entities.values():
            for _, path, target, value in references(entity):
                targets = catalog.entities[target]
                if value not in targets and (target, value) not in known:
                    singular = KIND_BY_FOLDER[target].singular
                    report(entity, path, f"unknown {singular} {value!r}{suggest(value, targets)}")
                elif target == entity.folder and value == entity.id:
                    report(entity, path, f"a {entity.singular} cannot refer to itself")
            for path, message in _duplicates(entity):
                report(entity, path, message)

    for credential in catalog.credentials.values():
        successor = catalog.credentials.get(credential.successor or "")
        if successor is not None and successor.status == "retired":
            report(credential, ("successor",), f"successor {successor.id!r} is itself retired")

    copies = _category_members(catalog)
    for stack in catalog.stacks.values():
        for path, message in _stack_rules(catalog, stack, copies):
            report(stack, path, message)
    for credential, path, message in _repeated_reasons(catalog):
        report(credential, path, message)

    for pathway in catalog.pathways.values():
        for path, message in _retired_steps(catalog, pathway):
            report(pathway, path, message)
    for pathway, path, message in _cycles(catalog):
        report(pathway, path, message)
    _unique_numbers(catalog, report)
    _unique_ctids(catalog, report)
    for words_list, path, message in search_word_problems(list(catalog.of(SearchWords).values())):
        report(words_list, path, message)
    for credential, path, message in keyword_problems(list(catalog.credentials.values())):
        report(credential, path, message)
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
    """The same id twice in one list of references, or in two steps of a pathway."""
    firsts: set[tuple[Path_, Path_, str]] = set()
    for pattern, path, _, value in references(entity):
        if "*" not in pattern:
            continue
        last = max(i for i, part in enumerate(path) if isinstance(part, int))
        key = (path[:last], path[last + 1:], value)
        if key in firsts:
            yield path, f"{value!r} is listed twice"
        firsts.add(key)
    if isinstance(entity, Pathway):
        seen: dict[str, Path_] = {}
        for s, step in enumerate(entity.steps):
            for c, credential in enumerate(step.credentials):
                if credential in seen:
                    yield ("steps", s, "credentials", c), (
                        f"{credential!r} is already in step {seen[credential][1] + 1}")
                seen.setdefault(credential, ("steps", s))


def _category_members(catalog: Catalog) -> dict[frozenset[str], str]:
    """Each category's credentials, all of them and the active ones, as sets: the stacks that copy one."""
    everyone: dict[str, set[str]] = {c: set() for c in catalog.categories}
    active: dict[str, set[str]] = {c: set() for c in catalog.categories}
    for credential in catalog.credentials.values():
        if credential.category in everyone:
            everyone[credential.category].add(credential.id)
            if credential.status == "active":
                active[credential.category].add(credential.id)
    copies: dict[frozenset[str], str] = {}
    for category in catalog.categories:
        for members in (everyone[category], active[category]):
            copies.setdefault(frozenset(members), category)
    return copies


def _stack_rules(catalog: Catalog, stack: Stack,
                 copies: dict[frozenset[str], str]) -> Iterator[tuple[Path_, str]]:
    for index, successor_id in enumerate(stack.successors):
        successor = catalog.stacks.get(successor_id)
        if successor is not None and successor.status == "retired":
            yield ("successors", index), f"successor {successor_id!r} is itself retired"
    if stack.status != "active":
        return
    category = copies.get(frozenset(stack.credentials))
    if category is not None:
        yield ("credentials",), (
            f"these are exactly the credentials of the category {category!r}, which its page "
            "already lists: a stack answers a need, so choose the credentials for that need")


def _repeated_reasons(catalog: Catalog) -> Iterator[tuple[Credential, Path_, str]]:
    """A reason says why this credential supports the standard, so two credentials never share one."""
    first: dict[tuple[str, str], str] = {}
    for credential_id in sorted(catalog.credentials):
        credential = catalog.credentials[credential_id]
        for index, alignment in enumerate(credential.standards):
            key = (alignment.standard, " ".join(alignment.reason.casefold().split()))
            if key in first:
                yield credential, ("standards", index, "reason"), (
                    f"the same reason is given for {first[key]!r}: say why this credential "
                    f"supports {alignment.standard!r}")
            first.setdefault(key, credential_id)


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
        if target is None or target == pathway_id or target not in catalog.pathways:
            continue  # a pathway naming itself is reported as such
        if state.get(target) == 1:
            cycle = [*stack[stack.index(target):], target]
            found.append((pathway, ("steps", s, "pathway"),
                          "pathways form a cycle: " + " → ".join(cycle)))
        elif target not in state:
            _visit(catalog, target, state, stack, found)
    stack.pop()
    state[pathway_id] = 2


def _unique_numbers(catalog: Catalog, report: Any) -> None:
    """Kinds that are numbered (categories, standards...) number each entity differently."""
    for kind in (kind for kind in kinds() if "number" in kind.model_fields):
        seen: dict[int, str] = {}
        for entity in sorted(catalog.entities[kind.folder].values(), key=lambda e: e.id):
            number = entity.number  # type: ignore[attr-defined]
            if number in seen:
                report(entity, ("number",), f"number {number} is already used by {seen[number]!r}")
            seen[number] = entity.id
