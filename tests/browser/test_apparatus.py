"""The apparatus in a real browser: an emendation shows the copy-text's reading on focus and hover, without script."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_emendation_shows_the_original_on_focus_and_hover(page, base_url):
    page.goto(f"{base_url}chapters/wesser.html#tn-w12-ref")
    tip = page.locator("#tn-w12-tip")
    assert not tip.is_visible()
    page.focus("#tn-w12-ref button.emend-mark")
    assert tip.is_visible() and "Averill" in tip.inner_text()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    page.hover("#tn-w12-ref button.emend-mark")
    assert tip.is_visible()
    assert page.locator("#tn-w12-ref .emend-reading").inner_text() == "Averell"


def test_emendation_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}chapters/wesser.html")
    page.focus("#tn-w01-ref button.emend-mark")
    assert page.locator("#tn-w01-tip").is_visible()
    context.close()


def test_textual_note_mark_goes_to_its_note_and_back(page, base_url):
    page.goto(f"{base_url}chapters/wesser.html")
    page.click("#tn-w05-ref")
    assert page.evaluate("location.hash") == "#tn-w05"
    page.click("#tn-w05 dt a")
    assert page.evaluate("location.hash") == "#tn-w05-ref"
    assert page.evaluate("location.pathname").endswith("chapters/wesser.html")


def test_escape_dismisses_the_popover(page, base_url):
    page.goto(f"{base_url}chapters/wesser.html")
    page.focus("#tn-w01-ref button.emend-mark")
    assert page.locator("#tn-w01-tip").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#tn-w01-tip").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.locator("#tn-w01-tip").is_visible()
