"""WCAG 2.2 SC 1.4.10 Reflow: on a 390 px phone no page of the real catalog is wider than the screen;
a wide table scrolls sideways inside its own box."""

from collections.abc import Iterator
from typing import Any

import pytest

from .browser import PAGE_KINDS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
COMPARED = "mapping-facts,active-listening,belonging-and-caring,choosing-technology-tools"

# Each page, and what shows once its scripts have drawn it (pages drawn from the address).
PAGES: dict[str, tuple[str, str | None]] = {
    **{kind: (path, None) for kind, path in PAGE_KINDS.items()},
    "categories index": ("categories/", None),
    "compare": (f"compare/?ids={COMPARED}", ".cc-compare[data-ready] .cc-compare__scroll"),
    "plan": ("plan/", ".cc-plan[data-ready]"),
    "shared plan": (f"plan/?ids={COMPARED}", ".cc-plan[data-ready] .cc-plan__item"),
}
WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_fits_a_phone_screen(phone: Any, real_site_url: str, kind: str) -> None:
    path, ready = PAGES[kind]
    phone.goto(real_site_url + path)
    if ready:
        phone.wait_for_selector(ready)
    phone.wait_for_load_state("load")
    scroll_width, viewport = phone.evaluate(WIDTH)
    assert viewport == PHONE["width"]
    assert scroll_width <= viewport, f"{kind} ({path}) is {scroll_width} px wide on a {viewport} px screen"


@pytest.mark.parametrize("path, scroller", [
    (f"compare/?ids={COMPARED}", ".cc-compare__scroll"),
    ("standards/", ".cc-matrix"),
], ids=["compare", "standards matrix"])
def test_wide_tables_scroll_inside_their_own_box(phone: Any, real_site_url: str, path: str,
                                                 scroller: str) -> None:
    phone.goto(real_site_url + path)
    box = phone.wait_for_selector(scroller)
    phone.wait_for_selector(f"{scroller} table")
    inner, outer = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner > outer  # the table is wider than the phone, so it scrolls in its box
    assert phone.evaluate(WIDTH)[0] <= PHONE["width"]


def test_a_recognizers_table_is_ruled_like_the_scoring_guides(browser: Any, tiny_site: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(tiny_site + "recognizers/example-district/")
    looks = page.evaluate("""() => {
        const table = document.querySelector('table.cc-recognized');
        const cell = table.querySelector('tbody td');
        return {width: table.getBoundingClientRect().width,
                content: document.querySelector('.md-content__inner').clientWidth,
                caption: getComputedStyle(table.querySelector('caption')).textAlign,
                border: getComputedStyle(cell).borderTopStyle,
                header: getComputedStyle(table.querySelector('thead th')).backgroundColor};
    }""")
    fits = page.evaluate(WIDTH)
    page.close()
    assert looks["caption"] == "left" and looks["border"] == "solid"
    assert looks["header"] != "rgba(0, 0, 0, 0)"
    assert looks["width"] >= looks["content"] - 48  # the column's width, less its padding
    assert fits[0] <= fits[1]
