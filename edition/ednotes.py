"""The editors' explanatory notes, read from ``data/editorial_notes.csv`` and placed in the essays.

Columns: ``note_id`` (``W-a``: the essay's letter in data/essays.yml and the note's own letter), ``essay``, ``paragraph``
(a paragraph id of that essay), ``anchor`` (an exact short quotation from that paragraph after which the
note's letter is printed; blank puts it at the end of the paragraph), ``text`` (MyST) and ``sources``.
The letter in the text links to the note, printed after its paragraph in a box of class ``ed`` that is
marked "Ed." and links back; the box also carries the book theme's ``margin`` class, so that on wide screens
it stands in the margin beside its paragraph (``edition_ext.reading``). ``load`` refuses a row that does not hold, naming file, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition import data, ids, safe_text
from edition.copytext import Essay, Src, numbered
from edition.myst import Span

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
        return ids.EDNOTE.fullmatch(self.note_id)["mark"]

    @property
    def target(self) -> str:
        return ids.ednote_target(self.note_id)


def load(essays: dict[str, Essay]) -> list[EditorialNote]:
    """The notes (validated by ``edition.data``), each anchor checked against its established paragraph."""
    paras = {name: {pid: block for pid, _, block in numbered(e)} for name, e in essays.items()}
    out = []
    for row_no, row in enumerate(data.table("editorial_notes"), start=2):
        if row["essay"] in paras and row["paragraph"] not in paras[row["essay"]]:
            raise EditorialNoteError(
                f"data/editorial_notes.csv: row {row_no} ({row['note_id']}), column 'paragraph': {row['paragraph']} "
                "is registered but no longer in the text (see data/paragraphs_retired.csv); attach the note to "
                "the paragraph that now holds its words")
        if row["anchor"] and row["essay"] in paras:
            hits = _find(paras[row["essay"]][row["paragraph"]].parts, row["anchor"])
            if len(hits) != 1:
                raise EditorialNoteError(
                    f"data/editorial_notes.csv: row {row_no} ({row['note_id']}), column 'anchor': {row['anchor']!r} occurs "
                    f"{len(hits)} times in {row['paragraph']} (within one stretch between note markers); quote the "
                    "copy-text's words, as spelt before any emendation, that occur there once")
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
            "::::{container} ed ednote margin\n"
            f"({note.target})=\n"
            f"**Ed. {note.letter}** {safe_text.myst(note.text, 'inline')}\n\n"
            ":::{container} ednote-sources\n"
            f"*Sources:* {safe_text.myst(note.sources, link_urls=True)}\n"
            ":::\n\n"
            f"{{ref}}`↩ back to the text <{note.target}-ref>`\n"
            "::::\n"
        )
    return out
