""""Cite in another style" in a real browser: nothing of it loads with the page; asked for, it finds a style
by name (a dependent style through its parent), renders the paragraph citation with citeproc-js, copies it
in one action, and works from file:// and by keyboard alone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STATUS = '.cite-status[role="status"][aria-live="polite"]'


def requested(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


def test_nothing_of_it_loads_with_the_page(page, base_url):
    page.goto(f"{base_url}chapters/wesser.html")
    page.wait_for_load_state("load")
    assert not [u for u in requested(page) if "/csl/" in u or "cite_any_style" in u]


def test_a_paragraph_cited_in_apa_by_keyboard(page, base_url):
    page.goto(f"{base_url}chapters/wesser.html")
    page.locator("#wesser-12 a.para-num").focus()
    page.keyboard.press("Enter")
    button = page.locator(f"{STATUS} button.cite-any-open")
    button.wait_for()
    button.focus()
    page.keyboard.press("Enter")
    search = page.get_by_role("combobox", name="Search the styles by name")
    search.wait_for()
    assert page.evaluate("document.activeElement.id") == "cite-any-q"
    assert page.locator("#cite-any-para").input_value() == "12"
    page.keyboard.type("APA Style 7th edition")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    citation = page.locator(".cite-any-citation")
    citation.wait_for()
    assert citation.inner_text() == "(Wesser, 2021/2026, para. 12)"
    assert page.locator(".cite-any-bib").inner_text().startswith("Wesser, R. M. (2026).")
    assert page.evaluate("document.activeElement.textContent") == "Copy"
    assert page.external_requests == []


def test_a_dependent_style_renders_through_its_parent(page, http_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=http_url.rstrip("/"))
    page.goto(f"{http_url}chapters/phillips.html")
    page.locator("details.how-to-cite summary").click()
    page.get_by_role("button", name="Cite in another style").click()
    page.get_by_role("combobox", name="Search the styles by name").fill("Business History")
    page.locator("#cite-any-list li").first.click()
    page.locator(".cite-any-citation").wait_for()
    assert "uses" in page.locator(".cite-any-style").inner_text()
    page.locator("dialog.cite-any button.cite-copy:not(.cite-any-close)").click()
    # One action: the Copy button puts the rendered citation on the clipboard, or shows it to copy by hand.
    page.wait_for_function(f"((document.querySelector('{STATUS}') || {{}}).textContent || '').includes('Phillips')")
