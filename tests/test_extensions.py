"""Each of the edition's marks, built from a fixture page of a few lines with only its own extension.

The essays' chapters use every extension at once; here each is tried alone (``sphinxbook.build``), so a
failure names the extension and the page is small enough to read in the assertion message.
"""

from __future__ import annotations

import pytest

from edition import essays, ids
from sphinxbook import build

WORK = essays.works()[0]
PAGE = WORK.docname


def one(tmp_path, extension: str, text: str):
    book = build(tmp_path, {PAGE: f"# Fixture\n\n{text}\n"}, [f"edition_ext.{extension}"])
    assert book.returncode == 0, book.stderr
    return book


def test_a_paragraph_carries_its_permanent_id_and_number(tmp_path):
    pid = ids.paragraph(WORK.key, 1)
    book = one(tmp_path, "paragraphs", f":::{{para}} {pid}\nSome words.\n:::")
    link = book.page(PAGE).select_one(f"div.para#{pid} a.para-num")
    assert link is not None and link["href"] == f"#{pid}" and link.get_text() == "¶ 1"
    # the fixture's words are not the registered opening: the registry check says so, naming both
    assert any(f"para {pid} opens 'Some words.', the registry says" in w for w in book.warnings()), book.stderr


def test_an_unregistered_paragraph_is_a_warning_naming_it(tmp_path):
    pid = ids.paragraph(WORK.key, 999)
    book = one(tmp_path, "paragraphs", f":::{{para}} {pid}\nSome words.\n:::")
    assert any(pid in w for w in book.warnings()), book.stderr


def test_a_page_break_is_the_editions_mark_with_a_citable_anchor(tmp_path):
    anchor = ids.page(WORK.key, 2)
    book = one(tmp_path, "pagebreaks", f"Some words {{pb}}`{anchor}` and more.")
    mark = book.page(PAGE).select_one(f"span.pb#{anchor}")
    assert mark is not None and "ed" in mark["class"] and "p. 2" in mark.get_text().replace("\u202f", " ")
    assert "inference" in mark["title"]


@pytest.mark.parametrize("work", essays.works(), ids=lambda w: w.key)
def test_an_editors_note_letter_links_to_its_note(tmp_path, work):
    note = ids.ednote(work.letter, "a")
    book = one(tmp_path, "ednotes", f"Words{{ednote}}`{note}` more.")
    mark = book.page(PAGE).select_one(f"sup.ednote-mark#{ids.ednote_target(note)}-ref a")
    assert mark is not None and mark["href"] == f"#{ids.ednote_target(note)}" and mark.get_text() == "a"


def test_an_editors_note_of_no_registered_work_is_a_warning(tmp_path):
    letters = {w.letter for w in essays.works()}
    stranger = next(c for c in "QXZYV" if c not in letters)
    book = one(tmp_path, "ednotes", f"Words{{ednote}}`{stranger}-a` more.")
    assert any(f"{stranger}-a" in w and "letter" in w for w in book.warnings()), book.stderr
    assert book.page(PAGE).select_one("sup.ednote-mark") is None


def test_an_authors_note_gets_the_id_of_its_own_number(tmp_path):
    book = one(tmp_path, "notes", "Words.[^1] More.[^2]\n\n[^1]: One.\n\n[^2]: Two.")
    page = book.page(PAGE)
    ref = page.select("a.footnote-reference")[1]
    assert ref["id"] == f"{ids.note(WORK.key, 2)}-ref" and ref["href"] == f"#{ids.note(WORK.key, 2)}"
    assert page.select_one(f"aside#{ids.note(WORK.key, 2)}").get_text(" ", strip=True).endswith("Two.")


def test_notes_outside_an_essay_keep_docutils_ids(tmp_path):
    book = build(tmp_path, {"chapters/other": "# Other\n\nWords.[^1]\n\n[^1]: A note.\n"}, ["edition_ext.notes"])
    assert book.returncode == 0, book.stderr
    ref = book.page("chapters/other").select_one("a.footnote-reference")
    assert not ref["id"].startswith(f"{WORK.key}-n")


def test_an_emendation_prints_the_reading_and_shows_the_copy_text_on_demand(tmp_path):
    from edition import emendations
    first = next(e for e in emendations.load() if e.essay == WORK.key and e.action == "emend")
    book = one(tmp_path, "emendations", f"Words {{emend}}`{first.emendation_id}` more.")
    span = book.page(PAGE).select_one(f"span.emend#tn-{first.emendation_id.lower()}-ref")
    assert span.select_one(".emend-reading").get_text() == first.reading
    assert span.select_one(".emend-original").get_text() == first.original
    assert span.select_one("button")["aria-describedby"] == f"tn-{first.emendation_id.lower()}-tip"
