"""The authors' notes: all there, numbered as in the original, anchored in the text, linking both ways."""

from __future__ import annotations

import re

import pytest
from conftest import article, chapter

from edition import ROOT, essays, ids

EXPECTED = {"wesser": 83, "phillips": 64}


def test_note_counts_and_order(essay):
    soup = chapter(essay)
    asides = article(soup).select("aside.footnote")
    refs = article(soup).select("a.footnote-reference")
    assert len(asides) == EXPECTED[essay]
    assert len(refs) == EXPECTED[essay]
    assert [int(a.select_one("span.label").get_text().strip("[]")) for a in asides] == list(range(1, EXPECTED[essay] + 1))
    assert [int(r.get_text().strip("[]")) for r in refs] == list(range(1, EXPECTED[essay] + 1))


def test_each_note_is_anchored_in_a_paragraph_and_links_back(essay):
    soup = chapter(essay)
    for n in range(1, EXPECTED[essay] + 1):
        note = soup.find(id=ids.note(essay, n))
        ref = soup.find(id=f"{ids.note(essay, n)}-ref")
        assert note is not None and note.name == "aside", n
        assert ref is not None and ref["href"] == f"#{ids.note(essay, n)}", n
        assert ref.find_parent("div", class_="para") is not None, f"note {n} is not anchored in a paragraph"
        assert note.select_one('a[role="doc-backlink"]')["href"] == f"#{ids.note(essay, n)}-ref", n


def test_no_footnote_printed_literally(essay):
    text = chapter(essay).get_text()
    assert not re.search(r"\[\^[^\]]*\]", text)


@pytest.mark.parametrize("essay_", essays.keys())
def test_generated_chapter_defines_each_note_once(essay_):
    source = (ROOT / f"{essays.get(essay_).docname}.md").read_text(encoding="utf-8")
    defined = re.findall(r"^\[\^(\d+)\]:", source, flags=re.M)
    used = re.findall(r"\[\^(\d+)\](?!:)", source)
    assert defined == used == [str(n) for n in range(1, EXPECTED[essay_] + 1)]
