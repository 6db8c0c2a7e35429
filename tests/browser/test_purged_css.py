"""Purging the theme's CSS (_ext/purge_css.py) changes no pixel of any page.

Every built page is shown at 390 and 1280 px, in light and dark mode, once as built (purged CSS) and once
with the theme's full stylesheets (kept by the build in ``_build/css-full``, served in their place), and the
two full-page screenshots must be equal pixel for pixel. A few interaction states (the search dialog with
results, the phone's sidebar, a tooltip, an emendation's note, the cite section, another reading mode) are
compared the same way. One browser, one context per variant, width and mode, reused across pages.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from edition import essays
from edition_ext import purge_css

from .conftest import ARGS, CHROMIUM, LOCAL_HOSTS, built_pages

pytestmark = pytest.mark.browser

# Software raster that gives the same pixels for the same layout: without these, text and borders came out
# one or two levels apart between two shots of one page (seen at 1280 px on both essay pages, under load).
DETERMINISTIC = ["--disable-lcd-text", "--disable-font-subpixel-positioning", "--font-render-hinting=none",
                 "--force-color-profile=srgb", "--disable-partial-raster", "--disable-threaded-scrolling",
                 "--disable-threaded-animation", "--run-all-compositor-stages-before-draw"]
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
HEIGHT = 900
# Counts differing pixels of two PNGs in slices (a canvas is at most 32,767 px high), in the browser.
COMPARE = """async ([a, b]) => {
  const load = src => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height)
    return {size: [[x.width, x.height], [y.width, y.height]], differing: Math.max(x.width * x.height, y.width * y.height)};
  let differing = 0;
  const slice = 4096, canvas = document.createElement("canvas"), ctx = canvas.getContext("2d", {willReadFrequently: true});
  canvas.width = x.width;
  for (let top = 0; top < x.height; top += slice) {
    const h = Math.min(slice, x.height - top);
    canvas.height = h;
    ctx.drawImage(x, 0, top, x.width, h, 0, 0, x.width, h);
    const p = ctx.getImageData(0, 0, x.width, h).data;
    ctx.clearRect(0, 0, x.width, h);
    ctx.drawImage(y, 0, top, x.width, h, 0, 0, x.width, h);
    const q = ctx.getImageData(0, 0, x.width, h).data;
    for (let i = 0; i < p.length; i += 4)
      if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2] || p[i + 3] !== q[i + 3]) differing++;
  }
  return {size: [[x.width, x.height]], differing};
}"""
# Settled: web fonts loaded, the theme's script has applied the colour scheme, every chart drawn.
SETTLED = """scheme => document.documentElement.dataset.theme === scheme
  && document.fonts.status === "loaded"
  && [...document.querySelectorAll(".chart-plot")].every(div => div.querySelector(".main-svg"))"""
# No blinking caret, no transitions or animations caught half-way, no smooth scrolling.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }"


@pytest.fixture(scope="module")
def full_css(site_dir: Path) -> dict[str, Path]:
    """The purged stylesheets (site paths) and their full originals, checked against the published site."""
    full = purge_css.full_dir(site_dir)
    manifest_path = full / purge_css.MANIFEST
    if not manifest_path.exists():
        pytest.fail(f"{manifest_path} is missing: `make html` keeps the theme's full CSS there")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    stale = [rel for rel, entry in manifest.items()
             if purge_css._sha256(site_dir / rel) != entry["purged_sha256"] or purge_css._sha256(full / rel) != entry["full_sha256"]]
    assert not stale, f"{full} does not belong to the published {site_dir} ({stale}): run `make html` again"
    theme = "_static/styles/pydata-sphinx-theme.css"
    assert manifest[theme]["purged_bytes"] < manifest[theme]["full_bytes"] / 2, f"{theme} was not purged: {manifest[theme]}"
    return {rel: full / rel for rel in manifest}


@pytest.fixture(scope="module")
def browser(playwright):
    """This module's own browser, with deterministic raster (the suite's shared browser is left as it is), from
    the session's one Playwright."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS + DETERMINISTIC, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def comparer(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>compare</title>")
    yield lambda a, b: page.evaluate(COMPARE, [_data_url(a), _data_url(b)])
    context.close()


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _context(browser, width: int, scheme: str, replace: dict[str, Path] | None):
    """A context at ``width`` in ``scheme``; with ``replace``, those site paths are served from the full CSS."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme=scheme,
                                  reduced_motion="reduce", device_scale_factor=1)
    context.served_full = 0

    def route(r) -> None:
        url = urlparse(r.request.url)
        if url.scheme in ("data", "blob"):
            return r.continue_()
        if (url.hostname or "") not in LOCAL_HOSTS:
            return r.abort()
        rel = unquote(url.path).lstrip("/")
        if replace is not None and rel in replace:
            context.served_full += 1
            return r.fulfill(path=str(replace[rel]), content_type="text/css")
        r.continue_()

    context.route("**/*", route)
    return context


def _shot(page, url: str, scheme: str, full_page: bool = True) -> bytes:
    page.goto(url, wait_until="load")  # then SETTLED, rather than networkidle's fixed half second per page
    page.add_style_tag(content=STILL)
    page.wait_for_function(SETTLED, arg=scheme, timeout=30_000)
    page.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")
    return page.screenshot(full_page=full_page, animations="disabled", caret="hide")


def _differences(comparer, a: bytes, b: bytes) -> str | None:
    if a == b:
        return None
    result = comparer(a, b)
    if result["differing"] == 0:
        return None
    return f"{result['differing']:,} differing pixels (sizes {result['size']})"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_looks_the_same_with_the_purged_css(browser, http_url, full_css, comparer, width, scheme):
    pages = built_pages()
    assert len(pages) > 10, pages
    purged = _context(browser, width, scheme, None)
    full = _context(browser, width, scheme, full_css)
    try:
        a, b = purged.new_page(), full.new_page()
        failures = []
        for name in pages:
            served = full.served_full
            difference = _differences(comparer, _shot(a, http_url + name, scheme), _shot(b, http_url + name, scheme))
            assert full.served_full > served, f"{name}: no stylesheet was served from the full CSS"
            if difference:  # shown again, to tell a real difference from one caught mid-layout
                difference = _differences(comparer, _shot(a, http_url + name, scheme), _shot(b, http_url + name, scheme))
            if difference:
                failures.append(f"{name} at {width} px, {scheme}: {difference}")
        assert not failures, "the purged CSS changes pages:\n" + "\n".join(failures)
    finally:
        purged.close()
        full.close()


def _open_search(page) -> None:
    page.keyboard.press("Control+k")
    page.locator("#dialog-search-q").fill("Litvinov")
    page.locator("#dialog-search-results li").first.wait_for(timeout=30_000)


def _open_sidebar(page) -> None:
    page.locator("button.primary-toggle:visible").first.click()
    page.wait_for_function("document.querySelector('dialog#pst-primary-sidebar-modal, .bd-sidebar-primary')")
    page.wait_for_timeout(300)


def _tooltip(page) -> None:
    page.locator("button.search-button__button").first.hover()
    page.locator(".tooltip.show").wait_for(timeout=10_000)


def _emendation(page) -> None:
    mark = page.locator("button.emend-mark").first
    mark.scroll_into_view_if_needed()
    mark.focus()


def _cite(page) -> None:
    summary = page.locator("details.how-to-cite > summary").first
    summary.scroll_into_view_if_needed()
    summary.click()


def _reading_mode(page) -> None:
    page.locator("#reading-mode-select").select_option(index=1)
    page.wait_for_function("document.documentElement.dataset.reading !== undefined")


def _state_shot(browser, url: str, width: int, scheme: str, act, replace) -> bytes:
    context = _context(browser, width, scheme, replace)
    try:
        page = context.new_page()
        _shot(page, url, scheme, full_page=False)
        act(page)
        page.wait_for_timeout(700)  # Bootstrap's tooltip fades in even with transitions off
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return page.screenshot(animations="disabled", caret="hide")
    finally:
        context.close()


STATES = {"search dialog with results": (_open_search, WIDTHS), "phone sidebar open": (_open_sidebar, (390,)),
          "tooltip": (_tooltip, (1280,)), "emendation note": (_emendation, WIDTHS), "cite section open": (_cite, WIDTHS),
          "another reading mode": (_reading_mode, WIDTHS)}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("state", sorted(STATES))
def test_interaction_states_look_the_same_with_the_purged_css(browser, http_url, full_css, comparer, state, scheme):
    act, widths = STATES[state]
    url = http_url + essays.works()[0].page
    failures = []
    for width in widths:
        difference = _differences(comparer, *(_state_shot(browser, url, width, scheme, act, r) for r in (None, full_css)))
        if difference:  # shown again, to tell a real difference from one caught mid-layout
            difference = _differences(comparer, *(_state_shot(browser, url, width, scheme, act, r) for r in (None, full_css)))
        if difference:
            failures.append(f"{state} at {width} px, {scheme}: {difference}")
    assert not failures, "the purged CSS changes an interaction state:\n" + "\n".join(failures)
