"""The real site claims no more than its sources: recognition, scoring guides, sources, related links."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog

from .conftest import ROOT

SALARY = "$200\u2013$600 base salary increase"  # an en dash, as in the catalog
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


def test_program_perks_are_shown_once_never_per_credential(real_site: Path) -> None:
    kettle = read(real_site, "recognizers/kettle-moraine")
    assert kettle.count(SALARY) == 1
    assert kettle.index('class="cc-program"') < kettle.index(SALARY) < kettle.index('id="eligible"')
    eligible = kettle[kettle.index('id="eligible"'):]
    assert len(re.findall(r"<li>", eligible.split("</ul>")[0])) == 40
    assert 'id="recognized"' not in kettle and "<table" not in kettle.split('id="eligible"')[0]
    assert "40 credentials in this catalog meet this rule" in eligible
    byline = ("Reported in an eSchool News article on Digital Promise&#39;s micro-credential research; "
              "the date of that report is not given in our sources")
    for url in ("recognizers/kettle-moraine", "recognizers/clark-county", "recognizers/nea"):
        assert byline in read(real_site, url), url
    for path in (real_site / "credentials").glob("*/index.html"):
        text = path.read_text(encoding="utf-8")
        assert "base salary" not in text and "Professional Growth System" not in text, path
        for ident, name in (("kettle-moraine", "Kettle Moraine School District"),
                            ("clark-county", "Clark County School District and Clark County "
                                             "Education Association")):
            assert (f'Eligible under the rule reported for <a href="../../recognizers/{ident}/">'
                    f"{name}</a>; see its page for what the program offers") in text, path


def test_embedded_recognizer_is_a_compact_list(real_site: Path) -> None:
    embed = read(real_site, "embed/recognizers/kettle-moraine")
    assert embed.count(SALARY) == 1 and "<table" not in embed
    compact = re.search(r'<ul class="cc-compact-list" role="list">(.*?)</ul>', embed, re.S).group(1)
    assert len(re.findall(r"<li>", compact)) == 40
    assert "Eligible under its rule (40 credentials)" in embed


def test_api_attaches_no_worth_to_rule_eligibility(real_site: Path) -> None:
    data = json.loads((real_site / "api" / "v1" / "catalog.json").read_text(encoding="utf-8"))
    for credential in data["credentials"]:
        assert credential["links"]["recognitions"] == [
            {"recognizer": "clark-county", "basis": "rule", "worth": None},
            {"recognizer": "kettle-moraine", "basis": "rule", "worth": None}], credential["id"]
    kettle = next(r for r in data["recognizers"] if r["id"] == "kettle-moraine")
    assert kettle["worth"]["salary"] == SALARY and "one example of the perks" in kettle["worth"]["note"]
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
def test_embedded_recognizer_is_short_enough_to_embed(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 640, "height": 480})
    page.goto(real_site_url + "embed/recognizers/kettle-moraine/")
    assert page.locator(".cc-compact-list li").count() == 40
    assert page.evaluate("document.documentElement.scrollHeight") < 1400  # was ~4000 as a table
    page.close()
