"""Unit tests on the core: text rendering, graph links, page specs."""

import uuid
from pathlib import Path

from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.models import PathwayStep, Worth
from credential_catalog.pages import page_specs
from credential_catalog.render import choice, toc_tokens, worth_text
from credential_catalog.text import render_inline, render_prose

TINY = Path(__file__).parent / "fixtures" / "tiny" / "catalog"


def test_prose_renders_the_markdown_subset() -> None:
    html = str(render_prose("Use *one* **clear** `step`.\n\n- a\n- b"))
    assert html == ("<p>Use <em>one</em> <strong>clear</strong> <code>step</code>.</p>\n"
                    "<ul>\n<li>a</li>\n<li>b</li>\n</ul>")
    assert str(render_inline("Just *this*.")) == "Just <em>this</em>."


def test_prose_escapes_anything_html_like() -> None:
    html = str(render_prose('a < b & "c" <img src=x onerror=alert(1)> [x](javascript:alert(1))'))
    assert "<img" not in html and "&lt;img" in html
    assert "<a " not in html and "&amp;" in html


def test_graph_links() -> None:
    catalog = load_catalog(TINY)
    graph = build_graph(catalog)
    asking = graph.links["asking-questions"]
    assert [s.id for s in asking.stacks] == ["inquiry"]
    [place] = asking.pathways
    assert (place.pathway.id, place.step, place.total, place.next) == (
        "starter", 1, 3, ("weighing-evidence",))
    assert [c.id for c in graph.links["weighing-evidence"].related] == [
        "asking-questions"]
    recognized = graph.recognized["example-district"]
    assert [(r.credential.id, r.basis) for r in recognized] == [
        ("asking-questions", "rule"), ("weighing-evidence", "listed")]
    # The program-level worth is never attributed to a credential the rule merely makes eligible.
    assert recognized[0].worth is None and recognized[1].worth.salary == "One salary step"
    assert graph.links["asking-questions"].recognitions == [recognized[0]]
    assert [c.id for c in graph.by_standard["outcomes"]] == ["speaking-up", "weighing-evidence"]


def test_page_specs_cover_every_entity() -> None:
    catalog = load_catalog(TINY)
    uris = {spec.src_uri for spec in page_specs(catalog)}
    for folder, entities in catalog.entities.items():
        if folder in ("resources", "phases", "search"):
            continue
        assert f"{folder}/index.md" in uris
        assert {f"{folder}/{i}.md" for i in entities} <= uris
    assert "planning/index.md" in uris


def test_toc_tokens_nest_h3_under_h2() -> None:
    tokens = toc_tokens('<h2 id="a">A &amp; B</h2><h3 id="b">B</h3><h2>no id</h2><h2 id="c">C</h2>')
    assert [(t["id"], t["name"], [c["id"] for c in t["children"]]) for t in tokens] == [
        ("a", "A &amp; B", ["b"]), ("c", "C", [])]


def test_code_spans_are_escaped_once() -> None:
    assert str(render_prose("Check `x < 3` & `a > b`.")) == (
        "<p>Check <code>x &lt; 3</code> &amp; <code>a &gt; b</code>.</p>")


def test_graph_holds_what_pages_list() -> None:
    catalog = load_catalog(TINY)
    graph = build_graph(catalog)
    assert [s.id for s in graph.stacks_drawing_on(catalog.categories["thinking"])] == ["inquiry"]
    assert [s.id for s in graph.referring("stacks.credentials", catalog.credentials["speaking-up"])] == [
        "inquiry"]
    assert [c.id for c in graph.named(catalog.stacks["inquiry"], "credentials")] == [
        "asking-questions", "weighing-evidence", "speaking-up"]
    assert graph.stack_hours == {"inquiry": 24}
    assert [(r.credential.id, r.basis) for r in graph.listed["example-district"]] == [
        ("weighing-evidence", "listed")]
    assert [(r.credential.id, r.basis) for r in graph.eligible["example-district"]] == [
        ("asking-questions", "rule")]
    assert [r.id for r in graph.ordered["resources"]] == ["acme-site", "pilot-guide"]
    assert graph.resource_types == ["guide", "website"]


def test_wording_filters() -> None:
    worth = Worth(salary="One step", relicensure_hours=1, note="Per *year*.")
    assert str(worth_text(worth)) == "One step; 1 hour toward re-licensure. Per <em>year</em>."
    assert str(worth_text(Worth(pd_credit="Fish & chips"))) == "Fish &amp; chips"
    assert str(worth_text(Worth(note="Only a note."))) == "Only a note."
    catalog = load_catalog(TINY)
    assert catalog.resources["pilot-guide"].credit == "A. Writer, 2018"
    assert catalog.resources["acme-site"].credit == "Acme Institute"
    def step(ids: list[str], **options: int) -> PathwayStep:
        return PathwayStep(credentials=ids, component_ctids={i: f"ce-{uuid.uuid4()}" for i in ids}, **options)

    assert choice(step(["a", "b", "c"], choose=2)) == "choose 2 of 3"
    assert choice(step(["a", "b"])) is None
    assert choice(step(["a", "b"], choose=2)) is None
