"""The data behind a teacher's plan and the compare page, computed once per build.

The pages keep a plan in the reader's browser and only combine these files: ``index.json`` lists
every credential, every active stack (a plan never suggests a retired one) and every pathway step
(with what covers it), and one file per credential holds its facts and its evidence checklist. The
printed plan takes each credential's submission requirements and scoring guides from the
credential's own page.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .graph import Graph
from .models import Credential, Entity, Pathway, PathwayStep, Stack, Standard
from .pages import entity_url
from .vocabulary import label

PLAN_DIR = "assets/catalog/plan/"
INDEX_URI = f"{PLAN_DIR}index.json"


def credential_path(credential_id: str) -> str:
    return f"{PLAN_DIR}{credential_id}.json"


def checklist(credential: Credential) -> list[dict[str, str]]:
    """What a teacher collects before submitting, each with a key that stays put across builds."""
    submission = credential.submission
    questions = len(submission.overview_questions)
    items = [{"key": "overview", "text": "Answer to the overview question" if questions == 1
              else f"Answers to the {questions} overview questions"}]
    for number, part in enumerate(submission.evidence, 1):
        kinds = ", ".join(label(kind).lower() for kind in part.artifact_kinds)
        items.append({"key": f"part-{number}", "text": f"Part {number}: {part.name} ({kinds})"})
    if submission.reflection:
        prompts = len(submission.reflection)
        items.append({"key": "reflection", "text": "Answer to the reflection prompt" if prompts == 1
                      else f"Answers to the {prompts} reflection prompts"})
    return items


def criteria_to_meet(credential: Credential) -> int:
    """How many criteria the passing levels of all its scoring guides hold."""
    return sum(len(level.criteria) for part in credential.submission.evidence
               for level in part.scoring_guide if level.passing)


def _link(title: str, url: str) -> dict[str, str]:
    return {"title": title, "url": url}


def credential_data(catalog: Catalog, graph: Graph, credential: Credential) -> dict[str, Any]:
    links = graph.links[credential.id]
    category = catalog.categories[credential.category]
    successor = catalog.credentials.get(credential.successor or "")
    earn = catalog.earn_url(credential)
    return {
        "id": credential.id,
        "title": credential.title,
        "url": entity_url(credential),
        "summary": credential.summary,
        "status": credential.status,
        "successor": _link(successor.title, entity_url(successor)) if successor else None,
        "category": _link(category.title, entity_url(category)),
        "hours": credential.estimated_hours,
        "evidence": [label(kind) for kind in credential.artifact_kinds],
        "parts": len(credential.submission.evidence),
        "criteria": criteria_to_meet(credential),
        "stacks": [_link(stack.title, entity_url(stack)) for stack in links.stacks],
        "pathways": [{**_link(place.pathway.title, entity_url(place.pathway)),
                      "place": f"step {place.step} of {place.total}, {label(place.requirement).lower()}"}
                     for place in links.pathways],
        "standards": [_link(standard.title, entity_url(standard))
                      for standard in (catalog.of(Standard)[sid] for sid in credential.standard_ids)],
        "recognitions": [{"name": r.recognizer.name, "url": entity_url(r.recognizer),
                          "basis": "named" if r.basis == "listed" else "eligible"}
                         for r in links.recognitions],
        "checklist": checklist(credential),
        "earn": {"url": earn, "issuer": catalog.issuers[credential.issuer].name} if earn else None,
    }


def _pathways_in_order(catalog: Catalog) -> list[Pathway]:
    """Every pathway after the pathways its steps name, so each can be judged complete in turn."""
    ordered: list[Pathway] = []
    seen: set[str] = set()

    def visit(pathway: Pathway) -> None:
        if pathway.id in seen:
            return
        seen.add(pathway.id)
        for step in pathway.steps:
            if step.pathway:
                visit(catalog.pathways[step.pathway])
        ordered.append(pathway)

    for pathway in sorted(catalog.pathways.values(), key=lambda p: p.title.casefold()):
        visit(pathway)
    return ordered


def _step(catalog: Catalog, step: PathwayStep) -> dict[str, Any]:
    named = catalog.pathways[step.pathway].title if step.pathway else None
    return {"title": step.title or named, "credentials": list(step.credentials), "needed": step.needed,
            "pathway": step.pathway, "required": step.requirement == "required"}


def index_data(catalog: Catalog) -> dict[str, Any]:
    """What a plan is measured against: each active stack's credentials and each pathway step's.

    A step of credentials is covered by ``needed`` of them; a step that names a pathway, once
    every required step of that pathway is covered (pathways come after those they name).
    """
    credentials = sorted(catalog.credentials.values(), key=lambda c: c.title.casefold())
    return {
        "credentials": {c.id: c.title for c in credentials},
        "stacks": [{**_link(s.title, entity_url(s)), "credentials": list(s.credentials)}
                   for s in sorted(catalog.stacks.values(), key=lambda s: s.title.casefold())
                   if s.status == "active"],
        "pathways": [{"id": p.id, **_link(p.title, entity_url(p)), "retired": p.status == "retired",
                      "steps": [_step(catalog, step) for step in p.steps]}
                     for p in _pathways_in_order(catalog)],
    }


@dataclass(frozen=True)
class PlanGroup:
    """What a stack's or a pathway's "add its credentials to my plan" button adds, and its wording."""

    ids: list[str]
    noun: str
    choices: bool = False
    """Some step lets the teacher choose: every option is added, to keep the one they take."""

    @property
    def add(self) -> str:
        return f"Add this {self.noun}'s credentials to my plan"

    @property
    def remove(self) -> str:
        return "All in my plan \u2014 remove them"

    @property
    def remove_name(self) -> str:
        """What the remove button's name adds for a screen reader: whose credentials."""
        return f": this {self.noun}'s credentials"


def _steps(catalog: Catalog, pathway: Pathway) -> Iterator[PathwayStep]:
    """A pathway's steps of credentials in order, a named pathway's steps in its place."""
    for step in pathway.steps:
        if step.pathway:
            yield from _steps(catalog, catalog.pathways[step.pathway])
        else:
            yield step


def plan_group(catalog: Catalog, entity: Entity) -> PlanGroup | None:
    """The credentials a plan can take from an active stack (in its order) or pathway (step by
    step, a named pathway's in its place), leaving out retired ones; None when there are none."""
    if getattr(entity, "status", "active") != "active":
        return None
    if isinstance(entity, Stack):
        ids, noun, choices = list(entity.credentials), "stack", False
    elif isinstance(entity, Pathway):
        steps = list(_steps(catalog, entity))
        ids = list(dict.fromkeys(cid for step in steps for cid in step.credentials))
        noun, choices = "pathway", any(step.needed < len(step.credentials) for step in steps)
    else:
        return None
    ids = [cid for cid in ids if catalog.credentials[cid].status == "active"]
    return PlanGroup(ids, noun, choices) if ids else None


def plan_files(catalog: Catalog, graph: Graph) -> Iterator[tuple[str, str]]:
    """(path in the site, JSON) for the index and each credential's file."""
    yield INDEX_URI, _json(index_data(catalog))
    for credential in catalog.credentials.values():
        yield credential_path(credential.id), _json(credential_data(catalog, graph, credential))


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
