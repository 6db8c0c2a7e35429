"""Editors' notes and links between the essays: placed where the data say, set apart from the authors', linked both ways.

The generator is tested on fixture tables (tests/fixtures/); the built edition is checked against whatever
data/editorial_notes.csv and data/crosslinks.csv hold.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from conftest import ESSAYS
from conftest import chapter as _chapter

from edition import crosslinks, ednotes, registry
from edition.copytext import parse
from edition.myst import render

FIXTURES = Path(__file__).parent / "fixtures"
chapter = functools.cache(_chapter)
PARSED = {name: parse(name) for name in ESSAYS}
KNOWN = set(registry.load())


def test_fixture_notes_render_lettered_after_their_anchor_and_paragraph():
    notes = ednotes.load(PARSED, FIXTURES / "editorial_notes.csv")
    marks, suffix = ednotes.spans(notes, PARSED["wesser"])
    text = render(PARSED["wesser"], marks, after=ednotes.boxes(notes, "wesser"), suffix=suffix)
    assert "died on April 12, 1945{ednote}`W-a`, Joseph Stalin" in text
    first = text.index(":::{para} wesser-1")
    box = text.index("(ednote-w-a)=")
    assert first < box < text.index(":::{para} wesser-2")
    assert "**Ed. a**" in text and "{ref}`↩ back to the text <ednote-w-a-ref>`" in text
    end_of_2 = text.index("\n:::\n", text.index(":::{para} wesser-2"))
    assert text[:end_of_2].endswith("{ednote}`W-b`")


def test_fixture_crosslinks_run_both_ways():
    topics = crosslinks.load(KNOWN, FIXTURES / "crosslinks.csv")
    w, p = crosslinks.lines(topics, "wesser"), crosslinks.lines(topics, "phillips")
    assert sorted(w) == ["wesser-5", "wesser-6"] and list(p) == ["phillips-12"]
    assert "Compare: Phillips {ref}`¶ 12 <phillips-12>` (Bullitt)" in w["wesser-5"]
    assert "Compare: Wesser {ref}`¶ 5 <wesser-5>`, {ref}`¶ 6 <wesser-6>` (Bullitt)" in p["phillips-12"]


def test_missing_files_give_no_notes(tmp_path):
    assert ednotes.load(PARSED, tmp_path / "none.csv") == []
    assert crosslinks.load(KNOWN, tmp_path / "none.csv") == []


def _bad(tmp_path, fixture: str, old: str, new: str) -> Path:
    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, column", [
    ("wesser,wesser-1,", "wesser,wesser-999,", "paragraph"),
    ("wesser,wesser-1,", "wesser,phillips-1,", "paragraph"),
    ('"April 12, 1945"', "no such words", "anchor"),
    ("W-b,", "W-a,", "note_id"),
    ("W-b,", "P-c,", "note_id"),
    ("Fixture source\nP", "\nP", "sources"),
])
def test_a_bad_editorial_note_is_refused(tmp_path, old, new, column):
    with pytest.raises(ednotes.EditorialNoteError, match=rf"editorial_notes.csv: row \d \([^)]*\), column '{column}'"):
        ednotes.load(PARSED, _bad(tmp_path, "editorial_notes.csv", old, new))


@pytest.mark.parametrize("old, new, column", [
    ("wesser-5 wesser-6", "wesser-5 wesser-999", "wesser_paragraphs"),
    ("phillips-12", "wesser-12", "phillips_paragraphs"),
    ("phillips-12", "", "phillips_paragraphs"),
])
def test_a_bad_crosslink_is_refused(tmp_path, old, new, column):
    with pytest.raises(crosslinks.CrosslinkError, match=rf"crosslinks.csv: row 2 \(bullitt\), column '{column}'"):
        crosslinks.load(KNOWN, _bad(tmp_path, "crosslinks.csv", old, new))


def test_every_editorial_note_in_the_data_is_built_and_links_both_ways():
    for note in ednotes.load(PARSED):
        soup = chapter(note.essay)
        mark, box = soup.find(id=f"{note.target}-ref"), soup.find(id=note.target)
        assert mark is not None and box is not None, note.note_id
        assert "ed" in mark["class"] and mark.get_text() == note.letter
        assert mark.find_parent("div", class_="para")["id"] == note.paragraph, note.note_id
        assert mark.select_one("a")["href"] == f"#{note.target}"
        assert box.find_parent(class_="ednote") is not None and "ed" in box.find_parent(class_="ednote")["class"]
        assert box.get_text().startswith(f"Ed. {note.letter}")
        assert box.select_one(f'a[href="#{note.target}-ref"]') is not None, note.note_id


def test_every_crosslink_resolves_to_a_paragraph_of_the_other_essay():
    for topic in crosslinks.load(KNOWN):
        for essay, pids in topic.paragraphs.items():
            for pid in pids:
                following = []
                for sibling in chapter(essay).find(id=pid).find_next_siblings():
                    if "para" in sibling.get("class", []):
                        break
                    following.append(sibling)
                compare = [c for c in following if "compare" in c.get("class", []) and topic.topic in c.get_text()]
                assert compare, (topic.topic_id, pid)
                for a in compare[0].select("a[href]"):
                    page, anchor = a["href"].split("#")
                    assert chapter(page.removesuffix(".html")).find(id=anchor) is not None, a["href"]


def test_bare_addresses_in_sources_become_links_and_others_are_kept():
    text = "A, https://a.org/x. B (https://b.org/y) <https://c.org> [d](https://d.org)"
    assert ednotes._linked(text) == "A, <https://a.org/x>. B (<https://b.org/y>) <https://c.org> [d](https://d.org)"


def test_every_address_in_an_editors_note_is_a_link():
    for essay in ESSAYS:
        for box in chapter(essay).select(".ednote"):
            for text in box.find_all(string=lambda s: "http://" in s or "https://" in s):
                assert text.find_parent("a") is not None, text
