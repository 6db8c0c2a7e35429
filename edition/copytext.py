"""Read a copy-text and establish its structure: title matter, paragraphs, notes and page breaks.

The copy-texts are plain-text extractions of printed essays. Each printed page's footnotes stand as a
block in the running text where that page ended, often splitting a sentence in two. This module finds
those blocks, rejoins the text around them, keeps each note with its number, and records every place a
printed page ended as a numbered page break. What it cannot decide from the text alone (which lines are
headings, which blocks are front matter) comes from the essay's reviewed decisions file in
``data/editorial/<essay>.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from edition import ROOT, essays, ids

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
MARKER_RE = re.compile(f"[{SUPERSCRIPTS}]+")
NOTE_LINE_RE = {
    "superscript": re.compile(f"^([{SUPERSCRIPTS}]+) (.*)$"),
    "numeral": re.compile(r"^(?:- )?(\d{1,2}) (.*)$"),
}
# A text block whose last character (before note markers, quotes and brackets) is not one of these ends mid-sentence.
TERMINAL = ".!?"
CLOSERS = "”\"’')]*" + SUPERSCRIPTS


class CopyTextError(ValueError):
    """The copy-text or its decisions file does not have the shape the edition expects."""


class Src(str):
    """Words of the copy-text that know where they stand (line and column of the first character), so that
    the edition's marks (emendations, links) can be placed by position rather than by searching the text."""

    def __new__(cls, text: str, line: int, col: int) -> "Src":
        self = super().__new__(cls, text)
        self.line, self.col = line, col
        return self


@dataclass(frozen=True)
class NoteRef:
    number: int


@dataclass(frozen=True)
class PageBreak:
    number: int  # the printed page that begins here, counted from the first page of the essay (page 1)
    kind: str  # "notes": a footnote block stood here; "split": a sentence was broken by a blank line
    line: int  # line of the copy-text where the evidence stands


Part = str | NoteRef | PageBreak


@dataclass
class Block:
    kind: str  # title, caption, byline, series, frontmatter, running_title, heading, bib_heading, bib_subheading, body, bib_entry
    lines: list[list[Part]]
    line: int

    @property
    def parts(self) -> list[Part]:
        out: list[Part] = []
        for i, ln in enumerate(self.lines):
            if i:
                out.append("\n")
            out.extend(ln)
        return out

    def plain(self) -> str:
        """The block's words without markers, for registries and messages."""
        return "".join(p for p in self.parts if isinstance(p, str)).replace("\n", " ")


@dataclass
class Note:
    number: int
    text: str
    line: int
    normalised: list[str] = field(default_factory=list)


@dataclass
class Essay:
    name: str
    source: Path
    blocks: list[Block]
    notes: dict[int, Note]
    pagebreaks: list[PageBreak]


def decisions(essay: str) -> dict:
    """The work's reviewed decisions (its file in the registry), with ``source``: the copy-text's path."""
    work = essays.get(essay)
    try:
        dec = yaml.safe_load(work.decisions.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CopyTextError(f"{work.decisions.relative_to(ROOT)}: not UTF-8 (byte {exc.start}). "
                            "Fix: save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CopyTextError(f"{work.decisions.relative_to(ROOT)}{where}: not valid YAML "
                            f"({getattr(exc, 'problem', None) or exc}). Fix: correct the indentation or quoting there; "
                            "a value holding ': ' or starting with a quote mark is written in quotes") from None
    if not isinstance(dec, dict):
        raise CopyTextError(f"{work.decisions.relative_to(ROOT)}: expected a mapping of decisions")
    return {**dec, "source": work.copytext}


def _raw_blocks(text: str) -> list[tuple[int, list[str]]]:
    blocks, current, start = [], [], 0
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = n
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _split_markers(line: str, n: int) -> list[Part]:
    parts: list[Part] = []
    pos = 0
    for m in MARKER_RE.finditer(line):
        if m.start() > pos:
            parts.append(Src(line[pos : m.start()], n, pos))
        parts.append(NoteRef(int(m.group().translate(_SUP_TO_DIGIT))))
        pos = m.end()
    if pos < len(line):
        parts.append(Src(line[pos:], n, pos))
    return parts


def _ends_mid_sentence(block: Block) -> bool:
    text = block.plain().rstrip().rstrip(CLOSERS)
    return not text or text[-1] not in TERMINAL


def _starts_as_continuation(block: Block) -> bool:
    first = block.plain().lstrip()
    return bool(first) and (first[0].islower() or first[0] == "[")


def _normalise_note(text: Src) -> tuple[Src, list[str]]:
    done = []
    if text.endswith("..") and not text.endswith("..."):
        text = Src(text[:-1], text.line, text.col)
        done.append("doubled full stop at the end reduced to one")
    return text, done


def parse(essay: str, dec: dict | None = None) -> Essay:
    """Establish the structure of one essay from its copy-text and decisions (by default, its decisions file)."""
    dec = dec if dec is not None else decisions(essay)
    path = ROOT / dec["source"]
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    note_re = NOTE_LINE_RE[dec["note_marker"]]

    # 1. Separate note blocks from text blocks; consecutive note blocks are one page's notes.
    items: list[tuple[str, int, list[str]]] = []
    notes: dict[int, Note] = {}
    for start, lines in _raw_blocks(text):
        matches = [note_re.match(ln) for ln in lines]
        if all(matches):
            for offset, m in enumerate(matches):
                number = int(m.group(1).translate(_SUP_TO_DIGIT))
                if number in notes:
                    raise CopyTextError(f"{path}:{start + offset}: note {number} appears twice")
                body, done = _normalise_note(Src(m.group(2), start + offset, m.start(2)))
                notes[number] = Note(number, body, start + offset, done)
            if items and items[-1][0] == "notes":
                continue
            items.append(("notes", start, []))
        elif any(matches):
            raise CopyTextError(f"{path}:{start}: a block mixes note lines and text lines; split it in the copy-text's decisions")
        else:
            items.append(("text", start, lines))
    expected = list(range(1, len(notes) + 1))
    if sorted(notes) != expected:
        raise CopyTextError(f"{path}: notes are not numbered 1..{len(notes)} without gaps: {sorted(set(expected) - set(notes))} missing")

    # 2. Give the leading blocks their roles; everything after the last role block is the text.
    roles = {v: k for k, v in dec.get("roles", {}).items()}
    headings = set(dec.get("headings") or [])
    bib = dec.get("bibliography") or {}
    attach = set(dec.get("attach_to_previous") or [])
    found_roles: set[str] = set()
    in_frontmatter = False
    in_bibliography = False
    blocks: list[Block] = []
    pagebreaks: list[PageBreak] = []
    pending_break: PageBreak | None = None

    def new_break(kind: str, line: int) -> PageBreak:
        pb = PageBreak(len(pagebreaks) + 2, kind, line)
        pagebreaks.append(pb)
        return pb

    for kind, start, lines in items:
        if kind == "notes":
            pending_break = new_break("notes", start)
            continue
        first = lines[0]
        role = roles.get(first)
        if role:
            found_roles.add(role)
            in_frontmatter = role == "title" and dec.get("frontmatter") == "between_title_and_running_title"
            if role == "running_title":
                in_frontmatter = False
            block_kind = role
        elif in_frontmatter:
            block_kind = "frontmatter"
        elif first in headings:
            block_kind = "heading"
        elif bib and first == bib.get("heading"):
            block_kind, in_bibliography = "bib_heading", True
        elif bib and first in bib.get("subheadings", []):
            block_kind = "bib_subheading"
        else:
            block_kind = "bib_entry" if in_bibliography else "body"
        if block_kind in ("heading", "bib_heading", "bib_subheading") and len(lines) != 1:
            raise CopyTextError(f"{path}:{start}: heading {first!r} spans {len(lines)} lines")
        block = Block(block_kind, [_split_markers(ln, start + i) for i, ln in enumerate(lines)], start)
        prev = blocks[-1] if blocks else None

        # 3. Rejoin text the extraction split at a page end.
        if prev is not None and first in attach:
            if pending_break:
                raise CopyTextError(f"{path}:{start}: {first[:40]!r} is to be attached to the block before, but a note block stands between")
            prev.lines[-1].extend([" "] + block.lines[0])
            prev.lines.extend(block.lines[1:])
            continue
        joinable = (
            prev is not None
            and prev.kind == block_kind == "body"
            and (_ends_mid_sentence(prev) or _starts_as_continuation(block))
        )
        if joinable:
            pb = pending_break or new_break("split", start)
            prev.lines[-1].extend([" ", pb, " "] + block.lines[0])
            prev.lines.extend(block.lines[1:])
            pending_break = None
            continue
        if pending_break:
            # The page ended between two blocks: mark it after the last word of the page when that was text.
            if prev is not None and prev.kind in ("body", "bib_entry", "frontmatter"):
                prev.lines[-1].extend([" ", pending_break])
            else:
                block.lines[0][:0] = [pending_break, " "]
            pending_break = None
        blocks.append(block)

    if pending_break:
        pagebreaks.remove(pending_break)  # the notes of the last page: no page follows them
    missing = set(roles.values()) - found_roles
    if missing:
        raise CopyTextError(f"{path}: decisions name blocks not found in the copy-text: {sorted(missing)}")
    unused = headings - {b.plain() for b in blocks if b.kind == "heading"}
    if unused:
        raise CopyTextError(f"{path}: headings in the decisions file not found: {sorted(unused)}")

    # 4. Every note is referenced exactly once, in order.
    refs = [p.number for b in blocks for p in b.parts if isinstance(p, NoteRef)]
    if refs != expected:
        raise CopyTextError(f"{path}: note markers in the text run {refs[:5]}... but the notes are 1..{len(notes)}")
    return Essay(essay, path, blocks, notes, pagebreaks)


def numbered(essay: Essay) -> list[tuple[str, int, Block]]:
    """The blocks that carry a paragraph number, with their stable id and number.

    Body paragraphs and bibliography entries are numbered 1, 2, ... as ``<key>-<n>``; the original's own
    front matter is numbered separately as ``<key>-f<n>`` so the text's numbering starts at its first words.
    """
    out, n, f = [], 0, 0
    for block in essay.blocks:
        if block.kind in ("body", "bib_entry"):
            n += 1
            out.append((ids.paragraph(essay.name, n), n, block))
        elif block.kind == "frontmatter":
            f += 1
            out.append((ids.paragraph(essay.name, f, front=True), f, block))
    return out


def opening(block: Block, words: int = 8) -> str:
    """The first words of a block, the registry's check that an id still names the same paragraph."""
    return " ".join(re.sub(r"[*\\]", "", block.plain()).split()[:words])
