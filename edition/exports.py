"""The edition and its essays for reference managers: BibTeX (written by pybtex), RIS (by rispy) and CSL-JSON.

Each essay has two records, the reprint in this edition first and the original publication second
(``keys``); the edition as a whole has one. Every value comes from ``edition.metadata`` (CITATION.cff,
data/edition.yml, data/essays.yml). The human-readable styles are ``edition.citation_styles``.
"""

from __future__ import annotations

import json

import rispy
from pybtex.database import BibliographyData, Entry, Person

from edition.citation_styles import originally, plain, url
from edition.metadata import Edition, Work



def editors(ed: Edition) -> str:
    """The edition's editors for BibTeX: the persons CITATION.cff names, else its collective name, braced."""
    if ed.editors:
        return " and ".join(f"{p.family}, {p.given}" if p.given else f"{{{p.family}}}" for p in ed.editors)
    return " and ".join(f"{{{name}}}" for name in ed.authors)


def publisher(ed: Edition) -> str:
    """CITATION.cff's publisher; until one is set the edition is published by its editors (plain.bst needs one)."""
    return f"{{{ed.publisher}}}" if ed.publisher else " and ".join(f"{{{name}}}" for name in ed.authors)

# The Kennan Institute's papers are a numbered series of occasional papers (RIS M3, Zotero's report type).
REPORT_TYPE = "Occasional paper"


def keys(work: Work | None) -> list[str]:
    """Citation keys, named after the essay's stem: the reprint first, then the original."""
    return ["two_essays_edition"] if work is None else [f"{work.key}_reprint", f"{work.key}_original"]


def iso_date(date: tuple[int, ...]) -> str:
    """``1996-06``: ISO 8601 to the precision known (BibTeX, Dublin Core)."""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))


def slash_date(date: tuple[int, ...]) -> str:
    """``1996/06``: the form RIS and the Highwire Press meta tags read."""
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))


def _released(ed: Edition) -> tuple[int, int, int]:
    return (ed.released.year, ed.released.month, ed.released.day)


# BibTeX -----------------------------------------------------------------------------------------------------

def _entry(kind: str, fields: list[tuple[str, str]], author: str = "") -> Entry:
    # Empty values are left out, so bibtex never meets an empty field.
    return Entry(kind, fields=[(k, v) for k, v in fields if v], persons={"author": [Person(author)]} if author else {})


def bibtex(ed: Edition, work: Work | None = None) -> str:
    """BibTeX entries, with biblatex's ``version`` and ``origdate``; titles braced to keep their capitals."""
    link = ed.url and url(ed, work)
    released = iso_date(_released(ed))
    if work is None:
        # plain.bst wants an author or editor for @book: the edition's editors, as CITATION.cff names them.
        entries = {keys(None)[0]: _entry("book", [
            ("editor", editors(ed)), ("title", f"{{{ed.title}}}"), ("publisher", publisher(ed)),
            ("year", ed.year), ("date", released), ("version", ed.version), ("edition", f"Version {ed.version}"),
            ("url", link)])}
        return BibliographyData(entries).to_string("bibtex")
    author = work.author.inverted
    # @incollection needs a publisher in plain.bst: the edition is published by its editors.
    reprint = _entry("incollection", [
        ("title", f"{{{work.title}}}"), ("booktitle", f"{{{ed.title}}}"),
        ("publisher", publisher(ed)), ("year", ed.year),
        ("date", released), ("version", ed.version), ("origdate", iso_date(work.date)),
        ("origpublisher", work.publisher),
        ("note", f"Version {ed.version}. {plain(originally(work))[:-1]}"), ("url", link)], author)
    if work.kind == "report":
        original = _entry("techreport", [
            ("title", f"{{{work.title}}}"), ("institution", work.publisher), ("type", work.series),
            ("number", work.number), ("address", work.place), ("year", work.year),
            ("date", iso_date(work.date))], author)
    else:
        original = _entry("misc", [
            ("title", f"{{{work.title}}}"), ("year", work.year), ("date", iso_date(work.date))], author)
    return BibliographyData({keys(work)[0]: reprint, keys(work)[1]: original}).to_string("bibtex")


# RIS --------------------------------------------------------------------------------------------------------

class _Writer(rispy.RisWriter):
    """rispy's writer without its numbered header line ("1.") and blank separator, neither of which is RIS."""

    SEPARATOR = None

    def set_header(self, count: int) -> str:
        return ""


def _record(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if v}


def _ris_editors(ed: Edition) -> list[str]:
    # A2 is the book's editors in a CHAP record; only named persons (a collective name would import as a person).
    return [f"{p.family}, {p.given}" if p.given else p.family for p in ed.editors]


def ris(ed: Edition, work: Work | None = None) -> str:
    """RIS records, tagged as Zotero's RIS translator reads them (e.g. a report's number in SN, its series in T2)."""
    link = [url(ed, work)] if ed.url else []
    released = slash_date(_released(ed))
    if work is None:
        records = [_record({"type_of_reference": "BOOK", "title": ed.title, "year": ed.year, "date": released,
                            "edition": f"Version {ed.version}", "urls": link, "publisher": ed.publisher})]
    else:
        author = [work.author.inverted]
        records = [_record({"type_of_reference": "CHAP", "authors": author, "title": work.title,
                            "short_title": work.short_title, "secondary_title": ed.title, "year": ed.year, "date": released,
                            "edition": f"Version {ed.version}", "urls": link,
                            "secondary_authors": _ris_editors(ed), "publisher": ed.publisher,
                            "notes": [plain(originally(work))]})]
        if work.kind == "report":
            records.append(_record({"type_of_reference": "RPRT", "authors": author, "title": work.title,
                                    "short_title": work.short_title, "type_of_work": REPORT_TYPE,
                                    "secondary_title": work.series, "issn": work.number,
                                    "place_published": work.place, "publisher": work.publisher,
                                    "year": work.year, "date": slash_date(work.date)}))
        else:
            # Zotero's RIS translator imports GEN as a journal article; MANSCPT is its manuscript, with the
            # work's kind as the manuscript type, which the styles print instead of "unpublished manuscript".
            records.append(_record({"type_of_reference": "MANSCPT", "authors": author, "title": work.title,
                                    "short_title": work.short_title, "type_of_work": work.kind,
                                    "year": work.year, "date": slash_date(work.date)}))
    return rispy.dumps(records, implementation=_Writer)


# CSL-JSON ---------------------------------------------------------------------------------------------------

def csl_items(ed: Edition, work: Work | None = None) -> list[dict]:
    """CSL-JSON items (the reprint first, then the original)."""
    released = {"date-parts": [list(_released(ed))]}
    link = {"URL": url(ed, work)} if ed.url else {}
    # Only what CITATION.cff sets: no placeholder editor or publisher for a style to print.
    credit = {k: v for k, v in (("editor", [{"family": p.family, "given": p.given} if p.given else {"literal": p.family}
                                            for p in ed.editors]), ("publisher", ed.publisher)) if v}
    if work is None:
        return [{"id": keys(None)[0], "type": "book", "title": ed.title, "version": ed.version,
                 "issued": released, **credit, **link}]
    author = [{"family": work.author.family, "given": work.author.given}]
    date = {"date-parts": [list(work.date)]}
    titles = {"title": work.title, "title-short": work.short_title}
    first = ({"original-publisher": work.publisher, "original-publisher-place": work.place}
             if work.kind == "report" else {})
    reprint = {"id": keys(work)[0], "type": "chapter", "author": author, **titles,
               "container-title": ed.title, "container-title-short": ed.short_title, "version": ed.version,
               "issued": released, "original-date": date, **first, "note": plain(originally(work)), **credit, **link}
    if work.kind == "report":
        original = {"id": keys(work)[1], "type": "report", "author": author, **titles,
                    "collection-title": work.series, "collection-number": work.number,
                    "publisher": work.publisher, "publisher-place": work.place, "issued": date}
    else:
        # "article" renders as "Preprint" in Chicago 18; a manuscript with its kind as genre says only what
        # is known (the venue of first publication is not).
        original = {"id": keys(work)[1], "type": "manuscript", "genre": work.kind, "author": author, **titles,
                    "issued": date}
    return [reprint, original]


def csl_json(ed: Edition, work: Work | None = None) -> str:
    return json.dumps(csl_items(ed, work), ensure_ascii=False, indent=2) + "\n"


# The files the HTML build writes to cite/<stem>.<ext>, with the label the how-to-cite section shows.
FORMATS = (("bib", "BibTeX", bibtex), ("ris", "RIS", ris), ("json", "CSL-JSON", csl_json))
