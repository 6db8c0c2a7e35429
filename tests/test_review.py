"""The review ledger (data/editorial/review.csv): every paragraph and every author's note of each registered
work has exactly one row, and every row names what its finding became.

The rules that need other tables (a place is a paragraph or a note of a registered work; an action is an
emendation, editors' note or claim of the same work; a finding and a source where the result needs them) are
edition.data's, run here on the real table and on bad rows; coverage needs the established text and is
checked here against the copy-texts.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from edition import copytext, data, essays, ids

LEDGER = data.DATA / "editorial" / "review.csv"
FIELDS = [f["name"] for f in data.resource("review")["schema"]["fields"]]
# Works whose half of the ledger is written on another branch; the merge that adds their rows must remove
# the work from here (the strict xfail then fails until it is removed, so no work stays excused by mistake).
PENDING: dict[str, str] = {}


def rows() -> list[dict]:
    with open(LEDGER, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def places_of(work: str) -> list[str]:
    """Every place of a work the ledger must cover: its registered paragraphs and its author's notes."""
    paragraphs = [r["id"] for r in data.table("paragraphs") if r["essay"] == work]
    notes = [ids.note(work, n) for n in sorted(copytext.parse(work).notes)]
    return paragraphs + notes


@pytest.mark.parametrize("work", [
    pytest.param(w, marks=pytest.mark.xfail(strict=True, reason=PENDING[w])) if w in PENDING else w
    for w in essays.keys()])
def test_every_paragraph_and_note_has_exactly_one_row(work):
    expected = places_of(work)
    assert expected, f"{work} has no paragraphs or notes to review"
    counts = Counter(r["place"] for r in rows() if ids.key_of(r["place"]) == work)
    missing = [p for p in expected if p not in counts]
    doubled = [p for p, n in counts.items() if n > 1]
    unknown = sorted(set(counts) - set(expected))
    assert not missing and not doubled and not unknown, (
        f"data/editorial/review.csv, {work}: missing rows {missing[:10]}{' …' if len(missing) > 10 else ''}; "
        f"doubled {doubled}; not places of the work {unknown}")


def test_the_ledger_passes_the_data_package_rules():
    problems = [p for p in data.validate() if p.file.endswith("review.csv")]
    assert not problems, "\n".join(map(str, problems))


def test_every_action_names_an_existing_entry_of_the_same_work():
    owners = {}
    for table, key in (("emendations", "emendation_id"), ("editorial_notes", "note_id"),
                       ("essay_claims", "claim_id")):
        owners.update({r[key]: r["essay"] for r in data.table(table)})
    named = [(r["place"], a) for r in rows() for a in filter(None, r["action"].split(" ; "))]
    assert named, "no row names an action"
    bad = [(place, a) for place, a in named if owners.get(a) != ids.key_of(place)]
    assert not bad, bad


def test_every_finding_that_needs_one_names_what_it_became():
    """A slip, misreading or differing quotation reaches the reader: as a textual note, editors' note or claim."""
    silent = [r["place"] for r in rows() if r["result"] in ("slip", "misreading", "quotation_differs")
              and not r["action"]]
    assert not silent, silent


def _write(tmp_path, *changes: dict):
    path = tmp_path / "review.csv"
    good = {"place": "wesser-1", "checked": "date: 12 April 1945", "result": "agrees", "finding": "",
            "action": "", "source": "s", "url": ""}
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        for change in changes:
            writer.writerow(good | change)
    return path


def messages(tmp_path, *changes: dict) -> list[str]:
    return [str(p) for p in data.check_table("review", _write(tmp_path, *changes))]


def test_a_good_row_passes(tmp_path):
    assert messages(tmp_path, {}) == []


@pytest.mark.parametrize("change, expected", [
    ({"place": "wesser-999"}, "neither a paragraph"),
    ({"place": "wesser-n999"}, "neither a paragraph"),
    ({"place": "nosuchwork-1"}, "names no work"),
    ({"result": "slip"}, "needs a finding"),
    ({"result": "probably"}, "column result"),
    ({"source": ""}, "may name no source"),
    ({"action": "W999"}, "is not an id"),
    ({"action": "W01 ; P-zz"}, "is not an id"),
    ({"url": "ftp://example.org/x"}, "column url"),
])
def test_bad_rows_are_refused_naming_the_column(tmp_path, change, expected):
    found = messages(tmp_path, change)
    assert any(expected in m for m in found), found


def test_an_action_of_another_work_is_refused(tmp_path):
    other = next((r for r in data.table("editorial_notes") if r["essay"] != "wesser"), None)
    if other is None:
        pytest.skip("only one work has editors' notes")
    found = messages(tmp_path, {"action": other["note_id"]})
    assert any("belongs to" in m for m in found), found


def test_a_doubled_place_is_refused(tmp_path):
    found = messages(tmp_path, {}, {"checked": "again"})
    assert any("duplicate" in m.lower() for m in found), found
