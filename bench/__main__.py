"""``python -m bench``: build synthetic catalogs and the same pages in plain Material, side by side.

For each N the catalog and the plain project are built alternately ``--repeat`` times, each build in
its own process; the report gives medians. Outputs go to ``--out`` (bench/out/ by default).
"""

import argparse
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import measure, quality, search
from .generate import REPO, write_projects
from .report import write_report


def _machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    import material
    import mkdocs

    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_mb": memory,
            "python": platform.python_version(), "system": platform.platform(terse=True),
            "mkdocs": mkdocs.__version__, "material": material.__version__,
            "date": time.strftime("%Y-%m-%d")}


def _median(runs: list[measure.Run]) -> dict[str, float]:
    return {"seconds": statistics.median(r.seconds for r in runs),
            "cpu_seconds": statistics.median(r.cpu_seconds for r in runs),
            "peak_mb": statistics.median(r.peak_mb for r in runs),
            "runs": [round(r.seconds, 3) for r in runs]}  # type: ignore[dict-item]


def _profile(project: Path, out: Path, lines: int = 25) -> str:
    stats_file = out / "profile.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs",
                    "build", "--quiet"], cwd=project, env=measure.ENV, check=True,
                   stdout=subprocess.DEVNULL)
    text = out / "profile.txt"
    with text.open("w", encoding="utf-8") as stream:
        stats = pstats.Stats(str(stats_file), stream=stream)
        stats.strip_dirs().sort_stats("cumulative").print_stats(lines)
    return text.read_text(encoding="utf-8")


def run_size(n: int, repeat: int, out: Path, browser_max: int) -> dict[str, Any]:
    root = out / str(n)
    started = time.perf_counter()
    catalog, plain = write_projects(n, root)
    result: dict[str, Any] = {"n": n, "generate_seconds": time.perf_counter() - started}
    runs: dict[str, list[measure.Run]] = {"catalog": [], "plain": [], "validate": []}
    for round_ in range(repeat):
        runs["validate"].append(measure.validate(catalog))
        order = [("catalog", catalog), ("plain", plain)]
        for name, project in order if round_ % 2 == 0 else order[::-1]:
            runs[name].append(measure.build(project))
            print(f"N={n} {name} #{round_ + 1}: {runs[name][-1].seconds:.1f} s", flush=True)
    for name, project in (("catalog", catalog), ("plain", plain)):
        size, files = measure.tree_bytes(project / "site")
        result[name] = {**_median(runs[name]), "bytes": size, "files": files,
                        "search": measure.search_bytes(project / "site")}
        if n <= browser_max:
            result[name]["browser"] = search.material_search(project / "site")
    result["browse"] = search.browse_download(catalog / "site")
    if n <= browser_max:
        result["browse"]["browser"] = search.browse_search(catalog / "site")
    result["validate"] = _median(runs["validate"])
    result["ratio"] = result["catalog"]["seconds"] / result["plain"]["seconds"]
    result["cpu_ratio"] = result["catalog"]["cpu_seconds"] / result["plain"]["cpu_seconds"]
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[40, 1000, 10000])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    p.add_argument("--browser-max", type=int, default=1000,
                   help="time search in Chromium for sizes up to this N (0: never)")
    p.add_argument("--profile", type=int, default=0, help="profile the catalog build at this N")
    p.add_argument("--report", type=Path, help="also update this Markdown report, e.g. "
                   "docs/performance.md, and write its chart next to it")
    p.add_argument("--lighthouse", type=Path, help="the lighthouse command, to audit the real "
                   "catalog's browse page (without it: relevance only)")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": _machine(), "repeat": args.repeat, "sizes": []}
    real = [measure.timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                           str(args.out / "real-site")], REPO) for _ in range(args.repeat)]
    results["real"] = _median(real)
    print(f"real catalog: {results['real']['seconds']:.1f} s", flush=True)
    results["quality"] = quality.measure(args.out / "real-site", args.lighthouse, runs=5)
    for n in args.sizes:
        results["sizes"].append(run_size(n, args.repeat, args.out, args.browser_max))
    if args.profile:
        results["profile"] = {"n": args.profile,
                              "text": _profile(args.out / str(args.profile) / "catalog", args.out)}
    (args.out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    write_report(results, args.out / "report.md", args.out / "chart.svg")
    if args.report:
        write_report(results, args.report, args.report.with_suffix(".svg"), splice=True)
    print((args.out / "report.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
