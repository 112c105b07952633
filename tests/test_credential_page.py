"""The credential page leads somewhere: header with badge, earn link, at a glance, rubric tables;
badges on every card."""

import re
from pathlib import Path

from credential_catalog.loader import load_catalog

from .conftest import TINY, run_build


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def earn_links(html: str) -> list[str]:
    button = r'<a class="md-button md-button--primary" href="([^"]+)">Earn this credential</a>'
    return re.findall(button, html)


def test_header_shows_badge_category_title_and_summary(built: Path) -> None:
    html = page(built, "credentials/asking-questions")
    head = html[html.index('<div class="cc-credential-head">'):html.index('<dl class="cc-facts"')]
    badge = re.search(r'<img class="cc-credential-head__badge" src="([^"]+)" alt="([^"]+)"', head)
    assert badge.group(1) == "../../assets/catalog/badges/asking-questions.svg"
    assert badge.group(2) == "Badge of the Asking Questions micro-credential, in the Thinking category"
    assert '<h1 id="credential-title">Asking Questions</h1>' in head
    assert "Students write questions that can be investigated." in head
    assert earn_links(html) == []  # the tiny issuer names no earning page


def test_earn_link_goes_to_the_issuers_earning_page_for_active_credentials_only(tiny: Path) -> None:
    issuer = tiny / "catalog" / "issuers" / "acme-institute.yml"
    issuer.write_text(issuer.read_text() + "earn_at: acme-site\n")
    retired = tiny / "catalog" / "credentials" / "speaking-up.yml"
    retired.write_text(retired.read_text() + "status: retired\n")
    site = run_build(tiny)
    resource = (tiny / "catalog" / "resources" / "acme-site.yml").read_text()
    url = re.search(r"^url: (\S+)$", resource, re.MULTILINE).group(1)
    assert earn_links(page(site, "credentials/asking-questions")) == [url]
    # The issuer's page is for all its credentials: the note says which one to look for there.
    assert "look there for “Asking Questions”" in page(site, "credentials/asking-questions")
    assert earn_links(page(site, "credentials/speaking-up")) == []


def test_real_catalog_earn_link_is_digital_promises_micro_credentials_page(real_site: Path) -> None:
    assert earn_links(page(real_site, "credentials/mapping-facts")) == [
        "https://www.digitalpromise.org/microcredentials"]


def test_at_a_glance_answers_the_five_questions_with_links_into_the_page(built: Path) -> None:
    html = page(built, "credentials/asking-questions")
    glance = html[html.index('<section class="cc-glance"'):html.index("</section>", html.index("cc-glance"))]
    items = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+) <a href=\"#([^\"]+)\">", glance)
    assert [question for question, _, _ in items] == [
        "What skill does it recognize?", "Can the skill be shown in evidence?", "What supports the method?",
        "How much evidence is enough?", "What goes with it?"]
    answers = {question: (answer, anchor) for question, answer, anchor in items}
    assert answers["What skill does it recognize?"] == (
        "The educator teaches students to turn a topic into a question they can investigate.", "competency")
    assert answers["How much evidence is enough?"] == (
        "1 overview question, 1 evidence part and 1 reflection prompt; a part passes at its Passing level.",
        "evidence-1")
    assert answers["What goes with it?"][0] == "2 related credentials, 1 stack and 1 pathway."
    for _, anchor in answers.values():
        assert f'id="{anchor}"' in html


COLUMNS = '<colgroup><col class="cc-scoring__level"><col class="cc-scoring__outcome"><col></colgroup>'


def test_scoring_guides_are_rubric_tables_with_the_same_columns_in_every_part(real_site: Path) -> None:
    html = page(real_site, "credentials/mapping-facts")
    tables = re.findall(r'<table class="cc-scoring__table">(.*?)</table>', html, re.S)
    assert len(tables) >= 2
    for table in tables:
        assert COLUMNS in table
        assert re.findall(r'<th scope="col">([^<]+)</th>', table) == [
            "Level", "Outcome", "What the reviewer looks for in your evidence"]
    parts = re.findall(r'<section class="cc-part">\s*<div class="cc-part__head">\s*<h3 id="evidence-(\d)">',
                       html)
    assert parts == [str(n) for n in range(1, len(tables) + 1)]


def test_what_to_submit_and_the_embed_say_whose_words_and_estimate_they_are(built: Path) -> None:
    """The submission and its scoring guides are the catalog's rewording (the printed plan copies
    this section, note included); an embedded card labels its time as the catalog's estimate and
    sends earners to the issuer."""
    html = page(built, "credentials/asking-questions")
    section = html[html.index('<h2 id="submission">'):]
    note = re.match(r'<h2 id="submission">What to submit</h2>\s*<p class="cc-provenance[^"]*">(.*?)</p>',
                    section)
    assert note and "written for this catalog" in note[1] and "rubric may differ" in note[1]
    embed = page(built, "embed/credentials/asking-questions")
    assert re.search(r"<dt>Estimated time</dt><dd>[^<]*hours \(the catalog's estimate\)</dd>", embed)
    issuer = load_catalog(TINY / "catalog").issuers["acme-institute"].name
    assert f"earn it through {issuer}, whose requirements are the official ones" in embed
    time = re.search(r"<dt>Estimated time</dt><dd>([^<]*)</dd>", html)
    assert time and "estimate" not in time[1]  # the page's provenance line says it once for all


def test_stacks_and_pathways_say_they_are_the_catalogs_own(built: Path) -> None:
    """A stack or a pathway is the catalog's suggestion, and its hours the catalog's estimate."""
    for url, words in [("stacks/inquiry", "This stack is this catalog's own choice"),
                       ("pathways/starter", "This pathway is this catalog's own suggested order")]:
        judgement = re.search(r'<p class="cc-judgement">([^<]*)</p>', page(built, url))
        assert judgement and judgement[1].startswith(words), url
        assert "Each credential is earned on its own, from its issuer." in judgement[1]
    assert re.search(r"about [^<]*hours in all \(the catalog's estimate\)", page(built, "stacks/inquiry"))


def test_every_card_and_list_of_credentials_shows_its_badge(built: Path) -> None:
    for url in ["credentials", "categories/thinking", "stacks/inquiry", "issuers/acme-institute"]:
        html = page(built, url)
        cards = re.findall(r'<article class="cc-card[^"]*" data-credential="([^"]+)">(.*?)</article>',
                           html, re.S)
        assert cards, url
        for cid, card in cards:
            assert '<img class="cc-card__badge" src="' in card, (url, cid)
            assert f'badges/{cid}.svg" alt=""' in card, (url, cid)
    steps = page(built, "pathways/starter")
    assert re.findall(r'<li><img src="\.\./\.\./assets/catalog/badges/([a-z-]+)\.svg" alt=""', steps) == [
        "asking-questions", "weighing-evidence", "speaking-up"]
    embed = page(built, "embed/stacks/inquiry")
    inquiry = load_catalog(TINY / "catalog").stacks["inquiry"]
    assert embed.count('class="cc-embed__badge"') == len(inquiry.credentials)
    embed = page(built, "embed/credentials/asking-questions")
    assert 'alt="Badge of the Asking Questions micro-credential, in the Thinking category"' in embed
