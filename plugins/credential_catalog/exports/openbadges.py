"""Open Badges: a 3.0 Achievement and a 2.0 BadgeClass per credential, with issuer profiles, and
an example 3.0 credential showing an issuer how to award each one."""

import uuid
from typing import Any

from ..badges import badge_path, description
from ..catalog import Catalog
from ..graph import Graph
from ..models import Credential, Issuer, version_key
from ..vocabulary import label
from .urls import Urls

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB3_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
CATEGORY_FRAMEWORK = "Deeper Learning framework"
STANDARD_FRAMEWORK = "Standards for Professional Learning"
ALIGNMENT_JUDGEMENT = "Aligned in this catalog's own judgement, not the issuer's:"
LANGUAGE = "en"
EXAMPLE_EARNER = "earner@example.org"


def achievement_path(credential: Credential) -> str:
    return f"openbadges/v3/achievements/{credential.id}.json"


def profile_path(issuer: Issuer) -> str:
    return f"openbadges/v3/issuers/{issuer.id}.json"


def badge_class_path(credential: Credential) -> str:
    return f"openbadges/v2/badges/{credential.id}.json"


def issuer_v2_path(issuer: Issuer) -> str:
    return f"openbadges/v2/issuers/{issuer.id}.json"


def example_path(credential: Credential) -> str:
    return f"openbadges/v3/examples/{credential.id}.json"


PROVENANCE = ("These requirements are the catalog's own description of the credential; the "
              "issuer's platform holds the official ones.")


def criteria_narrative(credential: Credential) -> str:
    """What an earner submits, as Markdown (the criteria narrative of both badge versions)."""
    submission = credential.submission
    lines = ["Answer the overview questions:", ""]
    lines += [f"{n}. {q.prompt} ({q.word_limit}-word limit)"
              for n, q in enumerate(submission.overview_questions, 1)]
    for n, part in enumerate(submission.evidence, 1):
        kinds = ", ".join(label(kind).lower() for kind in part.artifact_kinds)
        lines += ["", f"Part {n}: {part.name}. {part.instructions} Accepted evidence: {kinds}."]
    if submission.reflection:
        lines += ["", "Reflect on:", ""] + [f"- {prompt}" for prompt in submission.reflection]
    lines += ["", PROVENANCE]
    return "\n".join(lines)


def _tags(catalog: Catalog, credential: Credential) -> list[str]:
    return ["micro-credential", catalog.categories[credential.category].title,
            *(label(audience) for audience in credential.audience), *credential.keywords]


def _website(catalog: Catalog, urls: Urls, issuer: Issuer) -> str:
    return catalog.resources[issuer.website].url if issuer.website else urls.page(issuer)


def profile(catalog: Catalog, urls: Urls, issuer: Issuer) -> dict[str, Any]:
    return {
        "@context": [OB3_CONTEXT],
        "id": urls.file(profile_path(issuer)),
        "type": ["Profile"],
        "name": issuer.name,
        "url": _website(catalog, urls, issuer),
        "description": issuer.description,
    }


def _alignments(catalog: Catalog, urls: Urls, credential: Credential) -> list[dict[str, Any]]:
    """The one place alignments are made; both badge versions take theirs from here."""
    category = catalog.categories[credential.category]
    alignments = [{
        "type": ["Alignment"], "targetName": category.title, "targetUrl": urls.page(category),
        "targetDescription": category.summary, "targetFramework": CATEGORY_FRAMEWORK,
        "targetCode": category.id,
    }]
    for alignment in credential.standards:
        standard = catalog.standards[alignment.standard]
        alignments.append({
            "type": ["Alignment"], "targetName": standard.title, "targetUrl": urls.page(standard),
            "targetDescription": f"{ALIGNMENT_JUDGEMENT} {alignment.reason} The standard: "
                                 f"{standard.statement}",
            "targetFramework": STANDARD_FRAMEWORK,
            "targetCode": standard.id,
        })
    return alignments


def _result_descriptions(base: str, credential: Credential) -> list[dict[str, Any]]:
    descriptions = []
    for n, part in enumerate(credential.submission.evidence, 1):
        part_id = f"{base}#part-{n}"
        levels = [{
            "id": f"{part_id}-level-{k}",
            "type": ["RubricCriterionLevel"],
            "name": level.level,
            "level": level.level,
            "description": " ".join(level.criteria),
        } for k, level in enumerate(part.scoring_guide, 1)]
        passing = next(lvl for lvl, src in zip(levels, part.scoring_guide, strict=True) if src.passing)
        descriptions.append({
            "id": part_id,
            "type": ["ResultDescription"],
            "name": f"Part {n}: {part.name}",
            "resultType": "RubricCriterionLevel",
            "allowedValue": [level.level for level in part.scoring_guide],
            "requiredLevel": passing["id"],
            "rubricCriterionLevel": levels,
        })
    return descriptions


def achievement(graph: Graph, urls: Urls, credential: Credential) -> dict[str, Any]:
    catalog = graph.catalog
    ident = urls.file(achievement_path(credential))
    issuer = catalog.issuers[credential.issuer]
    creator = {k: v for k, v in profile(catalog, urls, issuer).items() if k != "@context"}
    return {
        "@context": [OB3_CONTEXT],
        "id": ident,
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": credential.title,
        "description": credential.summary,
        "criteria": {"id": urls.page(credential), "narrative": criteria_narrative(credential)},
        "alignment": _alignments(catalog, urls, credential),
        "resultDescription": _result_descriptions(ident, credential),
        "creator": creator,
        "image": {"id": urls.file(badge_path(credential)), "type": "Image",
                  "caption": description(catalog, credential)},
        "tag": _tags(catalog, credential),
        "version": credential.version,
        "inLanguage": LANGUAGE,
        "humanCode": credential.id,
        **_related(ident, credential),
    }


def _related(ident: str, credential: Credential) -> dict[str, Any]:
    """Earlier versions from the changelog, by id; only the current version is published."""
    current = version_key(credential.version)
    earlier = sorted({entry.version for entry in credential.changelog
                      if version_key(entry.version) < current}, key=version_key)
    if not earlier:
        return {}
    return {"related": [{"id": f"{ident}#version-{version}", "type": ["Related"],
                         "inLanguage": LANGUAGE, "version": version} for version in earlier]}


def example_credential(graph: Graph, urls: Urls, credential: Credential) -> dict[str, Any]:
    """What an issuer would sign when awarding the credential: unsigned, to a placeholder earner."""
    issued = achievement(graph, urls, credential)
    issuer = issued["creator"]
    del issued["@context"]
    ident = urls.file(example_path(credential))
    return {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ident)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": credential.title,
        "description": f"An example of {credential.title} awarded to one earner; replace the earner, "
                       "dates and id with your own and sign it with your issuer key.",
        "issuer": {"id": issuer["id"], "type": ["Profile"], "name": issuer["name"],
                   "url": issuer["url"]},
        "validFrom": f"{credential.last_reviewed.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "hashed": False,
                            "identityHash": EXAMPLE_EARNER, "identityType": "emailAddress"}],
            "achievement": issued,
        },
        "credentialSchema": [{"id": OB3_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def issuer_v2(catalog: Catalog, urls: Urls, issuer: Issuer) -> dict[str, Any]:
    return {
        "@context": OB2_CONTEXT,
        "type": "Issuer",
        "id": urls.file(issuer_v2_path(issuer)),
        "name": issuer.name,
        "url": _website(catalog, urls, issuer),
        "description": issuer.description,
    }


def badge_class(graph: Graph, urls: Urls, credential: Credential) -> dict[str, Any]:
    catalog = graph.catalog
    alignments = [{k: v for k, v in a.items() if k in ("targetName", "targetUrl",
                                                       "targetDescription", "targetFramework")}
                  for a in _alignments(catalog, urls, credential)]
    return {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": urls.file(badge_class_path(credential)),
        "name": credential.title,
        "description": credential.summary,
        "image": urls.file(badge_path(credential)),
        "criteria": {"id": urls.page(credential), "narrative": criteria_narrative(credential)},
        "issuer": urls.file(issuer_v2_path(catalog.issuers[credential.issuer])),
        "alignment": alignments,
        "tags": _tags(catalog, credential),
    }
