"""The home page starts with the catalog: search, categories with badges and counts, pathways, stacks."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog

from .conftest import ROOT, run_build


def test_home_opens_with_search_and_the_categories(real_site: Path) -> None:
    html = (real_site / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="cc-home-search"[^>]*action="([^"]+)" method="get">(.*?)</form>',
                     html, re.S)
    assert form.group(1) == "credentials/"
    assert '<label for="cc-home-query">Search the 40 credentials</label>' in form.group(2)
    assert '<input id="cc-home-query" name="query" type="search"' in form.group(2)
    catalog = load_catalog(ROOT / "catalog")
    tiles = re.findall(r'<a class="cc-tile" href="categories/([a-z-]+)/">\s*<img src="([^"]+)" alt=""'
                       r'.*?<span class="cc-tile__count">(\d+) credentials?</span>', html, re.S)
    assert [cid for cid, _, _ in tiles] == list(catalog.categories)
    for cid, badge, number in tiles:
        assert badge == f"assets/catalog/badges/categories/{cid}.svg"
        assert (real_site / badge).is_file()
        assert int(number) == sum(c.category == cid for c in catalog.credentials.values())
    for pathway in catalog.pathways:
        assert f'href="pathways/{pathway}/"' in html
    graph = build_graph(catalog)
    stacks = re.findall(r'<a class="cc-tile cc-tile--text" href="stacks/([a-z-]+)/">.*?'
                        r'<span class="cc-tile__count">(\d+) credentials · about (\d+) hours</span>',
                        html, re.S)
    assert [(s.id, len(s.credentials), graph.stack_hours[s.id]) for s in graph.featured_stacks] == [
        (sid, int(count), float(hours)) for sid, count, hours in stacks]
    order = [html.index(f'id="{ident}"') for ident in ("home-categories", "home-pathways", "home-stacks",
                                                       "start-here")]
    assert order == sorted(order)


def test_header_title_is_short_and_the_footer_names_the_licences(real_site: Path) -> None:
    html = (real_site / "stacks" / "index.html").read_text(encoding="utf-8")
    topic = re.search(r'<div class="md-header__topic">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>',
                      html)
    assert topic.group(1) == "Micro-credentials"
    assert "Code under the MIT License; catalog content under CC BY 4.0." in html
    assert '<a href="../about/#licenses">About the licences</a>' in html


@pytest.mark.browser
def test_on_a_phone_the_search_box_is_in_the_first_screen_and_searches(browser: Any,
                                                                       real_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(real_site_url)
    box = page.locator("#cc-home-query").bounding_box()
    assert box["y"] + box["height"] <= 844
    title = page.locator(".md-header__topic .md-ellipsis").first
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth")  # not cut off
    page.locator("#cc-home-query").fill("listening")
    page.keyboard.press("Enter")
    page.wait_for_url("**/credentials/?query=listening")
    expect(page.locator(".cc-results .cc-card").first).to_be_visible()
    page.close()


def _featured(html: str) -> tuple[list[str], str | None]:
    """The stacks the home page's tiles feature, and its link to all of them."""
    section = re.search(r'<section class="cc-home__section" aria-labelledby="home-stacks">(.*?)</section>',
                        html, re.S).group(1)
    tiles = re.findall(r'<a class="cc-tile cc-tile--text" href="stacks/([a-z-]+)/">', section)
    more = re.search(r'<a href="stacks/">(All \d+ stacks)</a>', section)
    return tiles, more.group(1) if more else None


def test_home_features_and_counts_only_active_stacks(write: Callable[[str, str], Path], tiny: Path) -> None:
    write("stacks/aardvark-inquiry.yml", "title: Aardvark Inquiry\nsummary: The old set.\n"
          "rationale: Replaced.\ncredentials: [asking-questions, weighing-evidence]\n"
          "status: retired\nsuccessors: [inquiry]\n")
    for name in ("Bridges", "Circles", "Debates", "Echoes"):
        write(f"stacks/{name.lower()}.yml", f"title: {name}\nsummary: A set.\nrationale: Why.\n"
              f"need: Students need {name.lower()}.\ncredentials: [speaking-up, asking-questions]\n")
    home = tiny / "docs" / "index.md"
    home.write_text("---\ntemplate: catalog-home.html\n---\n# Tiny\n", encoding="utf-8")
    tiles, more = _featured((run_build(tiny) / "index.html").read_text(encoding="utf-8"))
    assert tiles == ["bridges", "circles", "debates", "echoes"]
    assert more == "All 5 stacks"


def test_the_real_home_page_features_active_stacks_and_counts_them_as_the_stacks_page_does(
        real_site: Path) -> None:
    catalog = load_catalog(ROOT / "catalog")
    active = {sid for sid, stack in catalog.stacks.items() if stack.status == "active"}
    assert len(active) < len(catalog.stacks)  # the real catalog has retired stacks
    tiles, more = _featured((real_site / "index.html").read_text(encoding="utf-8"))
    assert len(tiles) == 4 and set(tiles) <= active
    assert more == f"All {len(active)} stacks"
    listing = (real_site / "stacks" / "index.html").read_text(encoding="utf-8")
    offered = listing[:listing.index('<h2 id="retired">')]
    assert set(re.findall(r'<li><a href="([a-z-]+)/">', offered)) == active
