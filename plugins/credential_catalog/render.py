"""Render a page's body through the site theme's Jinja environment.

Each page kind is one template whose ``body`` block holds everything a reader (and the site
search) should find on the page; the plugin puts that block's HTML into the page content.
"""

import re
from html import escape
from html.parser import HTMLParser
from typing import Any

import jinja2

from .diagram import pathway_svg
from .pages import PageSpec, entity_title, entity_url
from .text import render_inline, render_prose
from .vocabulary import label


def _hours(value: float) -> str:
    number = f"{value:g}"
    return f"{number} hour" if number == "1" else f"{number} hours"


def _lookup(key: str, mapping: dict[str, Any]) -> Any:
    return mapping[key]


def prepare(env: jinja2.Environment) -> jinja2.Environment:
    """Add the catalog's filters and globals; returns an autoescaping overlay for bodies."""
    env.filters.update(
        prose=render_prose, inline=render_inline, label=label, hours=_hours,
        entity_url=entity_url, entity_title=entity_title, lookup=_lookup)
    env.globals.update(pathway_svg=pathway_svg)
    return env.overlay(autoescape=True)


def render_body(env: jinja2.Environment, spec: PageSpec, context: dict[str, Any]) -> str:
    template = env.get_template(spec.template)
    values = {"spec": spec, "entity": spec.entity, **spec.context, **context}
    return "".join(template.blocks["body"](template.new_context(values)))


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, Any]] = []
        self._current: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[23]", tag):
            ident = dict(attrs).get("id")
            if ident:
                self._current = {"level": int(tag[1]), "id": ident, "name": "", "children": []}

    def handle_endtag(self, tag: str) -> None:
        if self._current is not None and re.fullmatch(r"h[23]", tag):
            self._current["name"] = " ".join(self._current["name"].split())
            self.found.append(self._current)
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["name"] += data


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.found.add(value)


def anchor_ids(html: str) -> set[str]:
    """The ids in a rendered body, so that MkDocs can check links to its anchors."""
    parser = _Anchors()
    parser.feed(html)
    return parser.found


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """Python-Markdown-style table-of-contents tokens for the h2/h3 headings that carry ids."""
    parser = _Headings()
    parser.feed(html)
    tokens: list[dict[str, Any]] = []
    for heading in parser.found:
        # Themes print a toc name as HTML, unescaped: it must stay escaped text.
        heading["name"] = escape(heading["name"], quote=False)
        if heading["level"] == 3 and tokens:
            tokens[-1]["children"].append(heading)
        else:
            tokens.append(heading)
    return tokens
