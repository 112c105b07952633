"""``python -m bench.quality``: how well the browse page answers (relevance) and loads (Lighthouse),
on the real catalog, without the build benchmark; rewrites only that part of the report.

`make bench` measures the same as part of the whole benchmark; `make quality` runs this alone.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from . import lighthouse, relevance
from .generate import REPO
from .measure import timed
from .report import write_quality


def measure(site: Path, lighthouse_bin: Path | None, runs: int) -> dict[str, Any]:
    found: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "cores": len(os.sched_getaffinity(0)),
                             "relevance": relevance.measure(site)}
    if lighthouse_bin is not None:
        found["lighthouse"] = lighthouse.audit(site, lighthouse_bin, runs)
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    p.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    p.add_argument("--lighthouse", type=Path, help="the lighthouse command (without it: relevance only)")
    p.add_argument("--runs", type=int, default=5, help="Lighthouse runs per form factor")
    p.add_argument("--report", type=Path, help="also update this Markdown report's quality part")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    site = args.out / "real-site"
    timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], REPO)
    quality = measure(site, args.lighthouse, args.runs)
    (args.out / "quality.json").write_text(json.dumps(quality, indent=2), encoding="utf-8")
    write_quality(quality, args.out / "quality.md")
    if args.report:
        write_quality(quality, args.report, splice=True)
    print((args.out / "quality.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
