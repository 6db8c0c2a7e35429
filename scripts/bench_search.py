"""Measure the passage search of a built edition and print a Markdown section for BENCHMARKS.md.

    python scripts/bench_search.py [--runs 5] [--site _build/html]

Reads the files the build wrote (``_static/passage_search/``): entries indexed by kind, and the size of
each file raw and gzip-compressed (level 9, what a web server would send). In headless Chromium, each run
in a fresh context against a local server: the bytes an essay page requests before any search (none of the
search's files may be among them), the bytes requested on the first use of the search box, and the time
from focusing the box and typing a word to the first result shown (this includes loading and indexing,
and the search's 120 ms pause for typing). ``scripts/bench.py`` adds the same section to its report.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import statistics
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

from edition import essays
from edition_ext import minify

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
ASSETS = "_static/passage_search"
FILES = ("search.js", "minisearch.js", "passages.js")
QUERY = "loans"
KINDS = {"para": "paragraphs of the works", "note": "authors' notes", "ednote": "editors' notes",
         "editors": "blocks of the editors' chapters (by section, entry or note)"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def entries(site: Path) -> list[dict]:
    text = (site / ASSETS / "passages.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))["passages"]


def sizes(site: Path) -> dict[str, tuple[int, int]]:
    return {name: (len(raw := (site / ASSETS / name).read_bytes()), len(gzip.compress(raw, 9))) for name in FILES}


def first_use(browser, url: str) -> dict:
    """One cold run: the page's own bytes, then the bytes and time of the first search."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda r: r.continue_() if (urlparse(r.request.url).hostname or "") in {"127.0.0.1", ""}
                  else r.abort())
    page = context.new_page()
    received: dict[str, int] = {}
    page.on("requestfinished", lambda req: received.__setitem__(req.url, req.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    before = dict(received)
    page.evaluate("document.getElementById('pst-search-dialog').showModal()")
    start = page.evaluate("performance.now()")
    page.locator("#dialog-search-q").press_sequentially(QUERY)
    page.locator("#dialog-search-results li").first.wait_for(timeout=30_000)
    shown = page.evaluate("performance.now()")
    stats = page.evaluate("window.editionSearch.ready")
    page.wait_for_load_state("networkidle")
    after = {u: b for u, b in received.items() if u not in before}
    context.close()
    return {"page_bytes": sum(before.values()), "page_search_files": [u for u in before if ASSETS in u],
            "use_bytes": sum(after.values()), "first_result_ms": shown - start, **stats}


def load_average() -> str:
    return "/".join(open("/proc/loadavg").read().split()[:3])


def carried(site: Path, page: str) -> dict[str, int]:
    """The bytes of the search's loader and form in a page, and of its rules in the edition's stylesheet."""
    html = (site / page).read_text(encoding="utf-8")
    loader = next(m for m in re.findall(r"<script>(.*?)</script>", html, re.S) if ASSETS in m)
    form = re.search(r'<dialog id="pst-search-dialog".*?</dialog>', html, re.S).group(0)
    # The built stylesheet is minified (_ext/minify.py), without the comment that starts the search's rules: they
    # are cut from the source and minified as the build does.
    css = (ROOT / "_static" / "edition.css").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "search.css"
        rules.write_text(css[css.index("/* The passage search"):], encoding="utf-8")
        css_bytes = len(minify.minified(rules))
    return {"loader": len(loader.encode()), "form": len(form.encode()), "css": css_bytes}


def section(browser, site: Path, runs: int) -> str:
    load_before = load_average()
    found = entries(site)
    kinds = Counter(p["k"] for p in found)
    size = sizes(site)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = essays.works()[0].page
    carried_bytes = carried(site, page)
    try:
        measured = [first_use(browser, f"http://127.0.0.1:{server.server_address[1]}/{page}") for _ in range(runs)]
    finally:
        server.shutdown()
    if any(m["page_search_files"] for m in measured):
        raise SystemExit(f"bench_search: {page} loads the search before it is used: {measured[0]['page_search_files']}")
    med = {key: statistics.median(m[key] for m in measured)
           for key in ("page_bytes", "use_bytes", "first_result_ms", "loadMs", "indexMs")}
    works = ", ".join(f"{w.label} {sum(1 for p in found if p['w'] == w.key)}" for w in essays.works())
    lines = [
        "## Search",
        "",
        f"Written by `scripts/bench_search.py` (medians of {runs} cold runs in Chromium, local server, no compression;",
        "gzip sizes are the files compressed at level 9, what a compressing server would send).",
        f"Load average (1/5/15 min) {load_before} at the start, {load_average()} at the end: other builds shared the",
        "2 cores, and the times grow with the load.",
        "",
        f"Entries indexed: **{len(found)}** — " + "; ".join(f"{kinds[k]} {v}" for k, v in KINDS.items()) + f" (by work: {works}).",
        "",
        "| file (in `_static/passage_search/`) | raw | gzip | loaded |",
        "|---|---:|---:|---|",
    ]
    for name, when in zip(FILES, ("on first focus of a search box", "with it", "with it")):
        lines.append(f"| `{name}` | {size[name][0]:,} B | {size[name][1]:,} B | {when} |")
    total = [sum(size[n][i] for n in FILES) for i in (0, 1)]
    lines += [
        f"| together | {total[0]:,} B | {total[1]:,} B | |",
        "",
        "| measure | median |",
        "|---|---:|",
        f"| essay page ({page}) before any search: bytes requested, none of them the search's files | {med['page_bytes']:,.0f} B |",
        f"| bytes requested on first use of the search (the three files above) | {med['use_bytes']:,.0f} B |",
        f"| time from focusing the box and typing “{QUERY}” to the first result shown | {med['first_result_ms']:.0f} ms |",
        f"| of which: loading the scripts / building the index | {med['loadMs']:.0f} ms / {med['indexMs']:.0f} ms |",
        "",
        f"What every page carries for the search, measured in {page}: the inline loader {carried_bytes['loader']:,} B, the",
        f"search form in the dialog {carried_bytes['form']:,} B, and its styles and the arrival marks in `_static/edition.css`",
        f"{carried_bytes['css']:,} B (minified, uncompressed).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = ap.parse_args(argv)
    if not (args.site / ASSETS / "passages.js").exists():
        print(f"bench_search: {args.site / ASSETS / 'passages.js'} is missing: run `make html`", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        print(section(browser, args.site, args.runs))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
