"""A credential as a card: what the credential lists and the browse page's search results show.

Its markup is one partial, ``partials/catalog/credential-card.html``. The browse page also renders
it once with ``BLANK`` into a ``<template>``, which browse.js copies and fills from the card store
(``search.build_store``), so a card looks the same whether Jinja or the script made it."""

from dataclasses import dataclass

from .badges import badge_path
from .catalog import Catalog
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


BLANK = Card(id="", url="", title="", category="", summary="", evidence="", time="", retired=True,
             badge="data:,")
"""Every element a card can have, empty; retired, so that the badge is there for the script to keep.
Its image is an empty data address: nothing is fetched until the script names a credential's badge."""


def card(credential: Credential, catalog: Catalog) -> Card:
    return Card(
        id=credential.id, url=entity_url(credential), title=credential.title, summary=credential.summary,
        category=catalog.categories[credential.category].title,
        evidence=labels(credential.artifact_kinds), time=time(credential.estimated_hours),
        retired=credential.status == "retired", badge=badge_path(credential))


def time(estimated_hours: float) -> str:
    return f"about {hours(estimated_hours)}"
