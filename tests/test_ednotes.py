"""Editors' notes and links between the essays: placed where the data say, set apart from the authors', linked both ways.

The generator is tested on fixture tables (tests/fixtures/editorial_notes.csv, and
tests/fixtures/data/crosslinks_bullitt.csv with its rows of links, tests/fixtures/data/links_bullitt.csv); a
bad row is refused by the data package's validation (``edition.data``) or, where only the established text
can tell, by the module that places it. The built edition is checked against whatever
data/editorial_notes.csv, data/crosslinks.csv and data/links.csv hold.
"""

from __future__ import annotations

import csv
import functools
import shutil
from pathlib import Path

import pytest
from conftest import chapter as _chapter

from edition import crosslinks, data, ednotes, essays, ids, safe_text
from edition.copytext import parse
from edition.myst import render

FIXTURES = Path(__file__).parent / "fixtures"
NOTES_FIXTURE = FIXTURES / "editorial_notes.csv"
TOPICS_FIXTURE = FIXTURES / "data" / "crosslinks_bullitt.csv"
LINKS_FIXTURE = FIXTURES / "data" / "links_bullitt.csv"
chapter = functools.cache(_chapter)
PARSED = {name: parse(name) for name in essays.keys()}


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def use_tables(monkeypatch, **paths: Path) -> None:
    """Let the modules read these files for the named tables of the data package (the others as they are)."""
    real = data.table
    rows = {name: read(path) for name, path in paths.items()}
    monkeypatch.setattr(data, "table", lambda name: rows[name] if name in rows else real(name))


def test_fixture_tables_are_valid():
    assert [str(p) for p in data.check_table("editorial_notes", NOTES_FIXTURE)] == []
    assert [str(p) for p in data.check_table("links", LINKS_FIXTURE)] == []


def test_fixture_notes_render_lettered_after_their_anchor_and_paragraph(monkeypatch):
    use_tables(monkeypatch, editorial_notes=NOTES_FIXTURE)
    notes = ednotes.load(PARSED)
    marks, suffix = ednotes.spans(notes, PARSED["wesser"])
    text = render(PARSED["wesser"], marks, after=ednotes.boxes(notes, "wesser"), suffix=suffix)
    assert "died on April 12, 1945{ednote}`W-a`, Joseph Stalin" in text
    first = text.index(f":::{{para}} {ids.paragraph('wesser', 1)}")
    box = text.index("(ednote-w-a)=")
    assert first < box < text.index(f":::{{para}} {ids.paragraph('wesser', 2)}")
    assert "**Ed. a**" in text and "{ref}`↩ back to the text <ednote-w-a-ref>`" in text
    end_of_2 = text.index("\n:::\n", text.index(f":::{{para}} {ids.paragraph('wesser', 2)}"))
    assert text[:end_of_2].endswith("{ednote}`W-b`")


def test_fixture_crosslinks_run_both_ways(monkeypatch):
    use_tables(monkeypatch, crosslinks=TOPICS_FIXTURE, links=LINKS_FIXTURE)
    topics = crosslinks.load()
    w, p = crosslinks.lines(topics, "wesser"), crosslinks.lines(topics, "phillips")
    assert sorted(w) == ["wesser-5", "wesser-6"] and list(p) == ["phillips-12"]
    # One folded line per paragraph (the compare directive of edition_ext.topics builds it from the same data).
    assert w["wesser-5"] == ":::{compare} wesser-5\n:::\n" and p["phillips-12"] == ":::{compare} phillips-12\n:::\n"
    pages = crosslinks.pages(topics)
    assert sorted(p.name for p in pages) == ["topic-bullitt.md", "topics.md"]
    bullitt = next(text for path, text in pages.items() if path.name == "topic-bullitt.md")
    assert ":::{side-by-side} bullitt\n:::" in bullitt


def test_empty_tables_give_no_notes_and_missing_files_are_refused(monkeypatch, tmp_path):
    # Every table is a resource of the data package: a missing file is refused, not read as empty.
    for name in ("editorial_notes", "crosslinks", "links"):
        problems = data.check_table(name, tmp_path / "none.csv")
        assert [p.message for p in problems] == ["file missing"], name
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    use_tables(monkeypatch, editorial_notes=empty, crosslinks=empty, links=empty)
    assert ednotes.load(PARSED) == []
    assert crosslinks.load() == []


def _bad(tmp_path, fixture: Path, old: str, new: str) -> Path:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, row, column, words", [
    ("wesser,wesser-1,", "wesser,wesser-999,", 2, "paragraph",
     "paragraph 'wesser-999', 'wesser' does not exist in data/paragraphs.csv"),
    ("wesser,wesser-1,", "wesser,phillips-1,", 2, "essay",
     "'phillips-1' is in data/paragraphs.csv with essay 'phillips', not 'wesser'"),
    ("W-b,", "W-a,", 3, "note_id", "duplicate key"),
    ("W-b,", "P-c,", 3, "note_id", "P-c does not begin with the letter of wesser"),
    ("Fixture source\nP", "\nP", 3, "sources", "empty cell; expected text, not empty"),
])
def test_a_bad_editorial_note_is_refused(tmp_path, old, new, row, column, words):
    bad = _bad(tmp_path, NOTES_FIXTURE, old, new)
    problems = data.check_table("editorial_notes", bad)
    matching = [p for p in problems if p.row == row and p.column == column and words in p.message]
    assert matching, [str(p) for p in problems]
    assert str(matching[0]).startswith(f"{bad}, row {row}, column {column}: ") and "Fix: " in str(matching[0])


def test_an_anchor_not_in_its_paragraph_is_refused(tmp_path, monkeypatch):
    bad = _bad(tmp_path, NOTES_FIXTURE, '"April 12, 1945"', "no such words")
    assert data.check_table("editorial_notes", bad) == []  # only the established text can tell
    use_tables(monkeypatch, editorial_notes=bad)
    with pytest.raises(ednotes.EditorialNoteError, match=r"editorial_notes.csv: row 2 \(W-a\), column 'anchor'"):
        ednotes.load(PARSED)


@pytest.mark.parametrize("old, new, row, column, words", [
    ("wesser,wesser-6,", "wesser,wesser-999,", 3, "paragraph", "paragraph 'wesser-999', 'wesser' does not exist"),
    ("phillips,phillips-12,", "phillips,wesser-12,", 4, "essay",
     "'wesser-12' is in data/paragraphs.csv with essay 'wesser', not 'phillips'"),
])
def test_a_bad_crosslink_is_refused(tmp_path, old, new, row, column, words):
    bad = _bad(tmp_path, LINKS_FIXTURE, old, new)
    problems = data.check_table("links", bad)
    matching = [p for p in problems if p.row == row and p.column == column and words in p.message]
    assert matching, [str(p) for p in problems]
    assert str(matching[0]).startswith(f"{bad}, row {row}, column {column}: ") and "Fix: " in str(matching[0])


def test_a_crosslink_to_one_essay_only_is_refused(tmp_path, monkeypatch):
    bad = _bad(tmp_path, LINKS_FIXTURE, "crosslinks,bullitt,phillips,phillips-12,\n", "")
    use_tables(monkeypatch, crosslinks=TOPICS_FIXTURE, links=bad)
    with pytest.raises(crosslinks.CrosslinkError, match=r"links.csv: topic 'bullitt' .* links 1 essay\(s\)"):
        crosslinks.load()


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
        assert box.find_parent(class_="ednote").select_one(f'a[href="#{note.target}-ref"]') is not None, note.note_id


def test_every_crosslink_resolves_to_a_paragraph_of_the_other_essay():
    for topic in crosslinks.load():
        for essay, pids in topic.paragraphs.items():
            for pid in pids:
                following = []
                for sibling in chapter(essay).find(id=pid).find_next_siblings():
                    if "para" in sibling.get("class", []):
                        break
                    following.append(sibling)
                compare = [c for c in following if "compare" in c.get("class", []) and topic.topic in c.get_text()]
                assert compare, (topic.topic_id, pid)
                for a in compare[0].select("a[href*='#']"):  # the others open the side-by-side views (test_topics)
                    page, anchor = a["href"].split("#")
                    assert chapter(page.removesuffix(".html")).find(id=anchor) is not None, a["href"]


def test_bare_addresses_in_sources_become_links_and_other_markup_is_text():
    text = "A, https://a.org/x. B (https://b.org/y) [d](https://d.org) javascript:alert(1)"
    assert safe_text.myst(text, link_urls=True) == (
        r"A, <https://a.org/x>. B (<https://b.org/y>) \[d\](<https://d.org>) javascript:alert(1)")


def test_every_address_in_an_editors_note_is_a_link():
    for essay in essays.keys():
        for box in chapter(essay).select(".ednote"):
            for text in box.find_all(string=lambda s: "http://" in s or "https://" in s):
                assert text.find_parent("a") is not None, text


def test_a_note_on_a_paragraph_no_longer_in_the_text_is_refused(tmp_path, monkeypatch):
    # A retired paragraph keeps its registry row, so the foreign key holds; only the established text can tell.
    bad = _bad(tmp_path, NOTES_FIXTURE, "wesser,wesser-1,", "wesser,wesser-999,")
    use_tables(monkeypatch, editorial_notes=bad)
    with pytest.raises(ednotes.EditorialNoteError, match=r"row 2 \(W-a\), column 'paragraph': wesser-999 .*no longer in the text"):
        ednotes.load(PARSED)
