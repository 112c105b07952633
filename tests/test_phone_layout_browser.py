"""What a teacher on a 390 px phone reads: scoring guides, pathway diagrams, the standards matrix
and the header search, in the real catalog, compared with the same pages at 1280 px."""

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import checked_tab

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(params=["phone", "desktop"])
def screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE if request.param == "phone" else DESKTOP)
    page = context.new_page()
    page.phone = request.param == "phone"
    yield page
    context.close()


def ax_roles(page: Any, selector: str, roles: list[str]) -> dict[str, list[str]]:
    """The names of the nodes of each role under ``selector`` in Chromium's accessibility tree,
    the tree a screen reader reads."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    found = {role: [n.get("name", {}).get("value", "") for n in cdp.send(
        "Accessibility.queryAXTree", {"nodeId": node, "role": role})["nodes"]] for role in roles}
    cdp.detach()
    return found


SCORING_BOXES = """table => [...table.tBodies[0].rows].map(row => {
    const box = el => el.getBoundingClientRect();
    const [level, outcome, looks] = [row.cells[0], row.cells[1], row.cells[2]].map(box);
    return {level, outcome, looks, table: box(table),
            size: parseFloat(getComputedStyle(row.cells[2].querySelector('li')).fontSize)};
})"""


def test_scoring_guide_reads_level_by_level_on_a_phone(screen: Any, real_site_url: str) -> None:
    screen.goto(real_site_url + "credentials/mapping-facts/")
    table = screen.locator("table.cc-scoring__table").first
    rows = table.evaluate(SCORING_BOXES)
    assert len(rows) == 2
    for row in rows:
        if screen.phone:
            # The level and its outcome head a block; the criteria follow across its full width.
            assert row["outcome"]["top"] < row["level"]["bottom"]
            assert row["looks"]["top"] >= row["level"]["bottom"] - 1
            assert row["looks"]["width"] >= row["table"]["width"] * 0.85
            assert row["size"] >= 14
        else:
            # Three columns side by side, the criteria in the widest.
            assert row["looks"]["top"] == pytest.approx(row["level"]["top"], abs=1)
            assert row["looks"]["left"] >= row["outcome"]["right"] - 1
    header = screen.locator("table.cc-scoring__table thead").first.bounding_box()
    assert (header["width"] > 2) != screen.phone  # on a phone the column headers are left to screen readers
    # A screen reader still meets a table with its headers at either width.
    roles = ax_roles(screen, "table.cc-scoring__table", ["table", "columnheader", "rowheader"])
    assert roles["table"] == [table.locator("caption").inner_text()]
    assert roles["columnheader"][:2] == ["Level", "Outcome"]
    assert roles["rowheader"] == ["Passing", "Not yet"]
    assert screen.evaluate(WIDTH)[0] <= screen.evaluate(WIDTH)[1]


def test_scoring_guide_prints_as_a_table_even_from_a_phone(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(real_site_url + "credentials/mapping-facts/")
    page.emulate_media(media="print")
    table = page.locator("table.cc-scoring__table").first
    assert table.evaluate("el => getComputedStyle(el).display") == "table"
    row = table.evaluate(SCORING_BOXES)[0]
    assert row["looks"]["top"] == pytest.approx(row["level"]["top"], abs=1)
    page.close()


STICKY = """([box, selector]) => {
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    const cells = [...box.querySelectorAll(selector)].filter(el => {
        const r = el.getBoundingClientRect(); return r.top > 80 && r.bottom < innerHeight; });
    return [box.scrollLeft, cells.length, cells.map(el => { const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
        return hit && (el.contains(hit) || hit.contains(el)) ? r.left - left : el.textContent; })];
}"""


def test_standards_matrix_keeps_credential_names_in_view(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(real_site_url + "standards/")
    box = page.locator(".cc-matrix")
    box.scroll_into_view_if_needed()
    # Each credential's name, the column's heading, the totals' heading and each category's name
    # stay at the box's left edge, drawn above the cells scrolling under them.
    for selector, shift in [("tbody th[scope=row]", 0), ("thead th:first-child", 0),
                            (".cc-matrix__group a", 300), ("tfoot th", 3000)]:
        page.evaluate("([box, shift]) => window.scrollTo(0, box.getBoundingClientRect().top + scrollY"
                      " - 200 + shift)", [box.element_handle(), shift])
        scrolled, count, lefts = page.evaluate(STICKY, [box.element_handle(), selector])
        assert scrolled > 100 and count >= 1, selector
        assert all(isinstance(left, float | int) and 0 <= left < 12 for left in lefts), (selector, lefts)
    # A standard's heading reached with the keyboard is never hidden under the names.
    links = page.locator(".cc-matrix thead a")
    links.last.focus()
    for _ in range(links.count() - 1):
        page.keyboard.press("Shift+Tab")
        right, names = page.evaluate("""() => [document.activeElement.getBoundingClientRect().right,
            document.querySelector('.cc-matrix thead th').getBoundingClientRect().right]""")
        assert right > names + 8, page.evaluate("document.activeElement.textContent")
    assert page.evaluate(WIDTH)[0] <= PHONE["width"]
    page.close()


READ = """figure => [...figure.querySelectorAll('text, p, li')]
    .filter(el => el.getClientRects().length && el.getBoundingClientRect().width)
    .filter(el => [...el.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())
                  || el.querySelector(':scope > a, :scope > strong'))
    .map(el => {
        const svg = el.closest('svg');
        const scale = svg ? svg.getScreenCTM().a : 1;
        return [el.textContent.trim(), parseFloat(getComputedStyle(el).fontSize) * scale];
    })"""
LINKS = """(figure, selector) => [...figure.querySelectorAll(selector)]
    .map(a => [a.getAttribute('href'), a.textContent])"""


@pytest.mark.parametrize("path", ["pathways/first-year-teacher-induction/",
                                  "pathways/project-based-learning-pathway/"])
def test_pathway_diagram_text_is_readable_on_a_phone(screen: Any, real_site_url: str, path: str) -> None:
    screen.goto(real_site_url + path)
    figure = screen.locator("figure.cc-figure")
    shown = figure.evaluate(READ)
    assert len(shown) > 6
    smallest = min(size for _, size in shown)
    assert smallest >= 12, [(text, size) for text, size in shown if size < 12][:3]
    # One diagram shows at a time: the SVG on a wide screen, its list on a phone, the same links.
    assert figure.locator("svg.cc-diagram").is_visible() != screen.phone
    assert figure.locator(".cc-flow").is_visible() == screen.phone
    assert figure.evaluate(LINKS, "svg a") == figure.evaluate(LINKS, ".cc-flow a")
    assert screen.evaluate(WIDTH)[0] <= screen.evaluate(WIDTH)[1]


def test_pathway_steps_keep_most_of_a_phone_for_their_text(screen: Any, real_site_url: str) -> None:
    screen.goto(real_site_url + "pathways/first-year-teacher-induction/")
    text = screen.evaluate("""() => {
      const item = document.querySelector('.cc-steps ul.cc-badged > li');
      const range = document.createRange();
      range.selectNodeContents(item);
      range.setStartBefore(item.querySelector('a'));  // the words, not the badge
      const words = [...range.getClientRects()].filter(r => r.width > 0);
      return [Math.min(...words.map(r => r.left)), Math.max(...words.map(r => r.right)), innerWidth];
    }""")
    left, right, width = text
    assert right <= width and (right - left) >= 0.7 * min(width, 760), text


def test_related_credentials_are_compact_on_a_phone(screen: Any, real_site_url: str) -> None:
    screen.goto(real_site_url + "credentials/active-listening/")
    cards = screen.locator("#related + .cc-cards .cc-card")
    assert cards.count() > 3
    cards.first.locator(".cc-card__actions").wait_for()
    heights = cards.evaluate_all("cards => cards.map(card => card.getBoundingClientRect().height)")
    summary = cards.first.locator(".cc-card__summary")
    time = cards.first.locator(".cc-card__time")
    assert time.is_visible() and summary.is_visible() != screen.phone
    if screen.phone:
        assert max(heights) < 150, heights


def test_pathway_diagram_prints_as_its_svg_even_from_a_phone(browser: Any, real_site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(real_site_url + "pathways/first-year-teacher-induction/")
    page.emulate_media(media="print")
    assert page.locator("figure svg.cc-diagram").is_visible()
    assert not page.locator("figure .cc-flow").is_visible()
    page.close()


def open_search(page: Any, phone: bool) -> None:
    if phone:
        page.click(".cc-search-button")
    else:
        page.keyboard.press("/")  # Material's shortcut to the search box


@pytest.fixture(params=["phone", "desktop"])
def searching(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A tab at either width; the test fails if the page throws or logs an error."""
    with checked_tab(browser, viewport=PHONE if request.param == "phone" else DESKTOP) as page:
        page.phone = request.param == "phone"
        yield page


def test_header_search_leads_to_the_credentials_search(searching: Any, real_site_url: str) -> None:
    searching.goto(real_site_url + "stacks/")
    open_search(searching, searching.phone)
    searching.keyboard.type("peer feedback")
    searching.wait_for_selector(".md-search-result__item")
    link = searching.locator(".md-search-result .cc-search-browse a")
    assert link.inner_text() == "Search credentials by need: “peer feedback”"
    assert link.is_visible()
    # The first stop below the search box, for the arrow keys as for a screen reader's reading order.
    searching.keyboard.press("ArrowDown")
    assert searching.evaluate("document.activeElement.textContent") == link.inner_text()
    searching.keyboard.press("Enter")
    searching.wait_for_url(real_site_url + "credentials/?query=peer+feedback")
    assert searching.input_value("#cc-query") == "peer feedback"
    assert not searching.is_checked("#__search")  # the site search stays closed there


@pytest.mark.parametrize("query, lands", [("Mapping Facts", "credentials/mapping-facts/"),
                                          ("zzqxv", "credentials/?query=zzqxv")],
                         ids=["best result", "nothing found"])
def test_enter_in_the_header_search_opens_its_best_result_else_the_credentials_search(
        tab: Any, real_site_url: str, query: str, lands: str) -> None:
    tab.goto(real_site_url + "stacks/")
    open_search(tab, phone=False)
    tab.keyboard.type(query)
    tab.wait_for_function("q => document.querySelector('.cc-search-browse a').textContent.includes(q)"
                          " && !/^Type|^Initializing/.test(document.querySelector("
                          "'.md-search-result__meta').textContent.trim())", arg=query)
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: url.startswith(real_site_url + lands))  # Material adds ?h=


@pytest.fixture(params=["light", "dark"])
def phone_scheme(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    from .test_accessibility import HARNESS

    context = browser.new_context(viewport=PHONE, color_scheme=request.param, **HARNESS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["credentials/mapping-facts/", "pathways/first-year-teacher-induction/",
                                  "standards/", "stacks/?search"])
def test_phone_layouts_have_no_wcag_violations(phone_scheme: Any, real_site_url: str, path: str) -> None:
    from .test_accessibility import violations

    phone_scheme.goto(real_site_url + path.removesuffix("?search"))
    if path.endswith("?search"):
        open_search(phone_scheme, phone=True)
        phone_scheme.keyboard.type("feedback")
        phone_scheme.wait_for_selector(".md-search-result__item")
    assert violations(phone_scheme) == []
