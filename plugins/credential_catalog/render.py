"""Render a page's body through the site theme's Jinja environment.

Each page kind is one template whose ``body`` block holds everything a reader (and the site
search) should find on the page; the plugin puts that block's HTML into the page content.
"""

import re
from html import unescape
from typing import Any

import jinja2

from .badges import badge_path, card_path, category_badge_path, description
from .catalog import Catalog
from .diagram import pathway_hours, pathway_svg, total_text
from .glance import at_a_glance
from .models import Credential
from .pages import PageSpec, entity_title, entity_url
from .text import count, render_inline, render_prose
from .vocabulary import label


def _hours(value: float) -> str:
    return count(value, "hour")


def _span(low: float, high: float) -> str:
    """``12 hours`` or ``12 to 15 hours``."""
    return _hours(low) if low == high else f"{low:g} to {_hours(high)}"


def _lookup(key: str, mapping: dict[str, Any]) -> Any:
    return mapping[key]


def earn_url(catalog: Catalog, credential: Credential) -> str | None:
    """Where an educator starts earning an active credential: its issuer's ``earn_at`` page."""
    issuer = catalog.issuers[credential.issuer]
    if credential.status != "active" or issuer.earn_at is None:
        return None
    return catalog.resources[issuer.earn_at].url


SECTION_PAGES = {"browse": "credentials/", "stacks": "stacks/", "pathways": "pathways/",
                 "recognizers": "recognizers/"}
GUIDE_PAGES = {"embedding": "embedding", "add-recognizer": "add_recognizer"}


def _page_url(name: str, guides: dict[str, str]) -> str | None:
    """Where a ``CatalogPage`` is, from the site's root; None for a guide the site does not have."""
    return SECTION_PAGES.get(name) or guides.get(GUIDE_PAGES.get(name, ""))


def prepare(env: jinja2.Environment) -> jinja2.Environment:
    """Add the catalog's filters and globals; returns an autoescaping overlay for bodies."""
    env.filters.update(
        prose=render_prose, inline=render_inline, label=label, hours=_hours, span=_span, count=count,
        entity_url=entity_url, entity_title=entity_title, lookup=_lookup, page_url=_page_url,
        badge_path=badge_path, card_path=card_path, category_badge_path=category_badge_path)
    env.globals.update(pathway_svg=pathway_svg, pathway_hours=pathway_hours, pathway_time=total_text,
                       badge_alt=description, at_a_glance=at_a_glance, earn_url=earn_url)
    return env.overlay(autoescape=True, auto_reload=False)


def render_body(env: jinja2.Environment, spec: PageSpec, context: dict[str, Any]) -> str:
    template = env.get_template(spec.template)
    values = {"spec": spec, "entity": spec.entity, **spec.context, **context}
    return "".join(template.blocks["body"](template.new_context(values)))


_HEADING = re.compile(r'<h([23])\s(?:[^>]*\s)?id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


_ANCHOR = re.compile(r'<(?:[a-zA-Z][^>]*?\sid|a\s[^>]*?\bname)="([^"]+)"')


def anchor_ids(html: str) -> set[str]:
    """The ids in a rendered body, so that MkDocs can check links to its anchors.

    Text in a body is always escaped, so every ``<`` starts a real tag.
    """
    return {unescape(value) for value in _ANCHOR.findall(html)}


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """Python-Markdown-style table-of-contents tokens for the h2/h3 headings that carry ids.

    The bodies come from the catalog's own templates, so a pattern is enough (and an order of
    magnitude faster than an HTML parser on large catalogs).
    """
    tokens: list[dict[str, Any]] = []
    for level, ident, inner in _HEADING.findall(html):
        # Themes print a toc name as HTML, unescaped: it stays escaped text, as in the body.
        name = " ".join(_TAG.sub("", inner).split())
        heading = {"level": int(level), "id": unescape(ident), "name": name, "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(heading)
        else:
            tokens.append(heading)
    return tokens
