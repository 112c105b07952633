"""The bench's Markdown tables, its verdict on each target, and an SVG chart of build times."""

import math
from html import escape
from pathlib import Path
from typing import Any

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
QUALITY_START = "<!-- quality:start -->"
QUALITY_END = "<!-- quality:end -->"
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.8
MB = 1_000_000
KB = 1_000


def _size(n: dict[str, Any] | None, key: str, default: Any = None) -> Any:
    return n.get(key, default) if n else default


def _by_n(results: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["n"]: item for item in results["sizes"]}


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each target; ``met`` is None when that N was not run."""
    sizes = _by_n(results)
    rows: list[tuple[str, str, bool | None]] = []
    for n in (1000, 10000):
        ratio = _size(sizes.get(n), "ratio")
        rows.append((f"catalog / plain ≤ 1.1 at N = {n:,}",
                     "not run" if ratio is None else f"{ratio:.2f}",
                     None if ratio is None else ratio <= 1.1))
    if 1000 in sizes and 10000 in sizes:
        scale = sizes[10000]["catalog"]["seconds"] / sizes[1000]["catalog"]["seconds"]
        rows.append(("T(10,000) / T(1,000) ≤ 11", f"{scale:.1f}", scale <= 11))
    real = results["real"]["seconds"]
    rows.append(("real catalog builds in < 3 s",
                 f"{real:.2f} s (CPU {results['real']['cpu_seconds']:.2f} s)", real < 3))
    validate = _size(sizes.get(10000), "validate")
    rows.append(("validate 10,000 credentials in < 5 s",
                 "not run" if validate is None else
                 f"{validate['seconds']:.2f} s (CPU {validate['cpu_seconds']:.2f} s)",
                 None if validate is None else validate["seconds"] < 5))
    browse = _size(sizes.get(10000), "browse")
    rows.append(("search download ≤ 1 MB (gzip) at N = 10,000",
                 "not run" if browse is None else
                 f"{browse['first_result_max'] / MB:.2f} MB (most: “{browse['worst_query']}”)",
                 None if browse is None else browse["first_result_max"] <= MB))
    browser = _size(_size(sizes.get(1000), "browse"), "browser")
    rows.append(("search query p95 ≤ 50 ms at N = 1,000",
                 "not run" if browser is None else f"{browser['query_p95_ms']:.0f} ms",
                 None if browser is None else browser["query_p95_ms"] <= 50))
    return rows


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**not met**", None: "not run"}[met]


def markdown(results: dict[str, Any], chart: str) -> str:
    m = results["machine"]
    lines = [
        f"Measured on {m['date']}: {m['cpu']}, {m['cores']} cores, {m['memory_mb'] / 1024:.0f} GB RAM; "
        f"{m['system']}, Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}. "
        f"Median of {results['repeat']} builds each, catalog and plain alternating.",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *(f"| {name} | {value} | {_mark(met)} |" for name, value, met in targets(results)),
        "",
        "| N | site | build (s) | CPU (s) | peak memory (MB) | output (MB) | files | search index gzip (MB) "
        "| lunr ready (ms) | query p95 (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in results["sizes"]:
        for name in ("catalog", "plain"):
            r = item[name]
            browser = r.get("browser")
            lines.append(
                f"| {item['n']:,} | {name} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | "
                f"{r['peak_mb']:.0f} | "
                f"{r['bytes'] / MB:.1f} | {r['files']:,} | {r['search']['material_gzip'] / MB:.2f} | "
                f"{'-' if browser is None else format(browser['ready_ms'], '.0f')} | "
                f"{'-' if browser is None else format(browser['query_p95_ms'], '.0f')} |")
    lines += ["", "Browse page search (gzip, kB; times in ms):", "",
              "| N | store | lunr.js | index, all shards | shards | first result, median query "
              "| first result, most | page ready | lunr.js load | first query p95 | query median "
              "| query p95 |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for item in results["sizes"]:
        b = item["browse"]
        t = b.get("browser")
        times = ["-"] * 5 if t is None else [
            f"{t[key]:.0f}" for key in ("ready_ms", "lunr_ms", "cold_p95_ms", "query_median_ms",
                                        "query_p95_ms")]
        lines.append(f"| {item['n']:,} | {b['store_gzip'] / KB:.0f} | {b['lunr_gzip'] / KB:.0f} | "
                     f"{b['index_gzip'] / KB:.0f} | {b['shards']:,} | "
                     f"{b['first_result_median'] / KB:.0f} | {b['first_result_max'] / KB:.0f} | "
                     + " | ".join(times) + " |")
    lines += ["", "| N | catalog / plain (wall) | (CPU) | validate (s) | validate CPU (s) "
              "| validate peak memory (MB) |", "|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {item['n']:,} | {item['ratio']:.2f} | {item['cpu_ratio']:.2f} | "
              f"{item['validate']['seconds']:.2f} | {item['validate']['cpu_seconds']:.2f} | "
              f"{item['validate']['peak_mb']:.0f} |" for item in results["sizes"]]
    lines += ["", f"The real catalog (40 credentials, this repository's `mkdocs.yml`) builds in "
              f"{results['real']['seconds']:.2f} s.", "", f"![Build time against N]({chart})", ""]
    if "profile" in results:
        lines += [f"Profile of one catalog build at N = {results['profile']['n']:,} "
                  "(cProfile, cumulative time, top entries):", "", "```text",
                  results["profile"]["text"].strip(), "```", ""]
    return "\n".join(lines)


def chart_svg(results: dict[str, Any]) -> str:
    """Build time against N on log-log axes, catalog and plain."""
    sizes = [item["n"] for item in results["sizes"]]
    series = {name: [item[name]["seconds"] for item in results["sizes"]] for name in ("catalog", "plain")}
    values = [v for vs in series.values() for v in vs]
    width, height, left, bottom, top, right = 560, 320, 60, 40, 20, 120
    x_lo, x_hi = math.log10(min(sizes)) - 0.1, math.log10(max(sizes)) + 0.1
    y_lo, y_hi = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    y_hi = max(y_hi, y_lo + 1)

    def x(n: float) -> float:
        return left + (math.log10(n) - x_lo) / (x_hi - x_lo) * (width - left - right)

    def y(s: float) -> float:
        return height - bottom - (math.log10(s) - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             'aria-labelledby="t d" font-family="sans-serif" font-size="12">',
             '<title id="t">Median build time against number of credentials</title>',
             '<desc id="d">' + escape("; ".join(
                 f"N={n}: catalog {c:.1f} s, plain {p:.1f} s"
                 for n, c, p in zip(sizes, series["catalog"], series["plain"], strict=True))) + "</desc>",
             '<rect width="100%" height="100%" fill="#fff"/>']
    for power in range(y_lo, y_hi + 1):
        yy = y(10 ** power)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{10 ** power:g} s</text>')
    for n in sizes:
        parts.append(f'<text x="{x(n):.1f}" y="{height - bottom + 18}" text-anchor="middle">N={n:,}</text>')
    for (name, color, dash), index in zip((("catalog", "#3f51b5", ""), ("plain", "#c2185b", "6 4")),
                                          range(2), strict=True):
        points = " ".join(f"{x(n):.1f},{y(s):.1f}" for n, s in zip(sizes, series[name], strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2" '
                     f'stroke-dasharray="{dash}"/>')
        parts += [f'<circle cx="{x(n):.1f}" cy="{y(s):.1f}" r="3.5" fill="{color}"/>'
                  for n, s in zip(sizes, series[name], strict=True)]
        ly = top + 10 + index * 20
        parts.append(f'<line x1="{width - right + 10}" x2="{width - right + 40}" y1="{ly}" y2="{ly}" '
                     f'stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>'
                     f'<text x="{width - right + 46}" y="{ly + 4}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def quality_targets(quality: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for the browse page's relevance and Lighthouse targets."""
    tuned = quality["relevance"]["tuned"]
    rows: list[tuple[str, str, bool | None]] = [
        (f"precision@3 ≥ {PRECISION_TARGET} ({tuned['queries']} teacher queries)",
         f"{tuned['precision']:.2f}", tuned["precision"] >= PRECISION_TARGET),
        (f"recall@10 ≥ {RECALL_TARGET} ({tuned['queries']} teacher queries)",
         f"{tuned['recall']:.2f}", tuned["recall"] >= RECALL_TARGET)]
    mobile = _size(quality.get("lighthouse"), "mobile")
    if mobile is None:
        return rows + [(f"browse page, Lighthouse mobile: {name}", "not run", None)
                       for name in ("performance ≥ 90", "CLS ≤ 0.02", "accessibility 100")]
    runs = ", ".join(f"{score:.0f}" for score in mobile["scores"])
    return [
        *rows,
        ("browse page, Lighthouse mobile: performance ≥ 90",
         f"{mobile['performance']:.0f} (median; runs: {runs})", mobile["performance"] >= 90),
        ("browse page, Lighthouse mobile: CLS ≤ 0.02",
         f"{mobile['cls']:.3f} (worst run: {mobile['worst_cls']:.3f})", mobile["worst_cls"] <= 0.02),
        ("browse page, Lighthouse mobile: accessibility 100", f"{mobile['accessibility']:.0f}",
         mobile["accessibility"] == 100)]


def quality_markdown(quality: dict[str, Any]) -> str:
    sets = quality["relevance"]
    lines = [f"Measured on {quality['date']} ({quality['cores']} cores) on the real catalog.", "",
             "| target | measured | verdict |", "|---|---|---|",
             *(f"| {name} | {value} | {_mark(met)} |" for name, value, met in quality_targets(quality)),
             "", "| relevance set | queries | precision@3 | recall@10 |", "|---|---:|---:|---:|",
             f"| tuned: written before tuning, then used to tune | {sets['tuned']['queries']} | "
             f"{sets['tuned']['precision']:.2f} | {sets['tuned']['recall']:.2f} |",
             f"| held out: written after tuning, never tuned on | {sets['held_out']['queries']} | "
             f"{sets['held_out']['precision']:.2f} | {sets['held_out']['recall']:.2f} |", ""]
    lighthouse = quality.get("lighthouse")
    if lighthouse:
        version = lighthouse["mobile"]["lighthouse"]
        lines += [f"Lighthouse {version} on `{lighthouse['page']}`, served gzipped; the median of "
                  f"{lighthouse['runs']} runs by performance score:", "",
                  "| form factor | performance | accessibility | FCP (ms) | LCP (ms) | TBT (ms) | CLS "
                  "| Speed Index (ms) |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for form in ("mobile", "desktop"):
            r = lighthouse[form]
            lines.append(f"| {form} | {r['performance']:.0f} | {r['accessibility']:.0f} | "
                         f"{r['fcp_ms']:.0f} | {r['lcp_ms']:.0f} | {r['tbt_ms']:.0f} | {r['cls']:.3f} | "
                         f"{r['speed_index_ms']:.0f} |")
        lines.append("")
    weakest = sorted(sets["tuned"]["rows"], key=lambda row: (row["precision"], row["recall"]))
    weakest = [row for row in weakest if row["precision"] < 1][:10]
    if weakest:
        lines += ["The tuned set's weakest answers (precision@3 below 1), with the first three results:",
                  "", "| query | precision@3 | recall@10 | first three results |", "|---|---:|---:|---|"]
        lines += [f"| {row['query']} | {row['precision']:.2f} | {row['recall']:.2f} | "
                  f"{', '.join(row['first'])} |" for row in weakest]
        lines.append("")
    return "\n".join(lines)


def _splice(target: Path, start: str, end: str, body: str) -> None:
    """Replace the part of ``target`` between ``start`` and ``end``; append it if they are missing."""
    section = f"{start}\n{body}\n{end}"
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if start in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = head + section + tail
    else:
        text = (text + "\n" if text else "") + section
    target.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def write_quality(quality: dict[str, Any], target: Path, splice: bool = False) -> None:
    """Write the quality part; with ``splice``, replace only it in ``target``."""
    if not splice and target.exists():
        target.unlink()
    _splice(target, QUALITY_START, QUALITY_END, quality_markdown(quality))


def write_report(results: dict[str, Any], target: Path, chart: Path, splice: bool = False) -> None:
    """Write the report; with ``splice``, replace only the parts between the markers."""
    chart.write_text(chart_svg(results), encoding="utf-8")
    if not splice and target.exists():
        target.unlink()
    _splice(target, START, END, markdown(results, chart.name))
    if "quality" in results:
        _splice(target, QUALITY_START, QUALITY_END, quality_markdown(results["quality"]))
