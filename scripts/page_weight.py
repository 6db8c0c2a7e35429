"""What a reader's browser downloads for a page of the built edition: bytes requested and their gzip size.

    python scripts/page_weight.py [--site _build/html] [--all] [PAGE ...]

The site is served on 127.0.0.1 without compression and each page is loaded once, cold, in headless
Chromium at 1280 px (requests to other hosts blocked). For every response the body's size is counted as
received, and its size after gzip at zlib's default level 6 (what a web server that compresses sends,
headers aside). Without PAGE arguments: the first work's essay page and the heaviest chart page, each
with its five largest files; ``--all`` adds one line for every page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from edition import essays

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
CHART = ".js-plotly-plot"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def gzipped(site: Path, url: str) -> int:
    """The gzip size of the file the local server sent for ``url``."""
    path = site / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def load(browser, site: Path, url: str) -> dict:
    """One cold load: {url: (bytes, gzip bytes)} of every response, and whether a chart was drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    files: dict[str, tuple[int, int]] = {}
    context.route("**/*", lambda r: r.continue_() if (urlparse(r.request.url).hostname or "") in {"127.0.0.1", ""}
                  else r.abort())

    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    has_chart = page.locator(CHART).count() > 0
    for request in finished:  # sizes asked for here, not in the event handler, which may outlive the context
        files[request.url] = (request.sizes()["responseBodySize"], gzipped(site, request.url))
    context.close()
    return {"files": files, "has_chart": has_chart}


def totals(files: dict) -> tuple[int, int]:
    return sum(b for b, _ in files.values()), sum(g for _, g in files.values())


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in {"_static", "_sources"})


def report(name: str, result: dict, base: str, top: int = 5) -> str:
    raw, gz = totals(result["files"])
    lines = [f"{name}: {raw:,} bytes requested ({raw / 1e6:.3f} MB), {gz:,} with gzip ({gz / 1e6:.3f} MB), "
             f"{len(result['files'])} requests"]
    for url, (b, g) in sorted(result["files"].items(), key=lambda item: -item[1][0])[:top]:
        lines.append(f"    {b:>10,} {g:>10,}  {url.removeprefix(base)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--all", action="store_true", help="one line for every page as well")
    ap.add_argument("pages", nargs="*")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            if args.pages:
                for name in args.pages:
                    print(report(name, load(browser, args.site, base + name), base, top=40))
                return 0
            results = {name: load(browser, args.site, base + name) for name in pages_of(args.site)}
            essay = essays.works()[0].page
            print(report(f"essay page {essay}", results[essay], base))
            charts = [n for n, r in results.items() if r["has_chart"]]
            if charts:
                heaviest = max(charts, key=lambda n: totals(results[n]["files"])[0])
                print(report(f"heaviest chart page {heaviest}", results[heaviest], base))
            if args.all:
                for name, result in results.items():
                    raw, gz = totals(result["files"])
                    print(f"  {raw:>10,} {gz:>10,}  {name}{'  (chart)' if result['has_chart'] else ''}")
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
