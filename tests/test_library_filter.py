"""The planning page's resource library in Chromium: full list without scripts, narrowed with them."""

from typing import Any

import pytest

pytestmark = pytest.mark.browser

ITEMS = ".cc-library > li"


def _visible_ids(page: Any) -> list[str]:
    return page.locator(ITEMS).evaluate_all("els => els.filter(e => !e.hidden).map(e => e.id)")


def test_without_scripts_the_whole_library_shows(browser: Any, real_site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + "planning/")
    total = page.locator(ITEMS).count()
    assert total >= 20
    assert len(_visible_ids(page)) == total
    assert page.locator(ITEMS).nth(total - 1).is_visible()
    assert not page.locator("form[data-cc-filter]").is_visible()
    context.close()


def test_phase_and_type_narrow_the_list(browser: Any, real_site_url: str) -> None:
    page = browser.new_page()
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(request.url.split("/")[2]))
    page.goto(real_site_url + "planning/")
    items = page.locator(ITEMS)
    total = items.count()
    data = items.evaluate_all(
        "els => els.map(e => [e.id, e.dataset.phases.split(' '), e.dataset.type])")
    status = page.get_by_role("status")
    assert status.text_content() == f"Showing {total} of {total} resources."

    page.get_by_label("Phase").select_option("ready-to-launch")
    launch = [ident for ident, phases, _ in data if "ready-to-launch" in phases]
    assert 0 < len(launch) < total
    assert _visible_ids(page) == launch
    assert status.text_content() == f"Showing {len(launch)} of {total} resources."

    page.get_by_label("Type").select_option("paper")
    both = [ident for ident, phases, kind in data if "ready-to-launch" in phases and kind == "paper"]
    assert 0 < len(both) < len(launch)
    assert _visible_ids(page) == both

    page.get_by_label("Phase").select_option("")
    papers = [ident for ident, _, kind in data if kind == "paper"]
    assert _visible_ids(page) == papers

    page.get_by_role("button", name="Show all").click()
    # A function, not an expression: Playwright evaluates an expression with eval, which the page's
    # security policy refuses.
    page.wait_for_function(f"() => document.querySelectorAll('{ITEMS}:not([hidden])').length === {total}")
    assert status.text_content() == f"Showing {total} of {total} resources."
    assert origins == {real_site_url.split("/")[2]}
    page.close()


def test_a_link_to_a_hidden_resource_shows_it_again(browser: Any, real_site_url: str) -> None:
    page = browser.new_page()
    page.goto(real_site_url + "planning/")
    page.get_by_label("Type").select_option("podcast")
    target = page.locator("#resource-theory-of-action-tool")
    assert target.is_hidden()
    page.locator('a[href="#resource-theory-of-action-tool"]').first.click()
    target.wait_for(state="visible")
    assert page.get_by_label("Type").input_value() == ""
    page.close()
