"""The browse page's data on the full catalog: the no-JS list, the size budget, the sharded index
against the whole one, and lunr.py agreeing with lunr.js (run in node) on the same shards."""

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lunr.index import Index

from credential_catalog.catalog import Catalog
from credential_catalog.loader import load_catalog
from credential_catalog.plugin import LUNR_JS
from credential_catalog.search import (
    INDEX_DIR,
    STORE_URI,
    assemble,
    build_index,
    needed_keys,
    ordered,
    query_clauses,
    search,
    shard,
    shard_key,
    sharded_search,
    shards_for,
)

from .conftest import ROOT

BROWSE_JS = ROOT / "plugins" / "credential_catalog" / "theme" / "assets" / "catalog" / "browse.js"
NODE = shutil.which("node") or "node"  # make test installs Debian's npm, and with it node
QUERIES = [
    "my students don't listen to each other", "project work", "research skills", "feedback",
    "collab", "reserch", "listning", "students give each other feedback", "presentation audience",
    "the", "zzzxqv", "mindfuln", "listenin reflectio", "persuasiv",
]
NEEDS = {
    "my students don't listen to each other": {"active-listening"},
    "project work": {"making-projects-real", "managing-project-cycles"},
    "research skills": {"productive-researching"},
    "students give each other feedback": {"kind-critiquing"},
}

NODE_SCRIPT = """
const fs = require("fs");
const [lunrPath, browsePath, storePath, indexDir, queries] = process.argv.slice(1);
const lunr = require(lunrPath);
const core = require(browsePath);
const header = JSON.parse(fs.readFileSync(storePath, "utf8")).search;
const rules = header.clauses;
const shard = (n) => JSON.parse(fs.readFileSync(`${indexDir}/${n}.json`, "utf8"));
const serialized = core.assemble(header, header.shards.map((_, n) => shard(n)), null);
const results = JSON.parse(queries).map((q) => {
  const keys = core.neededKeys(lunr, rules, q);
  const numbers = core.shardsFor(header, keys);
  const index = lunr.Index.load(core.assemble(header, numbers.map(shard), keys));
  return { clauses: core.clauses(lunr, rules, q), numbers, hits: core.search(lunr, rules, index, q) };
});
process.stdout.write(JSON.stringify({ serialized, results }));
"""


def _store(site: Path) -> dict[str, Any]:
    return json.loads((site / STORE_URI).read_text(encoding="utf-8"))


def _shard(site: Path) -> Callable[[int], dict[str, Any]]:
    return lambda n: json.loads((site / INDEX_DIR / f"{n}.json").read_text(encoding="utf-8"))


def _ids(site: Path) -> list[str]:
    return _store(site)["ids"]


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
    files = [real_site / STORE_URI, *(real_site / INDEX_DIR).glob("*.json")]
    assert len(files) == 1 + len(_store(real_site)["search"]["shards"])
    total = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    assert total <= 1024 * len(_ids(real_site))


@pytest.fixture(scope="module")
def real_catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


def test_shards_hold_whole_keys_in_order(real_catalog: Catalog) -> None:
    header, shards = shard(build_index(ordered(real_catalog)), size=300)
    assert len(shards) > 10
    terms = [term for part in shards for term in part["terms"]]
    assert terms == sorted(terms)
    keys = [{shard_key(term) for term in part["terms"]} for part in shards]
    assert all(not a & b for i, a in enumerate(keys) for b in keys[i + 1:])
    assert header["shards"] == [min(k) for k in keys]
    for number, held in enumerate(keys):
        assert shards_for(header, held) == [number]


SPANNING = ["project work", "students give each other feedback", "presentation audience",
            "reserch listning", "collab reflection", "concept map"]


SCORE_TOLERANCE = 0.01
"""Shards keep each term's score in hundredths: a query's scores move by less than this."""


def test_a_query_across_shards_matches_lunrs_own_index(real_catalog: Catalog) -> None:
    serialized = build_index(ordered(real_catalog))
    header, shards = shard(serialized, size=300)
    whole = Index.load(serialized)  # lunr's own index of the same documents, scores unrounded
    for query in SPANNING:
        assert len(shards_for(header, needed_keys(query))) >= 2, query
        expected = {hit.ref: hit.score for hit in search(whole, query)}
        got = {hit.ref: hit.score for hit in sharded_search(header, shards.__getitem__, query)}
        assert expected and set(got) == set(expected), query
        assert got == pytest.approx(expected, abs=SCORE_TOLERANCE), query
        ranked = [hit.ref for hit in sharded_search(header, shards.__getitem__, query)]
        for a in expected:
            for b in expected:
                if expected[a] > expected[b] + 2 * SCORE_TOLERANCE:
                    assert ranked.index(a) < ranked.index(b), (query, a, b)


def test_typos_are_tolerated_after_the_first_two_letters(real_catalog: Catalog) -> None:
    header, shards = shard(build_index(ordered(real_catalog)), size=300)
    ids = [c.id for c in ordered(real_catalog)]
    for typo in ("listning", "lisetning"):
        top = sharded_search(header, shards.__getitem__, typo)[0]
        assert ids[int(top.ref)] == "active-listening", typo
    assert not sharded_search(header, shards.__getitem__, "ilstening")


def test_a_word_being_typed_keeps_finding_its_credentials(real_catalog: Catalog) -> None:
    header, shards = shard(build_index(ordered(real_catalog)), size=300)
    ids = [c.id for c in ordered(real_catalog)]

    def found(text: str) -> list[str]:
        return [ids[int(hit.ref)] for hit in sharded_search(header, shards.__getitem__, text)]

    for word in ("listening", "mindfulness"):
        whole = found(word)
        assert whole
        for end in range(6, len(word)):
            partial = found(word[:end])
            assert partial[0] == whole[0] and set(whole) <= set(partial), word[:end]
    for typed, wanted in (("reflectio", "practicing-reflection"), ("persuasiv", "persuasive-presenting"),
                          ("listenign", "active-listening")):
        assert found(typed)[0] == wanted, typed


def test_lunr_js_is_taken_from_mkdocs(real_site: Path) -> None:
    shipped = (real_site / "assets" / "catalog" / "lunr.js").read_bytes()
    assert shipped == LUNR_JS.read_bytes()
    assert b"2.3.9" in shipped[:200]
    assert not (ROOT / "plugins" / "credential_catalog" / "theme" / "assets" / "catalog" / "lunr.js").exists()


def test_plain_words_find_the_matching_credentials(real_site: Path) -> None:
    ids = _ids(real_site)
    header = _store(real_site)["search"]
    for query, wanted in NEEDS.items():
        top = {ids[int(hit.ref)] for hit in sharded_search(header, _shard(real_site), query)[:3]}
        assert wanted <= top, (query, top)


def test_lunr_py_and_lunr_js_agree(real_site: Path) -> None:
    header = _store(real_site)["search"]
    run = subprocess.run(
        [NODE, "-e", NODE_SCRIPT, str(LUNR_JS), str(BROWSE_JS), str(real_site / STORE_URI),
         str(real_site / INDEX_DIR), json.dumps(QUERIES)],
        capture_output=True, text=True, check=True, timeout=60)
    from_js = json.loads(run.stdout)
    shards = [_shard(real_site)(n) for n in range(len(header["shards"]))]
    assert from_js["serialized"] == assemble(header, shards)
    for query, result in zip(QUERIES, from_js["results"], strict=True):
        assert result["clauses"] == query_clauses(query), query
        assert result["numbers"] == shards_for(header, needed_keys(query)), query
        hits = sharded_search(header, shards.__getitem__, query)
        in_python = _top([(hit.ref, hit.score) for hit in hits])
        in_js = _top([(hit["ref"], hit["score"]) for hit in result["hits"]])
        assert in_js == in_python, query
    assert any(result["hits"] for result in from_js["results"])
