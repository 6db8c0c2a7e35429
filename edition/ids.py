"""The edition's anchor ids, made and read in one place.

    <key>-<n>        a paragraph of the text or a bibliography entry   wesser-12
    <key>-f<n>       a paragraph of the original's front matter         phillips-f3
    <key>-n<n>       an author's note (its marker is <key>-n<n>-ref)    wesser-n12
    <key>-p<n>       the start of a page of the original                 wesser-p2
    <L>-<letters>    an editors' note (its box is ednote-<l>-<letters>)  W-a

``<key>`` is a work's key in ``data/essays.yml`` and ``<L>`` its letter. These forms are published: readers
cite them, so they never change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = r"[a-z][a-z0-9_]*"
PARAGRAPH = re.compile(rf"(?P<key>{_KEY})-(?P<label>f?\d+)")
NOTE = re.compile(rf"(?P<key>{_KEY})-n(?P<number>\d+)")
PAGE = re.compile(rf"(?P<key>{_KEY})-p(?P<number>\d+)")
EDNOTE = re.compile(r"(?P<letter>[A-Z]{1,2})-(?P<mark>[a-z]{1,2})")


@dataclass(frozen=True)
class Paragraph:
    key: str
    label: str  # "12", or "f3" for the front matter

    @property
    def front(self) -> bool:
        return self.label.startswith("f")

    def __str__(self) -> str:
        return f"{self.key}-{self.label}"


def paragraph(key: str, n: int, front: bool = False) -> str:
    return f"{key}-{'f' if front else ''}{n}"


def parse_paragraph(pid: str) -> Paragraph | None:
    m = PARAGRAPH.fullmatch(pid)
    return Paragraph(m["key"], m["label"]) if m else None


def key_of(pid: str) -> str:
    """The work a paragraph, note or page id belongs to."""
    return pid.split("-", 1)[0]


def label_of(pid: str) -> str:
    """What the edition prints after "¶": ``12`` for ``wesser-12``."""
    return pid.split("-", 1)[1]


def note(key: str, number: int | str) -> str:
    return f"{key}-n{number}"


def parse_note(anchor: str) -> tuple[str, int] | None:
    m = NOTE.fullmatch(anchor)
    return (m["key"], int(m["number"])) if m else None


def page(key: str, number: int) -> str:
    return f"{key}-p{number}"


def ednote(letter: str, mark: str) -> str:
    return f"{letter}-{mark}"


def ednote_target(note_id: str) -> str:
    """The label of an editors' note's box; ``<target>-ref`` is its letter in the text."""
    return f"ednote-{note_id.lower()}"
