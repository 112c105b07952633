"""Absolute addresses of everything the catalog publishes, all derived from ``site_url``."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..models import Entity
from ..pages import entity_url
from ..weburl import url_problem

MISSING_SITE_URL = (
    "the catalog's exports (API, Open Badges, CTDL, embeds) need absolute addresses: set site_url "
    "in mkdocs.yml (or CATALOG_SITE_URL), or turn exports off with `exports: false`")


@dataclass(frozen=True)
class Urls:
    base: str

    @classmethod
    def from_site_url(cls, site_url: str | None) -> "Urls":
        """The site's address, under the same URL rule as every link in the catalog: it is the
        base of every embed snippet and oEmbed answer."""
        if not site_url or not urlsplit(site_url).netloc:
            raise ValueError(MISSING_SITE_URL)
        problem = url_problem(site_url)
        if problem is not None:
            raise ValueError(f"site_url {site_url!r} {problem}")
        return cls(site_url if site_url.endswith("/") else site_url + "/")

    @property
    def origin(self) -> str:
        """The origin as browsers report it in ``event.origin``: lowercase, no default port."""
        parts = urlsplit(self.base)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        if ":" in host:
            host = f"[{host}]"
        default = {"http": 80, "https": 443}.get(scheme)
        port = f":{parts.port}" if parts.port is not None and parts.port != default else ""
        return f"{scheme}://{host}{port}"

    def file(self, path: str) -> str:
        return self.base + path

    def page(self, entity: Entity) -> str:
        return self.base + entity_url(entity)

    def embed(self, entity: Entity) -> str:
        return self.base + embed_path(entity)


EMBED_LIST = "embed/list/"
EMBED_LIST_SNIPPET = "embed/list/snippet.json"
"""The hand-picked list's snippet with ID and TITLE placeholders, for the embed builder: a template,
not an oEmbed response."""


def embed_path(entity: Entity) -> str:
    return f"embed/{entity_url(entity)}"


def oembed_path(entity: Entity) -> str:
    return f"oembed/{entity.folder}/{entity.id}.json"
