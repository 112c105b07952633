"""Links between entities, computed once: each credential's stacks, pathways, recognizers..."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from .catalog import Catalog
from .models import Credential, Pathway, Recognizer, Stack, Worth
from .vocabulary import Phase, values


@dataclass(frozen=True)
class PathwayPlace:
    pathway: Pathway
    step: int
    total: int
    previous: tuple[str, ...]
    next: tuple[str, ...]
    requirement: str


Basis = Literal["listed", "rule"]


@dataclass(frozen=True)
class Recognition:
    """A recognizer's entry covers a credential: ``listed`` by name (with the worth its source gives
    that one credential, if any) or only eligible under its ``rule`` (never with a worth of its own)."""

    recognizer: Recognizer
    credential: Credential
    basis: Basis
    worth: Worth | None


@dataclass
class Links:
    stacks: list[Stack] = field(default_factory=list)
    pathways: list[PathwayPlace] = field(default_factory=list)
    related: list[Credential] = field(default_factory=list)
    recognitions: list[Recognition] = field(default_factory=list)
    successor_of: list[Credential] = field(default_factory=list)


@dataclass
class Graph:
    catalog: Catalog
    links: dict[str, Links]
    by_category: dict[str, list[Credential]]
    by_standard: dict[str, list[Credential]]
    by_issuer: dict[str, list[Credential]]
    recognized: dict[str, list[Recognition]]
    resource_phases: dict[str, list[str]]


def _title_key(credential: Credential) -> str:
    return credential.title.casefold()


def _recognized_by(catalog: Catalog, recognizer: Recognizer) -> list[Recognition]:
    chosen: dict[str, Recognition] = {}
    rule = recognizer.rule
    if rule is not None:
        for credential in catalog.credentials.values():
            if credential.status != "active":
                continue
            if rule.issuers and credential.issuer not in rule.issuers:
                continue
            if rule.categories and credential.category not in rule.categories:
                continue
            chosen[credential.id] = Recognition(recognizer, credential, "rule", None)
    for item in recognizer.credentials:
        credential = catalog.credentials[item.credential]
        chosen[item.credential] = Recognition(recognizer, credential, "listed", item.worth)
    return sorted(chosen.values(), key=lambda r: _title_key(r.credential))


def _resource_phases(catalog: Catalog) -> dict[str, list[str]]:
    """Each resource's planning phases: its own ``phase`` and every phase that cites it."""
    found = {rid: {r.phase} if r.phase else set() for rid, r in catalog.resources.items()}
    for phase in catalog.phases.values():
        for item in [*phase.big_questions, *phase.tasks]:
            for rid in item.resources:
                found[rid].add(phase.phase)
    return {rid: [p for p in values(Phase) if p in phases] for rid, phases in found.items()}


def build_graph(catalog: Catalog) -> Graph:
    credentials = catalog.credentials
    links = {cid: Links() for cid in sorted(credentials, key=lambda c: _title_key(credentials[c]))}
    by_category: dict[str, list[Credential]] = defaultdict(list)
    by_standard: dict[str, list[Credential]] = defaultdict(list)
    by_issuer: dict[str, list[Credential]] = defaultdict(list)
    related: dict[str, set[str]] = defaultdict(set)

    for credential in sorted(credentials.values(), key=_title_key):
        by_category[credential.category].append(credential)
        by_issuer[credential.issuer].append(credential)
        for standard in credential.standard_ids:
            by_standard[standard].append(credential)
        for other in credential.related:
            related[credential.id].add(other)
            related[other].add(credential.id)
        if credential.successor:
            links[credential.successor].successor_of.append(credential)

    for cid, others in related.items():
        links[cid].related = sorted((credentials[o] for o in others), key=_title_key)

    for stack in sorted(catalog.stacks.values(), key=lambda s: s.title.casefold()):
        if stack.status != "active":
            continue
        for cid in stack.credentials:
            links[cid].stacks.append(stack)

    for pathway in sorted(catalog.pathways.values(), key=lambda p: p.title.casefold()):
        total = len(pathway.steps)
        for index, step in enumerate(pathway.steps):
            previous = pathway.steps[index - 1].credentials if index else []
            following = pathway.steps[index + 1].credentials if index + 1 < total else []
            for cid in step.credentials:
                links[cid].pathways.append(PathwayPlace(
                    pathway, index + 1, total, tuple(previous), tuple(following),
                    step.requirement))

    recognized = {rid: _recognized_by(catalog, r) for rid, r in catalog.recognizers.items()}
    for rid in sorted(recognized, key=lambda r: catalog.recognizers[r].name.casefold()):
        for recognition in recognized[rid]:
            links[recognition.credential.id].recognitions.append(recognition)

    return Graph(catalog, links, dict(by_category), dict(by_standard), dict(by_issuer),
                 recognized, _resource_phases(catalog))
