"""Every word of each copy-text reaches the reader, in order: the text in the chapter, the notes in its footnotes.

The copy-text is read here independently of the edition's parser. Words are runs of letters and digits,
so punctuation and markup do not count; each difference must be one listed, with its reason, in
data/editorial/fidelity_exceptions.csv, or be an emendation recorded in data/emendations.csv: at each
row whose action is "emend", the original's words at the locator are replaced by the reading's words,
and nowhere else.
"""

from __future__ import annotations

import copy
import csv
import difflib

from conftest import NOTE_LINE, ROOT, SUPERSCRIPTS, article, chapter, exceptions, report_fidelity, words

from edition import essays

EMENDATIONS = ROOT / "data" / "emendations.csv"


def emendation_rows() -> list[dict]:
    with open(EMENDATIONS, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def emended(essay: str, rows: list[dict]) -> str:
    """The copy-text with each adopted reading put in place of its original, at its locator only."""
    text = essays.get(essay).copytext.read_text(encoding="utf-8")
    for row in rows:
        if row["essay"] == essay and row["action"] == "emend":
            assert text.count(row["locator"]) == 1, row["emendation_id"]
            text = text.replace(row["locator"], row["locator"].replace(row["original"], row["reading"], 1))
    return text


def copytext(essay: str) -> tuple[list[str], dict[int, list[str]]]:
    """The emended copy-text's body words and each note's words."""
    body, notes = [], {}
    for line in emended(essay, emendation_rows()).splitlines():
        m = NOTE_LINE.match(line)
        if m:
            notes[int(m.group(1).translate(str.maketrans(SUPERSCRIPTS, "0123456789")))] = words(line[m.end():])
        else:
            body.extend(words(line))
    return body, notes


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


def unexplained(essay: str, source: list[str], built: list[str]) -> tuple[float, list[str]]:
    allowed = [e["token"] for e in exceptions() if e["essay"] == essay and e["part"] == "body"]
    matcher = difflib.SequenceMatcher(None, source, built, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    problems, missing, extra = [], [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            missing += source[i1:i2]
            extra += built[j1:j2]
    for token in allowed:
        # A moved word is missing at its old place and extra at its new one.
        if token in missing and token in extra:
            missing.remove(token)
            extra.remove(token)
            matched += 1
    if missing:
        problems.append(f"copy-text words not in the chapter: {missing[:20]}")
    if extra:
        problems.append(f"chapter words not in the copy-text: {extra[:20]}")
    return matched / len(source), problems


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
