"""The editors' explanatory notes, read from ``data/editorial_notes.csv`` and placed in the essays.

Columns: ``note_id`` (``W-a``, ``P-b``: the essay's letter and the note's own letter), ``essay``, ``paragraph``
(a paragraph id of that essay), ``anchor`` (an exact short quotation from that paragraph after which the
note's letter is printed; blank puts it at the end of the paragraph), ``text`` (MyST) and ``sources``.
The letter in the text links to the note, printed after its paragraph in a box of class ``ed`` that is
marked "Ed." and links back. ``load`` refuses a row that does not hold, naming file, row and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from edition.copytext import ESSAYS, ROOT, Essay, Src, numbered
from edition.myst import Span

EDITORIAL_NOTES = ROOT / "data" / "editorial_notes.csv"
FIELDS = ["note_id", "essay", "paragraph", "anchor", "text", "sources"]
ID_RE = re.compile(r"(?P<essay>[WP])-(?P<letter>[a-z]{1,2})")
BARE_URL = re.compile(r"(?<![<\w/])(?<!\]\()(https?://[^\s<>]+?)([.,;)]?)(?=\s|$)")


def _linked(text: str) -> str:
    """Bare addresses in the sources made links (MyST links only <https://...> without linkify)."""
    return BARE_URL.sub(r"<\1>\2", text)


class EditorialNoteError(ValueError):
    """A row of the editorial notes does not hold against the established text."""


@dataclass(frozen=True)
class EditorialNote:
    note_id: str
    essay: str
    paragraph: str
    anchor: str
    text: str
    sources: str

    @property
    def letter(self) -> str:
        return self.note_id.split("-", 1)[1]

    @property
    def target(self) -> str:
        return f"ednote-{self.note_id.lower()}"


def load(essays: dict[str, Essay], path: Path = EDITORIAL_NOTES) -> list[EditorialNote]:
    """The notes, checked against the established essays; none when the file does not exist."""
    if not path.exists():
        return []
    paras = {name: {pid: block for pid, _, block in numbered(e)} for name, e in essays.items()}
    out, seen = [], set()
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != FIELDS:
            raise EditorialNoteError(f"{path}: header is {reader.fieldnames}; expected {FIELDS}")
        for row_no, row in enumerate(reader, start=2):
            def fail(column: str, problem: str) -> None:
                raise EditorialNoteError(f"{path}: row {row_no} ({row['note_id'] or 'no id'}), column {column!r}: {problem}")

            m = ID_RE.fullmatch(row["note_id"])
            if not m:
                fail("note_id", f"{row['note_id']!r} is not of the form W-a or P-b")
            if row["essay"] not in ESSAYS:
                fail("essay", f"{row['essay']!r} is not one of {', '.join(ESSAYS)}")
            if m["essay"] != row["essay"][0].upper():
                fail("note_id", f"{row['note_id']} does not begin with the letter of {row['essay']}")
            if row["note_id"] in seen:
                fail("note_id", f"{row['note_id']} is used twice")
            seen.add(row["note_id"])
            if row["essay"] in paras and row["paragraph"] not in paras[row["essay"]]:
                fail("paragraph", f"{row['paragraph']!r} is not a paragraph id of {row['essay']} (see data/paragraphs.csv)")
            for column in ("text", "sources"):
                if not row[column].strip():
                    fail(column, "must not be blank")
            if row["anchor"] and row["essay"] in essays:
                hits = _find(paras[row["essay"]][row["paragraph"]].parts, row["anchor"])
                if len(hits) != 1:
                    fail("anchor", f"{row['anchor']!r} occurs {len(hits)} times in {row['paragraph']} (within one "
                                   "stretch between note markers); quote the copy-text's words, as spelt before any "
                                   "emendation, that occur there once")
            out.append(EditorialNote(**row))
    return out


def _find(parts, anchor: str) -> list[tuple[int, int]]:
    """(line, column) just after each occurrence of ``anchor`` in the copy-text pieces of a paragraph."""
    out = []
    for part in parts:
        if isinstance(part, Src):
            start = part.find(anchor)
            while start != -1:
                out.append((part.line, part.col + start + len(anchor)))
                start = part.find(anchor, start + 1)
    return out


def spans(notes: list[EditorialNote], essay: Essay) -> tuple[list[Span], dict[str, str]]:
    """The letters in the text (anchored ones as marks, the others appended to their paragraph's end)."""
    paras = {pid: block for pid, _, block in numbered(essay)}
    marks, suffix = [], {}
    for note in notes:
        if note.essay != essay.name:
            continue
        role = f"{{ednote}}`{note.note_id}`"
        if note.anchor:
            ((line, col),) = _find(paras[note.paragraph].parts, note.anchor)
            marks.append(Span(note.note_id, line, col, col, role))
        else:
            suffix[note.paragraph] = suffix.get(note.paragraph, "") + role
    return marks, suffix


def boxes(notes: list[EditorialNote], essay: str) -> dict[str, str]:
    """MyST for each paragraph's editors' notes, printed after it."""
    out: dict[str, str] = {}
    for note in notes:
        if note.essay != essay:
            continue
        out[note.paragraph] = out.get(note.paragraph, "") + (
            "::::{container} ed ednote\n"
            f"({note.target})=\n"
            f"**Ed. {note.letter}** {_linked(note.text.strip())}\\\n"
            f"*Sources:* {_linked(note.sources.strip())}\\\n"
            f"{{ref}}`↩ back to the text <{note.target}-ref>`\n"
            "::::\n"
        )
    return out
