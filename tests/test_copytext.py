"""The parser that establishes the text: joins, page breaks, notes, and refusals, on a small fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.copytext import CopyTextError, NoteRef, PageBreak, numbered, parse

FIXTURE = Path(__file__).parent / "fixtures" / "split.txt"


def decisions(**extra) -> dict:
    dec = {"essay": "fx", "source": str(FIXTURE), "note_marker": "superscript",
           "roles": {"title": "A Title"}, "headings": ["Heading"]}
    dec.update(extra)
    return dec


def test_joins_text_split_by_a_note_block_and_marks_the_page():
    essay = parse("fx", decisions())
    body = [b for b in essay.blocks if b.kind == "body"]
    assert [" ".join(b.plain().split()) for b in body][:2] == [
        "First paragraph ends a sentence. Then it runs on to the foot of the page and ends. Second paragraph stays its own.",
        "Third paragraph is cut at a blank line and continues here.",
    ]
    assert [p for p in body[0].parts if not isinstance(p, str)] == [NoteRef(1), PageBreak(2, "notes", 5), NoteRef(2)]
    assert [pb.kind for pb in essay.pagebreaks] == ["notes", "split"]
    assert [pid for pid, _, _ in numbered(essay)] == ["fx-1", "fx-2"]


def test_notes_keep_numbers_and_lose_the_doubled_stop():
    essay = parse("fx", decisions())
    assert essay.notes[2].text == "Another note."
    assert essay.notes[2].normalised


def test_refuses_a_heading_that_is_not_in_the_copytext():
    with pytest.raises(CopyTextError, match="headings in the decisions file not found"):
        parse("fx", decisions(headings=["Heading", "No such heading"]))


def test_refuses_notes_with_a_gap(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace("² Another", "³ Another"), encoding="utf-8")
    with pytest.raises(CopyTextError, match="not numbered"):
        parse("fx", decisions(source=str(bad)))
