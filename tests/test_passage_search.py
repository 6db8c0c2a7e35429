"""The search's index of passages, read from the built site: every paragraph, author's note and editors' note
of each work is an entry, its words are the words the page prints without the edition's marks, the
library keeps its licence beside it, and the pages carry only the loader."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import HTML, chapter

from edition import essays, ids

ASSETS = HTML / "_static" / "passage_search"
# the edition's marks: ¶ numbers, ‖ p. n, °, textual-note and editors' letters, note numbers in the text and
# before the note
MARKS = ".ed, a.footnote-reference, aside.footnote > span.label"


def index() -> dict:
    path = ASSETS / "passages.js"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make html`")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("window.editionPassages="), "the index must be a script, which loads from file://"
    return json.loads(text[len("window.editionPassages="):].rstrip().rstrip(";"))


def entries(essay: str) -> dict[str, dict]:
    page = essays.get(essay).page
    return {p["u"].split("#", 1)[1]: p for p in index()["passages"] if p["u"].startswith(page + "#")}


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def unmarked(node) -> str:
    node = BeautifulSoup(str(node), "html.parser")
    for mark in node.select(MARKS):
        mark.decompose()
    return node.get_text(" ")


def test_every_passage_of_a_work_is_an_entry(essay):
    soup = chapter(essay)
    found = entries(essay)
    paras = [d["id"] for d in soup.select("div.para[id]")]
    notes = [a["id"] for a in soup.select("aside.footnote[id]") if ids.parse_note(a["id"])]
    ednotes = [e["id"] for e in soup.select(".ednote [id^=ednote-], .ednote[id^=ednote-]") if not e["id"].endswith("-ref")]
    assert paras and notes
    for kind, anchors in (("para", paras), ("note", notes), ("ednote", ednotes)):
        assert sorted(a for a, p in found.items() if p["k"] == kind) == sorted(anchors), kind
    assert all(p["w"] == essay for p in found.values())


def test_an_entry_has_the_words_the_page_prints_without_its_marks(essay):
    soup = chapter(essay)
    found = entries(essay)
    for node in soup.select("div.para[id], aside.footnote[id]"):
        if node["id"] in found:
            assert words(found[node["id"]]["t"]) == words(unmarked(node)), node["id"]


def test_no_mark_is_glued_to_a_word(essay):
    soup = chapter(essay)
    found = entries(essay)
    for para in soup.select("div.para[id]"):
        text = found[para["id"]]["t"]
        assert not re.search("[‖°]", text), para["id"]
        for mark in para.select(".ednote-mark, .tn-mark, a.footnote-reference"):
            before = mark.find_previous(string=True)
            word = (words(before) or [""])[-1] if before else ""
            glued = word + mark.get_text("").strip()
            if word and glued not in words(unmarked(para)):
                assert glued not in words(text), f"{para['id']}: {glued!r}"


def test_the_editors_chapters_are_indexed_by_section_and_entry():
    passages = index()["passages"]
    chapters = {p["u"].split("#")[0] for p in passages if p["k"] == "editors"}
    for page in ("chapters/introduction.html", "chapters/comparison.html", "chapters/principles.html",
                 "chapters/glossary.html", "chapters/persons.html", "chapters/textual_notes.html"):
        assert page in chapters, page
    targets: dict[str, set[str]] = {}
    for p in passages:
        page, anchor = p["u"].split("#", 1)
        if page not in targets:
            targets[page] = set(re.findall(r'\sid="([^"]+)"', (HTML / page).read_text(encoding="utf-8")))
        assert anchor in targets[page], p["u"]


def test_the_library_is_vendored_with_its_licence():
    licence = (ASSETS / "minisearch.LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT" in (ASSETS / "README.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in licence
    lock = json.loads((HTML.parents[1] / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/minisearch"]["version"]
    assert f"MiniSearch {version}" in (ASSETS / "README.txt").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in (ASSETS / "minisearch.js").read_text(encoding="utf-8")


def test_a_page_carries_the_loader_not_the_search(essay):
    soup = chapter(essay)
    sources = [s.get("src", "") for s in soup.select("script")]
    assert not [s for s in sources if "passage_search" in s]
    assert any("passage_search/search.js" in s.get_text() for s in soup.select("script:not([src])"))
    keys = [o["value"] for o in soup.select("#pst-search-dialog select[name=work] option") if o["value"]]
    assert keys == list(essays.keys())
