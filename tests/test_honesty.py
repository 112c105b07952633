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
    # Issue 18: statements the seeds do not support, and caveats repeated page after page.
    "count toward salary or re-licensure",
    "toward salary, re-licensure or professional development",
    "reviews the drafts before they are published",
    "one-page infographic",
    "the teachers&#39; association",
    "the teachers' association",
    "such as the NEA",
    "the date of that report is not given in our sources",
    "gives the range only",
    "Each credential names the standards it supports",
    "Nonprofit",
]
# Who made each resource, as the seeds give it: seed 002's entries, or the owner of the site that
# hosts it (digitalpromise.org, teachingquality.org). Shared documents and videos whose entry names
# nobody are credited to nobody.
CREDITS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "ask-an-educator-podcast-series": ((), "Digital Promise"),
    "ask-an-educator-teacher-leadership-episode": ((), "Digital Promise"),
    "deeper-learning-micro-credentials-paper": ((), "Digital Promise"),
    "digital-promise-micro-credentials": ((), "Digital Promise"),
    "driving-teacher-learning-and-leadership": (("Barnett Berry", "Karen Cator"),
                                                "Center for Teaching Quality"),
    "earning-micro-credentials-infographic": ((), "Digital Promise"),
    "igniting-impact-in-the-ecosystem": ((), "Digital Promise, with the Friday Institute for Education "
                                             "Innovation, Baltimore County Public Schools, the Mobile "
                                             "Technology Learning Center and Kettle Moraine School District"),
    "learning-forward-standards": ((), "Learning Forward"),
    "making-professional-learning-count": ((), "Digital Promise and Grunwald Associates LLC"),
    "micro-credentialing-movement-continues": ((), "Center for Teaching Quality and Digital Promise"),
    "micro-credentials-for-impact": (("Tracy Crow", "Hashim Pipkin"), "Learning Forward and Digital Promise"),
    "micro-credentials-spurring-educator-engagement": ((), "Digital Promise"),
    "movement-toward-personalized-professional-learning": (("Christina Kuriacose", "Allida Warn"),
                                                           "Center for Collaborative Education"),
    "nazareth-information-session": ((), "Nazareth Area School District"),
    "pilot-recruitment-guide": ((), None),
    "platform-walkthrough": ((), "Digital Promise"),
    "plc-facilitation-guide": ((), None),
    "sample-survey-questions": ((), "Center for Teaching Quality"),
    "sample-survey-questions-document": ((), None),
    "start-earning-micro-credentials-video": ((), None),
    "support-models": ((), "Center for Teaching Quality"),
    "teacher-leadership-for-21st-century-teaching": (("Kristoffer Kohl", "Kim Farris-Berg", "Barnett Berry"),
                                                     None),
    "theory-of-action-tool": ((), "Center for Teaching Quality"),
    "timeline-considerations": ((), "Center for Teaching Quality"),
    "transformation-of-professional-learning-in-california": (("Kristoffer Kohl", "Barnett Berry",
                                                               "Jon Eckert"), None),
}
UNKNOWN = re.compile(r"does not (?:say|list|reproduce|give)|not given|not stated|gives? the range only"
                     r"|not known|unknown", re.I)


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
        byline = f"Reported in {escape(recognizer.reported_in)}"
        year = f" ({recognizer.reported_year})" if recognizer.reported_year else ""
        for page in (html, embed):
            # The byline gives the report's year only when the source gives one, and says no more.
            assert re.search(re.escape(byline + year) + r"\s*<", page), recognizer.id


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


def test_issuers_and_recognizers_are_what_the_sources_say() -> None:
    catalog = load_catalog(ROOT / "catalog")
    assert sorted(catalog.recognizers) == ["clark-county", "kettle-moraine"]  # NEA publishes, on its own
    assert sorted(catalog.issuers) == ["digital-promise", "nea"]
    assert catalog.issuers["digital-promise"].kind is None  # the seeds never say what kind it is
    nea = catalog.issuers["nea"].description
    assert "120" in nea and "None of the association's micro-credentials is described" in nea
    dp = catalog.issuers["digital-promise"].description
    assert "review" not in dp and "approv" not in dp
    clark = catalog.recognizers["clark-county"]
    assert "Clark County Education Association" in clark.summary and "NEA" not in clark.model_dump_json()


def test_resources_are_credited_only_as_the_sources_credit_them() -> None:
    catalog = load_catalog(ROOT / "catalog")
    found = {r.id: (tuple(r.authors), r.organization) for r in catalog.resources.values()}
    assert found == CREDITS


def test_seeking_well_being_keeps_all_three_sides_of_the_seed() -> None:
    credential = load_catalog(ROOT / "catalog").credentials["seeking-well-being"]
    for text in (credential.summary, credential.competency):
        assert "physical, mental and spiritual well-being" in text
    passing = credential.submission.evidence[0].scoring_guide[0].criteria
    assert "The routines include at least one for the body, one for the mind and one for meaning and " \
           "connection." in passing


def test_recognizer_pages_say_what_is_unknown_once(real_site: Path) -> None:
    for url in ("recognizers/kettle-moraine", "recognizers/clark-county", "embed/recognizers/kettle-moraine",
                "recognizers"):
        html = read(real_site, url)
        body = html[html.index("<body"):]
        unknown = body.split('<h2 id="not-reported">')
        assert [m.group(0) for m in UNKNOWN.finditer(unknown[0])] == [], url
        if url.startswith("recognizers/"):
            assert len(unknown) == 2 and "What the sources do not say</h2>" in unknown[1], url
            assert not UNKNOWN.search(unknown[1].split("</p>", 1)[1]), url


def test_credential_pages_name_their_resources_and_invite_more(real_site: Path) -> None:
    catalog = load_catalog(ROOT / "catalog")
    paper = catalog.resources["deeper-learning-micro-credentials-paper"]
    for cid in catalog.credentials:
        html = read(real_site, f"credentials/{cid}")
        section = html[html.index('<h2 id="resources">'):html.index('<h2 id="submission">')]
        lead = "Resources named for this credential in the sources this catalog is built from:"
        assert lead in section, cid
        assert f'<a href="{paper.url}">' in section, cid
        assert "does not cite research on any single method" in section, cid
        assert 'href="../../contributing/#suggest-a-resource">Suggest a resource</a>' in section, cid
    contributing = read(real_site, "contributing")
    assert 'id="suggest-a-resource"' in contributing
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-resource.yml").is_file()
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    listing = guide.split("## Listing a resource")[1]
    assert "A real link that you have opened" in listing and "Leave a field out rather than guess" in listing
    about = re.sub(r"\s+", " ", read(real_site, "about"))
    assert "our sources do not reproduce those lists" in about


def test_home_and_recognizers_claim_no_recognition_the_sources_do_not_report(real_site: Path) -> None:
    for url in ("", "recognizers", "about"):
        html = read(real_site, url) if url else (real_site / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", html)
        assert "re-licensure" not in text and "professional development hours" not in text, url
