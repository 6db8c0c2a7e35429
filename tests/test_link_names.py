"""Names a screen reader can use, checked on every page of the built site (``_ext/link_names.py``).

A link printed as its bare address is named by its source first and still contains what is printed (WCAG 2.2
SC 2.5.3 Label in Name); an author's note reference is "Note 12", an editors' note letter "Editors' note a",
and each back-link says where it goes. No page has an empty heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from edition import hosts
from edition_ext import link_names

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
PAGES = sorted(p for p in SITE.rglob("*.html") if p.relative_to(SITE).parts[0] not in {"_static", "_sources"})


def _text(el) -> str:
    return " ".join(el.text_content().split())


@pytest.fixture(scope="module")
def trees():
    if not PAGES:
        pytest.fail(f"{SITE} is not built: run `make html`")
    return {p.relative_to(SITE).as_posix(): html.parse(str(p)).getroot() for p in PAGES}


def test_links_printed_as_addresses_are_named_by_their_source(trees):
    named, bad = 0, []
    for page, tree in trees.items():
        for a in tree.iter("a"):
            url, text = a.get("href") or "", _text(a)
            if not url.startswith(("http://", "https://")) or not link_names.BARE_ADDRESS.fullmatch(text):
                continue
            expected = f"{hosts.source_name(url)}: {text}"
            if a.get("aria-label") != expected:
                bad.append(f"{page}: {text} is named {a.get('aria-label')!r}, not {expected!r}")
            named += 1
    assert named > 300, f"only {named} links printed as addresses were found; is the site built?"
    assert not bad, "\n".join(bad[:20])


def test_every_host_of_a_printed_address_is_named_or_falls_back_to_itself(trees):
    fallbacks = sorted({hosts.host(a.get("href")) for tree in trees.values() for a in tree.iter("a")
                        if (a.get("href") or "").startswith("http") and link_names.BARE_ADDRESS.fullmatch(_text(a))
                        and hosts.host(a.get("href")) not in hosts.names()})
    # a host the editors have not named is read as the host; that list is short and known
    assert all(re.fullmatch(r"[a-z0-9.-]+", h) for h in fallbacks), fallbacks


def test_note_references_and_back_links_are_named(trees):
    refs = backs = 0
    bad = []
    for page, tree in trees.items():
        for a in tree.xpath('//a[@role="doc-noteref"]'):
            refs += 1
            number = _text(a).strip("[]")
            if a.get("aria-label") != f"Note {number}":
                bad.append(f"{page}: note reference {_text(a)} is named {a.get('aria-label')!r}")
        for a in tree.xpath('//a[@role="doc-backlink"]'):
            backs += 1
            if not re.fullmatch(r"Back to (the text|reference \d+) of note \S+", a.get("aria-label") or ""):
                bad.append(f"{page}: back-link to {a.get('href')} is named {a.get('aria-label')!r}")
    assert refs > 150 and backs > 150, (refs, backs)
    assert not bad, "\n".join(bad[:20])


def test_editors_note_letters_and_their_back_links_are_named(trees):
    marks = 0
    bad = []
    for page, tree in trees.items():
        for a in tree.xpath('//sup[contains(@class, "ednote-mark")]/a'):
            marks += 1
            if a.get("aria-label") != f"Editors' note {_text(a)}":
                bad.append(f"{page}: letter {_text(a)} is named {a.get('aria-label')!r}")
        for a in tree.xpath('//a[re:test(@href, "#ednote-[a-z]-[a-z]{1,2}-ref$")]',
                            namespaces={"re": "http://exslt.org/regular-expressions"}):
            letter = re.search(r"-([a-z]{1,2})-ref$", a.get("href"))[1]
            if a.get("aria-label") != f"Back to the text of editors' note {letter}":
                bad.append(f"{page}: back-link {a.get('href')} is named {a.get('aria-label')!r}")
    assert marks > 100, marks
    assert not bad, "\n".join(bad[:20])


def test_every_name_contains_what_is_printed(trees):
    """SC 2.5.3: the visible words, less symbols (brackets, arrows), occur in the name, whatever its case."""
    bad = []
    for page, tree in trees.items():
        for a in tree.xpath("//a[@aria-label]"):
            words = re.sub(r"[\[\]↩]", "", _text(a)).strip().lower()
            if words not in a.get("aria-label").lower():
                bad.append(f"{page}: {a.get('aria-label')!r} lacks {words!r}")
    assert not bad, "\n".join(bad[:20])


def test_no_page_has_an_empty_heading(trees):
    bad = [f"{page}: <{h.tag}>" for page, tree in trees.items()
           for h in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6|//*[@role='heading']")
           if not _text(h) and not h.xpath(".//img[normalize-space(@alt)]") and not h.get("aria-label")]
    assert not bad, bad


@pytest.mark.parametrize("text, url, expected", [
    ("https://latimes.com/x", "https://latimes.com/x", "Los Angeles Times: https://latimes.com/x"),
    ("www.latimes.com/x", "https://www.latimes.com/x", "Los Angeles Times: www.latimes.com/x"),
    ("https://unlisted.example/x", "https://unlisted.example/x", "unlisted.example: https://unlisted.example/x"),
    ("the Los Angeles Times", "https://latimes.com/x", None),
])
def test_bare_address_name(text, url, expected):
    assert link_names.bare_address_name(text, url) == expected


def test_a_name_is_written_as_text():
    expected = '<a href="#x" aria-label="A &quot;b&quot; &lt;i&gt;">'
    assert link_names._add_attribute('<a href="#x">', 'A "b" <i>') == expected
