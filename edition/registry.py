"""The paragraph registry: the committed contract between anchor ids and the paragraphs they name.

``data/paragraphs.csv`` lists every numbered paragraph as id, essay, number, kind and opening words. An id,
once published, always names the same paragraph: the build and the tests compare the established text
with this file, and only an explicit ``make_chapters.py --add-new`` may append ids to it.

A paragraph removed from the text keeps its row here and gains one in ``data/paragraphs_retired.csv``
(id, essay, opening, reason, replaced_by): its id is then retired, never reused, and the essay page
keeps a stub anchor saying what happened to it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from edition.copytext import ROOT, Essay, numbered, opening

REGISTRY = ROOT / "data" / "paragraphs.csv"
RETIRED = ROOT / "data" / "paragraphs_retired.csv"
FIELDS = ["id", "essay", "number", "kind", "opening"]
RETIRED_FIELDS = ["id", "essay", "opening", "reason", "replaced_by"]


class RegistryError(ValueError):
    """A registry file breaks the contract; the message names the file, row and column."""


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


@dataclass(frozen=True)
class Retired:
    id: str
    essay: str
    opening: str
    reason: str
    replaced_by: str


def retired(path=None, registry: dict[str, Entry] | None = None) -> dict[str, Retired]:
    """Retired ids, checked against the registry: each must be registered, with the same essay and opening."""
    path = RETIRED if path is None else path
    if not path.exists():
        return {}
    registry = load() if registry is None else registry
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    out = {}
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != RETIRED_FIELDS:
            found = ",".join(reader.fieldnames or [])
            raise RegistryError(f"{name}: the header must be {','.join(RETIRED_FIELDS)}, not {found}")
        for row_number, row in enumerate(reader, start=2):
            entry = Retired(**{k: (v or "").strip() for k, v in row.items()})

            def fail(column: str, problem: str) -> RegistryError:
                return RegistryError(f"{name}, row {row_number}, column {column}: {problem}")

            known = registry.get(entry.id)
            if known is None:
                raise fail("id", f"{entry.id!r} is not in data/paragraphs.csv; only a registered id can be retired")
            if entry.id in out:
                raise fail("id", f"{entry.id!r} is retired twice")
            if entry.essay != known.essay:
                raise fail("essay", f"{entry.id} belongs to {known.essay!r}, not {entry.essay!r}")
            if entry.opening != known.opening:
                raise fail("opening", f"must repeat the registry's opening {known.opening!r}")
            if not entry.reason:
                raise fail("reason", "say what happened to the paragraph")
            if entry.replaced_by and entry.replaced_by not in registry:
                raise fail("replaced_by", f"{entry.replaced_by!r} is not a registered id; leave it empty or name one")
            out[entry.id] = entry
    return out


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
        retired_ids = set(retired(registry=registry))
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


def write(all_entries: list[Entry], path=REGISTRY) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        for e in all_entries:
            writer.writerow(e.__dict__)
