"""CTDL (Credential Engine) JSON-LD: credentials, stacks as part/whole, pathways with their steps."""

import uuid
from itertools import pairwise
from typing import Any

from ..graph import Graph
from ..models import Credential, Entity, Pathway, PathwayStep, Stack
from .openbadges import LANGUAGE
from .urls import Urls

CONTEXT = "https://credreg.net/ctdl/schema/context/json"


def path(entity: Entity) -> str:
    return f"ctdl/{entity.folder}/{entity.id}.json"


def ctid(urls: Urls, entity: Entity) -> str:
    """A stable Credential Transparency Identifier derived from the entity's page address."""
    return f"ce-{uuid.uuid5(uuid.NAMESPACE_URL, urls.page(entity))}"


def _text(value: str) -> dict[str, str]:
    return {LANGUAGE: value}


def _common(urls: Urls, entity: Entity, kind: str, name: str, description: str) -> dict[str, Any]:
    return {
        "@id": urls.file(path(entity)),
        "@type": kind,
        "ceterms:ctid": ctid(urls, entity),
        "ceterms:name": _text(name),
        "ceterms:description": _text(description),
        "ceterms:subjectWebpage": urls.page(entity),
    }


def credential(graph: Graph, urls: Urls, item: Credential) -> dict[str, Any]:
    catalog = graph.catalog
    links = graph.links[item.id]
    issuer = urls.page(catalog.issuers[item.issuer])
    node = {
        "@context": CONTEXT,
        **_common(urls, item, "ceterms:MicroCredential", item.title, item.summary),
        "ceterms:inLanguage": [LANGUAGE],
        "ceterms:ownedBy": [issuer],
        "ceterms:offeredBy": [issuer],
        "ceterms:keyword": {LANGUAGE: [catalog.categories[item.category].title]},
        "ceterms:versionIdentifier": [{
            "@type": "ceterms:IdentifierValue",
            "ceterms:identifierTypeName": {LANGUAGE: "Catalog version"},
            "ceterms:identifierValueCode": item.version,
        }],
    }
    if links.stacks:
        node["ceterms:isPartOf"] = [urls.file(path(stack)) for stack in links.stacks]
    return node


def stack(graph: Graph, urls: Urls, item: Stack) -> dict[str, Any]:
    credentials = graph.catalog.credentials
    return {
        "@context": CONTEXT,
        **_common(urls, item, "ceterms:Credential", item.title, item.summary),
        "ceterms:hasPart": [urls.file(path(credentials[cid])) for cid in item.credentials],
    }


def _step_components(graph: Graph, urls: Urls, pathway_id: str, number: int,
                     step: PathwayStep) -> list[dict[str, Any]]:
    catalog = graph.catalog
    if step.pathway:
        target = catalog.pathways[step.pathway]
        return [{"@id": f"{pathway_id}#step-{number}-{target.id}", "@type": "ceterms:BasicComponent",
                 "ceterms:name": _text(f"Complete the {target.title} pathway"),
                 "ceterms:proxyFor": urls.file(path(target))}]
    return [{"@id": f"{pathway_id}#step-{number}-{cid}", "@type": "ceterms:CredentialComponent",
             "ceterms:name": _text(catalog.credentials[cid].title),
             "ceterms:proxyFor": urls.file(path(catalog.credentials[cid]))}
            for cid in step.credentials]


def pathway(graph: Graph, urls: Urls, item: Pathway) -> dict[str, Any]:
    node = _common(urls, item, "ceterms:Pathway", item.title, item.summary)
    ident = node["@id"]
    steps = [_step_components(graph, urls, ident, n, step) for n, step in enumerate(item.steps, 1)]
    for components, following in pairwise(steps):
        for component in components:
            component["ceterms:precedes"] = [c["@id"] for c in following]
    conditions = []
    for n, (step, components) in enumerate(zip(item.steps, steps, strict=True), 1):
        condition = {
            "@type": "ceterms:ComponentCondition",
            "ceterms:name": _text(f"Step {n} ({step.requirement})"
                                  + (f": {step.title}" if step.title else "")),
            "ceterms:requiredNumber": step.needed if step.requirement == "required" else 0,
            "ceterms:targetComponent": [c["@id"] for c in components],
        }
        if step.note:
            condition["ceterms:description"] = _text(step.note)
        conditions.append(condition)
    destination = {
        "@id": f"{ident}#complete", "@type": "ceterms:BasicComponent",
        "ceterms:name": _text(f"Complete {item.title}"),
        "ceterms:isDestinationComponentOf": ident,
        "ceterms:hasCondition": conditions,
    }
    components = [c for step_components in steps for c in step_components]
    node["ceterms:hasDestinationComponent"] = destination["@id"]
    node["ceterms:hasPart"] = [c["@id"] for c in [*components, destination]]
    return {"@context": CONTEXT, "@graph": [node, *components, destination]}
