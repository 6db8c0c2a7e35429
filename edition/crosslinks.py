"""Links between the essays: each topic that several essays treat, paragraph to paragraph.

A topic is a row of ``data/crosslinks.csv`` (``topic_id``, ``topic``: a short name, printed, and
``summary``); its paragraphs are the rows of ``data/links.csv`` whose table is ``crosslinks``, any number of
essays each. After each listed paragraph the edition prints a line of class ``ed``, "Compare: Phillips ¶ 12,
¶ 14 (Bullitt)", linking to the other essays' paragraphs; the links run every way because each topic lists
every side.
"""

from __future__ import annotations

from dataclasses import dataclass

from edition import data, essays, ids, safe_text


class CrosslinkError(ValueError):
    """A topic does not hold."""


@dataclass(frozen=True)
class Topic:
    topic_id: str
    topic: str
    paragraphs: dict[str, list[str]]  # work key -> paragraph ids, in the registry's order
    summary: str


def links(table: str) -> dict[str, dict[str, list[str]]]:
    """The rows of ``data/links.csv`` for one table: row id -> work key -> paragraph ids (each once, in order)."""
    out: dict[str, dict[str, list[str]]] = {}
    for row in data.table("links"):
        if row["table"] == table:
            pids = out.setdefault(row["row_id"], {k: [] for k in essays.keys()})[row["essay"]]
            if row["paragraph"] not in pids:
                pids.append(row["paragraph"])
    return out


def load() -> list[Topic]:
    """The topics, each with the paragraphs of at least two essays."""
    linked = links("crosslinks")
    out = []
    for row in data.table("crosslinks"):
        paragraphs = {k: v for k, v in linked.get(row["topic_id"], {}).items() if v}
        if len(paragraphs) < 2:
            raise CrosslinkError(f"data/links.csv: topic {row['topic_id']!r} of data/crosslinks.csv links "
                                 f"{len(paragraphs)} essay(s); a cross-link needs paragraphs of at least two")
        out.append(Topic(row["topic_id"], row["topic"].strip(), paragraphs, row["summary"].strip()))
    return out


def lines(topics: list[Topic], essay: str) -> dict[str, str]:
    """MyST for the "Compare:" lines printed after each paragraph of ``essay`` that a topic lists."""
    out: dict[str, str] = {}
    for topic in topics:
        others = "; ".join(
            f"{essays.get(key).label} " + ", ".join(f"{{ref}}`¶ {ids.label_of(pid)} <{pid}>`" for pid in pids)
            for key, pids in topic.paragraphs.items() if key != essay)
        for pid in topic.paragraphs.get(essay, []):
            out[pid] = out.get(pid, "") + f":::{{container}} ed compare\nCompare: {others} ({safe_text.myst(topic.topic)})\n:::\n"
    return out
