"""Embedding: the copy-paste snippet for a district's site and the oEmbed answer for each embed."""

import json
from html import escape
from typing import Any

from ..models import Entity
from ..pages import EMBED_LIST_TITLE, entity_title
from .urls import EMBED_LIST, Urls

MESSAGE_TYPE = "credential-catalog:resize"
WIDTH = 640
HEIGHT = 480
HEIGHTS = {"credentials": 720, "stacks": 560, "pathways": 720, "recognizers": 480}
"""Each kind's frame height without script: most of a typical embed shows, the rest scrolls."""

_RESIZER = """<script>
(function () {
  var origin = %s;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== %s) return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 50 || height > 20000) return;
    document.querySelectorAll("iframe[data-credential-catalog]").forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(height) + "px";
    });
  });
})();
</script>"""


def frame(src: str, title: str, height: int = HEIGHT) -> str:
    """The iframe alone: it works without script (its content scrolls inside the frame)."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" data-credential-catalog '
            f'loading="lazy" referrerpolicy="strict-origin-when-cross-origin" width="{WIDTH}" '
            f'height="{height}" style="width: 100%; max-width: {WIDTH}px; height: {height}px; '
            'border: 0;"></iframe>')


def snippet(urls: Urls, src: str, title: str, height: int = HEIGHT) -> str:
    """The iframe plus the script that resizes it, accepting messages only from the catalog."""
    return frame(src, title, height) + "\n" + _RESIZER % (json.dumps(urls.origin), json.dumps(MESSAGE_TYPE))


def _title(entity: Entity, site_name: str) -> str:
    """The frame's name for a screen reader: the entity, then the catalog it comes from."""
    return f"{entity_title(entity)} ({site_name})"


def entity_snippet(urls: Urls, site_name: str, entity: Entity) -> str:
    return snippet(urls, urls.embed(entity), _title(entity, site_name), HEIGHTS.get(entity.folder, HEIGHT))


def list_snippet(urls: Urls) -> str:
    """The hand-picked list's snippet with placeholders; the districts' guide fills them in."""
    return snippet(urls, urls.file(EMBED_LIST) + "?ids=ID&title=TITLE", EMBED_LIST_TITLE)


def oembed(urls: Urls, site_name: str, entity: Entity) -> dict[str, Any]:
    """The answer for one embeddable page. Its ``html`` is the frame alone, since consumers that
    sanitise oEmbed drop scripts; a consumer that keeps scripts can add the resizer itself."""
    height = HEIGHTS.get(entity.folder, HEIGHT)
    return {"version": "1.0", "type": "rich", "title": entity_title(entity), "provider_name": site_name,
            "provider_url": urls.base, "html": frame(urls.embed(entity), _title(entity, site_name), height),
            "width": WIDTH, "height": height}
