"""Search in the browser: load Material's lunr.js search worker with a site's index in Chromium,
then time queries the way the search box sends them."""

from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

QUERIES = ("listening", "feedback", "scoring guide", "students", "project", "reflection", "team",
           "evidence", "question", "mindset", "research", "writing", "conflict", "concept map",
           "purpose", "design", "critique", "well-being", "leadership", "technology")

_SCRIPT = """async ({worker, index, queries, rounds}) => {
  const start = performance.now();
  const data = await (await fetch(index)).json();
  const fetched = performance.now();
  const search = new Worker(worker);
  const reply = () => new Promise(resolve =>
    search.addEventListener("message", event => resolve(event.data), {once: true}));
  let answer = reply();
  search.postMessage({type: 0, data: {...data, options: {suggest: true}}});
  await answer;
  const ready = performance.now();
  const times = [];
  let hits = 0;
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const sent = performance.now();
      answer = reply();
      search.postMessage({type: 2, data: query});
      hits += (await answer).data.items.length;
      times.push(performance.now() - sent);
    }
  }
  search.terminate();
  return {fetch_ms: fetched - start, ready_ms: ready - start, times, hits};
}"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def material_search(site: Path, rounds: int = 5) -> dict[str, Any]:
    """Milliseconds to fetch the index and build lunr's index in the worker, and per query."""
    from playwright.sync_api import sync_playwright

    worker = next(site.glob("assets/javascripts/workers/search.*.min.js")).relative_to(site)
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        result = page.evaluate(_SCRIPT, {"worker": url + worker.as_posix(),
                                         "index": url + "search/search_index.json",
                                         "queries": list(QUERIES), "rounds": rounds})
        browser.close()
    times = result["times"]
    return {"fetch_ms": result["fetch_ms"], "ready_ms": result["ready_ms"],
            "query_median_ms": _percentile(times, 0.5), "query_p95_ms": _percentile(times, 0.95),
            "queries": len(times), "hits": result["hits"]}
