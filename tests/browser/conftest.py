"""Browser fixtures: the built edition served on 127.0.0.1 and opened from disk, in Debian's Chromium.

Every page a test opens records its console errors and any request to a host other than localhost
(such requests are also blocked, so the edition is tested as it works offline).
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
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


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
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.external_requests = []

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

    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.console_errors.append(f"uncaught: {exc}"))
    context.route("**/*", on_route)
    yield page
    context.close()
