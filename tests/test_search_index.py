"""The browse page's data on the full catalog: the no-JS list, the size budget, the sharded index
against the whole one, how queries are understood, and search.py agreeing with browse.js (run in
node with lunr.js) on the same shards: the same units, shards and ranking for every query,
including every query of the relevance sets (so that tests/test_relevance.py, which runs the
Python side, measures what the page shows)."""

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from lunr.index import Index

from credential_catalog.catalog import Catalog
from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.models import SearchWords
from credential_catalog.plugin import LUNR_JS
from credential_catalog.search import (
    INDEX_DIR,
    STORE_URI,
    Ranking,
    assemble,
    build_index,
    contexts,
    needed_keys,
    ordered,
    query_units,
    rules,
    search,
    search_words,
    shard,
    shard_key,
    sharded_search,
    shards_for,
)
from credential_catalog.terms import stem

from .conftest import ROOT

BROWSE_JS = ROOT / "plugins" / "credential_catalog" / "theme" / "assets" / "catalog" / "browse.js"
RELEVANCE = [ROOT / "tests" / "data" / "relevance.yml", ROOT / "tests" / "data" / "relevance-held-out.yml"]
NODE = shutil.which("node") or "node"  # make test installs Debian's npm, and with it node
QUERIES = [
    "my students don't listen to each other", "project work", "research skills", "feedback",
    "collab", "reserch", "listning", "students give each other feedback", "presentation audience",
    "the", "zzzxqv", "mindfuln", "listenin reflectio", "persuasiv", "Students don\u2019t LISTEN",
    "kind zzzxqv", "students zzzxqv qqqzz", "group work group work", "asking good questions", "calm-down",
    "well-being", "student collaboration", "", "a student's feedback", "each other\u2019s ideas",
    *(case["query"] for path in RELEVANCE for case in yaml.safe_load(path.read_text("utf-8"))),
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
const store = JSON.parse(fs.readFileSync(storePath, "utf8"));
const header = store.search;
const shard = (n) => JSON.parse(fs.readFileSync(`${indexDir}/${n}.json`, "utf8"));
const serialized = core.assemble(header, header.shards.map((_, n) => shard(n)), null);
const results = JSON.parse(queries).map((q) => {
  const keys = core.neededKeys(lunr, header, q);
  const numbers = core.shardsFor(header, keys);
  const index = lunr.Index.load(core.assemble(header, numbers.map(shard), keys));
  return { units: core.units(lunr, header, q), numbers,
           ranking: core.search(lunr, header, index, q, store.ids.length) };
});
process.stdout.write(JSON.stringify({ serialized, results }));
"""


def _store(site: Path) -> dict[str, Any]:
    return json.loads((site / STORE_URI).read_text(encoding="utf-8"))


def _shard(site: Path) -> Callable[[int], dict[str, Any]]:
    return lambda n: json.loads((site / INDEX_DIR / f"{n}.json").read_text(encoding="utf-8"))


def _ids(site: Path) -> list[str]:
    return _store(site)["ids"]


def test_no_js_page_lists_every_credential_by_category(real_site: Path) -> None:
    html = (real_site / "credentials" / "index.html").read_text(encoding="utf-8")
    listing = html[html.index('<div class="cc-browse-all">'):]
    cards = re.findall(r'<article class="cc-card[^"]*" data-credential="([a-z0-9-]+)"', listing)
    expected = sorted(p.stem for p in (ROOT / "catalog" / "credentials").glob("*.yml"))
    assert len(expected) == 40
    assert sorted(cards) == expected
    assert len(re.findall(r'<h2 id="[a-z-]+"><a href="\.\./categories/', listing)) == 6
    # The controls need JavaScript: a stylesheet that only browsers without it load hides them.
    noscript = re.search(r'<noscript><link rel="stylesheet" href="([^"]+)"></noscript>', html)
    assert noscript and noscript.group(1) == "../assets/catalog/browse-noscript.css"
    hidden = (real_site / "assets" / "catalog" / "browse-noscript.css").read_text(encoding="utf-8")
    assert re.search(r"\.cc-browse, \.cc-facets-home \{ display: none; \}", hidden)


def test_index_and_store_fit_the_size_budget(real_site: Path) -> None:
    files = [real_site / STORE_URI, *(real_site / INDEX_DIR).glob("*.json")]
    assert len(files) == 1 + len(_store(real_site)["search"]["shards"])
    total = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    assert total <= 1024 * len(_ids(real_site))


@pytest.fixture(scope="module")
def real_catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


@pytest.fixture(scope="module")
def real_index(real_catalog: Catalog) -> dict[str, Any]:
    """The real catalog's whole index, the same cut into small shards, and its query rules."""
    credentials = ordered(real_catalog)
    words = search_words(real_catalog)
    placed = contexts(build_graph(real_catalog), credentials)
    serialized = build_index(credentials, words, placed)
    header, shards = shard(credentials, words, placed, size=300)
    return {"serialized": serialized, "header": {**header, **rules(words)}, "shards": shards,
            "ids": [c.id for c in credentials]}


def _found(index: dict[str, Any], text: str) -> list[str]:
    ranking = sharded_search(index["header"], index["shards"].__getitem__, text, len(index["ids"]))
    return [index["ids"][int(hit.ref)] for hit in ranking.shown]


def test_shards_hold_whole_keys_in_order(real_index: dict[str, Any]) -> None:
    header, shards = real_index["header"], real_index["shards"]
    assert len(shards) > 10
    terms = [term for part in shards for term in part["terms"]]
    assert terms == sorted(terms)
    keys = [{shard_key(term) for term in part["terms"]} for part in shards]
    assert all(not a & b for i, a in enumerate(keys) for b in keys[i + 1:])
    assert header["shards"] == [min(k) for k in keys]
    for number, held in enumerate(keys):
        assert shards_for(header, held) == [number]


SPANNING = ["project work", "students give each other feedback", "presentation audience",
            "reserch listning", "collab reflection", "mindful planning", "kind feedback"]


def _scores(serialized: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Each field vector of a serialization, by term rather than by the term's position."""
    term = {posting["_index"]: name for name, posting in serialized["invertedIndex"]}
    return {key: {term[pairs[i]]: pairs[i + 1] for i in range(0, len(pairs), 2)}
            for key, pairs in serialized["fieldVectors"] if pairs}


def test_the_shards_rebuild_lunrs_own_index(real_index: dict[str, Any]) -> None:
    """The shards hold how often each term occurs; assembled, every score is the one lunr's builder
    gives, to the last digit it keeps."""
    whole = real_index["serialized"]
    rebuilt = assemble(real_index["header"], real_index["shards"])
    assert _scores(rebuilt) == _scores(whole)
    assert {name: {field: set(refs) for field, refs in posting.items() if field != "_index"}
            for name, posting in rebuilt["invertedIndex"]} == {
        name: {field: set(refs) for field, refs in posting.items() if field != "_index"}
        for name, posting in whole["invertedIndex"]}


def test_a_query_across_shards_matches_lunrs_own_index(real_index: dict[str, Any]) -> None:
    header, shards, total = real_index["header"], real_index["shards"], len(real_index["ids"])
    whole = Index.load(real_index["serialized"])  # lunr's own index of the same documents
    for query in SPANNING:
        assert len(shards_for(header, needed_keys(header, query))) >= 2, query
        expected = search(whole, header, query, total)
        got = sharded_search(header, shards.__getitem__, query, total)
        assert expected.required == got.required and expected.full, query
        for part in ("full", "partial"):
            assert [hit.ref for hit in getattr(got, part)] == [hit.ref for hit in getattr(expected, part)]
            assert [hit.score for hit in getattr(got, part)] == pytest.approx(
                [hit.score for hit in getattr(expected, part)], rel=1e-9), (query, part)


def test_typos_are_tolerated_after_the_first_two_letters(real_index: dict[str, Any]) -> None:
    for typo in ("listning", "lisetning"):
        assert _found(real_index, typo)[0] == "active-listening", typo
    assert not _found(real_index, "ilstening")


def test_a_word_being_typed_keeps_finding_its_credentials(real_index: dict[str, Any]) -> None:
    for word in ("listening", "mindfulness"):
        whole = _found(real_index, word)
        assert whole
        for end in range(6, len(word)):
            partial = _found(real_index, word[:end])
            assert partial[0] == whole[0] and set(whole) <= set(partial), word[:end]
    for typed, wanted in (("reflectio", "practicing-reflection"), ("persuasiv", "persuasive-presenting"),
                          ("listenign", "active-listening")):
        assert _found(real_index, typed)[0] == wanted, typed


def test_every_keyword_finds_its_credential_near_the_top(real_index: dict[str, Any],
                                                          real_catalog: Catalog) -> None:
    """Each keyword finds its credential; nearly always among the first three, or among the
    first n when n credentials list it (a keyword that is a synonym, or a word many credentials
    use, can leave it lower)."""
    credentials = real_catalog.credentials.values()
    assert all(c.keywords for c in credentials)
    low = []
    for credential in credentials:
        for keyword in credential.keywords:
            found = _found(real_index, keyword)
            assert credential.id in found, keyword
            if credential.id not in found[:max(3, sum(keyword in c.keywords for c in credentials))]:
                low.append((keyword, credential.id))
    assert len(low) <= 0.05 * sum(len(c.keywords) for c in credentials), low


def test_every_need_finds_its_credentials(real_index: dict[str, Any], real_catalog: Catalog) -> None:
    """Each need of catalog/search/ finds a credential it names; nearly always one among the first
    three (a need said in common words, "checked out", can leave them lower)."""
    needs = [need for words in real_catalog.of(SearchWords).values() for need in words.needs]
    assert len(needs) >= 100
    low = []
    for need in needs:
        found = _found(real_index, need.need)
        assert set(need.credentials) & set(found), need
        if not set(need.credentials) & set(found[:3]):
            low.append(need.need)
    assert len(low) <= 0.05 * len(needs), low


def test_a_rare_word_also_finds_its_near_forms(real_index: dict[str, Any]) -> None:
    """Near forms and typos count for a word few credentials hold as typed, not for a common one."""
    below = real_index["header"]["matching"]["loose_below"]
    assert "clear-thinking-and-writing" in _found(real_index, "clearly")  # its title says "clear"
    assert "clear-thinking-and-writing" in _found(real_index, "writing clearly")[:3]
    listen = set(_found(real_index, "listen"))
    only_list = set(_found(real_index, "lists")) - listen  # "list" is one of "listen"'s near forms
    assert len(listen) >= below and only_list and not listen & only_list


def _ranking(index: dict[str, Any], text: str) -> Ranking:
    return sharded_search(index["header"], index["shards"].__getitem__, text, len(index["ids"]))


def test_words_most_credentials_use_do_not_widen_a_need(real_index: dict[str, Any]) -> None:
    """Stop words, filler words and words most credentials hold ("students", "each") do not
    select: a need finds what its telling words alone find, with the same best match."""
    total = len(real_index["ids"])
    for query, required, telling in [
            ("my students don't listen to each other", ["listen"], "listen"),
            ("student collaboration", ["collaboration"], "collaboration"),
            ("students give each other feedback", ["feedback"], "feedback"),
            ("asking good questions", ["good questions"], "good questions")]:
        ranking = _ranking(real_index, query)
        assert ranking.required == required, query
        assert 0 < len(ranking.full) <= total // 2, query
        alone = _ranking(real_index, telling)
        assert {hit.ref for hit in ranking.shown} == {hit.ref for hit in alone.shown}, query
        assert ranking.shown[0].ref == alone.shown[0].ref, query
    listening = _ranking(real_index, "my students don't listen to each other")
    assert real_index["ids"][int(listening.full[0].ref)] == "active-listening"


def test_a_common_word_still_weighs_in_the_order(real_index: dict[str, Any]) -> None:
    """"team" is in most credentials' text, so it does not select; it still lifts teamwork."""
    alone, teams = _ranking(real_index, "project"), _ranking(real_index, "team project")
    assert teams.required == ["project"]
    assert {hit.ref for hit in teams.shown} == {hit.ref for hit in alone.shown}
    ids = real_index["ids"]
    rank = {name: [ids[int(hit.ref)] for hit in ranking.shown].index("productive-teamwork")
            for name, ranking in (("alone", alone), ("teams", teams))}
    assert rank["teams"] < 3 < rank["alone"]


def test_results_matching_every_word_come_first(real_index: dict[str, Any]) -> None:
    ranking = _ranking(real_index, "kind feedback")
    assert ranking.required == ["kind", "feedback"] and ranking.full and ranking.partial
    assert ranking.partly_shown == (len(ranking.full) < real_index["header"]["matching"]["partly_below"])
    ids = real_index["ids"]
    assert ids[int(ranking.full[0].ref)] == "kind-critiquing"
    apart = _ranking(real_index, "breathing debate")  # no credential has both: the partial ones show
    assert not apart.full and apart.partly_shown and apart.unknown == []
    # A word no credential holds is left out, and named, while another word finds something.
    nothing = _ranking(real_index, "feedback zzzxqv")
    assert nothing.required == ["feedback"] and nothing.unknown == ["zzzxqv"] and not nothing.partial
    assert [ids[int(hit.ref)] for hit in nothing.full] == _found(real_index, "feedback")
    alone = _ranking(real_index, "zzzxqv")
    assert alone.required == ["zzzxqv"] and alone.unknown == [] and not alone.shown


WORK_COLLABORATIVELY = {"collaborative-problem-solving", "productive-teamwork", "managing-project-cycles",
                        "resolving-conflicts", "effective-leadership", "getting-help-and-support",
                        "belonging-and-caring", "practicing-open-mindedness"}


def test_word_forms_and_synonyms_reach_the_credentials(real_index: dict[str, Any]) -> None:
    for query in ("collaboration", "collaborative", "cooperation", "teamwork"):
        assert set(_found(real_index, query)) >= WORK_COLLABORATIVELY, query
    critique = _found(real_index, "critique")  # Growth Mindset says "feedback", not "critique"
    assert critique[0] == "kind-critiquing" and "growth-mindset" in critique[:3]
    assert "evidence-backed-positions" in _found(real_index, "debate")[:2]
    assert "mindfulness" in _found(real_index, "anxiety")
    assert _found(real_index, "group work")[:2] == ["productive-teamwork", "collaborative-problem-solving"]


def test_a_possessive_finds_what_its_word_finds(real_index: dict[str, Any]) -> None:
    assert _found(real_index, "a listener's questions") == _found(real_index, "listener questions")
    assert _found(real_index, "the team\u2019s roles") == _found(real_index, "team roles") != []


def test_a_synonym_entry_ranks_first_without_narrowing_its_words(real_index: dict[str, Any]) -> None:
    """A typed entry of a group ("classroom discussion") finds its group first, then the
    credentials that hold its words but filler words, instead of the group's credentials only; a
    word most credentials hold does not widen it ("good questions" is not every "question")."""
    term = next(term for term, keys in real_index["header"]["synonyms"].items()
                if "classroom discuss" in keys)
    posting = dict(real_index["serialized"]["invertedIndex"])[term]
    group = {real_index["ids"][int(ref)] for field, refs in posting.items() if field != "_index"
             for ref in refs}
    entry = [real_index["ids"][int(hit.ref)] for hit in _ranking(real_index, "classroom discussion").full]
    filler = real_index["header"]["filler"]
    telling = [word for word in ("classroom", "discussion") if stem(word) not in filler]
    assert telling
    words = set.intersection(*(set(_found(real_index, word)) for word in telling))
    assert 0 < len(group) < len(entry) and set(entry[:len(group)]) == group
    assert set(entry) == group | words
    questions = _ranking(real_index, "good questions")
    assert 0 < len(questions.full) <= len(real_index["ids"]) // 2


def test_a_title_or_summary_hit_outranks_a_stray_mention(real_index: dict[str, Any]) -> None:
    assert _found(real_index, "feedback")[0] == "kind-critiquing"  # its title says "Critiquing"
    for query, first in [("listening", "active-listening"), ("leadership", "effective-leadership"),
                         ("reflection", "practicing-reflection"), ("conflict", "resolving-conflicts"),
                         ("research", "productive-researching")]:
        found = _found(real_index, query)
        assert found[0] == first and len(found) > 3, query


def test_lunr_js_is_taken_from_mkdocs(real_site: Path) -> None:
    shipped = (real_site / "assets" / "catalog" / "lunr.js").read_bytes()
    assert shipped == LUNR_JS.read_bytes()
    assert b"2.3.9" in shipped[:200]
    assert not (ROOT / "plugins" / "credential_catalog" / "theme" / "assets" / "catalog" / "lunr.js").exists()


def test_plain_words_find_the_matching_credentials(real_site: Path) -> None:
    ids = _ids(real_site)
    header = _store(real_site)["search"]
    for query, wanted in NEEDS.items():
        ranking = sharded_search(header, _shard(real_site), query, len(ids))
        top = {ids[int(hit.ref)] for hit in ranking.shown[:3]}
        assert wanted <= top, (query, top)


def _refs(hits: list[Any]) -> list[tuple[str, float]]:
    return [(hit["ref"], hit["score"]) if isinstance(hit, dict) else (hit.ref, hit.score) for hit in hits]


def test_search_py_and_browse_js_agree(real_site: Path) -> None:
    header = _store(real_site)["search"]
    total = len(_ids(real_site))
    run = subprocess.run(
        [NODE, "-e", NODE_SCRIPT, str(LUNR_JS), str(BROWSE_JS), str(real_site / STORE_URI),
         str(real_site / INDEX_DIR), json.dumps(QUERIES)],
        capture_output=True, text=True, check=True, timeout=120)
    from_js = json.loads(run.stdout)
    shards = [_shard(real_site)(n) for n in range(len(header["shards"]))]
    assert from_js["serialized"] == assemble(header, shards)
    for query, result in zip(QUERIES, from_js["results"], strict=True):
        assert result["units"] == query_units(header, query), query
        assert result["numbers"] == shards_for(header, needed_keys(header, query)), query
        ranking = sharded_search(header, shards.__getitem__, query, total)
        in_js = result["ranking"]
        assert in_js["required"] == ranking.required, query
        assert in_js["unknown"] == ranking.unknown, query
        assert in_js["partlyShown"] == ranking.partly_shown, query
        for part in ("full", "partial"):
            python = _refs(getattr(ranking, part))
            js = _refs(in_js[part])
            assert [ref for ref, _ in js] == [ref for ref, _ in python], (query, part)
            assert [score for _, score in js] == pytest.approx([score for _, score in python]), query
    assert sum(bool(result["ranking"]["full"]) for result in from_js["results"]) > len(QUERIES) / 2


STEMS_SCRIPT = """
const lunr = require(process.argv[1]);
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(words.map((w) => lunr.stemmer(new lunr.Token(w, {})).toString())));
"""


def test_the_index_is_stemmed_as_browse_js_stems_queries() -> None:
    """Every word of the catalog and of the relevance sets stems alike in terms.py (which builds
    the index) and in lunr.js (which browse.js uses on what visitors type)."""
    texts = [path.read_text(encoding="utf-8").lower() for path in (ROOT / "catalog").rglob("*.yml")]
    texts += [path.read_text(encoding="utf-8").lower() for path in RELEVANCE]
    words = sorted({word for text in texts for word in re.findall(r"[a-z]+", text)})
    run = subprocess.run([NODE, "-e", STEMS_SCRIPT, str(LUNR_JS)], input=json.dumps(words),
                         capture_output=True, text=True, check=True, timeout=60)
    in_js = dict(zip(words, json.loads(run.stdout), strict=True))
    assert len(words) > 2000 and "survey" in words and in_js["survey"] == "survey"
    assert {word: stem(word) for word in words} == in_js
