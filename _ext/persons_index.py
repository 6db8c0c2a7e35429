"""The index of persons: every mention of a person in the essays' text becomes an index entry.

``data/persons.csv`` lists each person once, with the researched index form (``name``) and the forms the
texts use (``variants``, separated by ``|``). This transform finds each variant, as a whole word and the
longest first (so "Elliott Roosevelt" is not also read as "Roosevelt"), in a numbered paragraph of an
essay's text and puts an index entry just before it, pointing at the paragraph's anchor.
The printed edition prints the entries as its "Index of persons" with page numbers; the HTML builds list
them in the general index, linked to the paragraphs. The authors' words are not touched: an index entry
renders nothing in the text.

The original's front matter (``<essay>-f<n>``) and Wesser's bibliography are not indexed: they name
institutions, authors and titles, not the persons the essays discuss.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)
PERSONS = Path(__file__).resolve().parent.parent / "data" / "persons.csv"
SKIPPED_SECTIONS = {"bibliography"}  # section titles, lower case, whose paragraphs are not indexed


def load(path: Path = PERSONS) -> tuple[dict[str, str], re.Pattern]:
    """Each variant's index heading, and one pattern matching any variant; a bad row names its file and line."""
    headings = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            name = (row.get("name") or "").strip()
            variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
            if not name or not variants:
                raise ValueError(f"{path.name}, line {line}: columns 'name' and 'variants' must not be empty")
            for variant in variants:
                headings.setdefault(variant, name)
    alternatives = "|".join(re.escape(v) for v in sorted(headings, key=len, reverse=True))
    return headings, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _indexable(text: nodes.Text) -> bool:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, (nodes.footnote_reference, nodes.footnote)) or "ed" in parent.get("classes", []):
            return False
        parent = parent.parent
    return True


class PersonsIndex(SphinxTransform):
    default_priority = 710  # after the notes' stable ids (700), so targets are final

    def apply(self) -> None:
        paras = [p for p in self.document.findall(nodes.Element) if "para" in p.get("classes", []) and p.get("ids")]
        if not paras:
            return
        try:
            persons = load()
        except ValueError as exc:
            logger.warning("%s", exc, location=str(PERSONS))
            return
        self.env.note_dependency(str(PERSONS))
        for para in paras:
            pid = para["ids"][0]
            section = next((a for a in _ancestors(para) if isinstance(a, nodes.section)), None)
            if re.fullmatch(r"[a-z]+-f\d+", pid) or (section is not None and section[0].astext().lower() in SKIPPED_SECTIONS):
                continue
            for text in list(para.findall(nodes.Text)):
                if _indexable(text):
                    _mark(text, pid, persons)


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _mark(text: nodes.Text, target: str, persons: tuple[dict[str, str], re.Pattern]) -> None:
    headings, pattern = persons
    source = str(text)
    hits = [(m.start(), headings[m.group()]) for m in pattern.finditer(source)]
    if not hits:
        return
    parts, last = [], 0
    for start, heading in hits:
        if start > last:
            parts.append(nodes.Text(source[last:start]))
            last = start
        parts.append(addnodes.index(entries=[("single", heading, target, "", None)], inline=True))
    parts.append(nodes.Text(source[last:]))
    text.parent.replace(text, parts)


def setup(app: Sphinx) -> dict:
    app.add_transform(PersonsIndex)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
