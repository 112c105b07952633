"""The credentials browse page's data: a lunr index built with lunr.py and a compact card store.

Documents are numbered by their position in the store, so the index refers to cards by a short
number. The index travels in a packed form (``pack``): term indexes are implied by the sorted term
list, postings are delta-coded document numbers and field vectors hold only their scores, in
hundredths. ``unpack`` (mirrored in browse.js) restores lunr's own serialization, and the
canonical index is the one that survives a round trip, so lunr.py and lunr.js load the same thing.
"""

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from lunr import lunr
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from .catalog import Catalog
from .graph import Graph
from .models import Credential
from .vocabulary import ArtifactKind, Audience, label, values

INDEX_URI = "assets/catalog/credentials-index.json"
STORE_URI = "assets/catalog/credentials-store.json"

FIELD_BOOSTS: dict[str, int] = {"title": 10, "summary": 4, "body": 1}
"""Title and summary rank highest; the body holds competency, key method, components and criteria."""

HOUR_RANGES: tuple[tuple[float, str, str], ...] = (
    (10, "up-to-10", "10 hours or less"),
    (15, "10-to-15", "More than 10, up to 15 hours"),
    (20, "15-to-20", "More than 15, up to 20 hours"),
    (math.inf, "over-20", "More than 20 hours"),
)

COLUMNS = ("id", "title", "summary", "retired", "estimated_hours", "category", "stack", "pathway",
           "evidence", "standard", "audience", "hours")
"""The order of the values in each store row; the last seven are indexes into ``facets``."""

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


def build_index(credentials: list[Credential]) -> dict[str, Any]:
    """lunr's serialized index of the credentials, in canonical (round-tripped) form."""
    fields = [{"field_name": name, "boost": boost} for name, boost in FIELD_BOOSTS.items()]
    index = lunr("ref", fields, [document(c, i) for i, c in enumerate(credentials)])
    return unpack(pack(index.serialize()))


def pack(serialized: dict[str, Any]) -> dict[str, Any]:
    fields: list[str] = serialized["fields"]
    entries = serialized["invertedIndex"]
    position = {posting["_index"]: number for number, (_, posting) in enumerate(entries)}
    refs = sorted({ref for _, posting in entries for f in fields for ref in posting[f]}, key=int)
    postings = []
    for _, posting in entries:
        postings.append([_deltas(sorted(int(ref) for ref in posting[f])) for f in fields])
    vectors = dict(serialized["fieldVectors"])
    scores = []
    for field in fields:
        for ref in refs:
            pairs = vectors.get(f"{field}/{ref}", [])
            by_term = sorted((position[pairs[i]], pairs[i + 1]) for i in range(0, len(pairs), 2))
            scores.append([round(score * 100) for _, score in by_term])
    return {"version": serialized["version"], "fields": fields, "pipeline": serialized["pipeline"],
            "refs": [int(ref) for ref in refs], "terms": [term for term, _ in entries],
            "postings": postings, "scores": scores}


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    fields: list[str] = packed["fields"]
    refs = [str(ref) for ref in packed["refs"]]
    inverted: list[list[Any]] = []
    terms_of: dict[str, list[int]] = {}
    for number, (term, per_field) in enumerate(zip(packed["terms"], packed["postings"], strict=True)):
        posting: dict[str, Any] = {"_index": number}
        for field, deltas in zip(fields, per_field, strict=True):
            docs = _undeltas(deltas)
            posting[field] = {str(doc): {} for doc in docs}
            for doc in docs:
                terms_of.setdefault(f"{field}/{doc}", []).append(number)
        inverted.append([term, posting])
    vectors: list[list[Any]] = []
    rows = iter(packed["scores"])
    for field in fields:
        for ref in refs:
            key = f"{field}/{ref}"
            elements: list[float] = []
            for term, score in zip(terms_of.get(key, []), next(rows), strict=True):
                elements += [term, score / 100]
            vectors.append([key, elements])
    return {"version": packed["version"], "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": packed["pipeline"]}


def _deltas(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers], strict=False)]


def _undeltas(deltas: list[int]) -> list[int]:
    total, out = 0, []
    for delta in deltas:
        total += delta
        out.append(total)
    return out


def query_clauses(text: str) -> list[dict[str, Any]]:
    """The clauses browse.js builds for what a visitor typed: exact, prefix and typo-tolerant.

    Each word is trimmed, stop words dropped and stemmed for the exact clause; the typed form is
    also matched as a prefix (a word still being typed) and the stem within one edit (a typo).
    """
    clauses: list[dict[str, Any]] = []
    for token in Tokenizer(text):
        kept = stop_word_filter(trimmer(token))
        if kept is None or not str(kept):
            continue
        word = str(kept)
        stem = str(stemmer(kept.clone()))
        clauses.append({"term": stem, "boost": 10})
        if len(word) >= 3:
            clauses.append({"term": word, "boost": 3, "wildcard": "trailing"})
        if len(stem) >= 5:
            clauses.append({"term": stem, "boost": 1, "editDistance": 1})
    return clauses


def search(index: Index, text: str) -> list[Hit]:
    clauses = query_clauses(text)
    if not clauses:
        return []
    query = index.create_query()
    for clause in clauses:
        wildcard = Query.WILDCARD_TRAILING if clause.get("wildcard") else Query.WILDCARD_NONE
        query.term(clause["term"], use_pipeline=False, boost=clause["boost"], wildcard=wildcard,
                   edit_distance=clause.get("editDistance", 0))
    return [Hit(match["ref"], match["score"]) for match in index.query(query)]


def _hours_range(hours: float) -> str:
    return next(key for bound, key, _ in HOUR_RANGES if hours <= bound)


def build_store(catalog: Catalog, graph: Graph, credentials: list[Credential]) -> dict[str, Any]:
    """Card text and facet values for every credential; each facet lists only values in use."""
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
    facets = {name: {"label": title, "values": [[key, text] for key, text in vocabularies[name]
                                                 if any(key in picked[name] for picked in chosen)]}
              for name, title in FACETS.items()}
    slot = {name: {v[0]: i for i, v in enumerate(facets[name]["values"])} for name in FACETS}
    rows = []
    for credential, picked in zip(credentials, chosen, strict=True):
        row: list[Any] = [credential.id, credential.title, credential.summary,
                          1 if credential.status == "retired" else 0, credential.estimated_hours]
        rows.append(row + [[slot[name][key] for key in picked[name]] for name in FACETS])
    return {"columns": list(COLUMNS), "facets": facets, "rows": rows}


def browse_files(catalog: Catalog, graph: Graph) -> dict[str, str]:
    """The browse page's data files, by site path: the packed index and the card store."""
    credentials = ordered(catalog)
    index = pack(build_index(credentials))
    store = build_store(catalog, graph, credentials)
    return {INDEX_URI: _json(index), STORE_URI: _json(store)}


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
