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


def snippet(urls: Urls, src: str, title: str) -> str:
    """An iframe plus the script that resizes it, accepting messages only from the catalog."""
    frame = (f'<iframe src="{escape(src)}" title="{escape(title)}" data-credential-catalog '
             f'loading="lazy" referrerpolicy="strict-origin-when-cross-origin" '
             f'style="width: 100%; max-width: {WIDTH}px; height: {HEIGHT}px; border: 0;"></iframe>')
    return frame + "\n" + _RESIZER % (json.dumps(urls.origin), json.dumps(MESSAGE_TYPE))


def entity_snippet(urls: Urls, entity: Entity) -> str:
    return snippet(urls, urls.embed(entity), f"{entity_title(entity)} (educator micro-credential catalog)")




def list_snippet(urls: Urls) -> str:
    """The hand-picked list's snippet with placeholders; the districts' guide fills them in."""
    return snippet(urls, urls.file(EMBED_LIST) + "?ids=ID&title=TITLE", EMBED_LIST_TITLE)


def _rich(urls: Urls, site_name: str, title: str, markup: str) -> dict[str, Any]:
    return {"version": "1.0", "type": "rich", "title": title, "provider_name": site_name,
            "provider_url": urls.base, "html": markup, "width": WIDTH, "height": HEIGHT}


def oembed(urls: Urls, site_name: str, entity: Entity) -> dict[str, Any]:
    return _rich(urls, site_name, entity_title(entity), entity_snippet(urls, entity))


def oembed_list(urls: Urls, site_name: str) -> dict[str, Any]:
    return _rich(urls, site_name, EMBED_LIST_TITLE, list_snippet(urls))
