"""The paragraph registry: the committed contract between anchor ids and the paragraphs they name.

``data/paragraphs.csv`` lists every numbered paragraph as id, essay, number, kind and opening words. An id,
once published, always names the same paragraph: the build and the tests compare the established text
with this file, and only an explicit ``make_chapters.py --add-new`` may append ids to it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from edition.copytext import ROOT, Essay, numbered, opening

REGISTRY = ROOT / "data" / "paragraphs.csv"
FIELDS = ["id", "essay", "number", "kind", "opening"]


@dataclass(frozen=True)
class Entry:
    id: str
    essay: str
    number: str
    kind: str
    opening: str


def load(path=REGISTRY) -> dict[str, Entry]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["id"]: Entry(**row) for row in csv.DictReader(fh)}


def entries(essay: Essay) -> list[Entry]:
    return [
        Entry(pid, essay.name, str(n), "frontmatter" if block.kind == "frontmatter" else "text", opening(block))
        for pid, n, block in numbered(essay)
    ]


def compare(current: list[Entry], registry: dict[str, Entry]) -> tuple[list[str], list[Entry]]:
    """Problems that break the contract, and entries that are new (allowed only when added explicitly)."""
    problems, new = [], []
    seen = set()
    for entry in current:
        seen.add(entry.id)
        known = registry.get(entry.id)
        if known is None:
            new.append(entry)
        elif known != entry:
            problems.append(f"{entry.id}: registry has {known.opening!r}, the text now opens {entry.opening!r}")
    essays = {e.essay for e in current}
    for pid, known in registry.items():
        if known.essay in essays and pid not in seen:
            problems.append(f"{pid}: in the registry but no longer in the text ({known.opening!r})")
    return problems, new


def write(all_entries: list[Entry], path=REGISTRY) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        for e in all_entries:
            writer.writerow(e.__dict__)
