"""Establish the essays from their copy-texts and write everything derived from them, in order.

    python -m edition.make_chapters            # check the registry, write what is out of date (`make chapters`)
    python -m edition.make_chapters --check    # write nothing; exit 1 if anything derived is out of date
    python -m edition.make_chapters --add-new  # also append new paragraph ids to data/paragraphs.csv

In order: the paragraph ids of the locators (``edition.locate``: data/links.csv, data/essay_claims.csv);
each work of data/essays.yml as chapters/<key>.md, carrying the apparatus read from data/ (emendations and
textual-note marks, links from the authors' notes to the bibliography, editors' notes, links between the
essays, links to the index of persons and the glossary); then chapters/textual_notes.md, chapters/persons.md,
chapters/glossary.md, data/mentions.csv and data/works_cited.csv.

Nothing is written unless every essay parses, every table holds, and every paragraph id still names the
paragraph the registry says it names.

A run that wrote (or found current) every output keeps a content hash of its inputs and outputs (every file
under data/, ``references.bib``, the ``edition`` package's code, the files it wrote) in
``_build/.chapters-state``; while that hash holds, ``make chapters`` reads nothing else and writes nothing.
``--check`` and ``--add-new`` always derive.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from edition import ROOT

STATE = ROOT / "_build" / ".chapters-state"
CODE = Path(__file__).resolve().parent  # the generator: a change to any module of the package re-derives


def _join(*parts: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        for key, text in part.items():
            out[key] = out.get(key, "") + text
    return out


def _works_links(essay, works) -> dict[int, str]:
    from edition import works_cited

    keys: dict[int, list[str]] = {}
    for c in works_cited.derive(essay, works):
        if c.note and c.bibkey not in keys.setdefault(int(c.note), []):
            keys[int(c.note)].append(c.bibkey)
    return {n: f" {{works}}`{' '.join(k)}`" for n, k in keys.items()}


def _stale(outputs: dict[Path, str]) -> list[Path]:
    return [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def _write(outputs: dict[Path, str]) -> None:
    for path in _stale(outputs):
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


def _state(outputs: list[Path]) -> str:
    """One hash of every input of ``derive`` and of the outputs it wrote: equal hashes, nothing to do."""
    return inputs_digest(outputs)


def inputs_digest(extra: list[Path]) -> str:
    """One hash of every input of ``derive`` (every file under data/, each work's copy-text and decisions wherever
    the registry puts them, ``references.bib``, the package's code) and of ``extra``; a missing file counts."""
    from edition import essays

    texts = [path for work in essays.works() for path in (work.copytext, work.decisions)]
    files = sorted({*(p for p in (ROOT / "data").rglob("*") if p.is_file()), *texts, ROOT / "references.bib",
                    *CODE.rglob("*.py"), *extra})
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"missing")
    return digest.hexdigest()


def current() -> bool:
    """Whether the last run's state still holds: no input and no output changed since it ran."""
    try:
        kept = json.loads(STATE.read_text(encoding="utf-8"))
        return kept["state"] == _state([ROOT / p for p in kept["outputs"]])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _keep_state(outputs: dict[Path, str]) -> None:
    names = sorted(str(p.relative_to(ROOT)) for p in outputs)
    STATE.parent.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps({"state": _state(list(outputs)), "outputs": names}, indent=1), encoding="utf-8")


def derive(add_new: bool, check: bool) -> dict[Path, str]:
    """Every derived file's text; the located tables are written first (unless ``check``), since the rest read them."""
    from edition import (crosslinks, data, ednotes, emendations, essays, locate, mentions, paragraphs, references,
                         works_cited)
    from edition.copytext import CopyTextError, parse
    from edition.myst import SpanError, render

    works_list = essays.works()
    altered = data.checksum_problems()
    if altered:
        raise data.DataError(altered)  # an altered copy-text is never established, let alone published
    texts = [parse(w.key) for w in works_list]
    located = locate.located(texts)
    if check and _stale(located):
        raise data.DataError([data.Problem(str(p.relative_to(ROOT)), None, "paragraph", "out of date",
                                           "run `make chapters`") for p in _stale(located)])
    _write({} if check else located)

    known = paragraphs.load()
    current = [e for essay in texts for e in paragraphs.entries(essay)]
    problems, new = paragraphs.compare(current, known)
    if problems:
        raise CopyTextError("the paragraph registry data/paragraphs.csv no longer matches the text:\n"
                            + "\n".join(f"  {p}" for p in problems)
                            + "\nAn id must keep naming the same paragraph; fix the decisions, do not renumber.")
    highest = {}
    for entry in known.values():
        highest[entry.essay] = max(highest.get(entry.essay, 0), int(entry.number))
    # An id below the essay's highest registered number was registered once: its row was deleted, not new.
    deleted = [e for e in new if int(e.number) < highest.get(e.essay, 0)]
    if deleted:
        raise CopyTextError(f"data/paragraphs.csv lacks {', '.join(e.id for e in deleted)}, though later paragraphs of "
                            f"{deleted[0].essay} are registered: the row was deleted. Fix: restore it "
                            "(`git checkout -- data/paragraphs.csv`); do not use --add-new, which would register "
                            "the paragraph as new")
    if new and not add_new:
        raise CopyTextError(f"{len(new)} paragraphs have no registry entry (first: {new[0].id}); "
                            "run `python -m edition.make_chapters --add-new` to register them")

    rows = emendations.load()
    works = works_cited.load_works()
    notes = ednotes.load({e.name: e for e in texts})
    topics = crosslinks.load()
    entries = mentions.load_all()
    unresolved = works_cited.problems(texts, works, references.keys(), works_cited.load_notes_without_works())
    if unresolved:
        raise works_cited.CitationError("the bibliography does not hold:\n" + "\n".join(f"  {p}" for p in unresolved))

    outputs, where, found = {}, {}, []
    for work, essay in zip(works_list, texts):
        letters, suffix = ednotes.spans(notes, essay)
        marks = emendations.spans(rows, essay.name) + letters
        mine = mentions.find(essay, entries)
        found += mine
        marks += mentions.spans(mine, entries, marks)
        after = _join(ednotes.boxes(notes, essay.name), crosslinks.lines(topics, essay.name))
        outputs[ROOT / f"{work.docname}.md"] = render(essay, marks, after=after, note_after=_works_links(essay, works),
                                                      suffix=suffix)
        where.update((m.key, m.where) for m in marks)
    unplaced = [key for key, w in where.items() if not w]  # an anchor or original across a marker, or inside a mark
    if unplaced:
        raise SpanError(f"could not place {', '.join(unplaced)} (data/emendations.csv, data/editorial_notes.csv): "
                        "the quoted words run across a note marker or page break; quote a shorter stretch")
    outputs[ROOT / "chapters" / "textual_notes.md"] = emendations.render_chapter(rows, where)
    outputs.update(crosslinks.pages(topics))
    outputs[mentions.MENTIONS] = mentions.table(found)
    for kind, stem in (("person", "persons"), ("term", "glossary")):
        outputs[ROOT / "chapters" / f"{stem}.md"] = mentions.render_chapter(kind, entries, found)
    outputs[works_cited.CITATIONS] = works_cited.table([c for essay in texts for c in works_cited.derive(essay, works)])
    if new:
        outputs[paragraphs.REGISTRY] = paragraphs.table(list(known.values()) + new)
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; fail if anything derived is out of date")
    ap.add_argument("--add-new", action="store_true", help="append new paragraph ids to the registry")
    args = ap.parse_args(argv)
    if not (args.check or args.add_new) and current():
        print(f"chapters: inputs unchanged since the last run ({STATE.relative_to(ROOT)}); nothing written")
        return 0
    return _run(args)


def _run(args) -> int:
    # Imported here, not at the top: the unchanged case above answers without loading the data tools.
    from edition import crosslinks, data, ednotes, emendations, essays, locate, mentions, works_cited
    from edition.copytext import CopyTextError
    from edition.myst import SpanError

    errors = (CopyTextError, essays.RegistryError, data.DataError, locate.LocatorError, emendations.EmendationError,
              works_cited.CitationError, ednotes.EditorialNoteError, crosslinks.CrosslinkError, mentions.MentionError)
    try:
        outputs = derive(args.add_new, args.check)
    except (*errors, SpanError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1 if args.check and isinstance(exc, data.DataError) else 2
    if args.check:
        stale = [str(p.relative_to(ROOT)) for p in _stale(outputs)]
        if stale:
            print(f"error: out of date: {', '.join(stale)}; run `make chapters`", file=sys.stderr)
            return 1
        return 0
    _write(outputs)
    _keep_state(outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
