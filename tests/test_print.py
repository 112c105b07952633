"""The print stylesheet, checked in Chromium with print media emulated."""

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_credential_prints_without_navigation(browser: Any, tiny_site: str) -> None:
    page = browser.new_page()
    page.goto(tiny_site + "credentials/asking-questions/")
    assert page.locator(".md-sidebar--primary").first.is_visible()
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("table.cc-scoring__table").first.is_visible()
    assert page.locator("table.cc-scoring__table").first.evaluate(
        "el => getComputedStyle(el.closest('.cc-scoring')).breakInside") == "avoid"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    page.close()


def test_printed_links_show_their_address_and_cards_shrink_to_a_line(
        browser: Any, tiny_site: str) -> None:
    page = browser.new_page()
    page.goto(tiny_site + "credentials/asking-questions/")
    outside = page.locator('.md-content a[href^="http"]').first
    card = page.locator(".cc-card").first
    screen_height = card.bounding_box()["height"]
    page.emulate_media(media="print")
    href = outside.get_attribute("href")
    assert outside.evaluate("el => getComputedStyle(el, '::after').content") == f'" <{href}>"'
    assert not card.locator(".cc-card__summary").is_visible()
    assert card.bounding_box()["height"] < screen_height / 2
    page.close()


def test_standard_recommendations_print_with_their_headings(browser: Any, tiny_site: str) -> None:
    page = browser.new_page()
    page.goto(tiny_site + "standards/data/")
    page.emulate_media(media="print")
    for anchor in ["recommendations", "recommendations-districts", "recommendations-states",
                   "recommendations-issuers"]:
        assert page.locator(f"#{anchor}").is_visible(), anchor
    item = page.locator("ul.cc-recommendations li").first
    assert item.is_visible()
    assert item.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    page.close()
