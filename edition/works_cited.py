"""Which works each author's note cites: ``data/works.csv`` matched against the notes of the copy-texts.

``data/works.csv`` gives, for each entry of ``references.bib`` and each essay, a regular expression that finds
the work in that essay's notes (and, for works named only in an essay's own bibliography, in its entries). A note
that cites no work by name but says "Ibid." cites the works of the note before it. A note that cites no work at all must be listed,
with the reason, in ``data/editorial/notes_without_works.csv``. ``derive`` is the one derivation of the
citations: the bibliography chapter, the links in the notes and the charts' table all use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition import ROOT, data
from edition.copytext import Essay, NoteRef, numbered

WORKS = ROOT / "data" / "works.csv"
NOTES_WITHOUT_WORKS = ROOT / "data" / "editorial" / "notes_without_works.csv"
CITATIONS = ROOT / "data" / "citations.csv"
IBID = re.compile(r"\bIbid\b")


class CitationError(ValueError):
    """The works table or the list of notes without works does not hold."""


@dataclass(frozen=True)
class Work:
    bibkey: str
    essay: str
    pattern: re.Pattern
    kind: str


@dataclass(frozen=True)
class Citation:
    essay: str
    note: str  # the author's note number; blank for an entry of the essay's own bibliography
    paragraph: str  # the paragraph the note is attached to, or the bibliography entry's id
    bibkey: str
    kind: str
    ibid: bool = False  # the note cites the work only as "Ibid." (the work of the note before)


def load_works() -> list[Work]:
    """The works table (validated by ``edition.data``: keys in references.bib, patterns that compile)."""
    return [Work(r["bibkey"], r["essay"], re.compile(r["pattern"]), r["kind"]) for r in data.table("works")]


def load_notes_without_works() -> dict[tuple[str, str], str]:
    """Reviewed notes that cite no work: (essay, note) -> reason."""
    return {(r["essay"], r["note"]): r["reason"] for r in data.table("notes_without_works")}


def _cited(works: list[Work], text: str) -> list[Work]:
    found = [(m.start(), w) for w in works for m in [w.pattern.search(text)] if m]
    return [w for _, w in sorted(found, key=lambda pair: pair[0])]


def derive(essay: Essay, works: list[Work]) -> list[Citation]:
    """Every citation of a work in the essay's notes (in note order) and bibliography entries."""
    mine = [w for w in works if w.essay == essay.name]
    note_para = {part.number: pid for pid, _, block in numbered(essay) for part in block.parts
                 if isinstance(part, NoteRef)}
    out: list[Citation] = []
    previous: list[Work] = []
    for number, note in sorted(essay.notes.items()):
        cited = _cited(mine, note.text)
        ibid = not cited and bool(IBID.search(note.text))
        if ibid:
            cited = previous
        previous = cited or previous
        out += [Citation(essay.name, str(number), note_para[number], w.bibkey, w.kind, ibid) for w in cited]
    for pid, _, block in numbered(essay):
        if block.kind == "bib_entry":
            out += [Citation(essay.name, "", pid, w.bibkey, w.kind) for w in _cited(mine, block.plain())]
    return out


def problems(essays: list[Essay], works: list[Work], keys: list[str],
             without: dict[tuple[str, str], str]) -> list[str]:
    """What breaks the bibliography's contract: uncited entries, notes citing nothing unreviewed, stale reviews."""
    cites = [c for e in essays for c in derive(e, works)]
    out = [f"references.bib: entry {key!r} is cited nowhere" for key in keys if key not in {c.bibkey for c in cites}]
    citing = {(c.essay, c.note) for c in cites}
    for essay in essays:
        for number in sorted(essay.notes):
            key = (essay.name, str(number))
            if key not in citing and key not in without:
                out.append(f"{essay.name} note {number} cites no work in data/works.csv; add a pattern, or list it "
                           f"with a reason in {NOTES_WITHOUT_WORKS.relative_to(ROOT)}")
            if key in citing and key in without:
                out.append(f"{NOTES_WITHOUT_WORKS.relative_to(ROOT)}: {essay.name} note {number} is listed but cites a work")
    return out


CITATION_FIELDS = ["essay", "note", "paragraph", "bibkey", "kind", "ibid"]


def table(cites: list[Citation]) -> str:
    """The citations of the authors' notes as CSV: the columns of ``data/citations.csv``, for charts and review."""
    lines = [",".join(CITATION_FIELDS)]
    lines += [",".join([c.essay, c.note, c.paragraph, c.bibkey, c.kind, "yes" if c.ibid else "no"])
              for c in cites if c.note]
    return "\n".join(lines) + "\n"
