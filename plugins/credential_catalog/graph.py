"""Links between entities, computed once: each credential's stacks, pathways, recognizers..."""

from dataclasses import dataclass, field
from typing import Literal, cast

from .catalog import Catalog
from .models import Credential, Entity, Pathway, Recognizer, Resource, Stack, Worth, kinds
from .pages import entity_title
from .references import field_name, reference_fields, references
from .vocabulary import Phase, label, values


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


@dataclass(frozen=True)
class Suggestion:
    """A credential to earn after another: the next step of a pathway, or a stack's next member."""

    credential: Credential
    place: PathwayPlace | None = None
    """The pathway place it was suggested from (the step before its own), if any."""
    stack: Stack | None = None


NEXT_SUGGESTIONS = 6
FEATURED_STACKS = 4


@dataclass
class Links:
    stacks: list[Stack] = field(default_factory=list)
    pathways: list[PathwayPlace] = field(default_factory=list)
    related: list[Credential] = field(default_factory=list)
    recognitions: list[Recognition] = field(default_factory=list)
    successor_of: list[Credential] = field(default_factory=list)


Backrefs = dict[str, dict[str, list[Entity]]]
"""For each reference field (``stacks.category``), the entities naming each id, by title."""


@dataclass
class Graph:
    catalog: Catalog
    links: dict[str, Links]
    backrefs: Backrefs
    ordered: dict[str, list[Entity]]
    """Each kind's entities in the order lists show them: by number where they have one, else by title."""
    recognized: dict[str, list[Recognition]]
    listed: dict[str, list[Recognition]]
    """Per recognizer, the credentials it names."""
    eligible: dict[str, list[Recognition]]
    """Per recognizer, the credentials only its rule covers."""
    stack_hours: dict[str, float]
    resource_phases: dict[str, list[str]]
    resource_types: list[str]
    """The resource types in use, sorted."""
    good_first: dict[str, Pathway | None]
    """Active credentials that are a good first credential: the first step of an active pathway
    (that pathway), or short and never after another step of a pathway (None)."""
    next_up: dict[str, list[Suggestion]]
    """Per credential, what to earn next: the next step of each of its pathways, then the members
    of its stacks in the order each lists them from it (each stack's next, then the one after),
    at most ``NEXT_SUGGESTIONS``."""

    @property
    def active_stacks(self) -> list[Stack]:
        """The stacks offered to teachers, by title: a retired stack keeps its page but is offered nowhere."""
        return [stack for stack in cast(list[Stack], self.ordered["stacks"]) if stack.status == "active"]

    @property
    def featured_stacks(self) -> list[Stack]:
        """The home page's few stacks: the first active ones by title, each answering a need it states."""
        return self.active_stacks[:FEATURED_STACKS]

    def phase_name(self, code: str) -> str:
        """A planning phase as the planning page heads it ("1. Understanding your why")."""
        phase = next((p for p in self.catalog.phases.values() if p.phase == code), None)
        return f"{phase.number}. {phase.title}" if phase else label(code)

    def stacks_drawing_on(self, category: Entity) -> list[Stack]:
        """The active stacks with at least one credential of ``category``, by title."""
        members = {credential.id for credential in self.by_category.get(category.id, [])}
        return [stack for stack in self.active_stacks if members & set(stack.credentials)]

    def referring(self, name: str, entity: Entity) -> list[Entity]:
        """The entities whose reference field ``name`` (``stacks.category``) names ``entity``, by title."""
        return self.backrefs[name].get(entity.id, [])

    def named(self, entity: Entity, name: str) -> list[Entity]:
        """The entities ``entity``'s reference field ``name`` (``credentials``) names, in its order."""
        return [self.catalog.entities[target][value] for pattern, _, target, value in references(entity)
                if field_name(type(entity), pattern) == f"{entity.folder}.{name}"]

    def _credentials(self, name: str) -> dict[str, list[Credential]]:
        return cast(dict[str, list[Credential]], self.backrefs[name])

    @property
    def by_category(self) -> dict[str, list[Credential]]:
        return self._credentials("credentials.category")

    @property
    def by_standard(self) -> dict[str, list[Credential]]:
        return self._credentials("credentials.standards.standard")

    @property
    def by_issuer(self) -> dict[str, list[Credential]]:
        return self._credentials("credentials.issuer")


def title_key(entity: Entity) -> str:
    return entity_title(entity).casefold()


def _order(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (getattr(e, "number", 0), title_key(e), e.id))


def _backrefs(catalog: Catalog) -> Backrefs:
    found: dict[str, dict[str, dict[str, Entity]]] = {
        field_name(kind, pattern): {} for kind in kinds() for pattern, _ in reference_fields(kind)}
    for entities in catalog.entities.values():
        for entity in entities.values():
            for pattern, _, _, value in references(entity):
                found[field_name(type(entity), pattern)].setdefault(value, {})[entity.id] = entity
    return {name: {target: sorted(by_id.values(), key=lambda e: (title_key(e), e.id))
                   for target, by_id in targets.items()}
            for name, targets in found.items()}


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
    return sorted(chosen.values(), key=lambda r: title_key(r.credential))


def _resource_phases(catalog: Catalog) -> dict[str, list[str]]:
    """Each resource's planning phases: its own ``phase`` and every phase that cites it."""
    found = {rid: {r.phase} if r.phase else set() for rid, r in catalog.resources.items()}
    for phase in catalog.phases.values():
        for item in [*phase.big_questions, *phase.tasks]:
            for rid in item.resources:
                found[rid].add(phase.phase)
    return {rid: [p for p in values(Phase) if p in phases] for rid, phases in found.items()}


def _good_first(catalog: Catalog, links: dict[str, Links]) -> dict[str, Pathway | None]:
    """The first step of an active pathway; or an estimate at most the lower quartile's with no
    pathway step before it."""
    active = [c for c in catalog.credentials.values() if c.status == "active"]
    if not active:
        return {}
    short = sorted(c.estimated_hours for c in active)[len(active) // 4]
    found: dict[str, Pathway | None] = {}
    for credential in sorted(active, key=title_key):
        places = [p for p in links[credential.id].pathways if p.pathway.status == "active"]
        starts = [p.pathway for p in places if p.step == 1]
        if starts:
            found[credential.id] = starts[0]
        elif credential.estimated_hours <= short and not places:
            found[credential.id] = None
    return found


def _next_up(catalog: Catalog, credential: Credential, link: Links) -> list[Suggestion]:
    found: dict[str, Suggestion] = {}

    def offer(cid: str, suggestion: Suggestion) -> None:
        other = catalog.credentials[cid]
        if cid != credential.id and other.status == "active":
            found.setdefault(cid, suggestion)

    for place in link.pathways:
        if place.pathway.status == "active":
            for cid in place.next:
                offer(cid, Suggestion(catalog.credentials[cid], place=place))
    rounds = [(stack, stack.credentials[at + 1:] + stack.credentials[:at])
              for stack in link.stacks for at in [stack.credentials.index(credential.id)]]
    for k in range(max((len(following) for _, following in rounds), default=0)):
        for stack, following in rounds:
            if k < len(following):
                offer(following[k], Suggestion(catalog.credentials[following[k]], stack=stack))
    return list(found.values())[:NEXT_SUGGESTIONS]


def build_graph(catalog: Catalog) -> Graph:
    credentials = catalog.credentials
    backrefs = _backrefs(catalog)
    links = {cid: Links() for cid in sorted(credentials, key=lambda c: title_key(credentials[c]))}

    for cid, link in links.items():
        credential = credentials[cid]
        named_by = cast(list[Credential], backrefs["credentials.related"].get(cid, []))
        related = {c.id: c for c in [*(credentials[o] for o in credential.related), *named_by]}
        link.related = sorted(related.values(), key=title_key)
        link.stacks = [stack for stack in cast(list[Stack], backrefs["stacks.credentials"].get(cid, []))
                       if stack.status == "active"]
        link.successor_of = cast(list[Credential], backrefs["credentials.successor"].get(cid, []))

    for pathway in sorted(catalog.pathways.values(), key=title_key):
        total = len(pathway.steps)
        for index, step in enumerate(pathway.steps):
            previous = pathway.steps[index - 1].credentials if index else []
            following = pathway.steps[index + 1].credentials if index + 1 < total else []
            for cid in step.credentials:
                links[cid].pathways.append(PathwayPlace(
                    pathway, index + 1, total, tuple(previous), tuple(following),
                    step.requirement))

    recognized = {rid: _recognized_by(catalog, r) for rid, r in catalog.recognizers.items()}
    for rid in sorted(recognized, key=lambda r: title_key(catalog.recognizers[r])):
        for recognition in recognized[rid]:
            links[recognition.credential.id].recognitions.append(recognition)

    resources: list[Resource] = list(catalog.resources.values())
    return Graph(
        catalog, links, backrefs,
        ordered={folder: _order(list(entities.values())) for folder, entities in catalog.entities.items()},
        recognized=recognized,
        listed={rid: [r for r in found if r.basis == "listed"] for rid, found in recognized.items()},
        eligible={rid: [r for r in found if r.basis == "rule"] for rid, found in recognized.items()},
        stack_hours={sid: sum(credentials[cid].estimated_hours for cid in stack.credentials)
                     for sid, stack in catalog.stacks.items()},
        resource_phases=_resource_phases(catalog),
        resource_types=sorted({resource.type for resource in resources}),
        good_first=_good_first(catalog, links),
        next_up={cid: _next_up(catalog, credentials[cid], link) for cid, link in links.items()})
