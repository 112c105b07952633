"""Shared pieces for browser tests: a static file server and Debian's Chromium via Playwright."""

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, host: str = "127.0.0.1",
          handler: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free port (with ``handler`` when given, which serves
    ``directory`` itself); yields the base URL."""
    server = http.server.ThreadingHTTPServer(
        (host, 0), handler or functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# One page of every kind in the real catalog (section indexes share one template).
PAGE_KINDS = {
    "home": "",
    "credentials index": "credentials/",
    "credential": "credentials/mapping-facts/",
    "category": "categories/communicate-effectively/",
    "stack": "stacks/healthy-teams/",
    "retired stack": "stacks/communicate-effectively/",
    "pathway": "pathways/first-year-teacher-induction/",
    "standards index": "standards/",
    "standard": "standards/data/",
    "recognizer": "recognizers/clark-county/",
    "recognizer with a program value": "recognizers/kettle-moraine/",
    "issuer": "issuers/digital-promise/",
    "planning": "planning/",
    "stacks index": "stacks/",
    "pathways index": "pathways/",
    "recognizers index": "recognizers/",
    "embedding guide": "embedding/",
    "data api": "api/",
    "about": "about/",
}
