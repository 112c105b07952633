"""Text fields: one-line labels and a small, safe Markdown subset for prose.

Prose may use paragraphs, lists, emphasis, strong emphasis and inline code. Raw HTML, links,
images and script-bearing URL schemes are rejected: links belong in catalog resources.
"""

import re
from functools import lru_cache
from typing import Annotated

import markdown
from markupsafe import Markup
from pydantic import AfterValidator, StringConstraints

from .nesting import nesting_problem

PLACEHOLDER = "TODO"

_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_URL = re.compile(r"\b(?:https?|ftp)://|\bwww\.", re.IGNORECASE)
_SCHEME = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_LINK = re.compile(r"!?\[[^\]]*\]\s*[\(\[]|^\s*\[[^\]]+\]:", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _check_common(value: str) -> str:
    # Each pattern runs only when what it cannot match without is there; every _CONTROL
    # character is also one that str.isprintable() refuses.
    if not value.strip():
        raise ValueError("must not be empty")
    if PLACEHOLDER in value:
        raise ValueError(f"replace the {PLACEHOLDER} placeholder with real text")
    if not value.replace("\n", "").isprintable() and _CONTROL.search(value):
        raise ValueError("contains control or bidirectional-override characters")
    if "<" in value and _HTML_TAG.search(value):
        raise ValueError("raw HTML is not allowed; use plain text or Markdown emphasis")
    if ":" in value and _SCHEME.search(value):
        raise ValueError("script and data URLs are not allowed")
    if _has_url(value) or ("[" in value and _LINK.search(value)):
        raise ValueError("links are not allowed in text; add a catalog resource and reference its id")
    return value


def _has_url(value: str) -> bool:
    return ("://" in value or "www." in value.lower()) and _URL.search(value) is not None


def _check_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must be a single line")
    return _check_common(value).strip()


_SENTENCE_BREAK = re.compile(r"[.?!]\s+[A-Z]")


def _check_sentence(value: str) -> str:
    value = _check_line(value)
    if not value.endswith((".", "?", "!")) or _SENTENCE_BREAK.search(value):
        raise ValueError("must be one sentence, ending with a full stop")
    return value


def _check_prose(value: str) -> str:
    value = _check_common(value).strip()
    problem = nesting_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Line = Annotated[str, StringConstraints(max_length=200), AfterValidator(_check_line)]
"""A short single line of plain text: titles, names, level labels."""

Sentence = Annotated[str, StringConstraints(max_length=320), AfterValidator(_check_sentence)]
"""One sentence on one line, ending with a full stop, question or exclamation mark."""

Prose = Annotated[str, StringConstraints(max_length=6000), AfterValidator(_check_prose)]
"""Paragraphs in the Markdown subset described in this module."""


class _NoLinks(markdown.Extension):
    _INLINE = (
        "link", "image_link", "reference", "image_reference", "short_reference",
        "short_image_ref", "autolink", "automail", "html", "entity",
    )

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        for name in self._INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        for name in ("reference", "hr"):
            if name in md.parser.blockprocessors:
                md.parser.blockprocessors.deregister(name)
        md.preprocessors.deregister("html_block")


_MARKDOWN = markdown.Markdown(extensions=[_NoLinks()], output_format="html")


@lru_cache(maxsize=4096)
def render_prose(text: str) -> Markup:
    """Render prose to HTML; anything HTML-like in the source comes out escaped.

    The raw-HTML, link and entity patterns are removed from the parser, so markup in the text is
    only ever text: Markdown escapes it once, in code spans as everywhere else."""
    return Markup(_MARKDOWN.reset().convert(text))


def render_inline(text: str) -> Markup:
    """Render prose that should stay inside one block element, such as a table cell."""
    out = str(render_prose(text))
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return Markup(out)
