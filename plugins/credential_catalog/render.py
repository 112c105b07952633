"""Render a page's body through the site theme's Jinja environment.

Each page kind is one template whose ``catalog_content`` block holds everything a reader (and the
site search) should find on the page; the plugin puts that block's HTML into the page content.
The filters here hold the wording templates would otherwise build themselves.
"""

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import jinja2
from markupsafe import Markup, escape
from pydantic import BaseModel

from .badges import badge_path, card_path, category_badge_path, description
from .cards import BLANK, card
from .diagram import flow_svg, pathway_flow, pathway_hours, pathway_svg, total_text
from .glance import at_a_glance
from .graph import Graph
from .models import Credential, PathwayStep, Worth
from .pages import PageSpec, entity_title, entity_url
from .plan import plan_group
from .search import facets
from .text import render_inline, render_prose
from .vocabulary import count, hours, label, labels

BLOCK = "catalog_content"
"""The block of each page template that holds the page's content."""


def span(low: float, high: float) -> str:
    """``12 hours`` or ``12 to 15 hours``."""
    return hours(low) if low == high else f"{low:g} to {hours(high)}"


def worth_text(worth: Worth) -> Markup:
    """What a worth says: ``$500 salary step; 15 hours toward re-licensure. Note.``"""
    parts = [worth.salary, None if worth.relicensure_hours is None else
             f"{hours(worth.relicensure_hours)} toward re-licensure", worth.pd_credit]
    said = escape("; ".join(part for part in parts if part))
    if worth.note:
        said += Markup(". ") + render_inline(worth.note) if said else render_inline(worth.note)
    return said


def choice(step: PathwayStep) -> str | None:
    """``choose 2 of 3`` for a step that asks for some of its credentials, else None."""
    listed = len(step.credentials)
    return f"choose {step.needed} of {listed}" if step.needed < listed else None


def starting_point(credential: Credential, graph: Graph) -> str | None:
    """Why a good first credential is one, or None."""
    if credential.id not in graph.good_first:
        return None
    pathway = graph.good_first[credential.id]
    if pathway is not None:
        return f"It is the first step of the pathway {entity_title(pathway)}."
    return ("It is one of the catalog's shorter credentials, and no pathway asks for another "
            "credential before it.")


def titled(model: BaseModel) -> Iterator[tuple[str, str, Any]]:
    """A model's fields as (name, title, value), in order: for headings declared on the model."""
    for name, field in type(model).model_fields.items():
        yield name, field.title or label(name), getattr(model, name)


SECTION_PAGES = {"browse": "credentials/", "stacks": "stacks/", "pathways": "pathways/",
                 "recognizers": "recognizers/", "plan": "plan/"}
GUIDE_PAGES = {"embedding": "embedding", "add-recognizer": "add_recognizer"}


def _page_url(name: str, guides: dict[str, str]) -> str | None:
    """Where a ``CatalogPage`` is, from the site's root; None for a guide the site does not have."""
    return SECTION_PAGES.get(name) or guides.get(GUIDE_PAGES.get(name, ""))


def prepare(env: jinja2.Environment) -> jinja2.Environment:
    """Add the catalog's filters and globals; returns an autoescaping overlay for bodies."""
    env.filters.update(
        prose=render_prose, inline=render_inline, label=label, labels=labels, hours=hours,
        count=count, entity_url=entity_url, entity_title=entity_title,
        worth=worth_text, choice=choice, titled=titled, card=card, span=span,
        page_url=_page_url, badge_path=badge_path, card_path=card_path,
        category_badge_path=category_badge_path, facets=facets, starting_point=starting_point)
    env.globals.update(pathway_svg=pathway_svg, pathway_flow=pathway_flow, flow_svg=flow_svg,
                       blank_card=BLANK, pathway_hours=pathway_hours, pathway_time=total_text,
                       badge_alt=description, at_a_glance=at_a_glance,
                       plan_group=plan_group)
    return env.overlay(autoescape=True, auto_reload=False)


def render_body(env: jinja2.Environment, spec: PageSpec, context: dict[str, Any]) -> str:
    template = env.get_template(spec.template)
    if BLOCK not in template.blocks:
        raise jinja2.TemplateError(f"{template.filename}: a page template fills the {{% block {BLOCK} %}}")
    values = {"spec": spec, "entity": spec.entity, **spec.context, **context}
    return "".join(template.blocks[BLOCK](template.new_context(values)))


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
