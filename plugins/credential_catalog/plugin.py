"""MkDocs adapter: loads the catalog, adds its pages, renders their bodies, swaps site/ atomically."""

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .atomic import AtomicOutput
from .catalog import Catalog
from .config import CatalogConfig
from .graph import Graph, build_graph
from .loader import load_catalog
from .log import log
from .pages import PageSpec, page_specs
from .problems import CatalogError
from .render import prepare, render_body, toc_tokens


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _keep_serving(builder: Callable[[], None]) -> Callable[[], None]:
    """A failed rebuild under ``mkdocs serve`` would stall every request until the next good
    one; report it instead, so the last good build (left in place by AtomicOutput) is served."""

    def rebuild() -> None:
        try:
            builder()
        except (Exception, SystemExit):
            log.error("rebuild failed (see above); still serving the last good build")

    return rebuild


class CatalogPlugin(BasePlugin[CatalogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.graph: Graph | None = None
        self.specs: dict[str, PageSpec] = {}
        self.env: jinja2.Environment | None = None
        self.output: AtomicOutput | None = None
        self.warnings = _WarningCounter()

    # Priority 100: swap site_dir for the staging folder before any plugin reads it.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
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
        log.info(f"catalog: {len(self.catalog.credentials)} credentials loaded")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for spec in self.specs.values():
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(f"docs/{spec.src_uri} clashes with a page the catalog generates")
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=spec.markdown(),
                                  inclusion=inclusion)
            if spec.source is not None:
                file.edit_uri = Path(os.path.relpath(spec.source, config.docs_dir)).as_posix()
            files.append(file)
        self.env = prepare(config.theme.get_env())
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.env is None:
            return html
        body = render_body(self.env, spec, self._context(page, config))
        page.toc = get_toc(toc_tokens(body))  # type: ignore[arg-type]
        return body

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        prepare(env)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context.update(self._context(page, config), spec=spec, entity=spec.entity)
        return context

    # Priority -100: after every other plugin has written into the staging folder.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.output is None:
            return
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if config.strict and self.warnings.count:
            return  # MkDocs aborts next; on_build_error discards the staging folder.
        self.output.commit()
        config.site_dir = str(self.output.target)
        self.output = None

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
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

    def _context(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        return {"page": page, "config": config, "base_url": get_relative_url(".", page.url),
                "catalog": self.catalog, "graph": self.graph}
