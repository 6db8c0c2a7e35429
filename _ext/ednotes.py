"""The ``ednote`` role: the letter of an editors' note at its place in the author's text.

    ... the October 1941 conference{ednote}`W-a` ...

The letter (class ``ed``, set apart from the authors' numerals) links to the note, which the generator prints
after the paragraph with the label ``ednote-w-a``; the letter's own id, ``ednote-w-a-ref``, is a label the
note links back to. The letter is its own node, so that LaTeX, whose superscripts carry no labels, gets the
back-link's target too.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)
NOTE_ID = re.compile(r"[WP]-[a-z]{1,2}")


class ednote_mark(nodes.superscript):
    """The letter of an editors' note; its id is the target of the note's back-link."""


class EditorialNoteRole(SphinxRole):
    def run(self):
        if not NOTE_ID.fullmatch(self.text):
            logger.warning("editors' note id %r is not of the form W-a or P-b", self.text, location=self.get_location())
            return [], []
        target = f"ednote-{self.text.lower()}"
        letter = self.text.split("-", 1)[1]
        mark = ednote_mark("", "", ids=[f"{target}-ref"], names=[f"{target}-ref"], classes=["ed", "ednote-mark"])
        mark += nodes.reference("", letter, refid=target, internal=True, reftitle=f"Editors' note {letter}")
        self.set_source_info(mark)
        self.inliner.document.note_explicit_target(mark)
        return [mark], []


def visit_mark(self, node: ednote_mark) -> None:
    self.visit_superscript(node)


def depart_mark(self, node: ednote_mark) -> None:
    self.depart_superscript(node)


def visit_mark_latex(self, node: ednote_mark) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True))
    self.visit_superscript(node)


def setup(app: Sphinx) -> dict:
    app.add_node(ednote_mark, html=(visit_mark, depart_mark), epub=(visit_mark, depart_mark),
                 latex=(visit_mark_latex, depart_mark), text=(visit_mark, depart_mark))
    app.add_role("ednote", EditorialNoteRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
