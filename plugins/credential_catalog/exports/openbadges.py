"""Open Badges: a 3.0 Achievement and a 2.0 BadgeClass per credential, with issuer profiles."""

from typing import Any

from ..badges import badge_path, description
from ..catalog import Catalog
from ..graph import Graph
from ..models import Credential, Issuer
from ..vocabulary import label
from .urls import Urls

OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
CATEGORY_FRAMEWORK = "Deeper Learning framework"
STANDARD_FRAMEWORK = "Standards for Professional Learning"
LANGUAGE = "en"


def achievement_path(credential: Credential) -> str:
    return f"openbadges/v3/achievements/{credential.id}.json"


def profile_path(issuer: Issuer) -> str:
    return f"openbadges/v3/issuers/{issuer.id}.json"


def badge_class_path(credential: Credential) -> str:
    return f"openbadges/v2/badges/{credential.id}.json"


def issuer_v2_path(issuer: Issuer) -> str:
    return f"openbadges/v2/issuers/{issuer.id}.json"


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
            *(label(audience) for audience in credential.audience)]


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
    category = catalog.categories[credential.category]
    alignments = [{
        "type": ["Alignment"], "targetName": category.title, "targetUrl": urls.page(category),
        "targetDescription": category.summary, "targetFramework": CATEGORY_FRAMEWORK,
        "targetCode": category.id,
    }]
    for sid in credential.standards:
        standard = catalog.standards[sid]
        alignments.append({
            "type": ["Alignment"], "targetName": standard.title, "targetUrl": urls.page(standard),
            "targetDescription": standard.statement, "targetFramework": STANDARD_FRAMEWORK,
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
        "tag": _tags(catalog, credential),
        "version": credential.version,
        "inLanguage": LANGUAGE,
        "humanCode": credential.id,
        "image": {"id": urls.file(badge_path(credential)), "type": "Image",
                  "caption": description(catalog, credential)},
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
