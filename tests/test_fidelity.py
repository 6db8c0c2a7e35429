"""Every word of each copy-text reaches the reader, in order: the text in the chapter, the notes in its footnotes.

The copy-text is read here independently of the edition's parser. Words are runs of letters and digits,
so punctuation and markup do not count; each difference must be one listed, with its reason, in
data/editorial/fidelity_exceptions.csv, or be an emendation recorded in data/emendations.csv: at each
row whose action is "emend", the original's words at the locator are replaced by the reading's words,
and nowhere else.
"""

from __future__ import annotations

import copy
import difflib

from conftest import article, chapter, report_fidelity, words
from fidelity_helpers import copytext, emendation_rows, unexplained


def main_text_words(soup) -> list[str]:
    body = copy.copy(article(soup))
    for el in body.select("aside.footnote, .footnote-list, a.footnote-reference, .ed, a.headerlink, .prev-next-area, footer"):
        el.decompose()
    return words(body.get_text(" "))


def footnote_words(soup) -> dict[int, list[str]]:
    out = {}
    for aside in article(soup).select("aside.footnote"):
        aside = copy.copy(aside)
        label = aside.select_one("span.label")
        number = int(label.get_text().strip("[]"))
        label.decompose()
        for el in aside.select(".ed"):
            el.decompose()
        out[number] = words(aside.get_text(" "))
    return out


def test_every_word_of_the_text_is_in_the_chapter_in_order(essay):
    source, _ = copytext(essay)
    ratio, problems = unexplained(essay, source, main_text_words(chapter(essay)))
    report_fidelity(f"{essay}: {ratio:.2%} of {len(source)} text words accounted for")
    assert not problems, problems
    assert ratio == 1.0


def test_every_note_is_complete_in_its_footnote(essay):
    _, notes = copytext(essay)
    built = footnote_words(chapter(essay))
    assert sorted(built) == sorted(notes)
    total = sum(len(w) for w in notes.values())
    same = sum(len(w) for n, w in notes.items() if built[n] == w)
    report_fidelity(f"{essay}: {same / total:.2%} of {total} note words accounted for")
    assert [n for n in notes if built[n] != notes[n]] == []


def test_the_fidelity_check_detects_a_lost_word():
    source = ["one", "two", "three"]
    ratio, problems = unexplained("wesser", source, ["one", "three"])
    assert ratio < 1.0 and problems


def test_each_emendation_changes_only_its_own_words():
    rows = [r for r in emendation_rows() if r["action"] == "emend"]
    for row in rows:
        before = words(row["locator"])
        after = words(row["locator"].replace(row["original"], row["reading"], 1))
        changed = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        assert [op for op in changed if op[0] != "equal"], f"{row['emendation_id']}: the reading changes no word"


def test_the_fidelity_check_detects_an_unrecorded_emendation():
    source, _ = copytext("wesser")
    built = list(source)
    built[built.index("Averell")] = "Averill"
    ratio, problems = unexplained("wesser", source, built)
    assert problems
