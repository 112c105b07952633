"""Badges and social cards: drawn from each credential's data, published, linked from pages and badges."""

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from credential_catalog.badges import PALETTE
from credential_catalog.loader import load_catalog
from credential_catalog.problems import CatalogError

from .conftest import run_build

SVG = "{http://www.w3.org/2000/svg}"
CREDENTIALS = ["asking-questions", "speaking-up", "weighing-evidence"]
SITE_URL = "http://127.0.0.1:8000/"


def svg_colors(svg: str) -> set[str]:
    return set(re.findall(r'fill="(#[0-9a-f]{6})"', svg))


def test_each_credential_has_its_own_badge_drawn_from_its_data(built: Path) -> None:
    folder = built / "assets" / "catalog" / "badges"
    badges = {cid: (folder / f"{cid}.svg").read_text() for cid in CREDENTIALS}
    assert len(set(badges.values())) == len(CREDENTIALS)
    root = ET.fromstring(badges["asking-questions"])
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Badge of the Asking Questions micro-credential, in the Thinking category"
    assert root.get("aria-label") == title.text
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert words == "Asking Questions"
    # Thinking is category 1, Talking category 2: each badge takes its category's colour.
    assert PALETTE[0] in svg_colors(badges["asking-questions"])
    assert PALETTE[1] in svg_colors(badges["speaking-up"])
    assert PALETTE[0] not in svg_colors(badges["speaking-up"])


def test_a_category_can_set_its_colour_and_mark(tiny: Path) -> None:
    path = tiny / "catalog" / "categories" / "talking.yml"
    path.write_text(path.read_text() + "color: '#5b2a86'\nmark: star\n")
    site = run_build(tiny)
    badge = (site / "assets" / "catalog" / "badges" / "speaking-up.svg").read_text()
    assert "#5b2a86" in svg_colors(badge)
    # The star is the only mark drawn as one ten-pointed polygon.
    assert any(len(p.split()) == 10 for p in re.findall(r'<polygon points="([^"]+)" fill="#ffffff"', badge))


def test_a_category_colour_too_light_for_white_text_is_refused(tiny: Path) -> None:
    path = tiny / "catalog" / "categories" / "talking.yml"
    path.write_text(path.read_text() + "color: '#ffcc00'\n")
    with pytest.raises(CatalogError) as info:
        load_catalog(tiny / "catalog")
    [problem] = [str(p) for p in info.value.problems]
    assert problem.startswith("catalog/categories/talking.yml:7:8: color: ")
    assert "too light" in problem


def test_social_cards_are_1200_by_630_pngs_named_in_the_page_head(built: Path) -> None:
    seen = set()
    for cid in CREDENTIALS:
        data = (built / "assets" / "catalog" / "cards" / f"{cid}.png").read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
        seen.add(data)
        page = (built / "credentials" / cid / "index.html").read_text()
        assert f'<meta property="og:image" content="{SITE_URL}assets/catalog/cards/{cid}.png">' in page
        assert '<meta name="twitter:card" content="summary_large_image">' in page
        assert re.search(r'<meta property="og:image:alt" content="Badge of the [^"]+ micro-credential', page)
    assert len(seen) == len(CREDENTIALS)


def test_social_cards_are_reused_from_the_cache_when_nothing_they_show_changed(tiny: Path) -> None:
    site = run_build(tiny)
    cache = tiny / ".cache" / "credential-catalog" / "cards"
    assert len(list(cache.glob("*.png"))) == len(CREDENTIALS)
    first = (site / "assets" / "catalog" / "cards" / "speaking-up.png").read_bytes()
    path = tiny / "catalog" / "credentials" / "speaking-up.yml"
    path.write_text(re.sub(r"^title: .*$", "title: Speaking Up Clearly", path.read_text(), count=1,
                           flags=re.MULTILINE))
    site = run_build(tiny)
    assert len(list(cache.glob("*.png"))) == len(CREDENTIALS) + 1
    assert (site / "assets" / "catalog" / "cards" / "speaking-up.png").read_bytes() != first


def test_open_badges_use_each_credentials_own_badge(built: Path) -> None:
    images = set()
    for cid in CREDENTIALS:
        achievement = json.loads((built / "openbadges" / "v3" / "achievements" / f"{cid}.json").read_text())
        badge_class = json.loads((built / "openbadges" / "v2" / "badges" / f"{cid}.json").read_text())
        url = f"{SITE_URL}assets/catalog/badges/{cid}.svg"
        assert achievement["image"]["id"] == url and achievement["image"]["type"] == "Image"
        assert achievement["image"]["caption"].startswith("Badge of the ")
        assert badge_class["image"] == url
        assert (built / url.removeprefix(SITE_URL)).is_file()
        images.add(url)
    assert len(images) == len(CREDENTIALS)
