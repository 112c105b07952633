"""MkDocs adapter: loads the catalog, adds its pages, renders their bodies, swaps site/ atomically."""

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.contrib.search
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .atomic import AtomicOutput
from .background import Background, BackgroundError
from .badges import BADGE_DIR, CARD_DIR, badge_files, card_files
from .catalog import Catalog
from .config import CatalogConfig
from .embeds import embed_pages
from .exports import FOLDERS, Exports
from .exports.ctdl import Publisher
from .exports.urls import Urls
from .forms import FormLinkError, form_names, link_forms
from .graph import Graph, build_graph
from .loader import load_catalog
from .log import log
from .models import CTID_PATTERN, Credential
from .pages import PageSpec, embed_specs, page_specs, sections
from .plan import PLAN_DIR, plan_files
from .policy import install as install_policy
from .printing import guard
from .problems import CatalogError
from .publish import Output, write_files
from .render import anchor_ids, prepare, render_body, toc_tokens
from .search import INDEX_DIR, STORE_URI, browse_files

LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"
"""lunr.js 2.3.9 as MkDocs ships it; the browse page loads it rather than a committed copy."""
THEME_DIR = Path(__file__).parent / "theme"
"""The plugin's templates, partials and assets; a site's ``custom_dir`` still overrides any of them."""
STYLESHEETS = ("assets/catalog/catalog.css", "assets/catalog/plan.css")
DEFERRED = ("assets/catalog/tables.js", "assets/catalog/search-browse.js", "assets/catalog/drawer.js",
            "assets/catalog/scheme.js")
"""Scripts that run once the page is parsed: they need not hold up its first paint (the others
draw controls into the page, or define what page scripts use)."""
SCRIPTS = ("assets/catalog/tables.js", "assets/catalog/copy.js", "assets/catalog/plan-store.js",
           "assets/catalog/plan-buttons.js", "assets/catalog/search-browse.js", "assets/catalog/drawer.js",
           "assets/catalog/scheme.js")
CARD_CACHE = ".cache/credential-catalog/cards"
"""Social cards already drawn, by what they show, beside mkdocs.yml: a rebuild reuses them."""
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
"""The address the exports use when a build names none: ``mkdocs serve``'s default."""


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _relative_or_none(path: Path, start: str) -> str | None:
    """``path`` relative to ``start`` for an edit link, or None on another drive."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:
        return None


def _keep_serving(builder: Callable[[], None]) -> Callable[[], None]:
    """Wrap `mkdocs serve`'s rebuild so a failed build leaves the last good site being served.

    MkDocs otherwise holds every request until the build is fixed; the staging folder already
    guarantees that a failed build left the previous site in place.
    """

    def rebuild() -> None:
        try:
            builder()
        except (Exception, SystemExit):
            log.error("rebuild failed (see above); still serving the last good build")

    return rebuild


def _add_theme(config: MkDocsConfig) -> None:
    """Put the plugin's templates after the site's ``custom_dir`` and before the theme's own."""
    if config.theme.name != "material":
        raise PluginError("the credential-catalog plugin needs the Material theme "
                          "(theme: name: material in mkdocs.yml)")
    if config.theme["font"] is not False:
        config.theme["font"] = False
        log.info("theme.font is turned off: the pages load nothing from other sites (Material's "
                 "default fetches Google Fonts), so they use the reader's system fonts")
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    for sheet in STYLESHEETS:
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    for script in SCRIPTS:
        if script not in [str(item) for item in config.extra_javascript]:
            value = ExtraScriptValue(script)
            value.defer = script in DEFERRED
            config.extra_javascript.append(value)


class CatalogPlugin(BasePlugin[CatalogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.graph: Graph | None = None
        self.specs: dict[str, PageSpec] = {}
        self.embeds: list[PageSpec] = []
        self.side_files: list[Background[int]] = []
        self.theme_env: jinja2.Environment | None = None
        self.env: jinja2.Environment | None = None
        self.output: AtomicOutput | None = None
        self.urls: Urls | None = None
        self.exports: Exports | None = None
        self.warnings = _WarningCounter()
        self.guides: dict[str, str] = {}
        self.forms: set[str] = set()
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Priority 100: swap site_dir for the staging folder before any plugin reads it.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        guard(logging.getLogger("mkdocs"))  # messages name files and keys from pull requests
        _add_theme(config)
        # The pages' policy (policy.py) refuses style attributes: aligned table cells say align="right".
        config.mdx_configs.setdefault("tables", {}).setdefault("use_align_attribute", True)
        self.urls = None
        ctid = self.config.publisher_ctid
        if ctid is not None and not re.fullmatch(CTID_PATTERN, ctid):
            raise PluginError(f"publisher_ctid {ctid!r} is not a CTID: 'ce-' and a lowercase UUID "
                              "version 4, made once (`credential-catalog ctids --new` prints one) and "
                              "never changed")
        if self.config.exports:
            if not config.site_url:
                config.site_url = LOCAL_SITE_URL
                log.info(f"site_url is not set: the exports' absolute addresses use {LOCAL_SITE_URL}, "
                         "which is right for a local preview only; a deployment sets its own address")
            try:
                self.urls = Urls.from_site_url(config.site_url)
            except ValueError as exc:
                raise PluginError(str(exc)) from None
        self.output = AtomicOutput(config.site_dir)
        config.site_dir = str(self.output.staging)
        self.warnings.count = 0
        logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            self.catalog = load_catalog(self.config.catalog_dir, self.config.max_file_bytes)
        except CatalogError as exc:
            raise PluginError(exc.report()) from None
        self.graph = build_graph(self.catalog)
        self.specs = {spec.src_uri: spec for spec in page_specs(self.catalog)}
        self.forms = form_names(Path(config.config_file_path or ".").parent)
        self.exports, self.embeds = None, []
        if self.urls is not None:
            ctid = self.config.publisher_ctid
            publisher = Publisher(ctid, config.site_name, config.site_description or (
                f"Publisher of {config.site_name}")) if ctid else None
            if publisher is None and (self.catalog.stacks or self.catalog.pathways):
                log.info("publisher_ctid is not set: the CTDL stacks and pathways name no owner")
            self.exports = Exports(self.graph, self.urls, config.site_name, publisher)
            self.embeds = embed_specs(self.catalog)
        log.info(f"catalog: {len(self.catalog.credentials)} credentials loaded")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        generated = []
        for spec in self.specs.values():
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=spec.markdown(),
                                  inclusion=inclusion)
            if spec.source is not None:
                file.edit_uri = _relative_or_none(spec.source, config.docs_dir)
            generated.append(file)
        self.guides = {role: file.url for role, src in self.config.guides.items()
                       if (file := files.get_file_from_path(src)) is not None}
        self._check_clashes(files, generated, config)
        for file in generated:
            files.append(file)
        files.append(File.generated(config, "assets/catalog/lunr.js", abs_src_path=str(LUNR_JS)))
        self.theme_env = config.theme.get_env()
        install_policy(self.theme_env, self.serving)
        self.env = prepare(self.theme_env)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Start writing the browse index, exports, embed pages and social cards; on_post_build
        waits for them.

        None of them goes through MkDocs' page pipeline, so other cores write them into the
        staging folder while MkDocs renders the pages: the social cards in a process of their own.
        """
        if self.catalog is None or self.graph is None or self.theme_env is None or self.env is None:
            return nav
        catalog, graph, exports = self.catalog, self.graph, self.exports
        page_env, body_env = self.theme_env, self.env
        outputs: list[Output] = [lambda: browse_files(catalog, graph).items(),
                                 lambda: plan_files(catalog, graph), lambda: badge_files(catalog)]
        if exports is not None:
            outputs += [exports.files, lambda: embed_pages(
                page_env, body_env, config, nav, self.embeds, lambda page: self._context(page, config))]
        site_dir = Path(config.site_dir)
        self.side_files = [Background(write_files, site_dir, outputs)]
        if self._social_cards(config):  # their own process: on a first build they take as long as the rest
            cache = Path(config.config_file_path or ".").parent / CARD_CACHE
            self.side_files.append(Background(write_files, site_dir, [
                lambda: card_files(catalog, config.site_name, cache)]))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """The sitemap's lastmod (rendered before any page): a credential's review date. The
        plugin's sitemap.xml prints only this date, never the build's. A guide's links to the
        repository's issue forms (forms.py)."""
        spec = self.specs.get(page.file.src_uri)
        entity = spec.entity if spec is not None else None
        if isinstance(entity, Credential):
            page.meta["lastmod"] = entity.last_reviewed.isoformat()
        if spec is None and self.config.enabled:
            try:
                return link_forms(markdown, f"docs/{page.file.src_uri}", self.forms, config.repo_url)
            except FormLinkError as exc:
                raise PluginError(str(exc)) from None
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.env is None:
            return html
        body = render_body(self.env, spec, self._context(page, config))
        page.toc = get_toc(toc_tokens(body))  # type: ignore[arg-type]
        page.present_anchor_ids = anchor_ids(body)
        return body

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        prepare(env)
        install_policy(env, self.serving)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context.update(self._context(page, config), spec=spec, entity=spec.entity)
        else:
            context.update(self._context(page, config))
        return context

    # Priority 100: before any other plugin looks at the finished site.
    @event_priority(100)
    def _wait_for_side_files(self, *, config: MkDocsConfig) -> None:
        if not self.side_files:
            return
        waited = time.monotonic()
        try:
            count = sum(side.result() for side in self.side_files)
        except BackgroundError as exc:
            raise PluginError(f"writing the catalog's data files and embed pages failed:\n{exc}") from None
        finally:
            self._cancel_side_files()
        log.debug(f"catalog: {count} data files and embed pages written "
                  f"(waited {time.monotonic() - waited:.2f} s for them)")

    # Priority -100: after every other plugin has written into the staging folder.
    @event_priority(-100)
    def _swap_in_site(self, *, config: MkDocsConfig) -> None:
        if self.output is None:
            return
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if config.strict and self.warnings.count:
            return  # MkDocs aborts next; on_build_error discards the staging folder.
        self.output.commit()
        config.site_dir = str(self.output.target)
        self.output = None

    on_post_build = CombinedEvent(_wait_for_side_files, _swap_in_site)

    def _cancel_side_files(self) -> None:
        for side in self.side_files:
            side.cancel()
        self.side_files = []

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self._cancel_side_files()
        if self.output is not None:
            self.output.abort()
            log.warning(f"build failed; the previous site in {self.output.target} is unchanged")
            self.output = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        if self.config.enabled:
            server.watch(self.config.catalog_dir)
            server.builder = _keep_serving(server.builder)
        return server

    def _check_clashes(self, files: Files, generated: list[File], config: MkDocsConfig) -> None:
        ours = {file.dest_uri: file.src_uri for file in generated}
        reserved = (STORE_URI, INDEX_DIR, PLAN_DIR, BADGE_DIR, CARD_DIR,
                    *(FOLDERS if self.exports is not None else ()))
        for file in files:
            if file.src_dir != config.docs_dir:
                continue
            if file.dest_uri in ours:
                raise PluginError(f"docs/{file.src_uri} would be written to {file.dest_uri}, "
                                  f"where the catalog writes its page {ours[file.dest_uri]}; "
                                  "rename or move it")
            if file.dest_uri.startswith(reserved):
                raise PluginError(f"docs/{file.src_uri} would be written to {file.dest_uri}, "
                                  "where the catalog publishes its own files; move it")

    def _social_cards(self, config: MkDocsConfig) -> bool:
        return bool(config.site_url) and self.config.social_cards

    def _context(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        return {"page": page, "config": config, "base_url": get_relative_url(".", page.url),
                "social_cards": self._social_cards(config),
                "catalog": self.catalog, "graph": self.graph, "exports": self.exports,
                "guides": self.guides, "sections": sections()}
