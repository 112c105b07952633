"""WCAG 2.2 A and AA: axe-core on every page kind of the real catalog, light and dark, and a keyboard path."""

from pathlib import Path
from typing import Any

import pytest

from .browser import PAGE_KINDS
from .conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}
HARNESS = {"bypass_csp": True}
"""The pages' policy refuses scripts they do not ship, axe-core among them (test_policy checks it)."""


def violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in result["violations"]]


@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme_page(request: pytest.FixtureRequest, browser: Any) -> Any:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs axe-core from npm")
    context = browser.new_context(color_scheme=request.param, **HARNESS)
    page = context.new_page()
    page.scheme = SCHEMES[request.param]
    yield page
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_wcag_violations(scheme_page: Any, real_site_url: str, kind: str) -> None:
    scheme_page.goto(real_site_url + PAGE_KINDS[kind])
    scheme = scheme_page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == scheme_page.scheme
    assert violations(scheme_page) == [], kind


DOCS_PAGES = sorted("" if path.stem == "index" else f"{path.stem}/" for path in (ROOT / "docs").glob("*.md"))
TABLES_READY = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .every(wrap => wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.hasAttribute('tabindex'))"""


@pytest.mark.parametrize("width", [1280, 390])
def test_hand_written_pages_have_no_wcag_violations(scheme_page: Any, real_site_url: str,
                                                    width: int) -> None:
    scheme_page.set_viewport_size({"width": width, "height": 800})
    found = {}
    try:
        for path in DOCS_PAGES:
            scheme_page.goto(real_site_url + path)
            scheme_page.wait_for_function(TABLES_READY)  # wide tables become focusable regions
            found[path] = violations(scheme_page)
    finally:
        scheme_page.set_viewport_size({"width": 1280, "height": 720})
    assert found == {path: [] for path in DOCS_PAGES}


def test_wide_tables_are_named_regions_each_with_its_own_name(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800}, **HARNESS)
    page.goto(real_site_url + "performance/")
    page.wait_for_function(TABLES_READY)
    names = page.eval_on_selector_all(
        ".md-typeset__scrollwrap[role=region]", "els => els.map(el => el.getAttribute('aria-label'))")
    page.close()
    assert len(names) >= 3
    assert len(set(names)) == len(names)
    assert any(name.startswith("Browse page search") for name in names)


def focus_state(page: Any) -> dict[str, Any]:
    """Where focus is and whether it shows: an outline or ring on an element that has a size; the
    search field shows focus by opening the search panel."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const shown = node => {
            const style = getComputedStyle(node);
            return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
        };
        const box = el.getBoundingClientRect();
        let visible = shown(el) && box.width > 0 && box.height > 0;
        if (el.matches('input.md-search__input')) {
            visible = visible || document.getElementById('__search').checked;
        }
        return {html: el.outerHTML.slice(0, 120), href: el.getAttribute('href') || '', visible};
    }""")


def test_keyboard_path_from_search_to_a_scoring_guide(browser: Any, real_site_url: str,
                                                      tmp_path: Path) -> None:
    page = browser.new_page(**HARNESS)
    page.goto(real_site_url)
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.getAttribute('name')") == "query"
    page.keyboard.type("Mapping Facts")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")  # first the credentials page's search, then the results
    assert "credentials/?query=Mapping+Facts" in page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert "credentials/mapping-facts/" in target
    page.keyboard.press("Enter")
    page.wait_for_url("**/credentials/mapping-facts/**")

    # From the top of the credential page, Tab to the first scoring guide link in the contents.
    for _ in range(80):
        page.keyboard.press("Tab")
        state = focus_state(page)
        assert state["visible"], f"no visible focus indicator on {state['html']}"
        if state["href"].endswith("#submission"):
            break
    else:
        pytest.fail("no link to the submission and scoring guide reachable by Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#submission'")
    assert page.locator("table.cc-scoring__table").first.is_visible()
    page.close()


def on_screen(page: Any) -> dict[str, Any]:
    """The focused element: whether it is visible and has a box inside the viewport, and whether it
    is in the drawer."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        const inside = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
            && box.left < innerWidth && box.top < innerHeight;
        const searching = el.matches('input.md-search__input') && document.getElementById('__search').checked;
        return {html: el.outerHTML.slice(0, 120), text: el.textContent.trim(),
                visible: (inside || searching) && getComputedStyle(el).visibility === 'visible',
                drawer: !!el.closest('.md-sidebar--primary'), menu: el.matches('.cc-drawer-button'),
                main: !!el.closest('.md-content')};
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_colour_scheme_switch_is_one_button_that_shows_focus_and_keeps_it(
        browser: Any, real_site_url: str, scheme: str) -> None:
    other = {"light": "dark", "dark": "light"}
    page = browser.new_page(color_scheme=scheme, **HARNESS)
    page.goto(real_site_url + "about/")
    button = page.locator(".cc-scheme-button")
    for _ in range(5):
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.matches('input[name=__palette]')")
        if page.evaluate("document.activeElement.matches('.cc-scheme-button')"):
            break
    assert focus_state(page)["visible"]
    assert button.get_attribute("aria-label") == f"Switch to {other[scheme]} mode"
    for key, now in (("Space", other[scheme]), ("Enter", scheme)):
        page.keyboard.press(key)
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[now]
        assert page.evaluate("document.activeElement.matches('.cc-scheme-button')")
        assert button.get_attribute("aria-label") == f"Switch to {other[now]} mode"
    button.click()
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[other[scheme]]
    assert button.get_attribute("aria-label") == f"Switch to {scheme} mode"
    page.close()


def drawer_open(page: Any) -> bool:
    expanded = page.get_attribute(".cc-drawer-button", "aria-expanded")
    checked = page.evaluate("document.getElementById('__drawer').checked")
    assert expanded == str(checked).lower()
    return checked


@pytest.mark.parametrize("path", ["credentials/mapping-facts/", "about/"])
def test_the_phone_menu_opens_and_closes_from_the_keyboard(browser: Any, real_site_url: str,
                                                           path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800}, **HARNESS)
    page.goto(real_site_url + path)
    assert not page.is_visible("label.md-header__button[for='__drawer']")
    # Closed, the drawer takes no focus: every stop up to the content shows on screen.
    stops = []
    while not stops or not stops[-1]["main"]:
        page.keyboard.press("Tab")
        stops.append(on_screen(page))
        assert len(stops) < 10, [stop["html"] for stop in stops]
        assert stops[-1]["visible"] and not stops[-1]["drawer"], stops[-1]["html"]
        assert focus_state(page)["visible"], stops[-1]["html"]
    assert [stop["menu"] for stop in stops[:3]].count(True) == 1

    for key in ("Enter", "Space"):
        page.focus(".cc-drawer-button")
        page.keyboard.press(key)
        assert drawer_open(page)
        page.wait_for_timeout(300)  # the slide
        state = on_screen(page)
        assert state["drawer"] and state["visible"], state["html"]
        page.keyboard.press("Escape")
        assert not drawer_open(page)
        assert on_screen(page)["menu"]

    # Open, every stop in the drawer shows; a section opens its pane and its links show.
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    if path == "about/":  # the drawer opens on the page's own section; its title leads back
        state = on_screen(page)
        assert state["text"] == "About" and state["visible"], state["html"]
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        backwards: list[str] = []
        while (state := on_screen(page))["drawer"] and len(backwards) < 40:
            assert state["visible"] and focus_state(page)["visible"], state["html"]
            backwards.append(state["text"])
            page.keyboard.press("Shift+Tab")
        assert backwards[:2] == ["About", "Contribute"] and "Home" in backwards
        page.close()
        return
    texts: list[str] = []
    while (state := on_screen(page))["drawer"] and len(texts) < 40:
        assert state["visible"] and focus_state(page)["visible"], state["html"]
        texts.append(state["text"])
        if texts.count("Find a credential") == 1 and texts[-1] == "Find a credential":
            section = page.evaluate("(el => [el.htmlFor, el.getAttribute('role'),"
                                    " el.getAttribute('aria-expanded')])(document.activeElement)")
            assert section[1:] == ["button", "false"]
            page.keyboard.press("Enter")  # focus moves to the pane's title, which goes back
            page.wait_for_timeout(300)
            assert page.get_attribute(f"label.md-nav__link[for='{section[0]}']", "aria-expanded") == "true"
        else:
            page.keyboard.press("Tab")
    assert "Credentials" in texts and "My plan" in texts
    assert not drawer_open(page)  # focus left the drawer, which closed behind it
    page.close()


def test_the_phone_search_opens_from_a_button_and_gives_focus_back(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800}, **HARNESS)
    page.goto(real_site_url + "about/")
    assert not page.is_visible("label.md-header__button[for='__search']")
    for _ in range(6):  # the closed search's field, off screen, takes no focus on the way
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.matches('.md-search__input')")
        if page.evaluate("document.activeElement.matches('.cc-search-button')"):
            break
    assert focus_state(page)["visible"]
    assert page.get_attribute(".cc-search-button", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.matches('.md-search__input')")
    assert page.get_attribute(".cc-search-button", "aria-expanded") == "true"
    page.keyboard.type("feedback")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.matches('.cc-search-button')")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.close()


def test_the_drawer_takes_focus_only_when_open_without_javascript_too(browser: Any,
                                                                       real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + "credentials/mapping-facts/")
    assert page.is_visible("label.md-header__button[for='__drawer']")
    assert not page.is_visible(".cc-drawer-button")
    for _ in range(4):
        page.keyboard.press("Tab")
        assert not on_screen(page)["drawer"]
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(300)
    assert page.is_visible(".md-sidebar--primary a.md-nav__link[href='../..']")
    context.close()


def test_the_sidebar_stays_a_sidebar_on_a_wide_screen(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, **HARNESS)
    page.goto(real_site_url + "credentials/mapping-facts/")
    assert not page.is_visible(".cc-drawer-button")
    for _ in range(20):
        page.keyboard.press("Tab")
        if (state := on_screen(page))["drawer"]:
            break
    assert state["drawer"] and state["visible"], state["html"]
    assert page.locator(".md-sidebar--primary label:is([aria-expanded], [role])").count() == 0
    page.close()


@pytest.mark.parametrize("width", [1000, 390])
def test_the_open_drawer_has_no_wcag_violations(scheme_page: Any, real_site_url: str, width: int) -> None:
    scheme_page.set_viewport_size({"width": width, "height": 800})
    try:
        scheme_page.goto(real_site_url + "credentials/mapping-facts/")
        scheme_page.click(".cc-drawer-button")
        scheme_page.wait_for_timeout(300)
        assert violations(scheme_page) == []
    finally:
        scheme_page.set_viewport_size({"width": 1280, "height": 720})


EMBEDS = ["embed/credentials/mapping-facts/", "embed/pathways/first-year-teacher-induction/",
          "embed/recognizers/kettle-moraine/", "embed/list/?ids=mapping-facts,active-listening"]


@pytest.mark.parametrize("path", EMBEDS)
def test_embeds_have_no_wcag_violations(scheme_page: Any, real_site_url: str, path: str) -> None:
    theme = "dark" if scheme_page.scheme == "slate" else "light"
    separator = "&" if "?" in path else "?"
    scheme_page.goto(f"{real_site_url}{path}{separator}theme={theme}")
    scheme_page.wait_for_load_state("networkidle")
    assert scheme_page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        scheme_page.scheme
    assert violations(scheme_page) == [], path


def test_browse_page_with_filters_open(scheme_page: Any, real_site_url: str) -> None:
    scheme_page.goto(real_site_url + "credentials/?query=reflection&audience=classroom-teacher")
    scheme_page.wait_for_selector(".cc-results .cc-card")
    scheme_page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert scheme_page.locator("details[open]").count() >= 7
    assert violations(scheme_page) == []


def test_browse_filters_dialog_on_a_phone(scheme_page: Any, real_site_url: str) -> None:
    scheme_page.set_viewport_size({"width": 390, "height": 800})
    try:
        scheme_page.goto(real_site_url + "credentials/?query=feedback&sort=time")
        scheme_page.wait_for_selector(".cc-results .cc-card")
        scheme_page.click(".cc-filters-open")
        scheme_page.evaluate("document.querySelectorAll('.cc-filters-dialog details')"
                             ".forEach(d => d.open = true)")
        assert scheme_page.locator(".cc-filters-dialog[open] details[open]").count() >= 7
        assert violations(scheme_page) == []
    finally:
        scheme_page.set_viewport_size({"width": 1280, "height": 720})
