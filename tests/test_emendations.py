"""Textual notes: each emendation stands where the table says, prints its reading there, and links both ways."""

from __future__ import annotations

import csv
import functools
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import HTML, ROOT
from conftest import chapter as _chapter
from docutils import nodes

from edition import emendations
from edition.copytext import decisions

sys.path.insert(0, str(ROOT / "_ext"))
import emendations as ext  # noqa: E402
import paragraphs  # noqa: E402

ROWS = emendations.load()
chapter = functools.cache(_chapter)


def textual_notes() -> BeautifulSoup:
    return BeautifulSoup((HTML / "chapters" / "textual_notes.html").read_text(encoding="utf-8"), "html.parser")


def test_every_original_stands_at_its_place_in_the_copytext():
    assert len(ROWS) == 54
    for e in ROWS:
        line = (ROOT / decisions(e.essay)["source"]).read_text(encoding="utf-8").splitlines()[e.line - 1]
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
            assert mark.find_parent("aside", id=f"{e.essay}-n{e.note}") is not None, e.emendation_id
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
        assert link["href"] == f"{e.essay}.html#{e.anchor}-ref", e.emendation_id
        text = entry.get_text(" ")
        assert e.original.strip("*") in text and e.reason[:40] in text, e.emendation_id
        mark = chapter(e.essay).find(id=f"{e.anchor}-ref")
        back = mark if mark.name == "a" else mark.select_one(".emend-tip a")
        assert back["href"] == f"textual_notes.html#{e.anchor}", e.emendation_id


def test_principles_state_the_policy():
    text = (HTML / "chapters" / "principles.html").read_text(encoding="utf-8")
    assert 'id="emendations-policy"' in text


def test_opening_check_reads_the_copytext_reading():
    para = nodes.paragraph()
    node = ext.emendation("", "Elliott", copytext="Elliot")
    para += [nodes.Text("his son "), node, nodes.Text(" would write")]
    assert paragraphs._words(para) == ["his", "son", "Elliot", "would", "write"]


FIELDS = emendations.FIELDS
GOOD = {"emendation_id": "X01", "essay": "wesser", "place": "body", "note": "",
        "locator": "his son Elliot would write that a", "original": "Elliot", "reading": "Elliott",
        "kind": "name", "action": "emend", "reason": "r", "evidence": "e", "source": "s", "url": ""}


def write(tmp_path, **changes):
    path = tmp_path / "emendations.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        writer.writerow(GOOD | changes)
    return path


def test_a_good_row_loads(tmp_path):
    (row,) = emendations.load(write(tmp_path))
    assert row.anchor == "tn-x01"


@pytest.mark.parametrize("changes, column", [
    ({"locator": "Elliot"}, "locator"),
    ({"locator": "no such words anywhere in the essay"}, "locator"),
    ({"original": "Eliot"}, "original"),
    ({"kind": "misprint"}, "kind"),
    ({"action": "fix"}, "action"),
    ({"place": "note", "note": "2"}, "place"),
    ({"place": "bibliography"}, "place"),
    ({"reading": ""}, "reading"),
    ({"essay": "smith"}, "essay"),
])
def test_a_bad_row_is_refused_naming_row_and_column(tmp_path, changes, column):
    with pytest.raises(emendations.EmendationError, match=rf"row 2 \(X01\), column '{column}'"):
        emendations.load(write(tmp_path, **changes))
