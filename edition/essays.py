"""The registry of works: ``data/essays.yml``, read once, is the one list of the edition's essays.

Every part of the edition that needs the list of works (the chapter generator, the Sphinx extensions, the
charts, the citations, the tests) asks this module, in the registry's order; none names an essay. An entry
gives the work's key (the stem of its ids, chapter and decisions file), its editors'-note letter, the label
the edition prints ("Wesser ¶ 12"), its copy-text, decisions file and page, and its bibliographic record.
A malformed registry is refused with the file, the entry, the key and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from edition import ROOT, dates

REGISTRY = ROOT / "data" / "essays.yml"
KEY_RE = re.compile(r"[a-z][a-z0-9_]*")  # no hyphen: ids are "<key>-<label>"
LETTER_RE = re.compile(r"[A-Z]{1,2}")  # 26 single capitals, then pairs: 702 works
KINDS = ("essay", "report")
REPORT_FIELDS = ("series", "number", "publisher", "place")


class RegistryError(ValueError):
    """``data/essays.yml`` does not hold; the message names the entry, the key and the fix."""


@dataclass(frozen=True)
class Person:
    family: str
    given: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}"

    @property
    def initials(self) -> str:
        # APA: "Robert M." -> "R. M."
        return " ".join(part[0] + "." for part in self.given.replace(".", " ").split())


@dataclass(frozen=True)
class Work:
    key: str
    letter: str
    label: str
    noun: str  # what the original is: essay, paper, letter
    copytext: Path
    decisions: Path
    docname: str  # the chapter that prints it, as Sphinx names documents: chapters/<key>
    kind: str  # essay | report
    title: str
    short_title: str
    title_sentence_case: str
    author: Person
    date: tuple[int, ...]  # (year,), (year, month) or (year, month, day) as far as known
    publication: str
    series: str = ""
    number: str = ""
    publisher: str = ""
    place: str = ""
    editor: Person | None = None
    rights: str = ""  # who holds the rights, for the rights statements (the author, if not given)

    @property
    def rights_holder(self) -> str:
        return self.rights or self.author.full

    @property
    def year(self) -> str:
        return str(self.date[0])

    @property
    def page(self) -> str:
        """The chapter's address relative to the edition's root."""
        return f"{self.docname}.html"


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _person(value, where: str) -> Person:
    if not isinstance(value, dict) or not value.get("family") or not value.get("given"):
        raise RegistryError(f"{where} must be a mapping with 'family' and 'given'; write {{family: …, given: …}}")
    return Person(str(value["family"]), str(value["given"]))


def _date(value: str, where: str) -> tuple[int, ...]:
    date = dates.parts(value)
    if date is None:
        raise RegistryError(f"{where}'date' {value!r} is not a possible date; write YYYY, YYYY-MM or YYYY-MM-DD")
    return date


def _work(entry, number: int, path: Path) -> Work:
    where = f"{_name(path)}: entry {number}"
    if not isinstance(entry, dict):
        raise RegistryError(f"{where} is not a mapping; each work is a '- key: …' entry")
    if "key" in entry:
        where += f" ({entry['key']})"
    where += ", "

    def need(key: str) -> str:
        value = entry.get(key)
        if value in (None, ""):
            raise RegistryError(f"{where}{key!r} is missing; add it")
        return str(value)

    key = need("key")
    if not KEY_RE.fullmatch(key):
        raise RegistryError(f"{where}'key' {key!r} must be lower-case letters, digits and _ (no hyphen)")
    letter = need("letter")
    if not LETTER_RE.fullmatch(letter):
        raise RegistryError(f"{where}'letter' {letter!r} must be one or two capital letters")
    kind = need("kind")
    if kind not in KINDS:
        raise RegistryError(f"{where}'kind' is {kind!r}; use one of {', '.join(KINDS)}")
    files = {}
    for field in ("copytext", "decisions"):
        files[field] = (ROOT / need(field)).resolve()
        if not files[field].is_relative_to(ROOT):
            raise RegistryError(f"{where}{field!r} {need(field)!r} lies outside the edition; give a path inside it")
        if not files[field].is_file():
            raise RegistryError(f"{where}{field!r}: {need(field)} does not exist; add the file or correct the path")
    report = {f: need(f) for f in REPORT_FIELDS} if kind == "report" else {}
    editor = _person(entry["editor"], f"{where}'editor'") if entry.get("editor") else None
    known = {"key", "letter", "label", "noun", "copytext", "decisions", "page", "kind", "title", "short_title",
             "title_sentence_case", "author", "date", "publication", "editor", "rights", *REPORT_FIELDS}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise RegistryError(f"{where}unknown keys {unknown}; the registry reads only {', '.join(sorted(known))}")
    return Work(key=key, letter=letter, label=need("label"), noun=need("noun"), docname=need("page"),
                kind=kind, title=need("title"), short_title=need("short_title"),
                title_sentence_case=need("title_sentence_case"), author=_person(entry.get("author"), f"{where}'author'"),
                date=_date(need("date"), where), publication=" ".join(need("publication").split()),
                editor=editor, rights=" ".join(str(entry.get("rights") or "").split()), **files, **report)


@cache
def works(path: Path = REGISTRY) -> tuple[Work, ...]:
    """Every work, in the registry's order."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{_name(path)} is missing; it lists the edition's works") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{_name(path)}: not valid UTF-8 YAML ({exc}); correct the file") from None
    if not isinstance(data, list) or not data:
        raise RegistryError(f"{_name(path)}: expected a list of works ('- key: …' entries)")
    out = [_work(entry, n, path) for n, entry in enumerate(data, start=1)]
    for field in ("key", "letter", "docname"):
        values = [getattr(w, field) for w in out]
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise RegistryError(f"{_name(path)}: {field} {twice} given to more than one work; each work needs its own")
    return tuple(out)


def keys() -> tuple[str, ...]:
    return tuple(w.key for w in works())


def get(key: str) -> Work:
    for w in works():
        if w.key == key:
            return w
    raise RegistryError(f"{_name(REGISTRY)}: no work {key!r}; the works are {', '.join(keys())}")


def by_letter(letter: str) -> Work:
    for w in works():
        if w.letter == letter:
            return w
    raise RegistryError(f"{_name(REGISTRY)}: no work has the letter {letter!r}")


def by_docname(docname: str) -> Work | None:
    """The work a Sphinx document prints, or None for the editors' own chapters."""
    return next((w for w in works() if w.docname == docname), None)
