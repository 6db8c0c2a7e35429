"""Links between the essays, read from ``data/crosslinks.csv``: each topic both essays treat, paragraph to paragraph.

Columns: ``topic_id``, ``topic`` (a short name, printed), ``wesser_paragraphs`` and ``phillips_paragraphs``
(space-separated paragraph ids), ``summary``. After each listed paragraph the edition prints a line of
class ``ed``, "Compare: Phillips ¶ 12, ¶ 14 (Bullitt)", linking to the other essay's paragraphs; the
links run both ways because each topic lists both sides.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from edition.copytext import ESSAYS, ROOT

CROSSLINKS = ROOT / "data" / "crosslinks.csv"
FIELDS = ["topic_id", "topic", "wesser_paragraphs", "phillips_paragraphs", "summary"]
TOPIC_RE = re.compile(r"[a-z0-9_-]+")


class CrosslinkError(ValueError):
    """A row of the cross-links does not hold."""


@dataclass(frozen=True)
class Topic:
    topic_id: str
    topic: str
    paragraphs: dict[str, list[str]]
    summary: str


def load(known: set[str], path: Path = CROSSLINKS) -> list[Topic]:
    """The topics, each paragraph id checked against ``known`` ids; none when the file does not exist."""
    if not path.exists():
        return []
    out, seen = [], set()
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != FIELDS:
            raise CrosslinkError(f"{path}: header is {reader.fieldnames}; expected {FIELDS}")
        for row_no, row in enumerate(reader, start=2):
            def fail(column: str, problem: str) -> None:
                raise CrosslinkError(f"{path}: row {row_no} ({row['topic_id'] or 'no id'}), column {column!r}: {problem}")

            if not TOPIC_RE.fullmatch(row["topic_id"]) or row["topic_id"] in seen:
                fail("topic_id", f"{row['topic_id']!r} must be unique: lower case letters, digits, _ and -")
            seen.add(row["topic_id"])
            if not row["topic"].strip():
                fail("topic", "must not be blank")
            paragraphs = {}
            for essay in ESSAYS:
                column = f"{essay}_paragraphs"
                ids = row[column].split()
                if not ids:
                    fail(column, "a cross-link needs at least one paragraph of each essay")
                for pid in ids:
                    if pid not in known or not pid.startswith(essay + "-"):
                        fail(column, f"{pid!r} is not a paragraph id of {essay} (see data/paragraphs.csv)")
                paragraphs[essay] = ids
            out.append(Topic(row["topic_id"], row["topic"].strip(), paragraphs, row["summary"].strip()))
    return out


def lines(topics: list[Topic], essay: str) -> dict[str, str]:
    """MyST for the "Compare:" lines printed after each paragraph of ``essay`` that a topic lists."""
    out: dict[str, str] = {}
    for topic in topics:
        other = next(e for e in ESSAYS if e != essay)
        refs = ", ".join(f"{{ref}}`¶ {pid.rsplit('-', 1)[1]} <{pid}>`" for pid in topic.paragraphs[other])
        for pid in topic.paragraphs[essay]:
            out[pid] = out.get(pid, "") + (
                f":::{{container}} ed compare\nCompare: {other.capitalize()} {refs} ({topic.topic})\n:::\n"
            )
    return out
