"""The credentials browse page in Debian's Chromium, on the full catalog: search, filters (in a
dialog on a phone), sorting, the URL, the keyboard, and the page without JavaScript."""

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

STATUS = ".cc-status"
TITLES = ".cc-results .cc-card__title a"


def open_browse(tab: Any, url: str, query: str = "") -> None:
    tab.goto(f"{url}credentials/{query}")
    tab.wait_for_selector(".cc-browse[data-ready]")


def wait_status(tab: Any, text: str) -> str:
    tab.wait_for_function(
        "t => document.querySelector('.cc-status').textContent.includes(t)", arg=text)
    return tab.inner_text(STATUS)


def wait_query(tab: Any, query: str) -> str:
    """Wait until the results for ``query`` are shown (whatever words it was understood to need)."""
    tab.wait_for_function(
        "q => document.querySelector('.cc-status').getAttribute('data-query') === q", arg=query)
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
    assert tab.locator(".cc-browse__main > .cc-browse-all").count() == 1
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
    status = wait_status(tab, "match “listen”")  # the one telling word
    assert re.fullmatch(r"(\d+) credentials match “listen”, best match first\.", status)
    assert int(status.split()[0]) == count(tab) < 40
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
    wait_query(tab, words)
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
    fresh.wait_for_selector(".cc-browse[data-ready]")
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


def test_the_browser_saves_no_box_at_each_change_of_address(tab: Any, real_site_url: str) -> None:
    """The page's state is its address: the browser's own saving of form state, which Chromium
    does for every box at each change of address, is turned off for the filters, the sort and the
    cards' compare boxes, whether the list or the results show."""
    unsaved = """() => [...document.querySelectorAll('.md-content :is(input, select), dialog input')]
        .filter(el => el.autocomplete !== 'off' && el.form?.autocomplete !== 'off')
        .map(el => el.outerHTML.slice(0, 120))"""
    open_browse(tab, real_site_url)
    tab.wait_for_selector(".cc-browse-all [data-compare-id]")
    assert tab.evaluate(unsaved) == []
    open_browse(tab, real_site_url, "?query=feedback&hours=up-to-10")
    wait_query(tab, "feedback")
    assert tab.locator(".cc-results [data-compare-id]").count() == count(tab) > 0
    assert tab.evaluate(unsaved) == []


@pytest.mark.parametrize("path", ["credentials/", "credentials/kind-critiquing/"])
def test_skip_to_content_leads_to_the_start_of_the_page(tab: Any, real_site_url: str, path: str) -> None:
    """The skip link's next stop is the page's own first control (the search box; on a credential
    page a link before its "At a glance"), not the first heading of the contents, past them."""
    tab.goto(real_site_url + path)
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("""() => { const el = document.activeElement;
        const fence = document.getElementById('at-a-glance') || document.getElementById('cc-query');
        return {inPage: el.closest('article') !== null, html: el.outerHTML.slice(0, 80),
                search: el.id === 'cc-query',
                early: !!(fence.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)}; }""")
    assert focused["inPage"], focused
    assert focused["search"] if path == "credentials/" else focused["early"], focused


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


def test_some_words_matching_show_under_their_own_heading(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url, "?query=breathing%20debate")
    status = wait_status(tab, "some of the words")
    assert re.fullmatch(r"No credential matches both “breathing” and “debate”\. (\d+) match some "
                        r"of the words\.", status)
    assert tab.inner_text(".cc-results h2") == "Partly matching"

    # A word no credential holds is left out, and the status says so.
    tab.fill("#cc-query", "feedback zzzxqv")
    status = wait_status(tab, "zzzxqv")
    assert re.fullmatch(r"No credential mentions “zzzxqv”\. (\d+) credentials match “feedback”, "
                        r"best match first\.", status)
    assert "Partly matching" not in tab.locator(".cc-results h2").all_inner_texts()
    assert tab.locator(TITLES).first.inner_text() == "Kind Critiquing"

    tab.fill("#cc-query", "kind feedback")
    status = wait_status(tab, "“kind” and “feedback”")
    full = int(status.split()[0])
    headings = tab.locator(".cc-results h2").all_inner_texts()
    assert headings[0] == "Results" and tab.locator(TITLES).first.inner_text() == "Kind Critiquing"
    assert tab.locator(".cc-results .cc-results__list").first.locator(".cc-card").count() == full
    assert ("Partly matching" in headings) == (full < 5)


def times(tab: Any) -> list[float]:
    return [float(re.search(r"[\d.]+", text).group()) for text in
            tab.locator(".cc-results .cc-card__time").all_inner_texts()]


def test_sort_by_time_and_title_keeps_the_url(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url)
    tab.select_option("#cc-sort", "time")
    assert wait_status(tab, "shortest") == "Showing all 40 credentials, shortest first."
    assert "sort=time" in tab.url and count(tab) == 40
    assert times(tab) == sorted(times(tab)) and times(tab)[0] < times(tab)[-1]
    assert not tab.locator(".cc-browse-all").is_visible()

    tab.fill("#cc-query", "feedback")
    status = wait_status(tab, "“feedback”")
    assert status.endswith(", shortest first.") and times(tab) == sorted(times(tab))
    tab.select_option("#cc-sort", "title")
    wait_status(tab, "by title")
    titles = tab.locator(TITLES).all_inner_texts()
    assert titles == sorted(titles, key=str.casefold) and "sort=title" in tab.url

    tab.go_back()  # the sort was one step of the history
    wait_status(tab, "shortest first")
    assert tab.input_value("#cc-sort") == "time"
    tab.click(".cc-clear")
    assert wait_status(tab, "Showing all") == "Showing all 40 credentials."
    assert tab.input_value("#cc-sort") == "" and "sort=" not in tab.url


def test_url_round_trip_with_sort_and_a_good_first_filter(tab: Any, real_site_url: str) -> None:
    open_browse(tab, real_site_url, "?query=students&start=good-first&sort=time")
    status = wait_status(tab, "with 1 filter")
    assert status.endswith(", shortest first.")
    assert tab.input_value("#cc-query") == "students" and tab.input_value("#cc-sort") == "time"
    assert facet(tab, "start", "good-first").is_checked()
    cards = tab.locator(".cc-results .cc-card")
    assert 0 < cards.count() < 40
    assert cards.count() == tab.locator(".cc-results .cc-card .cc-badge--first").count()
    assert times(tab) == sorted(times(tab))
    unknown = tab.context.new_page()
    unknown.goto(real_site_url + "credentials/?sort=nonsense&start=nope")
    unknown.wait_for_selector(".cc-browse[data-ready]")
    assert wait_status(unknown, "Showing all") == "Showing all 40 credentials."


PHONE = {"width": 390, "height": 844}


def test_filters_open_over_the_list_on_a_phone(browser: Any, real_site_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    open_browse(tab, real_site_url)
    opener = tab.locator(".cc-filters-open")
    assert opener.is_visible() and opener.inner_text() == "Filters (0)"
    assert not tab.locator(".cc-facets").is_visible()
    # Results first: the list starts within the first screen.
    assert tab.locator(".cc-browse-all .cc-card").first.bounding_box()["y"] < PHONE["height"]

    opener.click()
    dialog = tab.locator(".cc-filters-dialog")
    assert dialog.evaluate("d => d.open && d.matches(':modal')")
    assert tab.evaluate("document.activeElement.id") == "cc-filters-title"
    assert dialog.locator(".cc-facets").is_visible()
    box = dialog.locator('[data-facet="category"] input[value="work-collaboratively"]')
    promised = int(re.search(r"\((\d+)\)", box.locator("xpath=following-sibling::label").inner_text())[1])
    box.check()
    wait_status(tab, "with 1 filter")
    done = dialog.locator(".cc-dialog__done")
    assert done.inner_text() == f"Show {promised} credentials"
    assert opener.inner_text() == "Filters (1)"
    done.click()
    assert not dialog.evaluate("d => d.open")
    assert tab.evaluate("document.activeElement.classList.contains('cc-filters-open')")
    assert count(tab) == promised and "category=work-collaboratively" in tab.url

    opener.click()  # the keyboard closes it too, and the choice holds
    tab.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert tab.locator(".cc-facets-home .cc-facets").count() == 1 and count(tab) == promised
    context.close()


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}])
def test_nothing_moves_when_the_script_takes_over(browser: Any, real_site_url: str,
                                                  viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.route("**/credentials-store.json", lambda route: (tab.wait_for_timeout(500), route.continue_()))
    tab.goto(real_site_url + "credentials/")
    tab.wait_for_selector(".cc-browse[data-ready]")
    assert tab.evaluate(LAYOUT_SHIFT) <= 0.02
    context.close()


def test_without_javascript_the_list_is_the_page(browser: Any, real_site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    tab = context.new_page()
    tab.goto(real_site_url + "credentials/")
    assert tab.locator(".cc-browse-all .cc-card").count() == 40
    assert tab.locator(".cc-browse-all .cc-card").first.is_visible()
    for hidden in ("#cc-query", ".cc-filters-open", "#cc-sort", ".cc-facets", ".cc-status"):
        assert not tab.locator(hidden).is_visible(), hidden
    context.close()


CARD_VALUES = """() => [...document.querySelectorAll('.cc-card__facts')]
    .filter(list => list.getClientRects().length)
    .map(list => [...list.querySelectorAll('dd')].map(dd => Math.round(dd.getBoundingClientRect().left)))"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("script", [True, False])
def test_a_cards_values_start_in_one_column(browser: Any, real_site_url: str, width: int,
                                            script: bool) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=script)
    page = context.new_page()
    page.goto(real_site_url + "credentials/" + ("?query=feedback" if script else ""))
    if script:
        page.wait_for_selector(".cc-results .cc-card")
    lefts = page.evaluate(CARD_VALUES)
    context.close()
    assert len(lefts) >= 10 and all(len(card) == 2 for card in lefts)
    assert [card for card in lefts if card[0] != card[1]] == []
