"""The one rule for web addresses: every field that holds a link, and the site's own address.

An address is ``http`` or ``https`` with a host, and nothing that reads differently to a person
and to a browser: no user name before the host (``https://good.example@evil.example/`` goes to
evil.example), no backslash (browsers read it as a slash), no invisible, control or
bidirectional characters, and an ASCII host (an international name in its ``xn--`` form).
"""

import re
import unicodedata
from urllib.parse import urlsplit

URL_PATTERN = r"^https?://[^\s<>\"'`]+$"
MAX_URL_LENGTH = 500

_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$")
_IPV6 = re.compile(r"^\[[0-9a-f:.]+\]$")
_HIDDEN = ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp")


def url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a link (a phrase that follows the value), or None."""
    hidden = next((char for char in value if unicodedata.category(char) in _HIDDEN), None)
    if hidden is not None:
        return (f"contains an invisible, control or bidirectional character (U+{ord(hidden):04X}), "
                "which would make it read differently than it leads")
    if "\\" in value:
        return "contains a backslash, which browsers read as a slash: write / instead"
    if any(char.isspace() for char in value):
        return "contains a space: write it as %20"
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not value[len(parts.scheme):].startswith("://"):
        return "is not a web address starting with http:// or https://"
    if "@" in parts.netloc:
        return ("names a user before the host (user@host), which hides where it leads: write the "
                "address without it")
    host = parts.netloc.rsplit(":", 1)[0] if not parts.netloc.endswith("]") else parts.netloc
    if not host:
        return "names no host: write it as https://example.org/..."
    if not host.isascii():
        return "has a host with letters beyond ASCII: write an international domain in its xn-- form"
    if not (_HOST.match(host.lower()) or _IPV6.match(host.lower())):
        return f"has a host, {host!r}, that is not a domain name or an IP address"
    try:
        port = parts.port
    except ValueError:
        port = -1
    return "has a port that is not a number from 0 to 65535" if port == -1 else None


def check_url(value: str) -> str:
    """The pydantic validator form of :func:`url_problem`."""
    problem = url_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value
