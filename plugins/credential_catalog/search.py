"""The credentials browse page's data: a lunr index built with lunr.py, in shards, and a compact
card store.

Documents are numbered by their position in the store, so the index refers to cards by a short
number. The index is cut into shards by the first two characters of each term (``shard``); a query
loads only the shards its words need, and ``assemble`` (mirrored in browse.js) turns the loaded
shards into lunr's own serialization, so lunr.py and lunr.js load the same thing. The store's
header also carries the query rules that ``query_units`` and ``search`` follow, and browse.js with
them: the clauses (``CLAUSES``), how words count (``MATCHING``) and the catalog's search words
(synonyms and filler words, see ``terms``).
"""

import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lunr import __TARGET_JS_VERSION__, lunr
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import stemmer
from lunr.token_set import TokenSet

from .cards import time
from .catalog import Catalog
from .graph import Graph
from .models import Credential, SearchWords
from .terms import Vocabulary, stem, vocabulary, words
from .vocabulary import ArtifactKind, Audience, label, values

INDEX_DIR = "assets/catalog/credentials-index/"
STORE_URI = "assets/catalog/credentials-store.json"
SHARD_POSTINGS = 2000
"""About this many postings per index shard; a shard always holds whole two-character keys."""

FIELD_BOOSTS: dict[str, int] = {"title": 10, "summary": 4, "keywords": 4, "needs": 1, "context": 2,
                                "body": 1}
"""Title, summary and keywords (a teacher's words for the need) rank highest; the context names
the credential's category, stacks and pathway steps; the needs that name the credential (many, in
teachers' words, see ``terms``) weigh as much as the body, which holds competency, key method,
components and criteria. The needs' weight was chosen on the reviewers' own needs, not on the
relevance sets."""

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
    "start": "Where to start",
}
GOOD_FIRST = ("good-first", "Good first credential")

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


def document(credential: Credential, ref: int, context: str = "", needs: list[str] | None = None
             ) -> dict[str, str]:
    parts = [credential.competency, credential.key_method]
    parts += [f"{c.name}. {c.explanation}" for c in credential.method_components]
    parts += [criterion for part in credential.submission.evidence
              for level in part.scoring_guide for criterion in level.criteria]
    return {"ref": str(ref), "title": credential.title, "summary": credential.summary,
            "keywords": ".\n".join(credential.keywords), "needs": ".\n".join(needs or []),
            "context": context, "body": _plain("\n".join(parts))}


def search_words(catalog: Catalog) -> Vocabulary:
    return vocabulary(list(catalog.of(SearchWords).values()))


def contexts(graph: Graph, credentials: list[Credential]) -> dict[str, str]:
    return {c.id: context(graph, c) for c in credentials}


def context(graph: Graph, credential: Credential) -> str:
    """Where the catalog places a credential, in its own words: its category and stacks (titles and
    summaries), and the pathway steps that list it."""
    links = graph.links[credential.id]
    category = graph.catalog.categories[credential.category]
    parts = [category.title, category.summary, *(f"{s.title}: {s.summary}" for s in links.stacks)]
    for place in links.pathways:
        step = place.pathway.steps[place.step - 1]
        parts.append(f"{place.pathway.title}: {step.title}" if step.title else place.pathway.title)
    return ".\n".join(parts)


def shard_key(term: str) -> str:
    """The shard a term belongs to: its first two characters."""
    return term[:2]


NO_WORDS = Vocabulary({}, frozenset())


def _documents(credentials: list[Credential], words: Vocabulary,
               contexts: dict[str, str] | None) -> list[dict[str, Any]]:
    """Each credential's fields as the terms ``Vocabulary.index_terms`` gives them."""
    return [{key: value if key == "ref" else words.index_terms(value) for key, value in
             document(c, i, (contexts or {}).get(c.id, ""), words.needs.get(c.id)).items()}
            for i, c in enumerate(credentials)]


def build_index(credentials: list[Credential], words: Vocabulary = NO_WORDS,
                contexts: dict[str, str] | None = None) -> dict[str, Any]:
    """lunr.py's own serialization of the credentials' index, which ``assemble`` rebuilds from the
    shards.

    Each field is handed to lunr.py as its terms, with an empty pipeline: one pass over the text
    instead of lunr's character-by-character tokenizer and a function call per word and stage."""
    if not credentials:  # lunr cannot build an index of nothing
        return {"version": __TARGET_JS_VERSION__, "fields": list(FIELD_BOOSTS), "fieldVectors": [],
                "invertedIndex": [], "pipeline": ["stemmer"]}
    fields = [{"field_name": name, "boost": boost} for name, boost in FIELD_BOOSTS.items()]
    builder = Builder()
    builder.search_pipeline.add(stemmer)  # what the serialization names; queries do not use it
    return lunr("ref", fields, _documents(credentials, words, contexts), builder=builder).serialize()


def shard(credentials: list[Credential], words: Vocabulary = NO_WORDS,
          contexts: dict[str, str] | None = None,
          size: int = SHARD_POSTINGS) -> tuple[dict[str, Any], list[Any]]:
    """The credentials' index, in shards of whole two-character keys of about ``size`` postings.

    Returns the search header and the shards. A shard lists its terms, and for each term and field
    the documents' numbers, delta coded, each followed by how often the term occurs there. The
    header holds the rest of what lunr's builder scores a term with (``assemble`` scores it): the
    fields and their boosts, BM25's two constants and each field's length in each document; and
    the lunr version and each shard's first key.
    """
    documents = _documents(credentials, words, contexts)
    fields = list(FIELD_BOOSTS)
    counts: dict[str, list[dict[int, int]]] = {}
    for number, doc in enumerate(documents):
        for f, field in enumerate(fields):
            for term in doc[field]:
                per_doc = counts.setdefault(term, [{} for _ in fields])[f]
                per_doc[number] = per_doc.get(number, 0) + 1
    shards: list[dict[str, list[Any]]] = []
    firsts: list[str] = []
    count = size
    for term in sorted(counts):
        if count >= size and (not firsts or shard_key(term) != shard_key(shards[-1]["terms"][-1])):
            shards.append({"terms": [], "postings": []})
            firsts.append(shard_key(term))
            count = 0
        per_field = []
        for per_doc in counts[term]:
            docs = sorted(per_doc)
            per_field.append([n for doc, delta in zip(docs, _deltas(docs), strict=True)
                              for n in (delta, per_doc[doc])])
            count += len(docs)
        shards[-1]["terms"].append(term)
        shards[-1]["postings"].append(per_field)
    if not shards:  # an empty catalog: one empty shard, so that every query finds nothing
        shards, firsts = [{"terms": [], "postings": []}], [""]
    builder = Builder()
    header = {"version": __TARGET_JS_VERSION__, "fields": fields, "boosts": list(FIELD_BOOSTS.values()),
              "bm25": [builder._k1, builder._b],
              "lengths": [[len(doc[field]) for doc in documents] for field in fields],
              "pipeline": ["stemmer"], "shards": firsts}
    return header, shards


def rules(words: Vocabulary = NO_WORDS) -> dict[str, Any]:
    """The query rules, in the store's header beside the index's: see ``query_units``."""
    return {"clauses": CLAUSES, "matching": MATCHING, **words.rules()}


def needed_keys(rules: dict[str, Any], text: str) -> set[str]:
    """The shard keys a query needs. A prefix clause (three letters or more) and a typo clause
    keep the first two letters, so typos are tolerated after them."""
    return {shard_key(term) for unit in query_units(rules, text) for clause in unit["clauses"]
            for term in clause.get("anyOf", [clause["term"]])}


def shards_for(header: dict[str, Any], keys: set[str]) -> list[int]:
    """Numbers of the shards that hold ``keys``, in order."""
    firsts: list[str] = header["shards"]
    return sorted({max(0, bisect_right(firsts, key) - 1) for key in keys})


def assemble(header: dict[str, Any], shards: list[dict[str, Any]],
             keys: set[str] | None = None) -> dict[str, Any]:
    """lunr's serialization of the terms in ``shards`` (in order) whose key is in ``keys`` (all
    when None), each term scored in each document as lunr's builder scores it (BM25, rounded to
    thousandths); browse.js does the same. Every score a query can reach is the full index's."""
    fields: list[str] = header["fields"]
    lengths: list[list[int]] = header["lengths"]
    k1, b = header["bm25"]
    total = len(lengths[0]) if lengths else 0
    averages = [sum(per_doc) / total if total else 0 for per_doc in lengths]
    inverted: list[list[Any]] = []
    vectors: dict[str, list[float]] = {}
    for part in shards:
        for term, per_field in zip(part["terms"], part["postings"], strict=True):
            if keys is not None and shard_key(term) not in keys:
                continue
            holding = sum(len(flat) // 2 for flat in per_field)
            idf = math.log(1 + abs((total - holding + 0.5) / (holding + 0.5)))
            number = len(inverted)
            posting: dict[str, Any] = {"_index": number}
            for f, (field, flat) in enumerate(zip(fields, per_field, strict=True)):
                docs = _undeltas(flat[0::2])
                posting[field] = {str(doc): {} for doc in docs}
                for doc, tf in zip(docs, flat[1::2], strict=True):
                    score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (lengths[f][doc] / averages[f])) + tf)
                    score *= header["boosts"][f]
                    vectors.setdefault(f"{field}/{doc}", []).extend(
                        (number, math.floor(score * 1000 + 0.5) / 1000))
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
    "synonym": {"boost": 6},
    "prefix": {"boost": 3, "shortest": 3},
    "partial": {"boost": 2, "shortest": 4, "drop": 3},
    "typo": {"boost": 1, "shortest": 5, "edits": 1},
}
"""How each typed word is searched: each clause's boost; the shortest typed word matched as a
prefix; the shortest prefix of a typed word tried as a stem and how many letters it may lack; the
shortest stem matched within ``edits`` typos."""

MATCHING: dict[str, float] = {"common": 0.5, "common_weight": 0.3, "partly_below": 5, "loose_below": 3,
                              "phrase_word_weight": 0.1}
"""How words count: a word found in more than ``common`` of all credentials ("students") is not
required, unless no word of the query is found in fewer, and counts in the ranking at
``common_weight`` of its boosts (as typed or through its synonyms); credentials that match only some of the
required words are shown, under their own heading, when fewer than ``partly_below`` match them all;
a word found as typed in fewer than ``loose_below`` credentials also finds near forms and typos
("clearly" finds "clear", while "listen" does not also find "list"); each word of a typed synonym
entry also finds itself, at ``phrase_word_weight`` of its boosts, so that the entry ranks first
without narrowing the query ("classroom discussion" finds its group, then what holds both words)."""


@dataclass(frozen=True)
class Ranking:
    """A query's results: ``full`` match every required word, ``partial`` some; best first."""

    required: list[str]
    """The typed words (or phrases) a result must match, in the order typed."""
    full: list[Hit]
    partial: list[Hit]
    partly_shown: bool
    unknown: list[str]
    """Typed words no credential holds, left out while others find something."""

    @property
    def shown(self) -> list[Hit]:
        return self.full + self.partial if self.partly_shown else self.full


def _word_clauses(clauses: dict[str, dict[str, int]], word: str, stemmed: str) -> list[dict[str, Any]]:
    exact, prefix, partial, typo = (clauses[name] for name in ("exact", "prefix", "partial", "typo"))
    found: list[dict[str, Any]] = [{"term": stemmed, "boost": exact["boost"]}]
    if len(word) >= prefix["shortest"]:
        found.append({"term": word, "boost": prefix["boost"], "wildcard": "trailing"})
    prefixes: list[str] = []
    shortest = max(partial["shortest"], len(word) - partial["drop"])
    for end in range(len(word) - 1, shortest - 1, -1):
        for term in (word[:end], stem(word[:end])):
            if term not in prefixes and term != stemmed:
                prefixes.append(term)
    if prefixes:
        found.append({"term": prefixes[0], "anyOf": prefixes, "boost": partial["boost"], "loose": True})
    if len(stemmed) >= typo["shortest"]:
        found.append({"term": stemmed, "boost": typo["boost"], "editDistance": typo["edits"],
                      "loose": True})
    return found


def query_units(rules: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """What a visitor typed, as the units a result is required to match, each with its clauses.

    Stop words are left out. A run of words that is a synonym entry ("group work") is found
    through its group's index term: each of its words (but filler words) is a unit that the group
    term or the word itself matches, the word at a small weight; then filler words are left out,
    and runs of the words left are looked up again ("asking good questions" holds "asking
    questions"). Any other word is searched for as its stem (exact), as typed (a prefix: a word
    still being typed), as the longest of its last few prefixes or their stems that the index
    holds (the index holds "mind" for "mindful", which "mindfu*" misses: :func:`search` picks the
    first that is a term of the index), within one typo, and through its synonym group if it has
    one. The last two clauses are loose: they
    count only for a word that few results match otherwise (``MATCHING["loose_below"]``):
    "listning" finds "listen", while "listen" does not also find "list".
    """
    clauses = rules["clauses"]
    phrases = {tuple(key.split(" ")): term for term, keys in rules["synonyms"].items() for key in keys}
    longest = max(map(len, phrases), default=1)
    filler = set(rules["filler"])

    def runs(found: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        """``found`` cut into the longest synonym entries of two words or more, and single words."""
        cut, i = [], 0
        while i < len(found):
            size = next((n for n in range(min(longest, len(found) - i), 1, -1)
                         if tuple(s for _, s in found[i:i + n]) in phrases), 1)
            cut.append(found[i:i + size])
            i += size
        return cut

    pieces: list[list[tuple[str, str]]] = []
    singles: list[tuple[str, str]] = []
    for run in [*runs(words(text)), []]:  # entries may hold filler words; then entries without them
        if len(run) != 1:
            pieces += runs(singles) + ([run] if run else [])
            singles = []
        elif run[0][1] not in filler:
            singles.append(run[0])
    units: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(typed: str, stemmed: str, unit: list[dict[str, Any]]) -> None:
        if stemmed not in seen:
            seen.add(stemmed)
            units.append({"typed": typed, "clauses": unit})

    weight = rules["matching"]["phrase_word_weight"]
    for piece in pieces:
        stemmed = tuple(s for _, s in piece)
        group = ({"term": phrases[stemmed], "boost": clauses["synonym"]["boost"]}
                 if stemmed in phrases else None)
        if len(piece) == 1:
            add(*piece[0], _word_clauses(clauses, *piece[0]) + ([group] if group else []))
            continue
        typed = " ".join(word for word, _ in piece)
        for word, stem_ in [pair for pair in piece if pair[1] not in filler] or piece:
            add(typed, stem_, [{**clause, "boost": clause["boost"] * weight, "phrase": True}
                              for clause in _word_clauses(clauses, word, stem_) if not clause.get("loose")]
                + [group])
    return units


def _lunr_query(index: Index, clauses: list[dict[str, Any]]) -> Query:
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
    return query


def _query(index: Index, clauses: list[dict[str, Any]]) -> list[Hit]:
    query = _lunr_query(index, clauses)
    return [Hit(match["ref"], match["score"]) for match in index.query(query)] if query.clauses else []


def _refs(index: Index, clauses: list[dict[str, Any]]) -> set[str]:
    """The documents ``clauses`` find, as lunr's query would, without scoring them: each clause's
    term expanded over the index's terms, and the documents of those terms in any field."""
    query = _lunr_query(index, clauses)
    return {ref for clause in query.clauses
            for term in index.token_set.intersect(TokenSet.from_clause(clause)).to_list()
            for field in clause.fields for ref in index.inverted_index[term][field]}


def _matching(index: Index, clauses: list[dict[str, Any]], fewer_than: float,
              common: float) -> tuple[set[str], bool]:
    """The results that match a unit, and whether its loose clauses count: they do when fewer than
    ``fewer_than`` results match its strict clauses. A word of a typed synonym entry selects only
    when no more than ``common`` results hold it ("good questions" finds its group, not every
    credential that asks a question)."""
    strict = _refs(index, [c for c in clauses if not c.get("loose") and not c.get("phrase")])
    said = _refs(index, [c for c in clauses if c.get("phrase")])
    if len(said) <= common:
        strict |= said
    if len(strict) >= fewer_than:
        return strict, False
    return strict | _refs(index, [c for c in clauses if c.get("loose")]), True


def _rounded(score: float) -> int:
    """A score in millionths, so that lunr.py's and lunr.js's last bits cannot reorder a tie."""
    return math.floor(score * 1e6 + 0.5)


def search(index: Index, rules: dict[str, Any], text: str, total: int) -> Ranking:
    """Rank what ``text`` finds among ``total`` credentials: results matching more of the required
    words first, then by lunr's score, then in store order. A word most credentials hold
    ("students", "team") does not select, unless no word is rarer, and weighs little in the score;
    a word no credential holds is left out, and named, when another word finds something."""
    units = query_units(rules, text)
    found = [_matching(index, unit["clauses"], rules["matching"]["loose_below"],
                       rules["matching"]["common"] * total) for unit in units]
    matched = [refs for refs, _ in found]
    known = [n for n, refs in enumerate(matched) if refs] or list(range(len(units)))
    rarest = min((len(matched[n]) for n in known), default=0)
    required = [n for n in known
                if len(matched[n]) <= rules["matching"]["common"] * total or len(matched[n]) == rarest]
    weight = rules["matching"]["common_weight"]
    hints = [{**clause, "boost": clause["boost"] * weight} for n in known if n not in required
             for clause in units[n]["clauses"] if not clause.get("loose")]
    hits = _query(index, [clause for n in required for clause in units[n]["clauses"]
                          if found[n][1] or not clause.get("loose")] + hints)
    ranked = sorted(((sum(hit.ref in matched[n] for n in required), hit) for hit in hits),
                    key=lambda pair: (-pair[0], -_rounded(pair[1].score), int(pair[1].ref)))
    full = [hit for count, hit in ranked if count == len(required)]
    partial = [hit for count, hit in ranked if 0 < count < len(required)]
    unknown = dict.fromkeys(units[n]["typed"] for n in range(len(units)) if n not in known)
    return Ranking(list(dict.fromkeys(units[n]["typed"] for n in required)), full, partial,
                   bool(partial) and len(full) < rules["matching"]["partly_below"], list(unknown))


def sharded_search(header: dict[str, Any], load: Callable[[int], dict[str, Any]],
                   text: str, total: int) -> Ranking:
    """Search as browse.js does: load only the shards the query needs, then search them."""
    keys = needed_keys(header, text)
    parts = [load(number) for number in shards_for(header, keys)] if keys else []
    return search(Index.load(assemble(header, parts, keys)), header, text, total)


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
        "start": [GOOD_FIRST],
    }
    chosen: list[dict[str, list[str]]] = []
    for credential in credentials:
        links = graph.links[credential.id]
        chosen.append({
            "category": [credential.category],
            "stack": [s.id for s in links.stacks],
            "pathway": sorted({p.pathway.id for p in links.pathways}),
            "evidence": credential.artifact_kinds,
            "standard": credential.standard_ids,
            "audience": list(credential.audience),
            "hours": [_hours_range(credential.estimated_hours)],
            "start": [GOOD_FIRST[0]] if credential.id in graph.good_first else [],
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
            "hours": [c.estimated_hours for c in credentials],
            "retired": [i for i, c in enumerate(credentials) if c.status == "retired"],
            "facets": facets}


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]


def facets(catalog: Catalog, graph: Graph) -> list[Facet]:
    """The browse page's filters as the page first shows them, each value with its count."""
    store = build_store(catalog, graph, ordered(catalog))
    return [Facet(name, facet["label"], [
        FacetValue(key, text, sum(slot in docs for docs in facet["docs"]))
        for slot, (key, text) in enumerate(facet["values"])]) for name, facet in store["facets"].items()]


def browse_files(catalog: Catalog, graph: Graph) -> dict[str, str]:
    """The browse page's data files, by site path: the card store (with the index's header) and
    the index shards, ``credentials-index/<number>.json``."""
    credentials = ordered(catalog)
    words = search_words(catalog)
    header, shards = shard(credentials, words, contexts(graph, credentials))
    store = {**build_store(catalog, graph, credentials), "search": {**header, **rules(words)}}
    files = {STORE_URI: _json(store)}
    files.update((f"{INDEX_DIR}{number}.json", _json(part)) for number, part in enumerate(shards))
    return files


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
