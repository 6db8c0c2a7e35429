"""Accessibility as axe-core and a keyboard-only reader find it, in light and dark mode."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MAX_TABS = 400


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(page, axe, http_url, site_page, scheme):
    page.emulate_media(color_scheme=scheme)
    query = "?q=Litvinov" if site_page == "search.html" else ""  # a results page, highlights included
    page.goto(http_url + site_page + query, wait_until="networkidle")
    if query:
        page.locator("#page-search-results li").first.wait_for()
    # the theme's script applies the reader's scheme after load; on a busy machine that can follow networkidle
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    assert axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("target", ["chapters/wesser.html#wesser-3", "chapters/phillips.html#phillips-n41"])
def test_what_a_link_lands_on_keeps_its_contrast(page, axe, http_url, target, scheme):
    """The marked paragraph (with a page-break mark) or note that a permalink or note link opens."""
    page.emulate_media(color_scheme=scheme)
    page.goto(http_url + target, wait_until="networkidle")
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    assert axe(page, rules=["color-contrast"]) == []


def _tab_until(page, selector: str) -> bool:
    """Press Tab until the focused element matches ``selector``; False if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return True
    return False


def test_keyboard_reaches_search(page, http_url):
    page.goto(http_url + "chapters/wesser.html", wait_until="networkidle")
    assert _tab_until(page, "button.search-button-field")
    page.keyboard.press("Enter")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for()
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("democracy across the ocean")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.locator("#page-search-results li a").first.wait_for()
    assert "chapters/wesser.html" in page.locator("#page-search-results li a").first.get_attribute("href")


def test_keyboard_reaches_permalinks_and_notes(page, http_url):
    page.goto(http_url + "chapters/phillips.html", wait_until="networkidle")
    assert _tab_until(page, "a.para-num")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash").startswith("#phillips-")
    assert _tab_until(page, "a.footnote-reference")
    note_ref = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == note_ref
    note = page.locator(note_ref)
    assert note.evaluate("el => el.matches(':target')")
    assert note.locator('a[role="doc-backlink"]').count() > 0
