"""schema.org records of the edition, for search engines and catalogues: the edition as a ``Book`` whose parts
are its chapters, each work of the registry as a ``Chapter`` whose ``isBasedOn`` is the original.

Everything comes from ``edition.metadata`` (CITATION.cff, data/edition.yml) and the registry
(``data/essays.yml``); nothing is typed per page. Names that CITATION.cff does not set (the editors, the
publisher) are left out rather than filled with a placeholder. ``script()`` writes a record as the body of a
``<script type="application/ld+json">`` element that data text can never end or turn into markup.
"""

from __future__ import annotations

import json

from edition import exports, metadata
from edition.essays import Person, Work

CONTEXT = "https://schema.org"


def _person(person: Person) -> dict:
    if not person.given:
        return {"@type": "Person", "name": person.family}
    return {"@type": "Person", "name": person.full, "givenName": person.given, "familyName": person.family}


def _where(ed: metadata.Edition, path: str) -> str:
    # An absolute address once the edition has one; until then the address relative to its root.
    return ed.address(path)


def original(work: Work) -> dict:
    """The work as first published, from its bibliographic record in the registry."""
    record = {
        "@type": "Report" if work.kind == "report" else "CreativeWork",
        "name": work.title,
        "author": _person(work.author),
        "datePublished": exports.iso_date(work.date),
        "inLanguage": "en",
        "description": " ".join(work.publication.split()),
    }
    if work.kind == "report" and work.number:
        record["reportNumber"] = work.number
    if work.series:
        record["isPartOf"] = {"@type": "CreativeWorkSeries", "name": work.series}
    if work.publisher:
        record["publisher"] = {"@type": "Organization", "name": work.publisher}
        if work.place:
            record["locationCreated"] = {"@type": "Place", "name": work.place}
    if work.editor is not None:
        record["editor"] = _person(work.editor)
    record["copyrightHolder"] = {"@type": "Thing", "name": work.rights_holder}
    return record


def _book_ref(ed: metadata.Edition) -> dict:
    ref = {"@type": "Book", "name": ed.title, "bookEdition": f"Version {ed.version}"}
    if ed.url:
        ref["@id"] = ed.url + "#edition"
        ref["url"] = ed.url
    return ref


def chapter(ed: metadata.Edition, work: Work, position: int | None = None, *, part_of: bool = True) -> dict:
    """A work of the registry as a chapter of the edition, based on its original publication."""
    record = {
        "@type": "Chapter",
        "name": work.title,
        "alternativeHeadline": work.short_title,
        "author": _person(work.author),
        "url": _where(ed, work.page),
        "inLanguage": "en",
        "isBasedOn": original(work),
    }
    if position is not None:
        record["position"] = position
    if part_of:
        record["isPartOf"] = _book_ref(ed)
    return record


def book(ed: metadata.Edition, chapters: list[tuple[str, str, Work | None]]) -> dict:
    """The edition as a Book; ``chapters`` are (page address relative to the root, title, registered work or None)."""
    record = {
        "@context": CONTEXT,
        **_book_ref(ed),
        "alternateName": ed.short_title,
        "version": ed.version,
        "datePublished": ed.released.isoformat(),
        "inLanguage": "en",
        "license": ed.license_url or ed.license,
        "keywords": list(ed.keywords),
        "description": ed.abstract,
    }
    if not ed.url:
        record["url"] = _where(ed, "index.html")
    if ed.editors:
        record["editor"] = [_person(p) for p in ed.editors]
    if ed.publisher:
        record["publisher"] = {"@type": "Organization", "name": ed.publisher}
    parts = []
    for position, (page, title, work) in enumerate(chapters, start=1):
        if work is not None:
            parts.append(chapter(ed, work, position, part_of=False))
        else:
            parts.append({"@type": "Chapter", "name": title, "url": _where(ed, page), "position": position})
    record["hasPart"] = parts
    return {k: v for k, v in record.items() if v not in ("", [], None)}


def essay_page(ed: metadata.Edition, work: Work) -> dict:
    return {"@context": CONTEXT, **chapter(ed, work)}


def script(record: dict) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` as JSON escapes, so no text can close the element.

    The same escapes as Django's ``json_script``; ``json.loads`` reads them back as the characters they stand for.
    """
    text = json.dumps(record, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
