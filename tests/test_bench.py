"""Smoke run of the benchmark at N = 200, one build each (the full run is `make bench`)."""

import json
from pathlib import Path

from bench.__main__ import main


def test_bench_smoke_run(tmp_path: Path) -> None:
    assert main(["--sizes", "200", "--repeat", "1", "--out", str(tmp_path),
                 "--browser-max", "0"]) == 0
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    [size] = results["sizes"]
    assert size["n"] == 200
    assert size["catalog"]["seconds"] > 0 and size["plain"]["seconds"] > 0
    assert size["catalog"]["search"]["material_gzip"] > 0
    assert 0 < size["browse"]["store_gzip"] < size["browse"]["first_result_median"]
    for name in ("catalog", "plain"):
        site = tmp_path / "200" / name / "site"
        assert len(list((site / "credentials").glob("*/index.html"))) == 200, name
        variant = (site / "credentials" / "active-listening-v4" / "index.html").read_text("utf-8")
        assert "<h1" in variant and "Active Listening: " in variant
    assert "<svg" in (tmp_path / "chart.svg").read_text(encoding="utf-8")
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| 200 | catalog |" in report
    relevance = results["quality"]["relevance"]
    assert relevance["tuned"]["queries"] >= 40 and 0 < relevance["tuned"]["recall"] <= 1
    assert f"| recall@10 ≥ 0.8 ({relevance['tuned']['queries']} teacher queries) |" in report
    assert "Lighthouse mobile: performance ≥ 90 | not run |" in report
