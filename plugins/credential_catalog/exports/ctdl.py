"""CTDL (Credential Engine) JSON-LD, shaped by the Registry's minimum data policy.

Credentials are ``ceterms:MicroCredential``s owned and offered by their issuer's
``ceterms:CredentialOrganization``; recognizers are organizations too. A stack awards nothing of
its own, so it is a ``ceterms:Collection`` of credentials, not a credential. A pathway is a
``ceterms:Pathway`` whose components stand for its credentials, with a destination component whose
``ceterms:ComponentCondition``s say how many of each step are needed. Every CTID is the one stored
in the YAML: none is derived from an address, so moving the site changes none.
"""

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..badges import badge_path
from ..graph import Graph
from ..models import Credential, Entity, Issuer, Pathway, PathwayStep, Recognizer, Stack
from ..vocabulary import IssuerKind, RecognizerKind
from .openbadges import LANGUAGE
from .urls import Urls

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
PUBLISHER = "ctdl/publisher.json"
STATUS_FRAMEWORK = "https://credreg.net/ctdl/terms/CredentialStatus"
SECTOR_FRAMEWORK = "https://credreg.net/ctdl/terms/AgentSector"
LIFE_CYCLE_FRAMEWORK = "https://credreg.net/ctdl/terms/LifeCycleStatus"
STATUS = {"active": ("credentialStat:Active", "Active"),
          "retired": ("credentialStat:Deprecated", "Deprecated")}
"""A retired credential is no longer awarded: CTDL's Deprecated status."""
LIFE_CYCLE = {"active": ("lifeCycle:Active", "Active"), "retired": ("lifeCycle:Ceased", "Ceased")}
"""A retired stack or pathway is no longer offered: CTDL's Ceased life-cycle status."""
SECTORS: dict[str, tuple[str, str]] = {
    "nonprofit": ("agentSector:PrivateNonProfit", "Private Not-For-Profit"),
    "company": ("agentSector:PrivateForProfit", "Private For-Profit"),
    "district": ("agentSector:Public", "Public"),
    "state": ("agentSector:Public", "Public"),
}
"""Only the kinds whose sector follows from the kind itself (an association may be either)."""


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site: the owner of the catalog's own stacks and pathways."""

    ctid: str
    name: str
    description: str


def path(entity: Entity) -> str:
    return f"ctdl/{entity.folder}/{entity.id}.json"


def _text(value: str) -> dict[str, str]:
    return {LANGUAGE: value}


def _alignment(framework: str, framework_name: str, node: str, name: str) -> dict[str, Any]:
    return {"@type": "ceterms:CredentialAlignmentObject", "ceterms:framework": framework,
            "ceterms:frameworkName": _text(framework_name), "ceterms:targetNode": node,
            "ceterms:targetNodeName": _text(name)}


def _common(urls: Urls, entity: Entity, kind: str, ctid: str, name: str,
            description: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@id": urls.file(path(entity)),
        "@type": kind,
        "ceterms:ctid": ctid,
        "ceterms:name": _text(name),
        "ceterms:description": _text(description),
        "ceterms:subjectWebpage": urls.page(entity),
    }


def credential(graph: Graph, urls: Urls, item: Credential) -> dict[str, Any]:
    catalog = graph.catalog
    issuer = urls.file(path(catalog.issuers[item.issuer]))
    node, label = STATUS[item.status]
    document = {
        **_common(urls, item, "ceterms:MicroCredential", item.ctid, item.title, item.summary),
        "ceterms:credentialStatusType": _alignment(STATUS_FRAMEWORK, "Credential Status", node, label),
        "ceterms:inLanguage": [LANGUAGE],
        "ceterms:ownedBy": [issuer],
        "ceterms:offeredBy": [issuer],
        "ceterms:image": urls.file(badge_path(item)),
        "ceterms:keyword": {LANGUAGE: [catalog.categories[item.category].title, *item.keywords]},
        "ceterms:versionIdentifier": [{
            "@type": "ceterms:IdentifierValue",
            "ceterms:identifierTypeName": _text("Catalog version"),
            "ceterms:identifierValueCode": item.version,
        }],
    }
    # Only a recognizer that names the credential recognizes it; a rule makes it merely eligible.
    listed = [r.recognizer for r in graph.links[item.id].recognitions if r.basis == "listed"]
    if listed:
        document["ceterms:recognizedBy"] = [urls.file(path(r)) for r in listed]
    return document


def _sector(kind: IssuerKind | RecognizerKind) -> dict[str, Any]:
    if kind not in SECTORS:
        return {}
    node, name = SECTORS[kind]
    return {"ceterms:agentSectorType": [_alignment(SECTOR_FRAMEWORK, "Agent Sector", node, name)]}


def issuer(graph: Graph, urls: Urls, item: Issuer) -> dict[str, Any]:
    catalog = graph.catalog
    website = catalog.resources[item.website].url if item.website else urls.page(item)
    credentials = graph.by_issuer.get(item.id, [])
    document = {**_common(urls, item, "ceterms:CredentialOrganization", item.ctid, item.name,
                          item.description),
                "ceterms:subjectWebpage": website, **_sector(item.kind)}
    if credentials:
        ids = [urls.file(path(c)) for c in credentials]
        document |= {"ceterms:owns": ids, "ceterms:offers": ids}
    return document


def recognizer(graph: Graph, urls: Urls, item: Recognizer) -> dict[str, Any]:
    document = {**_common(urls, item, "ceterms:CredentialOrganization", item.ctid, item.name,
                          item.summary), **_sector(item.kind)}
    listed = [urls.file(path(graph.catalog.credentials[entry.credential])) for entry in item.credentials]
    if listed:
        document["ceterms:recognizes"] = listed
    return document


def publisher(urls: Urls, item: Publisher) -> dict[str, Any]:
    return {"@context": CONTEXT, "@id": urls.file(PUBLISHER), "@type": "ceterms:CredentialOrganization",
            "ceterms:ctid": item.ctid, "ceterms:name": _text(item.name),
            "ceterms:description": _text(item.description), "ceterms:subjectWebpage": urls.base}


def _life_cycle(item: Stack | Pathway) -> dict[str, Any]:
    node, label = LIFE_CYCLE[item.status]
    return {"ceterms:lifeCycleStatusType": _alignment(LIFE_CYCLE_FRAMEWORK, "Life Cycle Status", node, label)}


def _owner(urls: Urls, owner: Publisher | None) -> dict[str, Any]:
    return {"ceterms:ownedBy": [urls.file(PUBLISHER)]} if owner else {}


def stack(graph: Graph, urls: Urls, item: Stack, owner: Publisher | None) -> dict[str, Any]:
    catalog = graph.catalog
    document = {
        **_common(urls, item, "ceterms:Collection", item.ctid, item.title, item.summary),
        **_owner(urls, owner),
        **_life_cycle(item),
        "ceterms:inLanguage": [LANGUAGE],
        "ceterms:hasMember": [urls.file(path(catalog.credentials[cid])) for cid in item.credentials],
    }
    if item.category:
        document["ceterms:keyword"] = {LANGUAGE: [catalog.categories[item.category].title]}
    return document


def _step_components(graph: Graph, urls: Urls, pathway_id: str, step: PathwayStep) -> list[dict[str, Any]]:
    catalog = graph.catalog
    components = []
    for target in step.targets:
        ctid = step.component_ctids[target]
        if step.pathway:
            nested = catalog.pathways[target]
            kind, name, proxy = "ceterms:BasicComponent", f"Complete the {nested.title} pathway", nested
        else:
            item = catalog.credentials[target]
            kind, name, proxy = "ceterms:CredentialComponent", item.title, item
        components.append({"@id": f"{pathway_id}#{ctid}", "@type": kind, "ceterms:ctid": ctid,
                           "ceterms:name": _text(name), "ceterms:proxyFor": urls.file(path(proxy)),
                           "ceterms:isPartOf": pathway_id})
    return components


def _condition(number: int, step: PathwayStep, components: list[dict[str, Any]]) -> dict[str, Any]:
    """What a step asks for: all its components, ``choose`` of them, or none if recommended."""
    needed = step.needed if step.requirement == "required" else 0
    of = f"{needed} of {len(components)}" if needed != len(components) else "all"
    condition = {
        "@type": "ceterms:ComponentCondition",
        "ceterms:name": _text(f"Step {number} ({step.requirement}, {of})"
                              + (f": {step.title}" if step.title else "")),
        "ceterms:requiredNumber": needed,
        "ceterms:targetComponent": [c["@id"] for c in components],
    }
    if step.note:
        condition["ceterms:description"] = _text(step.note)
    return condition


def pathway(graph: Graph, urls: Urls, item: Pathway, owner: Publisher | None) -> dict[str, Any]:
    node = _common(urls, item, "ceterms:Pathway", item.ctid, item.title, item.summary)
    del node["@context"]
    ident = node["@id"]
    steps = [_step_components(graph, urls, ident, step) for step in item.steps]
    for components, following in pairwise(steps):
        for component in components:
            component["ceterms:precedes"] = [c["@id"] for c in following]
    destination = {
        "@id": f"{ident}#{item.destination_ctid}", "@type": "ceterms:BasicComponent",
        "ceterms:ctid": item.destination_ctid,
        "ceterms:name": _text(f"Complete {item.title}"),
        "ceterms:isDestinationComponentOf": ident,
        "ceterms:hasCondition": [_condition(n, step, components) for n, (step, components)
                                 in enumerate(zip(item.steps, steps, strict=True), 1)],
    }
    components = [c for step_components in steps for c in step_components]
    node |= _owner(urls, owner) | _life_cycle(item)
    node["ceterms:hasDestinationComponent"] = [destination["@id"]]
    node["ceterms:hasPart"] = [c["@id"] for c in [*components, destination]]
    return {"@context": CONTEXT, "@graph": [node, *components, destination]}
