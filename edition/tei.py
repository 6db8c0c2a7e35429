"""The edition in TEI P5: one file per work of ``data/essays.yml`` and a ``teiCorpus`` of them all.

    python -m edition.tei --out _build/tei     # `make tei`

Each file is made from the same data as the chapters: the text, paragraphs, notes and page breaks from the
copy-text and its decisions (``edition.copytext``), the textual notes from ``data/emendations.csv``, the
editors' notes from ``data/editorial_notes.csv``, the persons and terms from ``edition.mentions``, and the
header from ``CITATION.cff`` and the registry (``edition.metadata``). Paragraphs carry the edition's anchors
as ``xml:id``; printed pages begin at ``<pb n>``; the authors' notes are ``<note place="foot">`` at their
markers; every emendation, proposed reading and discussed claim is an ``<app>`` whose ``<lem>`` is what the
edition prints, with the reason, evidence and source; every mention is a ``<persName ref>`` or
``<term ref>`` pointing into the back matter's ``<listPerson>`` or glossary.

The XML is built as a tree with ElementTree, so text from data is always text. A decision that would give
invalid TEI (marks that cross, a reading with unclosed emphasis, a character XML cannot hold) stops the
build with the file and row it comes from, and nothing is written: the files are made in a staging folder
and moved into place only when every one has been made.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from edition import ROOT, data, ednotes, emendations, essays, ids, mentions, metadata
from edition.copytext import CopyTextError, Essay, NoteRef, PageBreak, Src, numbered, parse

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
XML_ID, XML_LANG = f"{{{XML}}}id", f"{{{XML}}}lang"
ET.register_namespace("", TEI)

CORPUS = "edition"  # the corpus file's stem: _build/tei/edition.xml
EDITORS = "editors"  # the xml:id every resp="#editors" points to
LICENCES = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
# Characters XML 1.0 cannot carry: ElementTree would write them and give a file no parser reads.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NCNAME = re.compile(r"[A-Za-z_][\w.-]*")
EMPHASIS = re.compile(r"(\*\*|\*)")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # the conversion's Markdown escapes (\$6 billion): the character
BARE_URL = re.compile(r"https?://[^\s<>]+?(?=[.,;)]?(?:\s|$))")
RENDS = {"**": "bold", "*": "italic"}
# Containers whose children are elements only: indenting them adds no space to anyone's words.
STRUCTURAL = {"TEI", "teiCorpus", "teiHeader", "fileDesc", "titleStmt", "editionStmt", "publicationStmt",
              "availability", "sourceDesc", "biblStruct", "monogr", "imprint", "series", "listWit", "encodingDesc",
              "projectDesc", "editorialDecl", "refsDecl", "tagsDecl", "namespace", "profileDesc", "langUsage",
              "creation", "revisionDesc", "text", "front", "body", "back", "div", "listBibl", "listPerson", "person",
              "list", "titlePage", "docTitle", "figure", "respStmt", "extent", "notesStmt", "app", "variantEncoding"}


class TEIError(ValueError):
    """A decision would give invalid TEI; the message names the file, the row and the fix."""


def el(tag: str, attrib: dict | None = None, text: str | None = None, where: str = "") -> ET.Element:
    """A TEI element; ``text`` is checked to be text XML can hold (``where`` names its source)."""
    node = ET.Element(f"{{{TEI}}}{tag}", {k: v for k, v in (attrib or {}).items() if v not in (None, "")})
    if text:
        node.text = _checked(text, where)
    return node


def sub(parent: ET.Element, tag: str, attrib: dict | None = None, text: str | None = None, where: str = "") -> ET.Element:
    node = el(tag, attrib, text, where)
    parent.append(node)
    return node


def local(node: ET.Element) -> str:
    return node.tag.rsplit("}", 1)[-1]


def _checked(text: str, where: str) -> str:
    bad = NOT_XML.search(text)
    if bad:
        raise TEIError(f"{where or 'the text'}: character U+{ord(bad.group()):04X} cannot stand in XML; remove it")
    return text


# ---------------------------------------------------------------------------------------------------------
# Mixed content


class Inline:
    """Writes mixed content into an element: text (the copy-text's ``*``/``**`` become ``<hi rend>``),
    elements opened and closed around it, and whole elements dropped in. Emphasis still open when an element
    closes is closed with it and opened again after it, so the tree always nests."""

    def __init__(self, root: ET.Element, where: str, carry: tuple[str, ...] = ()):
        self.stack = [root]
        self.where = where
        self.pending: list[ET.Element] = []  # emphasis to reopen once the element that cannot hold text closes
        for rend in carry:
            self.open(el("hi", {"rend": rend}))

    def _append(self, text: str) -> None:
        if not text:
            return
        text = _checked(text, self.where)
        top = self.stack[-1]
        if len(top):
            top[-1].tail = (top[-1].tail or "") + text
        else:
            top.text = (top.text or "") + text

    def text(self, text: str) -> None:
        for piece in EMPHASIS.split(text):
            if piece in RENDS:
                self._toggle(RENDS[piece])
            else:
                self._append(ESCAPE.sub(r"\1", piece))

    def leaf(self, node: ET.Element) -> None:
        self.stack[-1].append(node)

    def open(self, node: ET.Element) -> ET.Element:
        self._reopen()
        self.stack[-1].append(node)
        self.stack.append(node)
        return node

    def _reopen(self) -> None:
        if self.pending and local(self.stack[-1]) != "app":
            again, self.pending = self.pending, []
            for hi in again:
                self.open(el("hi", dict(hi.attrib)))

    def close(self, node: ET.Element) -> None:
        carried = []
        while self.stack[-1] is not node:
            carried.append(self.stack.pop())
        self.stack.pop()
        self.pending = list(reversed(carried)) + self.pending
        self._reopen()

    def _toggle(self, rend: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            top = self.stack[i]
            if local(top) == "hi" and top.get("rend") == rend:
                above = self.stack[i + 1:]
                del self.stack[i:]
                for node in above:  # an element opened inside the emphasis goes on after it
                    self.open(el(local(node), dict(node.attrib)))
                return
        self.open(el("hi", {"rend": rend}))

    def finish(self, strict: bool = True) -> tuple[str, ...]:
        """Close what is open; return the emphasis still open (``strict``: there must be none)."""
        self._reopen()
        still = tuple(n.get("rend") for n in self.stack[1:] if local(n) == "hi")
        if strict and still:
            raise TEIError(f"{self.where}: emphasis opened with '*' is not closed; close it within this part")
        del self.stack[1:]
        _drop_empty_hi(self.stack[0])
        return still


def _drop_empty_hi(root: ET.Element) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if local(child) == "hi" and not child.text and not len(child):
                _remove(parent, child)


def _remove(parent: ET.Element, child: ET.Element) -> None:
    """Remove ``child`` keeping its tail."""
    i = list(parent).index(child)
    if child.tail:
        if i:
            parent[i - 1].tail = (parent[i - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _inline_text(node: ET.Element, text: str, where: str) -> ET.Element:
    """``text`` (the edition's data, with ``*`` emphasis and bare addresses) as the content of ``node``."""
    b = Inline(node, where)
    pos = 0
    for m in BARE_URL.finditer(text):
        b.text(text[pos:m.start()])
        b.leaf(el("ref", {"target": m.group()}, m.group(), where))
        pos = m.end()
    b.text(text[pos:])
    b.finish()
    return node


# ---------------------------------------------------------------------------------------------------------
# Marks placed by copy-text position


@dataclass(eq=False)
class Mark:
    """Something the edition places at copy-text line ``line``, columns ``start:end`` (a point if equal)."""

    line: int
    start: int
    end: int
    kind: str  # mention | emend | app | ednote
    where: str  # the source row, for messages
    render: object  # (Inline, inner: callable) -> None
    placed: bool = False
    optional: bool = False  # a mention may give way to another mark; the apparatus may not

    @property
    def point(self) -> bool:
        return self.start == self.end


def _contains(outer: Mark, inner: Mark) -> bool:
    if outer.point or outer is inner:
        return False
    if inner.point:
        return outer.start < inner.start < outer.end
    if (outer.start, outer.end) == (inner.start, inner.end):
        return ORDER[outer.kind] < ORDER[inner.kind]  # a mention of the very words an app reads holds the app
    return outer.start <= inner.start and inner.end <= outer.end


def _crosses(a: Mark, b: Mark) -> bool:
    if a.point or b.point:
        return False
    return a.start < b.end and b.start < a.end and not _contains(a, b) and not _contains(b, a)


ORDER = {"mention": 0, "app": 1, "emend": 1, "ednote": 2}


def _resolve(marks: list[Mark], dropped: list[Mark]) -> list[Mark]:
    """The marks of one line that can stand together; a mention that crosses the apparatus, or lies inside a
    replaced reading, is left unmarked (added to ``dropped``); crossing apparatus, or an editors' note inside
    a replaced reading, fails."""
    keep = list(marks)
    for a in marks:
        for b in marks:
            if a is b or a not in keep or b not in keep:
                continue
            if _crosses(a, b) or (a.kind == "emend" and _contains(a, b)):
                loser = b if b.optional else a if a.optional else None
                if loser is None:
                    raise TEIError(f"{b.where} and {a.where} mark overlapping words (copy-text line {a.line}); "
                                   "TEI cannot nest them: quote a stretch that does not cross the other mark")
                keep.remove(loser)
                dropped.append(loser)
    return keep


def _emit(b: Inline, part: Src, lo: int, hi: int, marks: list[Mark]) -> None:
    """The copy-text ``part`` between columns ``lo`` and ``hi``, with the marks that fall in it, nested."""
    marks = sorted(marks, key=lambda m: (m.start, not m.point, -m.end, ORDER[m.kind]))
    top = [m for m in marks if not m.placed and not any(_contains(o, m) for o in marks)]
    pos = lo
    for m in top:
        b.text(part[pos - part.col:m.start - part.col])
        inner = [o for o in marks if _contains(m, o)]
        m.render(b, lambda m=m, inner=inner: _emit(b, part, m.start, m.end, inner))
        m.placed = True
        pos = m.end
    b.text(part[pos - part.col:hi - part.col])


def _emit_parts(b: Inline, parts, marks: dict[int, list[Mark]], ctx: "Context", key: str) -> None:
    for part in parts:
        if isinstance(part, NoteRef):
            b.leaf(ctx.footnote(key, part.number))
        elif isinstance(part, PageBreak):
            b.leaf(el("pb", {"n": str(part.number), XML_ID: ids.page(key, part.number)}))
        elif part == "\n":
            b.text("\n")
            b.leaf(el("lb"))
        elif isinstance(part, Src):
            here = [m for m in marks.get(part.line, []) if part.col <= m.start and m.end <= part.col + len(part)]
            _emit(b, part, part.col, part.col + len(part), here)
        else:
            b.text(part)


# ---------------------------------------------------------------------------------------------------------
# The data of one work


def _rows(table: str, key: str) -> dict[str, int]:
    """Each row's id and its line in the CSV (the header is line 1), for messages."""
    return {row[key]: n for n, row in enumerate(data.table(table), start=2)}


@dataclass
class Context:
    """Everything one build reads, loaded once."""

    texts: dict[str, Essay]
    emendations: list[emendations.Emendation]
    ednotes: list[ednotes.EditorialNote]
    entries: list[mentions.Entry]
    found: dict[str, list[mentions.Mention]]
    rows: dict[str, dict[str, int]]
    marks: dict[int, list[Mark]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # the persons and terms a document points to
    dropped: list[Mark] = field(default_factory=list)  # mentions left unmarked, inside or across the apparatus

    @classmethod
    def load(cls) -> "Context":
        texts = {w.key: parse(w.key) for w in essays.works()}
        entries = mentions.load_all()
        return cls(texts=texts, emendations=emendations.load(), ednotes=ednotes.load(texts), entries=entries,
                   found={k: mentions.find(e, entries) for k, e in texts.items()},
                   rows={"emendations": _rows("emendations", "emendation_id"),
                         "editorial_notes": _rows("editorial_notes", "note_id"),
                         "persons": _rows("persons", "person_id"), "terms": _rows("terms", "term_id")})

    def where(self, table: str, row_id: str) -> str:
        return f"data/{table}.csv: row {self.rows[table].get(row_id, '?')} ({row_id})"

    def entry_id(self, kind: str, entry_id: str) -> str:
        """The entry's anchor, as the HTML edition names it (``person-stalin-j``)."""
        anchor = f"{kind}-{entry_id}".replace("_", "-")
        if not NCNAME.fullmatch(anchor):
            table = mentions.TABLES[kind][0]
            raise TEIError(f"{self.where(table, entry_id)}, column {mentions.TABLES[kind][1]!r}: {entry_id!r} gives "
                           f"the id {anchor!r}, not an XML name; use letters, digits and _")
        return anchor

    def footnote(self, key: str, number: int) -> ET.Element:
        note = self.texts[key].notes[number]
        node = el("note", {"place": "foot", "n": str(number), XML_ID: ids.note(key, number)})
        b = Inline(node, f"{essays.get(key).copytext.name}:{note.line} (note {number})")
        _emit_parts(b, [note.text], self.marks, self, key)
        b.finish()
        return node


def _textual(e: emendations.Emendation, where: str) -> list[ET.Element]:
    """The reason, evidence and source of a textual note, as the editors' notes inside its ``<app>``."""
    out = []
    for kind, text in (("reason", e.reason), ("evidence", e.evidence)):
        if text.strip():
            out.append(_inline_text(el("note", {"type": kind, "resp": f"#{EDITORS}"}), text.strip(), f"{where}, column {kind!r}"))
    source = el("note", {"type": "source", "resp": f"#{EDITORS}"})
    _bibl(source, e.source, e.url, where)
    out.append(source)
    return out


def _apparatus_mark(e: emendations.Emendation, key: str, ctx: Context) -> Mark:
    where = ctx.where("emendations", e.emendation_id)
    wit = f"#wit-{key}"

    def strict(tag: str, attrib: dict, text: str, column: str) -> ET.Element:
        node = el(tag, attrib)
        b = Inline(node, f"{where}, column {column!r}")
        b.text(text)
        try:
            b.finish()
        except TEIError:
            raise TEIError(f"{where}, column {column!r}: {text!r} opens or closes emphasis ('*') it does not close "
                           "or open; quote the whole emphasised stretch in the locator and the original") from None
        return node

    attrib = {XML_ID: e.anchor, "type": e.action}

    def emend(b: Inline, inner) -> None:
        app = el("app", attrib)
        app.append(strict("lem", {"resp": f"#{EDITORS}", "cause": e.kind}, e.reading, "reading"))
        app.append(strict("rdg", {"wit": wit}, e.original, "original"))
        app.extend(_textual(e, where))
        b.leaf(app)

    def stands(b: Inline, inner) -> None:
        app = b.open(el("app", attrib))
        lem = b.open(el("lem", {"wit": wit, "cause": e.kind}))
        inner()
        b.close(lem)
        if e.reading.strip():
            rdg_type = "proposed" if e.action == "propose" else "evidence"
            b.leaf(strict("rdg", {"resp": f"#{EDITORS}", "type": rdg_type}, e.reading, "reading"))
        for n in _textual(e, where):
            b.leaf(n)
        b.close(app)

    kind = "emend" if e.action == "emend" else "app"
    return Mark(e.line, e.col, e.col + len(e.original), kind, where, emend if kind == "emend" else stands)


def _ednote_mark(note: ednotes.EditorialNote, line: int, col: int, ctx: Context) -> Mark:
    where = ctx.where("editorial_notes", note.note_id)
    return Mark(line, col, col, "ednote", where, lambda b, inner: b.leaf(_ednote(note, where)))


def _ednote(note: ednotes.EditorialNote, where: str) -> ET.Element:
    node = el("note", {"type": "editorial", "resp": f"#{EDITORS}", "n": note.letter, XML_ID: note.target})
    _inline_text(node, note.text.strip(), f"{where}, column 'text'")
    source = sub(node, "listBibl")
    for item in (s.strip() for s in note.sources.split(" ; ")):
        if item:
            _inline_text(sub(source, "bibl"), item, f"{where}, column 'sources'")
    if not len(source):
        node.remove(source)
    return node


def _mention_mark(m: mentions.Mention, ctx: Context) -> Mark:
    anchor = ctx.entry_id(m.kind, m.id)
    tag = "persName" if m.kind == "person" else "term"

    def render(b: Inline, inner) -> None:
        node = b.open(el(tag, {"ref": f"#{anchor}"}))
        inner()
        b.close(node)
        ctx.used.add(anchor)

    return Mark(m.line, m.start, m.start + len(m.form), "mention", f"a mention of {m.id}", render, optional=True)


def _marks(key: str, ctx: Context) -> tuple[dict[int, list[Mark]], dict[str, list[Mark]], list[Mark]]:
    """One work's marks by copy-text line, the editors' notes without an anchor (paragraph → marks), and the
    apparatus that must be placed."""
    essay = ctx.texts[key]
    paras = {pid: block for pid, _, block in numbered(essay)}
    by_line: dict[int, list[Mark]] = {}
    required, at_end = [], {}
    for e in ctx.emendations:
        if e.essay == key:
            required.append(_apparatus_mark(e, key, ctx))
    for note in ctx.ednotes:
        if note.essay != key:
            continue
        if note.anchor:
            ((line, col),) = ednotes._find(paras[note.paragraph].parts, note.anchor)
            required.append(_ednote_mark(note, line, col, ctx))
        else:
            at_end.setdefault(note.paragraph, []).append(_ednote_mark(note, 0, 0, ctx))
    for m in [*required, *(_mention_mark(m, ctx) for m in ctx.found[key])]:
        by_line.setdefault(m.line, []).append(m)
    ctx.dropped = []
    return {line: _resolve(ms, ctx.dropped) for line, ms in by_line.items()}, at_end, required


# ---------------------------------------------------------------------------------------------------------
# The document


def _content(node: ET.Element, parts, key: str, ctx: Context, where: str, carry=(), strict=True) -> tuple[str, ...]:
    b = Inline(node, where, carry)
    _emit_parts(b, parts, ctx.marks, ctx, key)
    return b.finish(strict)


def _lines(block) -> list[list]:
    return [list(line) for line in block.lines]


def _plain(line) -> str:
    return "".join(p for p in line if isinstance(p, str)).lstrip("*")


def _join_lines(lines: list[list]) -> list:
    out = []
    for i, line in enumerate(lines):
        out += (["\n"] if i else []) + line
    return out


def _text(work: essays.Work, essay: Essay, ctx: Context, at_end: dict[str, list[Mark]]) -> ET.Element:
    key = work.key
    pid_of = {id(block): pid for pid, _, block in numbered(essay)}
    src = essay.source.name
    text = el("text")
    front, body, back = sub(text, "front"), el("body"), el("back")
    sub(front, "pb", {"n": "1"})
    title_page = sub(front, "titlePage")
    container = body
    bibliography: list[ET.Element] = []  # the open listBibl elements, outermost first
    frontmatter = None

    def paragraph(node: ET.Element, block) -> ET.Element:
        pid = pid_of[id(block)]
        node.set(XML_ID, pid)
        b = Inline(node, f"{src}:{block.line} ({pid})")
        _emit_parts(b, block.parts, ctx.marks, ctx, key)
        for mark in at_end.get(pid, []):
            mark.render(b, None)
            mark.placed = True
        b.finish()
        return node

    for block in essay.blocks:
        where = f"{src}:{block.line}"
        if block.kind == "title":
            lines = _lines(block)
            heading = [ln for ln in lines if not _plain(ln).startswith("by ")]
            bylines = [ln for ln in lines if _plain(ln).startswith("by ")]
            doc_title = sub(title_page, "docTitle")
            carry = _content(sub(doc_title, "titlePart", {"type": "main"}), _join_lines(heading), key, ctx, where,
                             strict=not bylines)
            if bylines:
                _content(sub(title_page, "byline"), _join_lines(bylines), key, ctx, where, carry)
        elif block.kind == "series":
            _content(sub(title_page, "titlePart", {"type": "series"}), block.parts, key, ctx, where)
        elif block.kind == "caption":
            figure = sub(title_page, "figure")
            _content(sub(figure, "head"), block.parts, key, ctx, where)
            sub(figure, "figDesc", None,
                "A photograph in the original, not reproduced in this edition; the caption is the original's.")
        elif block.kind == "byline":
            _content(sub(title_page, "byline"), block.parts, key, ctx, where)
        elif block.kind == "frontmatter":
            if frontmatter is None:
                frontmatter = sub(front, "div", {"type": "frontmatter"})
            paragraph(sub(frontmatter, "p"), block)
        elif block.kind == "running_title":
            _content(sub(body, "head", {"type": "running"}), block.parts, key, ctx, where)
        elif block.kind == "heading":
            container = sub(body, "div", {"type": "section"})
            _content(sub(container, "head"), block.parts, key, ctx, where)
        elif block.kind == "body":
            paragraph(sub(container, "p"), block)
        elif block.kind == "bib_heading":
            div = sub(back, "div", {"type": "bibliography"})
            bibliography = [sub(div, "listBibl")]
            _content(sub(bibliography[0], "head"), block.parts, key, ctx, where)
        elif block.kind == "bib_subheading":
            if not bibliography:
                raise TEIError(f"{work.decisions.relative_to(ROOT)}: bibliography subheading {block.plain()!r} stands "
                               "before the bibliography's heading; list it under 'bibliography: subheadings'")
            del bibliography[1:]
            bibliography.append(sub(bibliography[0], "listBibl"))
            _content(sub(bibliography[-1], "head"), block.parts, key, ctx, where)
        elif block.kind == "bib_entry":
            paragraph(sub(bibliography[-1], "bibl"), block)
        else:
            raise TEIError(f"{where}: no TEI element for a block of kind {block.kind!r}")
    if not len(title_page):
        front.remove(title_page)
    for lst in text.iter(f"{{{TEI}}}listBibl"):
        if not any(local(c) in ("bibl", "listBibl") for c in lst):
            raise TEIError(f"{work.decisions.relative_to(ROOT)}: a bibliography heading with no entries under it; "
                           "correct 'bibliography' in the decisions file")
    if not any(local(c) in ("p", "div") for c in body):
        raise TEIError(f"{src}: no paragraph of text was found; check the decisions file {work.decisions.name}")
    text.append(body)
    text.append(back)
    return text


def _indices(back: ET.Element, ctx: Context, used: set[str]) -> None:
    """The list of persons and the glossary: the entries the document points to."""
    persons = [e for e in ctx.entries if e.kind == "person" and ctx.entry_id("person", e.id) in used]
    terms = [e for e in ctx.entries if e.kind == "term" and ctx.entry_id("term", e.id) in used]
    if persons:
        div = sub(back, "div", {"type": "persons"})
        sub(div, "head", None, "Index of persons")
        lst = sub(div, "listPerson")
        for e in sorted(persons, key=lambda e: e.label.lower()):
            where = ctx.where("persons", e.id)
            person = sub(lst, "person", {XML_ID: ctx.entry_id("person", e.id)})
            sub(person, "persName", {"type": "established"}, e.label, where)
            for form in e.forms:
                sub(person, "persName", {"type": "variant"}, form, where)
            for tag, column in (("birth", "born"), ("death", "died")):
                value = e.row[column].strip()
                if value:
                    sub(person, tag, {"when": value} if re.fullmatch(r"\d{4}", value) else None, value, where)
            if e.row["offices"].strip():
                sub(person, "occupation", None, e.row["offices"].strip(), where)
            _inline_text(sub(person, "note"), e.row["identification"].strip(), f"{where}, column 'identification'")
            _source_note(person, e.row, where)
    if terms:
        div = sub(back, "div", {"type": "glossary"})
        sub(div, "head", None, "Glossary of terms and institutions")
        lst = sub(div, "list", {"type": "gloss"})
        for e in sorted(terms, key=lambda e: e.label.lower()):
            where = ctx.where("terms", e.id)
            label = sub(lst, "label")
            sub(label, "term", {XML_ID: ctx.entry_id("term", e.id)}, e.label, where)
            item = _inline_text(sub(lst, "item"), e.row["definition"].strip(), f"{where}, column 'definition'")
            _source_note(item, e.row, where)


def _source_note(parent: ET.Element, row: dict, where: str) -> None:
    _bibl(sub(parent, "note", {"type": "source"}), row["source"], row["url"], where)


def _bibl(parent: ET.Element, source: str, urls: str, where: str) -> ET.Element:
    """A source as ``<bibl>``, its addresses (the ``url`` column, `` ; ``-separated) as links after it."""
    bibl = _inline_text(sub(parent, "bibl"), source.strip(), f"{where}, column 'source'")
    for url in (u.strip() for u in urls.split(" ; ") if u.strip()):
        if len(bibl):
            bibl[-1].tail = (bibl[-1].tail or "") + " "
        else:
            bibl.text = (bibl.text or "") + " "
        sub(bibl, "ref", {"target": url}, url, f"{where}, column 'url'")
    return bibl


def _person(parent: ET.Element, tag: str, person: essays.Person, attrib: dict | None = None) -> ET.Element:
    node = sub(parent, tag, attrib)
    name = sub(node, "persName")
    sub(name, "forename", None, person.given)
    name[-1].tail = " "
    sub(name, "surname", None, person.family)
    return node


def _date(parts: tuple[int, ...]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def _original(work: essays.Work, parent: ET.Element) -> None:
    """The bibliographic description of the original, from the registry."""
    bibl = sub(parent, "biblStruct", {"type": work.kind})
    monogr = sub(bibl, "monogr")
    _person(monogr, "author", work.author)
    sub(monogr, "title", {"level": "m", "type": "main"}, work.title)
    if work.editor:
        _person(monogr, "editor", work.editor)
    imprint = sub(monogr, "imprint")
    if work.place:
        sub(imprint, "pubPlace", None, work.place)
    if work.publisher:
        sub(imprint, "publisher", None, work.publisher)
    sub(imprint, "date", {"when": _date(work.date)}, _date(work.date))
    if work.series:
        series = sub(bibl, "series")
        sub(series, "title", {"level": "s"}, work.series)
        sub(series, "biblScope", {"unit": "number"}, work.number)
    sub(bibl, "note", {"type": "publication"}, work.publication)


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


PRINCIPLES = [
    ("projectDesc", None,
     "A critical edition of essays on Soviet–American relations: each work is reproduced completely from its "
     "copy-text, with the authors' notes, numbered paragraphs with permanent anchors, the printed page breaks "
     "as far as the copy-text shows them, textual notes and the editors' notes. This TEI file is generated "
     "from the same copy-text, decisions and data as the HTML, PDF and EPUB editions; the full statement of "
     "the editorial principles is the edition's chapter \"Editorial principles\" (chapters/principles.html)."),
    ("editorialDecl", "normalization",
     "The copy-text is a plain-text extraction of the printed work. Only what the extraction did is undone: "
     "each page's block of footnotes is moved to its note's marker (place=\"foot\", with the author's number); "
     "a sentence that a note block or blank line split at the foot of a page is rejoined; the list dash "
     "before some note numbers is dropped; the conversion's escapes (\\$) are printed as the character; a "
     "doubled full stop at the end of a note is printed once; the copy-text's asterisks for italic and bold "
     "are encoded as hi with rend italic or bold. Line breaks in title matter and front matter are kept as lb."),
    ("editorialDecl", "correction",
     "No word of the authors is changed silently. Every slip the editors found is an app whose xml:id is the "
     "textual note's anchor (tn-…), with the reason, the evidence and the source as notes of the editors. Slips "
     "in the running text are emended where the reading is certain (type=\"emend\": the lem is the editors', the "
     "rdg the copy-text's). The authors' notes and bibliography stand as written, with the editors' proposed "
     "reading as a rdg (type=\"propose\"); claims of fact are never emended (type=\"note\": the lem is the "
     "copy-text, the notes give the evidence)."),
    ("editorialDecl", "quotation",
     "Quotation marks, straight or curly, stand as in the copy-text."),
    ("editorialDecl", "hyphenation",
     "Hyphens and dashes stand as in the copy-text; the extraction has no line-end hyphenation to undo."),
    ("editorialDecl", "segmentation",
     "Paragraphs are the copy-text's. Every paragraph of the text, and every entry of an author's own "
     "bibliography, is numbered from 1 and carries the edition's anchor as its xml:id (<key>-<n>; front matter "
     "<key>-f<n>); ids are registered in data/paragraphs.csv and never reused."),
    ("editorialDecl", "interpretation",
     "Mentions of persons and terms are found from the spellings recorded in data/persons.csv and "
     "data/terms.csv and reviewed; each is a persName or term whose ref points to its entry in the back "
     "matter. The editors' lettered notes are notes of type \"editorial\" with resp=\"#editors\"."),
]


def _header(work: essays.Work, essay: Essay, standalone: bool) -> ET.Element:
    ed = metadata.edition()
    header = el("teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", {"type": "main"}, work.title)
    sub(title_stmt, "title", {"type": "sub"}, f"An electronic edition in TEI P5, from {ed.title}")
    _person(title_stmt, "author", work.author)
    sub(title_stmt, "editor", {XML_ID: EDITORS} if standalone else None, _editors())
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", None, "TEI encoding generated from the edition's copy-text and data by")
    sub(resp, "name", None, "edition/tei.py (make tei)")
    edition_stmt = sub(file_desc, "editionStmt")
    edition = sub(edition_stmt, "edition", {"n": ed.version}, f"Version {ed.version}, ")
    sub(edition, "date", {"when": ed.released.isoformat()}, ed.released.isoformat())
    extent = sub(file_desc, "extent")
    for unit, quantity in (("paragraphs", len(numbered(essay))), ("notes", len(essay.notes)),
                           ("pages", len(essay.pagebreaks) + 1)):
        sub(extent, "measure", {"unit": unit, "quantity": str(quantity)}, f"{quantity} {unit}")
    _publication(file_desc, ed)
    source_desc = sub(file_desc, "sourceDesc")
    _original(work, source_desc)
    wits = sub(source_desc, "listWit")
    witness = sub(wits, "witness", {XML_ID: f"wit-{work.key}"},
                  f"The copy-text: a plain-text extraction of the printed {work.noun}, kept byte for byte as "
                  f"{work.copytext.relative_to(ROOT)} (SHA-256 {_checksum(work.copytext)}).")
    witness.set("n", work.copytext.name)
    header.append(_encoding())
    profile = sub(header, "profileDesc")
    creation = sub(profile, "creation")
    sub(creation, "date", {"when": _date(work.date)}, _date(work.date))
    lang = sub(profile, "langUsage")
    sub(lang, "language", {"ident": "en"}, "English")
    revision = sub(header, "revisionDesc")
    sub(revision, "change", {"when": ed.released.isoformat(), "n": ed.version},
        f"Version {ed.version} of the edition (see CHANGELOG.md).")
    return header


def _editors() -> str:
    cff = metadata._load_yaml(metadata.CFF)
    return "; ".join(a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip()
                     for a in cff.get("authors", []))


def _publication(file_desc: ET.Element, ed: metadata.Edition) -> None:
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", None, _editors())
    sub(pub, "idno", {"type": "version"}, ed.version)
    if ed.url:
        sub(pub, "idno", {"type": "URL"}, ed.url)
    availability = sub(pub, "availability")
    licence = sub(availability, "licence", {"target": LICENCES.get(ed.license)},
                  f"The edition's own prose, data and encoding: {ed.license}. ")
    licence.text += ("The works reproduced remain the property of their authors and publishers and are "
                     "reproduced for scholarly and teaching use with attribution.")
    sub(pub, "date", {"when": ed.released.isoformat()}, ed.released.isoformat())


def _encoding() -> ET.Element:
    encoding = el("encodingDesc")
    project = sub(encoding, "projectDesc")
    sub(project, "p", None, PRINCIPLES[0][2])
    decl = sub(encoding, "editorialDecl")
    for _, tag, text in PRINCIPLES[1:]:
        sub(sub(decl, tag), "p", None, text)
    refs = sub(encoding, "refsDecl")
    sub(refs, "p", None, "xml:id values are the edition's anchors (edition/ids.py) and the fragment of each "
                         "HTML page: <key>-<n> a paragraph, <key>-f<n> front matter, <key>-n<n> an author's note, "
                         "<key>-p<n> the start of printed page n, tn-<id> a textual note, ednote-<l>-<letter> an "
                         "editors' note, person-<id> and term-<id> an index entry.")
    sub(encoding, "variantEncoding", {"method": "parallel-segmentation", "location": "internal"})
    return encoding


def _tags(header: ET.Element, text: ET.Element) -> Counter:
    """The elements the text uses, counted into the header's tagsDecl."""
    counts = Counter(local(n) for n in text.iter())
    encoding = header.find(f"{{{TEI}}}encodingDesc")
    tags = sub(encoding, "tagsDecl")
    ns = sub(tags, "namespace", {"name": TEI})
    for gi, n in sorted(counts.items()):
        sub(ns, "tagUsage", {"gi": gi, "occurs": str(n)})
    return counts


def document(work: essays.Work, ctx: Context, standalone: bool = True) -> ET.Element:
    """The TEI document of one work; ``standalone`` gives it its own list of persons and glossary."""
    essay = ctx.texts[work.key]
    ctx.marks, at_end, required = _marks(work.key, ctx)
    ctx.used = set()
    text = _text(work, essay, ctx, at_end)
    unplaced = [m.where for m in required if not m.placed]
    if unplaced:
        raise TEIError(f"{'; '.join(unplaced)}: the quoted words could not be placed in the text (they run "
                       "across a note marker, a page break or a line); quote a shorter stretch")
    if standalone:
        _indices(text.find(f"{{{TEI}}}back"), ctx, ctx.used)
    back = text.find(f"{{{TEI}}}back")
    if not len(back):
        text.remove(back)
    tei = el("TEI", {XML_ID: f"tei-{work.key}", XML_LANG: "en"})
    header = _header(work, essay, standalone)
    tei.append(header)
    tei.append(text)
    _tags(header, text)
    return tei


def corpus(ctx: Context) -> ET.Element:
    """Every work in one ``teiCorpus``, with the edition's list of persons and glossary as a last member."""
    ed = metadata.edition()
    root = el("teiCorpus", {XML_LANG: "en"})
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", None, ed.title)
    for work in essays.works():
        _person(title_stmt, "author", work.author)
    sub(title_stmt, "editor", {XML_ID: EDITORS}, _editors())
    edition = sub(sub(file_desc, "editionStmt"), "edition", {"n": ed.version}, f"Version {ed.version}, ")
    sub(edition, "date", {"when": ed.released.isoformat()}, ed.released.isoformat())
    _publication(file_desc, ed)
    source_desc = sub(file_desc, "sourceDesc")
    for work in essays.works():
        _original(work, source_desc)
    header.append(_encoding())
    used: set[str] = set()
    for work in essays.works():
        root.append(document(work, ctx, standalone=False))
        used |= ctx.used
    apparatus = sub(root, "TEI", {XML_ID: "tei-indices"})
    a_header = sub(apparatus, "teiHeader")
    a_file = sub(a_header, "fileDesc")
    sub(sub(a_file, "titleStmt"), "title", None, f"{ed.title}: index of persons and glossary")
    sub(sub(a_file, "publicationStmt"), "p", None, "Published with the corpus; see its header.")
    sub(sub(a_file, "sourceDesc"), "p", None, f"The editors' data: data/persons.csv and data/terms.csv.")
    back = el("back")
    _indices(back, ctx, used)
    a_text = sub(apparatus, "text")
    sub(sub(a_text, "body"), "p", None, "The index of persons and the glossary of the works in this corpus; the "
                                       "persName and term elements of every work point here.")
    if len(back):
        a_text.append(back)
    return root


def _indent(node: ET.Element, level: int = 0) -> None:
    """Indent the containers of element-only content; mixed content is left exactly as built."""
    if local(node) not in STRUCTURAL or (node.text and node.text.strip()) or any(
            c.tail and c.tail.strip() for c in node):
        return
    pad = "\n" + "  " * (level + 1)
    if len(node):
        node.text = pad
        for child in node:
            _indent(child, level + 1)
            child.tail = pad
        node[-1].tail = "\n" + "  " * level


def serialise(root: ET.Element) -> bytes:
    _indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def documents(ctx: Context | None = None) -> dict[str, bytes]:
    """Every file's name and bytes: ``<key>.xml`` per work, then the corpus."""
    ctx = ctx or Context.load()
    out = {f"{work.key}.xml": serialise(document(work, ctx)) for work in essays.works()}
    out[f"{CORPUS}.xml"] = serialise(corpus(ctx))
    return out


def validate(paths: list[Path], schema: Path) -> None:
    """Check files against the RELAX NG schema with jing; TEIError gives jing's messages."""
    if not schema.is_file():
        raise TEIError(f"the TEI schema {schema} is missing; see schemas/README.md")
    if not shutil.which("jing"):
        raise TEIError("jing is not installed; run `make system-tei-deps` (Debian package jing)")
    run = subprocess.run(["jing", str(schema), *map(str, paths)], capture_output=True, text=True)
    if run.returncode != 0:
        raise TEIError(f"the TEI is not valid against {schema.name}:\n{run.stdout.strip()}")


def write(out: Path, files: dict[str, bytes] | None = None, schema: Path | None = None) -> list[Path]:
    """Write every file to a staging folder beside ``out`` (checked against ``schema`` if given), then put it
    in place of ``out`` in one move."""
    files = documents() if files is None else files
    out = Path(out)
    staging = out.with_name(f".{out.name}.staging")
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, content in files.items():
        (staging / name).write_bytes(content)
    if schema is not None:
        try:
            validate([staging / name for name in files], schema)
        except TEIError:
            shutil.rmtree(staging)
            raise
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return [out / name for name in files]


ERRORS = (TEIError, CopyTextError, essays.RegistryError, data.DataError, emendations.EmendationError,
          ednotes.EditorialNoteError, mentions.MentionError, metadata.MetadataError)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "tei", help="folder for the TEI files")
    ap.add_argument("--schema", type=Path, help="check the files with jing against this RELAX NG schema first")
    args = ap.parse_args(argv)
    try:
        paths = write(args.out, schema=args.schema)
    except ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"error: nothing written; {args.out} is as it was", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
