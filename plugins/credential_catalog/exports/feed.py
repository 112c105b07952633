"""An Atom feed of new and changed credentials, and the robots.txt that names the sitemap."""

import datetime as dt
from xml.etree import ElementTree as ET

from ..catalog import Catalog
from ..models import Credential, version_key
from .urls import Urls

FEED = "feed.xml"
ROBOTS = "robots.txt"
ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(credential: Credential) -> list[tuple[str, dt.date, str]]:
    """(version, date, what changed) for each version: the changelog's, and the current version
    (dated by its review) when the changelog does not list it."""
    found = [(entry.version, entry.date, entry.summary) for entry in credential.changelog]
    if all(version != credential.version for version, _, _ in found):
        found.append((credential.version, credential.last_reviewed, credential.summary))
    return sorted(found, key=lambda item: version_key(item[0]))


def atom(catalog: Catalog, urls: Urls, site_name: str) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en"})
    items = [(credential, *entry) for credential in catalog.credentials.values()
             for entry in entries(credential)]
    items.sort(key=lambda item: (item[2], item[0].id, version_key(item[1])), reverse=True)
    latest = max((item[2] for item in items), default=dt.date(2000, 1, 1))
    for tag, text in (("id", urls.file(FEED)), ("title", f"{site_name}: new and changed credentials"),
                      ("updated", _stamp(latest))):
        ET.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": urls.file(FEED)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": urls.base})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = site_name
    for credential, version, day, summary in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        page = urls.page(credential)
        retired = " (retired)" if credential.status == "retired" and version == credential.version else ""
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{page}#version-{version}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{credential.title}, version {version}{retired}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(day)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": page})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def robots(urls: Urls) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.file('sitemap.xml')}\n"
