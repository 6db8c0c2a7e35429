"""Persons and terms: every listed place really names the entry, every named person is indexed or deliberately
left out, and the first mention in a paragraph links to its entry with the author's words unchanged."""

from __future__ import annotations

import csv
import functools
import re

import pytest
from bs4 import BeautifulSoup
from conftest import HTML
from conftest import chapter as _chapter

from edition import data, essays, ids, mentions
from edition.copytext import parse

chapter = functools.cache(_chapter)
PARSED = {name: parse(name) for name in essays.keys()}
ENTRIES = mentions.load_all()
FOUND = [m for name in essays.keys() for m in mentions.find(PARSED[name], ENTRIES)]
PERSON_FIELDS = [f["name"] for f in data.resource("persons")["schema"]["fields"]]


@functools.cache
def page(stem: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / "chapters" / f"{stem}.html").read_text(encoding="utf-8"), "html.parser")


def recorded() -> list[dict]:
    with open(mentions.MENTIONS, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_reviewed_table_is_current():
    assert mentions.MENTIONS.read_text(encoding="utf-8") == mentions.table(FOUND)


def test_every_listed_place_contains_the_name_or_a_variant():
    forms = {(e.kind, e.id): e.forms for e in ENTRIES}
    for row in recorded():
        assert row["form"] in forms[(row["kind"], row["id"])], row
        soup = chapter(row["essay"])
        assert soup.find(id=row["paragraph"]) is not None, row
        if row["note"]:
            # A mention in a note: the note has the name, and its marker stands in the paragraph recorded.
            marker = soup.find(id=f"{ids.note(row['essay'], row['note'])}-ref")
            assert marker is not None and marker.find_parent("div", class_="para")["id"] == row["paragraph"], row
            place = soup.find(id=ids.note(row["essay"], row["note"]))
        else:
            place = soup.find(id=row["paragraph"])
        assert place is not None, row
        place = BeautifulSoup(str(place), "html.parser")
        for emended in place.select(".emend"):
            emended.replace_with(emended.select_one(".emend-original").get_text())  # the copy-text's reading
        for mark in place.select(".ed"):
            mark.decompose()
        text = " ".join(place.get_text(" ").split())
        words = re.escape(" ".join(row["form"].split())).replace(r"\ ", r"\s+")
        assert re.search(rf"(?<![\w-]){words}(?![\w-])", text), row


def test_the_first_mention_in_a_paragraph_links_to_its_entry():
    for essay in essays.keys():
        soup = chapter(essay)
        links = soup.select('div.para a[href^="persons.html#"], div.para a[href^="glossary.html#"]')
        assert links, essay
        for a in links:
            stem, anchor = a["href"].split(".html#")
            entry = page(stem).find(id=anchor)
            assert entry is not None, a["href"]
            assert "ed" not in a.get("class", []) and not a.find_parent(class_="ed"), a
        seen = set()
        for a in links:
            key = (a.find_parent("div", class_="para")["id"], a["href"])
            assert key not in seen, f"{key} linked twice"
            seen.add(key)


def test_every_link_text_is_a_listed_spelling():
    forms = {f for e in ENTRIES for f in e.forms}
    for essay in essays.keys():
        for a in chapter(essay).select('div.para a[href^="persons.html#"], div.para a[href^="glossary.html#"]'):
            assert a.get_text() in forms, a


def test_the_index_lists_every_paragraph_of_each_entry():
    for e in ENTRIES:
        stem = "persons" if e.kind == "person" else "glossary"
        entry = page(stem).find(id=re.sub(r"[^a-z0-9]+", "-", e.target))
        assert entry is not None, e.target
        listed = {a["href"].split("#")[1] for a in entry.find_next("dd").find_parent("dl").select("a.reference.internal")}
        expected = {m.paragraph for m in FOUND if (m.kind, m.id) == (e.kind, e.id) and not m.in_note}
        assert expected <= listed, (e.id, expected - listed)


TITLES = r"(?:President|Ambassador|Secretary|Senator|General|Mr\.|Mrs\.|Lord|Premier|Marshal|Admiral|Colonel|Professor)"
SURNAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*"
NOT_GIVEN = {"Foreign", "Great", "British", "Communist", "Soviet", "President", "Ambassador", "Secretary", "General",
             "Mr", "Lord", "Cold", "Peter"}


def named_persons(text: str, given: set[str]) -> list[str]:
    """Names a reader would take for persons: a title, initials or a known given name before a capitalised surname."""
    names = "|".join(sorted(given - NOT_GIVEN))
    pattern = re.compile(rf"\b(?:{TITLES}\s+|(?<![\w.])(?!U\.S\.|U\.N\.)(?:[A-Z]\.\s?){{1,3}}|(?:{names})\s+(?:[A-Z]\.\s?)?)({SURNAME})")
    return [m.group(1) for m in pattern.finditer(text)]


def known_names() -> tuple[set[str], set[str]]:
    left = [r["name"] for r in data.table("persons_left_out")]
    spellings = [f for e in ENTRIES if e.kind == "person" for f in e.forms] + left
    given = {s.split()[0] for s in spellings if len(s.split()) > 1 and re.fullmatch(r"[A-Z][a-z]+", s.split()[0])}
    words = {w for s in spellings + [e.label for e in ENTRIES] for w in re.findall(r"[A-Z][\w'’-]+", s)}
    return given, words


def test_named_persons_finds_titles_initials_and_given_names():
    found = named_persons("President Coolidge met W. Averell Harriman, and Harry Hopkins; U.S. Navy.", {"Harry"})
    assert found == ["Coolidge", "Averell", "Hopkins"]


def test_every_person_named_has_an_entry_or_is_deliberately_left_out():
    given, covered = known_names()
    missing = set()
    for essay in PARSED.values():
        texts = [b.plain() for b in essay.blocks] + [n.text for n in essay.notes.values()]
        missing |= {(essay.name, n) for t in texts for n in named_persons(t, given) if n not in covered}
    assert sorted(missing) == []


def test_longer_spelling_wins_and_words_are_whole(monkeypatch):
    persons = [
        dict(zip(PERSON_FIELDS, ["roosevelt_f", "Roosevelt, Franklin", "FDR|Roosevelt", "1882", "1945", "", "President",
                                 "src", ""])),
        dict(zip(PERSON_FIELDS, ["roosevelt_e", "Roosevelt, Elliott", "Elliott Roosevelt|Elliot Roosevelt", "1910",
                                 "1990", "", "Son", "src", ""])),
        dict(zip(PERSON_FIELDS, ["stalin_j", "Stalin, Joseph", "Stalin", "1878", "1953", "", "Leader", "src", ""])),
    ]
    real = data.table
    tables = {"persons": persons, "terms": []}
    monkeypatch.setattr(data, "table", lambda name: tables[name] if name in tables else real(name))
    entries = mentions.load_all()
    pattern, by_form = mentions.matcher(entries)
    text = "Elliott Roosevelt met Roosevelt; Stalinism is not Stalin's."
    assert [(by_form[f].id, f) for _, f in mentions._scan(text, pattern)] == [
        ("roosevelt_e", "Elliott Roosevelt"), ("roosevelt_f", "Roosevelt"), ("stalin_j", "Stalin")]


@pytest.mark.parametrize("row, column, words", [
    ("stalin_j,\"Stalin, Joseph\",,1878,1953,,Leader,src,", "variants", "empty cell; expected"),
    ("stalin_j,\"Stalin, Joseph\",Stalin||Koba,1878,1953,,Leader,src,", "variants", "'Stalin||Koba' is not allowed"),
    ("Stalin J,\"Stalin, Joseph\",Stalin,1878,1953,,Leader,src,", "person_id", "'Stalin J' is not allowed"),
    ("stalin_j,\"Stalin, Joseph\",Stalin,eighteen,1953,,Leader,src,", "born", "'eighteen' is not allowed"),
    # A quotation mark not doubled inside a quoted field: the cell is named, not a field it would spill into.
    ("stalin_j,\"Stalin, Joseph\",Stalin,1878,1953,,Leader,\"Obituary; \"Title\" (review), Time\",https://example.org/",
     "source", "unpaired quotation marks"),
    ("stalin_j,\"Stalin, Joseph\",Stalin,1878,1953,,Leader,src,Time", "url", "'Time' is not allowed"),
])
def test_a_bad_person_row_is_refused_naming_row_and_column(tmp_path, row, column, words):
    path = tmp_path / "persons.csv"
    path.write_text(",".join(PERSON_FIELDS) + "\n" + row + "\n", encoding="utf-8")
    problems = data.check_table("persons", path)
    matching = [p for p in problems if p.row == 2 and p.column == column and words in p.message]
    assert matching, [str(p) for p in problems]
    assert str(matching[0]).startswith(f"{path}, row 2, column {column}: ") and "Fix: " in str(matching[0])


def test_a_person_row_with_a_cell_too_many_is_refused(tmp_path):
    path = tmp_path / "persons.csv"
    row = "stalin_j,\"Stalin, Joseph\",Stalin,1878,1953,,Leader,src,,extra"
    path.write_text(",".join(PERSON_FIELDS) + "\n" + row + "\n", encoding="utf-8")
    problems = data.check_table("persons", path)
    assert [p for p in problems if p.row == 2 and "one cell per column" in p.fix], [str(p) for p in problems]


def test_a_person_without_entry_is_reported():
    given, covered = known_names()
    text = PARSED["wesser"].notes[2].text + " President Hopkins"
    assert [n for n in named_persons(text, given) if n not in covered - {"Hopkins"}] == ["Hopkins"]


def test_every_rejected_match_is_a_real_match_and_is_dropped():
    raw = {(m.kind, m.id, m.essay, m.paragraph, m.note, m.form) for name in essays.keys()
           for m in mentions.find(PARSED[name], ENTRIES, reject=set())}
    kept = {(m.kind, m.id, m.essay, m.paragraph, m.note, m.form) for m in FOUND}
    rejected = mentions.rejected()
    assert rejected
    for row in rejected:
        assert row in raw, f"{row} matches nothing: remove it from data/editorial/mentions_rejected.csv"
        assert row not in kept
