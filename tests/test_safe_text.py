"""Safe text: script never reaches a page, whether validation refuses it or rendering escapes it."""

import copy
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from credential_catalog.loader import load_catalog
from credential_catalog.problems import CatalogError
from credential_catalog.text import render_inline, render_prose

from .browser import serve
from .conftest import TINY, run_build, tiny_project

REFUSED = ["<script>__xss()</script>", "<img src=x onerror=__xss()>", "javascript:__xss()",
           "</script>"]
# Text that validation accepts but that would run script if any page forgot to escape it.
ACCEPTED = ("Q&A \" data-injected=\"1\" onmouseover=\"__xss()\" '>&lt;/title&gt;&lt;script&gt;"
            "__xss()&lt;/script&gt; <\u200bimg src=x onerror=__xss()> 1<2")
ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "code", "pre", "blockquote", "br",
                "h1", "h2", "h3", "h4", "h5", "h6"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_in(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("hostile", [*REFUSED, ACCEPTED, "[x](javascript:__xss())",
                                     "![x](x.png)", "<!-- x --> &#60;script&#62;", "<https://a.b>"])
def test_rendered_prose_has_no_markup_from_its_source(hostile: str) -> None:
    for rendered in (render_prose(hostile), render_inline(hostile)):
        assert all(tag in ALLOWED_TAGS and not attrs for tag, attrs in tags_in(str(rendered))), \
            rendered


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'=/!-[]()*_`#:; \nabcsriptjv")), max_size=80)
       | st.text(max_size=80))
def test_any_prose_renders_only_plain_tags(text: str) -> None:
    for tag, attrs in tags_in(str(render_prose(text))):
        assert tag in ALLOWED_TAGS and not attrs, (text, tag, attrs)


def _string_leaves(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _string_leaves(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _string_leaves(value, (*path, i))]
    return [path] if isinstance(data, str) else []


def _format(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def poison(catalog: Path, payload: str) -> int:
    """Append ``payload`` to every string in every file, keeping it only where validation
    accepts it; returns how many fields carry it."""
    original = {path: yaml.safe_load(path.read_text(encoding="utf-8"))
                for path in sorted(catalog.rglob("*.yml"))}
    poisoned = {path: set(_string_leaves(data)) for path, data in original.items()}
    for _ in range(5):
        for path, data in original.items():
            fresh = copy.deepcopy(data)
            for leaf in poisoned[path]:
                value = fresh
                for part in leaf:
                    value = value[part]
                _set(fresh, leaf, f"{value} {payload}")
            path.write_text(yaml.safe_dump(fresh, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
        try:
            load_catalog(catalog)
        except CatalogError as exc:
            for problem in exc.problems:
                path = catalog.parent / problem.file
                poisoned[path] = {leaf for leaf in poisoned[path]
                                  if not _format(leaf).startswith(problem.field or "\0")}
        else:
            return sum(len(leaves) for leaves in poisoned.values())
    raise AssertionError("the poisoned catalog never validated")


def test_every_refused_payload_is_reported_in_every_text_field(tmp_path: Path) -> None:
    shutil.copytree(TINY / "catalog", tmp_path / "catalog")
    target = tmp_path / "catalog" / "categories" / "thinking.yml"
    for payload in REFUSED:
        data = yaml.safe_load((TINY / "catalog" / "categories" / "thinking.yml").read_text())
        text_fields = ["title", "summary", "description", "indicators[0]", "indicators[1]"]
        for field in ("title", "summary", "description"):
            data[field] += f" {payload}"
        data["indicators"] = [f"{item} {payload}" for item in data["indicators"]]
        target.write_text(yaml.safe_dump(data), encoding="utf-8")
        with pytest.raises(CatalogError) as info:
            load_catalog(tmp_path / "catalog")
        assert sorted(p.field for p in info.value.problems) == sorted(text_fields), payload


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    project = tiny_project(tmp_path_factory.mktemp("poisoned"))
    count = poison(project / "catalog", ACCEPTED)
    return run_build(project), count


def test_accepted_payload_is_escaped_in_the_html(poisoned_site: tuple[Path, int]) -> None:
    site, count = poisoned_site
    assert count > 80  # titles, names, summaries, prose, criteria, prompts...
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag, attrs in tags_in(html):
            assert tag != "img" or ("onerror", "__xss()") not in attrs, page
            assert not any(name.startswith("on") and "__xss" in (value or "")
                           for name, value in attrs), (page, tag, attrs)
            assert "data-injected" not in dict(attrs), (page, tag, attrs)
        assert "<script>__xss" not in html, page
    credential = (site / "credentials" / "asking-questions" / "index.html").read_text()
    assert "Asking Questions Q&amp;A" in credential
    assert re.search(r"&lt;script&gt;|&amp;lt;script&amp;gt;", credential)


EVENTS = """() => document.querySelectorAll('*').forEach(el => {
    for (const type of ['mouseover', 'focus', 'load', 'error']) {
        el.dispatchEvent(new Event(type, {cancelable: true}));
    }})"""
FLAG = """() => [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on') && a.value.includes('__xss'))
    .map(a => el.tagName + ' ' + a.name)).concat(
    [...document.scripts].filter(s => !/json/.test(s.type) && s.text.includes('__xss'))
    .map(() => 'script'))"""


@pytest.mark.browser
def test_no_injected_script_runs_in_chromium(browser: Any,
                                             poisoned_site: tuple[Path, int]) -> None:
    site, _ = poisoned_site
    context = browser.new_context()
    context.add_init_script("window.__ran = []; window.__xss = () => window.__ran.push(location.href);")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(site) as url:
        for html in sorted(site.rglob("index.html")):
            page.goto(url + html.parent.relative_to(site).as_posix() + "/")
            page.evaluate(EVENTS)
            assert page.evaluate("window.__ran") == [], html
            assert page.evaluate(FLAG) == [], html
        for path in ["embed/list/?ids=asking-questions,weighing-evidence,speaking-up",
                     "credentials/?query=onerror", "plan/?ids=asking-questions,weighing-evidence,speaking-up",
                     "compare/?ids=asking-questions,weighing-evidence,speaking-up"]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__ran") == [], path
            assert page.evaluate(FLAG) == [], path
        page.goto(url)
        page.keyboard.press("/")
        page.keyboard.type("onerror")
        page.wait_for_selector(".md-search-result__item")
        assert page.evaluate("window.__ran") == []
        assert page.evaluate(FLAG) == []
    context.close()
    assert dialogs == []
