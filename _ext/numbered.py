"""The ``numbered-paragraphs`` directive: the editors' own prose numbered and citable like the essays.

    :::{numbered-paragraphs} comparison
    :::

Placed once in a chapter, it numbers every paragraph of the chapter's running text (those standing directly
in a section: not notes, lists or boxes) in order, with the anchor ``#<prefix>-<n>`` and the same ¶ number
link the essays have. The numbers follow the order of the text in each version of the edition, so a
citation gives the version, as every citation of the edition does.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition_ext.paragraphs import para, para_number

logger = logging.getLogger(__name__)
PREFIX = re.compile(r"[a-z][a-z0-9_]*")


class numbering(nodes.General, nodes.Element):
    """Where the directive stood; the transform reads its prefix and removes it."""


class NumberedParagraphsDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        prefix = self.arguments[0]
        if not PREFIX.fullmatch(prefix):
            logger.warning("numbered-paragraphs: prefix %r must be lower-case letters, digits and _", prefix,
                           location=self.get_location())
            return []
        return [numbering(prefix=prefix)]


class NumberParagraphs(SphinxTransform):
    default_priority = 400

    def apply(self) -> None:
        marks = list(self.document.findall(numbering))
        if not marks:
            return
        prefix = marks[0]["prefix"]
        for mark in marks:
            mark.parent.remove(mark)
        number = 0
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if not isinstance(paragraph.parent, nodes.section):
                continue
            number += 1
            pid = f"{prefix}-{number}"
            box = para(ids=[pid], classes=["para"])
            box["label"] = str(number)
            paragraph.replace_self(box)
            paragraph.insert(0, para_number("", f"¶ {number}", refid=pid))
            box += paragraph


def setup(app: Sphinx) -> dict:
    app.add_node(numbering)
    app.add_directive("numbered-paragraphs", NumberedParagraphsDirective)
    app.add_transform(NumberParagraphs)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
