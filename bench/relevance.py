"""How well the browse page's search answers teachers: precision@3 and recall@10 over the relevance
sets in tests/data/, by the search itself run on a built site's store and index shards (search.py,
which tests/test_search_index.py shows to rank exactly as browse.js does).

For a query with relevant credentials R and the results the page shows, in order:

- precision@3 is the share of the first three results that are in R, out of min(3, |R|) (a
  query with one right answer scores 1 when that answer is among the first three);
- recall@10 is the share of R found in the first ten results, out of min(10, |R|).

Each is averaged over the queries of a set.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from credential_catalog.search import INDEX_DIR, STORE_URI, sharded_search

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = {"tuned": DATA / "relevance.yml", "held_out": DATA / "relevance-held-out.yml"}
"""The set the search was tuned on, and the set written afterwards and kept out of tuning."""
PRECISION_AT = 3
RECALL_AT = 10


@dataclass(frozen=True)
class Case:
    query: str
    relevant: frozenset[str]


def cases(path: Path) -> list[Case]:
    return [Case(item["query"], frozenset(item["relevant"]))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def precision(found: list[str], relevant: frozenset[str], k: int = PRECISION_AT) -> float:
    return len(set(found[:k]) & relevant) / min(k, len(relevant))


def recall(found: list[str], relevant: frozenset[str], k: int = RECALL_AT) -> float:
    return len(set(found[:k]) & relevant) / min(k, len(relevant))


class Searcher:
    """The browse page's search over a built site's data files."""

    def __init__(self, site: Path) -> None:
        store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
        self.ids: list[str] = store["ids"]
        self.header: dict[str, Any] = store["search"]
        self.shards = [json.loads((site / INDEX_DIR / f"{n}.json").read_text(encoding="utf-8"))
                       for n in range(len(self.header["shards"]))]

    def shown(self, query: str) -> list[str]:
        ranking = sharded_search(self.header, self.shards.__getitem__, query, len(self.ids))
        return [self.ids[int(hit.ref)] for hit in ranking.shown]


def measure_set(searcher: Searcher, path: Path) -> dict[str, Any]:
    rows = []
    for case in cases(path):
        found = searcher.shown(case.query)
        rows.append({"query": case.query, "precision": precision(found, case.relevant),
                     "recall": recall(found, case.relevant), "first": found[:PRECISION_AT]})
    return {"queries": len(rows),
            "precision": sum(row["precision"] for row in rows) / len(rows),
            "recall": sum(row["recall"] for row in rows) / len(rows), "rows": rows}


def measure(site: Path) -> dict[str, Any]:
    searcher = Searcher(site)
    return {name: measure_set(searcher, path) for name, path in SETS.items()}
