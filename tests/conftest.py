import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from credential_catalog.ctids import CTID_FOLDERS, AssignError, insert_ctids

# The real mkdocs.yml reads these; unset them so a developer's shell cannot change what is tested
# and the real site is built as a fresh clone builds it.
for _name in ("CATALOG_SITE_URL", "CATALOG_REPO_URL", "CATALOG_EDIT_URI"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).parent / "fixtures" / "tiny"

MKDOCS_YML = """\
site_name: Tiny catalog
site_url: http://127.0.0.1:8000/
repo_url: https://example.org/acme/catalog
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
  features: [content.action.edit]
plugins:
  - search
  - credential-catalog:
      publisher_ctid: ce-5b1f0c3e-8d2a-4c6b-9e7f-0a1b2c3d4e5f
"""


def tiny_project(project: Path) -> Path:
    """Write a copy of the tiny fixture project (mkdocs.yml, docs/, catalog/) into ``project``."""
    shutil.copytree(TINY / "catalog", project / "catalog")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Tiny\n\nHello.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML, encoding="utf-8")
    return project


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the tiny fixture project: mkdocs.yml, docs/ and catalog/."""
    return tiny_project(tmp_path)


def run_build(project: Path, strict: bool = True) -> Path:
    config = load_config(str(project / "mkdocs.yml"), strict=strict)
    build(config)
    return project / "site"


@pytest.fixture
def built(tiny: Path) -> Path:
    return run_build(tiny)


@pytest.fixture
def write(tiny: Path) -> Callable[[str, str], Path]:
    def _write(relative: str, text: str) -> Path:
        """Write a catalog file; one of a kind that stores CTIDs gets those it lacks, at its end."""
        path = tiny / "catalog" / relative
        folder = relative.split("/")[0]
        if folder in CTID_FOLDERS and text.strip():
            with contextlib.suppress(AssignError, yaml.YAMLError):
                text = insert_ctids(text, folder, at_end=True)[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny fixture site, built once and served over HTTP; yields its base URL."""
    from .browser import serve

    project = tiny_project(tmp_path_factory.mktemp("tiny-site"))
    with serve(run_build(project)) as url:
        yield url


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site (real catalog, docs and mkdocs.yml), built once with --strict."""
    site = tmp_path_factory.mktemp("real") / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site))
    build(config)
    return site


@pytest.fixture(scope="session")
def real_site_url(real_site: Path) -> Iterator[str]:
    from .browser import serve

    with serve(real_site) as url:
        yield url


def watch_errors(page: Any, errors: list[str]) -> None:
    """Collect into ``errors`` what ``page`` throws or logs as an error."""
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)


@contextlib.contextmanager
def checked_tab(browser: Any, **options: Any) -> Iterator[Any]:
    """A tab in a fresh browser context (``options`` for it); fails if the page throws or logs an error."""
    context = browser.new_context(**options)
    tab = context.new_page()
    errors: list[str] = []
    watch_errors(tab, errors)
    try:
        yield tab
    finally:
        context.close()
    assert errors == []


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A fresh browser tab; the test fails if the page throws or logs an error."""
    with checked_tab(browser) as page:
        yield page
