from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .yamlsource import DEFAULT_MAX_BYTES


class CatalogConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the catalog off without removing it from mkdocs.yml."""
    catalog_dir = c.Dir(exists=True, default="catalog")
    """The folder of YAML files, relative to mkdocs.yml."""
    max_file_bytes = c.Type(int, default=DEFAULT_MAX_BYTES)
    """Refuse any catalog file larger than this many bytes."""
    exports = c.Type(bool, default=True)
    """Publish the data API, Open Badges, CTDL, oEmbed and embeddable pages (needs site_url)."""
    publisher_ctid = c.Optional(c.Type(str))
    """The CTID of the site's publisher, the organization that owns the catalog's own stacks and
    pathways in CTDL: 'ce-' and a UUID version 4, made once and never changed."""
    guides = c.Type(dict, default={"about": "about.md", "add_recognizer": "recognizers-guide.md",
                                   "embedding": "embedding.md", "contributing": "contributing.md"})
    """Hand-written pages the catalog's pages link to, by role; a role whose page is missing is not linked."""
