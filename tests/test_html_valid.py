"""The Nu HTML Checker (vnu-jar from npm, run with Debian's Java) finds no error in any page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(site: Path) -> tuple[int, list[str]]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu HTML Checker needs Java and node_modules/vnu-jar: run `make test`, "
                    "which installs both")
    pages = sorted(site.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    return len(pages), [f"{m['url'].removeprefix(site.as_uri())}:{m.get('lastLine')}: {m['message']}"
                        for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]


def test_every_page_of_the_real_site_is_valid_html(real_site: Path) -> None:
    count, errors = check(real_site)
    assert count > 150
    assert errors == []


def test_the_checker_reports_invalid_markup(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><label for="missing" tabindex="">x</label></body></html>')
    count, errors = check(tmp_path)
    assert count == 1 and len(errors) == 2
