"""The browse page's data on the full catalog: the no-JS list, the size budget, and lunr.py
agreeing with lunr.js (run in node) on the same serialized index."""

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest
from lunr.index import Index

from credential_catalog.plugin import LUNR_JS
from credential_catalog.search import INDEX_URI, STORE_URI, query_clauses, search, unpack

from .conftest import ROOT

BROWSE_JS = ROOT / "overrides" / "assets" / "catalog" / "browse.js"
NODE = "/usr/bin/node"
QUERIES = [
    "my students don't listen to each other", "project work", "research skills", "feedback",
    "collab", "reserch", "listning", "students give each other feedback", "presentation audience",
    "the", "zzzxqv",
]
NEEDS = {
    "my students don't listen to each other": {"active-listening"},
    "project work": {"making-projects-real", "managing-project-cycles"},
    "research skills": {"productive-researching"},
    "students give each other feedback": {"kind-critiquing"},
}

NODE_SCRIPT = """
const fs = require("fs");
const [lunrPath, browsePath, indexPath, queries] = process.argv.slice(1);
const lunr = require(lunrPath);
const core = require(browsePath);
const serialized = core.unpack(JSON.parse(fs.readFileSync(indexPath, "utf8")));
const index = lunr.Index.load(serialized);
const results = JSON.parse(queries).map((q) => ({
  clauses: core.clauses(lunr, q), hits: core.search(lunr, index, q) }));
process.stdout.write(JSON.stringify({ serialized, results }));
"""


def _ids(site: Path) -> list[str]:
    store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
    return [row[store["columns"].index("id")] for row in store["rows"]]


def _top(hits: list[tuple[str, float]], n: int = 5) -> list[tuple[str, float]]:
    return sorted(((ref, round(score, 6)) for ref, score in hits), key=lambda h: (-h[1], h[0]))[:n]


def test_no_js_page_lists_every_credential_by_category(real_site: Path) -> None:
    html = (real_site / "credentials" / "index.html").read_text(encoding="utf-8")
    listing = html[html.index('<div class="cc-browse-all">'):]
    cards = re.findall(r'<article class="cc-card[^"]*" data-credential="([a-z0-9-]+)"', listing)
    expected = sorted(p.stem for p in (ROOT / "catalog" / "credentials").glob("*.yml"))
    assert len(expected) == 40
    assert sorted(cards) == expected
    assert len(re.findall(r'<h2 id="[a-z-]+"><a href="\.\./categories/', listing)) == 6
    assert re.search(r'<div class="cc-browse" hidden', html)  # the search UI needs JavaScript


def test_index_and_store_fit_the_size_budget(real_site: Path) -> None:
    total = sum(len(gzip.compress((real_site / uri).read_bytes(), 9)) for uri in (INDEX_URI, STORE_URI))
    assert total <= 1024 * len(_ids(real_site))


def test_lunr_js_is_taken_from_mkdocs(real_site: Path) -> None:
    shipped = (real_site / "assets" / "catalog" / "lunr.js").read_bytes()
    assert shipped == LUNR_JS.read_bytes()
    assert b"2.3.9" in shipped[:200]
    assert not (ROOT / "overrides" / "assets" / "catalog" / "lunr.js").exists()


def test_plain_words_find_the_matching_credentials(real_site: Path) -> None:
    ids = _ids(real_site)
    index = Index.load(unpack(json.loads((real_site / INDEX_URI).read_text(encoding="utf-8"))))
    for query, wanted in NEEDS.items():
        top = {ids[int(hit.ref)] for hit in search(index, query)[:3]}
        assert wanted <= top, (query, top)


@pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")
def test_lunr_py_and_lunr_js_agree(real_site: Path) -> None:
    packed = real_site / INDEX_URI
    run = subprocess.run(
        [NODE, "-e", NODE_SCRIPT, str(LUNR_JS), str(BROWSE_JS), str(packed), json.dumps(QUERIES)],
        capture_output=True, text=True, check=True, timeout=60)
    from_js = json.loads(run.stdout)
    serialized = unpack(json.loads(packed.read_text(encoding="utf-8")))
    assert from_js["serialized"] == serialized
    index = Index.load(serialized)
    for query, result in zip(QUERIES, from_js["results"], strict=True):
        assert result["clauses"] == query_clauses(query), query
        in_python = _top([(hit.ref, hit.score) for hit in search(index, query)])
        in_js = _top([(hit["ref"], hit["score"]) for hit in result["hits"]])
        assert in_js == in_python, query
    assert any(result["hits"] for result in from_js["results"])
