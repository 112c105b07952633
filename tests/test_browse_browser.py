"""The credentials browse page in Debian's Chromium, on the full catalog."""

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

STATUS = ".cc-status"
TITLES = ".cc-results .cc-card__title a"


def open_browse(tab: Any, url: str, query: str = "") -> None:
    tab.goto(f"{url}credentials/{query}")
    tab.wait_for_selector(".cc-browse:not([hidden])")


def wait_status(tab: Any, text: str) -> str:
    tab.wait_for_function(
        "t => document.querySelector('.cc-status').textContent.includes(t)", arg=text)
    return tab.inner_text(STATUS)


def count(tab: Any) -> int:
    return tab.locator(".cc-results .cc-card").count()


def facet(tab: Any, name: str, value: str) -> Any:
    details = tab.locator(f'[data-facet="{name}"]')
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    return details.locator(f'input[value="{value}"]')


def shown_count(box: Any) -> int:
    label = box.locator("xpath=following-sibling::label").inner_text()
    return int(re.search(r"\((\d+)\)", label).group(1))


def test_without_filters_the_grouped_list_shows(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    assert wait_status(tab, "Showing all") == "Showing all 40 credentials."
    assert tab.locator(".cc-browse-all .cc-card").count() == 40
    assert tab.locator(".cc-browse-all").is_visible()
    # It fills the results column beside the filters, and no "Results" list is drawn.
    assert tab.locator(".cc-results > .cc-browse-all").count() == 1
    assert tab.locator(".cc-results__list").count() == 0


def test_the_contents_sidebar_hides_while_the_list_it_points_into_is_hidden(
        tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    toc = tab.locator(".md-sidebar--secondary")
    assert toc.is_visible()
    summary = tab.locator('[data-facet="category"] > summary')
    assert summary.evaluate("el => getComputedStyle(el, '::before').display") == "none"
    tab.fill("#cc-query", "mindfu")  # still typing
    wait_status(tab, "“mindfu”")
    assert tab.locator(TITLES).first.inner_text() == "Mindfulness"
    assert not toc.is_visible()
    tab.click(".cc-clear")
    wait_status(tab, "Showing all")
    assert toc.is_visible()


def test_typing_a_query_ranks_and_announces(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    tab.fill("#cc-query", "my students don't listen to each other")
    wait_status(tab, "match “my students")
    assert tab.get_attribute(STATUS, "aria-live") == "polite"
    assert tab.locator(TITLES).first.inner_text() == "Active Listening"
    assert not tab.locator(".cc-browse-all").is_visible()

    tab.fill("#cc-query", "listning")  # a typo
    wait_status(tab, "“listning”")
    assert tab.locator(TITLES).first.inner_text() == "Active Listening"

    tab.fill("#cc-query", "collab")  # a word still being typed
    wait_status(tab, "“collab”")
    assert "Collaborative Problem Solving" in tab.locator(TITLES).all_inner_texts()

    tab.fill("#cc-query", "zzzxqv")
    assert wait_status(tab, "“zzzxqv”").startswith("0 credentials")
    assert "Check the spelling" in tab.inner_text(".cc-empty")


@pytest.mark.parametrize(("words", "expected"), [
    ("project work", {"Making Projects Real", "Managing Project Cycles"}),
    ("research skills", {"Productive Researching"}),
])
def test_plain_words_in_the_browser(tab: Any, real_site_url: str, words: str,
                                    expected: set[str]) -> None:
    open_browse(tab, real_site_url)
    tab.fill("#cc-query", words)
    wait_status(tab, f"“{words}”")
    assert expected <= set(tab.locator(TITLES).all_inner_texts()[:3])


def test_facets_combine_with_counts_and_clear_all(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    collaborate = facet(tab, "category", "work-collaboratively")
    promised = shown_count(collaborate)
    collaborate.check()
    wait_status(tab, "with 1 filter")
    assert count(tab) == promised
    assert set(tab.locator(".cc-results .cc-card__category").all_inner_texts()) == {
        "Work collaboratively"}

    communicate = facet(tab, "category", "communicate-effectively")
    before, promised = count(tab), shown_count(communicate)
    communicate.check()  # same facet: either category
    wait_status(tab, "with 2 filters")
    assert count(tab) == before + promised

    video = facet(tab, "evidence", "classroom-video")
    promised = shown_count(video)
    video.check()  # another facet: both must hold
    wait_status(tab, "with 3 filters")
    assert 0 < count(tab) == promised < 12
    assert "category=work-collaboratively" in tab.url and "evidence=classroom-video" in tab.url

    tab.click(".cc-clear")
    assert wait_status(tab, "Showing all") == "Showing all 40 credentials."
    assert not re.search(r"\?", tab.url)
    assert not tab.locator('.cc-facets input:checked').count()


def test_empty_state_offers_to_remove_a_filter(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url, "?category=develop-academic-mindsets&evidence=classroom-video")
    assert wait_status(tab, "0 credentials") == "0 credentials match with 2 filters."
    tab.click(".cc-empty .cc-chip >> text=Remove filter: Classroom video")
    wait_status(tab, "with 1 filter")
    assert set(tab.locator(".cc-results .cc-card__category").all_inner_texts()) == {
        "Develop academic mindsets"}
    assert "evidence=" not in tab.url


def test_url_round_trip(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    tab.fill("#cc-query", "feedback")
    wait_status(tab, "“feedback”")
    facet(tab, "audience", "instructional-coach").check()
    wait_status(tab, "with 1 filter")
    titles = tab.locator(TITLES).all_inner_texts()
    shared = tab.url
    assert "query=feedback" in shared and "audience=instructional-coach" in shared

    fresh = tab.context.new_page()
    fresh.goto(shared)
    fresh.wait_for_selector(".cc-browse:not([hidden])")
    wait_status(fresh, "with 1 filter")
    assert fresh.input_value("#cc-query") == "feedback"
    assert fresh.locator('[data-facet="audience"] input[value="instructional-coach"]').is_checked()
    assert fresh.locator(TITLES).all_inner_texts() == titles


def test_back_button_restores_each_state(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    tab.locator("#cc-query").press_sequentially("teamwork")
    wait_status(tab, "“teamwork”")
    with_query = tab.locator(TITLES).all_inner_texts()
    facet(tab, "hours", "up-to-10").check()
    wait_status(tab, "with 1 filter")

    tab.go_back()
    wait_status(tab, "match “teamwork”, best")
    assert tab.url.endswith("?query=teamwork")
    assert not facet(tab, "hours", "up-to-10").is_checked()
    assert tab.locator(TITLES).all_inner_texts() == with_query

    tab.go_back()  # the whole word was one step: back to the unfiltered page
    assert wait_status(tab, "Showing all") == "Showing all 40 credentials."
    assert tab.input_value("#cc-query") == ""


def test_keyboard_only(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)

    def tab_to(selector: str) -> None:
        for _ in range(80):
            tab.keyboard.press("Tab")
            if tab.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#cc-query")
    tab.keyboard.type("reflection")
    wait_status(tab, "“reflection”")
    tab_to('[data-facet="audience"] summary')
    tab.keyboard.press("Enter")
    tab_to('[data-facet="audience"] input[value="librarian"]')
    tab.keyboard.press("Space")
    wait_status(tab, "with 1 filter")
    assert "audience=librarian" in tab.url
    tab_to(".cc-results .cc-card__title a")
    target = tab.evaluate("document.activeElement.getAttribute('href')")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/credentials/[a-z0-9-]+/$"))
    assert tab.url.endswith(target.lstrip("./"))


def test_material_search_still_works(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url, "?query=listening")
    wait_status(tab, "“listening”")
    assert not tab.is_checked("#__search")  # Material opens its own search for ?q=, not ?query=
    tab.click(".md-search__input")
    tab.keyboard.type("listening guide")
    tab.wait_for_selector(".md-search-result__item a[href*='credentials/active-listening/']")
