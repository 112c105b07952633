"""Lighthouse on a built site's page, mobile and desktop, served gzipped as a web server would serve
it. Lighthouse comes from npm (package-lock.json, `make node`) and drives Debian's Chromium; each
form factor runs several times and the run with the median performance score is kept, as
Lighthouse's documentation advises for scores that vary from run to run."""

import contextlib
import gzip
import http.server
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, serve

PAGE = "credentials/"
METRICS = {"first-contentful-paint": "fcp_ms", "largest-contentful-paint": "lcp_ms",
           "total-blocking-time": "tbt_ms", "cumulative-layout-shift": "cls",
           "speed-index": "speed_index_ms"}
_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def _handler(site: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Gzipped(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

        def send_head(self) -> Any:
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if not path.is_file() or path.suffix not in _COMPRESSED \
                    or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)

    return Gzipped


def gzip_server(site: Path) -> contextlib.AbstractContextManager[str]:
    """``site`` served gzipped, as a web server would serve it; yields the base URL."""
    return serve(site, handler=_handler(site))


def _run(lighthouse: Path, url: str, desktop: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [str(lighthouse), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
             *(["--preset=desktop"] if desktop else [])],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        found = json.loads(report.read_text(encoding="utf-8"))
    if found.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {found['runtimeError']['code']}")
    audits = found["audits"]
    return {"performance": found["categories"]["performance"]["score"] * 100,
            "accessibility": found["categories"]["accessibility"]["score"] * 100,
            **{key: audits[name]["numericValue"] for name, key in METRICS.items()},
            "lighthouse": found["lighthouseVersion"]}


def audit(site: Path, lighthouse: Path, runs: int = 5, page: str = PAGE) -> dict[str, Any]:
    """For mobile and desktop: the median run by performance score, and every run's score."""
    found: dict[str, Any] = {"page": page, "runs": runs}
    with gzip_server(site) as url:
        for form in ("mobile", "desktop"):
            results = [_run(lighthouse, url + page, form == "desktop") for _ in range(runs)]
            results.sort(key=lambda r: r["performance"])
            median = results[len(results) // 2]
            found[form] = {**median, "scores": [r["performance"] for r in results],
                           "worst_cls": max(r["cls"] for r in results),
                           "median_tbt_ms": statistics.median(r["tbt_ms"] for r in results)}
    return found
