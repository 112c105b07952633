"""The credentials browse page's data: a lunr index built with lunr.py, in shards, and a compact
card store.

Documents are numbered by their position in the store, so the index refers to cards by a short
number. The index is cut into shards by the first two characters of each term (``shard``); a query
loads only the shards its words need, and ``assemble`` (mirrored in browse.js) turns the loaded
shards into lunr's own serialization, so lunr.py and lunr.js load the same thing. The store's
header also carries the query rules (``CLAUSES``) that ``query_clauses`` and browse.js follow.
"""

import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from lunr import __TARGET_JS_VERSION__, lunr
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import porter_stemmer, stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from .cards import time
from .catalog import Catalog
from .graph import Graph
from .models import Credential
from .vocabulary import ArtifactKind, Audience, label, values

INDEX_DIR = "assets/catalog/credentials-index/"
STORE_URI = "assets/catalog/credentials-store.json"
SHARD_POSTINGS = 2000
"""About this many postings per index shard; a shard always holds whole two-character keys."""

FIELD_BOOSTS: dict[str, int] = {"title": 10, "summary": 4, "body": 1}
"""Title and summary rank highest; the body holds competency, key method, components and criteria."""

HOUR_RANGES: tuple[tuple[float, str, str], ...] = (
    (10, "up-to-10", "10 hours or less"),
    (15, "10-to-15", "More than 10, up to 15 hours"),
    (20, "15-to-20", "More than 15, up to 20 hours"),
    (math.inf, "over-20", "More than 20 hours"),
)

FACETS: dict[str, str] = {
    "category": "Category",
    "stack": "Stack",
    "pathway": "Pathway",
    "evidence": "Evidence you submit",
    "standard": "Standard for Professional Learning",
    "audience": "Written for",
    "hours": "Estimated time",
}

_MARKUP = re.compile(r"[*_`]")


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float


def _plain(text: str) -> str:
    return _MARKUP.sub("", text)


def ordered(catalog: Catalog) -> list[Credential]:
    """Credentials in store order: by title."""
    return sorted(catalog.credentials.values(), key=lambda c: c.title.casefold())


def document(credential: Credential, ref: int) -> dict[str, str]:
    parts = [credential.competency, credential.key_method]
    parts += [f"{c.name}. {c.explanation}" for c in credential.method_components]
    parts += [criterion for part in credential.submission.evidence
              for level in part.scoring_guide for criterion in level.criteria]
    return {"ref": str(ref), "title": credential.title, "summary": credential.summary,
            "body": _plain("\n".join(parts))}


def shard_key(term: str) -> str:
    """The shard a term belongs to: its first two characters."""
    return term[:2]


def build_index(credentials: list[Credential]) -> dict[str, Any]:
    """lunr's own serialization of the credentials' index (scores not yet rounded)."""
    if not credentials:  # lunr cannot build an index of nothing
        return {"version": __TARGET_JS_VERSION__, "fields": list(FIELD_BOOSTS), "fieldVectors": [],
                "invertedIndex": [], "pipeline": ["stemmer"]}
    fields = [{"field_name": name, "boost": boost} for name, boost in FIELD_BOOSTS.items()]
    return lunr("ref", fields, [document(c, i) for i, c in enumerate(credentials)],
                builder=_builder()).serialize()


@cache
def _stem(word: str) -> str:
    return str(porter_stemmer.stem(word))


def _cached_stemmer(token: Any, i: int | None = None, tokens: Any = None) -> Any:
    return token.update(lambda word, metadata: _stem(word))


# The same Porter stemmer under lunr's registered name, remembered per word: a catalog repeats
# its vocabulary in every credential, and stemming was most of the time spent indexing.
_cached_stemmer.label = "stemmer"  # type: ignore[attr-defined]


def _builder() -> Builder:
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, _cached_stemmer)
    builder.search_pipeline.add(_cached_stemmer)
    return builder


def shard(serialized: dict[str, Any], size: int = SHARD_POSTINGS) -> tuple[dict[str, Any], list[Any]]:
    """Split a serialized index into shards of whole two-character keys, about ``size`` postings each.

    Returns the search header (lunr version, fields, pipeline and each shard's first key) and the
    shards. A shard lists its terms, and for each term and field the documents' numbers, delta
    coded, each followed by that document's score for the term in hundredths: a field vector is
    the set of its document's scores, so it is rebuilt from whichever shards are loaded.
    """
    fields: list[str] = serialized["fields"]
    entries = serialized["invertedIndex"]
    position = {posting["_index"]: number for number, (_, posting) in enumerate(entries)}
    score: dict[tuple[int, str, int], int] = {}
    for key, pairs in serialized["fieldVectors"]:
        field, ref = key.split("/", 1)
        for i in range(0, len(pairs), 2):
            score[position[pairs[i]], field, int(ref)] = round(pairs[i + 1] * 100)
    shards: list[dict[str, list[Any]]] = []
    firsts: list[str] = []
    count = size
    for number, (term, posting) in enumerate(entries):
        if count >= size and (not firsts or shard_key(term) != shard_key(shards[-1]["terms"][-1])):
            shards.append({"terms": [], "postings": []})
            firsts.append(shard_key(term))
            count = 0
        per_field = []
        for field in fields:
            docs = sorted(int(ref) for ref in posting[field])
            flat: list[int] = []
            for doc, delta in zip(docs, _deltas(docs), strict=True):
                flat += [delta, score[number, field, doc]]
            per_field.append(flat)
            count += len(docs)
        shards[-1]["terms"].append(term)
        shards[-1]["postings"].append(per_field)
    if not shards:  # an empty catalog: one empty shard, so that every query finds nothing
        shards, firsts = [{"terms": [], "postings": []}], [""]
    header = {"version": serialized["version"], "fields": fields,
              "pipeline": serialized["pipeline"], "shards": firsts, "clauses": CLAUSES}
    return header, shards


def needed_keys(text: str) -> set[str]:
    """The shard keys a query needs. A prefix clause (three letters or more) and a typo clause
    keep the first two letters, so typos are tolerated after them."""
    return {shard_key(term) for clause in query_clauses(text)
            for term in clause.get("anyOf", [clause["term"]])}


def shards_for(header: dict[str, Any], keys: set[str]) -> list[int]:
    """Numbers of the shards that hold ``keys``, in order."""
    firsts: list[str] = header["shards"]
    return sorted({max(0, bisect_right(firsts, key) - 1) for key in keys})


def assemble(header: dict[str, Any], shards: list[dict[str, Any]],
             keys: set[str] | None = None) -> dict[str, Any]:
    """lunr's serialization of the terms in ``shards`` (in order) whose key is in ``keys`` (all
    when None); browse.js does the same. Every score a query can reach is the full index's."""
    fields: list[str] = header["fields"]
    inverted: list[list[Any]] = []
    vectors: dict[str, list[float]] = {}
    for part in shards:
        for term, per_field in zip(part["terms"], part["postings"], strict=True):
            if keys is not None and shard_key(term) not in keys:
                continue
            number = len(inverted)
            posting: dict[str, Any] = {"_index": number}
            for field, flat in zip(fields, per_field, strict=True):
                docs = _undeltas(flat[0::2])
                posting[field] = {str(doc): {} for doc in docs}
                for doc, value in zip(docs, flat[1::2], strict=True):
                    vectors.setdefault(f"{field}/{doc}", []).extend((number, value / 100))
            inverted.append([term, posting])
    return {"version": header["version"], "fields": fields,
            "fieldVectors": [[key, elements] for key, elements in vectors.items()],
            "invertedIndex": inverted, "pipeline": header["pipeline"]}


def _deltas(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers], strict=False)]


def _undeltas(deltas: list[int]) -> list[int]:
    total, out = 0, []
    for delta in deltas:
        total += delta
        out.append(total)
    return out


CLAUSES: dict[str, dict[str, int]] = {
    "exact": {"boost": 10},
    "prefix": {"boost": 3, "shortest": 3},
    "partial": {"boost": 2, "shortest": 4, "drop": 3},
    "typo": {"boost": 1, "shortest": 5, "edits": 1},
}
"""The query rules, which travel to browse.js in the store's header: each clause's boost; the
shortest typed word matched as a prefix; the shortest prefix of a typed word tried as a stem and
how many letters it may lack; the shortest stem matched within ``edits`` typos."""


def query_clauses(text: str) -> list[dict[str, Any]]:
    """The clauses browse.js builds for what a visitor typed: exact, prefix and typo-tolerant.

    Each word is trimmed, stop words dropped and stemmed for the exact clause; the typed form is
    also matched as a prefix (a word still being typed) and the stem within one edit (a typo).
    The index holds stems, which can be shorter than a word being typed ("mindfu" on the way to
    "mindful", stem "mind"), so a clause also lists the word's last few prefixes and their stems,
    longest first: :func:`search` uses the first that is a term of the index.
    """
    exact, prefix, partial, typo = (CLAUSES[name] for name in ("exact", "prefix", "partial", "typo"))
    clauses: list[dict[str, Any]] = []
    for token in Tokenizer(text):
        kept = stop_word_filter(trimmer(token))
        if kept is None or not str(kept):
            continue
        word = str(kept)
        stem = str(stemmer(kept.clone()))
        clauses.append({"term": stem, "boost": exact["boost"]})
        if len(word) >= prefix["shortest"]:
            clauses.append({"term": word, "boost": prefix["boost"], "wildcard": "trailing"})
        prefixes: list[str] = []
        shortest = max(partial["shortest"], len(word) - partial["drop"])
        for end in range(len(word) - 1, shortest - 1, -1):
            for term in (word[:end], _stem(word[:end])):
                if term not in prefixes and term != stem:
                    prefixes.append(term)
        if prefixes:
            clauses.append({"term": prefixes[0], "anyOf": prefixes, "boost": partial["boost"]})
        if len(stem) >= typo["shortest"]:
            clauses.append({"term": stem, "boost": typo["boost"], "editDistance": typo["edits"]})
    return clauses


def search(index: Index, text: str) -> list[Hit]:
    clauses = query_clauses(text)
    if not clauses:
        return []
    query = index.create_query()
    for clause in clauses:
        term = clause["term"]
        if "anyOf" in clause:
            term = next((t for t in clause["anyOf"] if t in index.inverted_index), None)
            if term is None:
                continue
        wildcard = Query.WILDCARD_TRAILING if clause.get("wildcard") else Query.WILDCARD_NONE
        query.term(term, use_pipeline=False, boost=clause["boost"], wildcard=wildcard,
                   edit_distance=clause.get("editDistance", 0))
    return [Hit(match["ref"], match["score"]) for match in index.query(query)]


def sharded_search(header: dict[str, Any], load: Callable[[int], dict[str, Any]],
                   text: str) -> list[Hit]:
    """Search as browse.js does: load only the shards the query needs, then search them."""
    keys = needed_keys(text)
    if not keys:
        return []
    parts = [load(number) for number in shards_for(header, keys)]
    return search(Index.load(assemble(header, parts, keys)), text)


def _hours_range(hours: float) -> str:
    return next(key for bound, key, _ in HOUR_RANGES if hours <= bound)


def build_store(catalog: Catalog, graph: Graph, credentials: list[Credential]) -> dict[str, Any]:
    """Card text and facet values, one array per column; each facet lists only values in use and
    gives each credential's values as numbers into that list."""
    vocabularies: dict[str, list[tuple[str, str]]] = {
        "category": [(c.id, c.title) for c in catalog.categories.values()],
        "stack": sorted(((s.id, s.title) for s in catalog.stacks.values()), key=lambda v: v[1]),
        "pathway": sorted(((p.id, p.title) for p in catalog.pathways.values()), key=lambda v: v[1]),
        "evidence": [(kind, label(kind)) for kind in values(ArtifactKind)],
        "standard": [(s.id, s.title) for s in catalog.standards.values()],
        "audience": [(a, label(a)) for a in values(Audience)],
        "hours": [(key, text) for _, key, text in HOUR_RANGES],
    }
    chosen: list[dict[str, list[str]]] = []
    for credential in credentials:
        links = graph.links[credential.id]
        chosen.append({
            "category": [credential.category],
            "stack": [s.id for s in links.stacks],
            "pathway": sorted({p.pathway.id for p in links.pathways}),
            "evidence": credential.artifact_kinds,
            "standard": list(credential.standards),
            "audience": list(credential.audience),
            "hours": [_hours_range(credential.estimated_hours)],
        })
    facets: dict[str, Any] = {}
    for name, title in FACETS.items():
        used = [[key, text] for key, text in vocabularies[name]
                if any(key in picked[name] for picked in chosen)]
        slot = {value[0]: i for i, value in enumerate(used)}
        facets[name] = {"label": title, "values": used,
                        "docs": [[slot[key] for key in picked[name]] for picked in chosen]}
    return {"ids": [c.id for c in credentials], "titles": [c.title for c in credentials],
            "summaries": [c.summary for c in credentials],
            "times": [time(c.estimated_hours) for c in credentials],
            "retired": [i for i, c in enumerate(credentials) if c.status == "retired"],
            "facets": facets}


def browse_files(catalog: Catalog, graph: Graph) -> dict[str, str]:
    """The browse page's data files, by site path: the card store (with the index's header) and
    the index shards, ``credentials-index/<number>.json``."""
    credentials = ordered(catalog)
    header, shards = shard(build_index(credentials))
    store = {**build_store(catalog, graph, credentials), "search": header}
    files = {STORE_URI: _json(store)}
    files.update((f"{INDEX_DIR}{number}.json", _json(part)) for number, part in enumerate(shards))
    return files


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
