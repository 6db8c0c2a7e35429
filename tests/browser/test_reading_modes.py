"""Reading modes, margin notes, side-by-side views and printing, in Chromium as a reader meets them.

Each mode of the "Show" control hides and shows what it says; the choice holds across pages and visits;
without JavaScript the full apparatus shows; the reading text keeps every word of each copy-text (the
fidelity check of tests/test_fidelity.py, run on what the browser actually shows). The editors' notes stand in
the margin without covering the text at 1280 and 1600 px; a side-by-side view stacks on a phone; a page
prints without navigation; no page scrolls sideways on a phone.
"""

from __future__ import annotations

import pytest
from conftest import words  # tests/conftest.py: the fidelity tests' rule for words
from test_fidelity import copytext, unexplained

from edition import crosslinks, essays

pytestmark = pytest.mark.browser

MARKS = {  # what each mode hides, by the classes the edition gives its marks
    "study": [],
    "notes": [".compare", ".pb", ".tn-mark", ".emend-mark", ".works", ".fig-link"],
    "text": [".ednote", ".ednote-mark", ".compare", ".pb", ".tn-mark", ".emend-mark", ".works", ".fig-link"],
}
ALL_MARKS = MARKS["text"]
ESSAYS = list(essays.keys())

VISIBLE_COUNT = """selector => Array.from(document.querySelectorAll('article ' + selector))
    .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})).length"""

VISIBLE_TEXT = """([root, skip]) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el.closest(skip)) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    out.push(walker.currentNode.textContent);
  }
  return out.join(" ");
}"""
EDITION = ".ed, aside.footnote, .footnote-list, a.footnote-reference, a.headerlink, .prev-next-area, footer, script, style"


def choose(page, mode: str) -> None:
    page.select_option("#reading-mode-select", mode)
    assert page.evaluate("document.documentElement.dataset.reading") == mode


@pytest.mark.parametrize("essay", ESSAYS)
@pytest.mark.parametrize("mode", list(MARKS))
def test_each_mode_hides_and_shows_what_it_says(page, base_url, essay, mode):
    page.goto(f"{base_url}{essays.get(essay).page}")
    assert page.locator(".reading-mode").is_visible()
    choose(page, mode)
    for selector in ALL_MARKS:
        present = page.locator(f"article {selector}").count()
        shown = page.evaluate(VISIBLE_COUNT, selector)
        if selector in MARKS[mode]:
            assert shown == 0, (mode, selector, shown)
        elif present:
            assert shown > 0, (mode, selector)
    # every mode keeps the ¶ numbers and the authors' notes
    assert page.evaluate(VISIBLE_COUNT, "a.para-num") == page.locator("article a.para-num").count()
    assert page.evaluate(VISIBLE_COUNT, "aside.footnote") == page.locator("article aside.footnote").count()


def test_the_mode_holds_across_pages_and_visits(browser, base_url):
    first, second = (essays.get(k).page for k in ESSAYS[:2])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}{first}")
    choose(page, "text")
    page.goto(f"{base_url}{second}")
    assert page.evaluate("document.documentElement.dataset.reading") == "text"
    assert page.input_value("#reading-mode-select") == "text"
    assert page.evaluate(VISIBLE_COUNT, ".pb") == 0
    page.close()
    again = context.new_page()  # a later visit: a new tab of the same browser profile
    again.goto(f"{base_url}{first}")
    assert again.input_value("#reading-mode-select") == "text"
    choose(again, "study")
    again.reload()
    assert again.input_value("#reading-mode-select") == "study"
    context.close()


def test_without_javascript_the_full_apparatus_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for key in ESSAYS:
        page.goto(f"{base_url}{essays.get(key).page}")
        assert not page.locator(".reading-mode").is_visible()
        for selector in ALL_MARKS:
            if page.locator(f"article {selector}").count():
                assert page.evaluate(VISIBLE_COUNT, selector) > 0, (key, selector)
        # on a phone the editors' notes stay open after their paragraph
        assert page.evaluate(VISIBLE_COUNT, ".ednote") == page.locator("article .ednote").count()
    context.close()


@pytest.mark.parametrize("essay", ESSAYS)
def test_the_reading_text_keeps_every_word(page, base_url, essay):
    page.goto(f"{base_url}{essays.get(essay).page}")
    choose(page, "text")
    source, notes = copytext(essay)
    shown = words(page.evaluate(VISIBLE_TEXT, [page.locator("article.bd-article").element_handle(), EDITION]))
    ratio, problems = unexplained(essay, source, shown)
    assert not problems and ratio == 1.0, problems
    for number, expected in notes.items():
        note = page.locator(f"#{essay}-n{number}").element_handle()
        got = words(page.evaluate(VISIBLE_TEXT, [note, ".ed, .label"]))
        assert got == expected, number


@pytest.mark.parametrize("width", [1280, 1600])
def test_margin_notes_do_not_cover_the_text(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for key in ESSAYS:
        page.goto(f"{base_url}{essays.get(key).page}")
        boxes = page.evaluate("""() => {
          const rect = el => { const r = el.getBoundingClientRect();
            return {x: r.left, y: r.top + scrollY, r: r.right, b: r.bottom + scrollY, id: el.id || el.className}; };
          const notes = Array.from(document.querySelectorAll('article .ednote')).filter(el => el.checkVisibility());
          const text = Array.from(document.querySelectorAll(
              'article p, article h1, article h2, article h3, article li, article aside.footnote, article details.compare'))
            .filter(el => !el.closest('.ednote') && el.checkVisibility());
          return {notes: notes.map(rect), text: text.map(rect), width: document.documentElement.clientWidth};
        }""")
        assert boxes["notes"], key
        overlap = lambda a, b: a["x"] < b["r"] - 0.5 and b["x"] < a["r"] - 0.5 and a["y"] < b["b"] - 0.5 and b["y"] < a["b"] - 0.5
        for note in boxes["notes"]:
            assert note["r"] <= boxes["width"], (key, note)
            hits = [t["id"] for t in boxes["text"] if overlap(note, t)]
            assert not hits, (key, width, note["id"], hits[:3])
        for i, a in enumerate(boxes["notes"]):
            assert not [b["id"] for b in boxes["notes"][i + 1:] if overlap(a, b)], (key, a["id"])
        # beside the text, not under it: every note starts right of the column of text
        column = max(t["r"] for t in boxes["text"])
        assert all(n["x"] >= column - 1 for n in boxes["notes"]), key
    context.close()


def test_a_folded_note_opens_in_place_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}{essays.get(ESSAYS[0]).page}")
    letter = page.locator("article .ednote-mark a").first
    box = page.locator(f"#{letter.get_attribute('href')[1:]}")
    assert letter.get_attribute("aria-expanded") == "false" and not box.is_visible()
    letter.click()
    assert letter.get_attribute("aria-expanded") == "true" and box.is_visible()
    para = page.locator(f"#{letter.get_attribute('href')[1:]}").locator("xpath=ancestor::div[contains(@class,'para')][1]")
    text = para.locator("> p").first.bounding_box()
    assert box.bounding_box()["y"] >= text["y"] + text["height"] - 1  # after its paragraph's text
    letter.click()
    assert not box.is_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_side_by_side_view(page, base_url, width):
    topic = max(crosslinks.load(), key=lambda t: len(t.paragraphs))
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base_url}chapters/topic-{topic.topic_id}.html")
    cols = [c.bounding_box() for c in page.locator(".sbs > .sbs-col").all()]
    assert len(cols) == len(topic.paragraphs)
    if width == 390:  # stacked: each column below the one before, full width
        assert all(b["y"] >= a["y"] + a["height"] - 1 for a, b in zip(cols, cols[1:]))
    else:  # side by side: the columns start level
        assert len({round(c["y"]) for c in cols}) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".sbs-contrast").is_visible()
    first = page.locator("a.sbs-num").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url("**/chapters/" + href)
    page.wait_for_load_state()
    assert page.evaluate("document.querySelector(location.hash).matches(':target')")
    assert not page.external_requests and not page.console_errors


def test_a_compare_line_opens_to_its_side_by_side_view(page, base_url):
    topic = crosslinks.load()[0]
    key, pids = next(iter(topic.paragraphs.items()))
    page.goto(f"{base_url}{essays.get(key).page}#{pids[0]}")
    line = page.locator(f"#{pids[0]} + details.compare, #{pids[0]} ~ details.compare").first
    line.locator("summary").click()
    line.locator(f'a[href="topic-{topic.topic_id}.html"]').click()
    page.wait_for_url(f"**/chapters/topic-{topic.topic_id}.html")
    assert page.url.split("#")[0].endswith(f"chapters/topic-{topic.topic_id}.html")
    assert page.locator(".sbs-col").count() == len(topic.paragraphs)


@pytest.mark.parametrize("essay", ESSAYS)
@pytest.mark.parametrize("mode", ["study", "text"])
def test_an_essay_prints_as_a_clean_handout(page, base_url, mode, essay):
    page.goto(f"{base_url}{essays.get(essay).page}")
    choose(page, mode)
    page.emulate_media(media="print")
    for selector in (".bd-sidebar-primary", ".bd-header", ".bd-sidebar-secondary", ".prev-next-area", ".reading-mode",
                     "details.how-to-cite"):
        assert page.evaluate(f"Array.from(document.querySelectorAll('{selector}')).some(el => el.checkVisibility())") is False, selector
    assert page.evaluate(VISIBLE_COUNT, "a.para-num") == page.locator("article a.para-num").count()
    number = page.locator("article a.para-num").first.bounding_box()
    assert number["x"] >= 0  # the ¶ numbers are printed on the page, not cut off in its margin
    assert page.evaluate(VISIBLE_COUNT, "aside.footnote") == page.locator("article aside.footnote").count()
    # every cited web source shows its address: as the link's text, or printed after it
    urls = page.evaluate("""() => Array.from(document.querySelectorAll('article a[href^="http"]'))
        .filter(a => a.checkVisibility())
        .map(a => [a.getAttribute('href'), a.textContent.trim(), getComputedStyle(a, '::after').content])""")
    assert all(text == href or href in after for href, text, after in urls), [u for u in urls if u[1] != u[0]][:3]
    if mode == "study":
        assert urls, "the cited web sources (the editors' sources, the bibliographies) are missing from the print"
    pdf = page.pdf(format="Letter")
    assert pdf[:4] == b"%PDF"


def test_no_page_scrolls_sideways_on_a_phone(browser, http_url, site_page):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{http_url}{site_page}")
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                      && el.checkVisibility() && !el.closest('.bd-sidebar-primary, .bd-sidebar-secondary'))
        .slice(0, 3).map(el => el.tagName + '.' + el.className)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    context.close()
