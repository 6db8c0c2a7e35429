"""The fidelity check's reading of the copy-texts, shared by the HTML, print and TEI fidelity tests.

Not a test module: the tests import it, so no test imports helpers from another test. The copy-text is read
here independently of the edition's parser; each difference between its words and a built text's must be
one listed in data/editorial/fidelity_exceptions.csv, or an emendation recorded in data/emendations.csv:
at each row whose action is "emend", the original's words at the locator are replaced by the reading's
words, and nowhere else.
"""

from __future__ import annotations

import csv
import difflib

from conftest import NOTE_LINE, ROOT, SUPERSCRIPTS, exceptions, words

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


def unexplained(essay: str, source: list[str], built: list[str]) -> tuple[float, list[str]]:
    """The share of the copy-text's words found in order in ``built``, and what is missing or extra."""
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
