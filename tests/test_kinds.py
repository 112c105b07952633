"""Each kind of entity is declared once, on its model: a new kind needs its model and its template."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, ClassVar

import pytest
from mkdocs.exceptions import Abort
from pydantic import Field

from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.models import KIND_BY_FOLDER, CredentialId, Entity, IssuerId, Pages
from credential_catalog.problems import CatalogError
from credential_catalog.schema import schema_text
from credential_catalog.text import Line, Prose

from .conftest import run_build


class Workshop(Entity):
    """A kind the catalog does not have: the model is all the Python it needs."""

    folder: ClassVar[str] = "workshops"
    singular: ClassVar[str] = "workshop"
    plural: ClassVar[str] = "workshops"
    pages: ClassVar[Pages | None] = Pages(
        "Workshops", "workshop.html", embed="partials/catalog/embed/workshops.html")

    title: Line
    summary: Line
    agenda: Prose
    led_by: IssuerId
    credentials: Annotated[list[CredentialId], Field(min_length=1)]


PAGE = """{% extends "main.html" %}
{% block catalog_content %}
<h1 id="workshop-title">{{ entity.title }}</h1>
{{ entity.agenda | prose }}
{% set issuer = catalog.issuers[entity.led_by] %}
<p>Led by <a href="{{ issuer | entity_url | url }}">{{ issuer.name }}</a></p>
<h2 id="credentials">Credentials it prepares for</h2>
{% with credentials = graph.named(entity, "credentials") %}
{% include "partials/catalog/credential-list.html" %}
{% endwith %}
{% endblock %}
"""
EMBED = """<h1 id="workshop-title">{{ entity.title }}</h1>
<p class="cc-lede">{{ entity.summary }}</p>
"""
WORKSHOP = """\
title: Questions that open a discussion
summary: One afternoon of practice in asking open questions.
agenda: Practice *open* questions, then plan one lesson around them.
led_by: acme-institute
credentials: [asking-questions, weighing-evidence]
"""


@pytest.fixture
def workshops(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The tiny project with the Workshop kind registered, its templates and one workshop."""
    monkeypatch.setitem(KIND_BY_FOLDER, Workshop.folder, Workshop)
    theme = tiny / "overrides"
    (theme / "partials" / "catalog" / "embed").mkdir(parents=True)
    (theme / "workshop.html").write_text(PAGE, encoding="utf-8")
    (theme / "partials" / "catalog" / "embed" / "workshops.html").write_text(EMBED, encoding="utf-8")
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n",
                                                 "  name: material\n  custom_dir: overrides\n"))
    (tiny / "catalog" / "workshops").mkdir()
    (tiny / "catalog" / "workshops" / "open-questions.yml").write_text(WORKSHOP, encoding="utf-8")
    yield tiny


def test_a_new_kind_is_loaded_checked_linked_and_published(workshops: Path) -> None:
    site = run_build(workshops)
    page = (site / "workshops" / "open-questions" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="workshop-title">Questions that open a discussion</h1>' in page
    assert "Practice <em>open</em> questions" in page
    assert 'href="../../issuers/acme-institute/"' in page
    assert 'data-credential="asking-questions"' in page and 'data-credential="weighing-evidence"' in page
    index = (site / "workshops" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="open-questions/">Questions that open a discussion</a>: '
            "One afternoon of practice in asking open questions.") in index
    embed = (site / "embed" / "workshops" / "open-questions" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="workshop-title">Questions that open a discussion</h1>' in embed
    assert (site / "oembed" / "workshops" / "open-questions.json").is_file()
    data = json.loads((site / "api" / "v1" / "catalog.json").read_text(encoding="utf-8"))
    assert [w["id"] for w in data["workshops"]] == ["open-questions"]
    assert data["workshops"][0]["url"].endswith("/workshops/open-questions/")

    graph = build_graph(load_catalog(workshops / "catalog"))
    credential = graph.catalog.credentials["asking-questions"]
    assert [w.id for w in graph.referring("workshops.credentials", credential)] == ["open-questions"]
    issuer = graph.catalog.issuers["acme-institute"]
    assert [w.id for w in graph.referring("workshops.led_by", issuer)] == ["open-questions"]


def test_a_new_kinds_references_are_checked(workshops: Path) -> None:
    target = workshops / "catalog" / "workshops" / "open-questions.yml"
    target.write_text(WORKSHOP.replace("weighing-evidence]", "weighing-evidense, asking-questions]")
                      .replace("led_by: acme-institute", "led_by: acme"), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(workshops / "catalog")
    assert [str(p) for p in caught.value.problems] == [
        "catalog/workshops/open-questions.yml:4:9: led_by: unknown issuer 'acme'",
        "catalog/workshops/open-questions.yml:5:33: credentials[1]: unknown credential "
        "'weighing-evidense' (did you mean 'weighing-evidence'?)",
        "catalog/workshops/open-questions.yml:5:52: credentials[2]: 'asking-questions' is listed twice",
    ]
    with pytest.raises(Abort):
        run_build(workshops)


def test_a_new_kind_gets_its_json_schema(workshops: Path) -> None:
    schema = json.loads(schema_text("workshops"))
    assert schema["$id"] == "workshops.schema.json"
    assert set(schema["required"]) == {"title", "summary", "agenda", "led_by", "credentials"}
    items = schema["properties"]["credentials"]["items"]
    assert "catalog/credentials/" in items["description"]
    assert "catalog/issuers/" in schema["properties"]["led_by"]["description"]


def test_every_kind_declares_how_it_is_named_and_published() -> None:
    for folder, kind in KIND_BY_FOLDER.items():
        assert kind.folder == folder and kind.singular and kind.plural, kind
        if kind.pages is not None:
            templates = Path(__file__).parents[1] / "plugins" / "credential_catalog" / "theme"
            named = [kind.pages.template, kind.pages.index, kind.pages.listing, kind.pages.embed]
            assert all((templates / name).is_file() for name in named if name), (kind, named)
