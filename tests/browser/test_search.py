"""The passage search as a reader uses it, served and from disk: a phrase finds its paragraph or note first,
the click lands on it and marks it, typing shows results, the filters hold, excerpts carry no editorial
marks, the page loads nothing of the search until it is used, and axe finds nothing serious."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest

from edition import essays

pytestmark = pytest.mark.browser

# (a reader's phrase, the anchor of the one passage that has it): paragraphs, authors' notes, editors' notes,
# an editors' chapter and the glossary; some typed without the accent or punctuation of the text
PHRASES = [
    ("democracy across the ocean", "wesser-1"),
    ("world view that was apparently unclouded", "phillips-2"),
    ("further confrontation with the United States", "wesser-24"),
    ("In an effort to appear to be honoring", "wesser-n78"),
    ("Litvinov supervised the expenditure of millions", "phillips-n10"),
    ("Eighteenth Party Congress, quoted next", "ednote-w-g"),
    ("charge in Denmark Osborne", "ednote-p-d"),
    ("An argument stands or falls on its evidence", "the-authors-and-the-essays"),
    ("for supplying war material to countries", "term-lend-lease"),
]
RESULT = ".passage-search__results li a"
# a work's paragraph or author's note (the comparison chapter's numbered paragraphs have the same form)
WORK_ANCHOR = re.compile(rf"#(?P<key>{'|'.join(essays.keys())})-(?:f?\d+|n\d+)$")


def _normal(text: str) -> str:
    import unicodedata

    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text.lower()))


def _search(page, base_url: str, query: str, **filters) -> list[dict]:
    params = "&".join(f"{k}={quote_plus(v)}" for k, v in {"q": query, **filters}.items())
    page.goto(f"{base_url}search.html?{params}")
    page.locator(RESULT).first.wait_for(timeout=15_000)
    return _results(page)


def _results(page, scope: str = "") -> list[dict]:
    return page.eval_on_selector_all(f"{scope} {RESULT}", """links => links.map(a => ({
        href: a.getAttribute('href').replace(/^(?:[.][/])+/, ''), where: a.querySelector('.passage-search__where').textContent,
        excerpt: a.querySelector('.passage-search__excerpt').textContent,
        marked: [...a.querySelectorAll('mark')].map(m => m.textContent)}))""")


@pytest.mark.parametrize("phrase,anchor", PHRASES)
def test_a_phrase_finds_its_passage_first_and_the_click_lands_on_it(page, base_url, phrase, anchor):
    results = _search(page, base_url, phrase)
    assert results[0]["href"].endswith("#" + anchor), [r["href"] for r in results[:5]]
    page.locator(RESULT).first.click()
    page.wait_for_function("id => document.querySelector(':target')?.id === id", arg=anchor)
    page.wait_for_load_state()
    target = page.evaluate("""() => { const t = document.querySelector(':target'); if (!t) return null;
        const r = t.getBoundingClientRect();
        // the passage is marked, or a section by its heading
        const marked = [t, t.tagName === 'SECTION' && t.firstElementChild].filter(Boolean).some(el => {
          const s = getComputedStyle(el); return s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.outlineStyle !== 'none'; });
        // an editors' note's label is its first paragraph; its sources, folded, are in the same box
        const box = t.closest('.ednote') || t;
        return {id: t.id, text: box.textContent, top: r.top, bottom: r.bottom, height: innerHeight, marked}; }""")
    assert target and target["id"] == anchor, target
    assert target["bottom"] > 0 and target["top"] < target["height"], f"{anchor} is not in view: {target}"
    assert target["marked"], f"{anchor} is not marked on arrival"
    assert _normal(phrase) in _normal(target["text"])
    assert page.console_errors == []


def test_the_students_question_brings_essay_passages_first(page, base_url):
    results = _search(page, base_url, "Was the Soviet-American partnership doomed after 1945?")
    top = [r["href"] for r in results[:5]]
    assert all(WORK_ANCHOR.search(h) for h in top), top
    glossary = next((i for i, r in enumerate(results) if "glossary" in r["href"]), len(results))
    assert glossary >= 10, f"a glossary entry is result {glossary + 1}"


def test_a_result_shows_where_it_stands_and_marks_the_match(page, base_url):
    results = _search(page, base_url, "Sudetenland")
    first = results[0]
    assert first["href"].endswith("#wesser-8") and first["where"].startswith("Wesser") and "¶ 8" in first["where"]
    assert all(m.lower() == "sudetenland" for r in results for m in r["marked"]) and first["marked"]
    status = page.locator(".bd-search-container .passage-search__status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.match(r"\d+ passages? for “Sudetenland”; the first: Wesser ¶ 8\.", status.inner_text())


@pytest.mark.parametrize("query,variant", [("Litvinoff", "Litvinov"), ("loan", "loans"), ("LOANS", "loan"),
                                           ("Chichérin", "Chicherin"), ("Sudetenlamd", "Sudetenland")])
def test_case_accents_a_typo_and_plurals_are_forgiven(page, base_url, query, variant):
    found = _search(page, base_url, query)
    expected = _search(page, base_url, variant)
    assert found[0]["href"] in [r["href"] for r in expected[:3]], (found[:3], expected[:3])


def test_no_excerpt_glues_a_mark_to_a_word(page, base_url):
    excerpts = []
    for query in ("opposition", "Sudetenland 1939", "Elliott Roosevelt", "Chicherin", "Roosevelt’s"):
        excerpts += [r["excerpt"] for r in _search(page, base_url, query)]
    for text in excerpts:
        assert not re.search(r"[‖°]", text), text
        assert not re.search(r"\w(?:[WP]\d\d|¶)", text), text  # a textual-note number or ¶ glued to a word
    assert not [t for t in excerpts if re.search(r"\b(?:oppositionn|Sudetenlandg|1939W09)\b", t)]


def test_typing_in_the_dialog_shows_results_as_you_go(page, base_url):
    work = essays.works()[1]
    page.goto(base_url + work.page, wait_until="load")
    page.locator(".search-button__button:visible").first.click()
    box = page.locator("#dialog-search-q")
    box.wait_for()
    assert box.evaluate("el => el === document.activeElement")
    box.press_sequentially("Litvi", delay=60)
    page.locator(f"#dialog-search-results li a").first.wait_for(timeout=15_000)
    assert "Litvi" in _results(page, "#pst-search-dialog")[0]["excerpt"]
    box.press_sequentially("nov Roosevelt portrait", delay=30)
    page.wait_for_function("() => document.querySelector('#dialog-search-results a')?.getAttribute('href').endsWith('#phillips-1')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#dialog-search-results') !== null")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#phillips-1'")
    assert page.evaluate("document.getElementById('pst-search-dialog').open") is False
    assert page.console_errors == []


@pytest.mark.parametrize("work", [w.key for w in essays.works()])
def test_the_work_filter_keeps_to_one_work(page, base_url, work):
    label = essays.get(work).label
    results = _search(page, base_url, "Litvinov Stalin", work=work)
    assert results and all(r["href"].startswith(f"chapters/{work}.html#") and r["where"].startswith(label)
                           for r in results), results[:3]


def test_the_filters_divide_the_authors_text_from_the_editors_apparatus(page, base_url):
    authors = _search(page, base_url, "Litvinov Stalin", part="authors")
    assert all(WORK_ANCHOR.search(r["href"]) for r in authors), [r["href"] for r in authors if not WORK_ANCHOR.search(r["href"])]
    editors = _search(page, base_url, "Litvinov Stalin", part="editors")
    assert editors and not [r["href"] for r in editors if WORK_ANCHOR.search(r["href"])]
    assert any("ednote-" in r["href"] for r in editors)
    glossary = "for supplying war material to countries"
    assert _search(page, base_url, glossary, part="editors")[0]["href"].endswith("#term-lend-lease")
    assert not [r for r in _search(page, base_url, glossary, part="authors") if "glossary" in r["href"]]
    # chosen in the form, the filter applies at once and is kept in the address
    page.locator("#page-search-results").locator("xpath=..").locator("select[name=part]").select_option("authors")
    page.wait_for_function("new URLSearchParams(location.search).get('part') === 'authors'")
    assert all(WORK_ANCHOR.search(r["href"]) for r in _results(page, ".bd-search-container"))


def test_an_essay_page_loads_no_part_of_the_search_until_it_is_used(page, http_url):
    page.goto(http_url + essays.works()[0].page, wait_until="networkidle")
    assert not [u for u in page.received_bytes if "passage_search" in u]
    page.locator(".search-button__button:visible").first.click()
    page.locator("#dialog-search-q").press_sequentially("loan")
    page.locator("#dialog-search-results li").first.wait_for(timeout=15_000)
    loaded = sorted(u.rsplit("/", 1)[-1] for u in page.received_bytes if "passage_search" in u)
    assert loaded == ["minisearch.js", "passages.js", "search.js"]


def test_the_search_has_a_visible_label_and_its_icon_covers_nothing(page, base_url):
    page.goto(base_url + "search.html")
    box = page.locator("#page-search-q")
    box.focus()
    label = page.locator("label[for=page-search-q]")
    assert label.is_visible() and label.inner_text().strip()
    icon = page.locator(".bd-search-container .passage-search__icon").bounding_box()
    field = box.bounding_box()
    box.fill("W")
    text_left = field["x"] + float(box.evaluate("el => parseFloat(getComputedStyle(el).paddingLeft)"))
    assert icon["x"] + icon["width"] <= text_left, (icon, field)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_the_search(page, base_url, axe, scheme):
    page.emulate_media(color_scheme=scheme)
    _search(page, base_url, "Litvinov loan")
    assert axe(page) == []
    page.goto(base_url + essays.works()[0].page)
    page.locator(".search-button__button:visible").first.click()
    page.locator("#dialog-search-q").fill("Sudetenland")
    page.locator("#dialog-search-results li").first.wait_for(timeout=15_000)
    assert axe(page) == []
