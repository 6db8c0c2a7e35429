"""Citing in a real browser: a ¶ number copies its paragraph's address and a pinpoint citation and says so;
the how-to-cite section copies its citations; without JavaScript everything still reads and links."""

from __future__ import annotations

import pytest
from edition import metadata

VERSION = metadata.version()

pytestmark = pytest.mark.browser

STATUS = '[role="status"][aria-live="polite"]'
PINPOINT_START = "Robert M. Wesser, “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947,” in Two Essays"


def open_essay(page, base_url: str):
    if base_url.startswith("http"):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(f"{base_url}chapters/wesser.html")


def own_errors(page) -> list[str]:
    # Every page's console is checked by the page suite; here only this feature's messages count.
    return [e for e in page.console_errors if "how_to_cite" in e or "clipboard" in e.lower()]


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_clicking_a_paragraph_number_copies_its_address_and_a_citation(page, base_url):
    open_essay(page, base_url)
    page.click("#wesser-12 a.para-num")
    assert page.evaluate("location.hash") == "#wesser-12"
    assert page.locator("#wesser-12").evaluate("el => el.matches(':target')")
    status = page.locator(STATUS)
    status.wait_for(state="attached")
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent.includes('¶ 12')")
    message = status.inner_text()
    address = page.evaluate("location.href")
    if base_url.startswith("http"):
        copied = clipboard(page)
        # The message shows what was copied; without a public address a page served over http(s) cites the
        # address it is read at.
        assert message.startswith(f"Copied a citation of ¶ 12: {copied}")
        assert copied.startswith(PINPOINT_START)
        assert copied.endswith(f"version {VERSION} (2026), para. 12, {base_url}chapters/wesser.html#wesser-12.")
    else:
        # Opened from disk the clipboard may be refused; the reader is then shown the citation to copy by hand.
        assert "para. 12 (the edition has no public address yet)." in message
        assert "file:" not in message
    assert own_errors(page) == [] and page.external_requests == []


@pytest.mark.parametrize("key", ["Enter", " "])
def test_a_paragraph_number_answers_the_keyboard(page, http_url, key):
    open_essay(page, http_url)
    link = page.locator("#wesser-30 a.para-num")
    link.focus()
    page.keyboard.press(key)
    page.wait_for_function(f"((document.querySelector('{STATUS}') || {{}}).textContent || '').startsWith("
                           "'Copied a citation of ¶ 30:')")
    assert page.evaluate("location.hash") == "#wesser-30"
    assert clipboard(page).endswith(f"para. 30, {http_url}chapters/wesser.html#wesser-30.")


def test_a_tap_copies_too(browser, http_url):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=http_url.rstrip("/"))
        page = context.new_page()
        page.goto(f"{http_url}chapters/phillips.html")
        page.locator("#phillips-5 a.para-num").tap()
        page.wait_for_function(f"(document.querySelector('{STATUS}') || {{}}).textContent.includes('¶ 5')")
        assert page.evaluate("location.hash") == "#phillips-5"
        assert page.evaluate("navigator.clipboard.readText()").startswith("Hugh Phillips, “Maxim M. Litvinov")
    finally:
        context.close()


def test_the_how_to_cite_section_copies_a_citation(page, http_url):
    open_essay(page, http_url)
    section = page.locator("details.how-to-cite")
    section.locator("summary").click()
    button = section.get_by_role("button", name="Copy MLA 9, works cited").first
    button.click()
    page.wait_for_function(f"((document.querySelector('{STATUS}') || {{}}).textContent || '')"
                           ".startsWith('Copied MLA 9, works cited: Wesser')")
    # Rich text for a word processor: the edition's title keeps its italics in text/html.
    html = page.evaluate("""navigator.clipboard.read().then(items => items[0].getType('text/html'))
                            .then(blob => blob.text())""")
    assert "<em>Two Essays on Soviet–American Relations, 1917–1947: A Critical Edition</em>" in html
    assert clipboard(page) == ("Wesser, Robert M. “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947.” 2021. "
                               f"Two Essays on Soviet–American Relations, 1917–1947: A Critical Edition, version {VERSION}, "
                               f"2026, {http_url}chapters/wesser.html.")
    assert own_errors(page) == []


def test_without_javascript_the_citations_read_and_the_anchors_work(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}chapters/wesser.html")
        section = page.locator("details.how-to-cite")
        section.locator("summary").click()  # <details> opens without script
        assert "Chicago, note" in section.inner_text()
        assert section.locator("button").count() == 0  # no dead copy buttons
        page.click("#wesser-12 a.para-num")
        assert page.evaluate("location.hash") == "#wesser-12"
        assert page.locator("#wesser-12").evaluate("el => el.matches(':target')")
    finally:
        context.close()


def test_every_permalink_resolves_to_its_paragraph(page, http_url):
    """Every ¶ number on both essay pages links to the element that carries the paragraph's id."""
    for essay in ("wesser", "phillips"):
        page.goto(f"{http_url}chapters/{essay}.html")
        broken = page.evaluate("""() => Array.from(document.querySelectorAll('a.para-num')).filter(a => {
            const id = a.getAttribute('href').slice(1);
            const target = document.getElementById(id);
            return !target || !target.classList.contains('para') || !target.contains(a) || a.dataset.para !== id;
        }).map(a => a.getAttribute('href'))""")
        assert broken == []
        assert page.locator("a.para-num").count() > 30
