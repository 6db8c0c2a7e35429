"""The textual notes: the edition's emendations, read from ``data/emendations.csv`` and checked against the copy-texts.

Each row names a slip in a copy-text by a *locator*, a stretch of the copy-text's exact characters that occurs
there once and contains the *original* reading. The row's *action* says what the edition does with it:

- ``emend``: the text prints the adopted reading, marked, and the original is shown on demand;
- ``propose``: the text stands as written (authors' notes and bibliography); the textual note proposes a reading;
- ``note``: the text stands; the textual note discusses the claim.

``load`` refuses a table that does not hold, naming the row and the column to fix.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from edition.copytext import ESSAYS, NOTE_LINE_RE, ROOT, decisions

EMENDATIONS = ROOT / "data" / "emendations.csv"
FIELDS = ["emendation_id", "essay", "place", "note", "locator", "original", "reading", "kind", "action",
          "reason", "evidence", "source", "url"]
PLACES = ("body", "note", "bibliography")
ACTIONS = ("emend", "propose", "note")
KINDS = ("name", "title", "date", "fact", "grammar", "typo", "spelling", "place_of_publication", "transliteration")
ID_RE = re.compile(r"[A-Z]\d{2,3}")
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


class EmendationError(ValueError):
    """A row of the emendations table does not hold against the copy-text."""


@dataclass(frozen=True)
class Emendation:
    emendation_id: str
    essay: str
    place: str
    note: str
    locator: str
    original: str
    reading: str
    kind: str
    action: str
    reason: str
    evidence: str
    source: str
    url: str
    line: int  # line of the copy-text where the original reading stands
    col: int  # its column on that line

    @property
    def anchor(self) -> str:
        """The id of the textual note in the appendix; ``<anchor>-ref`` is its mark in the text."""
        return f"tn-{self.emendation_id.lower()}"


def _copytext(essay: str) -> str:
    return (ROOT / decisions(essay)["source"]).read_text(encoding="utf-8")


def _place_of_line(essay: str, lines: list[str], n: int) -> tuple[str, str]:
    """Where line ``n`` (1-based) of an essay's copy-text stands: ("note", number), ("bibliography", "") or ("body", "")."""
    dec = decisions(essay)
    m = NOTE_LINE_RE[dec["note_marker"]].match(lines[n - 1])
    if m:
        return "note", str(int(m.group(1).translate(_DIGITS)))
    heading = (dec.get("bibliography") or {}).get("heading")
    if heading and heading in lines[: n - 1]:
        return "bibliography", ""
    return "body", ""


def load(path: Path = EMENDATIONS) -> list[Emendation]:
    """Read and check the table; raise EmendationError naming file, row and column at the first problem."""
    texts = {essay: _copytext(essay) for essay in ESSAYS}
    out: list[Emendation] = []
    seen: set[str] = set()
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != FIELDS:
            raise EmendationError(f"{path}: header is {reader.fieldnames}; expected {FIELDS}")
        for row_no, row in enumerate(reader, start=2):
            rid = row["emendation_id"]

            def fail(column: str, problem: str) -> None:
                raise EmendationError(f"{path}: row {row_no} ({rid or 'no id'}), column {column!r}: {problem}")

            if not ID_RE.fullmatch(rid):
                fail("emendation_id", f"{rid!r} is not a letter and two or three digits, e.g. W01")
            if rid in seen:
                fail("emendation_id", f"{rid} is used twice; give each row its own id")
            seen.add(rid)
            for column, allowed in (("essay", ESSAYS), ("place", PLACES), ("kind", KINDS), ("action", ACTIONS)):
                if row[column] not in allowed:
                    fail(column, f"{row[column]!r} is not one of {', '.join(allowed)}")
            if (row["place"] == "note") != row["note"].isdigit():
                fail("note", "give the note's number when place is 'note', and leave it blank otherwise")
            for column in ("locator", "original", "kind", "reason", "evidence", "source"):
                if not row[column].strip():
                    fail(column, "must not be blank")
            if row["action"] == "emend" and not row["reading"].strip():
                fail("reading", "an emendation needs the reading it adopts")
            if row["url"] and not row["url"].startswith(("http://", "https://")):
                fail("url", f"{row['url']!r} is not an http(s) address")
            if "\n" in row["original"]:
                fail("original", "must stand on one line of the copy-text")
            text = texts[row["essay"]]
            count = text.count(row["locator"])
            if count != 1:
                fail("locator", f"occurs {count} times in the {row['essay']} copy-text; quote a stretch that occurs exactly once")
            if row["original"] not in row["locator"]:
                fail("original", f"{row['original']!r} is not inside the locator {row['locator']!r}")
            offset = text.index(row["locator"]) + row["locator"].index(row["original"])
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1)
            place, note = _place_of_line(row["essay"], text.splitlines(), line)
            if (place, note) != (row["place"], row["note"]):
                where = f"note {note}" if place == "note" else place
                fail("place", f"the original stands in the {where} (copy-text line {line}), not in the "
                              f"{row['place']}{' ' + row['note'] if row['note'] else ''}")
            out.append(Emendation(**row, line=line, col=col))
    return out


def spans(rows: list[Emendation], essay: str) -> list:
    """The marks of one essay's textual notes: an emendation replaces the original, any other row follows it."""
    from edition.myst import Span

    out = []
    for e in rows:
        if e.essay != essay:
            continue
        end = e.col + len(e.original)
        if e.action == "emend":
            out.append(Span(e.emendation_id, e.line, e.col, end, f"{{emend}}`{e.emendation_id}`"))
        else:
            out.append(Span(e.emendation_id, e.line, end, end, f"{{tnote}}`{e.emendation_id}`"))
    return out


ACTION_LABEL = {"emend": "Adopted reading", "propose": "Proposed reading", "note": "The evidence gives"}
ACTION_NOTE = {"emend": "emended in the text", "propose": "printed as written", "note": "printed as written"}
KIND_LABEL = {"place_of_publication": "place of publication"}


def _place_label(e: Emendation, where: str) -> str:
    author = e.essay.capitalize()
    if e.place == "note":
        return f"{author}, note {e.note}"
    return f"{author}, ¶ {where.rsplit('-', 1)[1]}" + (" (bibliography)" if e.place == "bibliography" else "")


def render_chapter(rows: list[Emendation], where: dict[str, str]) -> str:
    """The "Textual notes" appendix: every row, linked to its mark in the text (which links back)."""
    out = [
        "<!-- Generated by scripts/make_chapters.py from data/emendations.csv; edit the data, not this file. -->",
        "",
        "(textual-notes)=",
        "# Textual notes",
        "",
        "Every slip the editors found in the two copy-texts, and what the edition does with it, as set out in",
        "{ref}`the editorial principles <emendations-policy>`. In the authors' text an emended reading is",
        "followed by a small mark ° that shows the copy-text's reading; a passage left as written carries the",
        "number of its textual note. Each entry below links to that place, and the mark links back here.",
        f"The table is kept as data in `data/emendations.csv` ({len(rows)} entries).",
        "",
    ]
    for essay in ESSAYS:
        mine = [e for e in rows if e.essay == essay]
        if not mine:
            continue
        out += [f"## {essay.capitalize()}", ""]
        for e in mine:
            reading = f" · **{ACTION_LABEL[e.action]}:** {e.reading}" if e.reading else ""
            src = f"{e.source} <{e.url}>" if e.url else e.source
            out += [
                f"({e.anchor})=",
                f"{e.emendation_id}: {{ref}}`{_place_label(e, where[e.emendation_id])} <{e.anchor}-ref>`",
                f": **Copy-text:** {e.original}{reading} ({ACTION_NOTE[e.action]}; "
                f"{KIND_LABEL.get(e.kind, e.kind)})",
                f": **Reason:** {e.reason}",
                f": **Evidence:** {e.evidence}",
                f": **Source:** {src}",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"
