"""The print stylesheet, checked in Chromium with print media emulated."""

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def test_credential_prints_without_navigation(browser: Any, tiny_site: str) -> None:
    page = browser.new_page()
    page.goto(tiny_site + "credentials/asking-questions/")
    assert page.locator(".md-sidebar--primary").first.is_visible()
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("table.cc-scoring__table").first.is_visible()
    assert page.locator("h3#evidence-1").evaluate("el => getComputedStyle(el).breakAfter") == "avoid"
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


def pdf_pages(page: Any) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A5", margin={"top": "1cm", "bottom": "1cm",
                                                                    "left": "1cm", "right": "1cm"})))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_printed_credential_says_where_it_came_from_and_keeps_parts_with_their_guides(
        browser: Any, real_site_url: str) -> None:
    page = browser.new_page()
    url = real_site_url + "credentials/mapping-facts/"
    page.goto(url)
    page.emulate_media(media="print")
    # It fits the page: nothing is wider than the printed column.
    page.set_viewport_size({"width": 740, "height": 1000})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    pages = pdf_pages(page)
    # The real site is built without CATALOG_SITE_URL, so its addresses use the local default.
    assert "Educator Micro-credential Catalog · http://127.0.0.1:8000/credentials/mapping-facts/" in pages[0]
    parts = page.locator("section.cc-part h3").all_inner_texts()
    assert len(parts) == 2
    for number, heading in enumerate(parts, 1):
        heading = re.sub(r"¶$", "", heading).strip()
        [where] = [n for n, text in enumerate(pages) if heading in text]
        assert f"Scoring guide for part {number}" in pages[where], heading
    # No page but the last is left mostly blank.
    average = sum(len(text) for text in pages) / len(pages)
    assert all(len(text) > average * 0.4 for text in pages[:-1]), [len(text) for text in pages]
    page.close()
