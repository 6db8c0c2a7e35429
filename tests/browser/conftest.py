"""Browser fixtures: the built edition served on 127.0.0.1 and opened from disk, in Debian's Chromium.

Every page a test opens records its console errors and any request to a host other than localhost
(such requests are also blocked, so the edition is tested as it works offline), and the bytes of
every response it received. A test that takes ``site_page`` runs once for every built HTML page.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHART_MARKS = ('class="chart-plot', 'class="plotly-graph-div')  # the edition's chart div; Plotly's own
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


def built_pages() -> list[str]:
    """Every page of the built site, as paths relative to its root (the theme's own files excluded)."""
    # 404.html is the server's answer at any address, with absolute links: tests/browser/test_published.py.
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if p.relative_to(SITE).parts[0] not in {"_static", "_sources"} and p.name != "404.html")


def chart_pages() -> list[str]:
    """The built pages that hold a chart."""
    return [p for p in built_pages() if any(mark in (SITE / p).read_text(encoding="utf-8") for mark in CHART_MARKS)]


def pytest_generate_tests(metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        # an unbuilt site still yields one case, which fails in `site_dir` with the fix
        metafunc.parametrize("site_page", built_pages() or ["index.html"])
    if "chart_page" in metafunc.fixturenames:
        metafunc.parametrize("chart_page", chart_pages())


def _serious_violations(page, rules: list[str] | None = None) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else {}
    violations = page.evaluate("async options => (await axe.run(document, options)).violations", options)
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def axe():
    """``axe(page)``: axe-core's serious and critical violations on the loaded page (all rules, or ``rules=[...]``)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from npm")
    return _serious_violations


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} is not built: run `make html` (or `make test`, which builds first)")
    return SITE


@pytest.fixture(scope="session")
def http_url(site_dir: Path):
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session", params=["http", "file"])
def base_url(request, http_url: str, site_dir: Path) -> str:
    """The site's root URL, once served on 127.0.0.1 and once opened straight from disk."""
    return http_url if request.param == "http" else site_dir.as_uri() + "/"


@pytest.fixture(scope="session")
def playwright():
    """The one Playwright of the session: its sync API cannot be started twice in one thread."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.external_requests = []
    page.received_bytes = {}

    def on_console(msg) -> None:
        if msg.type == "error":
            page.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def on_route(route) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("file:", "data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.external_requests.append(url)
            route.abort()

    def on_finished(request) -> None:
        page.received_bytes[request.url] = request.sizes()["responseBodySize"]

    page.on("console", on_console)
    page.on("requestfinished", on_finished)
    page.on("pageerror", lambda exc: page.console_errors.append(f"uncaught: {exc}"))
    context.route("**/*", on_route)
    yield page
    context.close()
