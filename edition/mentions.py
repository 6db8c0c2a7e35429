"""Persons and terms: the index data (``data/persons.csv``, ``data/terms.csv``) and where each is mentioned.

A mention is found, not hand-linked: every spelling the data list for an entry (its name and its
``|``-separated variants, exactly as the copy-texts spell them) is searched for as whole words in each
numbered paragraph and each author's note; where two spellings overlap, the longer wins ("Elliott
Roosevelt" is Elliott, not Franklin). The result is written to ``data/mentions.csv`` for review
(``make chapters``). In the text, the first mention of an entry in each paragraph links to its
entry in the index of persons or the glossary: the link's text is the author's words, unchanged. A match
the review found to be no mention of the entry (a person's name inside an institution's, say) is listed
with its reason in ``data/editorial/mentions_rejected.csv`` and dropped.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from edition import ROOT, data, essays, ids, safe_text
from edition.copytext import Essay, NoteRef, Src, numbered
from edition.myst import Span

MENTIONS = ROOT / "data" / "mentions.csv"
# kind -> (table, id column, label column)
TABLES = {"person": ("persons", "person_id", "name"), "term": ("terms", "term_id", "term")}
MENTION_FIELDS = ["kind", "id", "essay", "paragraph", "note", "form"]


class MentionError(ValueError):
    """The persons or terms data do not hold."""


@dataclass(frozen=True)
class Entry:
    kind: str  # person or term
    id: str
    label: str
    forms: tuple[str, ...]
    row: dict

    @property
    def target(self) -> str:
        """The label of the entry in its chapter (``person-stalin_j``, ``term-comintern``)."""
        return f"{self.kind}-{self.id}"


@dataclass(frozen=True)
class Mention:
    kind: str
    id: str
    essay: str
    paragraph: str  # the paragraph id; for a mention in a note, the paragraph that carries the note's marker
    note: str  # the note's number, or "" for the text
    form: str
    line: int
    start: int

    @property
    def in_note(self) -> bool:
        return bool(self.note)


def load(kind: str) -> list[Entry]:
    """The entries of one kind (validated by ``edition.data``), with their spellings."""
    table, id_col, label_col = TABLES[kind]
    return [Entry(kind, row[id_col], row[label_col], tuple(dict.fromkeys(f.strip() for f in row["variants"].split("|"))), row)
            for row in data.table(table)]


def load_all() -> list[Entry]:
    """Persons and terms."""
    return [e for kind in TABLES for e in load(kind)]


def matcher(entries: list[Entry]) -> tuple[re.Pattern, dict[str, Entry]]:
    by_form: dict[str, Entry] = {}
    for entry in entries:
        for form in entry.forms:
            by_form.setdefault(form, entry)
    alternation = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), by_form


def _scan(part: str, pattern: re.Pattern) -> list[tuple[int, str]]:
    # The alternation tries longer spellings first, and a match consumes its words, so overlaps go to the longer.
    return [(m.start(), m.group()) for m in pattern.finditer(part)]


def rejected() -> set[tuple[str, ...]]:
    """Reviewed matches that are not mentions: (kind, id, essay, paragraph, note, form)."""
    return {tuple(row[f] for f in MENTION_FIELDS) for row in data.table("mentions_rejected")}


def find(essay: Essay, entries: list[Entry], reject: set | None = None) -> list[Mention]:
    """Every mention in the essay's text paragraphs (not bibliography entries) and notes, in reading order,
    less the matches the review rejected (by default those of ``data/editorial/mentions_rejected.csv``)."""
    if not entries:
        return []
    reject = rejected() if reject is None else reject
    pattern, by_form = matcher(entries)
    note_para = note_paragraphs(essay)
    places = [(pid, "", block.parts) for pid, _, block in numbered(essay) if block.kind != "bib_entry"]
    places += [(note_para[n], str(n), [note.text]) for n, note in sorted(essay.notes.items())]
    out = []
    for where, note, parts in places:
        for part in parts:
            if isinstance(part, Src):
                for start, form in _scan(part, pattern):
                    e = by_form[form]
                    if (e.kind, e.id, essay.name, where, note, form) not in reject:
                        out.append(Mention(e.kind, e.id, essay.name, where, note, form, part.line, part.col + start))
    return out


def rows(mentions: list[Mention]) -> list[dict]:
    """The reviewable table: one row per entry, paragraph and spelling."""
    seen = {}
    for m in mentions:
        seen.setdefault((m.kind, m.id, m.essay, m.paragraph, m.note, m.form), None)
    return [dict(zip(MENTION_FIELDS, key)) for key in seen]


def table(mentions: list[Mention]) -> str:
    from io import StringIO

    buf = StringIO()
    writer = csv.DictWriter(buf, MENTION_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(mentions))
    return buf.getvalue()


def spans(mentions: list[Mention], entries: list[Entry], taken: list[Span]) -> list[Span]:
    """Links for the first mention of each entry in each text paragraph that no other mark overlaps."""
    targets = {(e.kind, e.id): e.target for e in entries}
    blocked: dict[int, list[Span]] = {}
    for span in taken:
        blocked.setdefault(span.line, []).append(span)

    def free(m: Mention) -> bool:
        end = m.start + len(m.form)
        return not any(s.start < end and m.start < s.end if s.start != s.end else m.start < s.start < end
                       for s in blocked.get(m.line, []))

    out, done = [], set()
    for m in mentions:
        key = (m.paragraph, m.kind, m.id)
        if m.in_note or key in done or not free(m):
            continue
        done.add(key)
        out.append(Span(f"{m.kind}:{m.id}@{m.paragraph}", m.line, m.start, m.start + len(m.form),
                        f"{{ref}}`{m.form} <{targets[(m.kind, m.id)]}>`"))
    return out


def note_paragraphs(essay: Essay) -> dict[int, str]:
    """Each note's number and the paragraph its marker stands in."""
    return {p.number: pid for pid, _, block in numbered(essay) for p in block.parts if isinstance(p, NoteRef)}


def _places(entry: Entry, mentions: list[Mention]) -> str:
    out = []
    for essay in essays.works():
        mine = [m for m in mentions if (m.kind, m.id, m.essay) == (entry.kind, entry.id, essay.key)]
        links = [f"{{ref}}`¶ {ids.label_of(p)} <{p}>`" for p in dict.fromkeys(m.paragraph for m in mine if not m.note)]
        links += [f"{{ref}}`n. {n} <{p}>`" for n, p in dict.fromkeys((m.note, m.paragraph) for m in mine if m.note)]
        if links:
            out.append(f"{essay.label} " + ", ".join(links))
    if not out and entry.kind == "person":
        out = _within_terms(entry, mentions)
    return "; ".join(out) or "(not found in the text by the mention finder)"


def _within_terms(entry: Entry, mentions: list[Mention]) -> list[str]:
    """Where a person is named only inside a glossary term (Vandenberg in "Vandenberg Resolution")."""
    out = []
    for essay in essays.works():
        inside = list(dict.fromkeys(
            (m.paragraph, m.form, m.id) for m in mentions if m.kind == "term" and m.essay == essay.key
            and not m.in_note and any(re.search(rf"\b{re.escape(f)}\b", m.form) for f in entry.forms)))
        if inside:
            out.append(f"{essay.label} " + ", ".join(
                f"{{ref}}`¶ {ids.label_of(p)} <{p}>` (in the term {{ref}}`{form} <term-{tid}>`)"
                for p, form, tid in inside))
    return out


def _source(row: dict) -> str:
    urls = " ".join(f"<{safe_text.check(u.strip(), 'text')}>" for u in row["url"].split(" ; ")
                    if u.strip() and not safe_text.url_problems(u.strip()))
    return f"{safe_text.myst(row['source'])} {urls}".strip()


INTRO = {
    "person": [
        "(persons)=",
        "# Index of persons",
        "",
        "Every person named in either essay's text or in the authors' notes, except the authors of the works",
        "the notes cite and the few names listed at the end. For each: the name as established, life dates,",
        "offices held in the period, who they were, and every paragraph (¶) and note (n., linked to the",
        "paragraph that carries the note) where the name or one of its spellings stands. In the essays, the",
        "first mention of a person in a paragraph links here. The entries are kept as data in",
        "`data/persons.csv`; the places are found by `make chapters` from the spellings listed",
        "there and kept for review in `data/mentions.csv`.",
    ],
    "term": [
        "(glossary)=",
        "# Glossary of terms and institutions",
        "",
        "Institutions, offices, events and terms of the period that the essays use without explaining them,",
        "with every paragraph (¶) and note (n.) where they stand. In the essays, the first mention of a term",
        "in a paragraph links here. The entries are kept as data in `data/terms.csv`; the places are found by",
        "`make chapters` and kept for review in `data/mentions.csv`. A term has an entry only where",
        "an essay uses it: some institutions of the period that students meet elsewhere, such as Amtorg, are",
        "named in neither essay.",
    ],
}


def render_chapter(kind: str, entries: list[Entry], mentions: list[Mention]) -> str:
    """The index of persons or the glossary, generated from the data."""
    out = [f"<!-- Generated by edition.make_chapters from data/{TABLES[kind][0]}.csv; edit the data, not this file. -->", "",
           *INTRO[kind], ""]
    mine = sorted((e for e in entries if e.kind == kind), key=lambda e: e.label.lower())
    for e in mine:
        row = e.row
        if kind == "person":
            dates = (f" ({safe_text.myst(row['born'] or '?')}–{safe_text.myst(row['died'] or '?')})"
                     if row["born"] or row["died"] else "")
            head = f"**{safe_text.myst(e.label)}**{dates}"
            body = [safe_text.myst(row["identification"])]
            if row["offices"].strip():
                body.append(f"*Offices:* {safe_text.myst(row['offices'])}")
        else:
            head = f"**{safe_text.myst(e.label)}**"
            body = [safe_text.myst(row["definition"])]
        body += [f"*Spelt in the essays:* {', '.join(safe_text.myst(f) for f in e.forms)}",
                 f"*Appears in:* {_places(e, mentions)}",
                 f"*Source:* {_source(row)}"]
        out += [f"({e.target})=", head, *(f": {b}" for b in body if b), ""]
    left = data.table("persons_left_out") if kind == "person" else []
    if left:
        out += ["## Names not indexed", "",
                "These names stand in the essays but are deliberately not indexed; the reason is given for each.", ""]
        out += [f"- {safe_text.myst(r['name'])} ({essays.get(r['essay']).label}, {safe_text.myst(r['where'])}): "
                f"{safe_text.myst(r['reason'])}" for r in left]
    return "\n".join(out).rstrip() + "\n"
