"""The edition as a host publishes it: the 404 page answering a missing address at any depth, and citations
that, without a public address, give the address a served page is read at (and from disk say there is none)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from edition import essays

pytestmark = pytest.mark.browser


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Answers a missing address with 404.html and status 404, as GitHub Pages does."""

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(site_dir):
    handler = functools.partial(type("H", (PagesHandler,), {"directory_path": site_dir}), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("missing", ["no-such-page.html", "chapters/no/such/deep/page.html"])
def test_a_missing_address_at_any_depth_gets_the_styled_404_page(page, pages_url, missing):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != pages_url + missing else None)
    response = page.goto(pages_url + missing, wait_until="networkidle")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    assert failed == [], "the 404 page's styles and scripts load from any depth"
    # the theme's stylesheet applied: the sidebar is laid out, not a bare list
    assert page.locator(".bd-sidebar-primary").evaluate("el => getComputedStyle(el).display") != "inline"
    page.get_by_role("link", name="the edition's first page").click()
    page.wait_for_load_state()
    assert page.url == pages_url + "index.html"


@pytest.mark.parametrize("work", essays.works()[:1], ids=lambda w: w.key)
def test_served_without_an_address_the_citations_give_the_address_read_at(page, http_url, work):
    page.goto(http_url + work.page)
    section = page.locator("details.how-to-cite")
    section.locator("summary").click()
    text = section.locator(".cite-text").first.inner_text()
    assert f"{http_url}{work.page}" in text
    page.goto(http_url + "index.html")
    assert http_url in page.locator("details.how-to-cite .cite-text").first.text_content()


def test_from_disk_the_citations_keep_saying_there_is_no_address(page, site_dir):
    work = essays.works()[0]
    page.goto((site_dir / work.page).as_uri())
    page.wait_for_load_state("networkidle")
    texts = page.locator("details.how-to-cite .cite-text").all_text_contents()
    assert texts and not any("file:" in t for t in texts)
    assert any(f" {work.page}" in t for t in texts)
