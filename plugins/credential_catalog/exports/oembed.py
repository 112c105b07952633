"""Embedding: the copy-paste snippet for a district's site and the oEmbed answer for each embed."""

import json
from html import escape
from typing import Any

from ..models import Entity
from ..pages import entity_title
from .urls import Urls

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


def oembed(urls: Urls, site_name: str, entity: Entity) -> dict[str, Any]:
    return {
        "version": "1.0",
        "type": "rich",
        "title": entity_title(entity),
        "provider_name": site_name,
        "provider_url": urls.base,
        "html": entity_snippet(urls, entity),
        "width": WIDTH,
        "height": HEIGHT,
    }
