"""The real site claims no more than its sources: recognition, scoring guides, sources, related links."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import escape

from credential_catalog.graph import Graph, build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.models import Worth
from credential_catalog.vocabulary import count

from .conftest import ROOT

RETRACTED = [
    "every credential Digital Promise issues in this catalog qualifies",
    "Counts toward the district's Professional Growth System",
    "As reported in",
    "the source gives no date",
    "what each is worth there",
    "the scoring guide reviewers use",
    "This catalog publishes those scoring guides in full",
    "scoring guide the reviewer uses",
    "against the scoring guide printed on the credential's page",
    "credentials from other sources are not accepted",
    "Once a micro-credential is earned",
    "no value is given for this credential on its own",
    "districts, states and associations that accept them toward salary, re-licensure or "
    "professional development credit. Entries",
]


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_no_page_repeats_a_retracted_claim(real_site: Path) -> None:
    for path in real_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert [claim for claim in RETRACTED if claim in text] == [], path.relative_to(real_site)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(load_catalog(ROOT / "catalog"))


def _markers(worth: Worth) -> list[str]:
    """The parts of a worth that say what it is, as they stand in the HTML."""
    return [str(escape(part)) for part in (worth.salary, worth.pd_credit) if part]


def _between(html: str, start: str, end: str = "</ul>") -> str:
    return html[html.index(start):][:html[html.index(start):].index(end)]


def test_a_programs_worth_is_said_once_on_its_page_and_never_per_credential(
        real_site: Path, graph: Graph) -> None:
    programs = [r for r in graph.catalog.recognizers.values() if r.worth and _markers(r.worth)]
    assert programs  # the rule is tested on real data
    per_credential = [path.read_text(encoding="utf-8") for folder in ("credentials", "embed/credentials")
                      for path in (real_site / folder).glob("*/index.html")]
    for recognizer in programs:
        html = read(real_site, f"recognizers/{recognizer.id}")
        for marker in _markers(recognizer.worth):
            assert html.count(marker) == 1, (recognizer.id, marker)
            assert html.index('class="cc-program"') < html.index(marker), recognizer.id
            if recognizer.rule:
                assert html.index(marker) < html.index('id="eligible"'), recognizer.id
            assert not [text for text in per_credential if marker in text], (recognizer.id, marker)


def test_a_credential_eligible_under_a_rule_gets_no_worth(real_site: Path, graph: Graph) -> None:
    ruled = [r for found in graph.eligible.values() for r in found]
    assert ruled
    for recognition in ruled:
        recognizer, credential = recognition.recognizer, recognition.credential
        item = _between(read(real_site, f"credentials/{credential.id}"),
                        f'Eligible under the rule reported for <a href="../../recognizers/{recognizer.id}/">',
                        "</li>")
        assert f"{escape(recognizer.name)}</a>; see its page for what the program offers" in item
        assert "cc-worth" not in item, (credential.id, recognizer.id)


def test_a_recognizers_page_and_embed_list_what_it_names_and_what_its_rule_covers(
        real_site: Path, graph: Graph) -> None:
    for recognizer in graph.catalog.recognizers.values():
        listed, eligible = graph.listed[recognizer.id], graph.eligible[recognizer.id]
        html, embed = (read(real_site, f"{where}recognizers/{recognizer.id}") for where in ("", "embed/"))
        assert ('id="recognized"' in html) == bool(listed) == ("Credentials it names" in embed)
        assert html.count("<tr><th scope=\"row\">") == len(listed)
        if eligible:
            assert _between(html, 'class="cc-eligible"').count("<li>") == len(eligible), recognizer.id
            verb = "meets" if len(eligible) == 1 else "meet"
            assert f"{count(len(eligible), 'credential')} in this catalog {verb} this rule" in html
            compact = _between(embed, '<ul class="cc-compact-list" role="list">')
            assert compact.count("<li>") == len(eligible) and "cc-worth" not in compact
            assert f"Eligible under its rule ({count(len(eligible), 'credential')})" in embed
        if recognizer.reported_year is None:
            for page in (html, embed):
                assert "; the date of that report is not given in our sources" in page, recognizer.id


def test_api_attaches_no_worth_to_rule_eligibility(real_site: Path, graph: Graph) -> None:
    data = json.loads((real_site / "api" / "v1" / "catalog.json").read_text(encoding="utf-8"))
    ruled = 0
    for credential in data["credentials"]:
        recognitions = credential["links"]["recognitions"]
        assert [(r["recognizer"], r["basis"]) for r in recognitions] == [
            (r.recognizer.id, r.basis) for r in graph.links[credential["id"]].recognitions]
        for recognition in recognitions:
            if recognition["basis"] == "rule":
                assert recognition["worth"] is None, credential["id"]
                ruled += 1
    assert ruled
    page = read(real_site, "credentials/mapping-facts").split("</head>")[0]
    assert "recognizedBy" not in page


def test_scoring_guides_are_presented_as_the_catalogs_own(real_site: Path) -> None:
    for url in ("", "about", "credentials"):
        text = read(real_site, url) if url else (real_site / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", text)
        assert "written for this catalog" in text, url
        assert re.search(r"issuer(&#39;|')s own (requirements and )?rubric", text), url


def test_about_says_why_the_news_article_has_no_link(real_site: Path) -> None:
    about = re.sub(r"\s+", " ", read(real_site, "about"))
    assert "link, except the eSchool News article" in about
    assert "no link, because our sources give no address or date for it" in about
    assert "eSchool" not in read(real_site, "planning")  # the resource library lists no such entry
    for path in real_site.rglob("*.html"):
        assert "eschoolnews" not in path.read_text(encoding="utf-8").casefold(), path


def test_related_links_listed_on_both_sides_appear_once() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "listing it on both sides is harmless" in guide and "one side only" not in guide
    catalog = load_catalog(ROOT / "catalog")
    both_ways = {frozenset((c.id, o)) for c in catalog.credentials.values() for o in c.related
                 if c.id in catalog.credentials[o].related}
    assert both_ways  # the data relies on the guide's "harmless"
    links = build_graph(catalog).links
    for cid, link in links.items():
        related = [c.id for c in link.related]
        assert len(related) == len(set(related)), cid
        for other in catalog.credentials[cid].related:
            assert cid in [c.id for c in links[other].related]


def test_contributing_example_criteria_make_one_demand_each() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(competency:.*?)```", text, re.S).group(1)
    example = yaml.safe_load(block)
    criteria = [criterion for part in example["submission"]["evidence"]
                for level in part["scoring_guide"] for criterion in level["criteria"]]
    assert len(criteria) >= 5
    assert [c for c in criteria if " and " in c] == []


@pytest.mark.browser
def test_the_longest_embedded_recognizer_is_short_enough_to_embed(browser: Any, real_site_url: str) -> None:
    graph = build_graph(load_catalog(ROOT / "catalog"))
    longest = max(graph.eligible, key=lambda rid: len(graph.eligible[rid]))
    assert len(graph.eligible[longest]) >= 20  # long enough for the layout to matter
    page = browser.new_page(viewport={"width": 640, "height": 480})
    page.goto(real_site_url + f"embed/recognizers/{longest}/")
    assert page.locator(".cc-compact-list li").count() == len(graph.eligible[longest])
    assert page.evaluate("document.documentElement.scrollHeight") < 1400  # was ~4000 as a table
    page.close()
