"""Hostile values in Chromium: the fixture book of tests/hostile_cases.py opens with no dialog, no request
beyond its own files, no script error, and every case shown as its words."""

from __future__ import annotations

import pytest
from hostile_cases import INERT, build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    result, out = build(tmp_path_factory.mktemp("hostile-browser"), "html")
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_hostile_values_run_nothing_in_chromium(page, hostile_site):
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((hostile_site / "index.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    # Hover and focus everything in the text: an inline handler would fire now.
    for element in page.query_selector_all("div.body *")[:400]:
        element.dispatch_event("mouseover")
        element.dispatch_event("focus")
    page.wait_for_timeout(200)
    assert dialogs == []
    own = (hostile_site.as_uri() + "/")
    assert [u for u in requests if not u.startswith(own)] == []
    assert page.console_errors == []
    assert page.evaluate("""() => [...document.querySelectorAll('div.body [href], div.body [src]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src'))
        .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u))""") == []
    text = " ".join(page.inner_text("div.body").split())
    for value in (r"\input{/etc/hostname}", "&lt;script&gt;alert(1)&lt;/script&gt;", "[click](javascript:alert(1))",
                  "<script>alert(\"x\")</script>", "{ref}`x <persons>`"):
        assert value in text, value
    assert text.count("end.") >= 2 * len(INERT)
