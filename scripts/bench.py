"""Benchmark the edition against the same content built the stock Jupyter Book way, and print a table.

    python scripts/bench.py [--runs 5] [--output BENCHMARKS.md] [--counts 2,8,32] [--profile] [--parts main,scale]

Everything happens in copies of the sources under a temporary directory; the repository is never
written to (unless ``--output`` names a file). Each timing is the median of ``--runs`` runs:

- cold HTML build: ``make html`` after removing ``_build``;
- rebuild after editing one chapter: a sentence appended to ``chapters/principles.md``, then ``make html``;
- rebuild after editing one CSV: in the CSV a chart reads (else ``data/paragraphs.csv``), the first cell of the
  first row quoted, or unquoted again (new bytes, the same table: `make chapters` and the validation see a
  changed file, as after any edit), then ``make html``;
- ``make html`` with nothing changed;
- ``make charts`` and cold ``make pdf``: when the Makefile has those targets, else "n/a".

In headless Chromium (fresh context each run, requests to hosts other than 127.0.0.1 blocked): bytes
requested and the time until the first chart is drawn, for an essay page and for the heaviest chart page;
then the search's section (``scripts/bench_search.py``): entries, file sizes, bytes and time on first use.
Each page's transfer size with gzip is the sum, over the files it requested, of each file compressed at
level 9 (what a compressing web server sends; the local server sends them uncompressed).

The budgets of issue 12 are ratios, judged on the wall-clock medians (the CPU ratio is shown beside, as it
moves less with other work on the machine): cold HTML build at most 0.8 × the stock build, rebuild after
one chapter at most 0.6 × the stock rebuild, rebuild after one CSV at most 0.35 × the edition's cold build;
essay page at most 0.45 MB and chart page at most 1.6 MB requested (MB = 10^6 bytes).

Then the scaling section (``scripts/bench_scale.py``: synthetic editions of ``--counts`` works made from the
third-essay fixture) and, with ``--profile``, where the seconds of a build go (``scripts/bench_profile.py``).

The baseline is the same book with the stock theme settings (no ``lightweight`` extension, no template
overrides, no theme options), its chart chapter turned into a notebook that Jupyter Book executes, each
``chart`` directive replaced by a cell calling ``fig.show()`` on the same figure. It keeps the edition's
other local extensions, which its pages need, and builds with ``jupyter-book build``, which runs Sphinx in one
process; ``make html`` runs one per CPU (``edition.build``). The CPU time counts every process of a build.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
import bench_profile  # scripts/bench_*.py, beside this file
import bench_scale
from bench_timing import timed
from bench_search import section as search_section

from edition import essays

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
JB = str(VENV / "bin" / "jupyter-book")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache")
ESSAY_PAGE = essays.works()[0].page  # the first work of the registry
CHART = ".js-plotly-plot"
# Issue 12's budgets: (what the figure is compared with, at most this ratio), or bytes.
BUDGETS = {"cold_html": ("stock", 0.8), "edit_chapter": ("stock", 0.6), "edit_csv": ("cold", 0.35),
           "essay_bytes": 450_000, "chart_bytes": 1_600_000}
# Records when the first chart's SVG appears, in ms since navigation start.
FIRST_CHART_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('.js-plotly-plot .main-svg')) {
    window.__firstChart = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
# Plotly 7's default renderer emits only a MIME bundle that MyST-NB skips (no chart at all); "notebook" is
# the stock renderer that draws offline, with plotly.js inlined ("notebook_connected" loads it from a CDN).
RENDERER_CELL = 'import plotly.io as pio\npio.renderers.default = "notebook"'
REPORT_HEAD = """# Benchmarks

Written by `scripts/bench.py --output BENCHMARKS.md` (`make bench` prints the same table and writes nothing).
Timings are medians; builds run in temporary copies of the sources. Bytes are response bodies as Chromium
received them from a local server without compression. The baseline is the same book built the stock
Jupyter Book way: sphinx-book-theme defaults and the charts drawn by `fig.show()` in a notebook page
that Jupyter Book executes. Plotly's default renderer would show no chart there (MyST-NB skips its
`application/vnd.plotly.v1+json` output), so the notebook selects Plotly's `notebook` renderer, the stock
one that works offline (it inlines plotly.js). The baseline's CSV, `make charts` and PDF rows are n/a:
a stock build does not track a notebook's CSV, and has no chart or PDF step of its own here.
The gzip sizes are each requested file compressed at level 9, what a compressing server sends.
The budgets are issue 12's, as ratios; a time is judged on its wall-clock median, with the CPU ratio beside.

Other work shared the machine during the run (load averages below); timings vary with it.
"""


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(1)


def make(target: str) -> list[str]:
    return ["make", target, f"VENV={VENV}"]


def has_target(tree: Path, target: str) -> bool:
    return re.search(rf"^{target}:", (tree / "Makefile").read_text(encoding="utf-8"), re.M) is not None


def median(values: list) -> float | tuple[float, float]:
    if values and isinstance(values[0], tuple):
        return tuple(statistics.median(v) for v in zip(*values))
    return statistics.median(values)


def chart_csv(tree: Path) -> Path:
    """The CSV a chart directive reads, or the paragraph registry when no chapter has a chart."""
    for md in sorted(tree.rglob("*.md")):
        for stem in re.findall(r"^[:`]{3,}\{chart\}\s+(\S+)", md.read_text(encoding="utf-8"), re.M):
            csv = tree / "data" / f"{Path(stem).stem}.csv"
            if csv.exists():
                return csv
    return tree / "data" / "paragraphs.csv"


def append_sentence(path: Path, n: int) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\nThis sentence was added by benchmark run {n}.\n")


def requote(path: Path) -> None:
    """Quote the first cell of the first row, or unquote it: new bytes, the same rows."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, rest = lines[1].split(",", 1)
    lines[1] = (first[1:-1] if first.startswith('"') else f'"{first}"') + "," + rest
    path.write_text("".join(lines), encoding="utf-8")


def repeat(runs: int, prepare, cmd: list[str], tree: Path) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``cmd`` over ``runs`` runs, each after ``prepare(run_number)``."""
    times = []
    for n in range(runs):
        prepare(n)
        times.append(timed(cmd, tree))
    return median(times)


def build_times(tree: Path, runs: int, build: list[str], *, charts: bool, pdf: bool, csv: bool) -> dict:
    def clean(*parts: str):
        return lambda n: [shutil.rmtree(tree.joinpath("_build", *part.split("/")), ignore_errors=True) for part in parts]

    out: dict = {"cold_html": repeat(runs, clean(""), build, tree)}
    chapter = tree / "chapters" / "principles.md"
    out["edit_chapter"] = repeat(runs, lambda n: append_sentence(chapter, n), build, tree)
    out["noop"] = repeat(runs, lambda n: None, build, tree)
    if csv:
        data = chart_csv(tree)
        out["csv_name"] = data.name
        out["edit_csv"] = repeat(runs, lambda n: requote(data), build, tree)
    if charts and has_target(tree, "charts"):
        out["charts"] = repeat(runs, clean("charts"), make("charts"), tree)
    if pdf and has_target(tree, "pdf"):
        out["pdf"] = repeat(runs, clean("print", "pdf"), make("pdf"), tree)  # the print builds keep their environment in _build/print
    return out


CHART_BLOCK = re.compile(r"^(`{3,}|:{3,})\{chart\}\s+(\S+)\n.*?^\1\s*$\n?", re.M | re.S)
NOTEBOOK_SETUP = """from edition import data
from edition.charts import CHARTS
tables = data.load(data.DATA)"""


def chapter_as_notebook(md: Path) -> None:
    """Rewrite a chapter with ``chart`` directives as a notebook whose cells call ``fig.show()`` instead."""
    text = md.read_text(encoding="utf-8")
    if not CHART_BLOCK.search(text):
        return
    import nbformat

    cells, pos = [nbformat.v4.new_code_cell(RENDERER_CELL), nbformat.v4.new_code_cell(NOTEBOOK_SETUP)], 0
    for match in CHART_BLOCK.finditer(text):
        cells.append(nbformat.v4.new_markdown_cell(text[pos:match.start()]))
        cells.append(nbformat.v4.new_code_cell(f"CHARTS[{match[2]!r}].figure(tables).show()"))
        pos = match.end()
    cells.append(nbformat.v4.new_markdown_cell(text[pos:]))
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=kernel), md.with_suffix(".ipynb"))
    md.unlink()


def make_baseline(tree: Path) -> None:
    """Turn a copy of the sources into the stock Jupyter Book build of the same content."""
    config = yaml.safe_load((tree / "_config.yml").read_text(encoding="utf-8"))
    config.pop("execute", None)  # stock: execute notebooks that have no outputs
    config.get("html", {}).pop("favicon", None)
    sphinx = config.setdefault("sphinx", {})
    sphinx.get("local_extensions", {}).pop("lightweight", None)
    for key in ("templates_path", "html_context", "html_theme_options"):
        sphinx.get("config", {}).pop(key, None)
    sphinx.get("config", {}).pop("html_last_updated_fmt", None)
    (tree / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(tree / "_templates", ignore_errors=True)

    for md in sorted((tree / "chapters").glob("*.md")):
        chapter_as_notebook(md)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a page closed mid-response is not a failure here
        pass


def serve(site: Path):
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@functools.lru_cache(maxsize=None)
def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def gzip_size(site: Path, url: str, received: int) -> int:
    """What the file behind ``url`` weighs gzip-compressed (level 9); a response with no file keeps its size."""
    path = site / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return gzipped(path) if path.is_file() else received


def load(browser, url: str, site: Path) -> dict:
    """One cold load: bytes received and their gzip size, load-event and first-chart time (ms), outside requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FIRST_CHART_PROBE)
    page = context.new_page()
    received, external = {}, []

    def route(r) -> None:
        if (urlparse(r.request.url).hostname or "") in {"127.0.0.1", "localhost", ""}:
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("requestfinished", lambda req: received.__setitem__(req.url, req.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    has_chart = page.locator(CHART).count() > 0
    if has_chart:
        page.wait_for_function("window.__firstChart !== undefined", timeout=30_000)
    timing = page.evaluate("""() => ({load: performance.getEntriesByType('navigation')[0].loadEventEnd,
                                      chart: window.__firstChart ?? null})""")
    context.close()
    return {"bytes": sum(received.values()), "gzip": sum(gzip_size(site, u, n) for u, n in received.items()),
            "load_ms": timing["load"], "chart_ms": timing["chart"], "has_chart": has_chart, "external": len(external)}


def page_figures(browser, site: Path, runs: int) -> dict:
    server, base = serve(site)
    try:
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                       if p.relative_to(site).parts[0] not in {"_static", "_sources"})
        first = {page: load(browser, base + page, site) for page in pages}
        chart_pages = {p: m for p, m in first.items() if m["has_chart"]}
        out = {"essay": summarise([load(browser, base + ESSAY_PAGE, site) for _ in range(runs)]), "essay_page": ESSAY_PAGE}
        if chart_pages:
            heaviest = max(chart_pages, key=lambda p: chart_pages[p]["bytes"])
            out["chart_page"] = heaviest
            out["chart"] = summarise([load(browser, base + heaviest, site) for _ in range(runs)])
        return out
    finally:
        server.shutdown()


def summarise(loads: list[dict]) -> dict:
    charts = [m["chart_ms"] for m in loads if m["chart_ms"] is not None]
    return {"bytes": median([m["bytes"] for m in loads]), "gzip": median([m["gzip"] for m in loads]),
            "load_ms": median([m["load_ms"] for m in loads]),
            "chart_ms": median(charts) if charts else None, "external": max(m["external"] for m in loads)}


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
    mem = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores (nproc), {cpu}, {mem / 1024 / 1024:.1f} GiB memory; "
            f"{platform.platform()}; Python {platform.python_version()}; {chromium}")


def fmt(value, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value[0]:.1f} s (CPU {value[1]:.1f} s)"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value / 1_000_000:.2f} MB"


def ratio(a, b) -> str:
    if a is None or not b:
        return "n/a"
    if isinstance(a, tuple):
        return f"{a[0] / b[0]:.2f} (CPU {a[1] / b[1]:.2f})"
    return f"{a / b:.2f}"


def verdict(value, budget, compared=None) -> str:
    """Pass or fail against a byte budget, or against ``budget[1]`` × the figure ``compared`` (wall; CPU beside)."""
    if budget is None:
        return ""
    if value is None or (isinstance(budget, tuple) and not compared):
        return "n/a"
    if isinstance(budget, tuple):
        limit = budget[1]
        wall, cpu = value[0] / compared[0], value[1] / compared[1]
        return (f"≤ {limit:g} × {budget[0]}: **{'pass' if wall <= limit else 'FAIL'}** ({wall:.2f}; "
                f"CPU {cpu:.2f}, {'pass' if cpu <= limit else 'fail'})")
    return f"≤ {budget / 1e6:.2f} MB: **{'pass' if value <= budget else 'FAIL'}**"


def table(ed: dict, base: dict, runs: int) -> str:
    edp, bp = ed["pages"], base["pages"]
    cold, stock_cold, stock_chapter = ed.get("cold_html"), base.get("cold_html"), base.get("edit_chapter")
    rows = [
        ("cold HTML build (`make html`; baseline `jupyter-book build`)", cold, stock_cold, "s",
         verdict(cold, BUDGETS["cold_html"], stock_cold)),
        ("rebuild after editing one chapter", ed.get("edit_chapter"), stock_chapter, "s",
         verdict(ed.get("edit_chapter"), BUDGETS["edit_chapter"], stock_chapter)),
        (f"rebuild after editing one CSV ({ed.get('csv_name', 'n/a')})", ed.get("edit_csv"), base.get("edit_csv"), "s",
         verdict(ed.get("edit_csv"), BUDGETS["edit_csv"], cold)),
        ("`make html` with nothing changed", ed.get("noop"), base.get("noop"), "s", ""),
        ("`make charts`", ed.get("charts"), None, "s", ""),
        ("cold PDF build (`make pdf`)", ed.get("pdf"), None, "s", ""),
        (f"essay page ({edp['essay_page']}): bytes requested", edp["essay"]["bytes"], bp["essay"]["bytes"], "B",
         verdict(edp["essay"]["bytes"], BUDGETS["essay_bytes"])),
        ("essay page: transfer size with gzip", edp["essay"]["gzip"], bp["essay"]["gzip"], "B", ""),
        ("essay page: load event", edp["essay"]["load_ms"], bp["essay"]["load_ms"], "ms", ""),
        (f"heaviest chart page ({edp.get('chart_page', 'none')}; baseline {bp.get('chart_page', 'none')}): bytes requested",
         edp.get("chart", {}).get("bytes"), bp.get("chart", {}).get("bytes"), "B",
         verdict(edp.get("chart", {}).get("bytes"), BUDGETS["chart_bytes"])),
        ("heaviest chart page: transfer size with gzip", edp.get("chart", {}).get("gzip"), bp.get("chart", {}).get("gzip"),
         "B", ""),
        ("heaviest chart page: first chart drawn", edp.get("chart", {}).get("chart_ms"), bp.get("chart", {}).get("chart_ms"), "ms", ""),
    ]
    lines = [f"| measure (median of {runs} runs; times: wall clock, and CPU time of the build processes) | edition | stock baseline | edition / baseline | budget (issue 12) |",
             "|---|---:|---:|---:|---|"]
    for label, a, b, unit, judged in rows:
        lines.append(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {ratio(a, b)} | {judged} |")
    if cold and ed.get("edit_csv"):
        lines.append(f"\nRebuild after one CSV / the edition's cold build: {ratio(ed['edit_csv'], cold)}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported; default 5)")
    ap.add_argument("--output", type=Path, help="also write the report (machine, table) to this file")
    ap.add_argument("--parts", default="main,scale", help="main (builds and pages against stock), scale; default both")
    ap.add_argument("--counts", default="2,8,32", help="numbers of works for the scaling section (default 2,8,32)")
    ap.add_argument("--profile", action="store_true", help="add where the seconds of a build go (cProfile)")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))
    if not Path(CHROMIUM).exists():
        fail(f"{CHROMIUM} is missing: run `make system-test-deps`")

    load_before, started = load_average(), time.perf_counter()
    report = main_part(args.runs) if "main" in parts else ""
    if "scale" in parts:
        counts = [int(c) for c in args.counts.split(",")]
        report += (f"\n\n## Scaling: synthetic editions of {', '.join(map(str, counts))} works\n\n"
                   "Written by `scripts/bench_scale.py` (one cold build per count; see its docstring).\n\n"
                   + bench_scale.section(bench_scale.measure(counts)))
    if args.profile:
        report += "\n\n## Where the seconds go\n\nWritten by `scripts/bench_profile.py`.\n\n" + bench_profile.measure()
    described = (f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
                 f"load average (1/5/15 min) {load_before} at the start, {load_average()} at the end; "
                 f"the benchmark took {(time.perf_counter() - started) / 60:.0f} min.")
    print(described + "\n\n" + report)
    if args.output:
        args.output.write_text(f"{REPORT_HEAD}\n{described}\n\n{report}\n", encoding="utf-8")
    return 0


def main_part(runs: int) -> str:
    """The edition against the stock build: build times, page weights, the search."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        edition, stock = Path(tmp) / "edition", Path(tmp) / "stock"
        for tree in (edition, stock):
            shutil.copytree(ROOT, tree, ignore=NOT_SOURCES)
            if (ROOT / "node_modules").exists():
                (tree / "node_modules").symlink_to(ROOT / "node_modules")  # set-up files, not sources
        make_baseline(stock)
        print(f"bench: edition builds in {edition}", file=sys.stderr)
        ed = build_times(edition, runs, make("html"), charts=True, pdf=True, csv=True)
        print("bench: baseline builds", file=sys.stderr)
        base = build_times(stock, runs, [JB, "build", "."], charts=False, pdf=False, csv=False)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            print("bench: pages in Chromium", file=sys.stderr)
            ed["pages"] = page_figures(browser, edition / "_build" / "html", runs)
            base["pages"] = page_figures(browser, stock / "_build" / "html", runs)
            print("bench: the search", file=sys.stderr)
            search = search_section(browser, edition / "_build" / "html", runs)
            browser.close()
    if ed["pages"]["essay"]["external"] or ed["pages"].get("chart", {}).get("external"):
        print("\nwarning: the edition's pages asked hosts other than 127.0.0.1", file=sys.stderr)
    return table(ed, base, runs) + "\n\n" + search


if __name__ == "__main__":
    sys.exit(main())
