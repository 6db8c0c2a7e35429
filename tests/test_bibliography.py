"""One bibliography: every entry is cited and lists where; every note that cites a work links to its entries."""

from __future__ import annotations

import functools

import pytest
from bs4 import BeautifulSoup
from conftest import HTML
from conftest import chapter as _chapter

from edition import data, essays, ids, references, works_cited
from edition.copytext import parse

chapter = functools.cache(_chapter)
KEYS = references.keys()
WORKS = works_cited.load_works()
PARSED = {name: parse(name) for name in essays.keys()}


@functools.cache
def bibliography() -> BeautifulSoup:
    return BeautifulSoup((HTML / "chapters" / "bibliography.html").read_text(encoding="utf-8"), "html.parser")


def test_every_entry_is_rendered_and_lists_where_it_is_cited():
    soup = bibliography()
    assert len(KEYS) == 61
    for key in KEYS:
        entry = soup.find(id=f"bib-{key}")
        assert entry is not None, key
        cited_in = entry.select_one(".cited-in.ed")
        assert cited_in is not None, f"{key} lists no place where it is cited"
        links = cited_in.select("a[href]")
        assert links, key
        for a in links:
            page, anchor = a["href"].split("#")
            assert chapter(page.removesuffix(".html")).find(id=anchor) is not None, (key, a["href"])


def test_the_citations_hold():
    assert works_cited.problems(list(PARSED.values()), WORKS, KEYS, works_cited.load_notes_without_works()) == []


def test_every_note_that_cites_a_work_links_to_its_entries(essay):
    soup = chapter(essay)
    cited: dict[str, set[str]] = {}
    for c in works_cited.derive(PARSED[essay], WORKS):
        if c.note:
            cited.setdefault(c.note, set()).add(c.bibkey)
    without = works_cited.load_notes_without_works()
    for number in PARSED[essay].notes:
        links = soup.find(id=ids.note(essay, number)).select(".works.ed a[href]")
        targets = {a["href"].split("#bib-")[1] for a in links}
        assert all(a["href"].startswith("bibliography.html#bib-") for a in links)
        assert targets == cited.get(str(number), set()), number
        assert targets or (essay, str(number)) in without, f"{essay} note {number} cites nothing"


def test_ibid_takes_the_works_of_the_note_before():
    notes = {c.note: c.bibkey for c in works_cited.derive(PARSED["phillips"], WORKS) if c.note in ("5", "6")}
    assert notes["6"] == notes["5"] == "lih1995"


def test_an_uncited_entry_and_an_unresolved_note_are_reported():
    essays = list(PARSED.values())
    found = works_cited.problems(essays, WORKS, KEYS + ["nobody2000"], {})
    assert found == ["references.bib: entry 'nobody2000' is cited nowhere"]
    fewer = [w for w in WORKS if w.bibkey != "grey1979"]
    found = works_cited.problems(essays, fewer, [k for k in KEYS if k != "grey1979"], {})
    assert [p.split(" cites")[0] for p in found] == ["wesser note 6"]
    assert works_cited.problems(essays, fewer, [k for k in KEYS if k != "grey1979"], {("wesser", "6"): "reviewed"}) == []


@pytest.mark.parametrize("row, column, words", [
    ("nobody2000,wesser,Gray,secondary", "bibkey", "'nobody2000' is not in references.bib"),
    ("grey1979,smith,Gray,secondary", "essay", "'smith' is not allowed; expected one of"),
    ("grey1979,wesser,Gray,novel", "kind", "'novel' is not allowed; expected one of"),
    ("grey1979,wesser,Gray(,secondary", "pattern", "not a regular expression"),
])
def test_a_bad_works_row_is_refused_naming_row_and_column(tmp_path, row, column, words):
    path = tmp_path / "works.csv"
    path.write_text("bibkey,essay,pattern,kind\n" + row + "\n", encoding="utf-8")
    problems = data.check_table("works", path)
    matching = [p for p in problems if p.row == 2 and p.column == column and words in p.message]
    assert matching, [str(p) for p in problems]
    assert f", row 2, column {column}: " in str(matching[0]) and "Fix: " in str(matching[0])


def test_entries_are_list_items_of_the_list():
    entries = bibliography().select('[id^="bib-"]')
    assert entries and all(e.get("role") == "listitem" and e.find_parent(attrs={"role": "list"}) for e in entries)


def test_the_citations_table_has_the_agreed_columns():
    text = works_cited.table(works_cited.derive(PARSED["wesser"], WORKS))
    assert text.splitlines()[0] == "essay,note,paragraph,bibkey,kind,ibid"
    assert "wesser,1,wesser-1,butler2015,secondary,no" in text.splitlines()


def test_ibid_within_a_note_that_names_its_work_is_not_the_note_before():
    # Phillips n. 30: "*F.R.U.S.*, 1929: 2: 350-351; *Ibid.*, 2: 405-406." (n. 29 cites a microfilm)
    cited = {c.bibkey for c in works_cited.derive(PARSED["phillips"], WORKS) if c.note == "30"}
    assert cited == {"frus1929v2"}
