"""Citations of the edition and its two essays, in the styles students are asked for, as pure functions.

Three things can be cited: an essay as reprinted in this edition (``original=False``), the essay in its
original publication (``original=True``) and the edition as a whole (``work=None``); a reprinted essay can
also be cited to the paragraph (``para="14"``). Every value comes from ``edition.metadata`` (CITATION.cff
and data/essays.yml); nothing here is typed per page.

The human-readable styles return text in which ``*…*`` marks italics; ``plain()`` and ``html()`` turn it
into what a clipboard or a page needs. The styles followed are Chicago (17th ed.) notes-bibliography and
author-date, MLA (9th ed.) and APA (7th ed.); tests/test_cite.py keeps, beside each expected string, the
rule it follows. Where a fact is unknown (where Wesser's essay first appeared) it is left out, never guessed.
"""

from __future__ import annotations

import html as _html
import json
import re

from edition.metadata import Edition, Work

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# MLA 9 abbreviates months of more than four letters in the works-cited list.
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
ITALIC = re.compile(r"\*([^*]+)\*")


def plain(text: str) -> str:
    return ITALIC.sub(r"\1", text)


def html(text: str) -> str:
    return ITALIC.sub(r"<i>\1</i>", _html.escape(text, quote=False))


def _chicago_date(date: tuple[int, ...]) -> str:
    if len(date) == 3:
        return f"{MONTHS[date[1] - 1]} {date[2]}, {date[0]}"
    if len(date) == 2:
        return f"{MONTHS[date[1] - 1]} {date[0]}"
    return str(date[0])


def _mla_date(date: tuple[int, ...]) -> str:
    parts = [str(date[2])] if len(date) == 3 else []
    parts += [MLA_MONTHS[date[1] - 1]] if len(date) >= 2 else []
    return " ".join(parts + [str(date[0])])


def _stop(text: str) -> str:
    # A name ending in an initial ("Wesser, Robert M.") takes no second full stop.
    return text if text.endswith(".") else text + "."


def _url(ed: Edition, work: Work | None, para: str | None = None) -> str:
    if work is None:
        return ed.url or "index.html"
    return ed.address(work.page + (f"#{work.key}-{para}" if para else ""))


def _report_facts(work: Work) -> str:
    return f"{work.place}: {work.publisher}, {work.year}"


# Chicago notes-bibliography -------------------------------------------------------------------------------

def chicago_note(ed: Edition, work: Work | None = None, *, original: bool = False, para: str | None = None,
                 mark: str = "par.") -> str:
    """A full note; ``para`` adds a locator before the address (``mark`` "par." or the edition's "¶")."""
    if work is None:
        return f"*{ed.title}*, version {ed.version} ({ed.year}), {_url(ed, None)}."
    author = work.author.full
    if original and work.kind == "report":
        return f"{author}, *{work.title}*, {work.series} {work.number} ({_report_facts(work)})."
    if original:
        return f"{author}, “{work.title}” (n.p., {_chicago_date(work.date)})."
    locator = f"{mark} {para}, " if para else ""
    return (f"{author}, “{work.title},” in *{ed.title}*, version {ed.version} ({ed.year}), "
            f"{locator}{_url(ed, work, para)}.")


def chicago_short_note(ed: Edition, work: Work | None = None, *, para: str | None = None) -> str:
    if work is None:
        return f"*{ed.short_title}*."
    if para:
        return f"{work.author.family}, “{work.short_title},” par. {para}."
    return f"{work.author.family}, “{work.short_title}.”"


def _originally(work: Work) -> str:
    if work.kind == "report":
        return f"Originally published as {work.series} {work.number}. {_report_facts(work)}."
    return f"Originally dated {_chicago_date(work.date)}."


def chicago_bibliography(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    if work is None:
        return f"*{ed.title}*. Version {ed.version}. {ed.year}. {_url(ed, None)}."
    author = _stop(work.author.inverted)
    if original and work.kind == "report":
        return f"{author} *{work.title}*. {work.series} {work.number}. {_report_facts(work)}."
    if original:
        return f"{author} “{work.title}.” N.p., {_chicago_date(work.date)}."
    return (f"{author} “{work.title}.” In *{ed.title}*. Version {ed.version}. {ed.year}. "
            f"{_url(ed, work)}. {_originally(work)}")


# Chicago author-date --------------------------------------------------------------------------------------

def chicago_author_date(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    """The reference-list entry."""
    if work is None:
        return f"*{ed.title}*. {ed.year}. Version {ed.version}. {_url(ed, None)}."
    author = _stop(work.author.inverted)
    if original and work.kind == "report":
        return (f"{author} {work.year}. *{work.title}*. {work.series} {work.number}. "
                f"{work.place}: {work.publisher}.")
    if original:
        return f"{author} {work.year}. “{work.title}.” N.p., {_chicago_date(work.date)}."
    return (f"{author} ({work.year}) {ed.year}. “{work.title}.” In *{ed.title}*. Version {ed.version}. "
            f"{_url(ed, work)}.")


def chicago_author_date_intext(ed: Edition, work: Work | None = None, *, original: bool = False,
                               para: str | None = None) -> str:
    if work is None:
        return f"(*{ed.short_title}* {ed.year})"
    date = work.year if original else f"[{work.year}] {ed.year}"
    return f"({work.author.family} {date}" + (f", par. {para})" if para else ")")


# MLA 9 ----------------------------------------------------------------------------------------------------

def mla(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    """The works-cited entry."""
    if work is None:
        return f"*{ed.title}*. Version {ed.version}, {ed.year}, {_url(ed, None)}."
    author = _stop(work.author.inverted)
    if original and work.kind == "report":
        return f"{author} *{work.title}*. {work.publisher}, {_mla_date(work.date)}. {work.series} {work.number}."
    if original:
        return f"{author} “{work.title}.” {_mla_date(work.date)}."
    return f"{author} “{work.title}.” {work.year}. *{ed.title}*, version {ed.version}, {ed.year}, {_url(ed, work)}."


def mla_intext(ed: Edition, work: Work | None = None, *, para: str | None = None) -> str:
    if work is None:
        return f"(*{ed.short_title}*)"
    return f"({work.author.family}" + (f", par. {para})" if para else ")")


# APA 7 ----------------------------------------------------------------------------------------------------

def apa(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    """The reference-list entry (no full stop after an address, as APA asks)."""
    if work is None:
        return f"*{ed.title_sentence_case}* (Version {ed.version}). ({ed.year}). {_url(ed, None)}"
    author = f"{work.author.family}, {work.author.initials}"
    if original and work.kind == "report":
        return (f"{author} ({work.year}). *{work.title_sentence_case}* ({work.series} No. {work.number}). "
                f"{work.publisher}.")
    if original:
        return f"{author} ({work.year}). *{work.title_sentence_case}*."
    return (f"{author} ({ed.year}). {work.title_sentence_case}. In *{ed.title_sentence_case}* "
            f"(Version {ed.version}). {_url(ed, work)} (Original work published {work.year})")


def apa_intext(ed: Edition, work: Work | None = None, *, original: bool = False, para: str | None = None) -> str:
    if work is None:
        return f"(*{ed.short_title}*, {ed.year})"
    date = work.year if original else f"{work.year}/{ed.year}"
    return f"({work.author.family}, {date}" + (f", para. {para})" if para else ")")


# The edition's own pinpoint form, copied by a paragraph's ¶ permalink -------------------------------------

def pinpoint(ed: Edition, work: Work, para: str) -> str:
    return chicago_note(ed, work, para=para, mark="¶")


# Machine-readable formats ---------------------------------------------------------------------------------

def keys(work: Work | None) -> list[str]:
    """Citation keys, named after the essay's stem: the reprint first, then the original."""
    return ["two_essays_edition"] if work is None else [f"{work.key}_reprint", f"{work.key}_original"]


def _bib_value(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _bib_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{_bib_value(value)}}}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def iso_date(date: tuple[int, ...]) -> str:
    """``1996-06``: ISO 8601 to the precision known (BibTeX, Dublin Core)."""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))


def bibtex(ed: Edition, work: Work | None = None) -> str:
    """BibTeX entries, with biblatex's ``version`` and ``origdate``; titles braced to keep their capitals."""
    url = ed.url and _url(ed, work)
    released = iso_date((ed.released.year, ed.released.month, ed.released.day))
    if work is None:
        return _bib_entry("book", keys(None)[0], [
            ("title", f"{{{ed.title}}}"), ("year", ed.year), ("date", released), ("version", ed.version),
            ("note", f"Version {ed.version}"), ("url", url)])
    author = work.author.inverted
    reprint = _bib_entry("incollection", keys(work)[0], [
        ("author", author), ("title", f"{{{work.title}}}"), ("booktitle", f"{{{ed.title}}}"), ("year", ed.year),
        ("date", released), ("version", ed.version), ("origdate", iso_date(work.date)),
        ("note", f"Version {ed.version}. {plain(_originally(work))[:-1]}"), ("url", url)])
    if work.kind == "report":
        original = _bib_entry("techreport", keys(work)[1], [
            ("author", author), ("title", f"{{{work.title}}}"), ("institution", work.publisher),
            ("type", work.series), ("number", work.number), ("address", work.place), ("year", work.year),
            ("date", iso_date(work.date))])
    else:
        original = _bib_entry("misc", keys(work)[1], [
            ("author", author), ("title", f"{{{work.title}}}"), ("year", work.year), ("date", iso_date(work.date))])
    return reprint + "\n" + original


def _ris_record(lines: list[tuple[str, str]]) -> str:
    return "".join(f"{tag}  - {value}\n" for tag, value in lines if value) + "ER  - \n"


def slash_date(date: tuple[int, ...]) -> str:
    """``1996/06``: the form RIS and the Highwire Press meta tags read."""
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))


def ris(ed: Edition, work: Work | None = None) -> str:
    """RIS records, tagged as Zotero's RIS translator reads them (e.g. a report's number in SN, its series in T2)."""
    url = ed.url and _url(ed, work)
    released = slash_date((ed.released.year, ed.released.month, ed.released.day))
    if work is None:
        return _ris_record([("TY", "BOOK"), ("TI", ed.title), ("PY", ed.year), ("DA", released),
                            ("ET", f"Version {ed.version}"), ("UR", url)])
    author = work.author.inverted
    reprint = _ris_record([("TY", "CHAP"), ("AU", author), ("TI", work.title), ("T2", ed.title), ("PY", ed.year),
                           ("DA", released), ("ET", f"Version {ed.version}"), ("UR", url),
                           ("N1", plain(_originally(work)))])
    if work.kind == "report":
        original = _ris_record([("TY", "RPRT"), ("AU", author), ("TI", work.title), ("T2", work.series),
                                ("SN", work.number), ("CY", work.place), ("PB", work.publisher),
                                ("PY", work.year), ("DA", slash_date(work.date))])
    else:
        original = _ris_record([("TY", "GEN"), ("AU", author), ("TI", work.title), ("PY", work.year),
                                ("DA", slash_date(work.date))])
    return reprint + original


def csl_items(ed: Edition, work: Work | None = None) -> list[dict]:
    """CSL-JSON items (the reprint first, then the original)."""
    released = {"date-parts": [[ed.released.year, ed.released.month, ed.released.day]]}
    url = {"URL": _url(ed, work)} if ed.url else {}
    if work is None:
        return [{"id": keys(None)[0], "type": "book", "title": ed.title, "version": ed.version,
                 "issued": released, **url}]
    author = [{"family": work.author.family, "given": work.author.given}]
    date = {"date-parts": [list(work.date)]}
    reprint = {"id": keys(work)[0], "type": "chapter", "author": author, "title": work.title,
               "container-title": ed.title, "version": ed.version, "issued": released, "original-date": date,
               "note": plain(_originally(work)), **url}
    if work.kind == "report":
        original = {"id": keys(work)[1], "type": "report", "author": author, "title": work.title,
                    "collection-title": work.series, "number": work.number, "publisher": work.publisher,
                    "publisher-place": work.place, "issued": date}
    else:
        original = {"id": keys(work)[1], "type": "article", "author": author, "title": work.title, "issued": date}
    return [reprint, original]


def csl_json(ed: Edition, work: Work | None = None) -> str:
    return json.dumps(csl_items(ed, work), ensure_ascii=False, indent=2) + "\n"


# What a how-to-cite section shows ---------------------------------------------------------------------------

def styles(ed: Edition, work: Work | None = None, *, original: bool = False) -> list[tuple[str, str]]:
    """(label, citation) pairs in the order a reader meets them."""
    rows = [
        ("Chicago, note", chicago_note(ed, work, original=original)),
        ("Chicago, bibliography", chicago_bibliography(ed, work, original=original)),
        ("Chicago, author-date reference", chicago_author_date(ed, work, original=original)),
        ("Chicago, author-date in text", chicago_author_date_intext(ed, work, original=original)),
        ("MLA 9, works cited", mla(ed, work, original=original)),
        ("MLA 9, in text", mla_intext(ed, work)),
        ("APA 7, reference", apa(ed, work, original=original)),
        ("APA 7, in text", apa_intext(ed, work, original=original)),
    ]
    if work is not None and not original:
        rows.insert(1, ("Chicago, shortened note", chicago_short_note(ed, work)))
    return rows
