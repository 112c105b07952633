"""In Chromium: a credential embedded in a page from another origin renders, resizes and stays contained."""

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browser import serve
from .conftest import ROOT, run_build, tiny_project
from .test_retired_page import RETIRED

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalog_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny site built with site_url set to the address it is served from."""
    project = tiny_project(tmp_path_factory.mktemp("embed-site"))
    shutil.copy(ROOT / "docs" / "embedding.md", project / "docs" / "embedding.md")
    (project / "catalog" / "credentials" / "old-questions.yml").write_text(RETIRED, encoding="utf-8")
    (project / "site").mkdir()
    with serve(project / "site") as url:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("http://127.0.0.1:8000/", url))
        run_build(project)
        yield url


def snippet_from(page: str) -> str:
    found = re.search(r'cc-embed-panel__code" data-cc-copy><code>(.*?)</code>', page, re.S)
    return html.unescape(found.group(1))


def test_embedded_credential_renders_and_resizes(browser: Any, catalog_url: str, tmp_path: Path) -> None:
    import urllib.request

    with urllib.request.urlopen(catalog_url + "credentials/asking-questions/") as response:
        snippet = snippet_from(response.read().decode())
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A district</title></head>'
        f"<body><h1>Credentials we recommend</h1>{snippet}<p>After the frame.</p></body></html>")
    with serve(tmp_path, host="127.0.0.2") as host_url:
        context = browser.new_context()
        page = context.new_page()
        requested: set[str] = set()
        page.on("request", lambda request: requested.add(urlsplit(request.url).netloc))
        page.goto(host_url)
        frame = page.frame_locator("iframe[data-credential-catalog]")
        assert frame.locator("h1").inner_text() == "Asking Questions"
        iframe = page.locator("iframe[data-credential-catalog]")
        page.wait_for_function(
            "() => document.querySelector('iframe').style.height !== '480px'", timeout=10000)
        height = iframe.bounding_box()["height"]
        inner = next(f for f in page.frames if f.url.startswith(catalog_url))
        content = inner.evaluate(
            "document.querySelector('.md-content__inner').getBoundingClientRect().bottom")
        assert content <= height <= content + 80
        assert inner.evaluate("document.documentElement.scrollHeight") <= height + 1

        page.evaluate("window.postMessage({type: 'credential-catalog:resize', height: 900}, '*')")
        page.wait_for_timeout(300)
        assert iframe.bounding_box()["height"] == height  # only the catalog's origin may resize

        assert context.cookies() == []
        assert requested == {urlsplit(catalog_url).netloc, urlsplit(host_url).netloc}

        frame.locator("h1 a").click()
        page.wait_for_url(catalog_url + "credentials/asking-questions/")
        context.close()


def test_embed_theme_and_hand_picked_list(browser: Any, catalog_url: str) -> None:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(catalog_url + "embed/credentials/asking-questions/?theme=dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    for system in ("dark", "light"):
        page.emulate_media(color_scheme=system)
        page.goto(catalog_url + "embed/credentials/asking-questions/?theme=auto")
        assert page.evaluate("document.body.dataset.mdColorScheme") == (
            "slate" if system == "dark" else "default")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")  # followed live
    page.emulate_media(color_scheme="light")
    page.goto(catalog_url + "embed/list/?ids=weighing-evidence,nope,asking-questions&title=Our%20picks")
    assert page.locator(".cc-embed-list h1").inner_text() == "Our picks"
    expect(page.locator(".cc-embed-list li a")).to_have_text(["Weighing Evidence", "Asking Questions"])
    href = page.locator(".cc-embed-list li a").first.get_attribute("href")
    assert href == catalog_url + "credentials/weighing-evidence/"
    assert page.evaluate("document.body.dataset.mdColorScheme") != "slate"
    # The list reads the browse page's small card store, never the full data API.
    assert catalog_url + "assets/catalog/credentials-store.json" in fetched
    assert not [url for url in fetched if "/api/" in url]
    page.close()


def test_districts_guide_builds_a_list_with_a_live_preview(browser: Any, catalog_url: str) -> None:
    page = browser.new_page()
    page.goto(catalog_url + "embedding/")
    page.get_by_label("Speaking Up").check()
    expect(page.get_by_label("Old Questions")).to_have_count(0)  # retired: not offered
    page.get_by_label("List title").fill("Our picks")
    expect(page.locator("#cc-embed-snippet")).to_have_value(re.compile("speaking-up"))
    snippet = page.locator("#cc-embed-snippet").input_value()
    assert f'src="{catalog_url}embed/list/?ids=speaking-up&amp;title=Our+picks"' in snippet
    assert f'var origin = "{catalog_url.rstrip("/")}";' in snippet
    preview = page.frame_locator(".cc-embed-builder iframe")
    expect(preview.locator(".cc-embed-list li a")).to_have_text(["Speaking Up"])
    assert preview.locator("h1").inner_text() == "Our picks"
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_list_title_field_holds_a_title_and_fits_the_screen(browser: Any, catalog_url: str,
                                                                width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(catalog_url + "embedding/")
    field = page.get_by_label("List title").bounding_box()
    assert field["x"] >= 0 and field["x"] + field["width"] <= width
    assert field["width"] >= min(400, width - 40)
    page.close()


def test_guide_read_from_another_address_still_gives_the_published_snippet(
        browser: Any, catalog_url: str) -> None:
    """A preview copy (here: the same files under localhost) must not leak its own address into
    the snippet, or the frame's origin check and its address would disagree."""
    elsewhere = catalog_url.replace("127.0.0.1", "localhost")
    page = browser.new_page()
    page.goto(elsewhere + "embedding/")
    page.get_by_label("Speaking Up").check()
    expect(page.locator("#cc-embed-snippet")).to_have_value(re.compile("speaking-up"))
    snippet = page.locator("#cc-embed-snippet").input_value()
    assert f'src="{catalog_url}embed/list/?ids=speaking-up' in snippet
    assert f'var origin = "{catalog_url.rstrip("/")}";' in snippet
    assert page.locator(".cc-embed-builder iframe").get_attribute("src").startswith(elsewhere)
    page.close()


def test_builder_filters_adds_groups_and_keeps_the_order_of_ticking(browser: Any, catalog_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(catalog_url + "embedding/")
    page.get_by_label("Weighing Evidence").check()
    page.get_by_label("Speaking Up").check()
    page.get_by_label("Asking Questions").check()
    expect(page.locator(".cc-builder__order li")).to_have_text(
        ["Weighing Evidence", "Speaking Up", "Asking Questions"])
    expect(page.locator("#cc-embed-snippet")).to_have_value(
        re.compile("ids=weighing-evidence%2Cspeaking-up%2Casking-questions"))
    preview = page.frame_locator(".cc-embed-builder iframe")
    expect(preview.locator(".cc-embed-list li a")).to_have_text(
        ["Weighing Evidence", "Speaking Up", "Asking Questions"])

    page.get_by_role("button", name="Clear the list").click()
    expect(page.locator(".cc-builder__order li")).to_have_text(["Nothing ticked yet."])
    page.get_by_label("Filter by title").fill("speak")
    expect(page.locator(".cc-builder__boxes label:visible")).to_have_text(["Speaking Up"])
    page.get_by_role("button", name="Select all shown").click()
    page.get_by_label("Filter by title").fill("")
    page.get_by_label("Add a whole group").select_option(label="Inquiry")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".cc-builder__order li")).to_have_text(
        ["Speaking Up", "Asking Questions", "Weighing Evidence"])
    expect(page.get_by_label("Weighing Evidence")).to_be_checked()

    page.get_by_role("button", name="Copy snippet").click()
    expect(page.locator(".cc-copy__status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cc-embed-snippet").input_value()
    context.close()


def test_embed_panels_have_a_copy_button(browser: Any, catalog_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(catalog_url + "stacks/inquiry/")
    page.locator(".cc-embed-panel summary").click()
    page.locator(".cc-embed-panel").get_by_role("button", name="Copy snippet").click()
    expect(page.locator(".cc-embed-panel .cc-copy__status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator(".cc-embed-panel__code").inner_text()
    assert copied.startswith("<iframe")

    # The panel's look goes into the frame's address, the copied snippet and the preview link.
    page.locator(".cc-embed-panel").get_by_label("Look").select_option("dark")
    page.locator(".cc-embed-panel").get_by_role("button", name="Copy snippet").click()
    dark = page.evaluate("navigator.clipboard.readText()")
    assert f'<iframe src="{catalog_url}embed/stacks/inquiry/?theme=dark"' in dark
    assert dark.replace("?theme=dark", "") == copied
    assert page.locator(".cc-embed-panel").get_by_role("link", name="Preview the embedded view") \
        .get_attribute("href").endswith("embed/stacks/inquiry/?theme=dark")
    page.locator(".cc-embed-panel").get_by_label("Look").select_option("")
    assert page.locator(".cc-embed-panel__code").inner_text() == copied
    context.close()
