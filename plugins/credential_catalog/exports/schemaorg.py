"""schema.org ``EducationalOccupationalCredential`` JSON-LD for a credential page's <head>."""

import json
from typing import Any

from ..graph import Graph
from ..models import Credential
from .openbadges import LANGUAGE
from .urls import Urls

CONTEXT = "https://schema.org"


def credential(graph: Graph, urls: Urls, item: Credential) -> dict[str, Any]:
    catalog = graph.catalog
    issuer = catalog.issuers[item.issuer]
    category = catalog.categories[item.category]
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "EducationalOccupationalCredential",
        "@id": urls.page(item) + "#credential",
        "url": urls.page(item),
        "name": item.title,
        "description": item.summary,
        "credentialCategory": "Micro-credential",
        "competencyRequired": {"@type": "DefinedTerm", "name": item.title,
                               "description": item.competency, "inDefinedTermSet": urls.page(category)},
        "about": {"@type": "DefinedTerm", "name": category.title, "url": urls.page(category)},
        "creator": {"@type": "Organization", "name": issuer.name, "url": urls.page(issuer)},
        "inLanguage": LANGUAGE,
        "version": item.version,
        "dateModified": item.last_reviewed.isoformat(),
        "timeRequired": f"PT{item.estimated_hours:g}H",
    }
    # Only a recognizer that names the credential recognizes it; a rule makes it merely eligible.
    recognitions = [r for r in graph.links[item.id].recognitions if r.basis == "listed"]
    if recognitions:
        node["recognizedBy"] = [{"@type": "Organization", "name": r.recognizer.name,
                                 "url": urls.page(r.recognizer)} for r in recognitions]
    return node


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML <script> element: no '<', '>' or '&' survives."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
