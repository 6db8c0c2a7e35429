"""Every built page, served on 127.0.0.1 and opened from disk: no console errors, nothing from the network."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_page_loads_without_errors_or_outside_requests(page, base_url, site_page):
    page.goto(base_url + site_page, wait_until="networkidle")
    assert page.title(), f"{site_page} has no title"
    assert page.console_errors == [], f"{site_page} logs errors"
    assert page.external_requests == [], f"{site_page} asks hosts other than localhost"


def test_dark_mode_follows_the_readers_preference(page, http_url):
    page.emulate_media(color_scheme="dark")
    page.goto(http_url + "chapters/wesser.html", wait_until="networkidle")
    # the theme's script applies the reader's scheme after load; on a busy machine that can follow networkidle
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
