"""The textual notes: the edition's emendations, read from ``data/emendations.csv`` and checked against the copy-texts.

Each row names a slip in a copy-text by a *locator*, a stretch of the copy-text's exact characters that occurs
there once and contains the *original* reading. The row's *action* says what the edition does with it:

- ``emend``: the text prints the adopted reading, marked, and the original is shown on demand;
- ``propose``: the text stands as written (authors' notes and bibliography); the textual note proposes a reading;
- ``note``: the text stands; the textual note discusses the claim.

``load`` refuses a table that does not hold, naming the row and the column to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from edition import data, essays, ids, safe_text
from edition.copytext import NOTE_LINE_RE, decisions

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
    return essays.get(essay).copytext.read_text(encoding="utf-8")


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


def load() -> list[Emendation]:
    """The table (validated by ``edition.data``), each row placed in its copy-text; EmendationError names the
    row and the column to fix at the first row that does not hold there."""
    texts = {essay: _copytext(essay) for essay in essays.keys()}
    out: list[Emendation] = []
    for row_no, row in enumerate(data.table("emendations"), start=2):
        def fail(column: str, problem: str) -> None:
            raise EmendationError(f"data/emendations.csv: row {row_no} ({row['emendation_id']}), column {column!r}: {problem}")

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
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _place_label(e: Emendation, where: str) -> str:
    author = essays.get(e.essay).label
    if e.place == "note":
        return f"{author}, note {e.note}"
    return f"{author}, ¶ {ids.label_of(where)}" + (" (bibliography)" if e.place == "bibliography" else "")


def _same_slip(e: Emendation) -> tuple:
    """What makes two rows one slip repeated: the same reading, treatment, reason and evidence."""
    return (e.essay, e.original, e.reading, e.kind, e.action, e.reason, e.evidence, e.source, e.url)


def groups(rows: list[Emendation]) -> list[list[Emendation]]:
    """The rows in order, identical slips in several places gathered into one group at the first of them."""
    out: dict[tuple, list[Emendation]] = {}
    for e in rows:
        out.setdefault(_same_slip(e), []).append(e)
    return list(out.values())


def render_chapter(rows: list[Emendation], where: dict[str, str]) -> str:
    """The "Textual notes" appendix: every row, linked to its mark in the text (which links back). A slip
    repeated identically in several places is one entry that lists every place, each with its own id."""
    entries = groups(rows)
    out = [
        "<!-- Generated by edition.make_chapters from data/emendations.csv; edit the data, not this file. -->",
        "",
        "(textual-notes)=",
        "# Textual notes",
        "",
        f"Every slip the editors found in the {NUMBERS.get(len(essays.works()), len(essays.works()))} copy-texts, and what the edition does with it, as set out in",
        "{ref}`the editorial principles <emendations-policy>`. In the authors' text an emended reading is",
        "followed by a small mark ° that shows the copy-text's reading; a passage left as written carries the",
        "number of its textual note. Each entry below links to that place, and the mark links back here.",
        "The same slip made in several places is one entry that lists each place with its own number.",
        f"The table is kept as data in `data/emendations.csv` ({len(rows)} rows, {len(entries)} entries).",
        "",
    ]
    for essay in essays.keys():
        mine = [g for g in entries if g[0].essay == essay]
        if not mine:
            continue
        out += [f"## {essays.get(essay).label}", ""]
        for group in mine:
            e = group[0]
            reading = f" · **{ACTION_LABEL[e.action]}:** {safe_text.myst(e.reading, 'inline')}" if e.reading else ""
            src = safe_text.myst(e.source) + "".join(f" <{u}>" for u in e.url.split(" ; ") if u and not safe_text.url_problems(u))
            if len(group) == 1:
                head = f"{e.emendation_id}: {{ref}}`{_place_label(e, where[e.emendation_id])} <{e.anchor}-ref>`"
            else:
                places = " · ".join(f"{{ref}}`{_place_label(g, where[g.emendation_id])} ({g.emendation_id}) "
                                    f"<{g.anchor}-ref>`" for g in group)
                count = NUMBERS.get(len(group), str(len(group)))
                head = f"{', '.join(g.emendation_id for g in group)} (the same slip in {count} places): {places}"
            out += [f"({g.anchor})=" for g in group]
            out += [
                head,
                f": **Copy-text:** {safe_text.myst(e.original, 'inline')}{reading} ({ACTION_NOTE[e.action]}; "
                f"{KIND_LABEL.get(e.kind, e.kind)})",
                f": **Reason:** {safe_text.myst(e.reason)}",
                f": **Evidence:** {safe_text.myst(e.evidence)}",
                f": **Source:** {src}",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"
