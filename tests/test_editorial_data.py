"""The editors' explanatory notes and cross-essay links point at real paragraphs and real words.

data/editorial_notes.csv anchors each note after a short quotation inside a paragraph; data/crosslinks.csv
lists the topics the essays share, and the rows of data/links.csv whose table is ``crosslinks`` give, for
each topic, the paragraphs of each essay that discuss it. A typo in a paragraph
id or a misquoted anchor would put a note mark nowhere (or in the wrong place), so both are checked against
the paragraph registry and the generated chapters.
"""

from __future__ import annotations

import csv
import re

import pytest

from edition import ROOT, essays, ids

DATA = ROOT / "data"


def read(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def registry_ids() -> set[str]:
    return {row["id"] for row in read("paragraphs.csv")}


def paragraphs(essay: str) -> dict[str, str]:
    """Each paragraph's copy-text words (anchors quote these, before any emendation or link), keyed by its id, in
    text order."""
    from edition.copytext import numbered, parse

    return {pid: block.plain() for pid, _, block in numbered(parse(essay))}


def letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: the lettering of editors' notes."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


NOTES = read("editorial_notes.csv")
TOPICS = read("crosslinks.csv")
LINKS = [row for row in read("links.csv") if row["table"] == "crosslinks"]


def test_notes_have_the_agreed_columns():
    with open(DATA / "editorial_notes.csv", newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["note_id", "essay", "paragraph", "anchor", "text", "sources"]


@pytest.mark.parametrize("note", NOTES, ids=[n["note_id"] for n in NOTES])
def test_note_is_anchored_once_inside_an_existing_paragraph(note):
    where = f"data/editorial_notes.csv, note {note['note_id']}"
    assert note["paragraph"] in registry_ids(), f"{where}: paragraph {note['paragraph']!r} is not in data/paragraphs.csv"
    assert ids.key_of(note["paragraph"]) == note["essay"], f"{where}: paragraph belongs to another essay"
    text = paragraphs(note["essay"])[note["paragraph"]]
    count = text.count(note["anchor"])
    assert count == 1, (
        f"{where}: anchor {note['anchor']!r} occurs {count} times in {note['paragraph']}; "
        "quote 3-10 consecutive words of that paragraph exactly, so that they occur once"
    )
    assert 3 <= len(note["anchor"].split()) <= 10, f"{where}: an anchor is 3-10 words"


@pytest.mark.parametrize("note", NOTES, ids=[n["note_id"] for n in NOTES])
def test_note_has_text_and_full_sources(note):
    where = f"data/editorial_notes.csv, note {note['note_id']}"
    assert note["text"].strip(), f"{where}: empty text"
    sources = [s.strip() for s in note["sources"].split(" ; ")]
    assert sources and all(sources), f"{where}: every note names its sources"
    assert all(re.search(r"https?://\S+", s) for s in sources), f"{where}: every source carries the URL read"


@pytest.mark.parametrize("essay", essays.keys())
def test_notes_are_lettered_per_essay_in_text_order(essay):
    order = list(paragraphs(essay))
    notes = [n for n in NOTES if n["essay"] == essay]
    assert notes, f"no editors' notes for {essay}"
    texts = paragraphs(essay)
    positions = [(order.index(n["paragraph"]), texts[n["paragraph"]].find(n["anchor"])) for n in notes]
    assert positions == sorted(positions), f"{essay}: notes are not listed in text order"
    letter = essays.get(essay).letter
    assert [n["note_id"] for n in notes] == [ids.ednote(letter, letters(i)) for i in range(len(notes))]


def test_the_1941_exclamation_is_noted_in_both_essays():
    places = {(n["essay"], n["paragraph"]) for n in NOTES if "Now we shall win the war" in n["anchor"] + n["text"]}
    assert ("wesser", "wesser-11") in places and ("phillips", "phillips-25") in places


def test_crosslinks_have_the_agreed_columns_and_unique_topics():
    with open(DATA / "crosslinks.csv", newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["topic_id", "topic", "summary"]
    with open(DATA / "links.csv", newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["table", "row_id", "essay", "paragraph", "locator"]
    topic_ids = [row["topic_id"] for row in TOPICS]
    assert len(topic_ids) == len(set(topic_ids)), "data/crosslinks.csv: a topic_id is repeated"
    unknown = sorted({row["row_id"] for row in LINKS} - set(topic_ids))
    assert unknown == [], f"data/links.csv: crosslinks rows for topics not in data/crosslinks.csv: {unknown}"


@pytest.mark.parametrize("topic", TOPICS, ids=[row["topic_id"] for row in TOPICS])
def test_crosslink_joins_existing_paragraphs_of_several_essays(topic):
    known = registry_ids()
    where = f"data/links.csv, topic {topic['topic_id']}"
    linked = {}
    for row in LINKS:
        if row["row_id"] == topic["topic_id"]:
            assert row["essay"] in essays.keys(), f"{where}: {row['essay']!r} is not a work of data/essays.yml"
            assert row["paragraph"] in known and ids.key_of(row["paragraph"]) == row["essay"], (
                f"{where}: {row['paragraph']!r} is not a {row['essay']} paragraph in data/paragraphs.csv"
            )
            linked.setdefault(row["essay"], []).append(row["paragraph"])
    # A link joins the essays that treat the topic: at least two (with the two works of the edition, both).
    assert len(linked) >= 2, f"{where}: paragraphs of {sorted(linked)} only (a link joins at least two essays)"
    assert topic["summary"].strip(), f"data/crosslinks.csv, topic {topic['topic_id']}: empty summary"
