"""The index of persons: every mention of a person in the essays' text becomes an index entry.

``data/persons.csv`` lists each person once, with the researched index form (``name``) and the forms the
texts use (``variants``). The mention finder (``edition.mentions``) has found, less the reviewed rejections,
which persons each paragraph mentions (``data/mentions.csv``); this transform marks, with that finder's own
pattern (the longest spelling first, so "Elliott Roosevelt" is not also read as "Roosevelt"), each spelling
of those persons in the paragraph's text, putting an index entry just before it that points at the
paragraph's anchor. The printed edition prints the entries as its "Index of persons" with page numbers; the
HTML builds list them in the general index, linked to the paragraphs. The authors' words are not touched: an
index entry renders nothing in the text.

The original's front matter (``<essay>-f<n>``) and an essay's own bibliography are not indexed: they name
institutions, authors and titles, not the persons the essays discuss.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from edition import data, ids, mentions

logger = logging.getLogger(__name__)
SKIPPED_SECTIONS = {"bibliography"}  # section titles, lower case, whose paragraphs are not indexed


def load() -> dict[str, tuple[dict[str, str], re.Pattern]]:
    """For each paragraph, the index heading of each spelling of the persons mentioned in its text, and the
    mention finder's pattern for those spellings."""
    persons = {e.id: e for e in mentions.load("person")}
    mentioned: dict[str, list[str]] = {}
    for row in data.load()["mentions"]:
        if row["kind"] == "person" and row["note"] is None and row["id"] not in mentioned.setdefault(row["paragraph"], []):
            mentioned[row["paragraph"]].append(row["id"])
    out = {}
    for pid, people in mentioned.items():
        pattern, by_form = mentions.matcher([persons[p] for p in people])
        out[pid] = ({form: e.label for form, e in by_form.items()}, pattern)
    return out


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
        except data.DataError as exc:
            logger.warning("%s", exc, location=self.env.docname)
            return
        self.env.note_dependency(str(mentions.MENTIONS))
        self.env.note_dependency(str(data.DATA / data.resource(mentions.TABLES["person"][0])["path"]))  # the index forms
        for para in paras:
            pid = para["ids"][0]
            section = next((a for a in _ancestors(para) if isinstance(a, nodes.section)), None)
            parsed = ids.parse_paragraph(pid)
            if parsed is None or parsed.front or pid not in persons or (
                    section is not None and section[0].astext().lower() in SKIPPED_SECTIONS):
                continue
            for text in list(para.findall(nodes.Text)):
                if _indexable(text):
                    _mark(text, pid, persons[pid])


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
