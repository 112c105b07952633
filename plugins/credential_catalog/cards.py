"""A credential as a card: what the credential lists and the browse page's search results show.

Its markup is one partial, ``partials/catalog/credential-card.html``. The browse page also renders
it once with ``BLANK`` into a ``<template>``, which browse.js copies and fills from the card store
(``search.build_store``), so a card looks the same whether Jinja or the script made it."""

from dataclasses import dataclass

from .badges import badge_path
from .catalog import Catalog
from .graph import Graph
from .models import Credential
from .pages import entity_url
from .vocabulary import hours, labels


@dataclass(frozen=True)
class Card:
    id: str
    url: str
    title: str
    category: str
    summary: str
    evidence: str
    time: str
    retired: bool
    badge: str
    first: bool = False
    """A good first credential (``Graph.good_first``)."""


BLANK = Card(id="", url="", title="", category="", summary="", evidence="", time="", retired=True,
             badge="data:,", first=True)
"""Every element a card can have, empty; retired and a good first credential, so that the badges
are there for the script to keep or remove. Its image is an empty data address: nothing is fetched
until the script names a credential's badge."""


def card(credential: Credential, catalog: Catalog, graph: Graph | None = None) -> Card:
    return Card(
        id=credential.id, url=entity_url(credential), title=credential.title, summary=credential.summary,
        category=catalog.categories[credential.category].title,
        evidence=labels(credential.artifact_kinds), time=time(credential.estimated_hours),
        retired=credential.status == "retired", badge=badge_path(credential),
        first=graph is not None and credential.id in graph.good_first)


def time(estimated_hours: float) -> str:
    return f"about {hours(estimated_hours)}"
