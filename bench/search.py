"""Search cost: what the browse page's own search downloads before its first result, the same
search typed into the real browse page in Chromium, and Material's site-wide lunr.js worker."""

import json
import statistics
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

from credential_catalog.search import INDEX_DIR, STORE_URI, needed_keys, shards_for

from .measure import gzip_size

QUERIES = ("listening", "feedback", "scoring guide", "students", "project", "reflection", "team",
           "evidence", "question", "mindset", "research", "writing", "conflict", "concept map",
           "purpose", "design", "critique", "well-being", "leadership", "technology",
           "my students don't listen to each other", "students give each other feedback")
LUNR_URI = "assets/catalog/lunr.js"

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


def browse_download(site: Path) -> dict[str, Any]:
    """Gzipped bytes (level 6) a visitor of the browse page downloads before a query's first result:
    the card store (fetched with the page), lunr.js and the index shards that query needs.
    The page's HTML, CSS and browse.js are not counted: every visitor gets them, searching or not."""
    store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
    shard_bytes = [gzip_size(site / INDEX_DIR / f"{n}.json")
                   for n in range(len(store["search"]["shards"]))]
    fixed = gzip_size(site / STORE_URI) + gzip_size(site / LUNR_URI)
    per_query = {query: fixed + sum(shard_bytes[n] for n in
                                    shards_for(store["search"], needed_keys(store["search"], query)))
                 for query in QUERIES}
    worst = max(per_query, key=per_query.__getitem__)
    return {"store_gzip": gzip_size(site / STORE_URI), "lunr_gzip": gzip_size(site / LUNR_URI),
            "index_gzip": sum(shard_bytes), "shards": len(shard_bytes),
            "first_result_median": statistics.median(per_query.values()),
            "first_result_max": per_query[worst], "worst_query": worst}


_BROWSE = """async ({queries, rounds}) => {
  const status = document.querySelector(".cc-status");
  const shown = (q) => new Promise(resolve => {
    const done = () => status.getAttribute("data-query") === q;
    if (done()) return resolve();
    const watch = new MutationObserver(() => { if (done()) { watch.disconnect(); resolve(); } });
    watch.observe(status, {childList: true, characterData: true, subtree: true, attributes: true});
  });
  const ask = async (q) => {
    const sent = performance.now();
    history.pushState(null, "", "?query=" + encodeURIComponent(q));
    dispatchEvent(new PopStateEvent("popstate"));
    await shown(q);
    return performance.now() - sent;
  };
  const start = performance.now();
  await new Promise(r => { const s = document.createElement("script");
    s.src = document.querySelector(".cc-browse").dataset.lunr; s.onload = r;
    document.head.appendChild(s); });
  const lunr_ms = performance.now() - start;
  const cold = [], warm = [];
  for (const q of queries) cold.push(await ask(q));
  for (let round = 0; round < rounds; round++) for (const q of queries) warm.push(await ask(q));
  return {lunr_ms, cold, warm, results: document.querySelectorAll(".cc-results .cc-card").length};
}"""


def browse_search(site: Path, rounds: int = 5) -> dict[str, Any]:
    """Milliseconds in the real browse page: until it is ready (store loaded, facets drawn), to load
    lunr.js, and from a query entering the page's state (the popstate path, which skips the typing
    pause of 120 ms) until its results are announced. A first ("cold") query fetches its shards;
    the later rounds reuse them but still assemble and load the query's lunr index each time."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "credentials/", wait_until="commit")
        page.wait_for_selector(".cc-browse[data-ready]")
        ready = page.evaluate("performance.now()")
        result = page.evaluate(_BROWSE, {"queries": list(QUERIES), "rounds": rounds})
        browser.close()
    return {"ready_ms": ready, "lunr_ms": result["lunr_ms"],
            "cold_p95_ms": _percentile(result["cold"], 0.95),
            "query_median_ms": _percentile(result["warm"], 0.5),
            "query_p95_ms": _percentile(result["warm"], 0.95), "queries": len(result["warm"])}
