"""Establish both essays from their copy-texts and write them as MyST chapters.

    python scripts/make_chapters.py            # check the registry, write chapters/<essay>.md
    python scripts/make_chapters.py --check    # write nothing; exit 1 if a chapter is out of date
    python scripts/make_chapters.py --add-new  # also append new paragraph ids to data/paragraphs.csv

The essays carry the apparatus read from data/: emendations and textual-note marks
(data/emendations.csv), links from the authors' notes to the bibliography (data/works.csv), editors'
notes and links between the essays (data/editorial_notes.csv, data/crosslinks.csv, when present) and
links to the index of persons and the glossary (data/persons.csv, data/terms.csv). The script also
writes chapters/textual_notes.md, chapters/persons.md, chapters/glossary.md and data/mentions.csv.

Nothing is written unless both essays parse, every table holds, and every paragraph id still names the
paragraph the registry says it names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edition import citations, crosslinks, ednotes, emendations, mentions, registry  # noqa: E402
from edition.copytext import ESSAYS, ROOT, CopyTextError, parse  # noqa: E402
from edition.myst import SpanError, render  # noqa: E402


def _join(*parts: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        for key, text in part.items():
            out[key] = out.get(key, "") + text
    return out


def _works_links(essay, works) -> dict[int, str]:
    keys: dict[int, list[str]] = {}
    for c in citations.derive(essay, works):
        if c.note and c.bibkey not in keys.setdefault(int(c.note), []):
            keys[int(c.note)].append(c.bibkey)
    return {n: f" {{works}}`{' '.join(k)}`" for n, k in keys.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; fail if a chapter is out of date")
    ap.add_argument("--add-new", action="store_true", help="append new paragraph ids to the registry")
    args = ap.parse_args(argv)

    try:
        essays = [parse(name) for name in ESSAYS]
        rows = emendations.load()
        keys = citations.bib_keys()
        works = citations.load_works(keys=keys)
        notes = ednotes.load({e.name: e for e in essays})
        topics = crosslinks.load({e.id for essay in essays for e in registry.entries(essay)})
        entries = mentions.load_all()
    except (CopyTextError, emendations.EmendationError, citations.CitationError, ednotes.EditorialNoteError,
            crosslinks.CrosslinkError, mentions.MentionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    known = registry.load() if registry.REGISTRY.exists() else {}
    current = [e for essay in essays for e in registry.entries(essay)]
    problems, new = registry.compare(current, known)
    if problems:
        print("error: the paragraph registry data/paragraphs.csv no longer matches the text:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        print("An id must keep naming the same paragraph; fix the decisions, do not renumber.", file=sys.stderr)
        return 2
    if new and not args.add_new:
        print(f"error: {len(new)} paragraphs have no registry entry (first: {new[0].id}); "
              "run with --add-new to register them.", file=sys.stderr)
        return 2

    unresolved = citations.problems(essays, works, keys, citations.load_notes_without_works())
    if unresolved:
        print("error: the bibliography does not hold:", *(f"  {p}" for p in unresolved), sep="\n", file=sys.stderr)
        return 2

    outputs, where, found, note_para = {}, {}, [], {}
    try:
        for essay in essays:
            letters, suffix = ednotes.spans(notes, essay)
            marks = emendations.spans(rows, essay.name) + letters
            mine = mentions.find(essay, entries)
            found += mine
            note_para.update(mentions.note_paragraphs(essay))
            marks += mentions.spans(mine, entries, marks)
            after = _join(ednotes.boxes(notes, essay.name), crosslinks.lines(topics, essay.name))
            outputs[ROOT / "chapters" / f"{essay.name}.md"] = render(
                essay, marks, after=after, note_after=_works_links(essay, works), suffix=suffix)
            where.update((m.key, m.where) for m in marks)
    except SpanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    unplaced = [key for key, w in where.items() if not w]  # an anchor or original across a marker, or inside a mark
    if unplaced:
        print(f"error: could not place {', '.join(unplaced)} (data/emendations.csv, data/editorial_notes.csv): the "
              "quoted words run across a note marker or page break; quote a shorter stretch", file=sys.stderr)
        return 2
    outputs[ROOT / "chapters" / "textual_notes.md"] = emendations.render_chapter(rows, where)
    if entries:
        outputs[mentions.MENTIONS] = mentions.table(found)
        for kind, stem in (("person", "persons"), ("term", "glossary")):
            outputs[ROOT / "chapters" / f"{stem}.md"] = mentions.render_chapter(kind, entries, found, note_para)
    if args.check:
        stale = [str(p.relative_to(ROOT)) for p, text in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"error: out of date: {', '.join(stale)}; run `make chapters`", file=sys.stderr)
            return 1
        return 0
    if new:
        registry.write(list(known.values()) + new)
        print(f"registered {len(new)} new paragraph ids")
    for path, text in outputs.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
