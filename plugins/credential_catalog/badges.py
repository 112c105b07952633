"""One badge image per credential, drawn from its own data.

``draw`` is the only place that knows what a badge looks like; replacing it changes every badge.
"""

import textwrap
from html import escape

from .catalog import Catalog
from .models import Credential

BADGE_DIR = "assets/catalog/badges/"
PALETTE = ("#283593", "#00695c", "#6a1b9a", "#ad1457", "#bf360c", "#2e7d32", "#37474f", "#4e342e")
"""Dark enough for white text (WCAG contrast above 4.5:1), one per category number."""


def badge_path(credential: Credential) -> str:
    return f"{BADGE_DIR}{credential.id}.svg"


def draw(title: str, category: str, version: str, color: str) -> str:
    """A round badge: the title in up to four lines, the category above, the version below."""
    lines = textwrap.wrap(title, 16)[:4] or [title]
    top = 100 - (len(lines) - 1) * 11
    text = "".join(f'<tspan x="100" y="{top + 22 * n}">{escape(line)}</tspan>'
                   for n, line in enumerate(lines))
    label = escape(f"{title} (micro-credential, {category}, version {version})")
    kicker = escape(textwrap.shorten(category, 24, placeholder="..."))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" '
        f'role="img" aria-label="{label}">'
        f'<title>{label}</title>'
        f'<circle cx="100" cy="100" r="96" fill="{color}"/>'
        '<circle cx="100" cy="100" r="86" fill="none" stroke="#ffffff" stroke-width="3"/>'
        '<g fill="#ffffff" font-family="sans-serif" text-anchor="middle">'
        f'<text x="100" y="56" font-size="10">{kicker}</text>'
        f'<text font-size="17" font-weight="bold">{text}</text>'
        f'<text x="100" y="166" font-size="12">v{escape(version)}</text>'
        "</g></svg>\n")


def credential_badge(catalog: Catalog, credential: Credential) -> str:
    category = catalog.categories[credential.category]
    return draw(credential.title, category.title, credential.version,
                PALETTE[(category.number - 1) % len(PALETTE)])
