"""Relevance: the browse page's search, run on the real site's data files, against the teacher
queries of tests/data/ (definitions in bench/relevance.py; search.py ranks as browse.js does, see
test_search_index.py)."""

from pathlib import Path
from typing import Any

import pytest
from bench.relevance import SETS, cases, measure, precision, recall

from credential_catalog.loader import load_catalog

from .conftest import ROOT

PRECISION_TARGET = 0.9
RECALL_TARGET = 0.8
HELD_OUT_FLOOR = 0.85
"""The held-out set is never tuned on; this only stops a change that loses what it reached (0.89)."""


@pytest.fixture(scope="module")
def measured(real_site: Path) -> dict[str, Any]:
    return measure(real_site)


def test_the_sets_are_well_formed() -> None:
    credentials = set(load_catalog(ROOT / "catalog").credentials)
    queries = {name: [case.query for case in cases(path)] for name, path in SETS.items()}
    assert len(queries["tuned"]) >= 40 and len(queries["held_out"]) >= 20
    assert all(len(set(found)) == len(found) for found in queries.values())
    assert not set(queries["tuned"]) & set(queries["held_out"])
    for path in SETS.values():
        for case in cases(path):
            assert case.relevant and case.relevant <= credentials, case


def test_the_measures_count_what_they_say() -> None:
    relevant = frozenset({"a", "b"})
    assert precision(["a", "x", "b", "c"], relevant) == 1.0  # both right answers in the first three
    assert precision(["x", "y", "a"], frozenset({"a"})) == 1.0
    assert precision(["x", "a", "y", "b"], frozenset({"a", "b", "c", "d"})) == pytest.approx(1 / 3)
    assert recall(["x"] * 9 + ["a", "b"], relevant) == 0.5
    assert recall([], relevant) == 0.0


def test_recall_at_10_meets_the_target(measured: dict[str, Any]) -> None:
    tuned = measured["tuned"]
    weakest = sorted(tuned["rows"], key=lambda row: row["recall"])[:5]
    assert tuned["recall"] >= RECALL_TARGET, weakest


def test_precision_at_3_meets_the_target(measured: dict[str, Any]) -> None:
    tuned = measured["tuned"]
    weakest = sorted(tuned["rows"], key=lambda row: row["precision"])[:5]
    assert tuned["precision"] >= PRECISION_TARGET, weakest


def test_the_held_out_set_keeps_what_it_reached(measured: dict[str, Any]) -> None:
    held_out = measured["held_out"]
    weakest = sorted(held_out["rows"], key=lambda row: row["precision"])[:5]
    assert held_out["precision"] >= HELD_OUT_FLOOR, weakest
    assert held_out["recall"] >= RECALL_TARGET
