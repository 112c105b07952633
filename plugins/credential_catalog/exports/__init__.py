"""Everything the catalog publishes besides its pages: data API, badges, registries, embeds.

Each builder takes the catalog graph and the site's absolute ``Urls`` and returns plain data;
``Exports.files`` lists every file to write, by path relative to the site root.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..badges import BADGE_DIR
from ..graph import Graph
from ..models import Credential, Entity
from ..pages import embeddable
from . import api, ctdl, feed, oembed, openbadges, schemaorg
from .ctdl import Publisher
from .urls import EMBED_LIST_SNIPPET, Urls, embed_path, oembed_path

FOLDERS = (api.PREFIX, "ctdl/", "embed/", "oembed/", "openbadges/", BADGE_DIR, feed.FEED, feed.ROBOTS)
"""Every export and embed page is written under one of these folders (or at one of these paths)."""


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Exports:
    graph: Graph
    urls: Urls
    site_name: str
    publisher: Publisher | None = None

    def embeddable(self) -> list[Entity]:
        return [entity for entity, _ in embeddable(self.graph.catalog)]

    def files(self) -> Iterator[tuple[str, str]]:
        """(path, text) for every export; a generator, so a large catalog is never all in memory."""
        graph, urls, catalog = self.graph, self.urls, self.graph.catalog
        yield api.CATALOG, _json(api.catalog_document(graph, urls))
        yield api.SCHEMA, _json(api.catalog_schema(urls))
        yield api.CSV, api.catalog_csv(graph, urls)
        for credential in catalog.credentials.values():
            yield api.credential_path(credential), _json(api.credential_document(graph, urls, credential))
            yield (openbadges.achievement_path(credential),
                   _json(openbadges.achievement(graph, urls, credential)))
            yield (openbadges.badge_class_path(credential),
                   _json(openbadges.badge_class(graph, urls, credential)))
            yield (openbadges.example_path(credential),
                   _json(openbadges.example_credential(graph, urls, credential)))
            yield ctdl.path(credential), _json(ctdl.credential(graph, urls, credential))
        for issuer in catalog.issuers.values():
            yield openbadges.profile_path(issuer), _json(openbadges.profile(catalog, urls, issuer))
            yield openbadges.issuer_v2_path(issuer), _json(openbadges.issuer_v2(catalog, urls, issuer))
            yield ctdl.path(issuer), _json(ctdl.issuer(graph, urls, issuer))
        for recognizer in catalog.recognizers.values():
            yield ctdl.path(recognizer), _json(ctdl.recognizer(graph, urls, recognizer))
        if self.publisher is not None:
            yield ctdl.PUBLISHER, _json(ctdl.publisher(urls, self.publisher))
        for stack in catalog.stacks.values():
            yield ctdl.path(stack), _json(ctdl.stack(graph, urls, stack, self.publisher))
        for pathway in catalog.pathways.values():
            yield ctdl.path(pathway), _json(ctdl.pathway(graph, urls, pathway, self.publisher))
        for entity in self.embeddable():
            yield oembed_path(entity), _json(oembed.oembed(urls, self.site_name, entity))
        yield EMBED_LIST_SNIPPET, _json({"html": oembed.list_snippet(urls)})
        yield feed.FEED, feed.atom(catalog, urls, self.site_name)
        yield feed.ROBOTS, feed.robots(urls)

    @property
    def feed_url(self) -> str:
        return self.urls.file(feed.FEED)

    def snippet(self, entity: Entity) -> str:
        return oembed.entity_snippet(self.urls, self.site_name, entity)

    def oembed_url(self, entity: Entity) -> str:
        return self.urls.file(oembed_path(entity))

    def embed_path(self, entity: Entity) -> str:
        return embed_path(entity)

    def schemaorg(self, entity: Entity) -> str | None:
        if not isinstance(entity, Credential):
            return None
        return schemaorg.script_json(schemaorg.credential(self.graph, self.urls, entity))
