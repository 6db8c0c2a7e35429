"""Textual notes: each emendation stands where the table says, prints its reading there, and links both ways."""

from __future__ import annotations

import csv
import functools
import posixpath

import pytest
from bs4 import BeautifulSoup
from conftest import HTML
from conftest import chapter as _chapter
from docutils import nodes

from edition import data, emendations, essays, ids
from edition.copytext import decisions
from edition_ext import emendations as ext
from edition_ext import paragraphs

ROWS = emendations.load()
TEXTUAL_NOTES = "chapters/textual_notes.html"
chapter = functools.cache(_chapter)


def textual_notes() -> BeautifulSoup:
    return BeautifulSoup((HTML / TEXTUAL_NOTES).read_text(encoding="utf-8"), "html.parser")


def test_every_original_stands_at_its_place_in_the_copytext():
    assert len(ROWS) == 63
    for e in ROWS:
        line = decisions(e.essay)["source"].read_text(encoding="utf-8").splitlines()[e.line - 1]
        assert line[e.col:].startswith(e.original), e.emendation_id
        if e.place == "note":
            superscript = e.note.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
            assert line.lstrip("- ").startswith((e.note + " ", superscript + " ")), e.emendation_id


def test_every_adopted_reading_is_printed_at_its_place():
    for e in ROWS:
        soup = chapter(e.essay)
        mark = soup.find(id=f"{e.anchor}-ref")
        assert mark is not None, e.emendation_id
        if e.place == "note":
            assert mark.find_parent("aside", id=ids.note(e.essay, e.note)) is not None, e.emendation_id
        else:
            assert mark.find_parent("div", class_="para") is not None, e.emendation_id
        if e.action == "emend":
            assert mark.select_one(".emend-reading").get_text() == e.reading, e.emendation_id
            button = mark.select_one("button.emend-mark")
            tip = soup.find(id=button["aria-describedby"])
            assert tip.select_one(".emend-original").get_text() == e.original, e.emendation_id
            assert "ed" in tip["class"] and "ed" in button["class"]
        else:
            assert "ed" in mark["class"] and mark.get_text() == e.emendation_id
            previous = mark.find_previous(string=True)
            assert previous.rstrip().endswith(e.original.strip("*")), e.emendation_id


def test_textual_notes_list_every_entry_and_link_both_ways():
    soup = textual_notes()
    for e in ROWS:
        entry = soup.find(id=e.anchor)
        assert entry is not None, e.emendation_id
        link = entry.select_one("dt a.reference.internal")
        page = posixpath.relpath(essays.get(e.essay).page, posixpath.dirname(TEXTUAL_NOTES))
        assert link["href"] == f"{page}#{e.anchor}-ref", e.emendation_id
        text = entry.get_text(" ")
        assert e.original.strip("*") in text and e.reason[:40] in text, e.emendation_id
        mark = chapter(e.essay).find(id=f"{e.anchor}-ref")
        back = mark if mark.name == "a" else mark.select_one(".emend-tip a")
        notes = posixpath.relpath(TEXTUAL_NOTES, posixpath.dirname(essays.get(e.essay).page))
        assert back["href"] == f"{notes}#{e.anchor}", e.emendation_id


def test_principles_state_the_policy():
    text = (HTML / "chapters" / "principles.html").read_text(encoding="utf-8")
    assert 'id="emendations-policy"' in text


def test_opening_check_reads_the_copytext_reading():
    para = nodes.paragraph()
    node = ext.emendation("", "Elliott", copytext="Elliot")
    para += [nodes.Text("his son "), node, nodes.Text(" would write")]
    assert paragraphs._words(para) == ["his", "son", "Elliot", "would", "write"]


FIELDS = [f["name"] for f in data.resource("emendations")["schema"]["fields"]]
GOOD = {"emendation_id": "W99", "essay": "wesser", "place": "body", "note": "",
        "locator": "his son Elliot would write that a", "original": "Elliot", "reading": "Elliott",
        "kind": "name", "action": "emend", "reason": "r", "evidence": "e", "source": "s", "url": ""}


def write(tmp_path, **changes):
    path = tmp_path / "emendations.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        writer.writerow(GOOD | changes)
    return path


def load_only(monkeypatch, **changes):
    """``emendations.load`` reading the one row GOOD | changes as the emendations table (the others as they are)."""
    real = data.table
    monkeypatch.setattr(data, "table", lambda name: [GOOD | changes] if name == "emendations" else real(name))
    return emendations.load()


def test_a_good_row_validates_and_loads(tmp_path, monkeypatch):
    assert [str(p) for p in data.check_table("emendations", write(tmp_path))] == []
    (row,) = load_only(monkeypatch)
    assert row.anchor == "tn-w99"


@pytest.mark.parametrize("changes, column, words", [
    ({"kind": "misprint"}, "kind", "'misprint' is not allowed; expected one of"),
    ({"action": "fix"}, "action", "'fix' is not allowed; expected one of"),
    ({"reading": ""}, "reading", "an emendation needs the reading it adopts"),
    ({"essay": "smith"}, "essay", "'smith' is not allowed; expected one of 'wesser', 'phillips'"),
    ({"emendation_id": "P99"}, "emendation_id", "P99 does not begin with the letter of wesser"),
    ({"note": "2"}, "note", "give the note's number when place is 'note'"),
])
def test_a_bad_row_is_refused_by_the_validation_naming_row_and_column(tmp_path, changes, column, words):
    path = write(tmp_path, **changes)
    problems = data.check_table("emendations", path)
    matching = [p for p in problems if p.row == 2 and p.column == column and words in p.message]
    assert matching, [str(p) for p in problems]
    assert str(matching[0]).startswith(f"{path}, row 2, column {column}: ") and "Fix: " in str(matching[0])


@pytest.mark.parametrize("changes, column", [
    ({"locator": "Elliot"}, "locator"),
    ({"locator": "no such words anywhere in the essay"}, "locator"),
    ({"original": "Eliot"}, "original"),
    ({"place": "note", "note": "2"}, "place"),
    ({"place": "bibliography"}, "place"),
])
def test_a_row_that_does_not_hold_in_the_copytext_is_refused_naming_row_and_column(tmp_path, monkeypatch,
                                                                                   changes, column):
    assert data.check_table("emendations", write(tmp_path, **changes)) == []  # only the copy-text can tell
    with pytest.raises(emendations.EmendationError, match=rf"row 2 \(W99\), column '{column}'"):
        load_only(monkeypatch, **changes)
