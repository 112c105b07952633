"""The Content-Security-Policy and referrer policy of every page, written as ``<meta>`` elements
because a static host may send no headers of its own.

Scripts, styles, images, fonts, data and frames come from the site itself only. Material writes a
few small scripts into each page; they are allowed by their SHA-256 hashes, computed at build time
from the very partials that write them (one of them names the page's base URL, so the hashes are
worked out per page), and no other inline script or style can run. ``mkdocs serve`` adds a live-reload
script that changes with every request, so while serving, inline scripts are allowed instead.
"""

import base64
import hashlib
import re
from typing import Any

import jinja2

THEME_SCRIPTS = tuple(f"partials/javascripts/{name}.html" for name in (
    "base", "palette", "content", "announce", "outdated", "consent"))
"""Material's partials that write inline scripts; those a page does not include cost a hash."""

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
REFERRER = "no-referrer"

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def theme_script_hashes(env: jinja2.Environment, values: dict[str, Any]) -> list[str]:
    """The hashes of the inline scripts Material's partials write for a page with ``values``."""
    hashes: list[str] = []
    for name in THEME_SCRIPTS:
        try:
            html = env.get_template(name).render(values)
        except jinja2.TemplateNotFound:
            continue
        hashes += [_hash(script) for script in _INLINE_SCRIPT.findall(html)]
    return list(dict.fromkeys(hashes))


def content_security_policy(hashes: list[str] | None) -> str:
    """The policy; ``hashes`` None allows any inline script (for ``mkdocs serve`` only)."""
    extra = " 'unsafe-inline'" if hashes is None else "".join(f" {value}" for value in hashes)
    return "; ".join(f"{name} {value}{extra if name == 'script-src' else ''}"
                     for name, value in DIRECTIVES)


def install(env: jinja2.Environment, serving: bool) -> None:
    """Give ``env``'s templates ``content_security_policy()`` and ``referrer_policy``."""
    cache: dict[Any, str] = {}

    @jinja2.pass_context
    def policy(context: jinja2.runtime.Context) -> str:
        if serving:
            return content_security_policy(None)
        key = context.get("base_url")  # the only value the theme's scripts vary with
        if key not in cache:
            hashes = theme_script_hashes(context.environment, context.get_all())
            cache[key] = content_security_policy(hashes)
        return cache[key]

    env.globals.update(content_security_policy=policy, referrer_policy=REFERRER)
