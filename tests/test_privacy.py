"""No page asks another origin for anything: fonts, scripts, images, styles or analytics."""

from typing import Any
from urllib.parse import urlsplit

import pytest

from .browser import PAGE_KINDS

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}


def test_no_request_leaves_the_site(browser: Any, real_site_url: str) -> None:
    origin = urlsplit(real_site_url).netloc
    context = browser.new_context()
    requested: list[str] = []

    def record(route: Any) -> None:
        url = route.request.url
        requested.append(url)
        if urlsplit(url).netloc == origin or urlsplit(url).scheme in LOCAL_SCHEMES:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    for path in PAGE_KINDS.values():
        page.goto(real_site_url + path, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("feedback")
    page.wait_for_selector(".md-search-result__item")
    context.close()

    assert any(url.endswith("search_index.json") for url in requested)
    assert any(url.endswith(".css") for url in requested)
    foreign = sorted({url for url in requested if urlsplit(url).netloc != origin
                      and urlsplit(url).scheme not in LOCAL_SCHEMES})
    assert foreign == []
