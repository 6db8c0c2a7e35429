"""Citations of the edition and its essays in the styles students are asked for (Chicago, MLA, APA), as pure functions.

Three things can be cited: an essay as reprinted in this edition (``original=False``), the essay in its
original publication (``original=True``) and the edition as a whole (``work=None``); a reprinted essay can
also be cited to the paragraph (``para="14"``). Every value comes from ``edition.metadata`` (CITATION.cff
and data/essays.yml); nothing here is typed per page.

The human-readable styles return text in which ``*…*`` marks italics; ``plain()`` and ``html()`` turn it
into what a clipboard or a page needs. The styles followed are Chicago (17th ed.) notes-bibliography and
author-date, MLA (9th ed.) and APA (7th ed.); tests/test_citation_styles.py keeps, beside each expected string, the
rule it follows. Where a fact is unknown (where Wesser's essay first appeared) it is left out, never guessed.
"""

from __future__ import annotations

import html as _html
import re

from edition.metadata import Edition, Work

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# MLA 9 abbreviates months of more than four letters in the works-cited list.
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
# Chicago abbreviates "paragraph" as "para." (CMOS 18th ed., 13.117: "(Claussen 2015, para. 2.15) or
# (Claussen 2015, ¶ 2.15)"), as the official CSL Chicago styles do; MLA writes "par." (below).
PARA = "para."
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


def _month_day(date: tuple[int, ...]) -> str:
    """The date without its year, which an author-date reference has already given (as the CSL Chicago style does)."""
    return _chicago_date(date).rsplit(",", 1)[0] if len(date) == 3 else MONTHS[date[1] - 1]


def _mla_date(date: tuple[int, ...]) -> str:
    parts = [str(date[2])] if len(date) == 3 else []
    parts += [MLA_MONTHS[date[1] - 1]] if len(date) >= 2 else []
    return " ".join(parts + [str(date[0])])


def _stop(text: str) -> str:
    # A name ending in an initial ("Wesser, Robert M.") takes no second full stop.
    return text if text.endswith(".") else text + "."


def url(ed: Edition, work: Work | None, para: str | None = None) -> str:
    if work is None:
        return ed.url or "index.html"
    return ed.address(work.page + (f"#{work.key}-{para}" if para else ""))


def _report_facts(work: Work) -> str:
    return f"{work.place}: {work.publisher}, {work.year}"


# Chicago notes-bibliography -------------------------------------------------------------------------------

def chicago_note(ed: Edition, work: Work | None = None, *, original: bool = False, para: str | None = None,
                 mark: str = PARA) -> str:
    """A full note; ``para`` adds a locator before the address."""
    if work is None:
        return f"*{ed.title}*, version {ed.version} ({ed.year}), {url(ed, None)}."
    author = work.author.full
    if original and work.kind == "report":
        return f"{author}, *{work.title}*, {work.series} {work.number} ({_report_facts(work)})."
    if original:
        # A work whose venue is unknown is described by its kind, as the official CSL Chicago styles do (citing CMOS 18th ed. 14.114).
        return f"{author}, “{work.title},” {work.kind}, {_chicago_date(work.date)}."
    locator = f"{mark} {para}, " if para else ""
    return (f"{author}, “{work.title},” in *{ed.title}*, version {ed.version} ({ed.year}), "
            f"{locator}{url(ed, work, para)}.")


def chicago_short_note(ed: Edition, work: Work | None = None, *, para: str | None = None) -> str:
    if work is None:
        return f"*{ed.short_title}*."
    if para:
        return f"{work.author.family}, “{work.short_title},” {PARA} {para}."
    return f"{work.author.family}, “{work.short_title}.”"


def originally(work: Work) -> str:
    """What the reprint's entry says of the first publication (also the exports' note)."""
    if work.kind == "report":
        return f"Originally published as {work.series} {work.number}. {_report_facts(work)}."
    return f"Originally dated {_chicago_date(work.date)}."


def chicago_bibliography(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    if work is None:
        return f"*{ed.title}*. Version {ed.version}. {ed.year}. {url(ed, None)}."
    author = _stop(work.author.inverted)
    if original and work.kind == "report":
        return f"{author} *{work.title}*. {work.series} {work.number}. {_report_facts(work)}."
    if original:
        return f"{author} “{work.title}.” {work.kind.capitalize()}, {_chicago_date(work.date)}."
    return (f"{author} “{work.title}.” In *{ed.title}*. Version {ed.version}. {ed.year}. "
            f"{url(ed, work)}. {originally(work)}")


# Chicago author-date --------------------------------------------------------------------------------------

def chicago_author_date(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    """The reference-list entry."""
    if work is None:
        return f"*{ed.title}*. {ed.year}. Version {ed.version}. {url(ed, None)}."
    author = _stop(work.author.inverted)
    if original and work.kind == "report":
        return (f"{author} {work.year}. *{work.title}*. {work.series} {work.number}. "
                f"{work.place}: {work.publisher}.")
    if original:
        return f"{author} {work.year}. “{work.title}.” {work.kind.capitalize()}" + (f". {_month_day(work.date)}." if len(work.date) > 1 else ".")
    return (f"{author} ({work.year}) {ed.year}. “{work.title}.” In *{ed.title}*. Version {ed.version}. "
            f"{url(ed, work)}.")


def chicago_author_date_intext(ed: Edition, work: Work | None = None, *, original: bool = False,
                               para: str | None = None) -> str:
    if work is None:
        return f"(*{ed.short_title}* {ed.year})"
    date = work.year if original else f"[{work.year}] {ed.year}"
    return f"({work.author.family} {date}" + (f", {PARA} {para})" if para else ")")


# MLA 9 ----------------------------------------------------------------------------------------------------

def mla(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    """The works-cited entry."""
    if work is None:
        return f"*{ed.title}*. Version {ed.version}, {ed.year}, {url(ed, None)}."
    author = _stop(work.author.inverted)
    if original and work.kind == "report":
        return f"{author} *{work.title}*. {work.publisher}, {_mla_date(work.date)}. {work.series} {work.number}."
    if original:
        return f"{author} “{work.title}.” {work.kind.capitalize()}. {_mla_date(work.date)}."
    return f"{author} “{work.title}.” {work.year}. *{ed.title}*, version {ed.version}, {ed.year}, {url(ed, work)}."


def mla_intext(ed: Edition, work: Work | None = None, *, para: str | None = None) -> str:
    if work is None:
        return f"(*{ed.short_title}*)"
    return f"({work.author.family}" + (f", par. {para})" if para else ")")


# APA 7 ----------------------------------------------------------------------------------------------------

def apa(ed: Edition, work: Work | None = None, *, original: bool = False) -> str:
    """The reference-list entry (no full stop after an address, as APA asks)."""
    if work is None:
        return f"*{ed.title_sentence_case}* (Version {ed.version}). ({ed.year}). {url(ed, None)}"
    author = f"{work.author.family}, {work.author.initials}"
    if original and work.kind == "report":
        return (f"{author} ({work.year}). *{work.title_sentence_case}* ({work.series} No. {work.number}). "
                f"{work.publisher}.")
    if original:
        return f"{author} ({work.year}). *{work.title_sentence_case}* [{work.kind.capitalize()}]."
    return (f"{author} ({ed.year}). {work.title_sentence_case}. In *{ed.title_sentence_case}* "
            f"(Version {ed.version}). {url(ed, work)} (Original work published {work.year})")


def apa_intext(ed: Edition, work: Work | None = None, *, original: bool = False, para: str | None = None) -> str:
    if work is None:
        return f"(*{ed.short_title}*, {ed.year})"
    date = work.year if original else f"{work.year}/{ed.year}"
    return f"({work.author.family}, {date}" + (f", para. {para})" if para else ")")


# What a paragraph's ¶ number copies: the same Chicago note as the How-to-cite box -----------------------

def pinpoint(ed: Edition, work: Work, para: str) -> str:
    return chicago_note(ed, work, para=para)


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
