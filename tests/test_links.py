"""Every internal link and #anchor in the built real catalog resolves to a file and an id in it."""

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

SITE_URL = "http://127.0.0.1:8000/"
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                   ("source", "src"), ("iframe", "src"), ("form", "action")}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                self.links.append(value)


@cache
def parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    return target / "index.html" if path.endswith("/") or not path or target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    broken = []
    for page_file in sorted(site.rglob("*.html")):
        page_url = urljoin(SITE_URL, page_file.relative_to(site).as_posix())
        for link in parsed(page_file).links:
            url = urljoin(page_url, link)
            if not url.startswith(SITE_URL):
                continue  # another origin: a resource's own page, checked by no test here
            target = target_file(site, url[len(SITE_URL) - 1:])
            where = f"{page_file.relative_to(site)}: {link}"
            if not target.resolve().is_relative_to(site.resolve()) or not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(site)})")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed(target).ids:
                broken.append(f"{where} (no id {fragment!r} in {target.relative_to(site)})")
    return broken


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    assert broken_links(real_site) == []


def test_the_checker_finds_a_broken_link_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a>'
                                               '<a href="../b/">missing</a><a href="#gone">no</a>'
                                               '<a href="https://example.org/">other</a>')
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a><a href="a/#there">no</a>')
    assert broken_links(tmp_path) == [
        "a/index.html: ../b/ (no file b/index.html)",
        "a/index.html: #gone (no id 'gone' in a/index.html)",
        "index.html: a/#there (no id 'there' in a/index.html)",
    ]


@pytest.mark.parametrize("page", ["credentials/mapping-facts/index.html", "planning/index.html"])
def test_pages_have_many_links_checked(real_site: Path, page: str) -> None:
    assert len(parsed(real_site / page).links) > 20
