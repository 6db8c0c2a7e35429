"""The edition's plotly.js bundle (_ext/plotly_bundle.js) draws every chart exactly as Plotly's basic bundle does.

Each chart page is shown at 390 and 1280 px, in light and dark mode, once as built and once with npm's
``plotly.js-basic-dist-min`` served in place of the edition's bundle, and the two full-page screenshots must
be equal pixel for pixel; so must the trade chart's second view (its buttons) and a hover label. The
browser and the comparison are the purged-CSS test's (deterministic raster, pixels counted in a canvas).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import LOCAL_HOSTS, ROOT, chart_pages
from .test_purged_css import SETTLED, STILL, browser, comparer  # noqa: F401 (its deterministic browser, fixtures)

pytestmark = pytest.mark.browser

BASIC = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
BUNDLE = "_static/charts/plotly.min.js"
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


def _page(browser, width: int, scheme: str, plotly: Path | None):
    """A page at ``width`` in ``scheme``; with ``plotly``, that file is served as the site's plotly.js."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", device_scale_factor=1)
    context.served = 0

    def route(r) -> None:
        url = urlparse(r.request.url)
        if (url.hostname or "") not in LOCAL_HOSTS:
            return r.abort()
        if plotly is not None and unquote(url.path).lstrip("/") == BUNDLE:
            context.served += 1
            return r.fulfill(path=str(plotly), content_type="text/javascript")
        r.continue_()

    context.route("**/*", route)
    return context, context.new_page()


def _settle(page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    page.add_style_tag(content=STILL)
    page.wait_for_function(SETTLED, arg=scheme, timeout=30_000)
    page.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")


def _views(browser, url: str, width: int, scheme: str, plotly: Path | None) -> dict[str, bytes]:
    context, page = _page(browser, width, scheme, plotly)
    try:
        _settle(page, url, scheme)
        shots = {"page": page.screenshot(full_page=True, animations="disabled", caret="hide")}
        first = page.locator(".chart-plot:visible").first
        if first.count():
            buttons = first.locator(".updatemenu-button")
            if buttons.count() > 1:
                buttons.nth(1).click()
                page.wait_for_timeout(800)
                shots["second view"] = first.screenshot(animations="disabled")
            box = first.locator(".nsewdrag").first.bounding_box()
            for fraction in (0.2, 0.4, 0.6, 0.8):  # the first place along the plot that shows a hover label
                page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
                page.wait_for_timeout(300)
                if first.locator(".hoverlayer .hovertext").count():
                    shots[f"hover at {fraction:.0%}"] = first.screenshot(animations="disabled")
                    break
        if plotly is not None:
            assert context.served, f"{url}: Plotly's basic bundle was not served"
        return shots
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_bundle_draws_every_chart_as_plotlys_basic_bundle(browser, http_url, comparer, width, scheme):
    if not BASIC.exists():
        pytest.fail(f"{BASIC} is missing: `make test` installs it (npm ci)")
    pages = chart_pages()
    assert pages, "no chart page was built"
    failures = []
    for name in pages:
        ours, basic = (_views(browser, http_url + name, width, scheme, plotly) for plotly in (None, BASIC))
        assert ours.keys() == basic.keys(), (name, ours.keys(), basic.keys())
        assert width < 600 or len(ours) > 1, f"{name}: no second view or hover label was shown"
        for view in ours:
            differing = comparer(ours[view], basic[view])["differing"] if ours[view] != basic[view] else 0
            if differing:
                failures.append(f"{name} at {width} px, {scheme}, {view}: {differing:,} pixels")
    assert not failures, "the edition's plotly.js draws differently:\n" + "\n".join(failures)
