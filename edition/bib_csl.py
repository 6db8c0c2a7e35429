"""``references.bib`` as CSL-JSON, the input of citeproc-js (the bibliography chapter is rendered from it).

Each BibTeX entry type the file uses has a CSL type (``TYPES``); an entry of any other type is refused with
a message naming the entry and the fix. The fields map as Zotero's and biblatex's conventions do:
``journal``/``booktitle`` → ``container-title``, ``address`` → ``publisher-place``, ``series`` and
``number`` of a book → ``collection-title`` and ``collection-number``, ``number`` of an article → ``issue``,
``howpublished`` of a ``@misc`` → ``publisher`` (where it was issued or is held), ``organization`` of an
``@online`` → ``publisher``, ``langid`` → ``language`` (citeproc-js leaves the case of a non-English title
alone). ``date`` (ISO 8601, a range with ``/``) wins over ``year``/``month``.

LaTeX is decoded to Unicode (``--`` → en dash, ``\\&`` → &); a braced group, which BibTeX protects from
case changes, becomes ``<span class="nocase">`` so the style's title case leaves it as written. Every
value is first checked by ``edition.safe_text`` as text: a tag, a control or bidirectional character is
refused, so nothing in the file is markup to citeproc-js except the spans written here.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.backends.latex import Backend as LatexBackend
from pybtex.database import Entry, Person
from pybtex.richtext import Protected, String, Text

from edition import references, safe_text

TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter", "online": "webpage",
         "misc": "document"}
LANGUAGES = {"english": "en", "russian": "ru", "german": "de", "french": "fr"}
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                      "august", "september", "october", "november", "december"), 1)}
# BibTeX field → CSL variable, for fields that are copied as text (title-like fields keep their braces).
TEXT_FIELDS = {"publisher": "publisher", "address": "publisher-place", "edition": "edition",
               "volume": "volume", "isbn": "ISBN", "doi": "DOI", "url": "URL", "note": "note"}
RICH_FIELDS = {"title": "title", "journal": "container-title", "booktitle": "container-title",
               "series": "collection-title"}
# One backend for every group: ``render_as("latex")`` looks the plugin up in the installed packages' metadata
# each time, which made the conversion take a second.
LATEX = LatexBackend()
KNOWN = set(TEXT_FIELDS) | set(RICH_FIELDS) | {"year", "month", "date", "number", "pages", "howpublished",
                                               "organization", "langid"}


class BibCslError(ValueError):
    """An entry that cannot become CSL-JSON: the message names the file, entry, field and the fix."""


def _where(key: str, field: str) -> str:
    return f"{references.BIBFILE.name}, entry {key}, field {field}"


def _check(key: str, field: str, value: str) -> str:
    problems = safe_text.problems(value, "text")
    if not problems and ("<" in value or ">" in value):
        problems.append("holds < or >, which citeproc-js would read as markup; write the words instead")
    if problems:
        raise BibCslError(f"{_where(key, field)}: {'; '.join(problems)}")
    return value


def _plain(latex: str) -> str:
    """LaTeX to Unicode text, braces dropped."""
    text = latex.replace("{", "").replace("}", "")
    lead = text[:len(text) - len(text.lstrip())]  # the codec drops leading spaces, which join the parts
    return lead + codecs.decode(text, "ulatex")


def _rich(key: str, field: str, latex: str) -> str:
    """LaTeX to CSL-JSON rich text: each braced group a nocase span."""
    out = []
    for part in Text.from_latex(_check(key, field, latex)).parts:
        if isinstance(part, Protected):
            out.append('<span class="nocase">' + _plain(part.render(LATEX)) + "</span>")
        elif isinstance(part, (String, str)):
            out.append(_plain(str(part)))
        else:
            raise BibCslError(f"{_where(key, field)}: unexpected LaTeX {part!r}; write plain text and braces only")
    return "".join(out).replace("&", "&#38;")


def _name(key: str, role: str, person: Person) -> dict:
    last = " ".join(person.last_names)
    _check(key, role, str(person))
    if last.startswith("{") and last.endswith("}") and not person.first_names:
        return {"literal": _plain(last)}
    name = {"family": _plain(last)}
    given = " ".join(person.first_names + person.middle_names)
    if given:
        name["given"] = _plain(given)
    if person.prelast_names:
        name["non-dropping-particle"] = _plain(" ".join(person.prelast_names))
    if person.lineage_names:
        name["suffix"] = _plain(" ".join(person.lineage_names))
    return name


def _date(key: str, fields) -> dict | None:
    if "date" in fields:
        value = _check(key, "date", fields["date"])
        parts = []
        for end in value.split("/"):
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", end):
                raise BibCslError(f"{_where(key, 'date')}: {value!r} is not an ISO 8601 date; write YYYY, YYYY-MM, "
                                  "YYYY-MM-DD or a range START/END")
            parts.append([int(p) for p in end.split("-")])
        return {"date-parts": parts}
    if "year" not in fields:
        return None
    year = _check(key, "year", fields["year"])
    if re.fullmatch(r"\d{4}--\d{4}", year):
        return {"date-parts": [[int(y)] for y in year.split("--")]}
    if re.fullmatch(r"\d{4}--", year):
        return {"date-parts": [[int(year[:4])], [0]]}  # an open range, as citeproc-js reads one: "1957–"
    if not re.fullmatch(r"\d{4}", year):
        raise BibCslError(f"{_where(key, 'year')}: {year!r} is not a year; write four digits or a range YYYY--YYYY")
    parts = [int(year)]
    if "month" in fields:
        month = MONTHS.get(fields["month"].strip().lower())
        if month is None:
            raise BibCslError(f"{_where(key, 'month')}: {fields['month']!r} is not a month; write jan … dec")
        parts.append(month)
    return {"date-parts": [parts]}


def item(key: str, entry: Entry) -> dict:
    """One entry as a CSL-JSON item whose id is its key."""
    kind = TYPES.get(entry.type)
    if kind is None:
        raise BibCslError(f"{references.BIBFILE.name}, entry {key}: type @{entry.type} has no CSL type here; use "
                          f"one of {', '.join('@' + t for t in TYPES)}, or add it to edition/bib_csl.py's TYPES")
    fields = entry.fields
    unknown = sorted(f.lower() for f in fields.keys() if f.lower() not in KNOWN)
    if unknown:
        raise BibCslError(f"{_where(key, unknown[0])}: the field is not converted to CSL-JSON; remove it or add it "
                          "to edition/bib_csl.py")
    out: dict = {"id": key, "type": kind}
    for role in ("author", "editor"):
        if role in entry.persons:
            out[role] = [_name(key, role, p) for p in entry.persons[role]]
    for field, var in RICH_FIELDS.items():
        if field in fields:
            out[var] = _rich(key, field, fields[field])
    for field, var in TEXT_FIELDS.items():
        if field in fields:
            out[var] = _plain(_check(key, field, fields[field]))
    if "pages" in fields:
        out["page"] = _plain(_check(key, "pages", fields["pages"]).replace("--", "-"))
    if "number" in fields:
        number = _plain(_check(key, "number", fields["number"]))
        out["issue" if kind == "article-journal" else "collection-number" if "series" in fields else "number"] = number
    if "howpublished" in fields:
        out["publisher"] = _plain(_check(key, "howpublished", fields["howpublished"]))
    if "organization" in fields:
        out["publisher"] = _plain(_check(key, "organization", fields["organization"]))
    if "langid" in fields:
        lang = fields["langid"].strip().lower()
        if lang not in LANGUAGES:
            raise BibCslError(f"{_where(key, 'langid')}: {lang!r} is not known; use one of {', '.join(LANGUAGES)}")
        out["language"] = LANGUAGES[lang]
    issued = _date(key, fields)
    if issued:
        out["issued"] = issued
    return out


def items(path: Path = references.BIBFILE) -> list[dict]:
    """Every entry of the file, in its order."""
    return [item(key, entry) for key, entry in references.database(path).entries.items()]
