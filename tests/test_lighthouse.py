"""Lighthouse (npm, driving Debian's Chromium): accessibility, best practices and SEO at 100 on
the home, browse and credential pages of the real catalog, in its default mobile emulation."""

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .browser import CHROMIUM
from .conftest import ROOT

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]
PAGES = {"home": "", "browse": "credentials/", "credential": "credentials/mapping-facts/"}


def audit(url: str, out: Path) -> dict[str, Any]:
    if not LIGHTHOUSE.is_file():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `make test`, which installs Lighthouse from npm")
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", f"--only-categories={','.join(CATEGORIES)}", "--output=json",
         f"--output-path={out}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        check=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True)
    return json.loads(out.read_text())


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores_100(real_site_url: str, tmp_path: Path, name: str) -> None:
    report = audit(real_site_url + PAGES[name], tmp_path / "report.json")
    categories = report["categories"]
    failing = [f"{category}: {ref['id']}" for category in CATEGORIES
               for ref in categories[category]["auditRefs"]
               if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1)]
    scores = {category: round(categories[category]["score"] * 100) for category in CATEGORIES}
    assert scores == dict.fromkeys(CATEGORIES, 100), failing
