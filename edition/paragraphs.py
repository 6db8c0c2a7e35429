"""The paragraph registry: the committed contract between anchor ids and the paragraphs they name.

``data/paragraphs.csv`` lists every numbered paragraph as id, essay, number, kind and opening words. An id,
once published, always names the same paragraph: the build and the tests compare the established text
with this file, and only an explicit ``python -m edition.make_chapters --add-new`` may append ids to it.
Both files are tables of the data package, validated there (a retired id must be registered, with the
same essay and opening; ``replaced_by`` must be a registered id).

A paragraph removed from the text keeps its row here and gains one in ``data/paragraphs_retired.csv``
(id, essay, opening, reason, replaced_by): its id is then retired, never reused, and the essay page
keeps a stub anchor saying what happened to it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from edition import ROOT, data
from edition.copytext import Essay, numbered, opening

REGISTRY = ROOT / "data" / "paragraphs.csv"
RETIRED = ROOT / "data" / "paragraphs_retired.csv"
FIELDS = ["id", "essay", "number", "kind", "opening"]


@dataclass(frozen=True)
class Entry:
    id: str
    essay: str
    number: str
    kind: str
    opening: str


def load() -> dict[str, Entry]:
    return {row["id"]: Entry(**row) for row in data.table("paragraphs")}


@dataclass(frozen=True)
class Retired:
    id: str
    essay: str
    opening: str
    reason: str
    replaced_by: str


def retired() -> dict[str, Retired]:
    """Retired ids (registered, with the same essay and opening: the data package checks it)."""
    return {row["id"]: Retired(**row) for row in data.table("paragraphs_retired")}


def entries(essay: Essay) -> list[Entry]:
    return [
        Entry(pid, essay.name, str(n), "frontmatter" if block.kind == "frontmatter" else "text", opening(block))
        for pid, n, block in numbered(essay)
    ]


def compare(current: list[Entry], registry: dict[str, Entry],
            retired_ids: set[str] | None = None) -> tuple[list[str], list[Entry]]:
    """Problems that break the contract, and entries that are new (allowed only when added explicitly).

    A registered id missing from the text is a problem unless it is retired; a retired id back in the text is one.
    """
    if retired_ids is None:
        retired_ids = set(retired())
    problems, new = [], []
    seen = set()
    for entry in current:
        seen.add(entry.id)
        known = registry.get(entry.id)
        if entry.id in retired_ids:
            problems.append(f"{entry.id}: retired in data/paragraphs_retired.csv, but a paragraph has it again")
        elif known is None:
            new.append(entry)
        elif known != entry:
            problems.append(f"{entry.id}: registry has {known.opening!r}, the text now opens {entry.opening!r}")
    essays = {e.essay for e in current}
    for pid, known in registry.items():
        if known.essay in essays and pid not in seen and pid not in retired_ids:
            problems.append(f"{pid}: in the registry but no longer in the text ({known.opening!r})")
    return problems, new


def table(all_entries: list[Entry]) -> str:
    """The registry's text, as data/paragraphs.csv holds it."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(e.__dict__ for e in all_entries)
    return buf.getvalue()
