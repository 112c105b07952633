"""The pages the catalog adds to a site: one per entity and one index per kind."""

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .models import Entity, Pages, kinds

EMBED_TEMPLATE = "embed.html"
EMBED_LIST_TITLE = "Recommended micro-credentials"
EMBED_LIST = "partials/catalog/embed/list.html"
PLANNING_URI = "planning/index.md"
PLAN_URI = "plan/index.md"
COMPARE_URI = "compare/index.md"


def published() -> dict[str, Pages]:
    """How each kind with pages of its own is published, by folder, in section order."""
    return {kind.folder: kind.pages for kind in kinds() if kind.pages is not None}


def sections() -> dict[str, str]:
    """Each section's title, by folder."""
    return {folder: pages.section for folder, pages in published().items()}


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    template: str
    title: str
    description: str
    kind: str
    entity: Entity | None = None
    source: Path | None = None
    in_nav: bool = False
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    hide: tuple[str, ...] = ()
    """Material's sidebars this page does without (``navigation``, ``toc``)."""

    def meta(self) -> dict[str, Any]:
        # MkDocs themes print a page's title and description as HTML, unescaped.
        meta: dict[str, Any] = {
            "title": html.escape(self.title), "description": html.escape(self.description),
            "template": self.template}
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta

    def markdown(self) -> str:
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                           for key, value in self.meta().items())
        return f"---\n{front}\n---\n"


def entity_url(entity: Entity) -> str:
    return f"{entity.folder}/{entity.id}/"


def entity_title(entity: Entity) -> str:
    return str(getattr(entity, "title", None) or entity.name)


def _description(entity: Entity) -> str:
    text = str(getattr(entity, "summary", None) or getattr(entity, "description", ""))
    first = text.strip().split("\n\n")[0].replace("\n", " ")
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


def page_specs(catalog: Catalog) -> list[PageSpec]:
    specs: list[PageSpec] = []
    for folder, pages in published().items():
        specs.append(PageSpec(
            src_uri=f"{folder}/index.md", template=pages.index, title=pages.section,
            description=f"{pages.section} in the educator micro-credential catalog",
            kind=f"{folder}-index", in_nav=True, context={"section": folder, "listing": pages.listing}))
        for entity_id in sorted(catalog.entities[folder]):
            entity = catalog.entities[folder][entity_id]
            specs.append(PageSpec(
                src_uri=f"{folder}/{entity_id}.md", template=pages.template,
                title=entity_title(entity), description=_description(entity), kind=folder,
                entity=entity, source=catalog.source(entity).path))
    specs.append(PageSpec(
        src_uri=PLANNING_URI, template="planning.html", title="Planning a pilot",
        description="Three phases for planning a district micro-credential pilot, with resources",
        kind="planning", in_nav=True))
    specs.append(PageSpec(
        src_uri=PLAN_URI, template="plan.html", title="My plan",
        description="The credentials you plan to earn, in order, with hours and evidence to collect; "
                    "kept in your browser only",
        kind="plan", in_nav=True))
    specs.append(PageSpec(
        src_uri=COMPARE_URI, template="compare.html", title="Compare credentials",
        description="Two to four credentials side by side", kind="compare", hide=("navigation", "toc")))
    return specs


def embed_specs(catalog: Catalog) -> list[PageSpec]:
    """Minimal-chrome pages for other sites' iframes, and the page for a hand-picked list."""
    specs = [PageSpec(
        src_uri=f"embed/{entity.folder}/{entity.id}.md", template=EMBED_TEMPLATE,
        title=entity_title(entity), description=_description(entity), kind="embed",
        entity=entity, context={"view": view})
        for entity, view in embeddable(catalog)]
    specs.append(PageSpec(
        src_uri="embed/list/index.md", template=EMBED_TEMPLATE, title=EMBED_LIST_TITLE,
        description="A hand-picked list of educator micro-credentials", kind="embed",
        context={"view": EMBED_LIST}))
    return specs


def embeddable(catalog: Catalog) -> list[tuple[Entity, str]]:
    """Every entity other sites can embed, with the partial of its embedded view."""
    return [(entities[entity_id], pages.embed)
            for folder, pages in published().items() if pages.embed is not None
            for entities in (catalog.entities[folder],) for entity_id in sorted(entities)]
