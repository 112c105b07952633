"""Embed pages, rendered straight from their template.

They need the theme's look but none of MkDocs' page pipeline (Markdown, navigation, site
search), so they skip it: at large sizes that halves the pages MkDocs has to build.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .pages import EMBED_TEMPLATE, PageSpec
from .render import render_body


def embed_pages(env: jinja2.Environment, body_env: jinja2.Environment, config: MkDocsConfig,
                nav: Navigation, specs: Iterable[PageSpec],
                context: Callable[[Page], dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """(path in site_dir, HTML) for each embed page: ``env`` renders the page, ``body_env`` (see
    ``render.prepare``) its body; ``context`` gives the catalog's values."""
    template = env.get_template(EMBED_TEMPLATE)
    for spec in specs:
        meta = spec.meta()
        file = File.generated(config, spec.src_uri, content="")
        page = Page(meta["title"], file, config)
        page.meta = meta
        values = context(page)
        page.content = render_body(body_env, spec, values)
        page_context = get_context(nav, [], config, page)
        page_context.update(values, spec=spec, entity=spec.entity)
        yield file.dest_uri, template.render(page_context)
